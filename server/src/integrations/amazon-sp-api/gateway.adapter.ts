import { setTimeout as delay } from 'node:timers/promises';
import { REGION_ENDPOINTS } from '../../modules/stores/index.js';
import type {
  AmazonConnection,
  AmazonGateway,
  AmazonRequest,
  AmazonResponse,
  FlatReport,
  MarketplaceParticipation,
  OperationUsage,
  StoreConnectionInfo,
} from '../../modules/sync/index.js';
import { openTabular } from '../../platform/files/tabular.js';
import type { RateLimiter } from '../../platform/rate-limit/rate-limiter.js';
import { createAdsConnection } from '../amazon-ads/ads-connection.js';
import { AmazonApiError } from './amazon-api-error.js';
import { createLwaTokenCache } from './lwa-client.js';
import { documentedLimit } from './rate-limits.js';
import { createReport, downloadReportDocument, getReportDocument, waitForReport } from './reports.js';
import { createSpApiClient, type SpApiLogger } from './sp-api-client.js';

/** Options shared by every store connection of a process. */
export interface SpApiGatewayOptions {
  limiter: RateLimiter;
  logger?: SpApiLogger;
  /** See SpApiClientOptions.rateScale (amazon-sim with a fast clock). */
  rateScale?: number;
  /** Report polling: wait between polls (default 5 s·1.5^n up to 60 s, divided by rateScale). Tests advance a clock. */
  reportWait?: (attempt: number) => Promise<void>;
  retryBaseMs?: number;
  retryMaxMs?: number;
  maxRetries?: number;
  timeoutMs?: number;
}

/** The sync module's Amazon port over SP-API: one client per store, limits shared through the limiter. */
export function createSpApiGateway(opts: SpApiGatewayOptions): AmazonGateway {
  const tokenCache = createLwaTokenCache();
  const scale = opts.rateScale ?? 1;
  const reportWait = opts.reportWait ?? ((n: number) => delay(Math.min(60_000, 5_000 * 1.5 ** n) / scale));
  return {
    connect(info: StoreConnectionInfo): AmazonConnection {
      const hosts = REGION_ENDPOINTS[info.region];
      const client = createSpApiClient({
        endpoint: info.endpoints.spApi ?? hosts.spApi,
        lwa: { tokenUrl: info.endpoints.lwa ?? hosts.lwa, ...info.credentials },
        sellerId: info.sellerId,
        region: info.region,
        limiter: opts.limiter,
        tokenCache,
        rateScale: scale,
        ...(opts.logger ? { logger: opts.logger } : {}),
        ...(opts.retryBaseMs !== undefined ? { retryBaseMs: opts.retryBaseMs } : {}),
        ...(opts.retryMaxMs !== undefined ? { retryMaxMs: opts.retryMaxMs } : {}),
        ...(opts.maxRetries !== undefined ? { maxRetries: opts.maxRetries } : {}),
        ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
      });
      /** Waits for a report to be DONE and returns its whole decoded document. */
      async function reportText(reportId: string, onStatus?: (status: string) => void): Promise<string> {
        const report = await waitForReport(client, reportId, {
          wait: async (n) => {
            onStatus?.('IN_PROGRESS');
            await reportWait(n);
          },
        });
        if (report.processingStatus !== 'DONE' || !report.reportDocumentId) {
          throw new AmazonApiError(
            'UPSTREAM_UNAVAILABLE',
            `Report ${reportId} (${report.reportType}) ended ${report.processingStatus}`,
            { retryable: false, operation: 'reports_2021-06-30/getReport', amazonCode: report.processingStatus },
          );
        }
        // The whole document is downloaded and gunzipped before the first row is read: a truncated file fails here,
        // before anything of it is written, and is fetched again (a fresh pre-signed URL each time).
        let text = '';
        for (let attempt = 1; ; attempt++) {
          try {
            const doc = await getReportDocument(client, report.reportDocumentId);
            text = (await downloadReportDocument(doc)).text;
            break;
          } catch (err) {
            if (attempt >= 3 || !(err instanceof AmazonApiError) || !err.retryable) throw err;
          }
        }
        return text;
      }

      let ads: ReturnType<typeof createAdsConnection> | undefined;
      return {
        async getMarketplaceParticipations(): Promise<MarketplaceParticipation[]> {
          const res = await client.call<{
            payload?: {
              marketplace?: { id?: string; name?: string; countryCode?: string };
              participation?: { isParticipating?: boolean };
            }[];
          }>({
            operation: 'sellers/getMarketplaceParticipations',
            method: 'GET',
            path: '/sellers/v1/marketplaceParticipations',
          });
          return (res.body.payload ?? []).map((p) => ({
            marketplaceId: p.marketplace?.id ?? '',
            name: p.marketplace?.name ?? '',
            countryCode: p.marketplace?.countryCode ?? '',
            isParticipating: p.participation?.isParticipating ?? false,
          }));
        },

        async call<T>(request: AmazonRequest): Promise<AmazonResponse<T>> {
          const res = await client.call<T>(request);
          return { status: res.status, body: res.body, requestId: res.requestId ?? null };
        },

        createReport(input): Promise<string> {
          return createReport(client, {
            reportType: input.reportType,
            marketplaceIds: input.marketplaceIds,
            dataStartTime: iso(input.start),
            dataEndTime: iso(input.end),
            ...(input.options ? { reportOptions: input.options } : {}),
          });
        },

        async openReport(reportId, onStatus): Promise<FlatReport> {
          const text = await reportText(reportId, onStatus);
          const file = await openTabular(Buffer.from(text, 'utf8'), `${reportId}.tsv`);
          return { reportId, headers: file.headers, rows: file.rows };
        },

        async openReportText(reportId, onStatus) {
          return { reportId, text: await reportText(reportId, onStatus) };
        },

        usage(): OperationUsage[] {
          return Object.entries(client.stats())
            .map(([operation, s]): OperationUsage => {
              const limit = documentedLimit(operation);
              return { operation, ...s, rate: limit.ratePerSecond, burst: limit.burst };
            })
            .concat(ads?.usage() ?? []);
        },

        ads() {
          ads ??= createAdsConnection(info, { ...opts, tokenCache, reportWait, rateScale: scale });
          return ads;
        },
      };
    },
  };
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
