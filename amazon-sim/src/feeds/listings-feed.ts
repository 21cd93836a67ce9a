import type { HandlerContext, OperationHandler, OperationRequest } from '../handlers.ts';
import type { FeedRecord, ListingsWriters } from './feed-service.ts';

/**
 * JSON_LISTINGS_FEED (listings-feed-schema-v2): each message is applied with the Listings Items handlers (PATCH and
 * PARTIAL_UPDATE → patchListingsItem, UPDATE → putListingsItem per marketplace, DELETE → deleteListingsItem), so
 * feeds and the API validate and write listings the same way. Messages that break the feed schema, and the issues
 * the handlers report, become issues of the processing report (listings-feed-processing-report-schema-v2).
 */

const OPERATIONS = ['UPDATE', 'PARTIAL_UPDATE', 'PATCH', 'DELETE'] as const;

interface ReportIssue {
  /** Absent for issues of the feed as a whole (header, structure). */
  messageId?: number;
  sku?: string;
  code: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  message: string;
  attributeName?: string;
}

/** Applies a JSON_LISTINGS_FEED document; returns the processing report JSON, or undefined when it is not JSON. */
export async function applyListingsFeed(
  writers: ListingsWriters,
  feed: FeedRecord,
  bytes: Buffer,
  request: OperationRequest,
  context: HandlerContext,
): Promise<string | undefined> {
  let doc: { header?: { sellerId?: unknown; version?: unknown }; messages?: unknown };
  try {
    doc = JSON.parse(bytes.toString('utf8')) as typeof doc;
  } catch {
    return undefined;
  }
  const issues: ReportIssue[] = [];
  const messages = Array.isArray(doc?.messages) ? (doc.messages as Record<string, unknown>[]) : [];
  let accepted = 0;
  let invalid = 0;
  if (doc?.header?.sellerId !== feed.sellerId || doc.header.version !== '2.0' || !Array.isArray(doc.messages)) {
    issues.push({
      code: '4000001',
      severity: 'ERROR',
      message: 'The feed header must name this seller and version "2.0", and messages must be an array.',
    });
  }
  for (const [n, message] of messages.entries()) {
    const messageId = typeof message?.messageId === 'number' ? message.messageId : n + 1;
    const found = await applyMessage(writers, feed, message ?? {}, request, context);
    const errors = found.filter((i) => i.severity === 'ERROR').length;
    for (const i of found) issues.push({ ...i, messageId });
    if (errors > 0) invalid++;
    else accepted++;
  }
  const report = {
    header: { sellerId: feed.sellerId, version: '2.0', feedId: feed.feedId },
    issues,
    summary: {
      errors: issues.filter((i) => i.severity === 'ERROR').length,
      warnings: issues.filter((i) => i.severity === 'WARNING').length,
      messagesProcessed: messages.length,
      messagesAccepted: accepted,
      messagesInvalid: invalid,
    },
  };
  return JSON.stringify(report);
}

async function applyMessage(
  writers: ListingsWriters,
  feed: FeedRecord,
  message: Record<string, unknown>,
  request: OperationRequest,
  context: HandlerContext,
): Promise<Omit<ReportIssue, 'messageId'>[]> {
  const sku = typeof message.sku === 'string' && message.sku !== '' ? message.sku : undefined;
  const op = message.operationType as (typeof OPERATIONS)[number];
  const problems: string[] = [];
  if (typeof message.messageId !== 'number' || !Number.isInteger(message.messageId) || message.messageId < 1) {
    problems.push('messageId must be an integer >= 1');
  }
  if (!sku) problems.push('sku is required');
  if (!OPERATIONS.includes(op)) problems.push(`operationType must be one of ${OPERATIONS.join(', ')}`);
  if (op !== 'DELETE' && typeof message.productType !== 'string') problems.push('productType is required');
  if (op === 'PATCH' && !Array.isArray(message.patches)) problems.push('patches are required for PATCH');
  if ((op === 'UPDATE' || op === 'PARTIAL_UPDATE') && typeof message.attributes !== 'object') {
    problems.push(`attributes are required for ${op}`);
  }
  const base = sku ? { sku } : {};
  if (problems.length > 0 || !sku) {
    return [{ ...base, code: '4000001', severity: 'ERROR', message: `Invalid message: ${problems.join('; ')}.` }];
  }
  const call = (handler: OperationHandler, method: string, marketplaceIds: string[], body: unknown) =>
    handler(
      {
        ...request,
        method,
        pathParams: { sellerId: feed.sellerId, sku },
        query: new URLSearchParams({ marketplaceIds: marketplaceIds.join(',') }),
        body,
      },
      context,
    );
  const attributes = (message.attributes ?? {}) as Record<string, unknown>;
  const replies =
    op === 'PATCH'
      ? [
          await call(writers.patch, 'PATCH', feed.marketplaceIds, {
            productType: message.productType,
            patches: message.patches,
          }),
        ]
      : op === 'PARTIAL_UPDATE'
        ? [
            await call(writers.patch, 'PATCH', feed.marketplaceIds, {
              productType: message.productType,
              patches: Object.entries(attributes).map(([name, value]) => ({
                op: 'replace',
                path: `/attributes/${name}`,
                value,
              })),
            }),
          ]
        : await Promise.all(
            feed.marketplaceIds.map((m) =>
              op === 'DELETE'
                ? call(writers.delete, 'DELETE', [m], undefined)
                : call(writers.put, 'PUT', [m], {
                    productType: message.productType,
                    requirements: message.requirements,
                    attributes,
                  }),
            ),
          );
  const out: Omit<ReportIssue, 'messageId'>[] = [];
  for (const reply of replies) {
    const body = reply.body as {
      issues?: { code: string; message: string; severity: ReportIssue['severity']; attributeNames?: string[] }[];
      errors?: { code: string; message: string }[];
    };
    for (const e of body?.errors ?? []) out.push({ ...base, code: e.code, severity: 'ERROR', message: e.message });
    for (const i of body?.issues ?? []) {
      const issue: Omit<ReportIssue, 'messageId'> = { ...base, code: i.code, severity: i.severity, message: i.message };
      if (i.attributeNames?.[0]) issue.attributeName = i.attributeNames[0];
      out.push(issue);
    }
  }
  return out;
}
