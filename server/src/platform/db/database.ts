import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CamelCasePlugin,
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  type RawBuilder,
  type SqlBool,
  SqliteDialect,
  sql,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import { AppError } from '../errors.js';

export type Dialect = 'sqlite' | 'postgres';

// biome-ignore lint/suspicious/noExplicitAny: the root handle is untyped; each module narrows it to its own tables.
export type AnyKysely = Kysely<any>;
// biome-ignore lint/suspicious/noExplicitAny: see AnyKysely.
export type AnyTransaction = Transaction<any>;
/** A handle typed to one module's tables (a Kysely instance or an open transaction). */
export type Db<T> = Kysely<T> | Transaction<T>;

export interface Database {
  db: AnyKysely;
  dialect: Dialect;
  /** The SQLite file (':memory:' for tests); undefined on PostgreSQL. */
  file?: string;
  close(): Promise<void>;
}

let pgTypesSet = false;
function setPgTypeParsers(): void {
  if (pgTypesSet) return;
  pgTypesSet = true;
  const toSafeInt = (v: string) => {
    const n = Number(v);
    if (!Number.isSafeInteger(n)) throw new AppError('INTERNAL', `Integer ${v} exceeds the safe range`);
    return n;
  };
  pg.types.setTypeParser(20, toSafeInt); // int8 / bigint / count(*)
  pg.types.setTypeParser(1700, (v: string) => v); // numeric stays a string: never a float
  pg.types.setTypeParser(1082, (v: string) => v); // date stays YYYY-MM-DD
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  sqlitePath?: string;
  poolSize?: number;
}

/** Opens SQLite (WAL) by default, PostgreSQL when a URL is given; both behind one Kysely handle with camelCase. */
export function openDatabase(opts: OpenOptions): Database {
  const plugins = [new CamelCasePlugin()];
  if (opts.databaseUrl) {
    setPgTypeParsers();
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    const db = new Kysely({ dialect: new PostgresDialect({ pool }), plugins });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const file = opts.sqlitePath ?? ':memory:';
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const handle = new SQLite(file);
  handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = NORMAL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  const db = new Kysely({ dialect: new SqliteDialect({ database: handle }), plugins });
  return { db, dialect: 'sqlite', file, close: () => db.destroy() };
}

/** Narrows the root handle to a module's tables: the one place where that cast lives. */
export function tables<T>(db: AnyKysely | AnyTransaction): Kysely<T> {
  return db as unknown as Kysely<T>;
}

export async function pingDatabase(db: AnyKysely): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/** JSON is stored as text on both databases so one code path reads it. */
export function toJson(v: unknown): string {
  return JSON.stringify(v);
}

export function fromJson<T>(v: unknown, fallback: T): T {
  if (v === null || v === undefined || v === '') return fallback;
  if (typeof v !== 'string') return v as T;
  try {
    return JSON.parse(v) as T;
  } catch {
    return fallback;
  }
}

/** Case-insensitive LIKE on both dialects, with the user's text escaped. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Case-insensitive "contains" on a column, the same on both dialects (the user's text is escaped). */
export function containsText(db: AnyKysely | AnyTransaction, column: string, text: string): RawBuilder<SqlBool> {
  const isPostgresLike = isPostgres(db);
  // SQLite's LIKE ignores ASCII case by itself (and lower() per row halves its speed); PostgreSQL needs ILIKE.
  return sql<SqlBool>`${sql.ref(column)} ${sql.raw(isPostgresLike ? 'ilike' : 'like')} ${likePattern(text)} escape '\\'`;
}

/**
 * Inserts many rows with precompiled multi-row statements, bypassing the query builder's per-value AST (the hot
 * path of imports). Column names are camelCase keys of the first row, mapped to snake_case; every row must have
 * the same keys. Placeholders follow the dialect of the handle.
 */
export async function insertMany(
  db: AnyKysely | AnyTransaction,
  table: string,
  rows: readonly object[],
  rowsPerStatement = 100,
): Promise<void> {
  if (rows.length === 0) return;
  const keys = Object.keys(rows[0]!);
  const cols = keys.map((k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
  if (![table, ...cols].every((n) => /^[a-z_][a-z0-9_]*$/.test(n)))
    throw new Error(`insertMany: unsafe identifier in ${table}`);
  const postgres = isPostgres(db);
  const head = `insert into ${table} (${cols.join(', ')}) values `;
  const tuple = (offset: number) => `(${keys.map((_, i) => (postgres ? `$${offset + i + 1}` : '?')).join(', ')})`;
  const sqlFor = new Map<number, string>();
  for (let i = 0; i < rows.length; i += rowsPerStatement) {
    const chunk = rows.slice(i, i + rowsPerStatement);
    let text = sqlFor.get(chunk.length);
    if (!text) {
      text = head + chunk.map((_, r) => tuple(r * keys.length)).join(', ');
      sqlFor.set(chunk.length, text);
    }
    const params: unknown[] = new Array(chunk.length * keys.length);
    let n = 0;
    for (const row of chunk) for (const k of keys) params[n++] = (row as Record<string, unknown>)[k] ?? null;
    await db.executeQuery(CompiledQuery.raw(text, params));
  }
}

/** Whether a handle talks to PostgreSQL (for the few SQL spellings that differ; keep them in this file). */
export function isPostgres(db: AnyKysely | AnyTransaction): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
