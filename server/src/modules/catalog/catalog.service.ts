import type {
  CreateListingInput,
  CreateSkuInput,
  ListListingsQuery,
  ListSkusQuery,
  UpdateListingInput,
  UpdateSkuInput,
} from '@yangfan/contracts';
import { runWrite } from '../../platform/audit.js';
import { type Principal, scopeAllowsStore, scopeFilterOf } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import { conflictAs } from '../../platform/db/constraint-errors.js';
import { type AnyKysely, toJson } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { WriteMeta } from '../iam/index.js';
import { findMarketplace, type StoresService } from '../stores/index.js';
import { newSkuRow, parseSort, skuFieldsOf, toListingDto, toMinor, toSkuDto } from './catalog.mapping.js';
import * as repo from './catalog.repository.js';
import type { ListingSkuTable } from './catalog.tables.js';

export interface CatalogDeps {
  db: AnyKysely;
  clock: Clock;
  stores: StoresService;
}

/** Product master (SPU → SKU), listings per marketplace and their SKU pairing. */
export function createCatalogService(deps: CatalogDeps) {
  const { db, clock, stores } = deps;
  const write = <T>(meta: WriteMeta, fn: Parameters<typeof runWrite<T>>[2]) => runWrite(db, { ...meta, clock }, fn);

  async function visibleSku(p: Principal, id: string) {
    const row = await repo.findSku(db, p.companyId, id);
    if (!row) throw notFound('SKU', id);
    const f = scopeFilterOf(p);
    if (f.productLines && !f.productLines.includes(row.productLine ?? ''))
      throw new AppError('FORBIDDEN', 'This product is outside your data scope');
    if (f.ownerId && row.operatorId !== f.ownerId && row.productManagerId !== f.ownerId) {
      throw new AppError('FORBIDDEN', 'This product is outside your data scope');
    }
    return row;
  }

  async function visibleListing(p: Principal, id: string) {
    const row = await repo.findListing(db, p.companyId, id);
    if (!row) throw notFound('Listing', id);
    const f = scopeFilterOf(p);
    if (!scopeAllowsStore(f, row.storeId, row.marketplaceId) || (f.ownerId && row.operatorId !== f.ownerId)) {
      throw new AppError('FORBIDDEN', 'This listing is outside your data scope');
    }
    return row;
  }

  async function listingDtos(companyId: string, rows: repo.ListingRow[]) {
    const names = await stores.namesOf(companyId);
    const pairs = await repo.pairingsOf(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((r) =>
      toListingDto(
        r,
        names.get(r.storeId) ?? r.storeId,
        pairs.filter((x) => x.listingId === r.id).map(({ skuId, sku, quantity }) => ({ skuId, sku, quantity })),
      ),
    );
  }

  async function resolvePairs(
    companyId: string,
    listingId: string,
    skus: { sku: string; quantity: number }[],
  ): Promise<ListingSkuTable[]> {
    const ids = await repo.mapSkuCodes(
      db,
      companyId,
      skus.map((s) => s.sku),
    );
    const seen = new Set<string>();
    return skus.map((s) => {
      const skuId = ids.get(s.sku);
      if (!skuId) throw new AppError('INVALID_INPUT', `Unknown SKU "${s.sku}"`, { field: 'skus' });
      if (seen.has(skuId)) throw new AppError('INVALID_INPUT', `SKU "${s.sku}" is listed twice`, { field: 'skus' });
      seen.add(skuId);
      return { listingId, skuId, quantity: s.quantity };
    });
  }

  function assertWritableSkuScope(p: Principal, productLine: string | null | undefined) {
    const f = scopeFilterOf(p);
    if (f.productLines && !f.productLines.includes(productLine ?? '')) {
      throw new AppError('FORBIDDEN', 'You may only write products of your product lines', { field: 'productLine' });
    }
  }

  async function assertSpu(companyId: string, spuId: string | null | undefined) {
    if (spuId && !(await repo.findSpu(db, companyId, spuId)))
      throw new AppError('INVALID_INPUT', `SPU ${spuId} does not exist`, { field: 'spuId' });
  }

  return {
    // ---- SPU ----
    async listSpus(p: Principal, q?: string) {
      const rows = await repo.listSpus(db, p.companyId, q);
      return {
        rows: rows.map((r) => ({
          id: r.id,
          code: r.code,
          name: r.name,
          productLine: r.productLine,
          brand: r.brand,
          category: r.category,
          skuCount: r.skuCount,
        })),
        total: rows.length,
      };
    },
    async createSpu(
      p: Principal,
      meta: WriteMeta,
      input: {
        code: string;
        name: string;
        productLine?: string | null | undefined;
        brand?: string | null | undefined;
        category?: string | null | undefined;
      },
    ) {
      const now = clock.now();
      const row = {
        id: newId('spu'),
        companyId: p.companyId,
        code: input.code,
        name: input.name,
        productLine: input.productLine ?? null,
        brand: input.brand ?? null,
        category: input.category ?? null,
        createdAt: now,
        updatedAt: now,
      };
      await conflictAs('code', () => write(meta, (ctx) => repo.insertSpu(ctx, row)));
      return { ...row, skuCount: 0 };
    },
    async updateSpu(p: Principal, meta: WriteMeta, id: string, patch: Record<string, string | null | undefined>) {
      const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      await conflictAs('code', () => write(meta, (ctx) => repo.updateSpu(ctx, p.companyId, id, clean)));
      return (await this.listSpus(p)).rows.find((r) => r.id === id)!;
    },

    // ---- SKU ----
    async listSkus(p: Principal, q: ListSkusQuery) {
      const sort = parseSort(q.sort, repo.SKU_SORT_FIELDS, { field: 'sku', dir: 'asc' });
      const { rows, total } = await repo.listSkus(db, { ...q, scope: scopeFilterOf(p) }, sort, q.limit, q.offset);
      return { rows: rows.map(toSkuDto), total };
    },
    async getSku(p: Principal, id: string) {
      return toSkuDto(await visibleSku(p, id));
    },
    async createSku(p: Principal, meta: WriteMeta, input: CreateSkuInput) {
      assertWritableSkuScope(p, input.productLine);
      await assertSpu(p.companyId, input.spuId);
      const f = skuFieldsOf(input);
      const now = clock.now();
      const row = newSkuRow(p.companyId, input.sku, input.name, f, now);
      await conflictAs('sku', () => write(meta, (ctx) => repo.insertSku(ctx, row)));
      return this.getSku(p, row.id);
    },
    async updateSku(p: Principal, meta: WriteMeta, id: string, input: UpdateSkuInput) {
      const current = await visibleSku(p, id);
      if (input.productLine !== undefined) assertWritableSkuScope(p, input.productLine);
      await assertSpu(p.companyId, input.spuId);
      const fields = skuFieldsOf(input, current);
      await conflictAs('sku', () => write(meta, (ctx) => repo.updateSku(ctx, p.companyId, id, fields)));
      return this.getSku(p, id);
    },
    async deleteSku(p: Principal, meta: WriteMeta, id: string) {
      const current = await visibleSku(p, id);
      if (current.listingCount > 0) {
        throw new AppError(
          'CONFLICT',
          `SKU ${current.sku} is paired with ${current.listingCount} listing(s); unpair it first`,
        );
      }
      await write(meta, (ctx) => repo.deleteSku(ctx, p.companyId, id));
    },

    // ---- listings ----
    async listListings(p: Principal, q: ListListingsQuery) {
      const sort = parseSort(q.sort, repo.LISTING_SORT_FIELDS, { field: 'sellerSku', dir: 'asc' });
      const { rows, total } = await repo.listListings(db, { ...q, scope: scopeFilterOf(p) }, sort, q.limit, q.offset);
      return { rows: await listingDtos(p.companyId, rows), total };
    },
    async getListing(p: Principal, id: string) {
      const [dto] = await listingDtos(p.companyId, [await visibleListing(p, id)]);
      return dto!;
    },
    async createListing(p: Principal, meta: WriteMeta, input: CreateListingInput) {
      const store = await stores.get(p, input.storeId);
      const mp = findMarketplace(input.marketplaceId);
      if (!mp || !store.marketplaceIds.includes(mp.marketplaceId)) {
        throw new AppError('INVALID_INPUT', `Store ${store.name} does not sell in marketplace ${input.marketplaceId}`, {
          field: 'marketplaceId',
        });
      }
      if (!scopeAllowsStore(scopeFilterOf(p), store.id, mp.marketplaceId))
        throw new AppError('FORBIDDEN', 'This marketplace is outside your data scope');
      const now = clock.now();
      const id = newId('lst');
      const row = {
        id,
        companyId: p.companyId,
        storeId: store.id,
        marketplaceId: mp.marketplaceId,
        sellerSku: input.sellerSku,
        asin: input.asin ?? null,
        parentAsin: input.parentAsin ?? null,
        fnsku: input.fnsku ?? null,
        title: input.title ?? null,
        fulfillmentChannel: input.fulfillmentChannel ?? 'FBA',
        status: input.status ?? 'active',
        priceMinor: toMinor(input.price, mp.currency, 'price'),
        currency: mp.currency,
        tagsJson: toJson(input.tags ?? []),
        operatorId: input.operatorId ?? null,
        launchDate: input.launchDate ?? null,
        createdAt: now,
        updatedAt: now,
      };
      const pairs = await resolvePairs(p.companyId, id, input.skus ?? []);
      await conflictAs('sellerSku', () => write(meta, (ctx) => repo.insertListing(ctx, row, pairs)));
      return this.getListing(p, id);
    },
    async updateListing(p: Principal, meta: WriteMeta, id: string, input: UpdateListingInput) {
      const current = await visibleListing(p, id);
      const patch: Record<string, unknown> = {};
      for (const k of [
        'asin',
        'parentAsin',
        'fnsku',
        'title',
        'fulfillmentChannel',
        'status',
        'operatorId',
        'launchDate',
      ] as const) {
        if (input[k] !== undefined) patch[k] = input[k];
      }
      if (input.price !== undefined) patch.priceMinor = toMinor(input.price, current.currency, 'price');
      if (input.tags !== undefined) patch.tagsJson = toJson([...new Set(input.tags)]);
      const pairs = input.skus ? await resolvePairs(p.companyId, id, input.skus) : undefined;
      await write(meta, (ctx) => repo.updateListing(ctx, p.companyId, id, patch, pairs));
      return this.getListing(p, id);
    },
    async deleteListing(p: Principal, meta: WriteMeta, id: string) {
      await visibleListing(p, id);
      await write(meta, (ctx) => repo.deleteListing(ctx, p.companyId, id));
    },
    async stats(p: Principal) {
      return repo.catalogStats(db, scopeFilterOf(p));
    },
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
