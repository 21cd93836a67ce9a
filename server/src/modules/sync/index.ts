/** Public API of the sync module: Amazon data per store and data type, with cursors, health and manual import. */
export type {
  AdsConnection,
  AdsReportRequest,
  AdsRequest,
  AmazonConnection,
  AmazonGateway,
  AmazonRequest,
  AmazonResponse,
  FlatReport,
  MarketplaceParticipation,
  NotificationQueue,
  OperationUsage,
  QueueMessage,
  StoreConnectionInfo,
} from './amazon-port.js';
export {
  type ConsumeResult,
  createNotificationConsumer,
  NOTIFICATIONS,
  type NotificationConsumer,
} from './notification-consumer.js';
export { type NotificationEnvelope, parseNotification, queueArnOf } from './notification-envelope.js';
export {
  importAmazonReport,
  importableReportTypes,
  type ReportImportDeps,
  type ReportImportInput,
} from './report-import.js';
export { syncJobs } from './sync.jobs.js';
export { registerSyncRoutes } from './sync.routes.js';
export {
  createSyncService,
  SYNC_JOB,
  type SyncJobPayload,
  type SyncService,
  type SyncTrigger,
} from './sync.service.js';
export {
  checkAborted,
  type ImportOutcome,
  type NotificationEnv,
  type NotificationHandler,
  type ParsedBatch,
  type ReportImporter,
  type RunEnv,
  type RunResult,
  type SyncHandler,
  type SyncTarget,
} from './sync-handler.js';
export { DAY_MS, percentDone, reportWindows, retryDelayMs } from './sync-plan.js';
