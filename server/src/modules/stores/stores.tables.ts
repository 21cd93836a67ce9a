export interface StoreTable {
  id: string;
  companyId: string;
  name: string;
  region: string;
  sellerId: string;
  credentialsEnc: string | null;
  endpointsJson: string;
  status: string;
  createdAt: number;
  updatedAt: number;
}
export interface StoreMarketplaceTable {
  storeId: string;
  marketplaceId: string;
  isEnabled: number;
}
export interface StoresTables {
  store: StoreTable;
  storeMarketplace: StoreMarketplaceTable;
}
