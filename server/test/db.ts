import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';

/** Which database the DB tests run on: SQLite by default, PostgreSQL when TEST_DATABASE_URL is set. */
export const testDialect: 'sqlite' | 'postgres' = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';

/**
 * A fresh, migrated database for one test file: in-memory SQLite, or a new schema on the PostgreSQL server
 * (dropped again by `close`), so test files never see each other's rows.
 */
export async function openTestDatabase(opts: { migrate?: boolean } = {}): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const database = openDatabase({ sqlitePath: ':memory:' });
    if (opts.migrate !== false) await migrateToLatest(database.db);
    return database;
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const sep = url.includes('?') ? '&' : '?';
  const database = openDatabase({
    databaseUrl: `${url}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    poolSize: 5,
  });
  if (opts.migrate !== false) await migrateToLatest(database.db);
  return {
    ...database,
    async close() {
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}
