import type { Selectable } from 'kysely';
import type { WriteContext } from '../../platform/audit.js';
import { type AnyKysely, type AnyTransaction, tables } from '../../platform/db/database.js';
import { notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';

export interface ExchangeRateTable {
  id: string;
  companyId: string;
  fromCurrency: string;
  toCurrency: string;
  rateDate: string;
  rate: string;
  source: string;
  createdAt: number;
  updatedAt: number;
}
interface FxTables {
  exchangeRate: ExchangeRateTable;
}
type Handle = AnyKysely | AnyTransaction;
const t = (db: Handle) => tables<FxTables>(db);
export type ExchangeRateRow = Selectable<ExchangeRateTable>;

export interface RateFilter {
  companyId: string;
  fromCurrency?: string | undefined;
  toCurrency?: string | undefined;
  dateFrom?: string | undefined;
  dateTo?: string | undefined;
  limit: number;
  offset: number;
}

export async function listRates(db: Handle, f: RateFilter): Promise<{ rows: ExchangeRateRow[]; total: number }> {
  let q = t(db).selectFrom('exchangeRate').where('companyId', '=', f.companyId);
  if (f.fromCurrency) q = q.where('fromCurrency', '=', f.fromCurrency);
  if (f.toCurrency) q = q.where('toCurrency', '=', f.toCurrency);
  if (f.dateFrom) q = q.where('rateDate', '>=', f.dateFrom);
  if (f.dateTo) q = q.where('rateDate', '<=', f.dateTo);
  const [rows, n] = await Promise.all([
    q
      .selectAll()
      .orderBy('rateDate', 'desc')
      .orderBy('fromCurrency')
      .orderBy('toCurrency')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(n.n) };
}

/** The latest rate of a pair on or before a date, not older than `earliest`. */
export async function findRateOnOrBefore(
  db: Handle,
  companyId: string,
  from: string,
  to: string,
  date: string,
  earliest: string,
) {
  return t(db)
    .selectFrom('exchangeRate')
    .selectAll()
    .where('companyId', '=', companyId)
    .where('fromCurrency', '=', from)
    .where('toCurrency', '=', to)
    .where('rateDate', '<=', date)
    .where('rateDate', '>=', earliest)
    .orderBy('rateDate', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Inserts or updates the rate of a pair and day; returns what happened (nothing when the rate is the same). */
export async function upsertRate(
  ctx: WriteContext,
  companyId: string,
  r: { fromCurrency: string; toCurrency: string; rateDate: string; rate: string; source: string },
): Promise<{ id: string; outcome: 'created' | 'updated' | 'unchanged' }> {
  const db = t(ctx.trx);
  const existing = await db
    .selectFrom('exchangeRate')
    .selectAll()
    .where('companyId', '=', companyId)
    .where('fromCurrency', '=', r.fromCurrency)
    .where('toCurrency', '=', r.toCurrency)
    .where('rateDate', '=', r.rateDate)
    .executeTakeFirst();
  const now = ctx.clock.now();
  if (!existing) {
    const row = { id: newId('fxr'), companyId, ...r, createdAt: now, updatedAt: now };
    await db.insertInto('exchangeRate').values(row).execute();
    await ctx.record({ module: 'fx', entity: 'exchange_rate', entityId: row.id, action: 'create', after: r });
    return { id: row.id, outcome: 'created' };
  }
  if (existing.rate === r.rate) return { id: existing.id, outcome: 'unchanged' };
  await db
    .updateTable('exchangeRate')
    .set({ rate: r.rate, source: r.source, updatedAt: now })
    .where('id', '=', existing.id)
    .execute();
  await ctx.record({
    module: 'fx',
    entity: 'exchange_rate',
    entityId: existing.id,
    action: 'update',
    before: { rate: existing.rate },
    after: { rate: r.rate },
    summary: `${r.fromCurrency}/${r.toCurrency} ${r.rateDate}`,
  });
  return { id: existing.id, outcome: 'updated' };
}

export async function deleteRate(ctx: WriteContext, companyId: string, id: string): Promise<void> {
  const db = t(ctx.trx);
  const row = await db
    .selectFrom('exchangeRate')
    .selectAll()
    .where('companyId', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Exchange rate', id);
  await db.deleteFrom('exchangeRate').where('id', '=', id).execute();
  await ctx.record({ module: 'fx', entity: 'exchange_rate', entityId: id, action: 'delete', before: row });
}
