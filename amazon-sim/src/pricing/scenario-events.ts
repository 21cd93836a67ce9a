import type { SimClock } from '../clock.ts';
import {
  anyOfferChangedPayload,
  fbaInventoryAvailabilityPayload,
  listingsItemStatusChangePayload,
  orderChangePayload,
  pricingHealthPayload,
} from '../notifications/builders.ts';
import type { PublishOptions, PublishResult } from '../notifications/publisher.ts';
import { DAY_MS, isoSeconds } from '../scenario/calendar.ts';
import type { Scenario } from '../scenario/scenario.ts';
import type { InventoryRow, ScenarioOrder } from '../scenario/scenario-types.ts';
import { type ListingRef, type OfferState, offerMarketOf } from './offer-market.ts';
import { rankCategory } from './pricing-render.ts';

/**
 * Scenario events → notifications. On each tick, everything that happened on the virtual clock since the last tick
 * is published through the publisher (which applies subscriptions and filters), in time order: ANY_OFFER_CHANGED when
 * the offers on our ASINs change (hijacker arrives or leaves, Buy Box moves), PRICING_HEALTH when we lose the Buy Box,
 * LISTINGS_ITEM_STATUS_CHANGE on suppressions, ORDER_CHANGE for new and changed orders and
 * FBA_INVENTORY_AVAILABILITY_CHANGES for the FBA SKUs those orders touched. Events are a function of the instants
 * ticked, so one clock path always gives the same notifications.
 */

/** A tick spanning more than this only emits the events of its last part (a long jump of the clock). */
export const MAX_TICK_SPAN_MS = 2 * DAY_MS;
/** Orders placed this long before a tick may still change status inside it. */
const ORDER_LOOKBACK_MS = 21 * DAY_MS;

export interface ScenarioEvent {
  at: number;
  sellerId: string;
  type: string;
  payload: Record<string, unknown>;
  key: string;
}

export interface EventSink {
  publish(sellerId: string, type: string, payload: unknown, options?: PublishOptions): PublishResult;
}

/** Every scenario event in (from, to], sorted by time then key. */
export function scenarioEvents(scenario: Scenario, from: number, to: number): ScenarioEvent[] {
  const start = Math.max(from, to - MAX_TICK_SPAN_MS);
  if (!(to > start)) return [];
  const out: ScenarioEvent[] = [];
  offerEvents(scenario, start, to, out);
  orderEvents(scenario, start, to, out);
  return out.sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function offerEvents(scenario: Scenario, from: number, to: number, out: ScenarioEvent[]): void {
  const market = offerMarketOf(scenario);
  for (const seller of scenario.sellers()) {
    seller.catalog.marketplaces.forEach((_, m) => {
      for (const ref of market.listingsOf(seller, m)) {
        for (const t of market.changeTimes(ref, from, to)) {
          const before = market.stateAt(ref, t - 1);
          const after = market.stateAt(ref, t);
          const push = (type: string, payload: Record<string, unknown>) =>
            out.push({
              at: t,
              sellerId: seller.sellerId,
              type,
              payload,
              key: `${type}|${ref.asin}|${ref.market.code}`,
            });
          if (before.suppressed !== after.suppressed && after.ownPrice !== undefined) {
            const status: ('BUYABLE' | 'DISCOVERABLE')[] = after.suppressed
              ? ['DISCOVERABLE']
              : ['BUYABLE', 'DISCOVERABLE'];
            push('LISTINGS_ITEM_STATUS_CHANGE', listingsItemStatusChangePayload({ ...ids(ref), sku: ref.sku, status }));
          }
          const sellersOf = (s: OfferState) => s.offers.map((o) => o.sellerId).join(',');
          const offersChanged = sellersOf(before) !== sellersOf(after);
          const boxChanged = before.buyBoxWinner?.sellerId !== after.buyBoxWinner?.sellerId;
          if (!offersChanged && !boxChanged) continue;
          push('ANY_OFFER_CHANGED', anyOfferChanged(market.salesRank(ref), ref, after, offersChanged));
          const lost = before.buyBoxWinner?.kind === 'own' && after.buyBoxWinner && after.buyBoxWinner.kind !== 'own';
          if (lost && after.ownPrice !== undefined) push('PRICING_HEALTH', pricingHealth(ref, after));
        }
      }
    });
  }
}

function ids(ref: ListingRef) {
  return { sellerId: ref.seller.sellerId, marketplaceId: ref.market.marketplaceId, asin: ref.asin };
}

function anyOfferChanged(rank: number, ref: ListingRef, state: OfferState, external: boolean): Record<string, unknown> {
  const scale = 10 ** ref.market.facts.currencyDigits;
  const product = ref.seller.catalog.products[ref.productIndex];
  return anyOfferChangedPayload({
    ...ids(ref),
    currencyCode: ref.market.currency,
    offerChangeType: external ? 'External' : 'Featured Offer',
    timeOfOfferChange: isoSeconds(state.at),
    offers: state.offers.map((o) => ({
      sellerId: o.sellerId,
      price: o.price / scale,
      shipping: o.shipping / scale,
      fulfilledByAmazon: o.fba,
      isBuyBoxWinner: o.isBuyBoxWinner,
      feedbackCount: o.feedbackCount,
      positiveFeedbackPercent: o.positiveFeedbackPercent,
      shipsFromCountry: ref.market.code === 'UK' ? 'GB' : ref.market.code,
    })),
    salesRank: [{ productCategoryId: rankCategory(product?.productType), rank }],
  });
}

function pricingHealth(ref: ListingRef, state: OfferState): Record<string, unknown> {
  const scale = 10 ** ref.market.facts.currencyDigits;
  const own = ref.seller.listings.view(ref.sku, ref.marketplaceIndex, state.at);
  const winner = state.buyBoxWinner;
  const box = winner ? (winner.price + winner.shipping) / scale : undefined;
  return pricingHealthPayload({
    ...ids(ref),
    currencyCode: ref.market.currency,
    listingPrice: (state.ownPrice ?? 0) / scale,
    fulfillmentType: own?.fulfillment === 'AFN' ? 'AFN' : 'MFN',
    ...(box !== undefined ? { buyBoxPrice: box, competitivePriceThreshold: box } : {}),
    numberOfOffers: state.offers.length,
    timeOfOfferChange: isoSeconds(state.at),
  });
}

function orderEvents(scenario: Scenario, from: number, to: number, out: ScenarioEvent[]): void {
  for (const seller of scenario.sellers()) {
    const rows = new Map<string, ReturnType<Scenario['inventory']>>();
    const inventoryAt = (marketplaceId: string, at: number) => {
      const key = `${marketplaceId}|${at}`;
      let list = rows.get(key);
      if (!list) {
        list = scenario.inventory(seller.sellerId, marketplaceId, at);
        rows.set(key, list);
      }
      return list;
    };
    for (const order of scenario.ordersBetween(seller.sellerId, from - ORDER_LOOKBACK_MS, to + 1, to)) {
      for (const [at, status] of statusChanges(order)) {
        if (at <= from || at > to) continue;
        out.push({
          at,
          sellerId: seller.sellerId,
          type: 'ORDER_CHANGE',
          payload: orderChange(order, status, at),
          key: `ORDER_CHANGE|${order.orderId}|${status}`,
        });
        if (order.channel !== 'AFN' || (status !== 'Pending' && status !== 'Canceled')) continue;
        for (const sku of new Set(order.items.map((i) => i.sku))) {
          const row = inventoryAt(order.marketplaceId, at).find((r) => r.sku === sku);
          if (!row) continue;
          out.push({
            at,
            sellerId: seller.sellerId,
            type: 'FBA_INVENTORY_AVAILABILITY_CHANGES',
            payload: inventoryPayload(seller.sellerId, order.marketplaceId, row),
            key: `FBA_INVENTORY_AVAILABILITY_CHANGES|${order.orderId}|${sku}|${status}`,
          });
        }
      }
    }
  }
}

function inventoryPayload(sellerId: string, marketplaceId: string, row: InventoryRow): Record<string, unknown> {
  return fbaInventoryAvailabilityPayload({
    sellerId,
    sku: row.sku,
    asin: row.asin,
    fnsku: row.fnsku,
    marketplaces: [
      {
        marketplaceId,
        itemName: row.title,
        fulfillable: Math.max(0, row.fulfillable),
        unfulfillable: row.customerDamaged + row.warehouseDamaged + row.carrierDamaged + row.defective,
        inbound: { working: row.inboundWorking, shipped: row.inboundShipped, receiving: row.inboundReceiving },
        reserved: { warehouseProcessing: row.fcProcessing, pendingCustomerOrder: row.pendingCustomerOrder },
      },
    ],
  });
}

function statusChanges(order: ScenarioOrder): [number, string][] {
  const t = order.timeline;
  const out: [number, string][] = [[t.purchase, 'Pending']];
  if (t.unshipped !== undefined) out.push([t.unshipped, 'Unshipped']);
  if (t.shipped !== undefined) out.push([t.shipped, 'Shipped']);
  if (t.canceled !== undefined) out.push([t.canceled, 'Canceled']);
  return out;
}

function orderChange(order: ScenarioOrder, status: string, at: number): Record<string, unknown> {
  const shipped = status === 'Shipped';
  return orderChangePayload({
    sellerId: order.sellerId,
    amazonOrderId: order.orderId,
    marketplaceId: order.marketplaceId,
    orderStatus: status,
    fulfillmentType: order.channel,
    purchaseDate: isoSeconds(order.timeline.purchase),
    timeOfOrderChange: isoSeconds(at),
    destinationPostalCode: order.shipTo.postalCode,
    items: order.items.map((i) => ({
      orderItemId: i.orderItemId,
      sku: i.sku,
      quantity: i.quantity,
      quantityShipped: shipped ? i.quantity : 0,
    })),
  });
}

/** Publishes the scenario's events as the clock advances (call `tick()`, or `start()` a real-time timer). */
export class ScenarioTicker {
  private last: number;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly scenario: Scenario,
    private readonly sink: EventSink,
    private readonly clock: SimClock,
  ) {
    this.last = clock.now();
  }

  /** Publishes the events in (last tick, now] and returns them. */
  tick(now = this.clock.now()): ScenarioEvent[] {
    if (now <= this.last) return [];
    const events = scenarioEvents(this.scenario, this.last, now);
    this.last = now;
    for (const e of events) this.sink.publish(e.sellerId, e.type, e.payload, { eventTime: isoSeconds(e.at) });
    return events;
  }

  /** Ticks every `intervalMs` of real time (default 500 ms) until `stop()`; the timer does not hold the process. */
  start(intervalMs = 500): void {
    this.stop();
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
  }

  /** Stops the timer. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
