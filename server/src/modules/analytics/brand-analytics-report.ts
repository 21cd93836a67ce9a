import type { ImportError } from '@yangfan/contracts';
import { jsonCount, jsonDate, parseJsonDocument, shareToBp } from './json-values.js';

/**
 * GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT (JSON): `dataByDepartmentAndSearchTerm` has one row per search term and
 * clicked ASIN (click share rank 1–3). Rows are grouped into one record per department and search term with its three
 * most clicked ASINs; shares become basis points. A row with an unreadable value is rejected with its JSON path, and
 * its term is kept with the positions that were readable.
 */

export const BRAND_ANALYTICS_SEARCH_TERMS_REPORT = 'GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT';

export interface ClickedAsin {
  asin: string;
  title: string | null;
  clickShareBp: number | null;
  conversionShareBp: number | null;
}

export interface SearchTermRecord {
  departmentName: string;
  searchTerm: string;
  searchFrequencyRank: number;
  /** Positions 1–3 (index 0 = click share rank 1); null where Amazon lists no ASIN. */
  clicked: [ClickedAsin | null, ClickedAsin | null, ClickedAsin | null];
}

export interface SearchTermsDocument {
  marketplaceId: string;
  weekStart: string;
  weekEnd: string;
  terms: SearchTermRecord[];
  errors: ImportError[];
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** Reads a search terms document; a document of another marketplace or week than requested is refused (thrown). */
export function parseSearchTermsReport(
  body: string,
  expect: { marketplaceId?: string; weekStart?: string } = {},
): SearchTermsDocument {
  let doc: Obj;
  try {
    doc = obj(parseJsonDocument(body));
  } catch (err) {
    throw new Error(`The search terms report is not JSON: ${(err as Error).message}`);
  }
  const spec = obj(doc.reportSpecification);
  if (spec.reportType !== undefined && spec.reportType !== BRAND_ANALYTICS_SEARCH_TERMS_REPORT)
    throw new Error(`Expected a ${BRAND_ANALYTICS_SEARCH_TERMS_REPORT} document, got ${String(spec.reportType)}`);
  const ids = Array.isArray(spec.marketplaceIds) ? spec.marketplaceIds.filter((x) => typeof x === 'string') : [];
  const marketplaceId = (ids[0] as string | undefined) ?? expect.marketplaceId ?? '';
  if (!marketplaceId) throw new Error('The report names no marketplace');
  if (expect.marketplaceId && marketplaceId !== expect.marketplaceId)
    throw new Error(`The report is for marketplace ${marketplaceId}, not ${expect.marketplaceId}`);
  const weekStart = jsonDate(spec.dataStartTime) ?? expect.weekStart ?? null;
  if (!weekStart) throw new Error('The report has no readable dataStartTime');
  if (expect.weekStart && weekStart !== expect.weekStart)
    throw new Error(`The report starts on ${weekStart}, not on the requested ${expect.weekStart}`);
  const weekEnd = jsonDate(spec.dataEndTime) ?? weekStart;

  const errors: ImportError[] = [];
  const terms = new Map<string, SearchTermRecord>();
  const rows = Array.isArray(doc.dataByDepartmentAndSearchTerm) ? doc.dataByDepartmentAndSearchTerm : [];
  for (const [i, row] of rows.entries()) {
    const path = `dataByDepartmentAndSearchTerm[${i}]`;
    const r = obj(row);
    const reject = (column: string, reason: string, value?: unknown) =>
      errors.push({
        line: i + 1,
        column: `${path}.${column}`,
        reason,
        ...(value !== undefined ? { value: String(JSON.stringify(value)).slice(0, 200) } : {}),
      });
    const searchTerm = text(r.searchTerm);
    if (!searchTerm) {
      reject('searchTerm', 'The search term is empty', r.searchTerm);
      continue;
    }
    const rank = jsonCount(r.searchFrequencyRank);
    if (rank === null || rank < 1) {
      reject('searchFrequencyRank', 'Not a rank (1 or more)', r.searchFrequencyRank);
      continue;
    }
    const position = jsonCount(r.clickShareRank);
    if (position === null || position < 1 || position > 3) {
      reject('clickShareRank', 'Not a click share rank between 1 and 3', r.clickShareRank);
      continue;
    }
    const asin = text(r.clickedAsin);
    if (!asin) {
      reject('clickedAsin', 'The clicked ASIN is empty', r.clickedAsin);
      continue;
    }
    const clickShareBp = shareToBp(r.clickShare);
    if (r.clickShare !== undefined && clickShareBp === null) {
      reject('clickShare', 'Not a share between 0 and 1', r.clickShare);
      continue;
    }
    const conversionShareBp = shareToBp(r.conversionShare);
    if (r.conversionShare !== undefined && conversionShareBp === null) {
      reject('conversionShare', 'Not a share between 0 and 1', r.conversionShare);
      continue;
    }
    const departmentName = text(r.departmentName) ?? '';
    const key = `${departmentName}\u0000${searchTerm}`;
    let term = terms.get(key);
    if (!term) {
      term = { departmentName, searchTerm, searchFrequencyRank: rank, clicked: [null, null, null] };
      terms.set(key, term);
    }
    term.searchFrequencyRank = Math.min(term.searchFrequencyRank, rank);
    term.clicked[position - 1] = { asin, title: text(r.clickedItemName), clickShareBp, conversionShareBp };
  }
  return { marketplaceId, weekStart, weekEnd, terms: [...terms.values()], errors };
}
