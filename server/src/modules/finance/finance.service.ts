import type { Readable } from 'node:stream';
import type {
  FinanceEventLineDto,
  FinanceEventType,
  FinanceLineKind,
  ListFinanceEventsQuery,
  ListReimbursementsQuery,
  ListSettlementsQuery,
  ListStorageFeesQuery,
  OrderFeesDto,
  ReimbursementDto,
  SettlementDetailDto,
  SettlementDto,
  StorageFeeDto,
} from '@yangfan/contracts';
import { type Principal, scopeAllowsStore, scopeFilterOf } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { AnyKysely } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/errors.js';
import { type ExportFormat, streamTable } from '../../platform/files/export.js';
import { formatMoney, money } from '../../platform/money.js';
import type { StoresService } from '../stores/index.js';
import * as repo from './finance.repository.js';
import type { FinanceEventLineTable, SettlementLineTable, SettlementTable } from './finance.tables.js';

export interface FinanceDeps {
  db: AnyKysely;
  clock: Clock;
  stores: StoresService;
}

const fmt = (minor: number | bigint, currency: string) => formatMoney(money(minor, currency));

function toLineDto(r: FinanceEventLineTable, storeName: string): FinanceEventLineDto {
  return {
    id: r.id,
    storeId: r.storeId,
    storeName,
    marketplaceId: r.marketplaceId,
    eventType: r.eventType as FinanceEventType,
    postedAt: r.postedAt,
    postedDate: r.postedDate,
    postedAtEstimated: r.postedAtEstimated === 1,
    amazonOrderId: r.amazonOrderId,
    sellerSku: r.sellerSku,
    orderItemId: r.orderItemId,
    adjustmentId: r.adjustmentId,
    lineKind: r.lineKind as FinanceLineKind,
    chargeType: r.chargeType,
    currency: r.currency,
    amount: fmt(r.amountMinor, r.currency),
    quantity: r.quantity,
  };
}

function toSettlementDto(s: SettlementTable, storeName: string): SettlementDto {
  return {
    id: s.id,
    storeId: s.storeId,
    storeName,
    marketplaceId: s.marketplaceId,
    settlementId: s.settlementId,
    startAt: s.startAt,
    endAt: s.endAt,
    depositAt: s.depositAt,
    depositDate: s.depositDate,
    currency: s.currency,
    total: fmt(s.totalMinor, s.currency),
    lines: s.lineCount,
    source: s.source as SettlementDto['source'],
    reportId: s.reportId,
    importedAt: s.importedAt,
  };
}

function toSettlementLineDto(l: SettlementLineTable, currency: string) {
  return {
    lineNo: l.lineNo,
    transactionType: l.transactionType,
    orderId: l.orderId,
    adjustmentId: l.adjustmentId,
    shipmentId: l.shipmentId,
    amountType: l.amountType,
    amountDescription: l.amountDescription,
    amount: fmt(l.amountMinor, currency),
    fulfillmentId: l.fulfillmentId,
    postedAt: l.postedAt,
    postedDate: l.postedDate,
    orderItemCode: l.orderItemCode,
    sku: l.sku,
    quantity: l.quantity,
    promotionId: l.promotionId,
  };
}

const EVENT_COLUMNS = [
  'store',
  'marketplace_id',
  'posted_date',
  'posted_time_utc',
  'event_type',
  'amazon_order_id',
  'seller_sku',
  'order_item_id',
  'adjustment_id',
  'line_kind',
  'charge_type',
  'currency',
  'amount',
  'quantity',
];
const SETTLEMENT_COLUMNS = [
  'store',
  'marketplace_id',
  'settlement_id',
  'start_utc',
  'end_utc',
  'deposit_date',
  'currency',
  'total',
  'lines',
];

/** Financial events, order fees and settlements across the stores a user may see. */
export function createFinanceService(deps: FinanceDeps) {
  const { db, stores } = deps;
  function scoped<Q extends { storeId?: string | undefined }>(p: Principal, q: Q) {
    const scope = scopeFilterOf(p);
    if (q.storeId && !scopeAllowsStore(scope, q.storeId))
      throw new AppError('FORBIDDEN', 'This store is outside your data scope', { storeId: q.storeId });
    return { ...q, storeIds: scope.storeIds, marketplaceIds: scope.marketplaceIds };
  }
  return {
    async listEvents(p: Principal, q: ListFinanceEventsQuery): Promise<{ rows: FinanceEventLineDto[]; total: number }> {
      const { limit, offset, sort, ...rest } = q;
      const [names, page] = await Promise.all([
        stores.namesOf(p.companyId),
        repo.listEventLines(db, p.companyId, scoped(p, rest), { limit, offset, sort }),
      ]);
      return { rows: page.rows.map((r) => toLineDto(r, names.get(r.storeId) ?? r.storeId)), total: page.total };
    },

    /** The fee and charge lines of one order (in the caller's scope), grouped by order item. */
    async orderFees(p: Principal, amazonOrderId: string): Promise<OrderFeesDto> {
      const scope = scopeFilterOf(p);
      const all = await repo.eventLinesOfOrder(db, p.companyId, amazonOrderId);
      const rows = all.filter((r) => scopeAllowsStore(scope, r.storeId, r.marketplaceId ?? undefined));
      if (all.length > 0 && rows.length === 0) throw notFound('Order', amazonOrderId);
      const names = await stores.namesOf(p.companyId);
      const currency = rows[0]?.currency ?? null;
      const sum = (xs: FinanceEventLineTable[]) => xs.reduce((s, r) => s + BigInt(r.amountMinor), 0n);
      const kindOrder = ['Charge', 'Promotion', 'Fee', 'WithheldTax', 'Adjustment'];
      rows.sort(
        (a, b) =>
          (a.orderItemId ?? '').localeCompare(b.orderItemId ?? '') ||
          a.postedAt - b.postedAt ||
          kindOrder.indexOf(a.lineKind) - kindOrder.indexOf(b.lineKind) ||
          a.chargeType.localeCompare(b.chargeType),
      );
      const groups = new Map<string, FinanceEventLineTable[]>();
      for (const r of rows) {
        const k = `${r.orderItemId ?? ''}|${r.sellerSku ?? ''}`;
        groups.set(k, [...(groups.get(k) ?? []), r]);
      }
      const kinds = new Map<FinanceLineKind, bigint>();
      for (const r of rows)
        kinds.set(
          r.lineKind as FinanceLineKind,
          (kinds.get(r.lineKind as FinanceLineKind) ?? 0n) + BigInt(r.amountMinor),
        );
      return {
        amazonOrderId,
        currency,
        items: [...groups.values()].map((g) => ({
          orderItemId: g[0]!.orderItemId,
          sellerSku: g[0]!.sellerSku,
          lines: g.map((r) => toLineDto(r, names.get(r.storeId) ?? r.storeId)),
          net: currency ? fmt(sum(g), currency) : '0',
        })),
        totals: [...kinds].map(([lineKind, v]) => ({ lineKind, amount: currency ? fmt(v, currency) : '0' })),
        net: currency ? fmt(sum(rows), currency) : '0',
      };
    },

    async listSettlements(p: Principal, q: ListSettlementsQuery): Promise<{ rows: SettlementDto[]; total: number }> {
      const { limit, offset, sort, ...rest } = q;
      const [names, page] = await Promise.all([
        stores.namesOf(p.companyId),
        repo.listSettlements(db, p.companyId, scoped(p, rest), { limit, offset, sort }),
      ]);
      return { rows: page.rows.map((r) => toSettlementDto(r, names.get(r.storeId) ?? r.storeId)), total: page.total };
    },

    /** One settlement (Yangfan id or Amazon settlement id) with its lines and totals by type. */
    async getSettlement(p: Principal, id: string): Promise<SettlementDetailDto> {
      const { settlement, lines } = await repo.getSettlement(db, p.companyId, id);
      if (!scopeAllowsStore(scopeFilterOf(p), settlement.storeId, settlement.marketplaceId ?? undefined))
        throw notFound('Settlement', id);
      const names = await stores.namesOf(p.companyId);
      const byType = new Map<string, { transactionType: string; amountType: string; minor: bigint; lines: number }>();
      for (const l of lines) {
        const k = `${l.transactionType}|${l.amountType}`;
        const g = byType.get(k) ?? {
          transactionType: l.transactionType,
          amountType: l.amountType,
          minor: 0n,
          lines: 0,
        };
        g.minor += BigInt(l.amountMinor);
        g.lines++;
        byType.set(k, g);
      }
      return {
        ...toSettlementDto(settlement, names.get(settlement.storeId) ?? settlement.storeId),
        lineItems: lines.map((l) => toSettlementLineDto(l, settlement.currency)),
        byType: [...byType.values()].map((g) => ({
          transactionType: g.transactionType,
          amountType: g.amountType,
          amount: fmt(g.minor, settlement.currency),
          lines: g.lines,
        })),
      };
    },

    /** FBA reimbursements (approval dates marketplace-local). Reimbursement files carry no marketplace: store scope only. */
    async listReimbursements(
      p: Principal,
      q: ListReimbursementsQuery,
    ): Promise<{ rows: ReimbursementDto[]; total: number }> {
      const { limit, offset, sort, ...rest } = q;
      const [names, page] = await Promise.all([
        stores.namesOf(p.companyId),
        repo.listReimbursements(db, p.companyId, scoped(p, rest), { limit, offset, sort }),
      ]);
      return {
        rows: page.rows.map((r) => ({
          id: r.id,
          storeId: r.storeId,
          storeName: names.get(r.storeId) ?? r.storeId,
          reimbursementId: r.reimbursementId,
          approvalAt: r.approvalAt,
          approvalDate: r.approvalDate,
          caseId: r.caseId,
          amazonOrderId: r.amazonOrderId,
          reason: r.reason,
          sku: r.sku,
          fnsku: r.fnsku,
          asin: r.asin,
          productName: r.productName,
          condition: r.condition,
          currency: r.currency,
          amountPerUnit: fmt(r.amountPerUnitMinor, r.currency),
          amountTotal: fmt(r.amountTotalMinor, r.currency),
          quantityCash: r.quantityCash,
          quantityInventory: r.quantityInventory,
          quantityTotal: r.quantityTotal,
        })),
        total: page.total,
      };
    },

    /** Monthly FBA storage fees per FNSKU and fulfillment center. */
    async listStorageFees(p: Principal, q: ListStorageFeesQuery): Promise<{ rows: StorageFeeDto[]; total: number }> {
      const { limit, offset, sort, ...rest } = q;
      const [names, page] = await Promise.all([
        stores.namesOf(p.companyId),
        repo.listStorageFees(db, p.companyId, scoped(p, rest), { limit, offset, sort }),
      ]);
      return {
        rows: page.rows.map((r) => ({
          id: r.id,
          storeId: r.storeId,
          storeName: names.get(r.storeId) ?? r.storeId,
          monthOfCharge: r.monthOfCharge,
          fnsku: r.fnsku,
          asin: r.asin,
          productName: r.productName,
          fulfillmentCenter: r.fulfillmentCenter,
          countryCode: r.countryCode,
          productSizeTier: r.productSizeTier,
          averageQuantityOnHand: r.averageQuantityOnHand,
          itemVolume: r.itemVolume,
          volumeUnits: r.volumeUnits,
          storageRate: r.storageRate,
          currency: r.currency,
          fee: fmt(r.feeMinor, r.currency),
        })),
        total: page.total,
      };
    },

    /** Every event line of a filter as xlsx or CSV, streamed page by page. */
    exportEvents(p: Principal, q: ListFinanceEventsQuery, format: ExportFormat): Readable {
      const { limit: _l, offset: _o, sort, ...rest } = q;
      const filter = scoped(p, rest);
      async function* pages() {
        const names = await stores.namesOf(p.companyId);
        for (let offset = 0; ; offset += 2000) {
          const page = await repo.listEventLines(db, p.companyId, filter, { limit: 2000, offset, sort });
          yield page.rows.map((r) => ({
            store: names.get(r.storeId) ?? r.storeId,
            marketplace_id: r.marketplaceId ?? '',
            posted_date: r.postedDate,
            posted_time_utc: new Date(r.postedAt).toISOString(),
            event_type: r.eventType,
            amazon_order_id: r.amazonOrderId ?? '',
            seller_sku: r.sellerSku ?? '',
            order_item_id: r.orderItemId ?? '',
            adjustment_id: r.adjustmentId ?? '',
            line_kind: r.lineKind,
            charge_type: r.chargeType,
            currency: r.currency,
            amount: fmt(r.amountMinor, r.currency),
            quantity: r.quantity ?? '',
          }));
          if (page.rows.length < 2000) return;
        }
      }
      return streamTable(format, 'financial events', EVENT_COLUMNS, pages());
    },

    /** Every settlement of a filter as xlsx or CSV. */
    exportSettlements(p: Principal, q: ListSettlementsQuery, format: ExportFormat): Readable {
      const { limit: _l, offset: _o, sort, ...rest } = q;
      const filter = scoped(p, rest);
      async function* pages() {
        const names = await stores.namesOf(p.companyId);
        for (let offset = 0; ; offset += 2000) {
          const page = await repo.listSettlements(db, p.companyId, filter, { limit: 2000, offset, sort });
          yield page.rows.map((s) => ({
            store: names.get(s.storeId) ?? s.storeId,
            marketplace_id: s.marketplaceId ?? '',
            settlement_id: s.settlementId,
            start_utc: new Date(s.startAt).toISOString(),
            end_utc: new Date(s.endAt).toISOString(),
            deposit_date: s.depositDate ?? '',
            currency: s.currency,
            total: fmt(s.totalMinor, s.currency),
            lines: s.lineCount,
          }));
          if (page.rows.length < 2000) return;
        }
      }
      return streamTable(format, 'settlements', SETTLEMENT_COLUMNS, pages());
    },
  };
}

export type FinanceService = ReturnType<typeof createFinanceService>;
