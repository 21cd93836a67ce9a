import { AppError } from '../errors.js';

/** SQLite and PostgreSQL word constraint failures differently; this is the one place that knows both. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return (
    err.code === '23505' ||
    err.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint failed/.test(err.message ?? '')
  );
}

export function isForeignKeyViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return (
    err.code === '23503' ||
    err.code === 'SQLITE_CONSTRAINT_FOREIGNKEY' ||
    /FOREIGN KEY constraint failed/.test(err.message ?? '')
  );
}

/** Runs a write and turns a unique-key violation into CONFLICT naming the field, a foreign-key one into CONFLICT too. */
export async function conflictAs<T>(
  field: string,
  fn: () => Promise<T>,
  inUseMessage = 'It is still referenced by other records',
): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', `${field} already exists`, { field });
    if (isForeignKeyViolation(e)) throw new AppError('CONFLICT', inUseMessage, { field });
    throw e;
  }
}
