import { applyDocumentFault, faultsOf } from '../faults.ts';
import type { HandlerContext, OperationHandler, OperationRequest } from '../handlers.ts';
import { hash32 } from '../scenario/fast-random.ts';
import type { Scenario } from '../scenario/scenario.ts';

/**
 * State of the Feeds API 2021-06-30 for one scenario: feed documents (uploaded with PUT to a pre-signed URL served by
 * the simulator), feeds moving IN_QUEUE → IN_PROGRESS → DONE on the SimClock, and the JSON_LISTINGS_FEED processing
 * report. A feed's messages are applied through the Listings Items handlers when the feed is first seen DONE.
 */

/** Virtual time a feed waits in the queue, then spends in progress. */
export const FEED_QUEUE_MS = 30_000;
export const FEED_PROGRESS_MS = 60_000;
const URL_TTL_SECONDS = 300;

export interface FeedDocument {
  id: string;
  sellerId: string;
  contentType: string;
  bytes?: Buffer;
}

export interface FeedRecord {
  feedId: string;
  sellerId: string;
  feedType: string;
  marketplaceIds: string[];
  inputFeedDocumentId: string;
  createdAt: number;
  resultFeedDocumentId?: string;
  /** FATAL when the input document was never uploaded or is not JSON at all. */
  fatal?: boolean;
  cancelled?: boolean;
}

/** The Listings Items handlers the feed applies messages with (the same code path as the API). */
export interface ListingsWriters {
  put: OperationHandler;
  patch: OperationHandler;
  delete: OperationHandler;
}

const SERVICES = new WeakMap<Scenario, FeedService>();

/** The feed service of a scenario, once registered. */
export function feedsOf(scenario: Scenario): FeedService | undefined {
  return SERVICES.get(scenario);
}

/** Documents and feeds of every seller of a scenario. */
export class FeedService {
  readonly documents = new Map<string, FeedDocument>();
  readonly feeds = new Map<string, FeedRecord>();
  private counter = 0;

  constructor(
    readonly scenario: Scenario,
    readonly writers: ListingsWriters,
  ) {
    SERVICES.set(scenario, this);
  }

  /** A new document id. */
  newDocumentId(): string {
    this.counter++;
    return `amzn1.tortuga.4.na.${hash32(this.scenario.seed, 'doc', this.counter).toString(16)}.${this.counter}`;
  }

  /** A new feed id (digits, like Amazon's). */
  newFeedId(): string {
    this.counter++;
    return String(
      50_000_000_000 + (hash32(this.scenario.seed, 'feed', this.counter) % 1_000_000_000) * 10 + (this.counter % 10),
    );
  }

  /** Pre-signed URL of a document (upload with PUT, download with GET), valid five minutes. */
  url(baseUrl: string, id: string, now: number): string {
    const expires = Math.floor(now / 1000) + URL_TTL_SECONDS;
    return `${baseUrl}/feeds-documents/${encodeURIComponent(id)}?X-Amz-Expires=${expires}&X-Amz-Signature=${this.sign(id, expires)}`;
  }

  /** The seller's feeds, newest first. */
  feedsOfSeller(sellerId: string): FeedRecord[] {
    return [...this.feeds.values()].filter((f) => f.sellerId === sellerId).reverse();
  }

  /** Whether a URL's signature and expiry are valid at `now`. */
  verify(id: string, expires: string | undefined, signature: string | undefined, now: number): boolean {
    const e = Number(expires);
    return Number.isFinite(e) && signature === this.sign(id, e) && now / 1000 <= e;
  }

  /** Status of a feed at `now`. */
  status(feed: FeedRecord, now: number): 'CANCELLED' | 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'FATAL' {
    if (feed.cancelled) return 'CANCELLED';
    if (now < feed.createdAt + FEED_QUEUE_MS) return 'IN_QUEUE';
    if (now < feed.createdAt + FEED_QUEUE_MS + FEED_PROGRESS_MS) return 'IN_PROGRESS';
    return feed.fatal ? 'FATAL' : 'DONE';
  }

  /**
   * Processes every feed of the seller that is due at `now` and not yet processed: applies its messages with the
   * Listings Items handlers (through `request`, the caller's own SP-API request) and stores the processing report.
   */
  async settle(request: OperationRequest, context: HandlerContext, apply: FeedApplier): Promise<void> {
    const sellerId = request.seller?.sellerId;
    const now = context.clock.now();
    for (const feed of this.feeds.values()) {
      if (feed.sellerId !== sellerId || feed.resultFeedDocumentId || feed.fatal || feed.cancelled) continue;
      if (this.status(feed, now) !== 'DONE') continue;
      const input = this.documents.get(feed.inputFeedDocumentId);
      const report = input?.bytes ? await apply(feed, input.bytes, request, context) : undefined;
      if (!report) {
        feed.fatal = true;
        continue;
      }
      const id = this.newDocumentId();
      this.documents.set(id, {
        id,
        sellerId: feed.sellerId,
        contentType: 'application/json',
        bytes: Buffer.from(faultyBytes(report, context)),
      });
      feed.resultFeedDocumentId = id;
    }
  }

  private sign(id: string, expires: number): string {
    return hash32(`${this.scenario.seed}:feed-document-url`, `${id}|${expires}`).toString(16).padStart(8, '0');
  }
}

/** Turns a feed's input document into its processing report text (undefined: FATAL). */
export type FeedApplier = (
  feed: FeedRecord,
  bytes: Buffer,
  request: OperationRequest,
  context: HandlerContext,
) => Promise<string | undefined>;

/** The processing report as stored: through the run's document faults (gzip rule), if any. */
function faultyBytes(report: string, context: HandlerContext): Uint8Array {
  return applyDocumentFault(Buffer.from(report, 'utf8'), faultsOf(context));
}
