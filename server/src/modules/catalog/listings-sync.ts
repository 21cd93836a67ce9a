import { type AmazonConnection, checkAborted, type RunEnv, type RunResult, type SyncHandler } from '../sync/index.js';
import { deactivateListingsNotIn, upsertSyncedListings } from './listings-sync.repository.js';
import { type ApiListingsItem, mapListingsItem, type SyncedListing } from './listings-sync-mapper.js';

/**
 * The `listings` data type: the store's Amazon listings through searchListingsItems (Listings Items 2021-08-01), one
 * marketplace at a time, page by page; each page is upserted on (store, marketplace, seller SKU) and committed with
 * the cursor that follows it, so a stopped run resumes at the next page. A marketplace walked from its first page in
 * one run knows every listing Amazon has: the stored ones it did not return are marked inactive (never deleted).
 */

/** Cursor: a walk in progress over the store's marketplaces (by position), with the page token of the next page. */
export interface ListingsCursor {
  walk?: {
    startedAt: number;
    /** Position of the marketplace among the store's marketplaces. */
    marketplaceIndex: number;
    marketplaceId: string;
    pageToken: string | null;
    pages: number;
  };
  /** When the last complete walk started. */
  lastWalkAt?: number;
}

const OPERATION = 'listingsItems_2021-08-01/searchListingsItems';
const INCLUDED = ['summaries', 'attributes', 'offers', 'fulfillmentAvailability', 'issues'];
/** The largest page searchListingsItems serves. */
const PAGE_SIZE = 20;
/** Amazon returns at most this many results of one search, whatever numberOfResults says. */
const REACHABLE = 1000;

interface SearchBody {
  numberOfResults?: number;
  pagination?: { nextToken?: string };
  items?: ApiListingsItem[];
}

async function searchPage(conn: AmazonConnection, sellerId: string, marketplaceId: string, pageToken: string | null) {
  const res = await conn.call<SearchBody>({
    operation: OPERATION,
    method: 'GET',
    path: `/listings/2021-08-01/items/${encodeURIComponent(sellerId)}`,
    // The same query on every page (Amazon binds a page token to it), in a stable order: by SKU.
    query: {
      marketplaceIds: [marketplaceId],
      includedData: INCLUDED,
      sortBy: 'sku',
      sortOrder: 'ASC',
      pageSize: PAGE_SIZE,
      pageToken: pageToken ?? undefined,
    },
  });
  return {
    items: res.body.items ?? [],
    total: res.body.numberOfResults ?? 0,
    nextToken: res.body.pagination?.nextToken ?? null,
  };
}

async function runListingsSync(env: RunEnv): Promise<RunResult> {
  const cursor = env.cursor as ListingsCursor;
  const markets = env.target.marketplaces;
  if (markets.length === 0) return { rows: 0, continues: true };
  const first = (startedAt: number, index: number) => ({
    startedAt,
    marketplaceIndex: index,
    marketplaceId: markets[index]?.marketplaceId ?? '',
    pageToken: null,
    pages: 0,
  });
  let walk: NonNullable<ListingsCursor['walk']> = cursor.walk ?? first(env.now(), 0);
  // The store's marketplaces changed since the cursor was written: restart that marketplace from its first page.
  if (markets[walk.marketplaceIndex]?.marketplaceId !== walk.marketplaceId) {
    const index = markets.findIndex((m) => m.marketplaceId === walk.marketplaceId);
    walk = first(walk.startedAt, index >= 0 ? index : Math.min(walk.marketplaceIndex, markets.length - 1));
  }
  let rows = 0;
  // Only a marketplace read from its first page in this run may mark what Amazon did not return as inactive.
  let complete = walk.pageToken === null;
  let resumedToken = walk.pageToken;
  let seen = new Set<string>();
  let rejected = 0;
  for (;;) {
    checkAborted(env.signal);
    const market = markets[walk.marketplaceIndex];
    if (!market) throw new Error(`Listings cursor points at marketplace ${walk.marketplaceIndex} of ${markets.length}`);
    let page: Awaited<ReturnType<typeof searchPage>>;
    try {
      page = await searchPage(env.conn, env.target.sellerId, market.marketplaceId, walk.pageToken);
    } catch (err) {
      // A page token kept across a crash may have expired: walk this marketplace again from its first page.
      if (resumedToken && (err as { code?: string }).code === 'INVALID_INPUT') {
        resumedToken = null;
        walk = first(walk.startedAt, walk.marketplaceIndex);
        complete = true;
        continue;
      }
      throw err;
    }
    resumedToken = null;
    const listings: SyncedListing[] = [];
    for (const item of page.items) {
      const mapped = mapListingsItem(item, market.marketplaceId, market.currency);
      if ('error' in mapped) {
        rejected++;
        env.warn(`Listing not stored (${market.marketplaceId}): ${mapped.error}`);
        // A listing we could not read is still one Amazon has: it must not be marked inactive.
        if (item.sku) seen.add(item.sku.trim());
        continue;
      }
      listings.push(mapped.listing);
      seen.add(mapped.listing.sellerSku);
    }
    const finished = page.nextToken === null;
    const truncated = finished && page.total > REACHABLE;
    if (truncated)
      env.warn(
        `${market.marketplaceId}: Amazon reports ${page.total} listings and serves the first ${REACHABLE}; listings not returned were left as they are`,
      );
    let next: ListingsCursor;
    if (!finished) next = { ...cursor, walk: { ...walk, pageToken: page.nextToken, pages: walk.pages + 1 } };
    else if (walk.marketplaceIndex + 1 < markets.length)
      next = { ...cursor, walk: first(walk.startedAt, walk.marketplaceIndex + 1) };
    else next = { lastWalkAt: walk.startedAt };
    const deactivate = finished && complete && !truncated;
    const seenHere = seen;
    const marketplaceId = market.marketplaceId;
    await env.commit(
      async (ctx) => {
        const out = await upsertSyncedListings(ctx, env.target, marketplaceId, listings);
        const inactive = deactivate ? await deactivateListingsNotIn(ctx, env.target, marketplaceId, seenHere) : 0;
        return out.created + out.updated + inactive;
      },
      next,
      next.walk ? undefined : walk.startedAt,
    );
    rows += listings.length;
    const share =
      (walk.marketplaceIndex +
        (finished ? 1 : Math.min(0.9, ((walk.pages + 1) * PAGE_SIZE) / Math.max(1, page.total)))) /
      markets.length;
    await env.progress(
      next.walk ? Math.min(95, Math.round(share * 100)) : 100,
      `${marketplaceId}: page ${walk.pages + 1}, ${rows} listings`,
    );
    if (!next.walk) break;
    walk = next.walk;
    if (finished) {
      seen = new Set();
      complete = true;
    }
  }
  if (rejected > 0) env.warn(`${rejected} listings were not stored`);
  return { rows, continues: true };
}

/** The catalog's data types for the sync registry. */
export function listingsSyncHandlers(): SyncHandler[] {
  return [
    {
      dataType: 'listings',
      // searchListingsItems allows 5 calls a second: a walk of 1,000 listings per marketplace takes seconds.
      intervalMs: 6 * 60 * 60_000,
      initialCursor: (): ListingsCursor => ({}),
      cursorSince: (): ListingsCursor => ({}),
      run: runListingsSync,
    },
  ];
}
