import type { Kysely } from 'kysely';

// The seller's money as Amazon reports it: financial event lines (Finances API v0, one row per charge, fee,
// promotion or withheld tax of an event), settlements with their transaction lines (settlement flat files), FBA
// reimbursements and monthly FBA storage fees (FBA report files). Amounts are integer minor units with a currency.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('finance_event_line')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('company.id'))
    .addColumn('store_id', 'text', (c) => c.notNull().references('store.id'))
    .addColumn('marketplace_id', 'text')
    .addColumn('line_key', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('posted_at', 'bigint', (c) => c.notNull())
    .addColumn('posted_date', 'text', (c) => c.notNull())
    .addColumn('posted_at_estimated', 'integer', (c) => c.notNull())
    .addColumn('amazon_order_id', 'text')
    .addColumn('seller_sku', 'text')
    .addColumn('order_item_id', 'text')
    .addColumn('adjustment_id', 'text')
    .addColumn('line_kind', 'text', (c) => c.notNull())
    .addColumn('charge_type', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('quantity', 'integer')
    .addColumn('synced_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('finance_event_line_unique', ['store_id', 'line_key'])
    .execute();
  await db.schema
    .createIndex('finance_event_line_by_date')
    .on('finance_event_line')
    .columns(['company_id', 'posted_date', 'store_id'])
    .execute();
  await db.schema
    .createIndex('finance_event_line_by_order')
    .on('finance_event_line')
    .columns(['company_id', 'amazon_order_id'])
    .execute();

  await db.schema
    .createTable('settlement')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('company.id'))
    .addColumn('store_id', 'text', (c) => c.notNull().references('store.id'))
    .addColumn('marketplace_id', 'text')
    .addColumn('settlement_id', 'text', (c) => c.notNull())
    .addColumn('start_at', 'bigint', (c) => c.notNull())
    .addColumn('end_at', 'bigint', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('deposit_at', 'bigint')
    .addColumn('deposit_date', 'text')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('total_minor', 'bigint', (c) => c.notNull())
    .addColumn('line_count', 'integer', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('report_id', 'text')
    .addColumn('imported_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('settlement_unique', ['store_id', 'settlement_id'])
    .execute();
  await db.schema
    .createIndex('settlement_by_end')
    .on('settlement')
    .columns(['company_id', 'end_date', 'store_id'])
    .execute();

  await db.schema
    .createTable('settlement_line')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('settlement_pk', 'text', (c) => c.notNull().references('settlement.id').onDelete('cascade'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('transaction_type', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text')
    .addColumn('adjustment_id', 'text')
    .addColumn('shipment_id', 'text')
    .addColumn('marketplace_name', 'text')
    .addColumn('amount_type', 'text', (c) => c.notNull())
    .addColumn('amount_description', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('fulfillment_id', 'text')
    .addColumn('posted_at', 'bigint')
    .addColumn('posted_date', 'text')
    .addColumn('order_item_code', 'text')
    .addColumn('sku', 'text')
    .addColumn('quantity', 'integer')
    .addColumn('promotion_id', 'text')
    .addUniqueConstraint('settlement_line_unique', ['settlement_pk', 'line_no'])
    .execute();
  await db.schema.createIndex('settlement_line_by_order').on('settlement_line').columns(['order_id']).execute();

  await db.schema
    .createTable('fba_reimbursement')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('company.id'))
    .addColumn('store_id', 'text', (c) => c.notNull().references('store.id'))
    .addColumn('reimbursement_id', 'text', (c) => c.notNull())
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('approval_at', 'bigint', (c) => c.notNull())
    .addColumn('approval_date', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('amazon_order_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('fnsku', 'text')
    .addColumn('asin', 'text')
    .addColumn('product_name', 'text')
    .addColumn('condition', 'text')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('amount_per_unit_minor', 'bigint', (c) => c.notNull())
    .addColumn('amount_total_minor', 'bigint', (c) => c.notNull())
    .addColumn('quantity_cash', 'integer', (c) => c.notNull())
    .addColumn('quantity_inventory', 'integer', (c) => c.notNull())
    .addColumn('quantity_total', 'integer', (c) => c.notNull())
    .addColumn('original_reimbursement_id', 'text')
    .addColumn('original_reimbursement_type', 'text')
    .addColumn('synced_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('fba_reimbursement_unique', ['store_id', 'reimbursement_id', 'sku'])
    .execute();

  await db.schema
    .createTable('fba_storage_fee')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('company.id'))
    .addColumn('store_id', 'text', (c) => c.notNull().references('store.id'))
    .addColumn('month_of_charge', 'text', (c) => c.notNull())
    .addColumn('fnsku', 'text', (c) => c.notNull())
    .addColumn('fulfillment_center', 'text', (c) => c.notNull())
    .addColumn('country_code', 'text', (c) => c.notNull())
    .addColumn('asin', 'text')
    .addColumn('product_name', 'text')
    .addColumn('product_size_tier', 'text')
    .addColumn('average_quantity_on_hand', 'text', (c) => c.notNull())
    .addColumn('average_quantity_pending_removal', 'text', (c) => c.notNull())
    .addColumn('item_volume', 'text')
    .addColumn('volume_units', 'text')
    .addColumn('storage_rate', 'text')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('fee_minor', 'bigint', (c) => c.notNull())
    .addColumn('synced_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('fba_storage_fee_unique', [
      'store_id',
      'month_of_charge',
      'fnsku',
      'fulfillment_center',
      'country_code',
    ])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['fba_storage_fee', 'fba_reimbursement', 'settlement_line', 'settlement', 'finance_event_line'])
    await db.schema.dropTable(t).ifExists().execute();
}
