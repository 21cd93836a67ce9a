import { createHash } from 'node:crypto';
import type { FinanceEventType, FinanceLineKind } from '@yangfan/contracts';
import { findMarketplaceBySalesChannel, type Marketplace } from '../stores/index.js';
import { decimalToMinor } from './finance-amounts.js';

/**
 * Finances API v0 `FinancialEvents` flattened into lines: one line per charge, fee, promotion, withheld tax or
 * adjustment amount of an event. Each line gets a deterministic key built from the event type, order id, order item
 * (or adjustment item) id, posting instant, line kind and charge type, and the line's position within its event, so
 * reading the same window again finds the same keys and stores nothing twice. Pure: no I/O.
 */

export interface CurrencyAmountV0 {
  CurrencyCode?: string;
  CurrencyAmount?: number;
}
interface ChargeV0 {
  ChargeType?: string;
  ChargeAmount?: CurrencyAmountV0;
}
interface FeeV0 {
  FeeType?: string;
  FeeAmount?: CurrencyAmountV0;
}
interface PromotionV0 {
  PromotionType?: string;
  PromotionId?: string;
  PromotionAmount?: CurrencyAmountV0;
}
interface ShipmentItemV0 {
  SellerSKU?: string;
  OrderItemId?: string;
  OrderAdjustmentItemId?: string;
  QuantityShipped?: number;
  ItemChargeList?: ChargeV0[];
  ItemChargeAdjustmentList?: ChargeV0[];
  ItemFeeList?: FeeV0[];
  ItemFeeAdjustmentList?: FeeV0[];
  ItemTaxWithheldList?: { TaxCollectionModel?: string; TaxesWithheld?: ChargeV0[] }[];
  PromotionList?: PromotionV0[];
  PromotionAdjustmentList?: PromotionV0[];
}
export interface ShipmentEventV0 {
  AmazonOrderId?: string;
  SellerOrderId?: string;
  MarketplaceName?: string;
  PostedDate?: string;
  OrderChargeList?: ChargeV0[];
  OrderChargeAdjustmentList?: ChargeV0[];
  ShipmentFeeList?: FeeV0[];
  ShipmentFeeAdjustmentList?: FeeV0[];
  OrderFeeList?: FeeV0[];
  OrderFeeAdjustmentList?: FeeV0[];
  ShipmentItemList?: ShipmentItemV0[];
  ShipmentItemAdjustmentList?: ShipmentItemV0[];
}
export interface ServiceFeeEventV0 {
  AmazonOrderId?: string;
  FeeReason?: string;
  FeeList?: FeeV0[];
  SellerSKU?: string;
  FnSKU?: string;
  FeeDescription?: string;
  ASIN?: string;
}
export interface AdjustmentEventV0 {
  AdjustmentType?: string;
  PostedDate?: string;
  AdjustmentAmount?: CurrencyAmountV0;
  AdjustmentItemList?: {
    Quantity?: string;
    PerUnitAmount?: CurrencyAmountV0;
    TotalAmount?: CurrencyAmountV0;
    SellerSKU?: string;
    FnSKU?: string;
    ProductDescription?: string;
    ASIN?: string;
    TransactionNumber?: string;
  }[];
}
export type FinancialEventsV0 = Record<string, unknown[] | undefined> & {
  ShipmentEventList?: ShipmentEventV0[];
  RefundEventList?: ShipmentEventV0[];
  GuaranteeClaimEventList?: ShipmentEventV0[];
  ChargebackEventList?: ShipmentEventV0[];
  ServiceFeeEventList?: ServiceFeeEventV0[];
  AdjustmentEventList?: AdjustmentEventV0[];
};

export interface FinanceLineRecord {
  lineKey: string;
  eventType: FinanceEventType;
  postedAt: number;
  postedAtEstimated: boolean;
  marketplaceId: string | null;
  amazonOrderId: string | null;
  sellerSku: string | null;
  orderItemId: string | null;
  adjustmentId: string | null;
  lineKind: FinanceLineKind;
  chargeType: string;
  currency: string;
  amountMinor: bigint;
  quantity: number | null;
}

export interface MapContext {
  marketplaces: readonly Marketplace[];
  /** Posting time of events Amazon gives none for (service fees): the end of the window they were read in. */
  windowEnd: number;
}

export interface MappedEvents {
  lines: FinanceLineRecord[];
  /** Problems that did not stop the page: unknown lists with events, unreadable amounts. */
  warnings: string[];
}

const SHIPMENT_LIKE: [string, FinanceEventType][] = [
  ['ShipmentEventList', 'Shipment'],
  ['RefundEventList', 'Refund'],
  ['GuaranteeClaimEventList', 'GuaranteeClaim'],
  ['ChargebackEventList', 'Chargeback'],
];
const KNOWN = new Set([...SHIPMENT_LIKE.map(([l]) => l), 'ServiceFeeEventList', 'AdjustmentEventList']);

function lineKey(parts: readonly (string | number | null | undefined)[]): string {
  return createHash('sha256')
    .update(parts.map((p) => p ?? '').join('|'))
    .digest('base64url')
    .slice(0, 32);
}

/** The store's marketplace of an event: by its marketplace name, else the only marketplace with its currency. */
function marketplaceOf(ctx: MapContext, name: string | undefined, currency: string | null): string | null {
  if (name) {
    const m = findMarketplaceBySalesChannel(name);
    if (m && ctx.marketplaces.some((x) => x.marketplaceId === m.marketplaceId)) return m.marketplaceId;
  }
  if (currency) {
    const same = ctx.marketplaces.filter((m) => m.currency === currency);
    if (same.length === 1) return same[0]!.marketplaceId;
  }
  return null;
}

/** Flattens one page of `FinancialEvents`. */
export function mapFinancialEvents(events: FinancialEventsV0 | undefined, ctx: MapContext): MappedEvents {
  const out: MappedEvents = { lines: [], warnings: [] };
  if (!events) return out;
  for (const [list, type] of SHIPMENT_LIKE)
    for (const e of (events[list] as ShipmentEventV0[] | undefined) ?? []) mapShipmentLike(e, type, ctx, out);
  // Service fees carry no posting time: identical fees read in one window are told apart by their occurrence.
  const seen = new Map<string, number>();
  for (const e of events.ServiceFeeEventList ?? []) mapServiceFee(e, ctx, out, seen);
  for (const e of events.AdjustmentEventList ?? []) mapAdjustment(e, ctx, out);
  for (const [list, value] of Object.entries(events))
    if (!KNOWN.has(list) && Array.isArray(value) && value.length > 0)
      out.warnings.push(`${value.length} ${list} events are not stored (not supported yet)`);
  return out;
}

type Pending = Omit<FinanceLineRecord, 'lineKey' | 'marketplaceId' | 'currency' | 'amountMinor'> & {
  amount: CurrencyAmountV0 | undefined;
  keyId: string | null;
};

function emit(out: MappedEvents, ctx: MapContext, marketplaceName: string | undefined, lines: Pending[]): void {
  lines.forEach((l, position) => {
    const currency = l.amount?.CurrencyCode ?? '';
    const value = l.amount?.CurrencyAmount;
    let minor: bigint | null = null;
    try {
      minor = /^[A-Z]{3}$/.test(currency) && value !== undefined ? decimalToMinor(value, currency) : null;
    } catch {
      minor = null;
    }
    if (minor === null) {
      out.warnings.push(
        `${l.eventType} ${l.amazonOrderId ?? ''} ${l.chargeType}: unreadable amount ${JSON.stringify(l.amount)}`,
      );
      return;
    }
    const { amount: _a, keyId, ...rest } = l;
    out.lines.push({
      ...rest,
      lineKey: lineKey([l.eventType, l.amazonOrderId, keyId, l.postedAt, `${l.lineKind}:${l.chargeType}`, position]),
      marketplaceId: marketplaceOf(ctx, marketplaceName, currency),
      currency,
      amountMinor: minor,
    });
  });
}

function mapShipmentLike(e: ShipmentEventV0, type: FinanceEventType, ctx: MapContext, out: MappedEvents): void {
  const posted = e.PostedDate ? Date.parse(e.PostedDate) : Number.NaN;
  const estimated = Number.isNaN(posted);
  const postedAt = estimated ? ctx.windowEnd : posted;
  const orderId = e.AmazonOrderId ?? null;
  const lines: Pending[] = [];
  const base = (kind: FinanceLineKind, chargeType: string, amount: CurrencyAmountV0 | undefined) => ({
    eventType: type,
    postedAt,
    postedAtEstimated: estimated,
    amazonOrderId: orderId,
    lineKind: kind,
    chargeType,
    amount,
  });
  const orderLevel = (kind: FinanceLineKind, xs: (ChargeV0 | FeeV0)[] | undefined) => {
    for (const x of xs ?? []) {
      const f = x as FeeV0 & ChargeV0;
      const [t, a] = kind === 'Fee' ? [f.FeeType, f.FeeAmount] : [f.ChargeType, f.ChargeAmount];
      lines.push({
        ...base(kind, t ?? 'Unknown', a),
        sellerSku: null,
        orderItemId: null,
        adjustmentId: null,
        quantity: null,
        keyId: null,
      });
    }
  };
  orderLevel('Charge', e.OrderChargeList);
  orderLevel('Charge', e.OrderChargeAdjustmentList);
  orderLevel('Fee', e.ShipmentFeeList);
  orderLevel('Fee', e.ShipmentFeeAdjustmentList);
  orderLevel('Fee', e.OrderFeeList);
  orderLevel('Fee', e.OrderFeeAdjustmentList);
  for (const item of [...(e.ShipmentItemList ?? []), ...(e.ShipmentItemAdjustmentList ?? [])]) {
    const common = {
      sellerSku: item.SellerSKU ?? null,
      orderItemId: item.OrderItemId ?? null,
      adjustmentId: item.OrderAdjustmentItemId ?? null,
      quantity: typeof item.QuantityShipped === 'number' ? item.QuantityShipped : null,
      keyId: item.OrderAdjustmentItemId ?? item.OrderItemId ?? null,
    };
    for (const c of [...(item.ItemChargeList ?? []), ...(item.ItemChargeAdjustmentList ?? [])])
      lines.push({ ...base('Charge', c.ChargeType ?? 'Unknown', c.ChargeAmount), ...common });
    for (const f of [...(item.ItemFeeList ?? []), ...(item.ItemFeeAdjustmentList ?? [])])
      lines.push({ ...base('Fee', f.FeeType ?? 'Unknown', f.FeeAmount), ...common });
    for (const p of [...(item.PromotionList ?? []), ...(item.PromotionAdjustmentList ?? [])])
      lines.push({
        ...base('Promotion', p.PromotionId ?? p.PromotionType ?? 'Promotion', p.PromotionAmount),
        ...common,
      });
    for (const w of item.ItemTaxWithheldList ?? [])
      for (const c of w.TaxesWithheld ?? [])
        lines.push({ ...base('WithheldTax', c.ChargeType ?? 'Unknown', c.ChargeAmount), ...common });
  }
  emit(out, ctx, e.MarketplaceName, lines);
}

function mapServiceFee(e: ServiceFeeEventV0, ctx: MapContext, out: MappedEvents, seen: Map<string, number>): void {
  const content = JSON.stringify([e.AmazonOrderId, e.FeeReason, e.SellerSKU, e.FnSKU, e.FeeDescription, e.FeeList]);
  const occurrence = seen.get(content) ?? 0;
  seen.set(content, occurrence + 1);
  const lines: Pending[] = (e.FeeList ?? []).map((f) => ({
    eventType: 'ServiceFee',
    postedAt: ctx.windowEnd,
    postedAtEstimated: true,
    amazonOrderId: e.AmazonOrderId ?? null,
    sellerSku: e.SellerSKU ?? null,
    orderItemId: null,
    adjustmentId: null,
    lineKind: 'Fee',
    chargeType: f.FeeType ?? e.FeeReason ?? 'ServiceFee',
    quantity: null,
    amount: f.FeeAmount,
    keyId: e.FnSKU ?? e.ASIN ?? null,
  }));
  // The key cannot hold the (unknown) posting time: it holds the event's content and its occurrence instead.
  const before = out.lines.length;
  emit(out, ctx, undefined, lines);
  for (let i = before; i < out.lines.length; i++) {
    const l = out.lines[i]!;
    l.lineKey = lineKey(['ServiceFee', content, occurrence, l.chargeType, i - before]);
  }
}

function mapAdjustment(e: AdjustmentEventV0, ctx: MapContext, out: MappedEvents): void {
  const posted = e.PostedDate ? Date.parse(e.PostedDate) : Number.NaN;
  const estimated = Number.isNaN(posted);
  const postedAt = estimated ? ctx.windowEnd : posted;
  const type = e.AdjustmentType ?? 'Adjustment';
  const items = e.AdjustmentItemList ?? [];
  const lines: Pending[] =
    items.length > 0
      ? items.map((it) => {
          const q = Number(it.Quantity);
          return {
            eventType: 'Adjustment' as const,
            postedAt,
            postedAtEstimated: estimated,
            amazonOrderId: null,
            sellerSku: it.SellerSKU ?? null,
            orderItemId: null,
            adjustmentId: it.TransactionNumber ?? null,
            lineKind: 'Adjustment' as const,
            chargeType: type,
            quantity: Number.isInteger(q) ? q : null,
            amount: it.TotalAmount,
            keyId: it.TransactionNumber ?? it.FnSKU ?? it.SellerSKU ?? null,
          };
        })
      : [
          {
            eventType: 'Adjustment',
            postedAt,
            postedAtEstimated: estimated,
            amazonOrderId: null,
            sellerSku: null,
            orderItemId: null,
            adjustmentId: null,
            lineKind: 'Adjustment',
            chargeType: type,
            quantity: null,
            amount: e.AdjustmentAmount,
            keyId: null,
          },
        ];
  emit(out, ctx, undefined, lines);
}
