import type { HandlerContext, OperationHandler, OperationRequest } from '../handlers.ts';
import { guarded, InputError, Query } from '../stateful/query-params.ts';
import { iso, marketplaceIndexes, nowOf, type StatefulDeps, sellerOf } from '../stateful/stateful-context.ts';
import { FEED_PROGRESS_MS, FEED_QUEUE_MS, type FeedRecord, type FeedService } from './feed-service.ts';
import { applyListingsFeed } from './listings-feed.ts';

/** Feeds API 2021-06-30: createFeedDocument, createFeed, getFeed, getFeeds, cancelFeed, getFeedDocument. */

const FEED_TYPES = ['JSON_LISTINGS_FEED'];

/** Processes the caller's due feeds, then renders. */
async function settle(service: FeedService, request: OperationRequest, context: HandlerContext): Promise<void> {
  await service.settle(request, context, (feed, bytes, req, ctx) =>
    applyListingsFeed(service.writers, feed, bytes, req, ctx),
  );
}

function renderFeed(service: FeedService, feed: FeedRecord, now: number): Record<string, unknown> {
  const status = service.status(feed, now);
  const out: Record<string, unknown> = {
    feedId: feed.feedId,
    feedType: feed.feedType,
    marketplaceIds: feed.marketplaceIds,
    createdTime: iso(feed.createdAt),
    processingStatus: status,
  };
  if (status === 'IN_PROGRESS' || status === 'DONE' || status === 'FATAL') {
    out.processingStartTime = iso(feed.createdAt + FEED_QUEUE_MS);
  }
  if (status === 'DONE' || status === 'FATAL')
    out.processingEndTime = iso(feed.createdAt + FEED_QUEUE_MS + FEED_PROGRESS_MS);
  if (feed.resultFeedDocumentId) out.resultFeedDocumentId = feed.resultFeedDocumentId;
  return out;
}

/** POST /feeds/2021-06-30/documents */
export function createFeedDocumentHandler(deps: StatefulDeps, service: FeedService): OperationHandler {
  return guarded((request, context) => {
    const seller = sellerOf(deps, request);
    const body = request.body as { contentType?: unknown } | undefined;
    if (typeof body?.contentType !== 'string' || body.contentType === '') {
      throw new InputError('contentType is required.');
    }
    const id = service.newDocumentId();
    service.documents.set(id, { id, sellerId: seller.sellerId, contentType: body.contentType });
    return { status: 201, body: { feedDocumentId: id, url: service.url(context.baseUrl, id, nowOf(context)) } };
  });
}

/** POST /feeds/2021-06-30/feeds */
export function createFeedHandler(deps: StatefulDeps, service: FeedService): OperationHandler {
  return guarded((request, context) => {
    const seller = sellerOf(deps, request);
    const body = request.body as { feedType?: unknown; marketplaceIds?: unknown; inputFeedDocumentId?: unknown };
    const feedType = body?.feedType;
    if (typeof feedType !== 'string' || !FEED_TYPES.includes(feedType)) {
      throw new InputError(`Invalid feedType. This simulator accepts ${FEED_TYPES.join(', ')}.`);
    }
    const ids = Array.isArray(body.marketplaceIds) ? body.marketplaceIds.filter((m) => typeof m === 'string') : [];
    if (ids.length === 0) throw new InputError('marketplaceIds is required.');
    marketplaceIndexes(seller, ids, 'marketplaceIds');
    const doc =
      typeof body.inputFeedDocumentId === 'string' ? service.documents.get(body.inputFeedDocumentId) : undefined;
    if (!doc || doc.sellerId !== seller.sellerId) throw new InputError('Invalid inputFeedDocumentId.');
    const feedId = service.newFeedId();
    service.feeds.set(feedId, {
      feedId,
      sellerId: seller.sellerId,
      feedType,
      marketplaceIds: ids,
      inputFeedDocumentId: doc.id,
      createdAt: nowOf(context),
    });
    return { status: 202, body: { feedId } };
  });
}

/** GET /feeds/2021-06-30/feeds/{feedId} */
export function getFeedHandler(deps: StatefulDeps, service: FeedService): OperationHandler {
  return guarded(async (request, context) => {
    const feed = ownFeed(deps, service, request);
    await settle(service, request, context);
    return { status: 200, body: renderFeed(service, feed, nowOf(context)) };
  });
}

/** GET /feeds/2021-06-30/feeds */
export function getFeedsHandler(deps: StatefulDeps, service: FeedService): OperationHandler {
  return guarded(async (request, context) => {
    const q = Query.of(request);
    const seller = sellerOf(deps, request);
    await settle(service, request, context);
    const now = nowOf(context);
    const types = q.list('feedTypes', 10);
    const markets = q.list('marketplaceIds', 10);
    const statuses = q.list('processingStatuses');
    const pageSize = q.int('pageSize', 1, 100) ?? 10;
    const feeds = service
      .feedsOfSeller(seller.sellerId)
      .filter((f) => !types || types.includes(f.feedType))
      .filter((f) => !markets || f.marketplaceIds.some((m) => markets.includes(m)))
      .filter((f) => !statuses || statuses.includes(service.status(f, now)))
      .slice(0, pageSize);
    return { status: 200, body: { feeds: feeds.map((f) => renderFeed(service, f, now)) } };
  });
}

/** DELETE /feeds/2021-06-30/feeds/{feedId} */
export function cancelFeedHandler(deps: StatefulDeps, service: FeedService): OperationHandler {
  return guarded((request, context) => {
    const feed = ownFeed(deps, service, request);
    if (service.status(feed, nowOf(context)) !== 'IN_QUEUE') {
      throw new InputError('Only a feed that is IN_QUEUE can be cancelled.');
    }
    feed.cancelled = true;
    return { status: 200 };
  });
}

/** GET /feeds/2021-06-30/documents/{feedDocumentId} */
export function getFeedDocumentHandler(deps: StatefulDeps, service: FeedService): OperationHandler {
  return guarded((request, context) => {
    const seller = sellerOf(deps, request);
    const id = request.pathParams.feedDocumentId ?? '';
    const doc = service.documents.get(id);
    if (!doc || doc.sellerId !== seller.sellerId)
      throw new InputError(`Feed document ${id} not found.`, 404, 'NotFound');
    return { status: 200, body: { feedDocumentId: id, url: service.url(context.baseUrl, id, nowOf(context)) } };
  });
}

function ownFeed(deps: StatefulDeps, service: FeedService, request: OperationRequest): FeedRecord {
  const seller = sellerOf(deps, request);
  const id = request.pathParams.feedId ?? '';
  const feed = service.feeds.get(id);
  if (!feed || feed.sellerId !== seller.sellerId) throw new InputError(`Feed ${id} not found.`, 404, 'NotFound');
  return feed;
}
