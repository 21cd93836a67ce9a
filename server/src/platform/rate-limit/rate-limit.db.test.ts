import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll } from 'vitest';
import { describeRateLimiterContract } from './rate-limiter.contract.js';
import { createRateLimiter } from './rate-limiter.js';

// Two handles on one SQLite file stand for two processes sharing the embedded database.
const dir = mkdtempSync(join(tmpdir(), 'yf-rl-'));
const handles: SQLite.Database[] = [];
afterAll(() => {
  for (const h of handles) h.close();
  rmSync(dir, { recursive: true, force: true });
});

describeRateLimiterContract(
  'sqlite',
  async () => {
    const handle = new SQLite(join(dir, 'app.db'));
    handle.pragma('journal_mode = WAL');
    handle.pragma('busy_timeout = 5000');
    handles.push(handle);
    return createRateLimiter({ kind: 'sqlite', database: handle });
  },
  { shared: true },
);

const url = process.env.TEST_DATABASE_URL;
if (url) {
  // rate-limiter-flexible creates its table in the default schema; the rows of this run are removed afterwards
  const keyPrefix = `rltest${randomBytes(4).toString('hex')}`;
  describeRateLimiterContract('postgres', async () => createRateLimiter({ kind: 'postgres', url }), {
    shared: true,
    keyPrefix,
  });
  afterAll(async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('delete from rate_limit_bucket where key like $1', [`%:${keyPrefix}-%`]);
    await client.end();
  });
}
