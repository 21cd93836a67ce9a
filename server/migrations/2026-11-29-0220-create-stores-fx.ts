import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('store')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('company.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('seller_id', 'text', (c) => c.notNull())
    .addColumn('credentials_enc', 'text')
    .addColumn('endpoints_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('store_name_unique', ['company_id', 'name'])
    .addUniqueConstraint('store_seller_unique', ['company_id', 'seller_id', 'region'])
    .execute();

  await db.schema
    .createTable('store_marketplace')
    .addColumn('store_id', 'text', (c) => c.notNull().references('store.id').onDelete('cascade'))
    .addColumn('marketplace_id', 'text', (c) => c.notNull())
    .addColumn('is_enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('store_marketplace_pk', ['store_id', 'marketplace_id'])
    .execute();

  await db.schema
    .createTable('exchange_rate')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('company.id'))
    .addColumn('from_currency', 'text', (c) => c.notNull())
    .addColumn('to_currency', 'text', (c) => c.notNull())
    .addColumn('rate_date', 'text', (c) => c.notNull())
    .addColumn('rate', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('exchange_rate_unique', ['company_id', 'from_currency', 'to_currency', 'rate_date'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['exchange_rate', 'store_marketplace', 'store']) await db.schema.dropTable(t).ifExists().execute();
}
