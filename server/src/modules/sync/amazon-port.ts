/**
 * The port the sync needs from Amazon; `integrations/amazon-sp-api` implements it over HTTP with the shared rate
 * limiter, retries and LWA. Data modules call operations through `call` and read Amazon's JSON with their own pure
 * mappers; reports come decoded and parsed by header name. Failures are AppErrors whose details carry `retryable`,
 * `requestId`, `status` and `amazonCode` (AmazonApiError).
 */

export interface StoreConnectionInfo {
  storeId: string;
  sellerId: string;
  region: 'NA' | 'EU' | 'FE';
  marketplaceIds: string[];
  credentials: { clientId: string; clientSecret: string; refreshToken: string };
  endpoints: {
    lwa?: string | undefined;
    spApi?: string | undefined;
    ads?: string | undefined;
    queueUrl?: string | undefined;
  };
}

export interface MarketplaceParticipation {
  marketplaceId: string;
  name: string;
  countryCode: string;
  isParticipating: boolean;
}

export type QueryValue = string | number | boolean | readonly string[] | undefined;

/** One SP-API operation call (see SpApiRequest of the integration). */
export interface AmazonRequest {
  /** `<model stem>/<operationId>`, e.g. `orders_2026-01-01/searchOrders`: selects the documented rate limit. */
  operation: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Grantless operations (Notifications destinations): the LWA scope, e.g. `sellingpartnerapi::notifications`. */
  grantlessScope?: string;
}

export interface AmazonResponse<T> {
  status: number;
  body: T;
  requestId: string | null;
}

export interface FlatReport {
  reportId: string;
  headers: string[];
  rows: AsyncIterable<{ line: number; cells: Record<string, string> }>;
}

export interface OperationUsage {
  operation: string;
  calls: number;
  throttled: number;
  retries: number;
  failures: number;
  rate: number;
  burst: number;
}

export interface AmazonConnection {
  /** Calls one SP-API operation within its quota (retries 429/5xx, refreshes tokens). */
  call<T = unknown>(request: AmazonRequest): Promise<AmazonResponse<T>>;
  getMarketplaceParticipations(): Promise<MarketplaceParticipation[]>;
  /** Requests a report for [start, end]; returns its id. `options` are Amazon's reportOptions (e.g. dateGranularity). */
  createReport(input: {
    reportType: string;
    marketplaceIds: string[];
    start: number;
    end: number;
    options?: Record<string, string>;
  }): Promise<string>;
  /** Waits for a report to be DONE and opens its document (decoded, parsed by header name). */
  openReport(reportId: string, onStatus?: (status: string) => void): Promise<FlatReport>;
  /** Waits like openReport and returns the whole decoded document (JSON reports such as sales and traffic). */
  openReportText(reportId: string, onStatus?: (status: string) => void): Promise<{ reportId: string; text: string }>;
  /** Calls per operation since the connection was made, with the documented quota. */
  usage(): OperationUsage[];
  /** The same store's Amazon Ads API (same LWA credentials; the regional Ads host or `endpoints.ads`). */
  ads(): AdsConnection;
}

/** One Amazon Ads API call (profile-scoped unless the profile is null, e.g. GET /v2/profiles). */
export interface AdsRequest {
  /** A stable name for the limiter key `ads:<profileId>:<operation>` and usage, e.g. `sp/campaigns/list`. */
  operation: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Versioned media type (SP v3: `application/vnd.spCampaign.v3+json`), sent as Content-Type and Accept. */
  contentType?: string;
}

/** A reporting v3 request (POST /reporting/reports). */
export interface AdsReportRequest {
  name?: string;
  /** The profile's local dates, YYYY-MM-DD (at most 31 days). */
  startDate: string;
  endDate: string;
  configuration: {
    adProduct: string;
    reportTypeId: string;
    groupBy: string[];
    columns: string[];
    timeUnit: 'DAILY' | 'SUMMARY';
    filters?: { field: string; values: string[] }[];
  };
}

export interface AdsConnection {
  /** Calls one Ads operation within its quota (retries 429 with Retry-After and 5xx, refreshes tokens). */
  call<T = unknown>(profileId: string | null, request: AdsRequest): Promise<AmazonResponse<T>>;
  /** Requests a report; returns its id (a duplicate of a report in flight returns that report's id). */
  createReport(profileId: string, request: AdsReportRequest): Promise<string>;
  /** One status check: PENDING, PROCESSING, COMPLETED, FAILED. */
  reportStatus(profileId: string, reportId: string): Promise<{ status: string; failureReason: string | null }>;
  /**
   * Waits for a report to complete and downloads its rows (gunzipped JSON objects keyed by column). A FAILED report
   * throws a non-retryable error whose details.amazonCode is FAILED; an unknown id throws NOT_FOUND.
   */
  downloadReport(
    profileId: string,
    reportId: string,
    onStatus?: (status: string) => void,
  ): Promise<Record<string, unknown>[]>;
}

export interface AmazonGateway {
  connect(info: StoreConnectionInfo): AmazonConnection;
}

export interface QueueMessage {
  receiptHandle: string;
  body: string;
  /** How many times SQS has delivered this message (ApproximateReceiveCount). */
  receiveCount: number;
}

/** The seller's notification queue (SQS); `integrations/amazon-sp-api/notification-queue.adapter.ts` implements it. */
export interface NotificationQueue {
  /** Long-polls up to `waitSeconds` for at most `max` messages. */
  receive(queueUrl: string, opts: { waitSeconds: number; max: number }): Promise<QueueMessage[]>;
  delete(queueUrl: string, receiptHandles: string[]): Promise<void>;
}
