import type { Readable } from 'node:stream';
import type { ImportError, ImportReport } from '@yangfan/contracts';
import { runWrite } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { isIsoDate } from '../../platform/clock.js';
import type { AnyKysely } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { mapColumns, openTabular } from '../../platform/files/tabular.js';
import {
  convert,
  currencyExponent,
  formatMoney,
  invertRate,
  type Money,
  normalizeRate,
  parseMoney,
} from '../../platform/money.js';
import type { WriteMeta } from '../iam/index.js';
import * as repo from './fx.repository.js';

/** How far back a conversion may reach for the latest known rate of a pair (monthly rates are common). */
export const RATE_LOOKBACK_DAYS = 31;

function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

function toDto(r: repo.ExchangeRateRow) {
  return {
    id: r.id,
    fromCurrency: r.fromCurrency,
    toCurrency: r.toCurrency,
    rateDate: r.rateDate,
    rate: r.rate,
    source: r.source as 'manual' | 'import',
    updatedAt: r.updatedAt,
  };
}

const RATE_COLUMNS = {
  fromCurrency: { aliases: ['from', 'from currency', 'base', '原币', '源币种'], required: true },
  toCurrency: { aliases: ['to', 'to currency', 'quote', '目标币种'], required: true },
  rateDate: { aliases: ['date', 'rate date', '日期'], required: true },
  rate: { aliases: ['exchange rate', '汇率'], required: true },
};

/** Dated exchange rates per company, manual or imported, and conversion that refuses a missing rate. */
export function createFxService(deps: { db: AnyKysely; clock: Clock }) {
  const { db, clock } = deps;

  /** The rate to convert `from` → `to` on `date`: direct, else the inverse of the opposite pair. */
  async function rateFor(companyId: string, from: string, to: string, date: string) {
    const earliest = daysBefore(date, RATE_LOOKBACK_DAYS);
    const direct = await repo.findRateOnOrBefore(db, companyId, from, to, date, earliest);
    const inverse = await repo.findRateOnOrBefore(db, companyId, to, from, date, earliest);
    const best =
      direct && (!inverse || direct.rateDate >= inverse.rateDate)
        ? { rate: direct.rate, rateDate: direct.rateDate }
        : inverse
          ? { rate: invertRate(inverse.rate), rateDate: inverse.rateDate }
          : null;
    if (!best) {
      throw new AppError(
        'MISSING_EXCHANGE_RATE',
        `No ${from}→${to} exchange rate on or within ${RATE_LOOKBACK_DAYS} days before ${date}`,
        {
          from,
          to,
          date,
        },
      );
    }
    return best;
  }

  return {
    rateFor,
    async list(companyId: string, f: Omit<repo.RateFilter, 'companyId'>) {
      const { rows, total } = await repo.listRates(db, { ...f, companyId });
      return { rows: rows.map(toDto), total };
    },
    async upsert(
      companyId: string,
      meta: WriteMeta,
      input: { fromCurrency: string; toCurrency: string; rateDate: string; rate: string },
    ) {
      currencyExponent(input.fromCurrency);
      currencyExponent(input.toCurrency);
      const rate = normalizeRate(input.rate);
      const r = await runWrite(db, { ...meta, clock }, (ctx) =>
        repo.upsertRate(ctx, companyId, { ...input, rate, source: 'manual' }),
      );
      const { rows } = await repo.listRates(db, {
        companyId,
        fromCurrency: input.fromCurrency,
        toCurrency: input.toCurrency,
        dateFrom: input.rateDate,
        dateTo: input.rateDate,
        limit: 1,
        offset: 0,
      });
      return { ...toDto(rows[0]!), outcome: r.outcome };
    },
    async remove(companyId: string, meta: WriteMeta, id: string) {
      await runWrite(db, { ...meta, clock }, (ctx) => repo.deleteRate(ctx, companyId, id));
    },
    /** Converts money on a date with the company's rates. */
    async convertMoney(companyId: string, m: Money, to: string, date: string) {
      if (m.currency === to) return { result: m, rate: '1', rateDate: date };
      const r = await rateFor(companyId, m.currency, to, date);
      return { result: convert(m, to, r.rate), rate: r.rate, rateDate: r.rateDate };
    },
    async convertAmount(companyId: string, q: { amount: string; from: string; to: string; date: string }) {
      const m = parseMoney(q.amount, q.from);
      const r = await this.convertMoney(companyId, m, q.to, q.date);
      return {
        amount: formatMoney(m),
        from: q.from,
        to: q.to,
        date: q.date,
        rate: r.rate,
        rateDate: r.rateDate,
        result: formatMoney(r.result),
      };
    },
    /** CSV/Excel import of rates: validates every row first; writes all or nothing; re-import changes nothing. */
    async importRates(
      companyId: string,
      meta: WriteMeta,
      file: Readable | Buffer,
      fileName: string,
      dryRun: boolean,
    ): Promise<ImportReport> {
      const tab = await openTabular(file, fileName);
      const { map, missing } = mapColumns(tab.headers, RATE_COLUMNS);
      const report: ImportReport = {
        kind: 'exchange-rates',
        dryRun,
        fileName,
        status: 'ok',
        rowsTotal: 0,
        created: 0,
        updated: 0,
        unchanged: 0,
        errors: [],
      };
      if (missing.length > 0) {
        report.errors.push({
          line: 1,
          column: missing.join(', '),
          reason: `missing required column(s): ${missing.join(', ')}`,
        });
        report.status = 'rejected';
        return report;
      }
      const rows: { fromCurrency: string; toCurrency: string; rateDate: string; rate: string; line: number }[] = [];
      const seen = new Map<string, number>();
      for await (const row of tab.rows) {
        report.rowsTotal++;
        const get = (c: keyof typeof RATE_COLUMNS) => (row.cells[map.get(c)!] ?? '').trim();
        const errs: ImportError[] = [];
        const from = get('fromCurrency').toUpperCase();
        const to = get('toCurrency').toUpperCase();
        const date = get('rateDate');
        let rate = '';
        for (const [col, v] of [
          ['fromCurrency', from],
          ['toCurrency', to],
        ] as const) {
          try {
            currencyExponent(v);
          } catch {
            errs.push({ line: row.line, column: map.get(col)!, reason: 'not an ISO 4217 currency code', value: v });
          }
        }
        if (!isIsoDate(date))
          errs.push({
            line: row.line,
            column: map.get('rateDate')!,
            reason: 'expected a date YYYY-MM-DD',
            value: date,
          });
        try {
          rate = normalizeRate(get('rate'));
        } catch {
          errs.push({
            line: row.line,
            column: map.get('rate')!,
            reason: 'not a positive decimal rate',
            value: get('rate'),
          });
        }
        if (from === to && from)
          errs.push({ line: row.line, column: map.get('toCurrency')!, reason: 'currencies must differ', value: to });
        const key = `${from}/${to}/${date}`;
        if (seen.has(key)) errs.push({ line: row.line, column: null, reason: `duplicate of line ${seen.get(key)}` });
        seen.set(key, row.line);
        if (errs.length > 0) report.errors.push(...errs);
        else rows.push({ fromCurrency: from, toCurrency: to, rateDate: date, rate, line: row.line });
      }
      if (report.errors.length > 0) {
        report.status = 'rejected';
        return report;
      }
      // The whole file in one transaction; a dry run rolls it back so counts are exact without writing.
      const DRY = new Error('dry-run');
      try {
        await runWrite(db, { ...meta, source: 'import', clock }, async (ctx) => {
          for (const r of rows) {
            const { line: _line, ...rate } = r;
            const { outcome } = await repo.upsertRate(ctx, companyId, { ...rate, source: 'import' });
            report[outcome]++;
          }
          if (dryRun) throw DRY;
        });
      } catch (e) {
        if (e !== DRY) throw e;
      }
      return report;
    },
  };
}

export type FxService = ReturnType<typeof createFxService>;
