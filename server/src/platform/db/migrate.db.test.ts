import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../migrations/index.js';
import { openTestDatabase, testDialect } from '../../../test/db.js';
import { createMigrator, migrateDown, migrateToLatest } from './migrate.js';

describe(`migrations on ${testDialect}`, () => {
  it('apply, roll back completely and apply again', async () => {
    const database = await openTestDatabase({ migrate: false });
    try {
      const applied = await migrateToLatest(database.db);
      expect(applied).toEqual(Object.keys(migrations));
      expect(await migrateToLatest(database.db)).toEqual([]);
      for (let i = 0; i < applied.length; i++) await migrateDown(database.db);
      const state = await (await createMigrator(database.db)).getMigrations();
      expect(state.every((m) => m.executedAt === undefined)).toBe(true);
      expect(await migrateToLatest(database.db)).toHaveLength(applied.length);
      const r = await sql<{ n: number }>`select count(*) as n from sku`.execute(database.db);
      expect(Number(r.rows[0]?.n)).toBe(0);
    } finally {
      await database.close();
    }
  });
});
