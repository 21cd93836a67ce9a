/** Public API of the finance module: financial events, order fees, settlements, FBA reimbursements and storage fees. */
export { countFinanceOfStore, type FinanceTarget } from './finance.repository.js';
export { registerFinanceRoutes } from './finance.routes.js';
export { createFinanceService, type FinanceService } from './finance.service.js';
export {
  financeSyncHandlers,
  REIMBURSEMENTS_REPORT,
  reimbursementsImporter,
  SETTLEMENT_FLAT_REPORT,
  SETTLEMENT_V2_REPORT,
  STORAGE_FEES_REPORT,
  settlementImporter,
  storageFeesImporter,
} from './finance-sync.js';
