/** Public API of the SP-API integration: LWA, the rate-limited client, pagination and reports. */
export { AmazonApiError, parseAmazonErrors, parseRetryAfter } from './amazon-api-error.js';
export { createSpApiGateway, type SpApiGatewayOptions } from './gateway.adapter.js';
export type { OperationLimit } from './limits-tsv.js';
export { createLwaClient, createLwaTokenCache, type LwaClient, type LwaClientOptions } from './lwa-client.js';
export { createSqsNotificationQueue, type SqsQueueOptions } from './notification-queue.adapter.js';
export { OPERATION_LIMITS } from './operation-limits.js';
export { nextTokenOf, paginate } from './paginate.js';
export { documentedLimit, resolveOperation, UNDOCUMENTED_LIMIT } from './rate-limits.js';
export * from './reports.js';
export {
  createSpApiClient,
  type OperationStats,
  type SpApiClient,
  type SpApiClientOptions,
  type SpApiRequest,
  type SpApiResponse,
} from './sp-api-client.js';
