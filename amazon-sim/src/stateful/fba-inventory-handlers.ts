import type { OperationHandler } from '../handlers.ts';
import { DAY_MS } from '../scenario/calendar.ts';
import type { InventoryRow } from '../scenario/scenario-types.ts';
import { guarded, InputError, Query } from './query-params.ts';
import { iso, marketplaceIndexes, nowOf, type StatefulDeps, sellerOf } from './stateful-context.ts';

/**
 * FBA Inventory getInventorySummaries (fbaInventory.json): the scenario's stock at the current instant, one summary
 * per Amazon-fulfilled SKU of the marketplace, sorted by SKU, 50 per page, optionally only those changed since
 * startDateTime (inbound quantity changes do not count, as the model notes).
 */

const PAGE_SIZE = 50;
const MAX_LOOKBACK_MS = 548 * DAY_MS;

interface InventoryState {
  marketplaceId: string;
  details: boolean;
  start?: number;
  after: string;
}

/** GET /fba/inventory/v1/summaries */
export function getInventorySummariesHandler(deps: StatefulDeps): OperationHandler {
  return guarded((request, context) => {
    const q = Query.of(request);
    const seller = sellerOf(deps, request);
    const now = nowOf(context);
    const details = q.boolean('details') ?? false;
    const granularityType = q.required('granularityType');
    if (granularityType !== 'Marketplace') {
      throw new InputError(`Invalid value '${granularityType}' for granularityType. Valid values: Marketplace.`);
    }
    const granularityId = q.required('granularityId');
    const [marketplaceId] = q.requiredList('marketplaceIds', 1);
    marketplaceIndexes(seller, [granularityId], 'granularityId');
    if (marketplaceId !== granularityId)
      throw new InputError('marketplaceIds must be the marketplace given as granularityId.');
    const start = q.date('startDateTime');
    if (start !== undefined && start < now - MAX_LOOKBACK_MS) {
      throw new InputError('startDateTime must be no earlier than 18 months before the time of the request.');
    }
    const skus = q.list('sellerSkus', 50) ?? (q.string('sellerSku') ? [q.required('sellerSku')] : undefined);
    const token = q.string('nextToken');
    const state: InventoryState = token
      ? deps.tokens.decode<InventoryState>('getInventorySummaries', seller.sellerId, token, 'nextToken')
      : { marketplaceId: granularityId, details, after: '', ...(start !== undefined ? { start } : {}) };
    if (state.marketplaceId !== granularityId)
      throw new InputError('Invalid nextToken: it was issued for another marketplace.');
    let rows = deps.scenario.inventory(seller.sellerId, state.marketplaceId, now);
    if (skus) rows = rows.filter((r) => skus.includes(r.sku));
    if (state.start !== undefined) rows = rows.filter((r) => r.lastUpdated >= (state.start ?? 0));
    rows = rows.filter((r) => r.sku > state.after);
    const paged = !skus && rows.length > PAGE_SIZE;
    const page = paged ? rows.slice(0, PAGE_SIZE) : rows;
    const body: Record<string, unknown> = {
      payload: {
        granularity: { granularityType: 'Marketplace', granularityId },
        inventorySummaries: page.map((r) => summary(r, token ? state.details : details)),
      },
    };
    const last = page[page.length - 1];
    if (paged && last) {
      body.pagination = {
        nextToken: deps.tokens.encode('getInventorySummaries', seller.sellerId, { ...state, after: last.sku }),
      };
    }
    return { status: 200, body };
  });
}

function summary(r: InventoryRow, details: boolean): Record<string, unknown> {
  const reserved = r.pendingCustomerOrder + r.fcProcessing;
  const unfulfillable = r.customerDamaged + r.warehouseDamaged + r.carrierDamaged + r.defective;
  const inbound = r.inboundWorking + r.inboundShipped + r.inboundReceiving;
  const out: Record<string, unknown> = {
    asin: r.asin,
    fnSku: r.fnsku,
    sellerSku: r.sku,
    condition: 'NewItem',
  };
  if (details) {
    out.inventoryDetails = {
      fulfillableQuantity: r.fulfillable,
      inboundWorkingQuantity: r.inboundWorking,
      inboundShippedQuantity: r.inboundShipped,
      inboundReceivingQuantity: r.inboundReceiving,
      reservedQuantity: {
        totalReservedQuantity: reserved,
        pendingCustomerOrderQuantity: r.pendingCustomerOrder,
        pendingTransshipmentQuantity: 0,
        fcProcessingQuantity: r.fcProcessing,
      },
      researchingQuantity: {
        totalResearchingQuantity: 0,
        researchingQuantityBreakdown: [
          { name: 'researchingQuantityInShortTerm', quantity: 0 },
          { name: 'researchingQuantityInMidTerm', quantity: 0 },
          { name: 'researchingQuantityInLongTerm', quantity: 0 },
        ],
      },
      unfulfillableQuantity: {
        totalUnfulfillableQuantity: unfulfillable,
        customerDamagedQuantity: r.customerDamaged,
        warehouseDamagedQuantity: r.warehouseDamaged,
        distributorDamagedQuantity: 0,
        carrierDamagedQuantity: r.carrierDamaged,
        defectiveQuantity: r.defective,
        expiredQuantity: 0,
      },
    };
  }
  out.lastUpdatedTime = iso(r.lastUpdated);
  out.productName = r.title;
  out.totalQuantity = r.fulfillable + reserved + unfulfillable + inbound;
  return out;
}
