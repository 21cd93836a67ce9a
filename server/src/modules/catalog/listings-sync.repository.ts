import type { WriteContext } from '../../platform/audit.js';
import { insertMany, tables } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import type { CatalogTables, ListingTable } from './catalog.tables.js';
import type { SyncedListing } from './listings-sync-mapper.js';

/**
 * Writes of the `listings` sync: Amazon's fields of a listing (ASIN, title, FNSKU, status, price, fulfillment channel)
 * upserted on (store, marketplace, seller SKU). The fields people own — tags, operator, launch date, SKU pairing,
 * parent ASIN — are never written here. One operation-log record per batch, and none when nothing changed.
 */

const w = (ctx: WriteContext) => tables<CatalogTables>(ctx.trx);
const CHUNK = 500;

export interface ListingsSyncOutcome {
  created: number;
  updated: number;
  unchanged: number;
}

interface Target {
  companyId: string;
  storeId: string;
}

type AmazonFields = Pick<
  ListingTable,
  'asin' | 'title' | 'fnsku' | 'status' | 'priceMinor' | 'currency' | 'fulfillmentChannel'
>;

const AMAZON_FIELDS = ['asin', 'title', 'fnsku', 'status', 'priceMinor', 'currency', 'fulfillmentChannel'] as const;

function amazonFieldsOf(l: SyncedListing, stored: AmazonFields | undefined): AmazonFields {
  return {
    asin: l.asin ?? stored?.asin ?? null,
    title: l.title ?? stored?.title ?? null,
    // An FNSKU exists only for FBA offers: Amazon naming none keeps the one we had (a listing moved to FBM keeps it).
    fnsku: l.fnsku ?? stored?.fnsku ?? null,
    status: l.status,
    priceMinor: l.priceMinor,
    currency: l.currency,
    fulfillmentChannel: l.fulfillmentChannel ?? stored?.fulfillmentChannel ?? 'FBM',
  };
}

/** Upserts one page of a marketplace's listings. */
export async function upsertSyncedListings(
  ctx: WriteContext,
  target: Target,
  marketplaceId: string,
  listings: readonly SyncedListing[],
): Promise<ListingsSyncOutcome> {
  const out: ListingsSyncOutcome = { created: 0, updated: 0, unchanged: 0 };
  if (listings.length === 0) return out;
  const db = w(ctx);
  const bySku = new Map(listings.map((l) => [l.sellerSku, l]));
  const skus = [...bySku.keys()];
  const stored = new Map<string, AmazonFields & { id: string }>();
  for (let i = 0; i < skus.length; i += CHUNK) {
    const rows = await db
      .selectFrom('listing')
      .select(['id', 'sellerSku', ...AMAZON_FIELDS])
      .where('storeId', '=', target.storeId)
      .where('marketplaceId', '=', marketplaceId)
      .where('sellerSku', 'in', skus.slice(i, i + CHUNK))
      .execute();
    for (const r of rows)
      stored.set(r.sellerSku, { ...r, priceMinor: r.priceMinor === null ? null : Number(r.priceMinor) });
  }
  const now = ctx.clock.now();
  const inserts: ListingTable[] = [];
  const changes: { sellerSku: string; before: Partial<AmazonFields>; after: Partial<AmazonFields> }[] = [];
  for (const l of bySku.values()) {
    const prev = stored.get(l.sellerSku);
    const next = amazonFieldsOf(l, prev);
    if (!prev) {
      inserts.push({
        id: newId('lst'),
        companyId: target.companyId,
        storeId: target.storeId,
        marketplaceId,
        sellerSku: l.sellerSku,
        parentAsin: null,
        tagsJson: '[]',
        operatorId: null,
        launchDate: null,
        createdAt: now,
        updatedAt: now,
        ...next,
      });
      continue;
    }
    const before: Partial<Record<keyof AmazonFields, unknown>> = {};
    const after: Partial<Record<keyof AmazonFields, unknown>> = {};
    for (const k of AMAZON_FIELDS) {
      if (prev[k] !== next[k]) {
        before[k] = prev[k];
        after[k] = next[k];
      }
    }
    if (Object.keys(after).length === 0) {
      out.unchanged++;
      continue;
    }
    await db
      .updateTable('listing')
      .set({ ...next, updatedAt: now })
      .where('id', '=', prev.id)
      .execute();
    changes.push({
      sellerSku: l.sellerSku,
      before: before as Partial<AmazonFields>,
      after: after as Partial<AmazonFields>,
    });
  }
  await insertMany(ctx.trx, 'listing', inserts, 50);
  out.created = inserts.length;
  out.updated = changes.length;
  if (out.created + out.updated > 0)
    await ctx.record({
      module: 'catalog',
      entity: 'listing',
      entityId: null,
      action: 'sync',
      summary: `${marketplaceId}: ${out.created} created, ${out.updated} updated, ${out.unchanged} unchanged`,
      after: {
        storeId: target.storeId,
        marketplaceId,
        created: inserts.map((r) => r.sellerSku),
        updated: changes.slice(0, 200),
      },
    });
  return out;
}

/**
 * After a complete walk of a marketplace: its listings Amazon did not return are marked inactive (never deleted: their
 * pairing, tags and history stay). Returns how many changed.
 */
export async function deactivateListingsNotIn(
  ctx: WriteContext,
  target: Target,
  marketplaceId: string,
  seen: ReadonlySet<string>,
): Promise<number> {
  const db = w(ctx);
  const rows = await db
    .selectFrom('listing')
    .select(['id', 'sellerSku', 'status'])
    .where('storeId', '=', target.storeId)
    .where('marketplaceId', '=', marketplaceId)
    .where('status', '!=', 'inactive')
    .execute();
  const gone = rows.filter((r) => !seen.has(r.sellerSku));
  if (gone.length === 0) return 0;
  const now = ctx.clock.now();
  const ids = gone.map((r) => r.id);
  for (let i = 0; i < ids.length; i += CHUNK)
    await db
      .updateTable('listing')
      .set({ status: 'inactive', updatedAt: now })
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .execute();
  await ctx.record({
    module: 'catalog',
    entity: 'listing',
    entityId: null,
    action: 'sync',
    summary: `${marketplaceId}: ${gone.length} listings no longer returned by Amazon marked inactive`,
    after: {
      storeId: target.storeId,
      marketplaceId,
      inactive: gone.slice(0, 500).map((r) => ({ sellerSku: r.sellerSku, status: r.status })),
    },
  });
  return gone.length;
}
