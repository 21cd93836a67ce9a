import type { SimClock } from '../clock.ts';
import { registerFeeds } from '../feeds/register-feeds.ts';
import { registerFinances } from '../finances/register-finances.ts';
import type { HandlerRegistry } from '../handlers.ts';
import { registerPricingHandlers } from '../pricing/register-pricing.ts';
import { registerReports } from '../reports/report-handlers.ts';
import { createScenario, type Scenario } from '../scenario/scenario.ts';
import type { Marketplace, SellerIdentity } from '../sellers.ts';
import { getInventorySummariesHandler } from './fba-inventory-handlers.ts';
import {
  deleteListingsItemHandler,
  getListingsItemHandler,
  patchListingsItemHandler,
  putListingsItemHandler,
  searchListingsItemsHandler,
} from './listings-items-handlers.ts';
import { getOrderItemsHandler, getOrdersHandler, getOrderV0Handler } from './orders-v0-handlers.ts';
import { getOrderAddressHandler, getOrderBuyerInfoHandler, getOrderItemsBuyerInfoHandler } from './orders-v0-pii.ts';
import { getOrder2026Handler, searchOrdersHandler } from './orders-v2026-handlers.ts';
import { PageTokens } from './page-token.ts';
import { getMarketplaceParticipationsHandler } from './sellers-handlers.ts';
import type { StatefulDeps } from './stateful-context.ts';

/** Registers the living marketplace's stateful operations on the simulator's handler registry. */

/** Operation keys this module implements. */
export const STATEFUL_OPERATIONS = [
  'orders_2026-01-01:searchOrders',
  'orders_2026-01-01:getOrder',
  'ordersV0:getOrders',
  'ordersV0:getOrder',
  'ordersV0:getOrderItems',
  'ordersV0:getOrderAddress',
  'ordersV0:getOrderBuyerInfo',
  'ordersV0:getOrderItemsBuyerInfo',
  'fbaInventory:getInventorySummaries',
  'listingsItems_2021-08-01:getListingsItem',
  'listingsItems_2021-08-01:searchListingsItems',
  'listingsItems_2021-08-01:putListingsItem',
  'listingsItems_2021-08-01:patchListingsItem',
  'listingsItems_2021-08-01:deleteListingsItem',
  'sellers:getMarketplaceParticipations',
] as const;

/** Registers every handler of STATEFUL_OPERATIONS for `scenario`; returns the shared dependencies. */
export function registerStatefulHandlers(registry: HandlerRegistry, scenario: Scenario): StatefulDeps {
  const deps: StatefulDeps = { scenario, tokens: new PageTokens(`tokens:${scenario.seed}`) };
  registry.register('orders_2026-01-01:searchOrders', searchOrdersHandler(deps));
  registry.register('orders_2026-01-01:getOrder', getOrder2026Handler(deps));
  registry.register('ordersV0:getOrders', getOrdersHandler(deps));
  registry.register('ordersV0:getOrder', getOrderV0Handler(deps));
  registry.register('ordersV0:getOrderItems', getOrderItemsHandler(deps));
  registry.register('ordersV0:getOrderAddress', getOrderAddressHandler(deps));
  registry.register('ordersV0:getOrderBuyerInfo', getOrderBuyerInfoHandler(deps));
  registry.register('ordersV0:getOrderItemsBuyerInfo', getOrderItemsBuyerInfoHandler(deps));
  registry.register('fbaInventory:getInventorySummaries', getInventorySummariesHandler(deps));
  registry.register('listingsItems_2021-08-01:getListingsItem', getListingsItemHandler(deps));
  registry.register('listingsItems_2021-08-01:searchListingsItems', searchListingsItemsHandler(deps));
  registry.register('listingsItems_2021-08-01:putListingsItem', putListingsItemHandler(deps));
  registry.register('listingsItems_2021-08-01:patchListingsItem', patchListingsItemHandler(deps));
  registry.register('listingsItems_2021-08-01:deleteListingsItem', deleteListingsItemHandler(deps));
  registry.register('sellers:getMarketplaceParticipations', getMarketplaceParticipationsHandler(deps));
  registerPricingHandlers(registry, deps);
  registerFinances(registry, deps);
  registerFeeds(registry, deps);
  return deps;
}

/** Size of the living marketplace (`startSim({ living })`, CLI `--history-days`, `--skus`). */
export interface LivingOptions {
  /** Days of order history before the clock's start (default 365). */
  historyDays?: number;
  /** Catalog size per seller (default 50). */
  skus?: number;
}

export interface LivingInput {
  seed: string;
  sellers: readonly SellerIdentity[];
  marketplaces: Marketplace[];
  clock: SimClock;
  options: LivingOptions;
}

/** Creates the scenario for the simulator's sellers (history ends at the clock's current time) and registers it. */
export function installLivingMarketplace(registry: HandlerRegistry, input: LivingInput): Scenario {
  const scenario = createScenario({
    seed: input.seed,
    sellers: input.sellers.map((s) => ({ sellerId: s.sellerId, marketplaceIds: s.marketplaceIds })),
    marketplaces: input.marketplaces,
    startMs: input.clock.now(),
    now: () => input.clock.now(),
    ...input.options,
  });
  registerStatefulHandlers(registry, scenario);
  registerReports(registry, scenario, input.sellers);
  return scenario;
}
