import type { StockRecord } from './inventory-records.js';

/** getInventorySummaries (fbaInventory.json) InventorySummary as Amazon sends it; every field may be missing. */
export interface ApiInventorySummary {
  asin?: string;
  fnSku?: string;
  sellerSku?: string;
  condition?: string;
  inventoryDetails?: {
    fulfillableQuantity?: number;
    inboundWorkingQuantity?: number;
    inboundShippedQuantity?: number;
    inboundReceivingQuantity?: number;
    reservedQuantity?: { totalReservedQuantity?: number };
    researchingQuantity?: { totalResearchingQuantity?: number };
    unfulfillableQuantity?: { totalUnfulfillableQuantity?: number };
  };
  lastUpdatedTime?: string;
  productName?: string;
  totalQuantity?: number;
}

const n = (v: number | undefined) => (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0);

/** One summary of one marketplace as a stock record; null when it has no seller SKU (nothing to key it on). */
export function mapInventorySummary(s: ApiInventorySummary, marketplaceId: string): StockRecord | null {
  const sku = s.sellerSku?.trim();
  if (!sku) return null;
  const d = s.inventoryDetails ?? {};
  const fulfillable = n(d.fulfillableQuantity);
  const inboundWorking = n(d.inboundWorkingQuantity);
  const inboundShipped = n(d.inboundShippedQuantity);
  const inboundReceiving = n(d.inboundReceivingQuantity);
  const reserved = n(d.reservedQuantity?.totalReservedQuantity);
  const unfulfillable = n(d.unfulfillableQuantity?.totalUnfulfillableQuantity);
  const researching = n(d.researchingQuantity?.totalResearchingQuantity);
  // Amazon's total covers fulfillable, reserved, unfulfillable, researching and inbound; computed when absent.
  const total =
    typeof s.totalQuantity === 'number'
      ? n(s.totalQuantity)
      : fulfillable + reserved + unfulfillable + researching + inboundWorking + inboundShipped + inboundReceiving;
  const updated = s.lastUpdatedTime ? Date.parse(s.lastUpdatedTime) : Number.NaN;
  return {
    marketplaceId,
    sellerSku: sku,
    fnsku: s.fnSku?.trim() || null,
    asin: s.asin?.trim() || null,
    productName: s.productName?.trim() || null,
    condition: s.condition?.trim() || null,
    fulfillable,
    inboundWorking,
    inboundShipped,
    inboundReceiving,
    reserved,
    unfulfillable,
    researching,
    total,
    amazonUpdatedAt: Number.isNaN(updated) ? null : updated,
  };
}
