/** Public API of the analytics module: sales and traffic per ASIN and day, Brand Analytics search terms, fee estimates. */
export { registerAnalyticsRoutes } from './analytics.routes.js';
export { type AnalyticsService, createAnalyticsService } from './analytics.service.js';
export {
  type AnalyticsSyncDeps,
  analyticsSyncHandlers,
  type FeesCursor,
  type PeriodCursor,
  TRAFFIC_HISTORY_DAYS,
} from './analytics-sync.js';
export { BRAND_ANALYTICS_SEARCH_TERMS_REPORT } from './brand-analytics-report.js';
export type { FeeListing } from './fee-estimates.js';
export { SALES_AND_TRAFFIC_REPORT } from './sales-traffic-report.js';
