import { createHash } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import type { ImportError, ImportReport } from '@yangfan/contracts';
import { diffFields, runWrite, type WriteContext } from '../../platform/audit.js';
import { type Principal, scopeAllowsStore, scopeFilterOf } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { AnyKysely } from '../../platform/db/database.js';
import { mapColumns, openTabular } from '../../platform/files/tabular.js';
import { newId } from '../../platform/ids.js';
import { mapUserEmails, type WriteMeta } from '../iam/index.js';
import { findMarketplace, type StoresService } from '../stores/index.js';
import { newSkuRow, toLogShape } from './catalog.mapping.js';
import * as repo from './catalog.repository.js';
import type { ListingFields, ListingSkuTable, ListingTable, SkuFields, SkuTable, SpuTable } from './catalog.tables.js';
import { LISTING_COLUMNS, PRODUCT_COLUMNS } from './catalog-columns.js';
import { type ParsedRow, parseListingRow, parseProductRow } from './catalog-rows.js';

export type ImportKind = 'products' | 'listings';
const MAX_ERRORS = 1000;

export interface ImportDeps {
  db: AnyKysely;
  clock: Clock;
  stores: StoresService;
}

type Progress = (rows: number) => void;

class DryRunRollback extends Error {}

/** Hashes a stream as it passes (the import run records the file's sha256). */
function hashing(input: Readable | Buffer): { stream: Readable; digest: () => string } {
  const h = createHash('sha256');
  let hex: string | null = null;
  const digest = () => {
    hex ??= h.digest('hex');
    return hex;
  };
  if (Buffer.isBuffer(input)) {
    h.update(input);
    const pt = new PassThrough();
    pt.end(input);
    return { stream: pt, digest };
  }
  const pt = new PassThrough({ highWaterMark: 1 << 20 });
  input.on('data', (c: Buffer) => h.update(c));
  input.on('error', (e) => pt.destroy(e));
  input.pipe(pt);
  return { stream: pt, digest };
}

/**
 * Imports a products or listings file (CSV or XLSX). Every row is validated first; any error rejects the whole
 * file with the row report and writes nothing. A real run is one transaction; a dry run computes the same counts
 * and rolls back. Rows equal to what is stored count as unchanged, so re-importing a file changes nothing.
 */
export async function importCatalogFile(
  deps: ImportDeps,
  p: Principal,
  meta: WriteMeta,
  input: { kind: ImportKind; file: Readable | Buffer; fileName: string; dryRun: boolean; onProgress?: Progress },
): Promise<ImportReport> {
  const { stream, digest } = hashing(input.file);
  const tab = await openTabular(stream, input.fileName);
  const spec = input.kind === 'products' ? PRODUCT_COLUMNS : LISTING_COLUMNS;
  const { map, missing } = mapColumns(tab.headers, spec);
  const report: ImportReport = {
    kind: input.kind,
    dryRun: input.dryRun,
    fileName: input.fileName,
    status: 'ok',
    rowsTotal: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    errors: [],
  };
  const reject = (errs: ImportError[]) => {
    for (const er of errs) if (report.errors.length < MAX_ERRORS) report.errors.push(er);
  };
  if (missing.length > 0) {
    reject(missing.map((c) => ({ line: 1, column: spec[c]!.title, reason: 'missing required column' })));
    for await (const _ of tab.rows) report.rowsTotal++;
    report.status = 'rejected';
    return report;
  }
  const headerOf = (c: string) => map.get(c) ?? spec[c]?.title ?? c;
  const mpCache = new Map<string, { marketplaceId: string; currency: string } | null>();
  const resolveMp = (ref: string) => {
    if (!mpCache.has(ref)) {
      const m = findMarketplace(ref);
      mpCache.set(ref, m ? { marketplaceId: m.marketplaceId, currency: m.currency } : null);
    }
    return mpCache.get(ref)!;
  };
  let errorCount = 0;
  const emails = await mapUserEmails(deps.db, p.companyId);
  const ownerId = (email: string | undefined, line: number, column: string): string | null | undefined => {
    if (email === undefined) return undefined;
    const id = emails.get(email);
    if (!id) {
      errorCount++;
      reject([{ line, column: headerOf(column), reason: 'no user with this email', value: email }]);
    }
    return id ?? null;
  };
  // Planners name columns canonically; the report names them as the file does.
  const rejectPlanned = (errs: ImportError[]) =>
    reject(errs.map((er) => ({ ...er, column: er.column === null ? null : headerOf(er.column) })));
  // Each row is classified as it is read, so only what will be written is kept in memory, not the parsed file.
  const planner =
    input.kind === 'products'
      ? await planProducts(deps, p, ownerId, rejectPlanned)
      : await planListings(deps, p, ownerId, rejectPlanned, map.has('skus'));
  const add = planner.add as (row: ParsedRow<SkuFields | ListingFields>) => void;
  const firstLineOfKey = new Map<string, number>();
  for await (const r of tab.rows) {
    report.rowsTotal++;
    const cells: Record<string, string> = {};
    for (const [canonical, header] of map) cells[canonical] = r.cells[header] ?? '';
    const ctx = { line: r.line, headerOf };
    const parsed =
      input.kind === 'products'
        ? parseProductRow(cells, ctx)
        : parseListingRow(cells, ctx, { marketplaceCurrency: resolveMp });
    if (parsed.errors.length) {
      errorCount += parsed.errors.length;
      reject(parsed.errors);
    } else if (parsed.row) {
      const prev = firstLineOfKey.get(parsed.row.key);
      if (prev !== undefined) {
        errorCount++;
        reject([
          {
            line: r.line,
            column: null,
            reason: `duplicate key ${parsed.row.key.replace(/\|/g, ' / ')} (first on line ${prev})`,
          },
        ]);
      } else {
        firstLineOfKey.set(parsed.row.key, r.line);
        add(parsed.row);
      }
    }
    if (report.rowsTotal % 5000 === 0) input.onProgress?.(report.rowsTotal);
  }
  input.onProgress?.(report.rowsTotal);
  if (report.rowsTotal === 0) reject([{ line: 2, column: null, reason: 'the file has no data rows' }]);
  firstLineOfKey.clear();
  const plan = planner.finish();
  if (report.errors.length > 0 || errorCount > 0) {
    report.status = 'rejected';
    return report;
  }
  report.created = plan.created;
  report.updated = plan.updated;
  report.unchanged = plan.unchanged;
  try {
    await runWrite(deps.db, { ...meta, source: 'import', clock: deps.clock }, async (ctx) => {
      await plan.apply(ctx);
      if (input.dryRun) throw new DryRunRollback();
      const runId = newId('imp');
      await repo.insertImportRun(ctx, {
        id: runId,
        companyId: p.companyId,
        kind: input.kind,
        fileName: input.fileName,
        fileSha256: digest(),
        dryRun: 0,
        status: 'ok',
        rowsTotal: report.rowsTotal,
        rowsCreated: report.created,
        rowsUpdated: report.updated,
        rowsUnchanged: report.unchanged,
        errorsJson: '[]',
        actorId: meta.actor.id,
        createdAt: deps.clock.now(),
      });
      await ctx.record({
        module: 'catalog',
        entity: 'import_run',
        entityId: runId,
        action: 'import',
        after: {
          kind: input.kind,
          fileName: input.fileName,
          sha256: digest(),
          created: report.created,
          updated: report.updated,
          unchanged: report.unchanged,
          createdKeys: plan.createdKeys.slice(0, 1000),
        },
        summary: `${input.kind}: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged`,
      });
    });
  } catch (e) {
    if (!(e instanceof DryRunRollback)) throw e;
  }
  return report;
}

interface Planner<F> {
  /** Classifies one valid row against what is stored (create / update / unchanged) as it is read. */
  add(row: ParsedRow<F>): void;
  finish(): Plan;
}

interface Plan {
  created: number;
  updated: number;
  unchanged: number;
  createdKeys: string[];
  apply(ctx: WriteContext): Promise<void>;
}

type OwnerResolver = (email: string | undefined, line: number, column: string) => string | null | undefined;

async function planProducts(
  deps: ImportDeps,
  p: Principal,
  ownerId: OwnerResolver,
  reject: (e: ImportError[]) => void,
): Promise<Planner<SkuFields>> {
  const scope = scopeFilterOf(p);
  const existing = new Map((await repo.listSkusByCodes(deps.db, p.companyId)).map((s) => [s.sku, s]));
  const spus = new Map((await repo.listSpus(deps.db, p.companyId)).map((s) => [s.code, s.id]));
  const now = deps.clock.now();
  const newSpus: SpuTable[] = [];
  const inserts: SkuTable[] = [];
  const updates: { id: string; sku: string; fields: Partial<SkuFields>; before: SkuTable }[] = [];
  let unchanged = 0;
  const add = (r: ParsedRow<SkuFields>): void => {
    const f: Partial<SkuFields> = { ...r.fields };
    const op = ownerId(r.extra.operator, r.line, 'operator');
    if (op !== undefined) f.operatorId = op;
    const pm = ownerId(r.extra.productManager, r.line, 'productManager');
    if (pm !== undefined) f.productManagerId = pm;
    if (r.extra.spuCode) {
      let spuId = spus.get(r.extra.spuCode);
      if (!spuId) {
        spuId = newId('spu');
        spus.set(r.extra.spuCode, spuId);
        newSpus.push({
          id: spuId,
          companyId: p.companyId,
          code: r.extra.spuCode,
          name: f.name ?? r.extra.spuCode,
          productLine: f.productLine ?? null,
          brand: null,
          category: null,
          createdAt: now,
          updatedAt: now,
        });
      }
      f.spuId = spuId;
    }
    const before = existing.get(r.key);
    const productLine = f.productLine ?? before?.productLine ?? null;
    if (scope.productLines && !scope.productLines.includes(productLine ?? '')) {
      reject([
        { line: r.line, column: null, reason: 'product line outside your data scope', value: productLine ?? '' },
      ]);
      return;
    }
    if (!before) {
      if (!f.name) {
        reject([{ line: r.line, column: 'name', reason: 'required for a new product' }]);
        return;
      }
      inserts.push(newSkuRow(p.companyId, r.key, f.name, f, now));
      return;
    }
    if (f.costMinor !== undefined && f.costCurrency === undefined && f.costMinor !== null && !before.costCurrency) {
      reject([{ line: r.line, column: 'costCurrency', reason: 'cost needs a currency' }]);
      return;
    }
    const diff = diffFields(pick(before, f), f);
    if (diff) updates.push({ id: before.id, sku: before.sku, fields: f, before });
    else unchanged++;
  };
  const finish = (): Plan => ({
    created: inserts.length,
    updated: updates.length,
    unchanged,
    createdKeys: inserts.map((i) => i.sku),
    async apply(ctx) {
      await repo.bulkInsertSpus(ctx, newSpus);
      await repo.bulkInsert(ctx, 'sku', inserts);
      for (const u of updates) {
        const diff = diffFields(pick(u.before, u.fields), u.fields)!;
        await repo.setSkuFields(ctx, u.id, u.fields, now);
        await ctx.record({
          module: 'catalog',
          entity: 'sku',
          entityId: u.id,
          action: 'update',
          before: toLogShape(diff.before, u.before),
          after: toLogShape(diff.after, { ...u.before, ...u.fields }),
          summary: u.sku,
        });
      }
    },
  });
  return { add, finish };
}

async function planListings(
  deps: ImportDeps,
  p: Principal,
  ownerId: OwnerResolver,
  reject: (e: ImportError[]) => void,
  needsSkus: boolean,
): Promise<Planner<ListingFields>> {
  const scope = scopeFilterOf(p);
  const stores = (await deps.stores.list({ ...p, scope: { ...p.scope, allStores: true } })).rows;
  const storeByRef = new Map<string, (typeof stores)[number]>();
  for (const s of stores) {
    storeByRef.set(s.id, s);
    storeByRef.set(s.name.toLowerCase(), s);
  }
  const existing = await repo.mapListingKeys(deps.db, p.companyId);
  const pairings = await repo.mapPairings(deps.db, p.companyId);
  const skuIds = needsSkus ? await repo.mapSkuCodes(deps.db, p.companyId, null) : new Map<string, string>();
  const now = deps.clock.now();
  const inserts: ListingTable[] = [];
  const pairInserts: ListingSkuTable[] = [];
  const updates: {
    id: string;
    key: string;
    fields: Partial<ListingFields>;
    before: ListingTable;
    pairs?: ListingSkuTable[];
    pairsBefore?: string;
  }[] = [];
  let unchanged = 0;
  const add = (r: ParsedRow<ListingFields>): void => {
    const store = storeByRef.get(r.extra.storeRef!) ?? storeByRef.get(r.extra.storeRef!.toLowerCase());
    if (!store) {
      reject([{ line: r.line, column: 'store', reason: 'unknown store', value: r.extra.storeRef }]);
      return;
    }
    const mpId = r.extra.marketplaceRef!;
    if (!store.marketplaceIds.includes(mpId)) {
      reject([
        {
          line: r.line,
          column: 'marketplace',
          reason: `store ${store.name} does not sell in this marketplace`,
          value: mpId,
        },
      ]);
      return;
    }
    if (!scopeAllowsStore(scope, store.id, mpId)) {
      reject([
        { line: r.line, column: 'store', reason: 'store or marketplace outside your data scope', value: store.name },
      ]);
      return;
    }
    const f: Partial<ListingFields> = { ...r.fields, storeId: store.id };
    const op = ownerId(r.extra.operator, r.line, 'operator');
    if (op !== undefined) f.operatorId = op;
    const key = `${store.id}|${mpId}|${f.sellerSku}`;
    const before = existing.get(key);
    const id = before?.id ?? newId('lst');
    let pairs: ListingSkuTable[] | undefined;
    if (r.extra.skus) {
      pairs = [];
      for (const s of r.extra.skus) {
        const skuId = skuIds.get(s.sku);
        if (!skuId) reject([{ line: r.line, column: 'skus', reason: 'unknown SKU', value: s.sku }]);
        else pairs.push({ listingId: id, skuId, quantity: s.quantity });
      }
    }
    if (!before) {
      inserts.push({
        id,
        companyId: p.companyId,
        storeId: store.id,
        marketplaceId: mpId,
        sellerSku: f.sellerSku!,
        asin: null,
        parentAsin: null,
        fnsku: null,
        title: null,
        fulfillmentChannel: 'FBA',
        status: 'active',
        priceMinor: null,
        currency: f.currency!,
        tagsJson: '[]',
        operatorId: null,
        launchDate: null,
        ...f,
        createdAt: now,
        updatedAt: now,
      } as ListingTable);
      if (pairs) pairInserts.push(...pairs);
      return;
    }
    const diff = diffFields(pick(before, f), f);
    const pairSig = pairs
      ? [...pairs]
          .sort((a, b) => a.skuId.localeCompare(b.skuId))
          .map((x) => `${x.skuId}*${x.quantity};`)
          .join('')
      : undefined;
    const pairsChanged = pairSig !== undefined && pairSig !== (pairings.get(before.id) ?? '');
    if (diff || pairsChanged)
      updates.push({
        id: before.id,
        key,
        fields: f,
        before,
        ...(pairsChanged ? { pairs, pairsBefore: pairings.get(before.id) ?? '' } : {}),
      });
    else unchanged++;
  };
  const finish = (): Plan => ({
    created: inserts.length,
    updated: updates.length,
    unchanged,
    createdKeys: inserts.map((i) => `${i.marketplaceId}/${i.sellerSku}`),
    async apply(ctx) {
      await repo.bulkInsert(ctx, 'listing', inserts);
      await repo.bulkInsert(ctx, 'listingSku', pairInserts);
      for (const u of updates) {
        const diff = diffFields(pick(u.before, u.fields), u.fields);
        if (diff) await repo.setListingFields(ctx, u.id, u.fields, now);
        if (u.pairs) {
          await repo.deletePairingsOf(ctx, [u.id]);
          await repo.bulkInsert(ctx, 'listingSku', u.pairs);
        }
        await ctx.record({
          module: 'catalog',
          entity: 'listing',
          entityId: u.id,
          action: 'update',
          before: { ...toLogShape(diff?.before ?? {}, u.before), ...(u.pairs ? { skus: u.pairsBefore } : {}) },
          after: {
            ...toLogShape(diff?.after ?? {}, { ...u.before, ...u.fields }),
            ...(u.pairs ? { skus: u.pairs.map((x) => `${x.skuId}*${x.quantity}`).join(';') } : {}),
          },
          summary: u.before.sellerSku,
        });
      }
    },
  });
  return { add, finish };
}

function pick<T extends object>(row: T, like: Partial<T>): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(like) as (keyof T)[]) out[k] = row[k];
  return out;
}
