import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('spu')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('company.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('product_line', 'text')
    .addColumn('brand', 'text')
    .addColumn('category', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('spu_code_unique', ['company_id', 'code'])
    .execute();

  await db.schema
    .createTable('sku')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('company.id'))
    .addColumn('spu_id', 'text', (c) => c.references('spu.id'))
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('product_line', 'text')
    .addColumn('images_json', 'text', (c) => c.notNull())
    .addColumn('cost_minor', 'bigint')
    .addColumn('cost_currency', 'text')
    .addColumn('length_mm', 'integer')
    .addColumn('width_mm', 'integer')
    .addColumn('height_mm', 'integer')
    .addColumn('weight_g', 'integer')
    .addColumn('hs_code', 'text')
    .addColumn('declared_value_minor', 'bigint')
    .addColumn('declared_currency', 'text')
    .addColumn('case_pack', 'integer')
    .addColumn('moq', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('tags_json', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'text')
    .addColumn('product_manager_id', 'text')
    .addColumn('launch_date', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('sku_code_unique', ['company_id', 'sku'])
    .execute();
  await db.schema.createIndex('sku_spu').on('sku').column('spu_id').execute();

  await db.schema
    .createTable('listing')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('company.id'))
    .addColumn('store_id', 'text', (c) => c.notNull().references('store.id'))
    .addColumn('marketplace_id', 'text', (c) => c.notNull())
    .addColumn('seller_sku', 'text', (c) => c.notNull())
    .addColumn('asin', 'text')
    .addColumn('parent_asin', 'text')
    .addColumn('fnsku', 'text')
    .addColumn('title', 'text')
    .addColumn('fulfillment_channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('price_minor', 'bigint')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('tags_json', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'text')
    .addColumn('launch_date', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('listing_key_unique', ['store_id', 'marketplace_id', 'seller_sku'])
    .execute();
  await db.schema.createIndex('listing_company_mp').on('listing').columns(['company_id', 'marketplace_id']).execute();
  await db.schema.createIndex('listing_asin').on('listing').column('asin').execute();
  await db.schema.createIndex('listing_seller_sku').on('listing').column('seller_sku').execute();

  await db.schema
    .createTable('listing_sku')
    .addColumn('listing_id', 'text', (c) => c.notNull().references('listing.id').onDelete('cascade'))
    .addColumn('sku_id', 'text', (c) => c.notNull().references('sku.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('listing_sku_pk', ['listing_id', 'sku_id'])
    .execute();
  await db.schema.createIndex('listing_sku_sku').on('listing_sku').column('sku_id').execute();

  await db.schema
    .createTable('import_run')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('dry_run', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rows_total', 'integer', (c) => c.notNull())
    .addColumn('rows_created', 'integer', (c) => c.notNull())
    .addColumn('rows_updated', 'integer', (c) => c.notNull())
    .addColumn('rows_unchanged', 'integer', (c) => c.notNull())
    .addColumn('errors_json', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['import_run', 'listing_sku', 'listing', 'sku', 'spu'])
    await db.schema.dropTable(t).ifExists().execute();
}
