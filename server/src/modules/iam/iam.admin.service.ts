import type { Locale, Permissions, Scope } from '@yangfan/contracts';
import { runWrite } from '../../platform/audit.js';
import type { Principal } from '../../platform/auth/principal.js';
import { randomToken, sha256Hex } from '../../platform/crypto.js';
import { conflictAs } from '../../platform/db/constraint-errors.js';
import { fromJson, toJson } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { currencyExponent } from '../../platform/money.js';
import * as repo from './iam.repository.js';
import { type IamDeps, parseScope, type WriteMeta } from './iam.service.js';
import { hashPassword } from './passwords.js';
import { normalizePermissions } from './permissions.js';

function assertTimeZone(tz: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    throw new AppError('INVALID_INPUT', `Unknown time zone "${tz}"`, { field: 'timeZone' });
  }
}

/** Company settings, departments, roles, users and API tokens. */
export function createIamAdminService(deps: IamDeps & { invalidatePrincipals?: () => void }) {
  const { db, clock } = deps;
  // Any change here may change who can do what: drop cached principals after it commits.
  const write = async <T>(meta: WriteMeta, fn: Parameters<typeof runWrite<T>>[2]) => {
    const r = await runWrite(db, { ...meta, clock }, fn);
    deps.invalidatePrincipals?.();
    return r;
  };

  function toUserDto(u: repo.UserRow) {
    return {
      id: u.id,
      email: u.email,
      displayName: u.displayName,
      departmentId: u.departmentId,
      departmentName: u.departmentName,
      roleIds: u.roleIds,
      roleNames: u.roleNames,
      locale: u.locale as Locale,
      isActive: u.isActive === 1,
      scope: parseScope(u.scopeJson),
      lockedUntil: u.lockedUntil && u.lockedUntil > clock.now() ? u.lockedUntil : null,
      lastLoginAt: u.lastLoginAt,
      createdAt: u.createdAt,
    };
  }

  async function assertRolesExist(companyId: string, roleIds: string[]): Promise<void> {
    for (const id of roleIds) {
      try {
        await repo.getRole(db, companyId, id);
      } catch {
        throw new AppError('INVALID_INPUT', `Role ${id} does not exist`, { field: 'roleIds' });
      }
    }
  }

  async function assertDepartment(companyId: string, id: string | null | undefined): Promise<void> {
    if (!id) return;
    try {
      await repo.getDepartment(db, companyId, id);
    } catch {
      throw new AppError('INVALID_INPUT', `Department ${id} does not exist`, { field: 'departmentId' });
    }
  }

  return {
    async getCompany(p: Principal) {
      const c = await repo.getCompany(db, p.companyId);
      return {
        id: c.id,
        name: c.name,
        baseCurrency: c.baseCurrency,
        timeZone: c.timeZone,
        defaultLocale: c.defaultLocale as Locale,
      };
    },
    async updateCompany(
      p: Principal,
      meta: WriteMeta,
      patch: {
        name?: string | undefined;
        baseCurrency?: string | undefined;
        timeZone?: string | undefined;
        defaultLocale?: Locale | undefined;
      },
    ) {
      if (patch.baseCurrency) currencyExponent(patch.baseCurrency);
      if (patch.timeZone) assertTimeZone(patch.timeZone);
      await write(meta, (ctx) => repo.updateCompany(ctx, p.companyId, patch));
      return this.getCompany(p);
    },

    async listDepartments(p: Principal) {
      const rows = await repo.listDepartments(db, p.companyId);
      return { rows: rows.map((d) => ({ id: d.id, name: d.name, kind: d.kind as never })), total: rows.length };
    },
    async createDepartment(p: Principal, meta: WriteMeta, input: { name: string; kind: string }) {
      const row = {
        id: newId('dep'),
        companyId: p.companyId,
        name: input.name,
        kind: input.kind,
        createdAt: clock.now(),
      };
      await conflictAs('name', () => write(meta, (ctx) => repo.insertDepartment(ctx, row)));
      return { id: row.id, name: row.name, kind: row.kind as never };
    },
    async updateDepartment(
      p: Principal,
      meta: WriteMeta,
      id: string,
      patch: { name?: string | undefined; kind?: string | undefined },
    ) {
      await conflictAs('name', () => write(meta, (ctx) => repo.updateDepartment(ctx, p.companyId, id, patch)));
      const d = await repo.getDepartment(db, p.companyId, id);
      return { id: d.id, name: d.name, kind: d.kind as never };
    },
    async deleteDepartment(p: Principal, meta: WriteMeta, id: string) {
      await write(meta, (ctx) => repo.deleteDepartment(ctx, p.companyId, id));
    },

    async listRoles(p: Principal) {
      const rows = await repo.listRoles(db, p.companyId);
      return {
        rows: rows.map((r) => ({
          id: r.id,
          name: r.name,
          description: r.description,
          permissions: fromJson<Permissions>(r.permissionsJson, {}),
          isSystem: r.isSystem === 1,
          userCount: r.userCount,
        })),
        total: rows.length,
      };
    },
    async createRole(
      p: Principal,
      meta: WriteMeta,
      input: { name: string; description?: string | null | undefined; permissions: Permissions },
    ) {
      const now = clock.now();
      const row = {
        id: newId('rol'),
        companyId: p.companyId,
        name: input.name,
        description: input.description ?? null,
        permissionsJson: toJson(normalizePermissions(input.permissions)),
        isSystem: 0,
        createdAt: now,
        updatedAt: now,
      };
      await conflictAs('name', () => write(meta, (ctx) => repo.insertRole(ctx, row)));
      return (await this.listRoles(p)).rows.find((r) => r.id === row.id)!;
    },
    async updateRole(
      p: Principal,
      meta: WriteMeta,
      id: string,
      input: {
        name?: string | undefined;
        description?: string | null | undefined;
        permissions?: Permissions | undefined;
      },
    ) {
      const current = await repo.getRole(db, p.companyId, id);
      if (current.isSystem && input.permissions) {
        throw new AppError('FORBIDDEN', 'The permissions of a built-in role cannot be changed; copy it instead');
      }
      await conflictAs('name', () =>
        write(meta, (ctx) =>
          repo.updateRole(ctx, p.companyId, id, {
            name: input.name,
            description: input.description,
            permissionsJson: input.permissions ? toJson(normalizePermissions(input.permissions)) : undefined,
          }),
        ),
      );
      return (await this.listRoles(p)).rows.find((r) => r.id === id)!;
    },
    async deleteRole(p: Principal, meta: WriteMeta, id: string) {
      const r = await repo.getRole(db, p.companyId, id);
      if (r.isSystem) throw new AppError('FORBIDDEN', 'A built-in role cannot be deleted');
      await write(meta, (ctx) => repo.deleteRole(ctx, p.companyId, id));
    },

    async listUsers(p: Principal, f: Omit<repo.UserFilter, 'companyId'>) {
      const { rows, total } = await repo.listUsers(db, { ...f, companyId: p.companyId });
      return { rows: rows.map(toUserDto), total };
    },
    async getUser(p: Principal, id: string) {
      return toUserDto(await repo.getUser(db, p.companyId, id));
    },
    async createUser(
      p: Pick<Principal, 'companyId'>,
      meta: WriteMeta,
      input: {
        email: string;
        displayName: string;
        password: string;
        departmentId?: string | null | undefined;
        roleIds: string[];
        scope: Scope;
        locale: Locale;
      },
    ) {
      await assertRolesExist(p.companyId, input.roleIds);
      await assertDepartment(p.companyId, input.departmentId);
      const now = clock.now();
      const row = {
        id: newId('usr'),
        companyId: p.companyId,
        departmentId: input.departmentId ?? null,
        email: input.email.toLowerCase(),
        displayName: input.displayName,
        passwordHash: await hashPassword(input.password),
        locale: input.locale,
        isActive: 1,
        scopeJson: toJson(input.scope),
        failedLogins: 0,
        lockedUntil: null,
        lastLoginAt: null,
        createdAt: now,
        updatedAt: now,
      };
      await conflictAs('email', () => write(meta, (ctx) => repo.insertUser(ctx, row, input.roleIds)));
      return toUserDto(await repo.getUser(db, p.companyId, row.id));
    },
    async updateUser(
      p: Principal,
      meta: WriteMeta,
      id: string,
      input: {
        displayName?: string | undefined;
        password?: string | undefined;
        departmentId?: string | null | undefined;
        roleIds?: string[] | undefined;
        scope?: Scope | undefined;
        locale?: Locale | undefined;
        isActive?: boolean | undefined;
      },
    ) {
      if (input.roleIds) await assertRolesExist(p.companyId, input.roleIds);
      await assertDepartment(p.companyId, input.departmentId);
      if (id === p.userId && input.isActive === false) {
        throw new AppError('INVALID_INPUT', 'You cannot disable your own account', { field: 'isActive' });
      }
      const patch = {
        displayName: input.displayName,
        departmentId: input.departmentId,
        locale: input.locale,
        scopeJson: input.scope ? toJson(input.scope) : undefined,
        isActive: input.isActive === undefined ? undefined : input.isActive ? 1 : 0,
        passwordHash: input.password ? await hashPassword(input.password) : undefined,
      };
      await write(meta, async (ctx) => {
        await repo.updateUser(ctx, p.companyId, id, patch, input.roleIds);
        if (input.password || input.isActive === false) await repo.deleteSessionsOfUser(ctx, id);
      });
      return toUserDto(await repo.getUser(db, p.companyId, id));
    },
    async unlockUser(p: Principal, meta: WriteMeta, id: string) {
      await write(meta, (ctx) =>
        repo.updateUser(ctx, p.companyId, id, { lockedUntil: null, failedLogins: 0 }, undefined, 'unlock'),
      );
      return toUserDto(await repo.getUser(db, p.companyId, id));
    },

    async listApiTokens(p: Principal) {
      const rows = await repo.listApiTokens(db, p.userId);
      return { rows: rows.map(toTokenDto), total: rows.length };
    },
    async createApiToken(
      p: Principal,
      meta: WriteMeta,
      input: { name: string; scopes: string[]; expiresInDays?: number | undefined },
    ) {
      if (p.kind === 'token') throw new AppError('FORBIDDEN', 'API tokens cannot create API tokens');
      const secret = randomToken(32);
      const prefix = secret.slice(0, 6);
      const token = `yf_${secret}`;
      const now = clock.now();
      const row = {
        id: newId('tok'),
        userId: p.userId,
        name: input.name,
        tokenHash: sha256Hex(token),
        prefix: `yf_${prefix}`,
        scopesJson: toJson([...new Set(input.scopes)].sort()),
        expiresAt: input.expiresInDays ? now + input.expiresInDays * 86_400_000 : null,
        revokedAt: null,
        lastUsedAt: null,
        createdAt: now,
      };
      await write(meta, (ctx) => repo.insertApiToken(ctx, row));
      return { ...toTokenDto(row), token };
    },
    async revokeApiToken(p: Principal, meta: WriteMeta, id: string) {
      await write(meta, (ctx) => repo.revokeApiToken(ctx, p.userId, id));
    },
  };
}

function toTokenDto(r: {
  id: string;
  name: string;
  prefix: string;
  scopesJson: string;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
  createdAt: number;
}) {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scopes: fromJson<string[]>(r.scopesJson, []),
    expiresAt: r.expiresAt,
    lastUsedAt: r.lastUsedAt,
    revokedAt: r.revokedAt,
    createdAt: r.createdAt,
  };
}

export type IamAdminService = ReturnType<typeof createIamAdminService>;
