export interface SyncStateTable {
  storeId: string;
  dataType: string;
  companyId: string;
  isEnabled: number;
  status: string;
  cursorJson: string;
  syncedThrough: number | null;
  lastStartedAt: number | null;
  lastSuccessAt: number | null;
  nextRunAt: number | null;
  rowsLastRun: number;
  rowsTotal: number;
  progressJson: string | null;
  errorJson: string | null;
  usageJson: string;
  updatedAt: number;
  /** `host:pid` of the process running it (while status is running). */
  leaseOwner: string | null;
}
export interface SyncRunTable {
  id: string;
  companyId: string;
  storeId: string;
  dataType: string;
  trigger: string;
  status: string;
  startedAt: number;
  finishedAt: number | null;
  rows: number;
  calls: number;
  throttled: number;
  errorMessage: string | null;
  requestId: string | null;
}
export interface SyncTables {
  syncState: SyncStateTable;
  syncRun: SyncRunTable;
  notificationInbox: NotificationInboxTable;
}
export interface NotificationInboxTable {
  storeId: string;
  notificationId: string;
  companyId: string;
  notificationType: string;
  version: string;
  eventTime: number | null;
  receivedAt: number;
  status: string;
  attempts: number;
  rows: number;
  error: string | null;
}
