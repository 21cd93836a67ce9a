import type { Action, Module, Permissions, Scope } from '@yangfan/contracts';
import { AppError } from '../errors.js';

/** The authenticated caller of a request: a user through a session, or an API token acting for its user. */
export interface Principal {
  kind: 'session' | 'token';
  userId: string;
  companyId: string;
  name: string;
  permissions: Permissions;
  scope: Scope;
  /** For sessions: the token the client must echo in x-csrf-token on unsafe methods. */
  csrfToken?: string;
  sessionIdHash?: string;
  tokenId?: string;
}

/** True when the principal's roles (and, for tokens, the token's scopes) grant `action` on `module`. */
export function can(p: Principal, module: Module, action: Action): boolean {
  const actions = p.permissions[module] ?? [];
  return actions.includes(action) || actions.includes('admin');
}

export function assertCan(p: Principal, module: Module, action: Action): void {
  if (!can(p, module, action)) {
    throw new AppError('FORBIDDEN', `Missing permission ${module}:${action}`, { permission: `${module}:${action}` });
  }
}

/** Row filter derived from a user's data scope; `null` store list means every store. */
export interface ScopeFilter {
  companyId: string;
  storeIds: string[] | null;
  marketplaceIds: string[] | null;
  productLines: string[] | null;
  ownerId: string | null;
}

export function scopeFilterOf(p: Principal): ScopeFilter {
  return {
    companyId: p.companyId,
    storeIds: p.scope.allStores ? null : p.scope.storeIds,
    marketplaceIds: p.scope.marketplaceIds.length > 0 ? p.scope.marketplaceIds : null,
    productLines: p.scope.productLines.length > 0 ? p.scope.productLines : null,
    ownerId: p.scope.ownOnly ? p.userId : null,
  };
}

/** Whether a store/marketplace pair is inside the scope. */
export function scopeAllowsStore(f: ScopeFilter, storeId: string, marketplaceId?: string): boolean {
  if (f.storeIds && !f.storeIds.includes(storeId)) return false;
  if (marketplaceId && f.marketplaceIds && !f.marketplaceIds.includes(marketplaceId)) return false;
  return true;
}
