export interface SpuTable {
  id: string;
  companyId: string;
  code: string;
  name: string;
  productLine: string | null;
  brand: string | null;
  category: string | null;
  createdAt: number;
  updatedAt: number;
}
export interface SkuTable {
  id: string;
  companyId: string;
  spuId: string | null;
  sku: string;
  name: string;
  productLine: string | null;
  imagesJson: string;
  costMinor: number | null;
  costCurrency: string | null;
  lengthMm: number | null;
  widthMm: number | null;
  heightMm: number | null;
  weightG: number | null;
  hsCode: string | null;
  declaredValueMinor: number | null;
  declaredCurrency: string | null;
  casePack: number | null;
  moq: number | null;
  status: string;
  tagsJson: string;
  operatorId: string | null;
  productManagerId: string | null;
  launchDate: string | null;
  createdAt: number;
  updatedAt: number;
}
export interface ListingTable {
  id: string;
  companyId: string;
  storeId: string;
  marketplaceId: string;
  sellerSku: string;
  asin: string | null;
  parentAsin: string | null;
  fnsku: string | null;
  title: string | null;
  fulfillmentChannel: string;
  status: string;
  priceMinor: number | null;
  currency: string;
  tagsJson: string;
  operatorId: string | null;
  launchDate: string | null;
  createdAt: number;
  updatedAt: number;
}
export interface ListingSkuTable {
  listingId: string;
  skuId: string;
  quantity: number;
}
export interface ImportRunTable {
  id: string;
  companyId: string;
  kind: string;
  fileName: string;
  fileSha256: string;
  dryRun: number;
  status: string;
  rowsTotal: number;
  rowsCreated: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  errorsJson: string;
  actorId: string | null;
  createdAt: number;
}
export interface CatalogTables {
  spu: SpuTable;
  sku: SkuTable;
  listing: ListingTable;
  listingSku: ListingSkuTable;
  importRun: ImportRunTable;
}

/** The fields of a SKU that users write (everything but identity and timestamps). */
export type SkuFields = Omit<SkuTable, 'id' | 'companyId' | 'createdAt' | 'updatedAt'>;
/** The fields of a listing that users write. */
export type ListingFields = Omit<ListingTable, 'id' | 'companyId' | 'createdAt' | 'updatedAt'>;
