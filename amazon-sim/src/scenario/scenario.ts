import type { Marketplace } from '../sellers.ts';
import { DAY_MS, dayOf } from './calendar.ts';
import { hash32 } from './fast-random.ts';
import type { ListingView } from './listing-store.ts';
import { marketplaceFacts } from './marketplace-facts.ts';
import { OrderIdCodec } from './order-ids.ts';
import { lastUpdatedAt, statusAt } from './order-timeline.ts';
import type { InventoryRow, OrderStatus, ScenarioOrder, ScenarioOrderItem } from './scenario-types.ts';
import { SellerScenario } from './seller-scenario.ts';

/**
 * The living marketplace: a deterministic history of catalog, listings, orders, returns and FBA stock for each seller,
 * generated lazily from the seed, that keeps going as the simulator's clock advances. History is everything before
 * the clock's start; queries take an `asOf` instant (default: the clock's now) and never see the future.
 */

export interface ScenarioSeller {
  sellerId: string;
  marketplaceIds: string[];
}

export interface ScenarioOptions {
  seed: number | string;
  sellers: ScenarioSeller[];
  /** marketplaces.json rows (currency per marketplace). */
  marketplaces: Marketplace[];
  /** The instant the history ends (usually the clock's time when the simulator starts). */
  startMs: number;
  /** Days of history before startMs (default 365). */
  historyDays?: number;
  /** Catalog size per seller (default 50). */
  skus?: number;
  /** Source of "now" (default: frozen at startMs). */
  now?: () => number;
}

export const DEFAULT_HISTORY_DAYS = 365;
export const DEFAULT_SKUS = 50;

/** The living marketplace of all sellers; query methods take `asOf` (default: now). */
export class Scenario {
  readonly seed: string;
  readonly historyDays: number;
  readonly skus: number;
  readonly historyStartDay: number;
  readonly startMs: number;
  private readonly byId = new Map<string, SellerScenario>();
  private readonly list: SellerScenario[] = [];
  private readonly codec: OrderIdCodec;
  private readonly clock: () => number;

  constructor(options: ScenarioOptions) {
    this.seed = String(options.seed);
    this.historyDays = options.historyDays ?? DEFAULT_HISTORY_DAYS;
    this.skus = options.skus ?? DEFAULT_SKUS;
    if (!Number.isInteger(this.historyDays) || this.historyDays < 1) throw new Error('historyDays must be >= 1');
    if (!Number.isInteger(this.skus) || this.skus < 1) throw new Error('skus must be >= 1');
    this.startMs = options.startMs;
    this.historyStartDay = dayOf(options.startMs) - this.historyDays;
    this.clock = options.now ?? (() => options.startMs);
    this.codec = new OrderIdCodec(this.seed);
    const seedNumber = hash32(this.seed, 'scenario');
    options.sellers.forEach((s, sellerIndex) => {
      const marketplaces = s.marketplaceIds.map((id) => {
        const row = options.marketplaces.find((m) => m.marketplaceId === id);
        if (!row) throw new Error(`amazon-sim scenario: unknown marketplace ${id}`);
        return { marketplaceId: id, code: row.code, currency: row.currency, facts: marketplaceFacts(row.code) };
      });
      const seller = new SellerScenario({
        seed: this.seed,
        seedNumber,
        sellerIndex,
        sellerId: s.sellerId,
        marketplaces,
        skus: this.skus,
        historyStartDay: this.historyStartDay,
        historyDays: this.historyDays,
        codec: this.codec,
      });
      this.byId.set(s.sellerId, seller);
      this.list.push(seller);
    });
  }

  /** The scenario's current instant (the simulator clock). */
  now(): number {
    return this.clock();
  }

  /** First instant of the history. */
  historyStart(): number {
    return this.historyStartDay * DAY_MS;
  }

  /** A seller's part of the scenario. */
  seller(sellerId: string): SellerScenario | undefined {
    return this.byId.get(sellerId);
  }

  /** All sellers, in identity order. */
  sellers(): readonly SellerScenario[] {
    return this.list;
  }

  /** Orders of a seller placed in [from, to), as visible at `asOf`, by purchase time then order id. */
  ordersBetween(sellerId: string, from: number, to: number, asOf = this.now()): ScenarioOrder[] {
    return this.seller(sellerId)?.ordersBetween(from, to, asOf) ?? [];
  }

  /** An order by its Amazon order id, if it exists at `asOf`. */
  orderById(orderId: string, asOf = this.now()): ScenarioOrder | undefined {
    const key = this.codec.decode(orderId);
    const seller = key ? this.list[key.sellerIndex] : undefined;
    if (!key || !seller || key.day > dayOf(asOf)) return undefined;
    const order = seller.order(key.day, key.seq);
    if (!order || order.orderId !== orderId || order.timeline.purchase > asOf) return undefined;
    return order;
  }

  /** The order's items. */
  itemsOf(order: ScenarioOrder): ScenarioOrderItem[] {
    return order.items;
  }

  /** The order's status at `at` (undefined before it was placed). */
  statusOf(order: ScenarioOrder, at = this.now()): OrderStatus | undefined {
    return statusAt(order.timeline, at);
  }

  /** The order's last status change at or before `at`. */
  lastUpdatedOf(order: ScenarioOrder, at = this.now()): number {
    return lastUpdatedAt(order.timeline, at);
  }

  /** FBA inventory of a seller's Amazon-fulfilled SKUs in a marketplace at `at`. */
  inventory(sellerId: string, marketplaceId: string, at = this.now()): InventoryRow[] {
    const seller = this.seller(sellerId);
    const m = seller?.marketplaceIndex(marketplaceId) ?? -1;
    if (!seller || m < 0) return [];
    const rows: InventoryRow[] = [];
    for (const [p, levels] of seller.inventoryAt(m, at)) {
      const product = seller.catalog.products[p];
      if (!product?.fnsku) continue;
      const listed = seller.listings.view(product.sku, m, at) !== undefined;
      const onHand = levels.fulfillable + levels.pendingCustomerOrder + levels.fcProcessing;
      const inbound = levels.inboundWorking + levels.inboundShipped + levels.inboundReceiving;
      if (!listed && onHand + inbound === 0) continue;
      rows.push({
        ...levels,
        sku: product.sku,
        asin: product.asin,
        fnsku: product.fnsku,
        title: product.title,
        marketplaceId,
      });
    }
    return rows.sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  }

  /** A seller's listings in a marketplace as they are at `at`, by SKU. */
  listings(sellerId: string, marketplaceId: string, at = this.now()): ListingView[] {
    const seller = this.seller(sellerId);
    const m = seller?.marketplaceIndex(marketplaceId) ?? -1;
    if (!seller || m < 0) return [];
    const out: ListingView[] = [];
    for (const sku of seller.listings.skus()) {
      const view = seller.listings.view(sku, m, at);
      if (view) out.push(view);
    }
    return out;
  }
}

/** Creates the living marketplace for a set of sellers (nothing is generated until it is queried). */
export function createScenario(options: ScenarioOptions): Scenario {
  return new Scenario(options);
}
