import type { StoreDto } from '@yangfan/contracts';
import { runWrite } from '../../platform/audit.js';
import { type Principal, scopeFilterOf } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import { decryptSecret, encryptSecret } from '../../platform/crypto.js';
import { conflictAs } from '../../platform/db/constraint-errors.js';
import { type AnyKysely, fromJson, toJson } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { WriteMeta } from '../iam/index.js';
import { findMarketplace, type Region } from './marketplaces.js';
import * as repo from './stores.repository.js';

export interface StoreCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}
export interface StoreEndpoints {
  lwa?: string | undefined;
  spApi?: string | undefined;
  ads?: string | undefined;
  queueUrl?: string | undefined;
}

export interface StoresDeps {
  db: AnyKysely;
  clock: Clock;
  secretKey: string;
}

/** Marketplace ids must exist and belong to the store's region. */
export function validateMarketplaces(region: Region, ids: string[]): string[] {
  const out = new Set<string>();
  for (const id of ids) {
    const mp = findMarketplace(id);
    if (!mp) throw new AppError('INVALID_INPUT', `Unknown marketplace "${id}"`, { field: 'marketplaceIds' });
    if (mp.region !== region) {
      throw new AppError('INVALID_INPUT', `Marketplace ${mp.code} is in region ${mp.region}, not ${region}`, {
        field: 'marketplaceIds',
      });
    }
    out.add(mp.marketplaceId);
  }
  return [...out].sort();
}

/** Seller accounts per region with their marketplaces; credentials sealed with the instance key. */
export function createStoresService(deps: StoresDeps) {
  const { db, clock, secretKey } = deps;

  function toDto(s: repo.StoreRow): StoreDto {
    return {
      id: s.id,
      name: s.name,
      region: s.region as Region,
      sellerId: s.sellerId,
      marketplaceIds: s.marketplaceIds,
      status: s.status as StoreDto['status'],
      hasCredentials: s.credentialsEnc !== null,
      endpoints: fromJson<StoreEndpoints>(s.endpointsJson, {}) as StoreDto['endpoints'],
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
    };
  }

  function assertInScope(p: Principal, storeId: string): void {
    const f = scopeFilterOf(p);
    if (f.storeIds && !f.storeIds.includes(storeId)) {
      throw new AppError('FORBIDDEN', 'This store is outside your data scope', { storeId });
    }
  }

  const conflict = <T>(fn: () => Promise<T>) =>
    conflictAs('name', fn, 'The store still has listings; delete or move them first');

  return {
    assertInScope,
    async list(p: Principal) {
      const rows = await repo.listStores(db, p.companyId, scopeFilterOf(p).storeIds);
      return { rows: rows.map(toDto), total: rows.length };
    },
    async get(p: Principal, id: string) {
      assertInScope(p, id);
      return toDto(await repo.getStore(db, p.companyId, id));
    },
    /** A store without a data-scope check: for jobs and the CLI acting for the company. */
    async getForSystem(companyId: string, id: string): Promise<StoreDto> {
      return toDto(await repo.getStore(db, companyId, id));
    },
    /** Every store of a company (jobs). */
    async listForSystem(companyId: string | null): Promise<(StoreDto & { companyId: string })[]> {
      return (await repo.listAllStores(db, companyId)).map((s) => ({ ...toDto(s), companyId: s.companyId }));
    },
    /** Id → name of the stores of a company (for joins in other modules' read models). */
    async namesOf(companyId: string): Promise<Map<string, string>> {
      return new Map((await repo.listStores(db, companyId, null)).map((s) => [s.id, s.name]));
    },
    async findByNameOrId(companyId: string, nameOrId: string) {
      const all = await repo.listStores(db, companyId, null);
      const s = all.find((x) => x.id === nameOrId || x.name === nameOrId);
      return s ? toDto(s) : null;
    },
    async create(
      p: Pick<Principal, 'companyId'> & Partial<Principal>,
      meta: WriteMeta,
      input: {
        name: string;
        region: Region;
        sellerId: string;
        marketplaceIds: string[];
        credentials?: StoreCredentials | undefined;
        endpoints?: StoreEndpoints | undefined;
      },
    ) {
      const marketplaceIds = validateMarketplaces(input.region, input.marketplaceIds);
      const now = clock.now();
      const row = {
        id: newId('sto'),
        companyId: p.companyId,
        name: input.name,
        region: input.region,
        sellerId: input.sellerId,
        credentialsEnc: input.credentials ? encryptSecret(JSON.stringify(input.credentials), secretKey) : null,
        endpointsJson: toJson(input.endpoints ?? {}),
        status: 'active',
        createdAt: now,
        updatedAt: now,
      };
      await conflict(() => runWrite(db, { ...meta, clock }, (ctx) => repo.insertStore(ctx, row, marketplaceIds)));
      return toDto(await repo.getStore(db, p.companyId, row.id));
    },
    async update(
      p: Principal,
      meta: WriteMeta,
      id: string,
      input: {
        name?: string | undefined;
        marketplaceIds?: string[] | undefined;
        credentials?: StoreCredentials | undefined;
        endpoints?: StoreEndpoints | undefined;
        status?: 'active' | 'disabled' | undefined;
      },
    ) {
      assertInScope(p, id);
      const current = await repo.getStore(db, p.companyId, id);
      const marketplaceIds = input.marketplaceIds
        ? validateMarketplaces(current.region as Region, input.marketplaceIds)
        : undefined;
      await conflict(() =>
        runWrite(db, { ...meta, clock }, (ctx) =>
          repo.updateStore(
            ctx,
            p.companyId,
            id,
            {
              name: input.name,
              status: input.status,
              endpointsJson: input.endpoints ? toJson(input.endpoints) : undefined,
              credentialsEnc: input.credentials
                ? encryptSecret(JSON.stringify(input.credentials), secretKey)
                : undefined,
            },
            marketplaceIds,
          ),
        ),
      );
      return toDto(await repo.getStore(db, p.companyId, id));
    },
    async remove(p: Principal, meta: WriteMeta, id: string) {
      assertInScope(p, id);
      await conflict(() => runWrite(db, { ...meta, clock }, (ctx) => repo.deleteStore(ctx, p.companyId, id)));
    },
    /** Decrypted credentials, for the Amazon integration only; never sent over the HTTP API. */
    async credentialsOf(companyId: string, id: string): Promise<StoreCredentials | null> {
      const s = await repo.getStore(db, companyId, id);
      return s.credentialsEnc ? (JSON.parse(decryptSecret(s.credentialsEnc, secretKey)) as StoreCredentials) : null;
    },
  };
}

export type StoresService = ReturnType<typeof createStoresService>;
