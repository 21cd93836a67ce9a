/** Public API of the Amazon Ads integration: the rate-limited client, reporting v3 and the sync port's AdsConnection. */
export {
  ADS_LIMIT,
  type AdsApiRequest,
  type AdsApiResponse,
  type AdsClient,
  type AdsClientOptions,
  createAdsClient,
  parseAdsError,
} from './ads-client.js';
export { type AdsConnectionOptions, createAdsConnection } from './ads-connection.js';
export {
  type AdsReportRequest,
  type AdsReportStatus,
  createAdsReport,
  downloadAdsReportRows,
  duplicateReportId,
  getAdsReport,
  waitForAdsReport,
} from './ads-reports.js';
