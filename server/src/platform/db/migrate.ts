import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import { migrations } from '../../../migrations/index.js';
import { AppError } from '../errors.js';
import type { AnyKysely } from './database.js';

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

export function createMigrator(db: AnyKysely): Migrator {
  return new Migrator({
    db,
    provider: new StaticProvider(),
    migrationTableName: 'yf_migration',
    migrationLockTableName: 'yf_migration_lock',
  });
}

/** Applies every pending migration; returns the names applied. */
export async function migrateToLatest(db: AnyKysely): Promise<string[]> {
  const { error, results } = await createMigrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new AppError('INTERNAL', `Migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function migrateDown(db: AnyKysely): Promise<string | null> {
  const { error, results } = await createMigrator(db).migrateDown();
  if (error) throw new AppError('INTERNAL', `Rollback failed: ${(error as Error).message}`);
  return results?.[0]?.migrationName ?? null;
}
