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
}
