import type { Action, Module } from '@yangfan/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { assertCan, type Principal } from '../auth/principal.js';
import { AppError } from '../errors.js';

/** Every /api route declares who may call it; a route without a declaration fails at start-up. */
export type Access = 'public' | 'authenticated' | { module: Module; action: Action };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** Every /api route with its access rule (tests walk it to check each route). */
    accessRules: { method: string; url: string; access: Access }[];
  }
}

export type Authenticator = (req: FastifyRequest) => Promise<Principal | null>;

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Installs authentication, CSRF and permission checks for every /api route. */
export function installAccessControl(app: FastifyInstance, authenticate: Authenticator): void {
  app.decorateRequest('principal', null);
  const rules: { method: string; url: string; access: Access }[] = [];
  app.decorate('accessRules', rules);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const access = (route.config as { access?: Access } | undefined)?.access;
    if (!access) throw new Error(`Route ${route.method} ${route.url} declares no access rule`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') rules.push({ method, url: route.url, access });
  });
  // onRequest: before the body is parsed or validated, so strangers learn nothing about a route's schema.
  app.addHook('onRequest', async (req) => {
    const access = req.routeOptions.config?.access;
    if (!access || access === 'public') return;
    const principal = await authenticate(req);
    if (!principal) throw new AppError('UNAUTHORIZED', 'Sign in or send a valid API token');
    if (principal.kind === 'session' && UNSAFE.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || sent !== principal.csrfToken) {
        throw new AppError('CSRF_INVALID', 'Missing or wrong x-csrf-token header');
      }
    }
    req.principal = principal;
    if (access !== 'authenticated') assertCan(principal, access.module, access.action);
  });
}

/** The principal of a request whose route is not public. */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError('UNAUTHORIZED', 'Not signed in');
  return req.principal;
}
