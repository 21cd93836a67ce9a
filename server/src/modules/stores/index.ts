/** Public API of the stores module: marketplaces, seller accounts (stores) and their encrypted credentials. */
export {
  findMarketplace,
  findMarketplaceBySalesChannel,
  MARKETPLACES,
  type Marketplace,
  REGION_ENDPOINTS,
  type Region,
} from './marketplaces.js';
export { registerStoresRoutes } from './stores.routes.js';
export {
  createStoresService,
  type StoreCredentials,
  type StoreEndpoints,
  type StoresService,
} from './stores.service.js';
