import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import {
  anyOfferChangedPayload,
  fbaInventoryAvailabilityPayload,
  listingsItemIssuesChangePayload,
  listingsItemStatusChangePayload,
  orderChangePayload,
  pricingHealthPayload,
  reportProcessingFinishedPayload,
} from '../src/notifications/builders.ts';
import { NOTIFICATION_TYPES, wrapNotification } from '../src/notifications/envelope.ts';
import { BUILDABLE_TYPES, type GenerateContext, generatePayload } from '../src/notifications/generate.ts';
import { createRandom } from '../src/random.ts';
import { resolveSharedAmazonDir } from '../src/shared-dir.ts';

/** Every builder's output, wrapped in the envelope, validates against Amazon's schema files with ajv. */

const schemaDir = join(resolveSharedAmazonDir(), 'schemas', 'notifications');

function loadSchema(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(schemaDir, file), 'utf8')) as Record<string, unknown>;
}

/**
 * Nested `$id`s of the form `#/properties/…` are generator leftovers that no `$ref` uses (every `$ref` is a root
 * JSON pointer); FBAInventoryAvailabilityChangeNotification.json repeats one, which Ajv refuses to compile. Dropping
 * them leaves every constraint as published.
 */
function withoutFragmentIds(node: unknown, root = true): unknown {
  if (Array.isArray(node)) return node.map((n) => withoutFragmentIds(n, false));
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$id' && !root && typeof v === 'string' && v.startsWith('#')) continue;
    out[k] = withoutFragmentIds(v, false);
  }
  return out;
}

/** Validates against a schema file (one Ajv per schema: several files share one root $id). */
function validate(file: string, data: unknown): ErrorObject[] {
  const text = readFileSync(join(schemaDir, file), 'utf8');
  for (const ref of text.matchAll(/"\$ref":\s*"([^"]*)"/g)) expect(ref[1]).toMatch(/^#\/definitions\//);
  const schema = withoutFragmentIds(JSON.parse(text)) as Record<string, unknown>;
  // The files declare draft-07 (`http://json-schema.org/draft-07/schema[#]`): Ajv's default class implements it.
  expect(String(schema.$schema)).toMatch(/^http:\/\/json-schema\.org\/draft-07\/schema#?$/);
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajvFormats.default(ajv);
  const check = ajv.compile(schema);
  return check(data) ? [] : (check.errors ?? []);
}

const meta = {
  applicationId: 'amzn1.sp.solution.00000000-0000-0000-0000-000000000000',
  subscriptionId: '7fcacc7e-727b-11e9-8848-1681be663d3e',
  notificationId: 'd0e9e693-c3ad-4373-979f-ed4ec98dd746',
  publishTime: '2026-01-01T00:00:05.000Z',
  eventTime: '2026-01-01T00:00:00.000Z',
};

function schemaFileOf(type: string): string {
  const file = NOTIFICATION_TYPES[type]?.schemaFile;
  if (!file) throw new Error(`no schema for ${type}`);
  return file;
}

/** The status-change schema pins NotificationType to LISTINGS_ITEM_STATUS_CHANGED; the type is ..._CHANGE. */
const STATUS_CHANGE_ERRATUM = { instancePath: '/NotificationType', keyword: 'enum' };

function expectValid(type: string, payload: unknown): void {
  const errors = validate(schemaFileOf(type), wrapNotification(type, payload, meta));
  if (type === 'LISTINGS_ITEM_STATUS_CHANGE') {
    expect(errors.map((e) => ({ instancePath: e.instancePath, keyword: e.keyword }))).toEqual([STATUS_CHANGE_ERRATUM]);
  } else {
    expect(errors).toEqual([]);
  }
}

describe('notification builders against Amazon schemas', () => {
  const ctx = (seed: string): GenerateContext => ({
    sellerId: 'A1SIMSELLER0001',
    marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'],
    currencyOf: (id) => (id === 'A2EUQ1WTGCTBG2' ? 'CAD' : 'USD'),
    random: createRandom(seed),
    now: '2026-01-01T00:00:00.000Z',
  });

  it('covers the seven required types', () => {
    for (const type of [
      'ANY_OFFER_CHANGED',
      'PRICING_HEALTH',
      'ORDER_CHANGE',
      'REPORT_PROCESSING_FINISHED',
      'LISTINGS_ITEM_STATUS_CHANGE',
      'LISTINGS_ITEM_ISSUES_CHANGE',
      'FBA_INVENTORY_AVAILABILITY_CHANGES',
    ]) {
      expect(BUILDABLE_TYPES).toContain(type);
    }
  });

  it.each(BUILDABLE_TYPES.map((t) => [t]))('generated %s payloads validate (several seeds)', (type) => {
    for (const seed of ['a', 'b', 'c']) {
      const payload = generatePayload(type, ctx(seed));
      expect(payload).toBeDefined();
      expectValid(type, payload);
    }
  });

  it('explicit builder inputs validate too', () => {
    expectValid(
      'ANY_OFFER_CHANGED',
      anyOfferChangedPayload({
        sellerId: 'A1',
        marketplaceId: 'A1PA6795UKMFR9',
        asin: 'B000000001',
        currencyCode: 'EUR',
        offers: [
          { sellerId: 'A1', price: 19.99, fulfilledByAmazon: true, isBuyBoxWinner: true },
          { sellerId: 'A2', price: 18.5, shipping: 3.99 },
          { sellerId: 'A3', price: 12, condition: 'used', subCondition: 'good' },
        ],
      }),
    );
    expectValid(
      'PRICING_HEALTH',
      pricingHealthPayload({ sellerId: 'A1', marketplaceId: 'X', asin: 'B1', listingPrice: 10 }),
    );
    expectValid(
      'ORDER_CHANGE',
      orderChangePayload({
        sellerId: 'A1',
        amazonOrderId: '111-2222222-3333333',
        marketplaceId: 'ATVPDKIKX0DER',
        orderChangeType: 'BuyerRequestedChange',
        orderStatus: 'Shipped',
        fulfillmentType: 'AFN',
        purchaseDate: '2026-01-01T00:00:00Z',
        destinationPostalCode: null,
        items: [
          { orderItemId: '1', sku: 'S1', quantity: 2, quantityShipped: 2 },
          { orderItemId: '2', sku: 'S2', quantity: 1, isBuyerRequestedCancel: true },
        ],
      }),
    );
    for (const processingStatus of ['DONE', 'FATAL', 'CANCELLED'] as const) {
      expectValid(
        'REPORT_PROCESSING_FINISHED',
        reportProcessingFinishedPayload({
          sellerId: 'A1',
          reportId: '1',
          reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2',
          processingStatus,
          reportDocumentId: 'amzn1.spdoc.1',
        }),
      );
    }
    expectValid(
      'LISTINGS_ITEM_STATUS_CHANGE',
      listingsItemStatusChangePayload({ sellerId: 'A1', marketplaceId: 'X', sku: 'S', status: ['DELETED'] }),
    );
    expectValid(
      'LISTINGS_ITEM_ISSUES_CHANGE',
      listingsItemIssuesChangePayload({ sellerId: 'A1', marketplaceId: 'X', sku: 'S', severities: ['NONE'] }),
    );
    expectValid(
      'FBA_INVENTORY_AVAILABILITY_CHANGES',
      fbaInventoryAvailabilityPayload({
        sellerId: 'A1',
        sku: 'S',
        asin: 'B000000001',
        marketplaces: [
          { marketplaceId: 'ATVPDKIKX0DER', fulfillable: 3, reserved: { pendingCustomerOrder: 1 } },
          { marketplaceId: 'A2EUQ1WTGCTBG2', fulfillable: 0, inbound: { working: 10 } },
        ],
      }),
    );
  });

  it("the status-change enum mismatch is the schema's own: its official example fails the same way", () => {
    const schema = loadSchema('ListingsItemStatusChangeNotification.json') as { examples: unknown[] };
    const errors = validate('ListingsItemStatusChangeNotification.json', schema.examples[0]);
    expect(errors.map((e) => ({ instancePath: e.instancePath, keyword: e.keyword }))).toEqual([STATUS_CHANGE_ERRATUM]);
  });

  it('invalid payloads are caught (the check has teeth)', () => {
    const payload = generatePayload('ORDER_CHANGE', ctx('x')) as { OrderChangeNotification: Record<string, unknown> };
    payload.OrderChangeNotification.OrderChangeType = 'Teleported';
    expect(validate('OrderChangeNotification.json', wrapNotification('ORDER_CHANGE', payload, meta))).not.toEqual([]);
  });

  it('uses each schema file casing for the envelope', () => {
    const pricing = wrapNotification('PRICING_HEALTH', {}, meta);
    expect(Object.keys(pricing)).toEqual([
      'notificationVersion',
      'notificationType',
      'payloadVersion',
      'eventTime',
      'payload',
      'notificationMetadata',
    ]);
    const offer = wrapNotification('ANY_OFFER_CHANGED', {}, meta);
    expect(offer).toMatchObject({
      NotificationVersion: '1.0',
      NotificationType: 'ANY_OFFER_CHANGED',
      PayloadVersion: '1.0',
      EventTime: meta.eventTime,
      NotificationMetadata: {
        ApplicationId: meta.applicationId,
        SubscriptionId: meta.subscriptionId,
        PublishTime: meta.publishTime,
        NotificationId: meta.notificationId,
      },
    });
    expect(wrapNotification('LISTINGS_ITEM_ISSUES_CHANGE', {}, meta).PayloadVersion).toBe('2023-12-13');
    expect(wrapNotification('REPORT_PROCESSING_FINISHED', {}, meta).payloadVersion).toBe('2020-09-04');
  });
});
