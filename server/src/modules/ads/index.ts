/** Public API of the ads module: Amazon Ads profiles, campaigns, targets and daily report metrics per store. */

export { listProfiles, storeSnapshot } from './ads.repository.js';
export { registerAdsRoutes } from './ads.routes.js';
export { type AdsService, createAdsService, metricsDto } from './ads.service.js';
export { amountMinor, mapProfile, mapSpCampaign } from './ads-mappers.js';
export { ADS_REPORTS, readReportRows, reportRequest } from './ads-report-rows.js';
export { ADS_HISTORY_DAYS, adsSyncHandlers, planJobs, type ReportsCursor } from './ads-sync.js';
