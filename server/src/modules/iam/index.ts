/** Public API of the iam module: company, departments, users, roles, sessions, API tokens. */
export { bootstrapCompany, findFirstCompany, findRoleIdByName, SYSTEM_ROLES } from './bootstrap.js';
export { createIamAdminService, type IamAdminService } from './iam.admin.service.js';
export { mapUserEmails } from './iam.repository.js';
export { credentialsOf, registerIamRoutes, SESSION_COOKIE, writeMetaOf } from './iam.routes.js';
export { type AuthService, actorOf, createAuthService, LOCKOUT_AFTER_FAILURES, type WriteMeta } from './iam.service.js';
export { purgeSessionsJob } from './jobs/purge-sessions.job.js';
