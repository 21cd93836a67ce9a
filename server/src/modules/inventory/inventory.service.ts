import type { Readable } from 'node:stream';
import type {
  CustomerReturnDto,
  FbaStockDto,
  FbaStockListDto,
  LedgerEventDto,
  LedgerListDto,
  ListFbaStockQuery,
  ListLedgerQuery,
  ListReturnsQuery,
  ReturnsListDto,
  StockHistoryDto,
} from '@yangfan/contracts';
import { type Principal, scopeAllowsStore, scopeFilterOf } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { AnyKysely } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { type ExportFormat, streamTable } from '../../platform/files/export.js';
import type { StoresService } from '../stores/index.js';
import * as repo from './inventory.repository.js';
import type { FbaCustomerReturnTable, FbaInventoryTable, FbaLedgerEventTable } from './inventory.tables.js';

export interface InventoryDeps {
  db: AnyKysely;
  clock: Clock;
  stores: StoresService;
}

type Source = FbaStockDto['source'];
const num = (v: number | string | null) => (v === null ? null : Number(v));

function toStockDto(r: FbaInventoryTable, storeName: string): FbaStockDto {
  return {
    id: r.id,
    storeId: r.storeId,
    storeName,
    marketplaceId: r.marketplaceId,
    sellerSku: r.sellerSku,
    fnsku: r.fnsku,
    asin: r.asin,
    productName: r.productName,
    condition: r.condition,
    fulfillable: r.fulfillable,
    inboundWorking: r.inboundWorking,
    inboundShipped: r.inboundShipped,
    inboundReceiving: r.inboundReceiving,
    reserved: r.reserved,
    unfulfillable: r.unfulfillable,
    researching: r.researching,
    total: r.total,
    amazonUpdatedAt: num(r.amazonUpdatedAt),
    source: r.source as Source,
    syncedAt: Number(r.syncedAt),
  };
}

function toLedgerDto(r: FbaLedgerEventTable, storeName: string): LedgerEventDto {
  return {
    id: r.id,
    storeId: r.storeId,
    storeName,
    marketplaceId: r.marketplaceId,
    date: r.eventDate,
    fnsku: r.fnsku,
    asin: r.asin,
    sellerSku: r.sellerSku,
    title: r.title,
    eventType: r.eventType,
    referenceId: r.referenceId,
    quantity: r.quantity,
    fulfillmentCenter: r.fulfillmentCenter,
    disposition: r.disposition,
    reason: r.reason,
    country: r.country,
    reconciledQuantity: r.reconciledQuantity,
    unreconciledQuantity: r.unreconciledQuantity,
    source: r.source as Source,
  };
}

function toReturnDto(r: FbaCustomerReturnTable, storeName: string): CustomerReturnDto {
  return {
    id: r.id,
    storeId: r.storeId,
    storeName,
    marketplaceId: r.marketplaceId,
    returnAt: Number(r.returnAt),
    returnDate: r.returnDate,
    amazonOrderId: r.amazonOrderId,
    sellerSku: r.sellerSku,
    asin: r.asin,
    fnsku: r.fnsku,
    productName: r.productName,
    quantity: r.quantity,
    fulfillmentCenter: r.fulfillmentCenter,
    disposition: r.disposition,
    reason: r.reason,
    status: r.status,
    licensePlateNumber: r.licensePlateNumber,
    customerComments: r.customerComments,
    source: r.source as Source,
  };
}

const STOCK_EXPORT_COLUMNS = [
  'store',
  'marketplace_id',
  'seller_sku',
  'fnsku',
  'asin',
  'product_name',
  'condition',
  'fulfillable',
  'inbound_working',
  'inbound_shipped',
  'inbound_receiving',
  'reserved',
  'unfulfillable',
  'researching',
  'total',
  'amazon_updated_utc',
];

/** FBA stock, its history, the ledger and returns across the stores a user may see. */
export function createInventoryService(deps: InventoryDeps) {
  const { db, stores } = deps;
  function scopeOf(p: Principal, storeId: string | undefined): repo.ScopeFilter {
    const scope = scopeFilterOf(p);
    if (storeId && !scopeAllowsStore(scope, storeId))
      throw new AppError('FORBIDDEN', 'This store is outside your data scope', { storeId });
    return { storeIds: scope.storeIds, marketplaceIds: scope.marketplaceIds };
  }
  return {
    async listStock(p: Principal, q: ListFbaStockQuery): Promise<FbaStockListDto> {
      const { limit, offset, sort, ...rest } = q;
      const [names, page] = await Promise.all([
        stores.namesOf(p.companyId),
        repo.listStock(db, p.companyId, { ...rest, ...scopeOf(p, q.storeId) }, { limit, offset, sort }),
      ]);
      return {
        rows: page.rows.map((r) => toStockDto(r, names.get(r.storeId) ?? r.storeId)),
        total: page.total,
        totals: page.totals,
      };
    },
    async history(
      p: Principal,
      sku: string,
      q: { storeId?: string | undefined; marketplaceId?: string | undefined; from?: string; to?: string },
    ): Promise<StockHistoryDto> {
      const rows = await repo.stockHistory(
        db,
        p.companyId,
        { ...scopeOf(p, q.storeId), storeId: q.storeId, marketplaceId: q.marketplaceId },
        sku,
        q.from,
        q.to,
      );
      return {
        sellerSku: sku,
        snapshots: rows.map((r) => ({
          storeId: r.storeId,
          marketplaceId: r.marketplaceId,
          date: r.snapshotDate,
          capturedAt: Number(r.capturedAt),
          fulfillable: r.fulfillable,
          inboundWorking: r.inboundWorking,
          inboundShipped: r.inboundShipped,
          inboundReceiving: r.inboundReceiving,
          reserved: r.reserved,
          unfulfillable: r.unfulfillable,
          researching: r.researching,
          total: r.total,
        })),
      };
    },
    async ledger(p: Principal, q: ListLedgerQuery): Promise<LedgerListDto> {
      const { limit, offset, sort, ...rest } = q;
      const [names, page] = await Promise.all([
        stores.namesOf(p.companyId),
        repo.listLedger(db, p.companyId, { ...rest, ...scopeOf(p, q.storeId) }, { limit, offset, sort }),
      ]);
      return {
        rows: page.rows.map((r) => toLedgerDto(r, names.get(r.storeId) ?? r.storeId)),
        total: page.total,
        byType: page.byType,
      };
    },
    async returns(p: Principal, q: ListReturnsQuery): Promise<ReturnsListDto> {
      const { limit, offset, sort, ...rest } = q;
      const [names, page] = await Promise.all([
        stores.namesOf(p.companyId),
        repo.listReturns(db, p.companyId, { ...rest, ...scopeOf(p, q.storeId) }, { limit, offset, sort }),
      ]);
      return {
        rows: page.rows.map((r) => toReturnDto(r, names.get(r.storeId) ?? r.storeId)),
        total: page.total,
        units: page.units,
        byReason: page.byReason,
      };
    },
    /** The stock list of a filter as xlsx or CSV, streamed page by page. */
    exportStock(p: Principal, q: ListFbaStockQuery, format: ExportFormat): Readable {
      const { limit: _l, offset: _o, sort, ...rest } = q;
      const filter = { ...rest, ...scopeOf(p, q.storeId) };
      async function* pages() {
        const names = await stores.namesOf(p.companyId);
        for (let offset = 0; ; offset += 2000) {
          const page = await repo.listStock(db, p.companyId, filter, { limit: 2000, offset, sort });
          yield page.rows.map((r) => ({
            store: names.get(r.storeId) ?? r.storeId,
            marketplace_id: r.marketplaceId,
            seller_sku: r.sellerSku,
            fnsku: r.fnsku ?? '',
            asin: r.asin ?? '',
            product_name: r.productName ?? '',
            condition: r.condition ?? '',
            fulfillable: r.fulfillable,
            inbound_working: r.inboundWorking,
            inbound_shipped: r.inboundShipped,
            inbound_receiving: r.inboundReceiving,
            reserved: r.reserved,
            unfulfillable: r.unfulfillable,
            researching: r.researching,
            total: r.total,
            amazon_updated_utc: r.amazonUpdatedAt === null ? '' : new Date(Number(r.amazonUpdatedAt)).toISOString(),
          }));
          if (page.rows.length < 2000) return;
        }
      }
      return streamTable(format, 'fba-inventory', STOCK_EXPORT_COLUMNS, pages());
    },
  };
}

export type InventoryService = ReturnType<typeof createInventoryService>;
