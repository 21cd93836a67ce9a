import type { HandlerRegistry } from '../handlers.ts';
import type { StatefulDeps } from '../stateful/stateful-context.ts';
import { getCatalogItemHandler, searchCatalogItemsHandler } from './catalog-handlers.ts';
import {
  getMyFeesEstimateForAsinHandler,
  getMyFeesEstimateForSkuHandler,
  getMyFeesEstimatesHandler,
} from './fees-handlers.ts';
import {
  getCompetitiveSummaryHandler,
  getItemOffersBatchHandler,
  getItemOffersHandler,
  getListingOffersBatchHandler,
  getListingOffersHandler,
} from './pricing-handlers.ts';

/** Product Pricing, Product Fees and Catalog Items handlers on the living marketplace's offer market. */

/** Operation keys this module implements. */
export const PRICING_OPERATIONS = [
  'productPricingV0:getItemOffers',
  'productPricingV0:getItemOffersBatch',
  'productPricingV0:getListingOffers',
  'productPricingV0:getListingOffersBatch',
  'productPricing_2022-05-01:getCompetitiveSummary',
  'productFeesV0:getMyFeesEstimateForSKU',
  'productFeesV0:getMyFeesEstimateForASIN',
  'productFeesV0:getMyFeesEstimates',
  'catalogItems_2022-04-01:getCatalogItem',
  'catalogItems_2022-04-01:searchCatalogItems',
] as const;

/** Registers every handler of PRICING_OPERATIONS. */
export function registerPricingHandlers(registry: HandlerRegistry, deps: StatefulDeps): void {
  registry.register('productPricingV0:getItemOffers', getItemOffersHandler(deps));
  registry.register('productPricingV0:getItemOffersBatch', getItemOffersBatchHandler(deps));
  registry.register('productPricingV0:getListingOffers', getListingOffersHandler(deps));
  registry.register('productPricingV0:getListingOffersBatch', getListingOffersBatchHandler(deps));
  registry.register('productPricing_2022-05-01:getCompetitiveSummary', getCompetitiveSummaryHandler(deps));
  registry.register('productFeesV0:getMyFeesEstimateForSKU', getMyFeesEstimateForSkuHandler(deps));
  registry.register('productFeesV0:getMyFeesEstimateForASIN', getMyFeesEstimateForAsinHandler(deps));
  registry.register('productFeesV0:getMyFeesEstimates', getMyFeesEstimatesHandler(deps));
  registry.register('catalogItems_2022-04-01:getCatalogItem', getCatalogItemHandler(deps));
  registry.register('catalogItems_2022-04-01:searchCatalogItems', searchCatalogItemsHandler(deps));
}
