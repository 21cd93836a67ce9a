/** Public API of the catalog module: SPU/SKU master data, listings and pairing, imports and exports. */
export { registerCatalogRoutes } from './catalog.routes.js';
export { createCatalogService, type CatalogService } from './catalog.service.js';
export { importCatalogFile, type ImportKind } from './catalog-import.js';
export { exportListings, exportProducts, streamTable } from './catalog-export.js';
