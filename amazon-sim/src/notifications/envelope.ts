/**
 * The SP-API notification envelope and per-type conventions. Amazon's schemas disagree on key casing: most types
 * use PascalCase (`NotificationVersion`, `Payload`, `NotificationMetadata`), some camelCase (`notificationVersion`,
 * `payload`, `notificationMetadata`); both follow the schema files in shared/amazon/schemas/notifications.
 */

export interface NotificationTypeInfo {
  casing: 'pascal' | 'camel';
  notificationVersion: string;
  /** Payload versions a subscription may ask for; the first is the default (and the one builders emit). */
  payloadVersions: string[];
  /** Schema file in shared/amazon/schemas/notifications, when Amazon publishes one. */
  schemaFile?: string;
}

const pascal = (payloadVersions: string[], schemaFile?: string): NotificationTypeInfo => ({
  casing: 'pascal',
  notificationVersion: '1.0',
  payloadVersions,
  ...(schemaFile ? { schemaFile } : {}),
});
const camel = (version: string, schemaFile?: string): NotificationTypeInfo => ({
  casing: 'camel',
  notificationVersion: version,
  payloadVersions: [version],
  ...(schemaFile ? { schemaFile } : {}),
});

/** Notification types the simulator accepts subscriptions for (types without a schema: PascalCase, 1.0 [I]). */
export const NOTIFICATION_TYPES: Record<string, NotificationTypeInfo> = {
  ANY_OFFER_CHANGED: pascal(['1.0'], 'AnyOfferChangedNotification.json'),
  B2B_ANY_OFFER_CHANGED: pascal(['1.0']),
  PRICING_HEALTH: camel('1.0', 'PricingHealthNotification.json'),
  ORDER_CHANGE: pascal(['1.0'], 'OrderChangeNotification.json'),
  REPORT_PROCESSING_FINISHED: camel('2020-09-04', 'ReportProcessingFinishedNotification.json'),
  FEED_PROCESSING_FINISHED: camel('2020-09-04', 'FeedProcessingFinishedNotification.json'),
  LISTINGS_ITEM_STATUS_CHANGE: pascal(['1.0'], 'ListingsItemStatusChangeNotification.json'),
  LISTINGS_ITEM_ISSUES_CHANGE: pascal(['2023-12-13', '1.0'], 'ListingsItemIssuesChangeNotification_2023-12-13.json'),
  LISTINGS_ITEM_MFN_QUANTITY_CHANGE: pascal(['1.0']),
  FBA_INVENTORY_AVAILABILITY_CHANGES: pascal(['1.0'], 'FBAInventoryAvailabilityChangeNotification.json'),
  ITEM_INVENTORY_EVENT_CHANGE: camel('2020-09-04', 'ItemInventoryEventChangeNotification.json'),
  ITEM_SALES_EVENT_CHANGE: camel('2020-09-04', 'ItemSalesEventChangeNotification.json'),
  TRANSACTION_UPDATE: pascal(['1.0'], 'TransactionUpdateNotification.json'),
  FULFILLMENT_ORDER_STATUS: pascal(['1.0']),
  FBA_OUTBOUND_SHIPMENT_STATUS: pascal(['1.0']),
  MFN_ORDER_STATUS_CHANGE: pascal(['1.0']),
  ACCOUNT_STATUS_CHANGED: pascal(['1.0']),
  BRANDED_ITEM_CONTENT_CHANGE: pascal(['1.0']),
  ITEM_PRODUCT_TYPE_CHANGE: pascal(['1.0']),
  PRODUCT_TYPE_DEFINITIONS_CHANGE: pascal(['1.0']),
  FEE_PROMOTION: pascal(['1.0']),
  DATA_KIOSK_QUERY_PROCESSING_FINISHED: camel('2023-11-15'),
  DETAIL_PAGE_TRAFFIC_EVENT: camel('2020-09-04'),
  EXTERNAL_FULFILLMENT_SHIPMENT_STATUS_CHANGE: pascal(['1.0']),
};

export interface NotificationMetadata {
  applicationId: string;
  subscriptionId: string;
  notificationId: string;
  /** ISO-8601 publish time. */
  publishTime: string;
  /** ISO-8601 event time (defaults to the publish time). */
  eventTime?: string;
}

/** Wraps a payload in the type's envelope with its metadata, in the casing of the type's schema. */
export function wrapNotification(
  notificationType: string,
  payload: unknown,
  meta: NotificationMetadata,
): Record<string, unknown> {
  const info = NOTIFICATION_TYPES[notificationType] ?? pascal(['1.0']);
  const payloadVersion = info.payloadVersions[0] ?? '1.0';
  const eventTime = meta.eventTime ?? meta.publishTime;
  if (info.casing === 'camel') {
    return {
      notificationVersion: info.notificationVersion,
      notificationType,
      payloadVersion,
      eventTime,
      payload,
      notificationMetadata: {
        applicationId: meta.applicationId,
        subscriptionId: meta.subscriptionId,
        publishTime: meta.publishTime,
        notificationId: meta.notificationId,
      },
    };
  }
  return {
    NotificationVersion: info.notificationVersion,
    NotificationType: notificationType,
    PayloadVersion: payloadVersion,
    EventTime: eventTime,
    Payload: payload,
    NotificationMetadata: {
      ApplicationId: meta.applicationId,
      SubscriptionId: meta.subscriptionId,
      PublishTime: meta.publishTime,
      NotificationId: meta.notificationId,
    },
  };
}

type Json = Record<string, unknown>;

const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

/** Marketplace ids a payload concerns (for `eventFilter.marketplaceIds`); empty when the type has none. */
export function marketplacesOf(notificationType: string, payload: unknown): string[] {
  const p = obj(payload);
  const one = (v: unknown) => (typeof v === 'string' ? [v] : []);
  switch (notificationType) {
    case 'ANY_OFFER_CHANGED':
    case 'B2B_ANY_OFFER_CHANGED':
      return one(obj(obj(p.AnyOfferChangedNotification).OfferChangeTrigger).MarketplaceId);
    case 'PRICING_HEALTH':
      return one(obj(p.offerChangeTrigger).marketplaceId);
    case 'ORDER_CHANGE':
      return one(obj(obj(p.OrderChangeNotification).Summary).MarketplaceId);
    case 'LISTINGS_ITEM_STATUS_CHANGE':
    case 'LISTINGS_ITEM_ISSUES_CHANGE':
      return one(p.MarketplaceId);
    case 'FBA_INVENTORY_AVAILABILITY_CHANGES': {
      const list = Array.isArray(p.FulfillmentInventoryByMarketplace) ? p.FulfillmentInventoryByMarketplace : [];
      return list.flatMap((x) => one(obj(x).MarketplaceId));
    }
    default:
      return [];
  }
}

/** The ORDER_CHANGE payload's OrderChangeType (for `eventFilter.orderChangeTypes`). */
export function orderChangeTypeOf(payload: unknown): string | undefined {
  const t = obj(obj(payload).OrderChangeNotification).OrderChangeType;
  return typeof t === 'string' ? t : undefined;
}

/** The (marketplace, ASIN) an ANY_OFFER_CHANGED payload is about: the key of Amazon's aggregation. */
export function offerKeyOf(payload: unknown): string {
  const trigger = obj(obj(obj(payload).AnyOfferChangedNotification).OfferChangeTrigger);
  return `${String(trigger.MarketplaceId ?? '')}/${String(trigger.ASIN ?? '')}`;
}
