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
  /** Requests a report for [start, end]; returns its id. */
  createReport(input: { reportType: string; marketplaceIds: string[]; start: number; end: number }): Promise<string>;
  /** Waits for a report to be DONE and opens its document (decoded, parsed by header name). */
  openReport(reportId: string, onStatus?: (status: string) => void): Promise<FlatReport>;
  /** Calls per operation since the connection was made, with the documented quota. */
  usage(): OperationUsage[];
}

export interface AmazonGateway {
  connect(info: StoreConnectionInfo): AmazonConnection;
}
