import { type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { migrations } from '../../../migrations/index.js';
import { AppError } from '../errors.js';
import { type AnyKysely, isPostgres } from './database.js';

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

/**
 * The migrator over the static migration list. On PostgreSQL its bookkeeping tables live in the connection's
 * current schema: Kysely otherwise looks for them across every schema of the database and can mistake another
 * schema's table for ours.
 */
export async function createMigrator(db: AnyKysely): Promise<Migrator> {
  let migrationTableSchema: string | undefined;
  if (isPostgres(db)) {
    const r = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = r.rows[0]?.schema;
  }
  return new Migrator({
    db,
    provider: new StaticProvider(),
    migrationTableName: 'yf_migration',
    migrationLockTableName: 'yf_migration_lock',
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
}

/** Applies every pending migration; returns the names applied. */
export async function migrateToLatest(db: AnyKysely): Promise<string[]> {
  const { error, results } = await (await createMigrator(db)).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new AppError('INTERNAL', `Migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Rolls back the newest applied migration; returns its name. */
export async function migrateDown(db: AnyKysely): Promise<string | null> {
  const { error, results } = await (await createMigrator(db)).migrateDown();
  if (error) throw new AppError('INTERNAL', `Rollback failed: ${(error as Error).message}`);
  return results?.[0]?.migrationName ?? null;
}
