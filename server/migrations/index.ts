import type { Migration } from 'kysely';
import * as createPlatform from './2026-11-29-0200-create-platform.js';
import * as createIam from './2026-11-29-0210-create-iam.js';
import * as createStoresFx from './2026-11-29-0220-create-stores-fx.js';
import * as createCatalog from './2026-11-29-0230-create-catalog.js';
import * as indexListingGrid from './2026-11-29-0300-index-listing-grid.js';
import * as createOrdersSync from './2026-11-29-0400-create-orders-sync.js';
import * as createNotificationInbox from './2026-11-29-0405-create-notification-inbox.js';
import * as addSyncLeaseOwner from './2026-11-29-0406-add-sync-lease-owner.js';
import * as createInventory from './2026-11-29-0410-create-inventory.js';
import * as createFinance from './2026-11-29-0420-create-finance.js';
import * as createAds from './2026-11-29-0430-create-ads.js';
import * as createAnalytics from './2026-11-29-0440-create-analytics.js';

/** Every migration in order; names sort by timestamp. Add new ones here. */
export const migrations: Record<string, Migration> = {
  '2026-11-29-0200-create-platform': createPlatform,
  '2026-11-29-0210-create-iam': createIam,
  '2026-11-29-0220-create-stores-fx': createStoresFx,
  '2026-11-29-0230-create-catalog': createCatalog,
  '2026-11-29-0300-index-listing-grid': indexListingGrid,
  '2026-11-29-0400-create-orders-sync': createOrdersSync,
  '2026-11-29-0405-create-notification-inbox': createNotificationInbox,
  '2026-11-29-0406-add-sync-lease-owner': addSyncLeaseOwner,
  '2026-11-29-0410-create-inventory': createInventory,
  '2026-11-29-0420-create-finance': createFinance,
  '2026-11-29-0430-create-ads': createAds,
  '2026-11-29-0440-create-analytics': createAnalytics,
};
