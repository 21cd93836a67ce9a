/** Tables owned by the iam module (camelCase; the database has snake_case). */
export interface CompanyTable {
  id: string;
  name: string;
  baseCurrency: string;
  timeZone: string;
  defaultLocale: string;
  createdAt: number;
  updatedAt: number;
}
export interface DepartmentTable {
  id: string;
  companyId: string;
  name: string;
  kind: string;
  createdAt: number;
}
export interface RoleTable {
  id: string;
  companyId: string;
  name: string;
  description: string | null;
  permissionsJson: string;
  isSystem: number;
  createdAt: number;
  updatedAt: number;
}
export interface UserTable {
  id: string;
  companyId: string;
  departmentId: string | null;
  email: string;
  displayName: string;
  passwordHash: string;
  locale: string;
  isActive: number;
  scopeJson: string;
  failedLogins: number;
  lockedUntil: number | null;
  lastLoginAt: number | null;
  createdAt: number;
  updatedAt: number;
}
export interface UserRoleTable {
  userId: string;
  roleId: string;
}
export interface SessionTable {
  idHash: string;
  userId: string;
  csrfToken: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: number;
  expiresAt: number;
  lastSeenAt: number;
}
export interface ApiTokenTable {
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  prefix: string;
  scopesJson: string;
  expiresAt: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
  createdAt: number;
}
export interface IamTables {
  company: CompanyTable;
  department: DepartmentTable;
  role: RoleTable;
  appUser: UserTable;
  userRole: UserRoleTable;
  session: SessionTable;
  apiToken: ApiTokenTable;
}
