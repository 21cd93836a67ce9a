import {
  apiTokenSchema,
  companySchema,
  createApiTokenSchema,
  createDepartmentSchema,
  createdApiTokenSchema,
  createRoleSchema,
  createUserSchema,
  departmentSchema,
  idParamsSchema,
  listResponse,
  listUsersQuerySchema,
  loginBodySchema,
  MODULE_ACTIONS,
  type Module,
  permissionCatalogSchema,
  roleSchema,
  sessionResponseSchema,
  updateCompanySchema,
  updateDepartmentSchema,
  updateMeBodySchema,
  updateRoleSchema,
  updateUserSchema,
  userSchema,
} from '@yangfan/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { principalOf } from '../../platform/http/access.js';
import type { App } from '../../platform/http/create-http-server.js';
import type { IamAdminService } from './iam.admin.service.js';
import { type AuthService, actorOf, SESSION_TTL_MS, type WriteMeta } from './iam.service.js';

export const SESSION_COOKIE = 'yf_session';

/** The write metadata of a request: who, through which channel (UI session or API token), which request. */
export function writeMetaOf(req: FastifyRequest): WriteMeta {
  const p = principalOf(req);
  return { actor: actorOf(p), source: p.kind === 'token' ? 'api' : 'ui', requestId: req.id };
}

/** Reads the session cookie or the bearer token of a request. */
export function credentialsOf(req: FastifyRequest): { sessionToken?: string; bearer?: string } {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return { bearer: auth.slice(7).trim() };
  const c = req.cookies[SESSION_COOKIE];
  return c ? { sessionToken: c } : {};
}

export function registerIamRoutes(
  app: App,
  deps: { auth: AuthService; admin: IamAdminService; cookieSecure: boolean },
) {
  const { auth, admin } = deps;
  const settings = (action: 'view' | 'edit') => ({ access: { module: 'settings' as Module, action } });
  const users = (action: 'view' | 'edit') => ({ access: { module: 'users' as Module, action } });
  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.cookieSecure,
      path: '/',
      maxAge: SESSION_TTL_MS / 1000,
    });

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], body: loginBodySchema, response: { 200: sessionResponseSchema } },
    },
    async (req, reply) => {
      const r = await auth.login({ ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
      setCookie(reply, r.token);
      const p = await auth.authenticate({ sessionToken: r.token });
      return { user: await auth.me(p!), csrfToken: r.csrfToken };
    },
  );
  app.post(
    '/api/auth/logout',
    { config: { access: 'authenticated' }, schema: { tags: ['auth'] } },
    async (req, reply) => {
      await auth.logout(principalOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/auth/me',
    { config: { access: 'authenticated' }, schema: { tags: ['auth'], response: { 200: sessionResponseSchema } } },
    async (req) => {
      const p = principalOf(req);
      return { user: await auth.me(p), csrfToken: p.csrfToken ?? '' };
    },
  );
  app.patch(
    '/api/auth/me',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], body: updateMeBodySchema, response: { 200: sessionResponseSchema } },
    },
    async (req) => {
      const p = principalOf(req);
      await auth.updateMe(p, writeMetaOf(req), req.body);
      return { user: await auth.me(p), csrfToken: p.csrfToken ?? '' };
    },
  );

  app.get(
    '/api/company',
    { config: settings('view'), schema: { tags: ['settings'], response: { 200: companySchema } } },
    async (req) => admin.getCompany(principalOf(req)),
  );
  app.patch(
    '/api/company',
    {
      config: settings('edit'),
      schema: { tags: ['settings'], body: updateCompanySchema, response: { 200: companySchema } },
    },
    async (req) => admin.updateCompany(principalOf(req), writeMetaOf(req), req.body),
  );

  app.get(
    '/api/departments',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['settings'], response: { 200: listResponse(departmentSchema) } },
    },
    async (req) => admin.listDepartments(principalOf(req)),
  );
  app.post(
    '/api/departments',
    {
      config: settings('edit'),
      schema: { tags: ['settings'], body: createDepartmentSchema, response: { 201: departmentSchema } },
    },
    async (req, reply) =>
      reply.status(201).send(await admin.createDepartment(principalOf(req), writeMetaOf(req), req.body)),
  );
  app.patch(
    '/api/departments/:id',
    {
      config: settings('edit'),
      schema: {
        tags: ['settings'],
        params: idParamsSchema,
        body: updateDepartmentSchema,
        response: { 200: departmentSchema },
      },
    },
    async (req) => admin.updateDepartment(principalOf(req), writeMetaOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/departments/:id',
    { config: settings('edit'), schema: { tags: ['settings'], params: idParamsSchema } },
    async (req, reply) => {
      await admin.deleteDepartment(principalOf(req), writeMetaOf(req), req.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/permissions/catalog',
    { config: { access: 'authenticated' }, schema: { tags: ['users'], response: { 200: permissionCatalogSchema } } },
    async () => ({
      modules: Object.entries(MODULE_ACTIONS).map(([module, actions]) => ({
        module: module as Module,
        actions: [...actions],
      })),
    }),
  );
  app.get(
    '/api/roles',
    { config: users('view'), schema: { tags: ['users'], response: { 200: listResponse(roleSchema) } } },
    async (req) => admin.listRoles(principalOf(req)),
  );
  app.post(
    '/api/roles',
    { config: users('edit'), schema: { tags: ['users'], body: createRoleSchema, response: { 201: roleSchema } } },
    async (req, reply) => reply.status(201).send(await admin.createRole(principalOf(req), writeMetaOf(req), req.body)),
  );
  app.patch(
    '/api/roles/:id',
    {
      config: users('edit'),
      schema: { tags: ['users'], params: idParamsSchema, body: updateRoleSchema, response: { 200: roleSchema } },
    },
    async (req) => admin.updateRole(principalOf(req), writeMetaOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/roles/:id',
    { config: users('edit'), schema: { tags: ['users'], params: idParamsSchema } },
    async (req, reply) => {
      await admin.deleteRole(principalOf(req), writeMetaOf(req), req.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/users',
    {
      config: users('view'),
      schema: { tags: ['users'], querystring: listUsersQuerySchema, response: { 200: listResponse(userSchema) } },
    },
    async (req) => {
      const q = req.query;
      return admin.listUsers(principalOf(req), {
        q: q.q,
        departmentId: q.departmentId,
        roleId: q.roleId,
        isActive: q.isActive === undefined ? undefined : q.isActive === 'true',
        limit: q.limit,
        offset: q.offset,
      });
    },
  );
  app.get(
    '/api/users/:id',
    { config: users('view'), schema: { tags: ['users'], params: idParamsSchema, response: { 200: userSchema } } },
    async (req) => admin.getUser(principalOf(req), req.params.id),
  );
  app.post(
    '/api/users',
    { config: users('edit'), schema: { tags: ['users'], body: createUserSchema, response: { 201: userSchema } } },
    async (req, reply) => reply.status(201).send(await admin.createUser(principalOf(req), writeMetaOf(req), req.body)),
  );
  app.patch(
    '/api/users/:id',
    {
      config: users('edit'),
      schema: { tags: ['users'], params: idParamsSchema, body: updateUserSchema, response: { 200: userSchema } },
    },
    async (req) => admin.updateUser(principalOf(req), writeMetaOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/users/:id/unlock',
    { config: users('edit'), schema: { tags: ['users'], params: idParamsSchema, response: { 200: userSchema } } },
    async (req) => admin.unlockUser(principalOf(req), writeMetaOf(req), req.params.id),
  );

  app.get(
    '/api/api-tokens',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], response: { 200: listResponse(apiTokenSchema) } },
    },
    async (req) => admin.listApiTokens(principalOf(req)),
  );
  app.post(
    '/api/api-tokens',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], body: createApiTokenSchema, response: { 201: createdApiTokenSchema } },
    },
    async (req, reply) =>
      reply.status(201).send(await admin.createApiToken(principalOf(req), writeMetaOf(req), req.body)),
  );
  app.delete(
    '/api/api-tokens/:id',
    { config: { access: 'authenticated' }, schema: { tags: ['auth'], params: idParamsSchema } },
    async (req, reply) => {
      await admin.revokeApiToken(principalOf(req), writeMetaOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
