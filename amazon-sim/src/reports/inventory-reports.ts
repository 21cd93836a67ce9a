import { fbaFeeMinor, referralFeeMinor, sizeTier } from '../scenario/fee-calculator.ts';
import type { ScenarioMarketplace } from '../scenario/scenario-types.ts';
import { type FlatRow, formatAmount, formatNumber, localeOf, toTsv } from './flat-file.ts';
import { flatDocument, type GeneratedDocument, type GenerateInput } from './report-generators.ts';

/** FBA inventory (MYI unsuppressed) and FBA fee estimate flat files of the report's first marketplace. */

/** GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA columns (header fixture). */
export const MYI_HEADER = [
  'sku',
  'fnsku',
  'asin',
  'product-name',
  'condition',
  'your-price',
  'mfn-listing-exists',
  'mfn-fulfillable-quantity',
  'afn-listing-exists',
  'afn-warehouse-quantity',
  'afn-fulfillable-quantity',
  'afn-unsellable-quantity',
  'afn-reserved-quantity',
  'afn-total-quantity',
  'per-unit-volume',
  'afn-inbound-working-quantity',
  'afn-inbound-shipped-quantity',
  'afn-inbound-receiving-quantity',
  'afn-researching-quantity',
  'afn-reserved-future-supply',
  'afn-future-supply-buyable',
] as const;

/** GET_FBA_ESTIMATED_FBA_FEES_TXT_DATA columns (header fixture, EU variant, used in every marketplace) [I]. */
export const FEE_ESTIMATE_HEADER = [
  'sku',
  'fnsku',
  'asin',
  'product-name',
  'product-group',
  'brand',
  'fulfilled-by',
  'has-local-inventory',
  'your-price',
  'sales-price',
  'longest-side',
  'median-side',
  'shortest-side',
  'length-and-girth',
  'unit-of-dimension',
  'item-package-weight',
  'unit-of-weight',
  'product-size-weight-band',
  'currency',
  'estimated-fee-total',
  'estimated-referral-fee-per-unit',
  'estimated-variable-closing-fee',
  'expected-domestic-fulfilment-fee-per-unit',
  'expected-efn-fulfilment-fee-per-unit-uk',
  'expected-efn-fulfilment-fee-per-unit-de',
  'expected-efn-fulfilment-fee-per-unit-fr',
  'expected-efn-fulfilment-fee-per-unit-it',
  'expected-efn-fulfilment-fee-per-unit-es',
  'expected-efn-fulfilment-fee-per-unit-se',
] as const;

const CUBIC_CM_PER_CUBIC_FOOT = 28_316.846592;

function marketOf(input: GenerateInput): ScenarioMarketplace {
  const id = input.record.marketplaceIds[0];
  const market = input.seller.catalog.marketplaces.find((m) => m.marketplaceId === id);
  if (!market) throw new Error(`amazon-sim reports: marketplace ${id} is not the seller's`);
  return market;
}

/** GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA: FBA stock per SKU when the report was created. */
export function fbaInventoryReport(input: GenerateInput): GeneratedDocument {
  const { scenario, seller, record } = input;
  const market = marketOf(input);
  const locale = localeOf(market.code);
  const at = record.createdTime;
  const prices = new Map(scenario.listings(seller.sellerId, market.marketplaceId, at).map((l) => [l.sku, l.price]));
  const rows: FlatRow[] = scenario.inventory(seller.sellerId, market.marketplaceId, at).map((r) => {
    const product = seller.catalog.products.find((p) => p.sku === r.sku);
    const unsellable = r.customerDamaged + r.warehouseDamaged + r.carrierDamaged + r.defective;
    const reserved = r.pendingCustomerOrder + r.fcProcessing;
    const warehouse = r.fulfillable + unsellable + reserved;
    const inbound = r.inboundWorking + r.inboundShipped + r.inboundReceiving;
    const price = prices.get(r.sku);
    const volumeCm3 = product ? product.lengthCm * product.widthCm * product.heightCm : 0;
    const metric = market.code !== 'US';
    return {
      sku: r.sku,
      fnsku: r.fnsku,
      asin: r.asin,
      'product-name': r.title,
      condition: 'New',
      'your-price': price === undefined ? '' : formatAmount(locale, price, market.facts.currencyDigits),
      'mfn-listing-exists': 'No',
      'mfn-fulfillable-quantity': '',
      'afn-listing-exists': price === undefined ? 'No' : 'Yes',
      'afn-warehouse-quantity': warehouse,
      'afn-fulfillable-quantity': r.fulfillable,
      'afn-unsellable-quantity': unsellable,
      'afn-reserved-quantity': reserved,
      'afn-total-quantity': warehouse + inbound,
      'per-unit-volume': formatNumber(locale, metric ? volumeCm3 : volumeCm3 / CUBIC_CM_PER_CUBIC_FOOT, 2),
      'afn-inbound-working-quantity': r.inboundWorking,
      'afn-inbound-shipped-quantity': r.inboundShipped,
      'afn-inbound-receiving-quantity': r.inboundReceiving,
      'afn-researching-quantity': 0,
      'afn-reserved-future-supply': 0,
      'afn-future-supply-buyable': 0,
    };
  });
  return flatDocument(toTsv(MYI_HEADER, rows), record.region);
}

/** GET_FBA_ESTIMATED_FBA_FEES_TXT_DATA: estimated referral and fulfilment fee per FBA SKU at its current price. */
export function feeEstimateReport(input: GenerateInput): GeneratedDocument {
  const { scenario, seller, record } = input;
  const market = marketOf(input);
  const locale = localeOf(market.code);
  const digits = market.facts.currencyDigits;
  const metric = market.code !== 'US';
  const money = (minor: number) => formatAmount(locale, minor, digits);
  const rows: FlatRow[] = [];
  for (const listing of scenario.listings(seller.sellerId, market.marketplaceId, record.createdTime)) {
    const product = listing.productIndex === undefined ? undefined : seller.catalog.products[listing.productIndex];
    if (!product?.fnsku || listing.price === undefined) continue;
    const referral = referralFeeMinor(product.category, listing.price, 1, market.facts);
    const fba = fbaFeeMinor(product, listing.price, market.facts);
    const sides = [product.lengthCm, product.widthCm, product.heightCm].sort((a, b) => b - a);
    const [longest = 0, median = 0, shortest = 0] = metric ? sides : sides.map((s) => s / 2.54);
    const weight = metric ? product.weightG / 1000 : product.weightG / 453.59237;
    rows.push({
      sku: product.sku,
      fnsku: product.fnsku,
      asin: product.asin,
      'product-name': product.title,
      'product-group': product.category,
      brand: product.brand,
      'fulfilled-by': 'AFN',
      'has-local-inventory': 'Y',
      'your-price': money(listing.price),
      'sales-price': money(listing.price),
      'longest-side': formatNumber(locale, longest, 2),
      'median-side': formatNumber(locale, median, 2),
      'shortest-side': formatNumber(locale, shortest, 2),
      'length-and-girth': formatNumber(locale, longest + 2 * (median + shortest), 2),
      'unit-of-dimension': metric ? 'centimeters' : 'inches',
      'item-package-weight': formatNumber(locale, weight, 3),
      'unit-of-weight': metric ? 'kilograms' : 'pounds',
      'product-size-weight-band': sizeTier(product),
      currency: market.currency,
      'estimated-fee-total': money(referral + fba),
      'estimated-referral-fee-per-unit': money(referral),
      'estimated-variable-closing-fee': money(0),
      'expected-domestic-fulfilment-fee-per-unit': money(fba),
    });
  }
  return flatDocument(toTsv(FEE_ESTIMATE_HEADER, rows), record.region);
}
