/** Public API of the inventory module: FBA stock with its daily history, the FBA inventory ledger and returns. */
export { mapInventorySummary } from './fba-inventory-mapper.js';
export {
  ledgerOfStore,
  returnsOfStore,
  snapshotsOfStore,
  stockOfStore,
  upsertStock,
} from './inventory.repository.js';
export { registerInventoryRoutes } from './inventory.routes.js';
export { createInventoryService, type InventoryService } from './inventory.service.js';
export type { LedgerRecord, ReturnRecord, StockRecord } from './inventory-records.js';
export {
  inventoryImporters,
  inventorySyncHandlers,
  LEDGER_BACKFILL_DAYS,
  ledgerImporter,
  myiInventoryImporter,
  returnsImporter,
} from './inventory-sync.js';
export { LEDGER_REPORT } from './parsers/ledger-report.js';
export { MYI_REPORT } from './parsers/myi-report.js';
export { RETURNS_REPORT } from './parsers/returns-report.js';
