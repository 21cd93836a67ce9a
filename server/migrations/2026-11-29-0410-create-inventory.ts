import type { CreateTableBuilder, Kysely } from 'kysely';

// FBA stock per store × marketplace × seller SKU (current, and one snapshot per marketplace-local day), the FBA
// inventory ledger (events keyed on Amazon's natural key) and FBA customer returns.
export async function up(db: Kysely<unknown>): Promise<void> {
  const quantities = (b: CreateTableBuilder<string, string>): CreateTableBuilder<string, string> =>
    b
      .addColumn('fulfillable', 'integer', (c) => c.notNull())
      .addColumn('inbound_working', 'integer', (c) => c.notNull())
      .addColumn('inbound_shipped', 'integer', (c) => c.notNull())
      .addColumn('inbound_receiving', 'integer', (c) => c.notNull())
      .addColumn('reserved', 'integer', (c) => c.notNull())
      .addColumn('unfulfillable', 'integer', (c) => c.notNull())
      .addColumn('researching', 'integer', (c) => c.notNull())
      .addColumn('total', 'integer', (c) => c.notNull());

  await quantities(
    db.schema
      .createTable('fba_inventory')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('company_id', 'text', (c) => c.notNull().references('company.id'))
      .addColumn('store_id', 'text', (c) => c.notNull().references('store.id'))
      .addColumn('marketplace_id', 'text', (c) => c.notNull())
      .addColumn('seller_sku', 'text', (c) => c.notNull())
      .addColumn('fnsku', 'text')
      .addColumn('asin', 'text')
      .addColumn('product_name', 'text')
      .addColumn('condition', 'text'),
  )
    .addColumn('amazon_updated_at', 'bigint')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('synced_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('fba_inventory_unique', ['store_id', 'marketplace_id', 'seller_sku'])
    .execute();
  await db.schema
    .createIndex('fba_inventory_by_company')
    .on('fba_inventory')
    .columns(['company_id', 'store_id', 'marketplace_id', 'seller_sku'])
    .execute();

  await quantities(
    db.schema
      .createTable('fba_inventory_daily')
      .addColumn('company_id', 'text', (c) => c.notNull().references('company.id'))
      .addColumn('store_id', 'text', (c) => c.notNull().references('store.id'))
      .addColumn('marketplace_id', 'text', (c) => c.notNull())
      .addColumn('seller_sku', 'text', (c) => c.notNull())
      .addColumn('snapshot_date', 'text', (c) => c.notNull()),
  )
    .addColumn('captured_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('fba_inventory_daily_pk', ['store_id', 'marketplace_id', 'seller_sku', 'snapshot_date'])
    .execute();

  await db.schema
    .createTable('fba_ledger_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('company.id'))
    .addColumn('store_id', 'text', (c) => c.notNull().references('store.id'))
    .addColumn('marketplace_id', 'text')
    .addColumn('event_date', 'text', (c) => c.notNull())
    .addColumn('fnsku', 'text', (c) => c.notNull())
    .addColumn('asin', 'text')
    .addColumn('seller_sku', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('reference_id', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('fulfillment_center', 'text', (c) => c.notNull())
    .addColumn('disposition', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('reconciled_quantity', 'integer')
    .addColumn('unreconciled_quantity', 'integer')
    .addColumn('natural_key', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('fba_ledger_event_unique', ['store_id', 'natural_key'])
    .execute();
  await db.schema
    .createIndex('fba_ledger_event_by_date')
    .on('fba_ledger_event')
    .columns(['company_id', 'store_id', 'event_date'])
    .execute();
  await db.schema.createIndex('fba_ledger_event_by_sku').on('fba_ledger_event').columns(['seller_sku']).execute();

  await db.schema
    .createTable('fba_customer_return')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('company.id'))
    .addColumn('store_id', 'text', (c) => c.notNull().references('store.id'))
    .addColumn('marketplace_id', 'text')
    .addColumn('return_at', 'bigint', (c) => c.notNull())
    .addColumn('return_date', 'text', (c) => c.notNull())
    .addColumn('amazon_order_id', 'text', (c) => c.notNull())
    .addColumn('seller_sku', 'text', (c) => c.notNull())
    .addColumn('asin', 'text')
    .addColumn('fnsku', 'text')
    .addColumn('product_name', 'text')
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('fulfillment_center', 'text')
    .addColumn('disposition', 'text')
    .addColumn('reason', 'text')
    .addColumn('status', 'text')
    .addColumn('license_plate_number', 'text')
    .addColumn('customer_comments', 'text')
    .addColumn('return_key', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('synced_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('fba_customer_return_unique', ['store_id', 'amazon_order_id', 'seller_sku', 'return_key'])
    .execute();
  await db.schema
    .createIndex('fba_customer_return_by_date')
    .on('fba_customer_return')
    .columns(['company_id', 'store_id', 'return_date'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['fba_customer_return', 'fba_ledger_event', 'fba_inventory_daily', 'fba_inventory'])
    await db.schema.dropTable(t).ifExists().execute();
}
