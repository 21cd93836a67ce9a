/** Public API of the sync module: Amazon data per store and data type, with cursors, health and manual import. */
export type {
  AmazonConnection,
  AmazonGateway,
  FlatReport,
  MarketplaceParticipation,
  OperationUsage,
  OrdersPage,
  StoreConnectionInfo,
} from './amazon-port.js';
export { importAmazonReport, type ReportImportDeps, type ReportImportInput } from './report-import.js';
export { syncJobs } from './sync.jobs.js';
export { registerSyncRoutes } from './sync.routes.js';
export {
  createSyncService,
  SYNC_JOB,
  type SyncJobPayload,
  type SyncService,
  type SyncTrigger,
} from './sync.service.js';
export { ALL_ORDERS_REPORT } from './sync-runners.js';
