import type { Readable } from 'node:stream';
import type { ListOrdersQuery, OrderDetailDto, OrderDto, OrderStatsDto, OrderStatus } from '@yangfan/contracts';
import { type Principal, scopeAllowsStore, scopeFilterOf } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { AnyKysely } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/errors.js';
import { type ExportFormat, streamTable } from '../../platform/files/export.js';
import { formatMoney, money } from '../../platform/money.js';
import type { StoresService } from '../stores/index.js';
import * as repo from './orders.repository.js';
import type { AmazonOrderItemTable, AmazonOrderTable } from './orders.tables.js';

export interface OrdersDeps {
  db: AnyKysely;
  clock: Clock;
  stores: StoresService;
}

const fmt = (minor: number, currency: string) => formatMoney(money(minor, currency));

function toOrderDto(r: AmazonOrderTable, storeName: string): OrderDto {
  return {
    id: r.id,
    storeId: r.storeId,
    storeName,
    marketplaceId: r.marketplaceId,
    amazonOrderId: r.amazonOrderId,
    purchaseAt: r.purchaseAt,
    purchaseDate: r.purchaseDate,
    lastUpdatedAt: r.lastUpdatedAt,
    status: r.status as OrderStatus,
    fulfillmentChannel: r.fulfillmentChannel as OrderDto['fulfillmentChannel'],
    salesChannel: r.salesChannel,
    serviceLevel: r.serviceLevel,
    isPrime: r.isPrime === 1,
    isBusiness: r.isBusiness === 1,
    currency: r.currency,
    total: fmt(r.totalMinor, r.currency),
    units: r.units,
    skus: JSON.parse(r.skus) as string[],
    shipCity: r.shipCity,
    shipRegion: r.shipRegion,
    shipPostalCode: r.shipPostalCode,
    shipCountry: r.shipCountry,
    source: r.source as OrderDto['source'],
    syncedAt: r.syncedAt,
  };
}

function toItemDto(i: AmazonOrderItemTable, currency: string) {
  const total = i.itemPriceMinor + i.shippingPriceMinor + i.discountMinor + i.taxMinor;
  return {
    id: i.id,
    orderItemId: i.orderItemId,
    asin: i.asin,
    sellerSku: i.sellerSku,
    title: i.title,
    quantity: i.quantity,
    quantityShipped: i.quantityShipped,
    itemPrice: fmt(i.itemPriceMinor, currency),
    shippingPrice: fmt(i.shippingPriceMinor, currency),
    discount: fmt(i.discountMinor, currency),
    tax: fmt(i.taxMinor, currency),
    total: fmt(total, currency),
    promotionIds: JSON.parse(i.promotionIds) as string[],
  };
}

const EXPORT_COLUMNS = [
  'store',
  'marketplace_id',
  'amazon_order_id',
  'purchase_date',
  'purchase_time_utc',
  'status',
  'fulfillment_channel',
  'currency',
  'total',
  'units',
  'skus',
  'ship_country',
  'ship_region',
  'ship_city',
  'is_prime',
  'is_business',
];

/** Orders across the stores a user may see: list, detail, stats, export. */
export function createOrdersService(deps: OrdersDeps) {
  const { db, stores } = deps;
  function filterOf(p: Principal, q: Omit<ListOrdersQuery, 'limit' | 'offset' | 'sort'>): repo.OrderFilter {
    const scope = scopeFilterOf(p);
    if (q.storeId && !scopeAllowsStore(scope, q.storeId))
      throw new AppError('FORBIDDEN', 'This store is outside your data scope', { storeId: q.storeId });
    return { ...q, storeIds: scope.storeIds, marketplaceIds: scope.marketplaceIds };
  }
  return {
    async list(p: Principal, q: ListOrdersQuery): Promise<{ rows: OrderDto[]; total: number }> {
      const { limit, offset, sort, ...rest } = q;
      const [names, page] = await Promise.all([
        stores.namesOf(p.companyId),
        repo.listOrders(db, p.companyId, filterOf(p, rest), { limit, offset, sort }),
      ]);
      return { rows: page.rows.map((r) => toOrderDto(r, names.get(r.storeId) ?? r.storeId)), total: page.total };
    },
    async stats(p: Principal, q: Omit<ListOrdersQuery, 'limit' | 'offset' | 'sort'>): Promise<OrderStatsDto> {
      const s = await repo.orderStats(db, p.companyId, filterOf(p, q));
      return {
        ...s,
        revenue: s.revenue.map((r) => ({ currency: r.currency, total: formatMoney(money(r.totalMinor, r.currency)) })),
      };
    },
    /** One order by Yangfan id or Amazon order id, with its lines and status history. */
    async get(p: Principal, id: string): Promise<OrderDetailDto> {
      const { order, items, history } = await repo.getOrder(db, p.companyId, id);
      // Out of scope reads as not found: the order's existence is itself data of that store.
      if (!scopeAllowsStore(scopeFilterOf(p), order.storeId, order.marketplaceId)) throw notFound('Order', id);
      const names = await stores.namesOf(p.companyId);
      return {
        ...toOrderDto(order, names.get(order.storeId) ?? order.storeId),
        items: items.map((i) => toItemDto(i, order.currency)),
        history: history.map((h) => ({
          status: h.status as OrderStatus,
          at: h.at,
          source: h.source as OrderDto['source'],
          recordedAt: h.recordedAt,
        })),
      };
    },
    /** Every order of a filter as xlsx or CSV, streamed page by page. */
    export(p: Principal, q: ListOrdersQuery, format: ExportFormat): Readable {
      const { limit: _l, offset: _o, sort, ...rest } = q;
      const filter = filterOf(p, rest);
      async function* pages() {
        const names = await stores.namesOf(p.companyId);
        for (let offset = 0; ; offset += 2000) {
          const page = await repo.listOrders(db, p.companyId, filter, { limit: 2000, offset, sort });
          yield page.rows.map((r) => {
            const d = toOrderDto(r, names.get(r.storeId) ?? r.storeId);
            return {
              store: d.storeName,
              marketplace_id: d.marketplaceId,
              amazon_order_id: d.amazonOrderId,
              purchase_date: d.purchaseDate,
              purchase_time_utc: new Date(d.purchaseAt).toISOString(),
              status: d.status,
              fulfillment_channel: d.fulfillmentChannel ?? '',
              currency: d.currency,
              total: d.total,
              units: d.units,
              skus: d.skus.join(' '),
              ship_country: d.shipCountry ?? '',
              ship_region: d.shipRegion ?? '',
              ship_city: d.shipCity ?? '',
              is_prime: d.isPrime ? 'yes' : 'no',
              is_business: d.isBusiness ? 'yes' : 'no',
            };
          });
          if (page.rows.length < 2000) return;
        }
      }
      return streamTable(format, 'orders', EXPORT_COLUMNS, pages());
    },
  };
}

export type OrdersService = ReturnType<typeof createOrdersService>;
