import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSalesAndTrafficReport } from './sales-traffic-report.js';

const official = (n: number) =>
  JSON.parse(
    readFileSync(
      join(
        import.meta.dirname,
        `../../../../../shared/amazon/reports/GET_SALES_AND_TRAFFIC_REPORT.official-example-${n}.json`,
      ),
      'utf8',
    ),
  ) as Record<string, unknown>;

function oneDay(over: Record<string, unknown> = {}) {
  return {
    reportSpecification: {
      reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
      reportOptions: { dateGranularity: 'DAY', asinGranularity: 'CHILD' },
      dataStartTime: '2026-11-19',
      dataEndTime: '2026-11-19',
      marketplaceIds: ['A1PA6795UKMFR9'],
    },
    salesAndTrafficByDate: [
      {
        date: '2026-11-19',
        salesByDate: {
          orderedProductSales: { amount: 1234.5, currencyCode: 'EUR' },
          unitsOrdered: 40,
          totalOrderItems: 38,
          unitsRefunded: 2,
          shippedProductSales: { amount: 99.99, currencyCode: 'EUR' },
          unitsShipped: 7,
          ordersShipped: 6,
        },
        trafficByDate: {
          browserPageViews: 300,
          mobileAppPageViews: 200,
          pageViews: 500,
          browserSessions: 150,
          mobileAppSessions: 100,
          sessions: 250,
          buyBoxPercentage: 97.35,
        },
      },
    ],
    salesAndTrafficByAsin: [
      {
        parentAsin: 'B0PARENT01',
        childAsin: 'B0CHILD001',
        salesByAsin: {
          unitsOrdered: 3,
          orderedProductSales: { amount: 59.97, currencyCode: 'EUR' },
          totalOrderItems: 3,
        },
        trafficByAsin: {
          browserSessions: 20,
          mobileAppSessions: 10,
          sessions: 30,
          browserPageViews: 25,
          mobileAppPageViews: 15,
          pageViews: 40,
          buyBoxPercentage: 100,
        },
      },
      {
        parentAsin: 'B0PARENT01',
        childAsin: 'B0CHILD002',
        salesByAsin: { unitsOrdered: 0, orderedProductSales: { amount: 0, currencyCode: 'EUR' }, totalOrderItems: 0 },
        trafficByAsin: {
          browserSessions: 4,
          mobileAppSessions: 1,
          browserPageViews: 5,
          mobileAppPageViews: 1,
          buyBoxPercentage: 33.333,
        },
      },
    ],
    ...over,
  };
}

describe('sales and traffic report (JSON)', () => {
  it('reads a one-day document: totals, child ASIN rows, money in minor units and buy box in basis points', () => {
    const doc = parseSalesAndTrafficReport(JSON.stringify(oneDay()), {
      marketplaceId: 'A1PA6795UKMFR9',
      date: '2026-11-19',
    });
    expect(doc.errors).toEqual([]);
    expect(doc.totals).toEqual([
      {
        salesDate: '2026-11-19',
        browserSessions: 150,
        mobileSessions: 100,
        sessions: 250,
        browserPageViews: 300,
        mobilePageViews: 200,
        pageViews: 500,
        buyBoxBp: 9735,
        unitsOrdered: 40,
        orderedSalesMinor: 123450,
        currency: 'EUR',
        totalOrderItems: 38,
        unitsRefunded: 2,
        shippedSalesMinor: 9999,
        unitsShipped: 7,
        ordersShipped: 6,
      },
    ]);
    expect(doc.asins[0]).toMatchObject({
      childAsin: 'B0CHILD001',
      parentAsin: 'B0PARENT01',
      sku: '',
      orderedSalesMinor: 5997,
      buyBoxBp: 10000,
      sessions: 30,
    });
    // Missing totals are the sum of browser and app; 33.333 % rounds half up to 3333 bp.
    expect(doc.asins[1]).toMatchObject({ sessions: 5, pageViews: 6, buyBoxBp: 3333, unitsOrdered: 0 });
  });

  it('tolerates a BOM and reads JPY amounts without decimals', () => {
    const d = oneDay();
    d.reportSpecification.marketplaceIds = ['A1VC38T7YXB528'];
    d.salesAndTrafficByDate[0]!.salesByDate.orderedProductSales = { amount: 19800, currencyCode: 'JPY' };
    d.salesAndTrafficByDate[0]!.salesByDate.shippedProductSales = { amount: 0, currencyCode: 'JPY' };
    d.salesAndTrafficByAsin = [];
    const doc = parseSalesAndTrafficReport(`\uFEFF${JSON.stringify(d)}`);
    expect(doc.totals[0]).toMatchObject({ orderedSalesMinor: 19800, currency: 'JPY' });
  });

  it('rejects a bad entry with its JSON path and keeps the others', () => {
    const d = oneDay();
    (d.salesAndTrafficByAsin[1]!.trafficByAsin as Record<string, unknown>).buyBoxPercentage = 'n/a';
    (d.salesAndTrafficByAsin[0]!.salesByAsin as Record<string, unknown>).unitsOrdered = 2.5;
    const doc = parseSalesAndTrafficReport(JSON.stringify(d));
    expect(doc.asins).toEqual([]);
    expect(doc.errors).toEqual([
      {
        line: 1,
        column: 'salesAndTrafficByAsin[0].salesByAsin.unitsOrdered',
        reason: 'Not a whole non-negative number',
        value: '2.5',
      },
      {
        line: 2,
        column: 'salesAndTrafficByAsin[1].trafficByAsin.buyBoxPercentage',
        reason: 'Not a percentage between 0 and 100',
        value: '"n/a"',
      },
    ]);
    expect(doc.totals).toHaveLength(1);
  });

  it('refuses a document of another marketplace or day, and ASIN rows spanning several days', () => {
    const body = JSON.stringify(oneDay());
    expect(() => parseSalesAndTrafficReport(body, { marketplaceId: 'ATVPDKIKX0DER' })).toThrow(/A1PA6795UKMFR9/);
    expect(() => parseSalesAndTrafficReport(body, { date: '2026-11-18' })).toThrow(/2026-11-19/);
    expect(() => parseSalesAndTrafficReport(JSON.stringify(official(1)))).toThrow(/one day per report/);
    expect(() => parseSalesAndTrafficReport('{not json')).toThrow(/not JSON/);
  });

  it("reads Amazon's official example by date (extra fields ignored)", () => {
    const ex = official(1);
    delete ex.salesAndTrafficByAsin;
    const doc = parseSalesAndTrafficReport(JSON.stringify(ex));
    expect(doc.errors).toEqual([]);
    expect(doc.startDate).toBe('2021-06-11');
    expect(doc.totals.length).toBeGreaterThan(1);
    expect(doc.totals[0]).toMatchObject({
      salesDate: '2021-06-11',
      orderedSalesMinor: 23844,
      sessions: 1000,
      buyBoxBp: 1054,
    });
  });
});
