import type { Permissions, Scope } from '@yangfan/contracts';
import type { Selectable, Updateable } from 'kysely';
import { diffFields, type WriteContext } from '../../platform/audit.js';
import { type AnyKysely, type AnyTransaction, containsText, fromJson, tables } from '../../platform/db/database.js';
import { notFound } from '../../platform/errors.js';
import type {
  ApiTokenTable,
  CompanyTable,
  DepartmentTable,
  IamTables,
  RoleTable,
  SessionTable,
  UserTable,
} from './iam.tables.js';

type Handle = AnyKysely | AnyTransaction;
const t = (db: Handle) => tables<IamTables>(db);
const w = (ctx: WriteContext) => tables<IamTables>(ctx.trx);
const MODULE = 'iam';

// ---------- company ----------
export async function getCompany(db: Handle, id: string): Promise<Selectable<CompanyTable>> {
  const row = await t(db).selectFrom('company').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Company', id);
  return row;
}

export async function findFirstCompany(db: Handle): Promise<Selectable<CompanyTable> | undefined> {
  return t(db).selectFrom('company').selectAll().orderBy('createdAt').limit(1).executeTakeFirst();
}

export async function insertCompany(ctx: WriteContext, row: CompanyTable): Promise<void> {
  await w(ctx).insertInto('company').values(row).execute();
  await ctx.record({ module: MODULE, entity: 'company', entityId: row.id, action: 'create', after: row });
}

export async function updateCompany(ctx: WriteContext, id: string, patch: Updateable<CompanyTable>): Promise<void> {
  const before = await getCompany(ctx.trx, id);
  const next = { ...before, ...patch, updatedAt: ctx.clock.now() };
  const diff = diffFields(before, next);
  if (!diff) return;
  await w(ctx).updateTable('company').set(next).where('id', '=', id).execute();
  await ctx.record({ module: MODULE, entity: 'company', entityId: id, action: 'update', ...diff });
}

// ---------- departments ----------
export async function listDepartments(db: Handle, companyId: string): Promise<Selectable<DepartmentTable>[]> {
  return t(db).selectFrom('department').selectAll().where('companyId', '=', companyId).orderBy('name').execute();
}

export async function getDepartment(db: Handle, companyId: string, id: string): Promise<Selectable<DepartmentTable>> {
  const row = await t(db)
    .selectFrom('department')
    .selectAll()
    .where('companyId', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Department', id);
  return row;
}

export async function insertDepartment(ctx: WriteContext, row: DepartmentTable): Promise<void> {
  await w(ctx).insertInto('department').values(row).execute();
  await ctx.record({ module: MODULE, entity: 'department', entityId: row.id, action: 'create', after: row });
}

export async function updateDepartment(
  ctx: WriteContext,
  companyId: string,
  id: string,
  patch: { name?: string | undefined; kind?: string | undefined },
): Promise<void> {
  const before = await getDepartment(ctx.trx, companyId, id);
  const next = { ...before, ...definedOnly(patch) };
  const diff = diffFields(before, next);
  if (!diff) return;
  await w(ctx).updateTable('department').set(next).where('id', '=', id).execute();
  await ctx.record({ module: MODULE, entity: 'department', entityId: id, action: 'update', ...diff });
}

export async function deleteDepartment(ctx: WriteContext, companyId: string, id: string): Promise<void> {
  const before = await getDepartment(ctx.trx, companyId, id);
  await w(ctx).updateTable('appUser').set({ departmentId: null }).where('departmentId', '=', id).execute();
  await w(ctx).deleteFrom('department').where('id', '=', id).execute();
  await ctx.record({ module: MODULE, entity: 'department', entityId: id, action: 'delete', before });
}

// ---------- roles ----------
export interface RoleRow extends Selectable<RoleTable> {
  userCount: number;
}

export async function listRoles(db: Handle, companyId: string): Promise<RoleRow[]> {
  const rows = await t(db)
    .selectFrom('role')
    .leftJoin('userRole', 'userRole.roleId', 'role.id')
    .selectAll('role')
    .select((e) => e.fn.count<number>('userRole.userId').as('userCount'))
    .where('role.companyId', '=', companyId)
    .groupBy(['role.id'])
    .orderBy('role.name')
    .execute();
  return rows.map((r) => ({ ...r, userCount: Number(r.userCount) }));
}

export async function getRole(db: Handle, companyId: string, id: string): Promise<Selectable<RoleTable>> {
  const row = await t(db)
    .selectFrom('role')
    .selectAll()
    .where('companyId', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Role', id);
  return row;
}

export async function insertRole(ctx: WriteContext, row: RoleTable): Promise<void> {
  await w(ctx).insertInto('role').values(row).execute();
  await ctx.record({ module: MODULE, entity: 'role', entityId: row.id, action: 'create', after: row });
}

export async function updateRole(ctx: WriteContext, companyId: string, id: string, patch: Partial<RoleTable>) {
  const before = await getRole(ctx.trx, companyId, id);
  const next = { ...before, ...definedOnly(patch), updatedAt: before.updatedAt };
  const diff = diffFields(before, next);
  if (!diff) return;
  next.updatedAt = ctx.clock.now();
  await w(ctx).updateTable('role').set(next).where('id', '=', id).execute();
  await ctx.record({ module: MODULE, entity: 'role', entityId: id, action: 'update', ...diff });
}

export async function deleteRole(ctx: WriteContext, companyId: string, id: string): Promise<void> {
  const before = await getRole(ctx.trx, companyId, id);
  await w(ctx).deleteFrom('userRole').where('roleId', '=', id).execute();
  await w(ctx).deleteFrom('role').where('id', '=', id).execute();
  await ctx.record({ module: MODULE, entity: 'role', entityId: id, action: 'delete', before });
}

/** Union of the permissions of a user's roles. */
export async function loadPermissions(db: Handle, userId: string): Promise<Permissions> {
  const rows = await t(db)
    .selectFrom('userRole')
    .innerJoin('role', 'role.id', 'userRole.roleId')
    .select('role.permissionsJson')
    .where('userRole.userId', '=', userId)
    .execute();
  const merged: Record<string, Set<string>> = {};
  for (const r of rows) {
    for (const [mod, actions] of Object.entries(fromJson<Permissions>(r.permissionsJson, {}))) {
      merged[mod] ??= new Set();
      for (const a of actions ?? []) merged[mod].add(a);
    }
  }
  return Object.fromEntries(Object.entries(merged).map(([m, s]) => [m, [...s].sort()])) as Permissions;
}

// ---------- users ----------
export interface UserRow extends Selectable<UserTable> {
  departmentName: string | null;
  roleIds: string[];
  roleNames: string[];
}

export interface UserFilter {
  companyId: string;
  q?: string | undefined;
  departmentId?: string | undefined;
  roleId?: string | undefined;
  isActive?: boolean | undefined;
  limit: number;
  offset: number;
}

export async function listUsers(db: Handle, f: UserFilter): Promise<{ rows: UserRow[]; total: number }> {
  let q = t(db)
    .selectFrom('appUser')
    .leftJoin('department', 'department.id', 'appUser.departmentId')
    .where('appUser.companyId', '=', f.companyId);
  if (f.q) {
    const text = f.q;
    q = q.where((e) => e.or([containsText(db, 'appUser.email', text), containsText(db, 'appUser.displayName', text)]));
  }
  if (f.departmentId) q = q.where('appUser.departmentId', '=', f.departmentId);
  if (f.isActive !== undefined) q = q.where('appUser.isActive', '=', f.isActive ? 1 : 0);
  if (f.roleId) {
    const roleId = f.roleId;
    q = q.where('appUser.id', 'in', (s) => s.selectFrom('userRole').select('userId').where('roleId', '=', roleId));
  }
  const [rows, count] = await Promise.all([
    q
      .selectAll('appUser')
      .select('department.name as departmentName')
      .orderBy('appUser.email')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: await withRoles(db, rows), total: Number(count.n) };
}

async function withRoles<T extends { id: string }>(db: Handle, users: T[]) {
  if (users.length === 0) return [];
  const links = await t(db)
    .selectFrom('userRole')
    .innerJoin('role', 'role.id', 'userRole.roleId')
    .select(['userRole.userId', 'role.id', 'role.name'])
    .where(
      'userRole.userId',
      'in',
      users.map((u) => u.id),
    )
    .orderBy('role.name')
    .execute();
  return users.map((u) => {
    const mine = links.filter((l) => l.userId === u.id);
    return { departmentName: null, ...u, roleIds: mine.map((l) => l.id), roleNames: mine.map((l) => l.name) };
  }) as (T & { departmentName: string | null; roleIds: string[]; roleNames: string[] })[];
}

export async function getUser(db: Handle, companyId: string, id: string): Promise<UserRow> {
  const row = await t(db)
    .selectFrom('appUser')
    .leftJoin('department', 'department.id', 'appUser.departmentId')
    .selectAll('appUser')
    .select('department.name as departmentName')
    .where('appUser.companyId', '=', companyId)
    .where('appUser.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('User', id);
  const [withR] = await withRoles(db, [row]);
  return withR!;
}

export async function findUserByEmail(db: Handle, email: string): Promise<Selectable<UserTable> | undefined> {
  return t(db).selectFrom('appUser').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

/** A user row as the operation log shows it: never the password hash. */
function loggable(u: Partial<Selectable<UserTable>> & { roleIds?: string[] }) {
  const { passwordHash, scopeJson, ...rest } = u;
  return {
    ...rest,
    ...(scopeJson !== undefined ? { scope: fromJson<Scope | null>(scopeJson, null) } : {}),
    ...(passwordHash !== undefined ? { password: '(changed)' } : {}),
  };
}

export async function insertUser(ctx: WriteContext, row: UserTable, roleIds: string[]): Promise<void> {
  await w(ctx).insertInto('appUser').values(row).execute();
  if (roleIds.length > 0) {
    await w(ctx)
      .insertInto('userRole')
      .values(roleIds.map((roleId) => ({ userId: row.id, roleId })))
      .execute();
  }
  const { passwordHash: _omit, ...shown } = row;
  await ctx.record({
    module: MODULE,
    entity: 'user',
    entityId: row.id,
    action: 'create',
    after: { ...loggable(shown), roleIds },
  });
}

export async function updateUser(
  ctx: WriteContext,
  companyId: string,
  id: string,
  patch: Partial<UserTable>,
  roleIds?: string[],
  action = 'update',
): Promise<void> {
  const before = await getUser(ctx.trx, companyId, id);
  const { departmentName: _d, roleNames: _r, roleIds: beforeRoles, ...beforeRow } = before;
  const next = { ...beforeRow, ...definedOnly(patch) };
  const diff = diffFields(beforeRow, next);
  const rolesChanged = roleIds !== undefined && [...roleIds].sort().join() !== [...beforeRoles].sort().join();
  if (!diff && !rolesChanged) return;
  if (diff) {
    next.updatedAt = ctx.clock.now();
    await w(ctx).updateTable('appUser').set(next).where('id', '=', id).execute();
  }
  if (rolesChanged && roleIds) {
    await w(ctx).deleteFrom('userRole').where('userId', '=', id).execute();
    if (roleIds.length > 0) {
      await w(ctx)
        .insertInto('userRole')
        .values(roleIds.map((roleId) => ({ userId: id, roleId })))
        .execute();
    }
  }
  await ctx.record({
    module: MODULE,
    entity: 'user',
    entityId: id,
    action,
    before: { ...loggable(diff?.before ?? {}), ...(rolesChanged ? { roleIds: beforeRoles } : {}) },
    after: { ...loggable(diff?.after ?? {}), ...(rolesChanged ? { roleIds } : {}) },
  });
}

// ---------- sessions ----------
export async function insertSession(ctx: WriteContext, row: SessionTable): Promise<void> {
  await w(ctx).insertInto('session').values(row).execute();
  await ctx.record({ module: MODULE, entity: 'session', entityId: row.userId, action: 'login', after: { ip: row.ip } });
}

export async function findSession(db: Handle, idHash: string): Promise<Selectable<SessionTable> | undefined> {
  return t(db).selectFrom('session').selectAll().where('idHash', '=', idHash).executeTakeFirst();
}

export async function deleteSession(ctx: WriteContext, idHash: string): Promise<void> {
  const s = await findSession(ctx.trx, idHash);
  if (!s) return;
  await w(ctx).deleteFrom('session').where('idHash', '=', idHash).execute();
  await ctx.record({ module: MODULE, entity: 'session', entityId: s.userId, action: 'logout' });
}

export async function deleteSessionsOfUser(ctx: WriteContext, userId: string, exceptIdHash?: string): Promise<void> {
  let q = w(ctx).deleteFrom('session').where('userId', '=', userId);
  if (exceptIdHash) q = q.where('idHash', '!=', exceptIdHash);
  await q.execute();
}

// ---------- API tokens ----------
export async function listApiTokens(db: Handle, userId: string): Promise<Selectable<ApiTokenTable>[]> {
  return t(db).selectFrom('apiToken').selectAll().where('userId', '=', userId).orderBy('createdAt', 'desc').execute();
}

export async function findApiTokenByHash(db: Handle, tokenHash: string) {
  return t(db).selectFrom('apiToken').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
}

export async function insertApiToken(ctx: WriteContext, row: ApiTokenTable): Promise<void> {
  await w(ctx).insertInto('apiToken').values(row).execute();
  const { tokenHash: _h, ...shown } = row;
  await ctx.record({ module: MODULE, entity: 'api_token', entityId: row.id, action: 'create', after: shown });
}

export async function revokeApiToken(ctx: WriteContext, userId: string, id: string): Promise<void> {
  const row = await t(ctx.trx)
    .selectFrom('apiToken')
    .selectAll()
    .where('id', '=', id)
    .where('userId', '=', userId)
    .executeTakeFirst();
  if (!row) throw notFound('API token', id);
  if (row.revokedAt) return;
  const now = ctx.clock.now();
  await w(ctx).updateTable('apiToken').set({ revokedAt: now }).where('id', '=', id).execute();
  await ctx.record({
    module: MODULE,
    entity: 'api_token',
    entityId: id,
    action: 'revoke',
    before: { revokedAt: null },
    after: { revokedAt: now },
  });
}

export async function touchApiToken(ctx: WriteContext, id: string): Promise<void> {
  await w(ctx).updateTable('apiToken').set({ lastUsedAt: ctx.clock.now() }).where('id', '=', id).execute();
  await ctx.record({ module: MODULE, entity: 'api_token', entityId: id, action: 'use' });
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export async function findUserById(db: Handle, id: string): Promise<Selectable<UserTable> | undefined> {
  return t(db).selectFrom('appUser').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Email → user id of a company's users (imports name owners by email). */
export async function mapUserEmails(db: Handle, companyId: string): Promise<Map<string, string>> {
  const rows = await t(db).selectFrom('appUser').select(['id', 'email']).where('companyId', '=', companyId).execute();
  return new Map(rows.map((r) => [r.email.toLowerCase(), r.id]));
}

/** Removes sessions past their expiry; returns how many. */
export async function deleteExpiredSessions(ctx: WriteContext, now: number): Promise<number> {
  const r = await w(ctx).deleteFrom('session').where('expiresAt', '<=', now).executeTakeFirst();
  const n = Number(r.numDeletedRows ?? 0);
  if (n > 0)
    await ctx.record({
      module: MODULE,
      entity: 'session',
      entityId: null,
      action: 'purge_expired',
      summary: `${n} expired sessions removed`,
    });
  return n;
}
