import type { Kysely } from 'kysely';

// SP-API notifications received from each store's queue: one row per notification id (dedupe across redeliveries),
// with what became of it (handled, ignored with the reason, failed with the error).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notification_inbox')
    .addColumn('store_id', 'text', (c) => c.notNull().references('store.id').onDelete('cascade'))
    .addColumn('notification_id', 'text', (c) => c.notNull())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('notification_type', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('event_time', 'bigint')
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('notification_inbox_pk', ['store_id', 'notification_id'])
    .execute();
  await db.schema
    .createIndex('notification_inbox_recent')
    .on('notification_inbox')
    .columns(['company_id', 'received_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notification_inbox').ifExists().execute();
}
