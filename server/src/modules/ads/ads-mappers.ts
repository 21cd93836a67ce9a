import { Decimal } from 'decimal.js';
import { currencyExponent } from '../../platform/money.js';

/**
 * Pure readers of the Amazon Ads API's JSON: profiles, SP v3 campaigns / ad groups / keywords / targeting clauses,
 * SB v4 and SD campaigns. Amounts arrive as JSON numbers in the profile's currency and become integer minor units
 * (rounded half away from zero; JPY has none).
 */

type Json = Record<string, unknown>;

const str = (v: unknown): string | null => (v === undefined || v === null || v === '' ? null : String(v));

/** A JSON amount (number or decimal string) in minor units of `currency`, or null when absent or not a number. */
export function amountMinor(value: unknown, currency: string): number | null {
  if (value === undefined || value === null || value === '') return null;
  const text = String(value).trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return null;
  const minor = new Decimal(text)
    .times(new Decimal(10).pow(currencyExponent(currency)))
    .toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
    .toNumber();
  return Number.isSafeInteger(minor) ? minor : null;
}

/** A whole count (impressions, clicks, orders); 0 when absent. */
export function count(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(String(value ?? '').trim() || 0);
  return Number.isFinite(n) ? Math.round(n) : 0;
}

export interface ProfileRecord {
  profileId: string;
  countryCode: string;
  currency: string;
  timeZone: string;
  marketplaceStringId: string | null;
  accountName: string | null;
  accountType: string | null;
}

export function mapProfile(p: Json): ProfileRecord {
  const account = (p.accountInfo ?? {}) as Json;
  return {
    profileId: String(p.profileId),
    countryCode: String(p.countryCode ?? '').toUpperCase(),
    currency: String(p.currencyCode ?? ''),
    timeZone: String(p.timezone ?? 'UTC'),
    marketplaceStringId: str(account.marketplaceStringId),
    accountName: str(account.name),
    accountType: str(account.type),
  };
}

export interface CampaignRecord {
  campaignId: string;
  adType: 'SP' | 'SB' | 'SD';
  name: string;
  state: string;
  targetingType: string | null;
  budgetMinor: number | null;
  budgetType: string | null;
  biddingStrategy: string | null;
  costType: string | null;
  startDate: string | null;
  endDate: string | null;
  portfolioId: string | null;
}

/** `20261001` (SD, v2 style) or `2026-10-01` → `2026-10-01`. */
export function isoDate(v: unknown): string | null {
  const s = str(v);
  if (!s) return null;
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (compact) return `${compact[1]}-${compact[2]}-${compact[3]}`;
  return /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : null;
}

const upper = (v: unknown) => String(v ?? 'OTHER').toUpperCase();

export function mapSpCampaign(c: Json, currency: string): CampaignRecord {
  const budget = (c.budget ?? {}) as Json;
  return {
    campaignId: String(c.campaignId),
    adType: 'SP',
    name: String(c.name ?? ''),
    state: upper(c.state),
    targetingType: str(c.targetingType),
    budgetMinor: amountMinor(budget.budget, currency),
    budgetType: str(budget.budgetType),
    biddingStrategy: str((c.dynamicBidding as Json | undefined)?.strategy),
    costType: 'CPC',
    startDate: isoDate(c.startDate),
    endDate: isoDate(c.endDate),
    portfolioId: str(c.portfolioId),
  };
}

export function mapSbCampaign(c: Json, currency: string): CampaignRecord {
  const bidding = (c.bidding ?? {}) as Json;
  return {
    campaignId: String(c.campaignId),
    adType: 'SB',
    name: String(c.name ?? ''),
    state: upper(c.state),
    targetingType: null,
    budgetMinor: amountMinor(c.budget, currency),
    budgetType: str(c.budgetType),
    biddingStrategy: str(bidding.bidOptimizationStrategy) ?? (bidding.bidOptimization === true ? 'AUTO' : null),
    costType: str(c.costType) ?? 'CPC',
    startDate: isoDate(c.startDate),
    endDate: isoDate(c.endDate),
    portfolioId: str(c.portfolioId),
  };
}

export function mapSdCampaign(c: Json, currency: string): CampaignRecord {
  return {
    campaignId: String(c.campaignId),
    adType: 'SD',
    name: String(c.name ?? ''),
    state: upper(c.state),
    targetingType: str(c.tactic),
    budgetMinor: amountMinor(c.budget, currency),
    budgetType: str(c.budgetType)?.toUpperCase() ?? null,
    biddingStrategy: null,
    costType: str(c.costType)?.toUpperCase() ?? null,
    startDate: isoDate(c.startDate),
    endDate: isoDate(c.endDate),
    portfolioId: str(c.portfolioId),
  };
}

export interface AdGroupRecord {
  adGroupId: string;
  campaignId: string;
  name: string;
  state: string;
  defaultBidMinor: number | null;
}

export function mapAdGroup(g: Json, currency: string): AdGroupRecord {
  return {
    adGroupId: String(g.adGroupId),
    campaignId: String(g.campaignId),
    name: String(g.name ?? ''),
    state: upper(g.state),
    defaultBidMinor: amountMinor(g.defaultBid, currency),
  };
}

export interface TargetRecord {
  kind: 'KEYWORD' | 'PRODUCT_TARGET';
  targetId: string;
  campaignId: string;
  adGroupId: string;
  state: string;
  matchType: string | null;
  text: string;
  expression: string | null;
  bidMinor: number | null;
}

export function mapKeyword(k: Json, currency: string): TargetRecord {
  return {
    kind: 'KEYWORD',
    targetId: String(k.keywordId),
    campaignId: String(k.campaignId),
    adGroupId: String(k.adGroupId),
    state: upper(k.state),
    matchType: str(k.matchType),
    text: String(k.keywordText ?? ''),
    expression: null,
    bidMinor: amountMinor(k.bid, currency),
  };
}

/** A targeting expression as reports print it: `asin-same-as="B0…"` → `asin_same_as="B0…"` style, lower case. */
export function expressionText(expression: unknown): string {
  if (!Array.isArray(expression)) return '';
  return expression
    .map((p: Json) => {
      const type = String(p.type ?? '').toLowerCase();
      return p.value !== undefined && p.value !== null ? `${type}="${String(p.value)}"` : type;
    })
    .join(' ');
}

export function mapTarget(t: Json, currency: string): TargetRecord {
  const expression = t.resolvedExpression ?? t.expression;
  return {
    kind: 'PRODUCT_TARGET',
    targetId: String(t.targetId),
    campaignId: String(t.campaignId),
    adGroupId: String(t.adGroupId),
    state: upper(t.state),
    matchType: str(t.expressionType),
    text: expressionText(t.expression ?? expression),
    expression: expression === undefined ? null : JSON.stringify(expression),
    bidMinor: amountMinor(t.bid, currency),
  };
}
