import type { Kysely } from 'kysely';

// The listings grid sorts and filters 100k+ rows per company: one index per sortable column (so a page walks the
// index and stops after offset + limit) and one covering index for the filter combinations the counts use.
const SORTS = ['seller_sku', 'price_minor', 'updated_at', 'asin', 'status', 'title'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const col of SORTS) {
    await db.schema.createIndex(`listing_sort_${col}`).on('listing').columns(['company_id', col, 'id']).execute();
  }
  await db.schema
    .createIndex('listing_filters')
    .on('listing')
    .columns(['company_id', 'store_id', 'marketplace_id', 'status', 'fulfillment_channel', 'operator_id'])
    .execute();
  await db.schema.createIndex('sku_sort_name').on('sku').columns(['company_id', 'name']).execute();
  await db.schema.createIndex('sku_sort_updated').on('sku').columns(['company_id', 'updated_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const col of SORTS) await db.schema.dropIndex(`listing_sort_${col}`).ifExists().execute();
  await db.schema.dropIndex('listing_filters').ifExists().execute();
  await db.schema.dropIndex('sku_sort_name').ifExists().execute();
  await db.schema.dropIndex('sku_sort_updated').ifExists().execute();
}
