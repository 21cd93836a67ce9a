import { DAY_MS, dayOf, dayStart } from '../scenario/calendar.ts';
import { hash32 } from '../scenario/fast-random.ts';
import type { ScenarioMarketplace, ScenarioOrder } from '../scenario/scenario-types.ts';
import { type FlatRow, formatAmount, formatNumber, isoOffset, localeOf, toTsv } from './flat-file.ts';
import { fulfillmentCenter } from './orders-report.ts';
import { flatDocument, type GeneratedDocument, type GenerateInput } from './report-generators.ts';

/** FBA activity flat files: reimbursements, inventory ledger, restock recommendations, monthly storage fees. */

/** GET_FBA_REIMBURSEMENTS_DATA columns (header fixture). */
export const REIMBURSEMENTS_HEADER = [
  'approval-date',
  'reimbursement-id',
  'case-id',
  'amazon-order-id',
  'reason',
  'sku',
  'fnsku',
  'asin',
  'product-name',
  'condition',
  'currency-unit',
  'amount-per-unit',
  'amount-total',
  'quantity-reimbursed-cash',
  'quantity-reimbursed-inventory',
  'quantity-reimbursed-total',
  'original-reimbursement-id',
  'original-reimbursement-type',
] as const;

/** GET_LEDGER_DETAIL_VIEW_DATA columns (header fixture). */
export const LEDGER_HEADER = [
  'Date',
  'FNSKU',
  'ASIN',
  'MSKU',
  'Title',
  'EventType',
  'ReferenceID',
  'Quantity',
  'FulfillmentCenter',
  'Disposition',
  'Reason',
  'Country',
  'ReconciledQuantity',
  'UnreconciledQuantity',
] as const;

/** GET_RESTOCK_INVENTORY_RECOMMENDATIONS_REPORT columns (shared/amazon/README.md §3.3, order [I]). */
export const RESTOCK_HEADER = [
  'Country',
  'Product Name',
  'FNSKU',
  'Merchant SKU',
  'ASIN',
  'Condition',
  'Supplier',
  'Supplier part no.',
  'Currency code',
  'Price',
  'Sales last 30 days',
  'Units Sold Last 30 Days',
  'Total Units',
  'Inbound',
  'Available',
  'FC transfer',
  'FC Processing',
  'Customer Order',
  'Unfulfillable',
  'Working',
  'Shipped',
  'Receiving',
  'Fulfilled by',
  'Total Days of Supply (including units from open shipments)',
  'Days of Supply at Amazon Fulfillment Network',
  'Alert',
  'Recommended replenishment qty',
  'Recommended ship date',
  'Recommended action',
  'Unit storage size',
] as const;

/** GET_FBA_STORAGE_FEE_CHARGES_DATA columns [I: Amazon's documented monthly storage fee report fields]. */
export const STORAGE_FEES_HEADER = [
  'asin',
  'fnsku',
  'product_name',
  'fulfillment_center',
  'country_code',
  'longest_side',
  'median_side',
  'shortest_side',
  'measurement_units',
  'weight',
  'weight_units',
  'item_volume',
  'volume_units',
  'product_size_tier',
  'average_quantity_on_hand',
  'average_quantity_pending_removal',
  'estimated_total_item_volume',
  'month_of_charge',
  'storage_rate',
  'currency',
  'estimated_monthly_storage_fee',
] as const;

const LOOKBACK_MS = 45 * DAY_MS;
/** Approval of a carrier-damaged return's reimbursement after it reached Amazon [I]. */
const REIMBURSE_AFTER_MS = 7 * DAY_MS;
/** Standard-size monthly storage rate in USD per cubic foot: January–September, October–December. */
const STORAGE_USD_PER_FT3 = [0.78, 2.4];
const CM3_PER_FT3 = 28_316.846592;

function marketOf(input: GenerateInput): ScenarioMarketplace {
  const id = input.record.marketplaceIds[0];
  const market = input.seller.catalog.marketplaces.find((m) => m.marketplaceId === id);
  if (!market) throw new Error(`amazon-sim reports: marketplace ${id} is not the seller's`);
  return market;
}

function afnOrders(input: GenerateInput, market: ScenarioMarketplace, from: number, to: number): ScenarioOrder[] {
  const { scenario, seller, record } = input;
  return scenario
    .ordersBetween(seller.sellerId, from, Math.min(to, record.createdTime), record.createdTime)
    .filter((o) => o.marketplaceId === market.marketplaceId && o.channel === 'AFN' && !o.canceled);
}

function usDate(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

/** GET_FBA_REIMBURSEMENTS_DATA: carrier-damaged customer returns reimbursed a week after they arrived [I]. */
export function reimbursementsReport(input: GenerateInput): GeneratedDocument {
  const { seller, record } = input;
  const market = marketOf(input);
  const until = Math.min(record.dataEndTime, record.createdTime);
  const rows: (FlatRow & { at: number })[] = [];
  for (const o of afnOrders(input, market, record.dataStartTime - LOOKBACK_MS - REIMBURSE_AFTER_MS, until)) {
    for (const item of o.items) {
      const r = item.returned;
      if (!r) continue;
      const at = r.returnedAt + REIMBURSE_AFTER_MS;
      if (r.disposition !== 'CARRIER_DAMAGED' || at < record.dataStartTime || at >= until) continue;
      const perUnit = Math.round(r.refundPrincipal / Math.max(1, r.quantity));
      rows.push({
        at,
        'approval-date': isoOffset(at),
        'reimbursement-id': String(1_000_000_000 + (hash32('reimbursement', item.orderItemId) % 9_000_000_000)),
        'amazon-order-id': o.orderId,
        reason: 'CustomerReturn',
        sku: item.sku,
        fnsku: seller.catalog.products[item.productIndex]?.fnsku ?? '',
        asin: item.asin,
        'product-name': item.title,
        condition: 'New',
        'currency-unit': o.currency,
        'amount-per-unit': formatAmount(localeOf('US'), perUnit, o.currencyDigits),
        'amount-total': formatAmount(localeOf('US'), perUnit * r.quantity, o.currencyDigits),
        'quantity-reimbursed-cash': r.quantity,
        'quantity-reimbursed-inventory': 0,
        'quantity-reimbursed-total': r.quantity,
      });
    }
  }
  rows.sort((a, b) => a.at - b.at);
  return flatDocument(toTsv(REIMBURSEMENTS_HEADER, rows), record.region);
}

/** GET_LEDGER_DETAIL_VIEW_DATA: receipts, customer shipments and customer returns of FBA stock in the range. */
export function ledgerReport(input: GenerateInput): GeneratedDocument {
  const { seller, record } = input;
  const market = marketOf(input);
  const m = seller.marketplaceIndex(market.marketplaceId);
  const until = Math.min(record.dataEndTime, record.createdTime);
  const inRange = (t: number | undefined) => t !== undefined && t >= record.dataStartTime && t < until;
  const events: (FlatRow & { at: number; key: string })[] = [];
  const product = (index: number) => seller.catalog.products[index];
  const event = (at: number, p: number, type: string, ref: string, qty: number, disposition: string) => {
    const prod = product(p);
    events.push({
      at,
      key: `${ref}|${prod?.sku}`,
      Date: usDate(at),
      FNSKU: prod?.fnsku ?? '',
      ASIN: prod?.asin ?? '',
      MSKU: prod?.sku ?? '',
      Title: prod?.title ?? '',
      EventType: type,
      ReferenceID: ref,
      Quantity: qty,
      FulfillmentCenter: fulfillmentCenter(market, `${ref}|${p}`),
      Disposition: disposition,
      Reason: '',
      Country: market.facts.countryCode,
      ReconciledQuantity: type === 'Receipts' ? qty : '',
      UnreconciledQuantity: type === 'Receipts' ? 0 : '',
    });
  };
  for (const s of seller.inboundShipments(m, until)) {
    if (inRange(s.closedAt)) event(s.closedAt, s.productIndex, 'Receipts', s.shipmentId, s.quantity, 'SELLABLE');
  }
  for (const o of afnOrders(input, market, record.dataStartTime - LOOKBACK_MS, until)) {
    const shipmentId = `S${hash32('shipment', o.orderId).toString(36).toUpperCase()}`;
    for (const item of o.items) {
      if (inRange(o.timeline.shipped)) {
        event(o.timeline.shipped ?? 0, item.productIndex, 'Shipments', shipmentId, -item.quantity, 'SELLABLE');
      }
      const r = item.returned;
      if (r && inRange(r.returnedAt)) {
        event(r.returnedAt, item.productIndex, 'CustomerReturns', o.orderId, r.quantity, r.disposition);
      }
    }
  }
  events.sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return flatDocument(toTsv(LEDGER_HEADER, events), record.region);
}

/** GET_RESTOCK_INVENTORY_RECOMMENDATIONS_REPORT: 60 days of cover from the last 30 days' sales [I]. */
export function restockReport(input: GenerateInput): GeneratedDocument {
  const { scenario, seller, record } = input;
  const market = marketOf(input);
  const at = record.createdTime;
  const locale = localeOf(market.code);
  const digits = market.facts.currencyDigits;
  const sold = new Map<string, { units: number; sales: number }>();
  for (const o of afnOrders(input, market, at - 30 * DAY_MS, at)) {
    for (const item of o.items) {
      const s = sold.get(item.sku) ?? { units: 0, sales: 0 };
      s.units += item.quantity;
      s.sales += item.itemPrice - item.promotionDiscount;
      sold.set(item.sku, s);
    }
  }
  const prices = new Map(scenario.listings(seller.sellerId, market.marketplaceId, at).map((l) => [l.sku, l.price]));
  const rows: FlatRow[] = scenario.inventory(seller.sellerId, market.marketplaceId, at).map((r) => {
    const s = sold.get(r.sku) ?? { units: 0, sales: 0 };
    const daily = s.units / 30;
    const inbound = r.inboundWorking + r.inboundShipped + r.inboundReceiving;
    const unfulfillable = r.customerDamaged + r.warehouseDamaged + r.carrierDamaged + r.defective;
    const supply = daily > 0 ? Math.floor((r.fulfillable + inbound) / daily) : undefined;
    const atAmazon = daily > 0 ? Math.floor(r.fulfillable / daily) : undefined;
    const recommended = Math.max(0, Math.ceil(daily * 60) - r.fulfillable - inbound);
    const price = prices.get(r.sku);
    return {
      Country: market.facts.countryCode,
      'Product Name': r.title,
      FNSKU: r.fnsku,
      'Merchant SKU': r.sku,
      ASIN: r.asin,
      Condition: 'New',
      'Currency code': market.currency,
      Price: price === undefined ? '' : formatAmount(locale, price, digits),
      'Sales last 30 days': formatAmount(locale, s.sales, digits),
      'Units Sold Last 30 Days': s.units,
      'Total Units': r.fulfillable + inbound + r.fcProcessing + r.pendingCustomerOrder + unfulfillable,
      Inbound: inbound,
      Available: r.fulfillable,
      'FC transfer': 0,
      'FC Processing': r.fcProcessing,
      'Customer Order': r.pendingCustomerOrder,
      Unfulfillable: unfulfillable,
      Working: r.inboundWorking,
      Shipped: r.inboundShipped,
      Receiving: r.inboundReceiving,
      'Fulfilled by': 'Amazon',
      'Total Days of Supply (including units from open shipments)': supply ?? '',
      'Days of Supply at Amazon Fulfillment Network': atAmazon ?? '',
      Alert: r.fulfillable === 0 ? 'out_of_stock' : recommended > 0 ? 'reorder_now' : '',
      'Recommended replenishment qty': recommended,
      'Recommended ship date': recommended > 0 ? new Date(dayStart(dayOf(at))).toISOString().slice(0, 10) : '',
      'Recommended action': recommended > 0 ? 'Restock' : 'No action required',
      'Unit storage size': 'Standard',
    };
  });
  return flatDocument(toTsv(RESTOCK_HEADER, rows), record.region);
}

/** GET_FBA_STORAGE_FEE_CHARGES_DATA: the month of dataStartTime, on-hand stock taken mid-month [I]. */
export function storageFeesReport(input: GenerateInput): GeneratedDocument {
  const { scenario, seller, record } = input;
  const market = marketOf(input);
  const locale = localeOf(market.code);
  const us = market.code === 'US';
  const first = new Date(record.dataStartTime);
  const monthStart = Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1);
  const sample = Math.min(monthStart + 14 * DAY_MS, record.createdTime);
  const peak = first.getUTCMonth() >= 9 ? 1 : 0;
  const ratePerFt3 = (STORAGE_USD_PER_FT3[peak] ?? 0.78) * market.facts.perUsd;
  const rows: FlatRow[] = scenario.inventory(seller.sellerId, market.marketplaceId, sample).flatMap((r) => {
    const p = seller.catalog.products.find((x) => x.sku === r.sku);
    const onHand = r.fulfillable + r.fcProcessing + r.pendingCustomerOrder;
    if (!p || onHand === 0) return [];
    const sides = [p.lengthCm, p.widthCm, p.heightCm].sort((a, b) => b - a).map((s) => (us ? s / 2.54 : s));
    const cm3 = p.lengthCm * p.widthCm * p.heightCm;
    const volume = us ? cm3 / CM3_PER_FT3 : cm3 / 1_000_000;
    const rate = us ? ratePerFt3 : ratePerFt3 * (1_000_000 / CM3_PER_FT3);
    return [
      {
        asin: r.asin,
        fnsku: r.fnsku,
        product_name: r.title,
        fulfillment_center: fulfillmentCenter(market, r.sku),
        country_code: market.facts.countryCode,
        longest_side: formatNumber(locale, sides[0] ?? 0, 2),
        median_side: formatNumber(locale, sides[1] ?? 0, 2),
        shortest_side: formatNumber(locale, sides[2] ?? 0, 2),
        measurement_units: us ? 'inches' : 'centimeters',
        weight: formatNumber(locale, us ? p.weightG / 453.59237 : p.weightG / 1000, 2),
        weight_units: us ? 'pounds' : 'kilograms',
        item_volume: formatNumber(locale, volume, 4),
        volume_units: us ? 'cubic feet' : 'cubic meters',
        product_size_tier: 'Standard',
        average_quantity_on_hand: onHand,
        average_quantity_pending_removal: 0,
        estimated_total_item_volume: formatNumber(locale, volume * onHand, 4),
        month_of_charge: new Date(monthStart).toISOString().slice(0, 7),
        storage_rate: formatNumber(locale, rate, 4),
        currency: market.currency,
        estimated_monthly_storage_fee: formatNumber(locale, volume * onHand * rate, 4),
      },
    ];
  });
  return flatDocument(toTsv(STORAGE_FEES_HEADER, rows), record.region);
}
