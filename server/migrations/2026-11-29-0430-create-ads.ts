import type { Kysely } from 'kysely';

// Amazon Ads per store: profiles (one per marketplace), SP/SB/SD campaigns, SP ad groups, keywords and targeting
// clauses keyed on Amazon's ids, and the daily metrics of reporting v3 keyed (store, profile, report, date, entity).
export async function up(db: Kysely<unknown>): Promise<void> {
  const common = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('company_id', 'text', (c) => c.notNull().references('company.id'))
      .addColumn('store_id', 'text', (c) => c.notNull().references('store.id').onDelete('cascade'))
      .addColumn('profile_id', 'text', (c) => c.notNull())
      .addColumn('marketplace_id', 'text', (c) => c.notNull());

  await common('ads_profile')
    .addColumn('country_code', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('account_name', 'text')
    .addColumn('account_type', 'text')
    .addColumn('synced_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('ads_profile_unique', ['store_id', 'profile_id'])
    .execute();

  await common('ads_campaign')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('ad_type', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('targeting_type', 'text')
    .addColumn('budget_minor', 'bigint')
    .addColumn('budget_type', 'text')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('bidding_strategy', 'text')
    .addColumn('cost_type', 'text')
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('portfolio_id', 'text')
    .addColumn('synced_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('ads_campaign_unique', ['store_id', 'profile_id', 'campaign_id'])
    .execute();
  await db.schema
    .createIndex('ads_campaign_by_company')
    .on('ads_campaign')
    .columns(['company_id', 'store_id', 'ad_type', 'state'])
    .execute();

  await common('ads_ad_group')
    .addColumn('ad_group_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('default_bid_minor', 'bigint')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('synced_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('ads_ad_group_unique', ['store_id', 'profile_id', 'ad_group_id'])
    .execute();

  await common('ads_target')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('ad_group_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('match_type', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('expression', 'text')
    .addColumn('bid_minor', 'bigint')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('synced_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('ads_target_unique', ['store_id', 'profile_id', 'kind', 'target_id'])
    .execute();

  await common('ads_metric_daily')
    .addColumn('report', 'text', (c) => c.notNull())
    .addColumn('ad_type', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('entity_key', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('ad_group_id', 'text')
    .addColumn('target_id', 'text')
    .addColumn('ad_id', 'text')
    .addColumn('search_term', 'text')
    .addColumn('placement', 'text')
    .addColumn('targeting', 'text')
    .addColumn('match_type', 'text')
    .addColumn('asin', 'text')
    .addColumn('sku', 'text')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('impressions', 'bigint', (c) => c.notNull())
    .addColumn('clicks', 'bigint', (c) => c.notNull())
    .addColumn('cost_minor', 'bigint', (c) => c.notNull())
    .addColumn('sales_minor', 'bigint', (c) => c.notNull())
    .addColumn('orders', 'bigint', (c) => c.notNull())
    .addColumn('units', 'bigint', (c) => c.notNull())
    .addColumn('attribution', 'text', (c) => c.notNull())
    .addColumn('sales14d_minor', 'bigint', (c) => c.notNull())
    .addColumn('orders14d', 'bigint', (c) => c.notNull())
    .addColumn('units14d', 'bigint', (c) => c.notNull())
    .addColumn('synced_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('ads_metric_daily_unique', ['store_id', 'profile_id', 'report', 'date', 'entity_key'])
    .execute();
  await db.schema
    .createIndex('ads_metric_daily_by_date')
    .on('ads_metric_daily')
    .columns(['company_id', 'report', 'date', 'store_id'])
    .execute();
  await db.schema
    .createIndex('ads_metric_daily_by_campaign')
    .on('ads_metric_daily')
    .columns(['store_id', 'profile_id', 'report', 'campaign_id', 'date'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['ads_metric_daily', 'ads_target', 'ads_ad_group', 'ads_campaign', 'ads_profile'])
    await db.schema.dropTable(t).ifExists().execute();
}
