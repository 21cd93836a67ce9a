import type { OperationHandler } from '../handlers.ts';
import { guarded } from './query-params.ts';
import { type StatefulDeps, sellerOf } from './stateful-context.ts';

/** Sellers getMarketplaceParticipations for the calling seller (sellers.json `MarketplaceParticipation`). */

/** GET /sellers/v1/marketplaceParticipations */
export function getMarketplaceParticipationsHandler(deps: StatefulDeps): OperationHandler {
  return guarded((request) => {
    const seller = sellerOf(deps, request);
    const storeName = request.seller?.name ?? seller.sellerId;
    const payload = seller.catalog.marketplaces.map((m) => ({
      marketplace: {
        id: m.marketplaceId,
        countryCode: m.facts.countryCode,
        name: m.facts.name,
        defaultCurrencyCode: m.currency,
        defaultLanguageCode: m.facts.defaultLanguageCode,
        domainName: m.facts.domainName,
      },
      participation: { isParticipating: true, hasSuspendedListings: false },
      storeName,
    }));
    return { status: 200, body: { payload } };
  });
}
