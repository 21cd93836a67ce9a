import type { Locale, Permissions } from '@yangfan/contracts';
import { type Actor, runWrite } from '../../platform/audit.js';
import { toJson } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import { currencyExponent } from '../../platform/money.js';
import * as repo from './iam.repository.js';
import type { IamDeps } from './iam.service.js';
import { ALL_PERMISSIONS } from './permissions.js';

/** The built-in roles every company starts with; their permissions are fixed, copies can be edited. */
export const SYSTEM_ROLES: { key: string; name: string; description: string; permissions: Permissions }[] = [
  {
    key: 'admin',
    name: 'Administrator',
    description: 'Everything, including users and settings',
    permissions: ALL_PERMISSIONS,
  },
  {
    key: 'operator',
    name: 'Operator',
    description: 'Runs listings and products of their stores',
    permissions: {
      catalog: ['view', 'edit', 'export'],
      orders: ['view', 'export'],
      inventory: ['view', 'export'],
      stores: ['view'],
      fx: ['view'],
      audit: ['view'],
      analytics: ['view', 'export'],
      ads: ['view', 'export'],
    },
  },
  {
    key: 'buyer',
    name: 'Buyer',
    description: 'Maintains product master data and costs',
    permissions: { catalog: ['view', 'edit', 'export'], inventory: ['view', 'export'], fx: ['view'] },
  },
  {
    key: 'finance',
    name: 'Finance',
    description: 'Exchange rates and read access to the catalog',
    permissions: {
      catalog: ['view', 'export'],
      orders: ['view', 'export'],
      inventory: ['view', 'export'],
      fx: ['view', 'edit', 'export'],
      audit: ['view', 'export'],
      stores: ['view'],
      finance: ['view', 'export'],
      analytics: ['view', 'export'],
      ads: ['view', 'export'],
    },
  },
  {
    key: 'viewer',
    name: 'Viewer',
    description: 'Read-only',
    permissions: {
      catalog: ['view'],
      orders: ['view'],
      inventory: ['view'],
      stores: ['view'],
      fx: ['view'],
      settings: ['view'],
      finance: ['view'],
      analytics: ['view'],
      ads: ['view'],
    },
  },
];

export interface BootstrapInput {
  name: string;
  baseCurrency: string;
  timeZone: string;
  locale: Locale;
}

/** Creates a company with its built-in roles; returns the ids of the roles by key. */
export async function bootstrapCompany(deps: IamDeps, input: BootstrapInput, actor: Actor) {
  currencyExponent(input.baseCurrency);
  const companyId = newId('cmp');
  const now = deps.clock.now();
  const roleIds: Record<string, string> = {};
  await runWrite(
    deps.db,
    { actor: { ...actor, companyId }, source: actor.type === 'system' ? 'system' : 'cli', clock: deps.clock },
    async (ctx) => {
      await repo.insertCompany(ctx, {
        id: companyId,
        name: input.name,
        baseCurrency: input.baseCurrency,
        timeZone: input.timeZone,
        defaultLocale: input.locale,
        createdAt: now,
        updatedAt: now,
      });
      for (const r of SYSTEM_ROLES) {
        const id = newId('rol');
        roleIds[r.key] = id;
        await repo.insertRole(ctx, {
          id,
          companyId,
          name: r.name,
          description: r.description,
          permissionsJson: toJson(r.permissions),
          isSystem: 1,
          createdAt: now,
          updatedAt: now,
        });
      }
    },
  );
  return { companyId, roleIds };
}

/** The role id of a built-in role by its name. */
export async function findRoleIdByName(deps: IamDeps, companyId: string, name: string): Promise<string | undefined> {
  return (await repo.listRoles(deps.db, companyId)).find((r) => r.name.toLowerCase() === name.toLowerCase())?.id;
}

export { findFirstCompany } from './iam.repository.js';
