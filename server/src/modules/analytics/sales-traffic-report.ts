import type { ImportError } from '@yangfan/contracts';
import { findMarketplace } from '../stores/index.js';
import { jsonAmountMinor, jsonCount, jsonDate, parseJsonDocument, percentToBp } from './json-values.js';

/**
 * GET_SALES_AND_TRAFFIC_REPORT (JSON; schemas/reports/sellerSalesAndTrafficReport.json): `salesAndTrafficByDate` holds
 * the marketplace's totals per day, `salesAndTrafficByAsin` the traffic and sales per ASIN over the report's whole
 * range. Yangfan requests one report per marketplace and day (dateGranularity DAY, asinGranularity CHILD), so the
 * ASIN rows belong to that one day. An entry with an unreadable value is rejected with its JSON path; the others are
 * kept.
 */

export const SALES_AND_TRAFFIC_REPORT = 'GET_SALES_AND_TRAFFIC_REPORT';

export interface TrafficCounts {
  browserSessions: number;
  mobileSessions: number;
  sessions: number;
  browserPageViews: number;
  mobilePageViews: number;
  pageViews: number;
  /** Buy box percentage in basis points. */
  buyBoxBp: number;
}

export interface AsinDayRecord extends TrafficCounts {
  salesDate: string;
  parentAsin: string | null;
  childAsin: string;
  /** '' when the report is not by SKU. */
  sku: string;
  unitsOrdered: number;
  orderedSalesMinor: number;
  currency: string;
  totalOrderItems: number;
}

export interface DayTotalRecord extends TrafficCounts {
  salesDate: string;
  unitsOrdered: number;
  orderedSalesMinor: number;
  currency: string;
  totalOrderItems: number;
  unitsRefunded: number;
  shippedSalesMinor: number;
  unitsShipped: number;
  ordersShipped: number;
}

export interface SalesTrafficDocument {
  marketplaceId: string;
  startDate: string;
  endDate: string;
  totals: DayTotalRecord[];
  asins: AsinDayRecord[];
  errors: ImportError[];
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

class EntryError extends Error {
  constructor(
    readonly path: string,
    message: string,
    readonly value?: unknown,
  ) {
    super(message);
  }
}

function count(o: Obj, key: string, path: string): number {
  const n = jsonCount(o[key]);
  if (n === null) throw new EntryError(`${path}.${key}`, 'Not a whole non-negative number', o[key]);
  return n;
}

function amount(o: Obj, key: string, path: string, fallbackCurrency: string): { minor: number; currency: string } {
  const a = obj(o[key]);
  if (o[key] === undefined) return { minor: 0, currency: fallbackCurrency };
  const currency = text(a.currencyCode) ?? fallbackCurrency;
  if (!/^[A-Z]{3}$/.test(currency))
    throw new EntryError(`${path}.${key}.currencyCode`, 'Not a currency code', currency);
  const minor = jsonAmountMinor(a.amount ?? 0, currency);
  if (minor === null) throw new EntryError(`${path}.${key}.amount`, 'Not an amount', a.amount);
  return { minor, currency };
}

function trafficOf(t: Obj, path: string): TrafficCounts {
  const buyBoxBp = percentToBp(t.buyBoxPercentage);
  if (buyBoxBp === null)
    throw new EntryError(`${path}.buyBoxPercentage`, 'Not a percentage between 0 and 100', t.buyBoxPercentage);
  const browserSessions = count(t, 'browserSessions', path);
  const mobileSessions = count(t, 'mobileAppSessions', path);
  const browserPageViews = count(t, 'browserPageViews', path);
  const mobilePageViews = count(t, 'mobileAppPageViews', path);
  return {
    browserSessions,
    mobileSessions,
    sessions: t.sessions === undefined ? browserSessions + mobileSessions : count(t, 'sessions', path),
    browserPageViews,
    mobilePageViews,
    pageViews: t.pageViews === undefined ? browserPageViews + mobilePageViews : count(t, 'pageViews', path),
    buyBoxBp,
  };
}

function rejectOf(e: unknown, index: number): ImportError {
  if (e instanceof EntryError)
    return {
      line: index + 1,
      column: e.path,
      reason: e.message,
      ...(e.value !== undefined ? { value: String(JSON.stringify(e.value)).slice(0, 200) } : {}),
    };
  throw e;
}

/**
 * Reads a sales and traffic document. `expect` is what was requested: a document for another marketplace or range
 * is refused as a whole (thrown), as is one whose ASIN rows span more than one day.
 */
export function parseSalesAndTrafficReport(
  body: string,
  expect: { marketplaceId?: string; date?: string } = {},
): SalesTrafficDocument {
  let doc: Obj;
  try {
    doc = obj(parseJsonDocument(body));
  } catch (err) {
    throw new Error(`The sales and traffic report is not JSON: ${(err as Error).message}`);
  }
  const spec = obj(doc.reportSpecification);
  if (spec.reportType !== undefined && spec.reportType !== SALES_AND_TRAFFIC_REPORT)
    throw new Error(`Expected a ${SALES_AND_TRAFFIC_REPORT} document, got ${String(spec.reportType)}`);
  const ids = Array.isArray(spec.marketplaceIds) ? spec.marketplaceIds.filter((x) => typeof x === 'string') : [];
  const marketplaceId = (ids[0] as string | undefined) ?? expect.marketplaceId ?? '';
  if (!marketplaceId) throw new Error('The report names no marketplace');
  if (expect.marketplaceId && marketplaceId !== expect.marketplaceId)
    throw new Error(`The report is for marketplace ${marketplaceId}, not ${expect.marketplaceId}`);
  const startDate = jsonDate(spec.dataStartTime) ?? expect.date ?? null;
  const endDate = jsonDate(spec.dataEndTime) ?? startDate;
  if (!startDate || !endDate) throw new Error('The report has no readable dataStartTime');
  if (expect.date && startDate !== expect.date)
    throw new Error(`The report starts on ${startDate}, not on the requested ${expect.date}`);
  const options = obj(spec.reportOptions);
  if (options.dateGranularity !== undefined && options.dateGranularity !== 'DAY')
    throw new Error(`The report is by ${String(options.dateGranularity)}; Yangfan reads reports by DAY`);
  const byAsin = Array.isArray(doc.salesAndTrafficByAsin) ? doc.salesAndTrafficByAsin : [];
  if (byAsin.length > 0 && startDate !== endDate)
    throw new Error(`The report's ASIN rows cover ${startDate} – ${endDate}; request one day per report`);
  const defaultCurrency = findMarketplace(marketplaceId)?.currency ?? 'USD';

  const errors: ImportError[] = [];
  const totals: DayTotalRecord[] = [];
  const byDate = Array.isArray(doc.salesAndTrafficByDate) ? doc.salesAndTrafficByDate : [];
  byDate.forEach((entry, i) => {
    const path = `salesAndTrafficByDate[${i}]`;
    try {
      const e = obj(entry);
      const salesDate = jsonDate(e.date);
      if (!salesDate) throw new EntryError(`${path}.date`, 'Not a date', e.date);
      const s = obj(e.salesByDate);
      const sales = amount(s, 'orderedProductSales', `${path}.salesByDate`, defaultCurrency);
      const shipped = amount(s, 'shippedProductSales', `${path}.salesByDate`, sales.currency);
      totals.push({
        salesDate,
        ...trafficOf(obj(e.trafficByDate), `${path}.trafficByDate`),
        unitsOrdered: count(s, 'unitsOrdered', `${path}.salesByDate`),
        orderedSalesMinor: sales.minor,
        currency: sales.currency,
        totalOrderItems: count(s, 'totalOrderItems', `${path}.salesByDate`),
        unitsRefunded: count(s, 'unitsRefunded', `${path}.salesByDate`),
        shippedSalesMinor: shipped.currency === sales.currency ? shipped.minor : 0,
        unitsShipped: count(s, 'unitsShipped', `${path}.salesByDate`),
        ordersShipped: count(s, 'ordersShipped', `${path}.salesByDate`),
      });
    } catch (err) {
      errors.push(rejectOf(err, i));
    }
  });

  const asins = new Map<string, AsinDayRecord>();
  byAsin.forEach((entry, i) => {
    const path = `salesAndTrafficByAsin[${i}]`;
    try {
      const e = obj(entry);
      const parentAsin = text(e.parentAsin);
      const childAsin = text(e.childAsin) ?? parentAsin;
      if (!childAsin) throw new EntryError(`${path}.childAsin`, 'The ASIN is empty');
      const s = obj(e.salesByAsin);
      const sales = amount(s, 'orderedProductSales', `${path}.salesByAsin`, defaultCurrency);
      const record: AsinDayRecord = {
        salesDate: startDate,
        parentAsin,
        childAsin,
        sku: text(e.sku) ?? '',
        ...trafficOf(obj(e.trafficByAsin), `${path}.trafficByAsin`),
        unitsOrdered: count(s, 'unitsOrdered', `${path}.salesByAsin`),
        orderedSalesMinor: sales.minor,
        currency: sales.currency,
        totalOrderItems: count(s, 'totalOrderItems', `${path}.salesByAsin`),
      };
      const key = `${record.childAsin}\u0000${record.sku}`;
      if (asins.has(key)) throw new EntryError(`${path}.childAsin`, 'The ASIN is listed twice', childAsin);
      asins.set(key, record);
    } catch (err) {
      errors.push(rejectOf(err, i));
    }
  });
  return { marketplaceId, startDate, endDate, totals, asins: [...asins.values()], errors };
}
