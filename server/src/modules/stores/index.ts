/** Public API of the stores module: marketplaces, seller accounts (stores) and their encrypted credentials. */
export { MARKETPLACES, REGION_ENDPOINTS, findMarketplace, type Marketplace, type Region } from './marketplaces.js';
export { registerStoresRoutes } from './stores.routes.js';
export { createStoresService, type StoresService, type StoreCredentials, type StoreEndpoints } from './stores.service.js';
