import type { Kysely } from 'kysely';

// Conventions: ids text; instants bigint epoch ms (`_at`); business dates text YYYY-MM-DD (`_date`);
// money bigint minor units beside a `currency`; booleans integer 0/1; JSON as text — identical on both databases.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('operation_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text')
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('module', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('summary', 'text')
    .addColumn('request_id', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('operation_log_company_at').on('operation_log').columns(['company_id', 'at']).execute();
  await db.schema.createIndex('operation_log_entity').on('operation_log').columns(['entity', 'entity_id']).execute();

  await db.schema
    .createTable('job')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('queue', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('job_key', 'text')
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('backoff_ms', 'integer', (c) => c.notNull().defaultTo(1000))
    .addColumn('run_at', 'bigint', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('result_json', 'text')
    .addColumn('progress_json', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  await db.schema.createIndex('job_ready').on('job').columns(['queue', 'status', 'run_at']).execute();
  await db.schema.createIndex('job_key_unique').on('job').columns(['queue', 'job_key']).unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('job').ifExists().execute();
  await db.schema.dropTable('operation_log').ifExists().execute();
}
