import { userInfo } from 'node:os';
import type { Readable } from 'node:stream';
import type { ImportReport, Locale } from '@yangfan/contracts';
import cliProgress from 'cli-progress';
import { exportListings, exportProducts, importCatalogFile } from '../modules/catalog/index.js';
import {
  bootstrapCompany,
  findFirstCompany,
  findRoleIdByName,
  mapUserEmails,
  type WriteMeta,
} from '../modules/iam/index.js';
import { findMarketplace, type Region } from '../modules/stores/index.js';
import type { Principal } from '../platform/auth/principal.js';
import { loadConfig } from '../platform/config.js';
import { AppError } from '../platform/errors.js';
import { createLogger } from '../platform/logger.js';
import { createRuntime, type Runtime } from './runtime.js';

/** Opens the runtime for one CLI command and always closes it. */
export async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const rt = await createRuntime(config, { logger: createLogger(process.env.YANGFAN_LOG_LEVEL ?? 'warn') });
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

/** The CLI acts for the company as an administrator; the operation log names the OS user. */
export async function cliContext(rt: Runtime): Promise<{ principal: Principal; meta: WriteMeta }> {
  const company = await findFirstCompany(rt.database.db);
  if (!company)
    throw new AppError('NOT_FOUND', 'No company yet: create one with `yangfan user add` or `yangfan start --demo`');
  const name = `cli:${userInfo().username}`;
  return {
    principal: {
      kind: 'session',
      userId: '',
      companyId: company.id,
      name,
      permissions: { catalog: ['view', 'edit', 'export'], stores: ['view', 'edit'], orders: ['view', 'export'] },
      scope: { allStores: true, storeIds: [], marketplaceIds: [], productLines: [], ownOnly: false },
    },
    meta: { actor: { type: 'system', id: null, name, companyId: company.id }, source: 'cli' },
  };
}

export async function cliAddUser(
  rt: Runtime,
  o: {
    email: string;
    name: string;
    password?: string;
    role: string;
    company: string;
    currency: string;
    locale: Locale;
  },
) {
  const password = o.password ?? process.env.YANGFAN_PASSWORD;
  if (!password || password.length < 10)
    throw new AppError('INVALID_INPUT', 'Give a password of at least 10 characters (--password or YANGFAN_PASSWORD)');
  const actorName = `cli:${userInfo().username}`;
  let company = await findFirstCompany(rt.database.db);
  if (!company) {
    await bootstrapCompany(
      { db: rt.database.db, clock: rt.clock },
      { name: o.company, baseCurrency: o.currency.toUpperCase(), timeZone: 'Asia/Shanghai', locale: o.locale },
      { type: 'system', id: null, name: actorName, companyId: null },
    );
    company = await findFirstCompany(rt.database.db);
    process.stdout.write(`created company "${o.company}"\n`);
  }
  const roleId = await findRoleIdByName({ db: rt.database.db, clock: rt.clock }, company!.id, o.role);
  if (!roleId) throw new AppError('INVALID_INPUT', `No role named "${o.role}"`);
  const { meta } = await cliContext(rt);
  const email = o.email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
    throw new AppError('INVALID_INPUT', `"${o.email}" is not an email address`);
  const u = await rt.services.admin.createUser({ companyId: company!.id }, meta, {
    email,
    displayName: o.name,
    password,
    roleIds: [roleId],
    scope: { allStores: true, storeIds: [], marketplaceIds: [], productLines: [], ownOnly: false },
    locale: o.locale,
  });
  process.stdout.write(`added user ${u.email} (${u.id}) with role ${o.role}\n`);
}

export async function cliAddStore(
  rt: Runtime,
  o: {
    name: string;
    region: string;
    sellerId: string;
    marketplaces: string;
    clientId?: string;
    clientSecret?: string;
    refreshToken?: string;
    spapiEndpoint?: string;
    lwaEndpoint?: string;
    adsEndpoint?: string;
    queueUrl?: string;
  },
) {
  const { principal, meta } = await cliContext(rt);
  const creds = [o.clientId, o.clientSecret, o.refreshToken];
  if (creds.some(Boolean) && !creds.every(Boolean))
    throw new AppError('INVALID_INPUT', 'Give all three of --client-id, --client-secret and --refresh-token, or none');
  const marketplaceIds = o.marketplaces.split(',').map((s) => {
    const m = findMarketplace(s.trim());
    if (!m) throw new AppError('INVALID_INPUT', `Unknown marketplace "${s.trim()}"`);
    return m.marketplaceId;
  });
  for (const [flag, url] of [
    ['--spapi-endpoint', o.spapiEndpoint],
    ['--lwa-endpoint', o.lwaEndpoint],
    ['--ads-endpoint', o.adsEndpoint],
    ['--queue-url', o.queueUrl],
  ] as const) {
    if (url && !/^https?:\/\/[^\s]+$/.test(url))
      throw new AppError('INVALID_INPUT', `${flag}: "${url}" is not an http(s) URL`);
  }
  const endpoints = Object.fromEntries(
    Object.entries({ spApi: o.spapiEndpoint, lwa: o.lwaEndpoint, ads: o.adsEndpoint, queueUrl: o.queueUrl }).filter(
      ([, v]) => v,
    ),
  );
  if (!/^[A-Z0-9]{6,20}$/.test(o.sellerId))
    throw new AppError('INVALID_INPUT', `"${o.sellerId}" is not an Amazon seller id`);
  const s = await rt.services.stores.create(principal, meta, {
    name: o.name,
    region: o.region.toUpperCase() as Region,
    sellerId: o.sellerId,
    marketplaceIds,
    ...(o.clientId
      ? { credentials: { clientId: o.clientId, clientSecret: o.clientSecret!, refreshToken: o.refreshToken! } }
      : {}),
    endpoints,
  });
  process.stdout.write(
    `added store ${s.name} (${s.id}) in ${s.region}: ${s.marketplaceIds.join(', ')}${s.hasCredentials ? ', credentials encrypted' : ''}\n`,
  );
}

/** Imports with a progress bar; prints the row report; returns false when the file was rejected. */
export async function cliImportCatalog(
  rt: Runtime,
  o: { kind: 'products' | 'listings'; dryRun: boolean; stream: Readable; fileName: string },
): Promise<boolean> {
  const { principal, meta } = await cliContext(rt);
  const bar = new cliProgress.SingleBar(
    { format: 'reading {value} rows | {duration}s', stream: process.stderr, noTTYOutput: false },
    cliProgress.Presets.shades_classic,
  );
  bar.start(0, 0);
  try {
    const report = await importCatalogFile(
      { db: rt.database.db, clock: rt.clock, stores: rt.services.stores },
      principal,
      meta,
      { ...o, file: o.stream, onProgress: (n) => bar.update(n) },
    );
    bar.stop();
    printImportReport(report);
    return report.status === 'ok';
  } finally {
    bar.stop();
  }
}

/** Prints an import's rejected rows (line, column, reason) and its summary line. */
export function printImportReport(report: ImportReport): void {
  for (const e of report.errors)
    process.stdout.write(
      `line ${e.line}${e.column ? `, ${e.column}` : ''}: ${e.reason}${e.value !== undefined ? ` (${JSON.stringify(e.value)})` : ''}\n`,
    );
  process.stdout.write(
    `${report.status === 'ok' ? (report.dryRun ? 'dry run OK' : 'imported') : 'REJECTED (nothing written)'}: ${report.rowsTotal} rows, ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.errors.length} errors\n`,
  );
}

export async function cliExportCatalog(
  rt: Runtime,
  kind: 'products' | 'listings',
  format: 'xlsx' | 'csv',
): Promise<Readable> {
  const { principal } = await cliContext(rt);
  const emails = new Map([...(await mapUserEmails(rt.database.db, principal.companyId))].map(([e, id]) => [id, e]));
  const q = { limit: 50, offset: 0 };
  return kind === 'products'
    ? exportProducts(rt.database.db, principal, q, format, emails)
    : exportListings(rt.database.db, principal, q, format, rt.services.stores, emails);
}
