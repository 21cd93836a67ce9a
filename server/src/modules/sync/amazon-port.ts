import type { OrderRecord } from '../orders/index.js';

/**
 * The port the sync module needs from Amazon; `integrations/amazon-sp-api` implements it over HTTP. Everything here
 * is already normalised (epoch ms, minor units); failures are AppErrors whose details carry `retryable`, `requestId`,
 * `status` and `amazonCode` (AmazonApiError).
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

export interface OrdersPage {
  orders: OrderRecord[];
  nextToken: string | null;
  /** The upper bound of the search window Amazon applied (it answers `lastUpdatedBefore`). */
  windowEnd: number;
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
  getMarketplaceParticipations(): Promise<MarketplaceParticipation[]>;
  /** One page of orders changed in [after, before] (before omitted: Amazon's "now − 2 min"), or the page after `nextToken`. */
  searchOrdersUpdatedPage(input: {
    after: number;
    before?: number | undefined;
    nextToken?: string | undefined;
    marketplaceIds: string[];
  }): Promise<OrdersPage>;
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
