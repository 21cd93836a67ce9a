// Shapes of the Yangfan HTTP API as the web UI uses them (the server's zod schemas live in contracts/).

export type Module =
  | 'settings'
  | 'users'
  | 'stores'
  | 'catalog'
  | 'orders'
  | 'inventory'
  | 'fx'
  | 'audit'
  | 'finance'
  | 'analytics'
  | 'ads';
export type Action = 'view' | 'edit' | 'approve' | 'export' | 'admin';
export type Locale = 'zh-CN' | 'en';
export type Permissions = Partial<Record<Module, Action[]>>;

export const MODULES: readonly Module[] = [
  'settings',
  'users',
  'stores',
  'catalog',
  'orders',
  'inventory',
  'fx',
  'audit',
  'finance',
  'analytics',
  'ads',
];
export const ACTIONS: readonly Action[] = ['view', 'edit', 'approve', 'export', 'admin'];

export interface Scope {
  allStores: boolean;
  storeIds: string[];
  marketplaceIds: string[];
  productLines: string[];
  ownOnly: boolean;
}

export interface Me {
  id: string;
  email: string;
  displayName: string;
  locale: Locale;
  companyId: string;
  companyName: string;
  baseCurrency: string;
  departmentId: string | null;
  roleIds: string[];
  permissions: Permissions;
  scope: Scope;
}

export interface Session {
  user: Me;
  csrfToken: string;
}

export interface ListResponse<T> {
  rows: T[];
  total: number;
}

export interface Company {
  id: string;
  name: string;
  baseCurrency: string;
  timeZone: string;
  defaultLocale: Locale;
}

export type DepartmentKind =
  | 'operations'
  | 'purchasing'
  | 'logistics'
  | 'finance'
  | 'customer_service'
  | 'brand'
  | 'rnd'
  | 'management'
  | 'other';

export const DEPARTMENT_KINDS: readonly DepartmentKind[] = [
  'operations',
  'purchasing',
  'logistics',
  'finance',
  'customer_service',
  'brand',
  'rnd',
  'management',
  'other',
];

export interface Department {
  id: string;
  name: string;
  kind: DepartmentKind;
}

export interface Role {
  id: string;
  name: string;
  description: string | null;
  permissions: Permissions;
  isSystem: boolean;
  userCount: number;
}

export interface PermissionCatalog {
  modules: { module: Module; actions: Action[] }[];
}

export interface User {
  id: string;
  email: string;
  displayName: string;
  departmentId: string | null;
  departmentName: string | null;
  roleIds: string[];
  roleNames: string[];
  locale: Locale;
  isActive: boolean;
  scope: Scope;
  lockedUntil: number | null;
  lastLoginAt: number | null;
  createdAt: number;
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
  createdAt: number;
}

export type Region = 'NA' | 'EU' | 'FE';
export const REGIONS: readonly Region[] = ['NA', 'EU', 'FE'];

export interface Marketplace {
  marketplaceId: string;
  code: string;
  country: string;
  region: Region;
  currency: string;
  timeZone: string;
}

export type StoreStatus = 'active' | 'disabled' | 'error';

export interface StoreEndpoints {
  lwa?: string;
  spApi?: string;
  ads?: string;
  queueUrl?: string;
}

export interface Store {
  id: string;
  name: string;
  region: Region;
  sellerId: string;
  marketplaceIds: string[];
  status: StoreStatus;
  hasCredentials: boolean;
  endpoints: StoreEndpoints;
  createdAt: number;
  updatedAt: number;
}

export interface ExchangeRate {
  id: string;
  fromCurrency: string;
  toCurrency: string;
  rateDate: string;
  rate: string;
  source: 'manual' | 'import';
  updatedAt: number;
}

export interface Conversion {
  amount: string;
  from: string;
  to: string;
  date: string;
  rate: string;
  rateDate: string;
  result: string;
}

export interface Spu {
  id: string;
  code: string;
  name: string;
  productLine: string | null;
  brand: string | null;
  category: string | null;
  skuCount: number;
}

export type SkuStatus = 'active' | 'inactive' | 'discontinued' | 'draft';
export const SKU_STATUSES: readonly SkuStatus[] = ['active', 'inactive', 'discontinued', 'draft'];

export interface Product {
  id: string;
  sku: string;
  name: string;
  spuId: string | null;
  spuCode: string | null;
  productLine: string | null;
  images: string[];
  cost: string | null;
  costCurrency: string | null;
  lengthMm: number | null;
  widthMm: number | null;
  heightMm: number | null;
  weightG: number | null;
  hsCode: string | null;
  declaredValue: string | null;
  declaredCurrency: string | null;
  casePack: number | null;
  moq: number | null;
  status: SkuStatus;
  tags: string[];
  operatorId: string | null;
  productManagerId: string | null;
  launchDate: string | null;
  listingCount: number;
  createdAt: number;
  updatedAt: number;
}

export type ListingStatus = 'active' | 'inactive' | 'incomplete' | 'suppressed';
export const LISTING_STATUSES: readonly ListingStatus[] = ['active', 'inactive', 'incomplete', 'suppressed'];
export type FulfillmentChannel = 'FBA' | 'FBM';
export const FULFILLMENT_CHANNELS: readonly FulfillmentChannel[] = ['FBA', 'FBM'];

export interface ListingSku {
  skuId: string;
  sku: string;
  quantity: number;
}

export interface Listing {
  id: string;
  storeId: string;
  storeName: string;
  marketplaceId: string;
  sellerSku: string;
  asin: string | null;
  parentAsin: string | null;
  fnsku: string | null;
  title: string | null;
  fulfillmentChannel: FulfillmentChannel;
  status: ListingStatus;
  price: string | null;
  currency: string;
  tags: string[];
  operatorId: string | null;
  launchDate: string | null;
  skus: ListingSku[];
  createdAt: number;
  updatedAt: number;
}

export type ImportKind = 'products' | 'listings';

export interface ImportError {
  line: number;
  column: string | null;
  reason: string;
  value?: string | null;
}

export interface ImportReport {
  kind: string;
  dryRun: boolean;
  fileName: string;
  status: 'ok' | 'rejected';
  rowsTotal: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportError[];
}

export interface CatalogStats {
  skuCount: number;
  listingCount: number;
  byStatus: { status: string; count: number }[];
  byMarketplace: { marketplaceId: string; count: number }[];
  byFulfillment: { channel: string; count: number }[];
}

/** Amazon's fulfillment status of an order (Orders API names). */
export type OrderStatus =
  | 'PENDING_AVAILABILITY'
  | 'PENDING'
  | 'UNSHIPPED'
  | 'PARTIALLY_SHIPPED'
  | 'SHIPPED'
  | 'CANCELLED'
  | 'UNFULFILLABLE';
export const ORDER_STATUSES: readonly OrderStatus[] = [
  'PENDING_AVAILABILITY',
  'PENDING',
  'UNSHIPPED',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
  'CANCELLED',
  'UNFULFILLABLE',
];
/** AFN = fulfilled by Amazon (FBA), MFN = by the merchant (FBM). */
export type OrderChannel = 'AFN' | 'MFN';
export const ORDER_CHANNELS: readonly OrderChannel[] = ['AFN', 'MFN'];
export type OrderSource = 'api' | 'report' | 'import';

/** Money in orders: a decimal string in the order's currency. */
export interface OrderItem {
  id: string;
  orderItemId: string | null;
  asin: string | null;
  sellerSku: string;
  title: string | null;
  quantity: number;
  quantityShipped: number;
  itemPrice: string;
  shippingPrice: string;
  discount: string;
  tax: string;
  total: string;
  promotionIds: string[];
}

export interface Order {
  id: string;
  storeId: string;
  storeName: string;
  marketplaceId: string;
  amazonOrderId: string;
  purchaseAt: number;
  /** The purchase day in the marketplace's own time zone. */
  purchaseDate: string;
  lastUpdatedAt: number;
  status: OrderStatus;
  fulfillmentChannel: OrderChannel | null;
  salesChannel: string | null;
  serviceLevel: string | null;
  isPrime: boolean;
  isBusiness: boolean;
  currency: string;
  total: string;
  units: number;
  skus: string[];
  shipCity: string | null;
  shipRegion: string | null;
  shipPostalCode: string | null;
  shipCountry: string | null;
  source: OrderSource;
  syncedAt: number;
}

export interface OrderEvent {
  status: OrderStatus;
  at: number;
  source: OrderSource;
  recordedAt: number;
}

export interface OrderDetail extends Order {
  items: OrderItem[];
  history: OrderEvent[];
}

export interface OrderStats {
  orders: number;
  units: number;
  revenue: { currency: string; total: string }[];
  byStatus: { status: OrderStatus; orders: number }[];
  byDay: { date: string; orders: number; units: number }[];
}

/** A kind of Amazon data a store syncs (orders, orders-backfill, fba-inventory …): the server lists them. */
export type SyncDataType = string;

/** GET /sync/data-types: the data types the server syncs and the Amazon report types its manual import reads. */
export interface SyncCatalog {
  dataTypes: { dataType: SyncDataType; intervalMs: number | null }[];
  reportTypes: string[];
}
export type SyncStatus = 'idle' | 'queued' | 'running' | 'ok' | 'error';

export interface OperationUsage {
  operation: string;
  calls: number;
  throttled: number;
  retries: number;
  failures: number;
  /** Documented sustained rate (requests per second) and burst. */
  rate: number;
  burst: number;
}

export interface SyncState {
  storeId: string;
  storeName: string;
  dataType: SyncDataType;
  status: SyncStatus;
  enabled: boolean;
  syncedThrough: number | null;
  lagMs: number | null;
  lastStartedAt: number | null;
  lastSuccessAt: number | null;
  nextRunAt: number | null;
  rowsLastRun: number;
  rowsTotal: number;
  progress: { percent: number; message: string } | null;
  error: { code: string; message: string; requestId: string | null; at: number; retryable: boolean } | null;
  usage: OperationUsage[];
}

export interface SyncRun {
  id: string;
  storeId: string;
  dataType: SyncDataType;
  trigger: 'schedule' | 'manual' | 'cli' | 'demo';
  status: 'running' | 'ok' | 'error';
  startedAt: number;
  finishedAt: number | null;
  rows: number;
  calls: number;
  throttled: number;
  errorMessage: string | null;
  requestId: string | null;
}

export interface ConnectionTest {
  ok: boolean;
  participations: { marketplaceId: string; name: string; countryCode: string; isParticipating: boolean }[];
  missingMarketplaceIds: string[];
  error: { code: string; message: string; requestId: string | null } | null;
  latencyMs: number;
}

export type LogSource = 'ui' | 'api' | 'cli' | 'job' | 'system' | 'import';

export interface OperationLogEntry {
  id: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  source: LogSource;
  module: string;
  entity: string;
  entityId: string | null;
  action: string;
  before: unknown;
  after: unknown;
  summary: string | null;
  requestId: string | null;
  at: number;
}

export interface Health {
  status: string;
  db: { ok: boolean; dialect: string };
  queue: { ok: boolean; kind: string };
  version: string;
}
