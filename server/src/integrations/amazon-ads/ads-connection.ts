import { REGION_ENDPOINTS } from '../../modules/stores/index.js';
import type {
  AdsConnection,
  AdsReportRequest,
  AdsRequest,
  AmazonResponse,
  OperationUsage,
  StoreConnectionInfo,
} from '../../modules/sync/index.js';
import type { RateLimiter } from '../../platform/rate-limit/rate-limiter.js';
import { createLwaClient, type LwaTokenCache } from '../amazon-sp-api/lwa-client.js';
import { type AdsClient, type AdsClientOptions, createAdsClient } from './ads-client.js';
import { createAdsReport, downloadAdsReportRows, getAdsReport, waitForAdsReport } from './ads-reports.js';

/**
 * The sync port's AdsConnection for one store: the store's LWA credentials (same token endpoint and cache as its
 * SP-API calls), its `endpoints.ads` override or the regional Amazon Ads host.
 */

export interface AdsConnectionOptions {
  limiter: RateLimiter;
  tokenCache: LwaTokenCache;
  /** Wait between report polls (tests advance the simulator's clock). */
  reportWait: (attempt: number) => Promise<void>;
  rateScale?: number;
  logger?: AdsClientOptions['logger'];
  retryBaseMs?: number;
  retryMaxMs?: number;
  maxRetries?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export function createAdsConnection(
  info: StoreConnectionInfo,
  opts: AdsConnectionOptions,
): AdsConnection & { usage(): OperationUsage[]; client: AdsClient } {
  const hosts = REGION_ENDPOINTS[info.region];
  const lwa = createLwaClient({
    tokenUrl: info.endpoints.lwa ?? hosts.lwa,
    ...info.credentials,
    cache: opts.tokenCache,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  const client = createAdsClient({
    endpoint: info.endpoints.ads ?? hosts.ads,
    clientId: info.credentials.clientId,
    lwa,
    limiter: opts.limiter,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    ...(opts.rateScale !== undefined ? { rateScale: opts.rateScale } : {}),
    ...(opts.logger ? { logger: opts.logger } : {}),
    ...(opts.retryBaseMs !== undefined ? { retryBaseMs: opts.retryBaseMs } : {}),
    ...(opts.retryMaxMs !== undefined ? { retryMaxMs: opts.retryMaxMs } : {}),
    ...(opts.maxRetries !== undefined ? { maxRetries: opts.maxRetries } : {}),
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
  });
  return {
    client,
    async call<T>(profileId: string | null, request: AdsRequest): Promise<AmazonResponse<T>> {
      const res = await client.call<T>(profileId, request);
      return { status: res.status, body: res.body, requestId: res.requestId ?? null };
    },
    createReport: (profileId: string, request: AdsReportRequest) => createAdsReport(client, profileId, request),
    async reportStatus(profileId, reportId) {
      const s = await getAdsReport(client, profileId, reportId);
      return { status: s.status, failureReason: s.failureReason };
    },
    async downloadReport(profileId, reportId, onStatus) {
      // A pre-signed URL that expired between the poll and the download is renewed by polling again.
      for (let attempt = 1; ; attempt++) {
        const done = await waitForAdsReport(client, profileId, reportId, {
          wait: opts.reportWait,
          ...(onStatus ? { onStatus } : {}),
        });
        try {
          return await downloadAdsReportRows(client, done.url);
        } catch (err) {
          if (attempt >= 3 || !(err as { retryable?: boolean }).retryable) throw err;
        }
      }
    },
    usage(): OperationUsage[] {
      return Object.entries(client.stats()).map(([operation, s]) => ({
        operation: `ads/${operation}`,
        ...s,
        rate: client.limit.ratePerSecond,
        burst: client.limit.burst,
      }));
    },
  };
}
