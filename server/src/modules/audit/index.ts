/** Public API of the audit module: read access to the operation log (written by platform/audit through runWrite). */
export { registerAuditRoutes } from './audit.routes.js';
