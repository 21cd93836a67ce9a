import { type Locale, type Me, type Scope, scopeSchema } from '@yangfan/contracts';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { type Actor, runWrite, type WriteSource } from '../../platform/audit.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import { randomToken, sha256Hex } from '../../platform/crypto.js';
import { type AnyKysely, fromJson } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './iam.repository.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import { intersectWithScopes } from './permissions.js';

export const SESSION_TTL_MS = 7 * 24 * 3600_000;
export const LOCKOUT_AFTER_FAILURES = 5;
export const LOCKOUT_MS = 15 * 60_000;
const TOKEN_TOUCH_MS = 3600_000;
export const PRINCIPAL_TTL_MS = 3000;

export interface IamDeps {
  db: AnyKysely;
  clock: Clock;
}

export interface WriteMeta {
  actor: Actor;
  source: WriteSource;
  requestId?: string | null;
}

/** The actor a principal writes as. */
export function actorOf(p: Principal): Actor {
  return { type: p.kind === 'token' ? 'token' : 'user', id: p.userId, name: p.name, companyId: p.companyId };
}

const DEFAULT_SCOPE: Scope = { allStores: true, storeIds: [], marketplaceIds: [], productLines: [], ownOnly: false };

export function parseScope(json: string): Scope {
  const parsed = scopeSchema.safeParse(fromJson(json, DEFAULT_SCOPE));
  return parsed.success ? parsed.data : DEFAULT_SCOPE;
}

/** Sign-in, sessions and API-token authentication. */
export function createAuthService(deps: IamDeps) {
  const { db, clock } = deps;
  // Per IP and per account, so one attacker cannot spray many accounts nor hammer one from many IPs.
  const perIp = new RateLimiterMemory({ points: 30, duration: 15 * 60 });
  const perAccount = new RateLimiterMemory({ points: 10, duration: 15 * 60 });
  const system = (companyId: string | null): Actor => ({ type: 'system', id: null, name: 'auth', companyId });

  async function consume(limiter: RateLimiterMemory, key: string): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (e) {
      const ms = (e as { msBeforeNext?: number }).msBeforeNext ?? 60_000;
      throw new AppError('RATE_LIMITED', 'Too many sign-in attempts; wait and try again', { retryAfterMs: ms });
    }
  }

  async function login(input: { email: string; password: string; ip: string; userAgent: string | null }) {
    const email = input.email.trim().toLowerCase();
    await consume(perIp, input.ip);
    await consume(perAccount, email);
    const user = await repo.findUserByEmail(db, email);
    if (!user) {
      await verifyPassword(await dummyPasswordHash(), input.password);
      throw new AppError('UNAUTHORIZED', 'Wrong email or password');
    }
    const now = clock.now();
    if (user.lockedUntil && user.lockedUntil > now) {
      throw new AppError('ACCOUNT_LOCKED', 'Account locked after repeated failed sign-ins', {
        lockedUntil: user.lockedUntil,
      });
    }
    const ok = await verifyPassword(user.passwordHash, input.password);
    if (!ok || !user.isActive) {
      const failures = user.failedLogins + 1;
      const lock = failures >= LOCKOUT_AFTER_FAILURES;
      await runWrite(db, { actor: system(user.companyId), source: 'system', clock }, (ctx) =>
        repo.updateUser(
          ctx,
          user.companyId,
          user.id,
          { failedLogins: lock ? 0 : failures, lockedUntil: lock ? now + LOCKOUT_MS : user.lockedUntil },
          undefined,
          lock ? 'lock' : 'login_failed',
        ),
      );
      if (lock)
        throw new AppError('ACCOUNT_LOCKED', 'Account locked after repeated failed sign-ins', {
          lockedUntil: now + LOCKOUT_MS,
        });
      throw new AppError('UNAUTHORIZED', user.isActive ? 'Wrong email or password' : 'This account is disabled');
    }
    const token = randomToken(32);
    const csrfToken = randomToken(24);
    const actor: Actor = { type: 'user', id: user.id, name: user.displayName, companyId: user.companyId };
    await runWrite(db, { actor, source: 'ui', clock }, async (ctx) => {
      await repo.updateUser(
        ctx,
        user.companyId,
        user.id,
        { failedLogins: 0, lockedUntil: null, lastLoginAt: now },
        undefined,
        'login_succeeded',
      );
      await repo.insertSession(ctx, {
        idHash: sha256Hex(token),
        userId: user.id,
        csrfToken,
        ip: input.ip,
        userAgent: input.userAgent?.slice(0, 300) ?? null,
        createdAt: now,
        expiresAt: now + SESSION_TTL_MS,
        lastSeenAt: now,
      });
    });
    return { token, csrfToken, userId: user.id, companyId: user.companyId };
  }

  async function logout(p: Principal): Promise<void> {
    if (!p.sessionIdHash) return;
    const idHash = p.sessionIdHash;
    for (const [k, v] of cache) if (v.p.sessionIdHash === idHash) cache.delete(k);
    await runWrite(db, { actor: actorOf(p), source: 'ui', clock }, (ctx) => repo.deleteSession(ctx, idHash));
  }

  async function principalForUser(userId: string, kind: Principal['kind']): Promise<Principal | null> {
    const user = await repo.findUserById(db, userId);
    if (!user?.isActive) return null;
    return {
      kind,
      userId: user.id,
      companyId: user.companyId,
      name: user.displayName,
      permissions: await repo.loadPermissions(db, user.id),
      scope: parseScope(user.scopeJson),
    };
  }

  // Principals are cached for a few seconds: a grid scrolls with many requests a second, each needing the session,
  // the user and the roles. Sign-out, and every change made through the admin service (users, roles, tokens), clears
  // the cache at once; only changes made directly in the database wait up to PRINCIPAL_TTL_MS.
  const cache = new Map<string, { p: Principal; until: number }>();
  async function authenticate(input: { sessionToken?: string | undefined; bearer?: string | undefined }) {
    const key = input.bearer ? `b:${input.bearer}` : input.sessionToken ? `s:${input.sessionToken}` : null;
    if (!key) return null;
    const now = clock.now();
    const hit = cache.get(key);
    if (hit && hit.until > now) return hit.p;
    const p = await authenticateUncached(input);
    if (cache.size > 10_000) cache.clear();
    if (p) cache.set(key, { p, until: now + PRINCIPAL_TTL_MS });
    else cache.delete(key);
    return p;
  }

  /** Resolves a session cookie or a bearer token to a principal; null when neither is valid. */
  async function authenticateUncached(input: { sessionToken?: string | undefined; bearer?: string | undefined }) {
    const now = clock.now();
    if (input.bearer) {
      const row = await repo.findApiTokenByHash(db, sha256Hex(input.bearer));
      if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
      const p = await principalForUser(row.userId, 'token');
      if (!p) return null;
      if (!row.lastUsedAt || now - row.lastUsedAt > TOKEN_TOUCH_MS) {
        await runWrite(
          db,
          { actor: { type: 'token', id: p.userId, name: p.name, companyId: p.companyId }, source: 'api', clock },
          (ctx) => repo.touchApiToken(ctx, row.id),
        );
      }
      return {
        ...p,
        tokenId: row.id,
        permissions: intersectWithScopes(p.permissions, fromJson<string[]>(row.scopesJson, [])),
      };
    }
    if (input.sessionToken) {
      const idHash = sha256Hex(input.sessionToken);
      const s = await repo.findSession(db, idHash);
      if (!s || s.expiresAt <= now) return null;
      const p = await principalForUser(s.userId, 'session');
      return p ? { ...p, csrfToken: s.csrfToken, sessionIdHash: idHash } : null;
    }
    return null;
  }

  async function me(p: Principal): Promise<Me> {
    const user = await repo.getUser(db, p.companyId, p.userId);
    const company = await repo.getCompany(db, p.companyId);
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      locale: user.locale as Locale,
      companyId: company.id,
      companyName: company.name,
      baseCurrency: company.baseCurrency,
      departmentId: user.departmentId,
      roleIds: user.roleIds,
      permissions: p.permissions,
      scope: p.scope,
    };
  }

  async function updateMe(
    p: Principal,
    meta: WriteMeta,
    input: {
      locale?: Locale | undefined;
      displayName?: string | undefined;
      currentPassword?: string | undefined;
      newPassword?: string | undefined;
    },
  ): Promise<void> {
    const patch: { locale?: string; displayName?: string; passwordHash?: string } = {};
    if (input.locale) patch.locale = input.locale;
    if (input.displayName) patch.displayName = input.displayName;
    if (input.newPassword) {
      const user = await repo.findUserById(db, p.userId);
      if (!user || !input.currentPassword || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
        throw new AppError('INVALID_INPUT', 'Current password is wrong', { field: 'currentPassword' });
      }
      patch.passwordHash = await hashPassword(input.newPassword);
    }
    await runWrite(db, { ...meta, clock }, async (ctx) => {
      await repo.updateUser(ctx, p.companyId, p.userId, patch);
      if (patch.passwordHash) await repo.deleteSessionsOfUser(ctx, p.userId, p.sessionIdHash);
    });
    if (patch.passwordHash) cache.clear();
  }

  return { login, logout, authenticate, me, updateMe, invalidatePrincipals: () => cache.clear() };
}

export type AuthService = ReturnType<typeof createAuthService>;
