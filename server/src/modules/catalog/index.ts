/** Public API of the catalog module: SPU/SKU master data, listings and pairing, imports and exports, listings sync. */

export { listActiveListingsOfStore } from './catalog.repository.js';
export { registerCatalogRoutes } from './catalog.routes.js';
export { type CatalogService, createCatalogService } from './catalog.service.js';
export { exportListings, exportProducts } from './catalog-export.js';
export { type ImportKind, importCatalogFile } from './catalog-import.js';
export { type ListingsCursor, listingsSyncHandlers } from './listings-sync.js';
