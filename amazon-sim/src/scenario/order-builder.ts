import { code } from './catalog-generator.ts';
import type { DayPlan, ListingTimeline } from './day-planner.ts';
import { promotionDay, promotionOf } from './demand-model.ts';
import { FastRandom, seedOf } from './fast-random.ts';
import { fbaFeeMinor, referralFeeMinor } from './fee-calculator.ts';
import type { OrderIdCodec } from './order-ids.ts';
import { lineReturn } from './order-timeline.ts';
import type { OrderTimeline, ScenarioOrder, ScenarioOrderItem, SellerCatalog } from './scenario-types.ts';

/**
 * Turns one planned order (numbers) into a full ScenarioOrder: ids, the listing price at purchase time, promotion
 * discounts, shipping charges, tax (added in the US and Canada, included in VAT/GST prices elsewhere), referral and FBA
 * fees, cancellation details and returns with refunds. Everything is drawn from the order's own seed.
 */

export interface BuilderContext {
  seed: number;
  sellerIndex: number;
  catalog: SellerCatalog;
  listings: ListingTimeline;
  codec: OrderIdCodec;
  returnRates: readonly number[];
}

const BUYER_CANCEL_REASONS = [
  'Order placed by mistake',
  'Found a better price',
  'Delivery date too late',
  'Changed my mind',
];

/** The order at position `i` of the plan, or undefined when all its lines were withdrawn with their listings. */
export function buildOrder(
  ctx: BuilderContext,
  plan: DayPlan,
  i: number,
  timeline: OrderTimeline,
): ScenarioOrder | undefined {
  if (plan.dropped[i]) return undefined;
  const m = plan.marketplace[i] ?? 0;
  const market = ctx.catalog.marketplaces[m];
  if (!market) return undefined;
  const facts = market.facts;
  const orderSeed = plan.seed[i] ?? 0;
  const purchase = plan.time[i] ?? 0;
  const afn = plan.afn[i] === 1;
  const canceled = plan.canceled[i] === 1;
  const key = { sellerIndex: ctx.sellerIndex, day: plan.day, seq: i };
  const rng = new FastRandom(seedOf(orderSeed, 31));
  const shipTo = rng.pick(facts.cities);
  const when = promotionDay(plan.day);
  const items: ScenarioOrderItem[] = [];
  const lineOf: number[] = [];
  const from = plan.lineStart[i] ?? 0;
  const to = plan.lineStart[i + 1] ?? from;
  for (let l = from; l < to; l++) {
    if (plan.lineDropped[l]) continue;
    const product = ctx.catalog.products[plan.lineProduct[l] ?? 0];
    if (!product) continue;
    const quantity = plan.lineQty[l] ?? 1;
    const unitPrice = ctx.listings.priceAt(product.index, m, purchase) ?? product.offers[m]?.price ?? 0;
    const itemPrice = unitPrice * quantity;
    const promotion = promotionOf(ctx.seed, product, m, market.code, when);
    const promotionDiscount = promotion ? Math.round(itemPrice * promotion.discount) : 0;
    const item: ScenarioOrderItem = {
      orderItemId: ctx.codec.orderItemId(key, l - from),
      productIndex: product.index,
      sku: product.sku,
      asin: product.asin,
      title: product.title,
      quantity,
      unitPrice,
      itemPrice,
      itemTax: 0,
      shippingPrice: 0,
      shippingTax: 0,
      promotionDiscount,
      promotionDiscountTax: 0,
      referralFee: 0,
      fbaFee: afn ? fbaFeeMinor(product, unitPrice, facts) * quantity : 0,
    };
    if (promotion) item.promotionId = promotion.id;
    items.push(item);
    lineOf.push(l - from);
  }
  if (items.length === 0) return undefined;
  const subtotal = items.reduce((s, it) => s + it.itemPrice - it.promotionDiscount, 0);
  const freeShippingFrom = 35 * facts.perUsd * 10 ** facts.currencyDigits;
  const chargeShipping = afn
    ? !timeline.isPrime && subtotal < freeShippingFrom && rng.chance(0.5)
    : rng.chance(0.45) || timeline.serviceLevel === 'Expedited';
  const first = items[0];
  if (first && chargeShipping)
    first.shippingPrice = facts.shippingCharge * (timeline.serviceLevel === 'Expedited' ? 2 : 1);
  const taxRate = facts.taxIncluded ? facts.vatRate : shipTo.taxRate;
  const tax = (amount: number) => Math.round(facts.taxIncluded ? (amount * taxRate) / (1 + taxRate) : amount * taxRate);
  items.forEach((it, n) => {
    const product = ctx.catalog.products[it.productIndex];
    it.itemTax = tax(it.itemPrice);
    it.shippingTax = tax(it.shippingPrice);
    it.promotionDiscountTax = tax(it.promotionDiscount);
    it.referralFee = product
      ? referralFeeMinor(product.category, it.itemPrice - it.promotionDiscount + it.shippingPrice, it.quantity, facts)
      : 0;
    if (canceled) return;
    const rate = ctx.returnRates[it.productIndex] ?? 0.04;
    const draw = lineReturn(orderSeed, lineOf[n] ?? 0, it.quantity, rate, afn ? 'AFN' : 'MFN', timeline);
    if (draw) {
      const share = draw.quantity / it.quantity;
      it.returned = {
        ...draw,
        refundPrincipal: Math.round((it.itemPrice - it.promotionDiscount) * share),
        refundTax: Math.round((it.itemTax - it.promotionDiscountTax) * share),
      };
    }
  });
  const order: ScenarioOrder = {
    orderId: ctx.codec.orderId(key, facts.orderIdPrefixes),
    sellerId: ctx.catalog.sellerId,
    marketplaceId: market.marketplaceId,
    currency: market.currency,
    currencyDigits: facts.currencyDigits,
    salesChannel: facts.name,
    channel: afn ? 'AFN' : 'MFN',
    timeline,
    canceled,
    taxIncluded: facts.taxIncluded,
    taxResponsibleParty: facts.taxResponsibleParty,
    shipTo: {
      city: shipTo.city,
      stateOrRegion: shipTo.stateOrRegion,
      postalCode: shipTo.postalCode,
      countryCode: facts.countryCode,
    },
    items,
  };
  if (canceled) {
    const r = rng.next();
    order.cancel =
      r < 0.75
        ? { requestedByBuyer: true, cancelledBy: 'BUYER', reason: rng.pick(BUYER_CANCEL_REASONS) }
        : r < 0.9 || afn
          ? { requestedByBuyer: false, cancelledBy: 'AMAZON', reason: 'Payment could not be authorized' }
          : { requestedByBuyer: false, cancelledBy: 'MERCHANT', reason: 'Out of stock' };
  }
  if (timeline.isBusiness) order.purchaseOrderNumber = `PO-${code(seedOf(orderSeed, 37), 8)}`;
  return order;
}
