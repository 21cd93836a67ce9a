/** Public API of the iam module: company, departments, users, roles, sessions, API tokens. */
export { bootstrapCompany, findFirstCompany, findRoleIdByName, SYSTEM_ROLES } from './bootstrap.js';
export { createIamAdminService, type IamAdminService } from './iam.admin.service.js';
export { credentialsOf, registerIamRoutes, SESSION_COOKIE, writeMetaOf } from './iam.routes.js';
export { mapUserEmails } from './iam.repository.js';
export { purgeSessionsJob } from './jobs/purge-sessions.job.js';
export { actorOf, createAuthService, type AuthService, type WriteMeta, LOCKOUT_AFTER_FAILURES } from './iam.service.js';
