import type { Readable } from 'node:stream';
import type { ListListingsQuery, ListSkusQuery } from '@yangfan/contracts';
import { type Principal, scopeFilterOf } from '../../platform/auth/principal.js';
import type { AnyKysely } from '../../platform/db/database.js';
import { type ExportFormat, streamTable } from '../../platform/files/export.js';
import type { StoresService } from '../stores/index.js';
import { parseSort, toListingDto, toSkuDto } from './catalog.mapping.js';
import * as repo from './catalog.repository.js';
import { LISTING_COLUMNS, PRODUCT_COLUMNS } from './catalog-columns.js';

export type { ExportFormat };

const joinList = (xs: string[]) => xs.join(';');

/** Products (SKUs) matching the list filters, with the same columns the import reads. */
export function exportProducts(
  db: AnyKysely,
  p: Principal,
  q: ListSkusQuery,
  format: ExportFormat,
  emails: Map<string, string>,
): Readable {
  const sort = parseSort(q.sort, repo.SKU_SORT_FIELDS, { field: 'sku', dir: 'asc' });
  const titles = Object.values(PRODUCT_COLUMNS).map((c) => c.title);
  async function* pages() {
    for await (const rows of repo.iterateSkus(db, { ...q, scope: scopeFilterOf(p) }, sort)) {
      yield rows.map((r) => {
        const d = toSkuDto(r);
        return {
          sku: d.sku,
          name: d.name,
          spu: d.spuCode ?? '',
          product_line: d.productLine ?? '',
          images: joinList(d.images),
          cost: d.cost ?? '',
          cost_currency: d.costCurrency ?? '',
          length_mm: d.lengthMm ?? '',
          width_mm: d.widthMm ?? '',
          height_mm: d.heightMm ?? '',
          weight_g: d.weightG ?? '',
          hs_code: d.hsCode ?? '',
          declared_value: d.declaredValue ?? '',
          declared_currency: d.declaredCurrency ?? '',
          case_pack: d.casePack ?? '',
          moq: d.moq ?? '',
          status: d.status,
          tags: joinList(d.tags),
          operator: d.operatorId ? (emails.get(d.operatorId) ?? '') : '',
          product_manager: d.productManagerId ? (emails.get(d.productManagerId) ?? '') : '',
          launch_date: d.launchDate ?? '',
        };
      });
    }
  }
  return streamTable(format, 'products', titles, pages());
}

/** Listings matching the list filters, with the same columns the import reads. */
export function exportListings(
  db: AnyKysely,
  p: Principal,
  q: ListListingsQuery,
  format: ExportFormat,
  stores: StoresService,
  emails: Map<string, string>,
): Readable {
  const sort = parseSort(q.sort, repo.LISTING_SORT_FIELDS, { field: 'sellerSku', dir: 'asc' });
  const titles = Object.values(LISTING_COLUMNS).map((c) => c.title);
  async function* pages() {
    const names = await stores.namesOf(p.companyId);
    for await (const rows of repo.iterateListings(db, { ...q, scope: scopeFilterOf(p) }, sort)) {
      const pairs = await repo.pairingsOf(
        db,
        rows.map((r) => r.id),
      );
      const byListing = new Map<string, string[]>();
      for (const x of pairs)
        byListing.set(x.listingId, [
          ...(byListing.get(x.listingId) ?? []),
          x.quantity > 1 ? `${x.sku}*${x.quantity}` : x.sku,
        ]);
      yield rows.map((r) => {
        const d = toListingDto(r, names.get(r.storeId) ?? r.storeId, []);
        return {
          store: d.storeName,
          marketplace: d.marketplaceId,
          seller_sku: d.sellerSku,
          asin: d.asin ?? '',
          parent_asin: d.parentAsin ?? '',
          fnsku: d.fnsku ?? '',
          title: d.title ?? '',
          fulfillment_channel: d.fulfillmentChannel,
          status: d.status,
          price: d.price ?? '',
          tags: joinList(d.tags),
          skus: (byListing.get(r.id) ?? []).join(';'),
          operator: d.operatorId ? (emails.get(d.operatorId) ?? '') : '',
          launch_date: d.launchDate ?? '',
        };
      });
    }
  }
  return streamTable(format, 'listings', titles, pages());
}

/** An empty file with the headers and one example row. */
export function importTemplate(kind: 'products' | 'listings', format: ExportFormat): Readable {
  const cols = kind === 'products' ? PRODUCT_COLUMNS : LISTING_COLUMNS;
  const titles = Object.values(cols).map((c) => c.title);
  const example: Record<string, unknown> =
    kind === 'products'
      ? {
          sku: 'CUP-BLUE-350',
          name: 'Ceramic cup 350 ml blue',
          spu: 'CUP-350',
          product_line: 'Kitchen',
          cost: '12.50',
          cost_currency: 'CNY',
          length_mm: 120,
          width_mm: 90,
          height_mm: 100,
          weight_g: 380,
          hs_code: '691200',
          case_pack: 24,
          moq: 500,
          status: 'active',
          tags: 'new;gift',
          launch_date: '2026-03-01',
        }
      : {
          store: 'My US store',
          marketplace: 'US',
          seller_sku: 'CUP-BLUE-350-US',
          asin: 'B0EXAMPLE1',
          fulfillment_channel: 'FBA',
          status: 'active',
          price: '19.99',
          skus: 'CUP-BLUE-350',
          launch_date: '2026-03-15',
        };
  async function* one() {
    yield [example];
  }
  return streamTable(format, kind, titles, one());
}
