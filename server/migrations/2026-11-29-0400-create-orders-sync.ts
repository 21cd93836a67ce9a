import type { Kysely } from 'kysely';

// Orders as Amazon reports them (API and flat files), their status history, and the sync bookkeeping per store and
// data type (cursor, last run, errors with Amazon request ids, per-operation quota use).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('amazon_order')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('company.id'))
    .addColumn('store_id', 'text', (c) => c.notNull().references('store.id'))
    .addColumn('marketplace_id', 'text', (c) => c.notNull())
    .addColumn('amazon_order_id', 'text', (c) => c.notNull())
    .addColumn('purchase_at', 'bigint', (c) => c.notNull())
    .addColumn('purchase_date', 'text', (c) => c.notNull())
    .addColumn('last_updated_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('fulfillment_channel', 'text')
    .addColumn('sales_channel', 'text')
    .addColumn('service_level', 'text')
    .addColumn('is_prime', 'integer', (c) => c.notNull())
    .addColumn('is_business', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('total_minor', 'bigint', (c) => c.notNull())
    .addColumn('units', 'integer', (c) => c.notNull())
    .addColumn('skus', 'text', (c) => c.notNull())
    .addColumn('ship_city', 'text')
    .addColumn('ship_region', 'text')
    .addColumn('ship_postal_code', 'text')
    .addColumn('ship_country', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('synced_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('amazon_order_unique', ['store_id', 'amazon_order_id'])
    .execute();
  await db.schema
    .createIndex('amazon_order_by_date')
    .on('amazon_order')
    .columns(['company_id', 'purchase_at', 'id'])
    .execute();
  await db.schema
    .createIndex('amazon_order_by_store_date')
    .on('amazon_order')
    .columns(['company_id', 'store_id', 'purchase_date', 'status'])
    .execute();

  await db.schema
    .createTable('amazon_order_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('amazon_order.id').onDelete('cascade'))
    .addColumn('order_item_id', 'text')
    .addColumn('seller_sku', 'text', (c) => c.notNull())
    .addColumn('asin', 'text')
    .addColumn('title', 'text')
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('quantity_shipped', 'integer', (c) => c.notNull())
    .addColumn('item_price_minor', 'bigint', (c) => c.notNull())
    .addColumn('shipping_price_minor', 'bigint', (c) => c.notNull())
    .addColumn('discount_minor', 'bigint', (c) => c.notNull())
    .addColumn('tax_minor', 'bigint', (c) => c.notNull())
    .addColumn('promotion_ids', 'text', (c) => c.notNull())
    .addUniqueConstraint('amazon_order_item_unique', ['order_id', 'seller_sku'])
    .execute();
  await db.schema.createIndex('amazon_order_item_sku').on('amazon_order_item').columns(['seller_sku']).execute();

  await db.schema
    .createTable('amazon_order_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('amazon_order.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('amazon_order_event_unique', ['order_id', 'status'])
    .execute();

  await db.schema
    .createTable('sync_state')
    .addColumn('store_id', 'text', (c) => c.notNull().references('store.id').onDelete('cascade'))
    .addColumn('data_type', 'text', (c) => c.notNull())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('is_enabled', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cursor_json', 'text', (c) => c.notNull())
    .addColumn('synced_through', 'bigint')
    .addColumn('last_started_at', 'bigint')
    .addColumn('last_success_at', 'bigint')
    .addColumn('next_run_at', 'bigint')
    .addColumn('rows_last_run', 'integer', (c) => c.notNull())
    .addColumn('rows_total', 'bigint', (c) => c.notNull())
    .addColumn('progress_json', 'text')
    .addColumn('error_json', 'text')
    .addColumn('usage_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_state_pk', ['store_id', 'data_type'])
    .execute();

  await db.schema
    .createTable('sync_run')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('store_id', 'text', (c) => c.notNull().references('store.id').onDelete('cascade'))
    .addColumn('data_type', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('calls', 'integer', (c) => c.notNull())
    .addColumn('throttled', 'integer', (c) => c.notNull())
    .addColumn('error_message', 'text')
    .addColumn('request_id', 'text')
    .execute();
  await db.schema
    .createIndex('sync_run_by_store')
    .on('sync_run')
    .columns(['store_id', 'data_type', 'started_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['sync_run', 'sync_state', 'amazon_order_event', 'amazon_order_item', 'amazon_order'])
    await db.schema.dropTable(t).ifExists().execute();
}
