import { hash32 } from '../scenario/fast-random.ts';
import type { GeneratedDocument, GenerateInput } from './report-generators.ts';

/**
 * GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT (JSON): search terms derived from the seller's product titles, each with
 * its top three clicked ASINs (the seller's product first when it ranks), ranks and shares drawn from the seed [I].
 */

const STOP = new Set(['for', 'with', 'and', 'the', 'of', 'in', 'to', 'a', '-', '&', '|', 'de', 'und', 'pour', 'et']);

function termOf(title: string): string {
  const words = title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 1 && !STOP.has(w));
  return words.slice(0, 3).join(' ');
}

/** Renders the report. */
export function brandAnalyticsSearchTermsReport(input: GenerateInput): GeneratedDocument {
  const { scenario, seller, record } = input;
  const marketplaceId = record.marketplaceIds[0] ?? '';
  const market = seller.catalog.marketplaces.find((m) => m.marketplaceId === marketplaceId);
  const reportPeriod = record.reportOptions?.reportPeriod ?? 'WEEK';
  const key = `${scenario.seed}|${seller.sellerId}|${marketplaceId}|${reportPeriod}|${record.dataStartTime}`;
  const terms = new Map<string, { asin: string; title: string }>();
  for (const p of seller.catalog.products) {
    const term = termOf(p.title);
    if (term && !terms.has(term)) terms.set(term, { asin: p.asin, title: p.title });
  }
  const ranked = [...terms.entries()]
    .map(([term, own]) => ({ term, own, rank: 1 + (hash32(key, 'rank', term) % 500_000) }))
    .sort((a, b) => a.rank - b.rank || (a.term < b.term ? -1 : 1));
  const rows = ranked.flatMap(({ term, own, rank }) => {
    const h = hash32(key, 'clicks', term);
    const shares = [0.18 + (h % 20) / 100, 0.08 + ((h >>> 5) % 10) / 100, 0.03 + ((h >>> 9) % 5) / 100];
    const ownRank = 1 + (h % 3);
    return shares.map((share, i) => {
      const isOwn = i + 1 === ownRank;
      const other = `B0${(hash32(key, 'asin', term, i) % 0x7fffffff).toString(36).toUpperCase().padStart(8, '0')}`;
      return {
        departmentName: market?.facts.name ?? 'Amazon',
        searchTerm: term,
        searchFrequencyRank: rank,
        clickedAsin: isOwn ? own.asin : other.slice(0, 10),
        clickedItemName: isOwn ? own.title : `${term} (competitor ${i + 1})`,
        clickShareRank: i + 1,
        clickShare: Math.round(share * 10_000) / 10_000,
        conversionShare: Math.round(share * (0.6 + ((h >>> (12 + i)) % 8) / 10) * 10_000) / 10_000,
      };
    });
  });
  const body = {
    reportSpecification: {
      reportType: 'GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT',
      reportOptions: { reportPeriod },
      dataStartTime: new Date(record.dataStartTime).toISOString().slice(0, 10),
      dataEndTime: new Date(record.dataEndTime).toISOString().slice(0, 10),
      marketplaceIds: record.marketplaceIds,
    },
    dataByDepartmentAndSearchTerm: rows,
  };
  return { body: JSON.stringify(body), contentType: 'application/json', charset: 'UTF-8' };
}
