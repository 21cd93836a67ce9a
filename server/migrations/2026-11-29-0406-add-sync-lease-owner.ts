import type { Kysely } from 'kysely';

// Which process holds a sync run's lease (`host:pid`): a run whose process is gone on this host is taken over at once
// instead of after the lease expires.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sync_state').addColumn('lease_owner', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sync_state').dropColumn('lease_owner').execute();
}
