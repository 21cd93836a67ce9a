/**
 * Amazon marketplaces (ids from Amazon's developer docs; default currency per country [I]; time zone = the
 * zone Amazon reports business dates in for that marketplace [I]). Source: shared/amazon/marketplaces.json.
 */
export type Region = 'NA' | 'EU' | 'FE';

export interface Marketplace {
  marketplaceId: string;
  code: string;
  country: string;
  region: Region;
  currency: string;
  timeZone: string;
}

const m = (
  marketplaceId: string,
  code: string,
  country: string,
  region: Region,
  currency: string,
  timeZone: string,
) => ({
  marketplaceId,
  code,
  country,
  region,
  currency,
  timeZone,
});

export const MARKETPLACES: readonly Marketplace[] = [
  m('ATVPDKIKX0DER', 'US', 'United States', 'NA', 'USD', 'America/Los_Angeles'),
  m('A2EUQ1WTGCTBG2', 'CA', 'Canada', 'NA', 'CAD', 'America/Los_Angeles'),
  m('A1AM78C64UM0Y8', 'MX', 'Mexico', 'NA', 'MXN', 'America/Los_Angeles'),
  m('A2Q3Y263D00KWC', 'BR', 'Brazil', 'NA', 'BRL', 'America/Sao_Paulo'),
  m('A1F83G8C2ARO7P', 'UK', 'United Kingdom', 'EU', 'GBP', 'Europe/London'),
  m('A1PA6795UKMFR9', 'DE', 'Germany', 'EU', 'EUR', 'Europe/Berlin'),
  m('A13V1IB3VIYZZH', 'FR', 'France', 'EU', 'EUR', 'Europe/Paris'),
  m('APJ6JRA9NG5V4', 'IT', 'Italy', 'EU', 'EUR', 'Europe/Rome'),
  m('A1RKKUPIHCS9HS', 'ES', 'Spain', 'EU', 'EUR', 'Europe/Madrid'),
  m('A1805IZSGTT6HS', 'NL', 'Netherlands', 'EU', 'EUR', 'Europe/Amsterdam'),
  m('A2NODRKZP88ZB9', 'SE', 'Sweden', 'EU', 'SEK', 'Europe/Stockholm'),
  m('A1C3SOZRARQ6R3', 'PL', 'Poland', 'EU', 'PLN', 'Europe/Warsaw'),
  m('AMEN7PMS3EDWL', 'BE', 'Belgium', 'EU', 'EUR', 'Europe/Brussels'),
  m('A28R8C7NBKEWEA', 'IE', 'Ireland', 'EU', 'EUR', 'Europe/Dublin'),
  m('A33AVAJ2PDY3EV', 'TR', 'Turkey', 'EU', 'TRY', 'Europe/Istanbul'),
  m('A2VIGQ35RCS4UG', 'AE', 'United Arab Emirates', 'EU', 'AED', 'Asia/Dubai'),
  m('A17E79C6D8DWNP', 'SA', 'Saudi Arabia', 'EU', 'SAR', 'Asia/Riyadh'),
  m('ARBP9OOSHTCHU', 'EG', 'Egypt', 'EU', 'EGP', 'Africa/Cairo'),
  m('A21TJRUUN4KGV', 'IN', 'India', 'EU', 'INR', 'Asia/Kolkata'),
  m('AE08WJ6YKNBMC', 'ZA', 'South Africa', 'EU', 'ZAR', 'Africa/Johannesburg'),
  m('A1VC38T7YXB528', 'JP', 'Japan', 'FE', 'JPY', 'Asia/Tokyo'),
  m('A39IBJ37TRP1C6', 'AU', 'Australia', 'FE', 'AUD', 'Australia/Sydney'),
  m('A19VAU5U5O7RUS', 'SG', 'Singapore', 'FE', 'SGD', 'Asia/Singapore'),
];

const byId = new Map(MARKETPLACES.map((x) => [x.marketplaceId, x]));
const byCode = new Map(MARKETPLACES.map((x) => [x.code, x]));

/** A marketplace by Amazon id or by country code (US, DE, …). */
export function findMarketplace(idOrCode: string): Marketplace | undefined {
  return byId.get(idOrCode) ?? byCode.get(idOrCode.toUpperCase());
}

/** Amazon's regional production hosts; every one can be overridden per store. */
export const REGION_ENDPOINTS: Record<Region, { spApi: string; ads: string; lwa: string }> = {
  NA: {
    spApi: 'https://sellingpartnerapi-na.amazon.com',
    ads: 'https://advertising-api.amazon.com',
    lwa: 'https://api.amazon.com/auth/o2/token',
  },
  EU: {
    spApi: 'https://sellingpartnerapi-eu.amazon.com',
    ads: 'https://advertising-api-eu.amazon.com',
    lwa: 'https://api.amazon.com/auth/o2/token',
  },
  FE: {
    spApi: 'https://sellingpartnerapi-fe.amazon.com',
    ads: 'https://advertising-api-fe.amazon.com',
    lwa: 'https://api.amazon.com/auth/o2/token',
  },
};

/** The sales channel Amazon writes in orders and flat files ("Amazon.co.uk") per marketplace code. */
const SALES_CHANNELS: Record<string, string> = {
  US: 'amazon.com',
  CA: 'amazon.ca',
  MX: 'amazon.com.mx',
  BR: 'amazon.com.br',
  UK: 'amazon.co.uk',
  DE: 'amazon.de',
  FR: 'amazon.fr',
  IT: 'amazon.it',
  ES: 'amazon.es',
  NL: 'amazon.nl',
  SE: 'amazon.se',
  PL: 'amazon.pl',
  BE: 'amazon.com.be',
  IE: 'amazon.ie',
  TR: 'amazon.com.tr',
  AE: 'amazon.ae',
  SA: 'amazon.sa',
  EG: 'amazon.eg',
  IN: 'amazon.in',
  ZA: 'amazon.co.za',
  JP: 'amazon.co.jp',
  AU: 'amazon.com.au',
  SG: 'amazon.sg',
};
const bySalesChannel = new Map(
  Object.entries(SALES_CHANNELS).map(([code, channel]) => [channel, byCode.get(code) as Marketplace]),
);

/** The marketplace of a sales channel name ("Amazon.de", "amazon.co.jp"); undefined for "Non-Amazon" and unknowns. */
export function findMarketplaceBySalesChannel(salesChannel: string): Marketplace | undefined {
  return bySalesChannel.get(
    salesChannel
      .trim()
      .toLowerCase()
      .replace(/^www\./, ''),
  );
}
