import type { Kysely } from 'kysely';

// Analytics from Amazon: sales and traffic per child ASIN and day (and the day's totals), Brand Analytics search terms
// per week with their top three clicked ASINs, and Product Fees estimates per listing and price.
export async function up(db: Kysely<unknown>): Promise<void> {
  const traffic = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('company_id', 'text', (c) => c.notNull().references('company.id'))
      .addColumn('store_id', 'text', (c) => c.notNull().references('store.id').onDelete('cascade'))
      .addColumn('marketplace_id', 'text', (c) => c.notNull())
      .addColumn('sales_date', 'text', (c) => c.notNull());
  await traffic('traffic_daily')
    .addColumn('parent_asin', 'text')
    .addColumn('child_asin', 'text', (c) => c.notNull())
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('browser_sessions', 'integer', (c) => c.notNull())
    .addColumn('mobile_sessions', 'integer', (c) => c.notNull())
    .addColumn('sessions', 'integer', (c) => c.notNull())
    .addColumn('browser_page_views', 'integer', (c) => c.notNull())
    .addColumn('mobile_page_views', 'integer', (c) => c.notNull())
    .addColumn('page_views', 'integer', (c) => c.notNull())
    .addColumn('buy_box_bp', 'integer', (c) => c.notNull())
    .addColumn('units_ordered', 'integer', (c) => c.notNull())
    .addColumn('ordered_sales_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('total_order_items', 'integer', (c) => c.notNull())
    .addColumn('report_id', 'text')
    .addColumn('synced_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('traffic_daily_unique', ['store_id', 'marketplace_id', 'sales_date', 'child_asin', 'sku'])
    .execute();
  await db.schema
    .createIndex('traffic_daily_by_company_date')
    .on('traffic_daily')
    .columns(['company_id', 'sales_date', 'store_id'])
    .execute();
  await traffic('traffic_daily_total')
    .addColumn('browser_sessions', 'integer', (c) => c.notNull())
    .addColumn('mobile_sessions', 'integer', (c) => c.notNull())
    .addColumn('sessions', 'integer', (c) => c.notNull())
    .addColumn('browser_page_views', 'integer', (c) => c.notNull())
    .addColumn('mobile_page_views', 'integer', (c) => c.notNull())
    .addColumn('page_views', 'integer', (c) => c.notNull())
    .addColumn('buy_box_bp', 'integer', (c) => c.notNull())
    .addColumn('units_ordered', 'integer', (c) => c.notNull())
    .addColumn('ordered_sales_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('total_order_items', 'integer', (c) => c.notNull())
    .addColumn('units_refunded', 'integer', (c) => c.notNull())
    .addColumn('shipped_sales_minor', 'bigint', (c) => c.notNull())
    .addColumn('units_shipped', 'integer', (c) => c.notNull())
    .addColumn('orders_shipped', 'integer', (c) => c.notNull())
    .addColumn('report_id', 'text')
    .addColumn('synced_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('traffic_daily_total_unique', ['store_id', 'marketplace_id', 'sales_date'])
    .execute();
  await db.schema
    .createIndex('traffic_daily_total_by_company_date')
    .on('traffic_daily_total')
    .columns(['company_id', 'sales_date', 'store_id'])
    .execute();

  let terms = db.schema
    .createTable('search_term_weekly')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('company.id'))
    .addColumn('store_id', 'text', (c) => c.notNull().references('store.id').onDelete('cascade'))
    .addColumn('marketplace_id', 'text', (c) => c.notNull())
    .addColumn('week_start', 'text', (c) => c.notNull())
    .addColumn('week_end', 'text', (c) => c.notNull())
    .addColumn('department_name', 'text', (c) => c.notNull())
    .addColumn('search_term', 'text', (c) => c.notNull())
    .addColumn('search_frequency_rank', 'integer', (c) => c.notNull());
  for (const i of [1, 2, 3])
    terms = terms
      .addColumn(`asin${i}`, 'text')
      .addColumn(`title${i}`, 'text')
      .addColumn(`click_share${i}_bp`, 'integer')
      .addColumn(`conversion_share${i}_bp`, 'integer');
  await terms
    .addColumn('report_id', 'text')
    .addColumn('synced_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('search_term_weekly_unique', [
      'store_id',
      'marketplace_id',
      'week_start',
      'department_name',
      'search_term',
    ])
    .execute();
  await db.schema
    .createIndex('search_term_weekly_by_rank')
    .on('search_term_weekly')
    .columns(['company_id', 'week_start', 'search_frequency_rank'])
    .execute();

  await db.schema
    .createTable('fee_estimate')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('company.id'))
    .addColumn('store_id', 'text', (c) => c.notNull().references('store.id').onDelete('cascade'))
    .addColumn('marketplace_id', 'text', (c) => c.notNull())
    .addColumn('seller_sku', 'text', (c) => c.notNull())
    .addColumn('asin', 'text')
    .addColumn('price_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('is_amazon_fulfilled', 'integer', (c) => c.notNull())
    .addColumn('referral_fee_minor', 'bigint', (c) => c.notNull())
    .addColumn('fba_fee_minor', 'bigint', (c) => c.notNull())
    .addColumn('variable_closing_fee_minor', 'bigint', (c) => c.notNull())
    .addColumn('per_item_fee_minor', 'bigint', (c) => c.notNull())
    .addColumn('total_fee_minor', 'bigint', (c) => c.notNull())
    .addColumn('estimated_at', 'bigint', (c) => c.notNull())
    .addColumn('synced_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('fee_estimate_unique', ['store_id', 'marketplace_id', 'seller_sku', 'price_minor'])
    .execute();
  await db.schema
    .createIndex('fee_estimate_by_company')
    .on('fee_estimate')
    .columns(['company_id', 'store_id', 'seller_sku'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['fee_estimate', 'search_term_weekly', 'traffic_daily_total', 'traffic_daily'])
    await db.schema.dropTable(t).ifExists().execute();
}
