import type { HandlerRegistry } from '../handlers.ts';
import {
  deleteListingsItemHandler,
  patchListingsItemHandler,
  putListingsItemHandler,
} from '../stateful/listings-items-handlers.ts';
import type { StatefulDeps } from '../stateful/stateful-context.ts';
import { FeedService } from './feed-service.ts';
import {
  cancelFeedHandler,
  createFeedDocumentHandler,
  createFeedHandler,
  getFeedDocumentHandler,
  getFeedHandler,
  getFeedsHandler,
} from './feeds-handlers.ts';
import { registerSolicitations } from './solicitations.ts';

/** Operation keys served by the feeds module (plus solicitations). */
export const FEEDS_OPERATIONS = [
  'feeds_2021-06-30:createFeedDocument',
  'feeds_2021-06-30:createFeed',
  'feeds_2021-06-30:getFeed',
  'feeds_2021-06-30:getFeeds',
  'feeds_2021-06-30:cancelFeed',
  'feeds_2021-06-30:getFeedDocument',
] as const;

/** Registers the Feeds 2021-06-30 and Solicitations handlers; the feed service is found with feedsOf(scenario). */
export function registerFeeds(registry: HandlerRegistry, deps: StatefulDeps): FeedService {
  const service = new FeedService(deps.scenario, {
    put: putListingsItemHandler(deps),
    patch: patchListingsItemHandler(deps),
    delete: deleteListingsItemHandler(deps),
  });
  registry.register('feeds_2021-06-30:createFeedDocument', createFeedDocumentHandler(deps, service));
  registry.register('feeds_2021-06-30:createFeed', createFeedHandler(deps, service));
  registry.register('feeds_2021-06-30:getFeed', getFeedHandler(deps, service));
  registry.register('feeds_2021-06-30:getFeeds', getFeedsHandler(deps, service));
  registry.register('feeds_2021-06-30:cancelFeed', cancelFeedHandler(deps, service));
  registry.register('feeds_2021-06-30:getFeedDocument', getFeedDocumentHandler(deps, service));
  registerSolicitations(registry, deps);
  return service;
}
