import { describe, expect, it } from 'vitest';
import { parseSearchTermsReport } from './brand-analytics-report.js';

const row = (term: string, rank: number, pos: number, asin: string, click: unknown, conv: unknown) => ({
  departmentName: 'Amazon.de',
  searchTerm: term,
  searchFrequencyRank: rank,
  clickedAsin: asin,
  clickedItemName: `${term} ${pos}`,
  clickShareRank: pos,
  clickShare: click,
  conversionShare: conv,
});

const doc = (rows: unknown[]) =>
  JSON.stringify({
    reportSpecification: {
      reportType: 'GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT',
      reportOptions: { reportPeriod: 'WEEK' },
      dataStartTime: '2026-11-08',
      dataEndTime: '2026-11-14',
      marketplaceIds: ['A1PA6795UKMFR9'],
    },
    dataByDepartmentAndSearchTerm: rows,
  });

describe('Brand Analytics search terms report (JSON)', () => {
  it('groups the three clicked ASINs of a term, shares in basis points, in any row order', () => {
    const out = parseSearchTermsReport(
      doc([
        row('desk lamp', 120, 2, 'B0TWO00002', 0.1234, 0.05),
        row('desk lamp', 120, 1, 'B0ONE00001', 0.3, 0.41555),
        row('desk lamp', 120, 3, 'B0THR00003', 0.0101, 0),
        row('led strip', 7, 1, 'B0LED00001', 0.5, 0.5),
      ]),
      { marketplaceId: 'A1PA6795UKMFR9', weekStart: '2026-11-08' },
    );
    expect(out.errors).toEqual([]);
    expect(out.weekEnd).toBe('2026-11-14');
    expect(out.terms).toHaveLength(2);
    const lamp = out.terms.find((t) => t.searchTerm === 'desk lamp')!;
    expect(lamp.searchFrequencyRank).toBe(120);
    expect(lamp.clicked.map((c) => [c?.asin, c?.clickShareBp, c?.conversionShareBp])).toEqual([
      ['B0ONE00001', 3000, 4156],
      ['B0TWO00002', 1234, 500],
      ['B0THR00003', 101, 0],
    ]);
    const led = out.terms.find((t) => t.searchTerm === 'led strip')!;
    expect(led.clicked[1]).toBeNull();
  });

  it('reads percentages above 1 as percent, rejects bad rows with their path', () => {
    const out = parseSearchTermsReport(
      doc([
        row('desk lamp', 120, 1, 'B0ONE00001', 18.34, 9.5),
        row('', 5, 1, 'B0X', 0.1, 0.1),
        row('mug', 0, 1, 'B0X', 0.1, 0.1),
        row('mug', 3, 4, 'B0X', 0.1, 0.1),
        row('mug', 3, 1, 'B0X', -0.1, 0.1),
      ]),
    );
    expect(out.terms[0]!.clicked[0]).toMatchObject({ clickShareBp: 1834, conversionShareBp: 950 });
    expect(out.errors.map((e) => [e.line, e.column])).toEqual([
      [2, 'dataByDepartmentAndSearchTerm[1].searchTerm'],
      [3, 'dataByDepartmentAndSearchTerm[2].searchFrequencyRank'],
      [4, 'dataByDepartmentAndSearchTerm[3].clickShareRank'],
      [5, 'dataByDepartmentAndSearchTerm[4].clickShare'],
    ]);
  });

  it('refuses another week or marketplace', () => {
    expect(() => parseSearchTermsReport(doc([]), { weekStart: '2026-11-15' })).toThrow(/2026-11-08/);
    expect(() => parseSearchTermsReport(doc([]), { marketplaceId: 'ATVPDKIKX0DER' })).toThrow(/A1PA6795UKMFR9/);
  });
});
