/**
 * What the scenario needs to know about each marketplace beyond marketplaces.json: the store's name, domain and
 * language (as sellers getMarketplaceParticipations reports them), its time zone, how tax is shown (US/CA add sales
 * tax to the price; elsewhere prices include VAT/GST), rough price levels, order-id prefixes and a few ship-to cities.
 * Cities carry no street, name or phone: the scenario is PII-free by design.
 */

export interface ShipTo {
  city: string;
  stateOrRegion: string;
  postalCode: string;
  /** Combined sales-tax rate for tax-exclusive marketplaces (US, CA); unused where prices include VAT. */
  taxRate: number;
}

export interface MarketplaceFacts {
  /** Code used by marketplaces.json (`UK`, not `GB`). */
  code: string;
  /** ISO 3166-1 alpha-2 country code (`GB` for the UK store). */
  countryCode: string;
  /** Store name as Amazon shows it (`Amazon.com`), also the v0 SalesChannel. */
  name: string;
  domainName: string;
  defaultLanguageCode: string;
  timeZone: string;
  /** Digits after the decimal point of the currency. */
  currencyDigits: number;
  /** Local currency units per US dollar (rough, for price and fee levels only). */
  perUsd: number;
  /** Price level relative to the US before tax (local habits, not FX). */
  priceLevel: number;
  /** Prices include VAT/GST (true) or sales tax is added at checkout (false). */
  taxIncluded: boolean;
  /** VAT/GST rate when taxIncluded. */
  vatRate: number;
  /** Who collects the tax as marketplace facilitator. */
  taxResponsibleParty: string;
  /** Demand relative to the seller's home marketplace. */
  demandWeight: number;
  /** Share of the catalog the seller lists here. */
  listingShare: number;
  /** First three digits of order ids placed here. */
  orderIdPrefixes: string[];
  /** fulfillmentChannelCode of FBA listings here. */
  afnChannelCode: string;
  /** Buyer-paid shipping when charged, in minor units. */
  shippingCharge: number;
  /** Referral-fee minimum per unit, in minor units. */
  minReferralFee: number;
  cities: ShipTo[];
}

const US_CITIES: ShipTo[] = [
  { city: 'New York', stateOrRegion: 'NY', postalCode: '10001', taxRate: 0.08875 },
  { city: 'Los Angeles', stateOrRegion: 'CA', postalCode: '90012', taxRate: 0.095 },
  { city: 'Chicago', stateOrRegion: 'IL', postalCode: '60601', taxRate: 0.1025 },
  { city: 'Houston', stateOrRegion: 'TX', postalCode: '77002', taxRate: 0.0825 },
  { city: 'Phoenix', stateOrRegion: 'AZ', postalCode: '85004', taxRate: 0.086 },
  { city: 'Seattle', stateOrRegion: 'WA', postalCode: '98101', taxRate: 0.1035 },
  { city: 'Miami', stateOrRegion: 'FL', postalCode: '33130', taxRate: 0.07 },
  { city: 'Denver', stateOrRegion: 'CO', postalCode: '80202', taxRate: 0.0881 },
  { city: 'Atlanta', stateOrRegion: 'GA', postalCode: '30303', taxRate: 0.089 },
  { city: 'Boston', stateOrRegion: 'MA', postalCode: '02108', taxRate: 0.0625 },
  { city: 'Portland', stateOrRegion: 'OR', postalCode: '97204', taxRate: 0 },
  { city: 'Columbus', stateOrRegion: 'OH', postalCode: '43215', taxRate: 0.08 },
];

const CA_CITIES: ShipTo[] = [
  { city: 'Toronto', stateOrRegion: 'ON', postalCode: 'M5V 2T6', taxRate: 0.13 },
  { city: 'Montreal', stateOrRegion: 'QC', postalCode: 'H2X 1Y4', taxRate: 0.14975 },
  { city: 'Vancouver', stateOrRegion: 'BC', postalCode: 'V6B 1A1', taxRate: 0.12 },
  { city: 'Calgary', stateOrRegion: 'AB', postalCode: 'T2P 1J9', taxRate: 0.05 },
  { city: 'Ottawa', stateOrRegion: 'ON', postalCode: 'K1P 1J1', taxRate: 0.13 },
  { city: 'Halifax', stateOrRegion: 'NS', postalCode: 'B3H 1A1', taxRate: 0.14 },
];

const cities = (rows: [string, string, string][]): ShipTo[] =>
  rows.map(([city, stateOrRegion, postalCode]) => ({ city, stateOrRegion, postalCode, taxRate: 0 }));

const EU_PARTY = 'Amazon Services Europe S.a.r.L.';

const FACTS: MarketplaceFacts[] = [
  {
    code: 'US',
    countryCode: 'US',
    name: 'Amazon.com',
    domainName: 'www.amazon.com',
    defaultLanguageCode: 'en_US',
    timeZone: 'America/Chicago',
    currencyDigits: 2,
    perUsd: 1,
    priceLevel: 1,
    taxIncluded: false,
    vatRate: 0,
    taxResponsibleParty: 'Amazon Services, Inc.',
    demandWeight: 1,
    listingShare: 1,
    orderIdPrefixes: ['111', '112', '113', '114'],
    afnChannelCode: 'AMAZON_NA',
    shippingCharge: 599,
    minReferralFee: 30,
    cities: US_CITIES,
  },
  {
    code: 'CA',
    countryCode: 'CA',
    name: 'Amazon.ca',
    domainName: 'www.amazon.ca',
    defaultLanguageCode: 'en_CA',
    timeZone: 'America/Toronto',
    currencyDigits: 2,
    perUsd: 1.37,
    priceLevel: 1.05,
    taxIncluded: false,
    vatRate: 0,
    taxResponsibleParty: 'Amazon.com.ca ULC',
    demandWeight: 0.14,
    listingShare: 0.65,
    orderIdPrefixes: ['702'],
    afnChannelCode: 'AMAZON_NA',
    shippingCharge: 699,
    minReferralFee: 30,
    cities: CA_CITIES,
  },
  {
    code: 'MX',
    countryCode: 'MX',
    name: 'Amazon.com.mx',
    domainName: 'www.amazon.com.mx',
    defaultLanguageCode: 'es_MX',
    timeZone: 'America/Mexico_City',
    currencyDigits: 2,
    perUsd: 18.5,
    priceLevel: 1,
    taxIncluded: true,
    vatRate: 0.16,
    taxResponsibleParty: 'Servicios Comerciales Amazon México S. de R.L. de C.V.',
    demandWeight: 0.07,
    listingShare: 0.4,
    orderIdPrefixes: ['701'],
    afnChannelCode: 'AMAZON_NA',
    shippingCharge: 9900,
    minReferralFee: 500,
    cities: cities([
      ['Ciudad de México', 'CDMX', '06600'],
      ['Guadalajara', 'JAL', '44100'],
      ['Monterrey', 'NL', '64000'],
      ['Puebla', 'PUE', '72000'],
    ]),
  },
  {
    code: 'UK',
    countryCode: 'GB',
    name: 'Amazon.co.uk',
    domainName: 'www.amazon.co.uk',
    defaultLanguageCode: 'en_GB',
    timeZone: 'Europe/London',
    currencyDigits: 2,
    perUsd: 0.79,
    priceLevel: 1,
    taxIncluded: true,
    vatRate: 0.2,
    taxResponsibleParty: EU_PARTY,
    demandWeight: 0.85,
    listingShare: 0.85,
    orderIdPrefixes: ['202', '203', '204', '205', '206'],
    afnChannelCode: 'AMAZON_EU',
    shippingCharge: 399,
    minReferralFee: 25,
    cities: cities([
      ['London', 'England', 'EC1A'],
      ['Manchester', 'England', 'M1'],
      ['Birmingham', 'England', 'B1'],
      ['Leeds', 'England', 'LS1'],
      ['Glasgow', 'Scotland', 'G1'],
      ['Cardiff', 'Wales', 'CF10'],
    ]),
  },
  euFacts(
    'DE',
    'Amazon.de',
    'www.amazon.de',
    'de_DE',
    'Europe/Berlin',
    0.19,
    1,
    1,
    ['302', '303', '304', '305', '306'],
    [
      ['Berlin', 'Berlin', '10115'],
      ['Hamburg', 'Hamburg', '20095'],
      ['München', 'Bayern', '80331'],
      ['Köln', 'Nordrhein-Westfalen', '50667'],
      ['Frankfurt am Main', 'Hessen', '60311'],
      ['Stuttgart', 'Baden-Württemberg', '70173'],
    ],
  ),
  euFacts(
    'FR',
    'Amazon.fr',
    'www.amazon.fr',
    'fr_FR',
    'Europe/Paris',
    0.2,
    0.55,
    0.75,
    ['402', '403'],
    [
      ['Paris', 'Île-de-France', '75001'],
      ['Lyon', 'Auvergne-Rhône-Alpes', '69001'],
      ['Marseille', "Provence-Alpes-Côte d'Azur", '13001'],
      ['Toulouse', 'Occitanie', '31000'],
      ['Lille', 'Hauts-de-France', '59000'],
    ],
  ),
  euFacts(
    'IT',
    'Amazon.it',
    'www.amazon.it',
    'it_IT',
    'Europe/Rome',
    0.22,
    0.42,
    0.6,
    ['404', '405'],
    [
      ['Roma', 'Lazio', '00184'],
      ['Milano', 'Lombardia', '20121'],
      ['Napoli', 'Campania', '80133'],
      ['Torino', 'Piemonte', '10121'],
      ['Bologna', 'Emilia-Romagna', '40121'],
    ],
  ),
  euFacts(
    'ES',
    'Amazon.es',
    'www.amazon.es',
    'es_ES',
    'Europe/Madrid',
    0.21,
    0.36,
    0.6,
    ['406', '407', '408'],
    [
      ['Madrid', 'Madrid', '28013'],
      ['Barcelona', 'Cataluña', '08001'],
      ['Valencia', 'Comunidad Valenciana', '46001'],
      ['Sevilla', 'Andalucía', '41001'],
      ['Bilbao', 'País Vasco', '48001'],
    ],
  ),
  {
    code: 'JP',
    countryCode: 'JP',
    name: 'Amazon.co.jp',
    domainName: 'www.amazon.co.jp',
    defaultLanguageCode: 'ja_JP',
    timeZone: 'Asia/Tokyo',
    currencyDigits: 0,
    perUsd: 150,
    priceLevel: 0.95,
    taxIncluded: true,
    vatRate: 0.1,
    taxResponsibleParty: 'Amazon Japan G.K.',
    demandWeight: 1,
    listingShare: 1,
    orderIdPrefixes: ['249', '250', '503'],
    afnChannelCode: 'AMAZON_JP',
    shippingCharge: 410,
    minReferralFee: 30,
    cities: cities([
      ['Tokyo', 'Tokyo', '100-0001'],
      ['Osaka', 'Osaka', '530-0001'],
      ['Yokohama', 'Kanagawa', '220-0011'],
      ['Nagoya', 'Aichi', '450-0002'],
      ['Sapporo', 'Hokkaido', '060-0001'],
    ]),
  },
  {
    code: 'AU',
    countryCode: 'AU',
    name: 'Amazon.com.au',
    domainName: 'www.amazon.com.au',
    defaultLanguageCode: 'en_AU',
    timeZone: 'Australia/Sydney',
    currencyDigits: 2,
    perUsd: 1.52,
    priceLevel: 1.05,
    taxIncluded: true,
    vatRate: 0.1,
    taxResponsibleParty: 'Amazon Commercial Services Pty Ltd',
    demandWeight: 0.35,
    listingShare: 0.7,
    orderIdPrefixes: ['249', '250'],
    afnChannelCode: 'AMAZON_FE',
    shippingCharge: 699,
    minReferralFee: 30,
    cities: cities([
      ['Sydney', 'NSW', '2000'],
      ['Melbourne', 'VIC', '3000'],
      ['Brisbane', 'QLD', '4000'],
      ['Perth', 'WA', '6000'],
      ['Adelaide', 'SA', '5000'],
    ]),
  },
  {
    code: 'SG',
    countryCode: 'SG',
    name: 'Amazon.sg',
    domainName: 'www.amazon.sg',
    defaultLanguageCode: 'en_SG',
    timeZone: 'Asia/Singapore',
    currencyDigits: 2,
    perUsd: 1.34,
    priceLevel: 1.05,
    taxIncluded: true,
    vatRate: 0.09,
    taxResponsibleParty: 'Amazon Asia-Pacific Holdings Private Limited',
    demandWeight: 0.12,
    listingShare: 0.5,
    orderIdPrefixes: ['503'],
    afnChannelCode: 'AMAZON_FE',
    shippingCharge: 499,
    minReferralFee: 30,
    cities: cities([['Singapore', 'Singapore', '049315']]),
  },
];

function euFacts(
  code: string,
  name: string,
  domainName: string,
  defaultLanguageCode: string,
  timeZone: string,
  vatRate: number,
  demandWeight: number,
  listingShare: number,
  orderIdPrefixes: string[],
  rows: [string, string, string][],
): MarketplaceFacts {
  return {
    code,
    countryCode: code,
    name,
    domainName,
    defaultLanguageCode,
    timeZone,
    currencyDigits: 2,
    perUsd: 0.93,
    priceLevel: 1,
    taxIncluded: true,
    vatRate,
    taxResponsibleParty: EU_PARTY,
    demandWeight,
    listingShare,
    orderIdPrefixes,
    afnChannelCode: 'AMAZON_EU',
    shippingCharge: 399,
    minReferralFee: 30,
    cities: cities(rows),
  };
}

/** Facts for a marketplaces.json code (`US`, `UK` …); throws for a marketplace the scenario does not model. */
export function marketplaceFacts(code: string): MarketplaceFacts {
  const facts = FACTS.find((f) => f.code === code);
  if (!facts) throw new Error(`amazon-sim scenario: no marketplace facts for ${code}`);
  return facts;
}

/** Formats minor units as Amazon's decimal string (`1999` → `19.99`; JPY keeps whole units). */
export function decimalAmount(minor: number, digits: number): string {
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const scale = 10 ** digits;
  return `${sign}${Math.floor(abs / scale)}.${String(abs % scale).padStart(digits, '0')}`;
}
