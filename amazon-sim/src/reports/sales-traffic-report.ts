import { DAY_MS, dayOf, dayStart, isoDate } from '../scenario/calendar.ts';
import { hash32 } from '../scenario/fast-random.ts';
import type { ScenarioOrder } from '../scenario/scenario-types.ts';
import type { GeneratedDocument, GenerateInput } from './report-generators.ts';

/**
 * GET_SALES_AND_TRAFFIC_REPORT (schemas/reports/sellerSalesAndTrafficReport.json): sales from the scenario's orders
 * of the report's first marketplace; traffic (sessions, page views, buy box) drawn deterministically around them [I].
 */

interface Bucket {
  sales: number;
  units: number;
  items: number;
  refunded: number;
  shippedSales: number;
  unitsShipped: number;
  ordersShipped: number;
}

const LOOKBACK_MS = 45 * DAY_MS;

function empty(): Bucket {
  return { sales: 0, units: 0, items: 0, refunded: 0, shippedSales: 0, unitsShipped: 0, ordersShipped: 0 };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The bucket start (UTC day) of a day for a granularity: the day, its week's Sunday, or its month's first day. */
function bucketDay(day: number, granularity: string, firstDay: number): number {
  if (granularity === 'WEEK') return Math.max(firstDay, day - ((day + 4) % 7));
  if (granularity === 'MONTH') {
    const d = new Date(dayStart(day));
    return Math.max(firstDay, dayOf(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)));
  }
  return day;
}

/** Renders the report as JSON. */
export function salesAndTrafficReport(input: GenerateInput): GeneratedDocument {
  const { scenario, seller, record } = input;
  const marketplaceId = record.marketplaceIds[0] ?? '';
  const market = seller.catalog.marketplaces.find((m) => m.marketplaceId === marketplaceId);
  const currency = market?.currency ?? 'USD';
  const scale = 10 ** (market?.facts.currencyDigits ?? 2);
  const dateGranularity = record.reportOptions?.dateGranularity ?? 'DAY';
  const asinGranularity = record.reportOptions?.asinGranularity ?? 'PARENT';
  const firstDay = dayOf(record.dataStartTime);
  const lastDay = dayOf(Math.max(record.dataStartTime, record.dataEndTime - 1));
  const end = dayStart(lastDay + 1);
  const asOf = record.createdTime;
  const orders: ScenarioOrder[] = scenario
    .ordersBetween(seller.sellerId, dayStart(firstDay) - LOOKBACK_MS, Math.min(end, asOf), asOf)
    .filter((o) => o.marketplaceId === marketplaceId && !o.canceled);
  const byDate = new Map<number, Bucket>();
  for (let d = firstDay; d <= lastDay; d++) {
    const b = bucketDay(d, dateGranularity, firstDay);
    if (!byDate.has(b)) byDate.set(b, empty());
  }
  const inRange = (t: number | undefined) => t !== undefined && t >= dayStart(firstDay) && t < end && t <= asOf;
  const at = (t: number) => byDate.get(bucketDay(dayOf(t), dateGranularity, firstDay));
  const byAsin = new Map<string, { parentAsin: string; childAsin?: string; sku?: string; b: Bucket }>();
  for (const o of orders) {
    const placed = o.timeline.purchase;
    const shipped = o.timeline.shipped;
    for (const item of o.items) {
      const net = item.itemPrice - item.promotionDiscount;
      if (inRange(placed)) {
        const b = at(placed);
        if (b) {
          b.sales += net;
          b.units += item.quantity;
          b.items += 1;
        }
        const product = seller.catalog.products[item.productIndex];
        const parentAsin = product?.parentAsin ?? item.asin;
        const key = asinGranularity === 'SKU' ? item.sku : asinGranularity === 'CHILD' ? item.asin : parentAsin;
        let entry = byAsin.get(key);
        if (!entry) {
          entry = { parentAsin, b: empty() };
          if (asinGranularity !== 'PARENT') entry.childAsin = item.asin;
          if (asinGranularity === 'SKU') entry.sku = item.sku;
          byAsin.set(key, entry);
        }
        entry.b.sales += net;
        entry.b.units += item.quantity;
        entry.b.items += 1;
      }
      if (inRange(shipped) && shipped !== undefined) {
        const b = at(shipped);
        if (b) {
          b.shippedSales += net;
          b.unitsShipped += item.quantity;
        }
      }
      const r = item.returned;
      if (r && inRange(r.refundedAt)) {
        const b = at(r.refundedAt);
        if (b) b.refunded += r.quantity;
      }
    }
    if (inRange(shipped) && shipped !== undefined) {
      const b = at(shipped);
      if (b) b.ordersShipped += 1;
    }
  }
  const amount = (minor: number) => ({ amount: round2(minor / scale), currencyCode: currency });
  const traffic = (key: string, units: number) => {
    const h = hash32(scenario.seed, 'traffic', seller.sellerId, marketplaceId, key);
    const sessions = Math.max(units, Math.round(units * (6 + (h % 9)) + (h % 17)));
    const mobileSessions = Math.round(sessions * (0.45 + ((h >>> 8) % 20) / 100));
    const pageViews = Math.round(sessions * (1.2 + ((h >>> 12) % 40) / 100));
    const mobileViews = Math.round((pageViews * mobileSessions) / Math.max(1, sessions));
    const pct = (x: number) => (sessions === 0 ? 0 : round2((x / sessions) * 100));
    return {
      browserPageViews: pageViews - mobileViews,
      mobileAppPageViews: mobileViews,
      pageViews,
      browserSessions: sessions - mobileSessions,
      mobileAppSessions: mobileSessions,
      sessions,
      buyBoxPercentage: round2(88 + ((h >>> 16) % 1200) / 100),
      unitSessionPercentage: pct(units),
    };
  };
  const salesAndTrafficByDate = [...byDate.entries()].map(([day, b]) => {
    const t = traffic(isoDate(day), b.units);
    return {
      date: isoDate(day),
      salesByDate: {
        orderedProductSales: amount(b.sales),
        unitsOrdered: b.units,
        totalOrderItems: b.items,
        averageSalesPerOrderItem: amount(b.items ? b.sales / b.items : 0),
        averageUnitsPerOrderItem: b.items ? round2(b.units / b.items) : 0,
        averageSellingPrice: amount(b.units ? b.sales / b.units : 0),
        unitsRefunded: b.refunded,
        refundRate: b.units ? round2((b.refunded / b.units) * 100) : 0,
        claimsGranted: 0,
        claimsAmount: amount(0),
        shippedProductSales: amount(b.shippedSales),
        unitsShipped: b.unitsShipped,
        ordersShipped: b.ordersShipped,
      },
      trafficByDate: {
        ...t,
        orderItemSessionPercentage: t.sessions ? round2((b.items / t.sessions) * 100) : 0,
        averageOfferCount: 1 + (hash32('offers', day) % 3),
        averageParentItems: byAsin.size,
        feedbackReceived: Math.floor(b.items / 20),
        negativeFeedbackReceived: 0,
        receivedNegativeFeedbackRate: 0,
      },
    };
  });
  const totalSessions = salesAndTrafficByDate.reduce((s, d) => s + d.trafficByDate.sessions, 0);
  const totalViews = salesAndTrafficByDate.reduce((s, d) => s + d.trafficByDate.pageViews, 0);
  const salesAndTrafficByAsin = [...byAsin.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, e]) => {
      const t = traffic(key, e.b.units);
      const share = (x: number, total: number) => (total ? round2((x / total) * 100) : 0);
      return {
        parentAsin: e.parentAsin,
        ...(e.childAsin ? { childAsin: e.childAsin } : {}),
        ...(e.sku ? { sku: e.sku } : {}),
        salesByAsin: { unitsOrdered: e.b.units, orderedProductSales: amount(e.b.sales), totalOrderItems: e.b.items },
        trafficByAsin: {
          browserSessions: t.browserSessions,
          mobileAppSessions: t.mobileAppSessions,
          sessions: t.sessions,
          browserSessionPercentage: share(t.browserSessions, totalSessions),
          mobileAppSessionPercentage: share(t.mobileAppSessions, totalSessions),
          sessionPercentage: share(t.sessions, totalSessions),
          browserPageViews: t.browserPageViews,
          mobileAppPageViews: t.mobileAppPageViews,
          pageViews: t.pageViews,
          browserPageViewsPercentage: share(t.browserPageViews, totalViews),
          mobileAppPageViewsPercentage: share(t.mobileAppPageViews, totalViews),
          pageViewsPercentage: share(t.pageViews, totalViews),
          buyBoxPercentage: t.buyBoxPercentage,
          unitSessionPercentage: t.unitSessionPercentage,
        },
      };
    });
  const body = {
    reportSpecification: {
      reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
      reportOptions: { dateGranularity, asinGranularity },
      dataStartTime: isoDate(firstDay),
      dataEndTime: isoDate(lastDay),
      marketplaceIds: record.marketplaceIds,
    },
    salesAndTrafficByDate,
    salesAndTrafficByAsin,
  };
  return { body: JSON.stringify(body), contentType: 'application/json', charset: 'UTF-8' };
}
