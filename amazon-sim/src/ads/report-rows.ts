import { createRandom, type Random } from '../random.ts';
import type { ProfileData, StoredEntity } from './store.ts';

/**
 * Rows of reporting v3 reports: one "unit" per grouped entity (campaign, ad group, keyword / target, search term,
 * product ad, SB / SD campaign), deterministic daily counters per unit and date (clicks ≤ impressions, purchases ≤
 * clicks, 1d ≤ 7d ≤ 14d ≤ 30d, same-SKU ≤ all), summed for SUMMARY, and derived ratios computed from the sums.
 */

export interface RowRequest {
  reportTypeId: string;
  groupBy: string[];
  columns: string[];
  timeUnit: 'DAILY' | 'SUMMARY';
  startDate: string;
  endDate: string;
  filters: { field: string; values: string[] }[];
}

type Attrs = Record<string, unknown>;
type Counters = Record<string, number>;

interface Unit {
  key: string;
  attrs: Attrs;
  /** Scales the traffic: paused and archived entities get little. */
  scale: number;
  price: number;
}

const WINDOWS = ['1d', '7d', '14d', '30d'] as const;
const PLACEMENTS = ['Top of Search on-Amazon', 'Detail Page on-Amazon', 'Other on-Amazon'];
const round2 = (n: number) => Math.round(n * 100) / 100;
const ratio = (a: number, b: number, digits = 4) => (b > 0 ? Math.round((a / b) * 10 ** digits) / 10 ** digits : null);
const scaleOf = (state: unknown) =>
  state === 'ENABLED' || state === 'enabled' ? 1 : state === 'ARCHIVED' ? 0.05 : 0.15;

/** The report's rows: objects with exactly the requested columns, in the requested order. */
export function buildRows(req: RowRequest, data: ProfileData, seed: string, today: string): Record<string, unknown>[] {
  const units = unitsOf(req, data).filter((u) =>
    req.filters.every((f) => u.attrs[f.field] === undefined || f.values.includes(String(u.attrs[f.field]))),
  );
  const dates = datesBetween(req.startDate, req.endDate < today ? req.endDate : today);
  const adProduct = req.reportTypeId.slice(0, 2);
  const currencyFactor = data.profile.currencyCode === 'JPY' ? 100 : 1;
  const rows: Record<string, unknown>[] = [];
  for (const unit of units) {
    const daily = dates.map((date) => {
      const r = createRandom(`${seed}|${data.profile.profileId}|${unit.key}|${date}`);
      return { date, counters: dayCounters(adProduct, r, unit, currencyFactor) };
    });
    const groups =
      req.timeUnit === 'DAILY'
        ? daily.map((d) => ({ date: d.date, counters: d.counters }))
        : [{ date: '', counters: sum(daily.map((d) => d.counters)) }];
    for (const g of groups) {
      const row: Record<string, unknown> = {};
      for (const column of req.columns) row[column] = cellValue(column, unit, g.counters, req, g.date);
      rows.push(row);
    }
  }
  return rows;
}

function unitsOf(req: RowRequest, data: ProfileData): Unit[] {
  const sp = data.sp;
  const currency = data.profile.currencyCode;
  const campaignAttrs = (c: StoredEntity | undefined): Attrs => {
    const d = c?.data ?? {};
    const budget = (d.budget ?? {}) as Attrs;
    return {
      campaignId: d.campaignId,
      campaignName: d.name,
      campaignStatus: d.state,
      campaignBudgetAmount: budget.budget,
      campaignBudgetType: budget.budgetType ?? 'DAILY',
      campaignBudgetCurrencyCode: currency,
      campaignBiddingStrategy: (d.dynamicBidding as Attrs | undefined)?.strategy,
      campaignRuleBasedBudgetAmount: null,
      campaignApplicableBudgetRuleId: null,
      campaignApplicableBudgetRuleName: null,
      portfolioId: d.portfolioId ?? null,
    };
  };
  const groupAttrs = (g: StoredEntity | undefined): Attrs => ({
    ...campaignAttrs(sp.campaigns.get(String(g?.data.campaignId))),
    adGroupId: g?.data.adGroupId,
    adGroupName: g?.data.name,
    adStatus: g?.data.state,
  });
  const priceOfGroup = (adGroupId: unknown) => {
    const ad = [...sp.productAds.values()].find((a) => a.data.adGroupId === adGroupId);
    return ad ? data.productOf(String(ad.data.sku ?? ad.data.asin)).price : 25;
  };
  const clauses = (): Unit[] => [
    ...[...sp.keywords.values()].map((k) => ({
      key: `kw:${k.data.keywordId}`,
      attrs: {
        ...groupAttrs(sp.adGroups.get(String(k.data.adGroupId))),
        keywordId: k.data.keywordId,
        keyword: k.data.keywordText,
        targeting: k.data.keywordText,
        keywordBid: k.data.bid ?? sp.adGroups.get(String(k.data.adGroupId))?.data.defaultBid,
        keywordType: k.data.matchType,
        matchType: k.data.matchType,
        adKeywordStatus: k.data.state,
      },
      scale: scaleOf(k.data.state),
      price: priceOfGroup(k.data.adGroupId),
    })),
    ...[...sp.targets.values()].map((t) => {
      const expression = (t.data.expression ?? []) as Attrs[];
      const targeting = expression
        .map((p) => (p.value ? `${String(p.type).toLowerCase()}="${p.value}"` : String(p.type).toLowerCase()))
        .join(' ');
      const auto = t.data.expressionType === 'AUTO';
      return {
        key: `tg:${t.data.targetId}`,
        attrs: {
          ...groupAttrs(sp.adGroups.get(String(t.data.adGroupId))),
          keywordId: t.data.targetId,
          keyword: targeting,
          targeting,
          keywordBid: t.data.bid ?? sp.adGroups.get(String(t.data.adGroupId))?.data.defaultBid,
          keywordType: auto ? 'TARGETING_EXPRESSION_PREDEFINED' : 'TARGETING_EXPRESSION',
          matchType: auto ? 'TARGETING_EXPRESSION_PREDEFINED' : 'TARGETING_EXPRESSION',
          adKeywordStatus: t.data.state,
        },
        scale: scaleOf(t.data.state),
        price: priceOfGroup(t.data.adGroupId),
      };
    }),
  ];
  switch (req.reportTypeId) {
    case 'spCampaigns': {
      if (req.groupBy.includes('adGroup')) {
        return [...sp.adGroups.values()].map((g) => ({
          key: `ag:${g.data.adGroupId}`,
          attrs: groupAttrs(g),
          scale: scaleOf(g.data.state) * scaleOf(sp.campaigns.get(String(g.data.campaignId))?.data.state),
          price: priceOfGroup(g.data.adGroupId),
        }));
      }
      const placements = req.groupBy.includes('campaignPlacement') ? PLACEMENTS : [undefined];
      return [...sp.campaigns.values()].flatMap((c) =>
        placements.map((placement, i) => ({
          key: `cp:${c.data.campaignId}:${placement ?? ''}`,
          attrs: { ...campaignAttrs(c), ...(placement ? { placementClassification: placement } : {}) },
          scale: scaleOf(c.data.state) / (placement ? 2 + i : 1),
          price: 25,
        })),
      );
    }
    case 'spTargeting':
      return clauses();
    case 'spSearchTerm':
      return clauses().flatMap((u) =>
        [0, 1].map((i) => {
          const base = String(u.attrs.keyword ?? 'product')
            .replace(/[^a-z0-9 ]/gi, ' ')
            .trim();
          const searchTerm = i === 0 ? base.toLowerCase() : `best ${base.toLowerCase()}`;
          return { ...u, key: `${u.key}:st${i}`, attrs: { ...u.attrs, searchTerm }, scale: u.scale / (1 + i) };
        }),
      );
    case 'spAdvertisedProduct':
      return [...sp.productAds.values()].map((a) => ({
        key: `ad:${a.data.adId}`,
        attrs: {
          ...groupAttrs(sp.adGroups.get(String(a.data.adGroupId))),
          adId: a.data.adId,
          advertisedAsin: a.data.asin,
          advertisedSku: a.data.sku,
        },
        scale: scaleOf(a.data.state),
        price: data.productOf(String(a.data.sku ?? a.data.asin)).price,
      }));
    case 'sbCampaigns':
      return data.sb.map((c) => ({
        key: `sb:${c.campaignId}`,
        attrs: {
          campaignId: c.campaignId,
          campaignName: c.name,
          campaignStatus: c.state,
          campaignBudgetAmount: c.budget,
          campaignBudgetType: c.budgetType,
          campaignBudgetCurrencyCode: currency,
          costType: 'CPC',
          video: String(c.name).includes('video'),
        },
        scale: scaleOf(c.state),
        price: 30,
      }));
    default: {
      const perTarget = req.groupBy.includes('matchedTarget');
      return data.sd.flatMap((c) =>
        (perTarget ? [0, 1] : [-1]).map((i) => ({
          key: `sd:${c.campaignId}:${i}`,
          attrs: {
            campaignId: c.campaignId,
            campaignName: c.name,
            campaignStatus: String(c.state).toUpperCase(),
            campaignBudgetAmount: c.budget,
            campaignBudgetCurrencyCode: currency,
            ...(i >= 0 ? { matchedTargetAsin: data.products[i]?.asin ?? null } : {}),
          },
          scale: scaleOf(c.state) / (i >= 0 ? 2 : 1),
          price: 28,
        })),
      );
    }
  }
}

function dayCounters(adProduct: string, r: Random, unit: Unit, currencyFactor: number): Counters {
  const impressions = Math.round(r.int(150, 4000) * unit.scale);
  const clicks = Math.round(impressions * (0.002 + r.next() * 0.013));
  const cost = round2(clicks * (0.3 + r.next() * 1.7) * currencyFactor);
  const price = unit.price * currencyFactor;
  const p7 = Math.round(clicks * (0.04 + r.next() * 0.14));
  const c: Counters = { impressions, clicks, cost, topOfSearchImpressionShare: round2(r.next() * 40) };
  if (adProduct === 'sp') {
    const p: Record<(typeof WINDOWS)[number], number> = {
      '1d': Math.floor(p7 * (0.7 + r.next() * 0.25)),
      '7d': p7,
      '14d': 0,
      '30d': 0,
    };
    p['14d'] = p7 + r.int(0, Math.ceil(p7 * 0.1));
    p['30d'] = p['14d'] + r.int(0, Math.ceil(p7 * 0.1));
    for (const w of WINDOWS) {
      const same = Math.floor(p[w] * 0.85);
      const units = p[w] + Math.floor(p[w] * 0.2);
      const unitsSame = same + Math.floor(same * 0.2);
      c[`purchases${w}`] = p[w];
      c[`purchasesSameSku${w}`] = same;
      c[`unitsSoldClicks${w}`] = units;
      c[`unitsSoldSameSku${w}`] = unitsSame;
      c[`sales${w}`] = round2(units * price);
      c[`attributedSalesSameSku${w}`] = round2(unitsSame * price);
    }
    c.salesOtherSku7d = round2((c.sales7d ?? 0) - (c.attributedSalesSameSku7d ?? 0));
    c.unitsSoldOtherSku7d = (c.unitsSoldClicks7d ?? 0) - (c.unitsSoldSameSku7d ?? 0);
    return c;
  }
  // SB and SD use un-suffixed 14-day attribution with click-attributed (…Clicks) subsets.
  const purchasesClicks = p7;
  const purchases = purchasesClicks + r.int(0, Math.ceil(p7 * 0.3));
  const unitsSold = purchases + Math.floor(purchases * 0.2);
  const unitsSoldClicks = purchasesClicks + Math.floor(purchasesClicks * 0.2);
  const ntb = Math.floor(purchasesClicks * (0.3 + r.next() * 0.4));
  Object.assign(c, {
    purchases,
    purchasesClicks,
    unitsSold,
    unitsSoldClicks,
    sales: round2(unitsSold * price),
    salesClicks: round2(unitsSoldClicks * price),
    newToBrandPurchases: ntb,
    newToBrandPurchasesClicks: ntb,
    newToBrandUnitsSold: ntb,
    newToBrandUnitsSoldClicks: ntb,
    newToBrandSales: round2(ntb * price),
    newToBrandSalesClicks: round2(ntb * price),
    detailPageViews: clicks + Math.floor(clicks * 0.3),
    detailPageViewsClicks: clicks,
    newToBrandDetailPageViews: Math.floor(clicks * 0.5),
    newToBrandDetailPageViewsClicks: Math.floor(clicks * 0.4),
    addToCart: Math.floor(clicks * 0.2),
    addToCartClicks: Math.floor(clicks * 0.15),
    brandedSearches: Math.floor(clicks * 0.1),
    brandedSearchesClicks: Math.floor(clicks * 0.05),
    viewableImpressions: Math.floor(impressions * 0.7),
    impressionsViews: Math.floor(impressions * 0.7),
  });
  if (adProduct === 'sb') {
    c.purchasesPromoted = Math.floor(purchases * 0.8);
    c.salesPromoted = round2(c.purchasesPromoted * price);
    if (unit.attrs.video === true) {
      c.video5SecondViews = Math.floor(impressions * 0.3);
      c.videoFirstQuartileViews = Math.floor(impressions * 0.25);
      c.videoMidpointViews = Math.floor(impressions * 0.15);
      c.videoThirdQuartileViews = Math.floor(impressions * 0.1);
      c.videoCompleteViews = Math.floor(impressions * 0.08);
      c.videoUnmutes = Math.floor(impressions * 0.02);
    }
  } else {
    c.purchasesPromotedClicks = Math.floor(purchasesClicks * 0.8);
    c.salesPromotedClicks = round2(c.purchasesPromotedClicks * price);
  }
  return c;
}

function sum(list: Counters[]): Counters {
  const out: Counters = {};
  for (const c of list) for (const [k, v] of Object.entries(c)) out[k] = (out[k] ?? 0) + v;
  for (const k of Object.keys(out)) out[k] = round2(out[k] ?? 0);
  if (list.length > 0) out.topOfSearchImpressionShare = round2((out.topOfSearchImpressionShare ?? 0) / list.length);
  return out;
}

/** Derived metrics (from the summed counters) [I: ratios as fractions, ACOS in percent, ROAS as a multiple]. */
function derived(column: string, c: Counters): number | null | undefined {
  const n = (k: string) => c[k] ?? 0;
  switch (column) {
    case 'spend':
      return n('cost');
    case 'costPerClick':
      return n('clicks') > 0 ? round2(n('cost') / n('clicks')) : null;
    case 'clickThroughRate':
      return ratio(n('clicks'), n('impressions'));
    case 'acosClicks7d':
    case 'acosClicks14d': {
      const sales = n(column.endsWith('14d') ? 'sales14d' : 'sales7d');
      return sales > 0 ? round2((n('cost') / sales) * 100) : null;
    }
    case 'roasClicks7d':
    case 'roasClicks14d':
      return ratio(n(column.endsWith('14d') ? 'sales14d' : 'sales7d'), n('cost'), 2);
    case 'addToCartRate':
      return ratio(n('addToCart'), n('impressions'));
    case 'eCPAddToCart':
      return n('addToCart') > 0 ? round2(n('cost') / n('addToCart')) : null;
    case 'viewabilityRate':
      return ratio(n('viewableImpressions'), n('impressions'));
    case 'viewClickThroughRate':
      return ratio(n('clicks'), n('viewableImpressions'));
    case 'video5SecondViewRate':
      return ratio(n('video5SecondViews'), n('impressions'));
    case 'newToBrandPurchasesPercentage':
      return n('purchases') > 0 ? round2((n('newToBrandPurchases') / n('purchases')) * 100) : null;
    case 'newToBrandSalesPercentage':
      return n('sales') > 0 ? round2((n('newToBrandSales') / n('sales')) * 100) : null;
    case 'newToBrandUnitsSoldPercentage':
      return n('unitsSold') > 0 ? round2((n('newToBrandUnitsSold') / n('unitsSold')) * 100) : null;
    case 'newToBrandPurchasesRate':
      return ratio(n('newToBrandPurchases'), n('clicks'));
    case 'newToBrandDetailPageViewRate':
      return ratio(n('newToBrandDetailPageViews'), n('impressions'));
    case 'newToBrandECPDetailPageView':
      return n('newToBrandDetailPageViews') > 0 ? round2(n('cost') / n('newToBrandDetailPageViews')) : null;
    case 'longTermSales':
      return round2(n('sales') * 1.3);
    case 'longTermROAS':
      return ratio(n('sales') * 1.3, n('cost'), 2);
    default:
      return undefined;
  }
}

function cellValue(column: string, unit: Unit, c: Counters, req: RowRequest, date: string): unknown {
  if (column === 'date') return date;
  if (column === 'startDate') return req.startDate;
  if (column === 'endDate') return req.endDate;
  if (Object.hasOwn(unit.attrs, column) && column !== 'video') return unit.attrs[column];
  const d = derived(column, c);
  if (d !== undefined) return d;
  if (Object.hasOwn(c, column)) return c[column];
  // Columns the simulator does not model (Kindle pages, borrows, add-to-list …): zero for metrics, null otherwise.
  return /Id$|Name$|Status$|Type$|Code$|Strategy$|Classification$|Asin$|Sku$|^keyword$|^targeting$|^searchTerm$/.test(
    column,
  )
    ? null
    : 0;
}

function datesBetween(start: string, end: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${start}T00:00:00Z`); t <= Date.parse(`${end}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}
