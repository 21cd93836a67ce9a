// Fee estimates: Amazon's referral, FBA fulfilment, variable closing and per-item fees (Product Fees API) for each
// active listing at its current price, with the share of the price they take.
import { ReloadOutlined } from '@ant-design/icons';
import type { ColDef } from 'ag-grid-community';
import { Button, Input, Select, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { ServerGrid } from '../../../components/server-grid';
import { formatInstant } from '../../../lib/format';
import { formatMoney } from '../../../lib/money';
import { useMarketplaceMap, useStores } from '../../../lib/reference-data';
import { useCan } from '../../../lib/session';
import { ExportButton } from '../export-button';
import { type FeeEstimate, formatBp } from '../types';

export function FeeEstimatesPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const can = useCan();
  const stores = useStores();
  const marketplaces = useMarketplaceMap();
  const [storeId, setStoreId] = useState<string | undefined>();
  const [marketplaceId, setMarketplaceId] = useState<string | undefined>();
  const [qInput, setQInput] = useState('');
  const [q, setQ] = useState('');
  const [total, setTotal] = useState<number | null>(null);
  const filters = useMemo(() => ({ storeId, marketplaceId, q: q || undefined }), [storeId, marketplaceId, q]);
  const store = stores.data?.rows.find((s) => s.id === storeId);
  const marketplaceOptions = (store ? store.marketplaceIds : [...marketplaces.keys()]).map((id) => ({
    value: id,
    label: marketplaces.get(id)?.code ?? id,
  }));

  const columns = useMemo<ColDef<FeeEstimate>[]>(() => {
    const money = (field: keyof FeeEstimate, header: string, colId?: string): ColDef<FeeEstimate> => ({
      field,
      ...(colId ? { colId, sortable: true } : {}),
      headerName: header,
      width: 120,
      type: 'rightAligned',
      valueFormatter: (p) => (p.data ? formatMoney(p.value as string, p.data.currency, locale) : ''),
    });
    return [
      {
        field: 'sellerSku',
        headerName: t('analytics.sellerSku'),
        width: 170,
        sortable: true,
        initialSort: 'asc',
        pinned: 'left',
      },
      { field: 'asin', headerName: 'ASIN', width: 120 },
      { field: 'storeName', headerName: t('analytics.store'), width: 110 },
      {
        field: 'marketplaceId',
        headerName: t('analytics.marketplace'),
        width: 90,
        valueFormatter: (p) => marketplaces.get(p.value as string)?.code ?? String(p.value ?? ''),
      },
      {
        field: 'isAmazonFulfilled',
        headerName: t('analytics.fulfilment'),
        width: 90,
        cellRenderer: (p: { value: boolean }) => (
          <Tag color={p.value ? 'blue' : 'default'}>{p.value ? 'FBA' : 'FBM'}</Tag>
        ),
      },
      money('price', t('analytics.price'), 'price'),
      money('referralFee', t('analytics.referralFee'), 'referral'),
      money('fbaFee', t('analytics.fbaFee'), 'fba'),
      money('variableClosingFee', t('analytics.variableClosingFee')),
      money('perItemFee', t('analytics.perItemFee')),
      { ...money('totalFee', t('analytics.totalFee'), 'total'), cellStyle: { fontWeight: 600 } },
      {
        field: 'feeShareBp',
        headerName: t('analytics.feeShare'),
        headerTooltip: t('analytics.feeShareHint'),
        width: 110,
        type: 'rightAligned',
        valueFormatter: (p) => formatBp(p.value as number | null, locale),
      },
      {
        field: 'estimatedAt',
        headerName: t('analytics.estimatedAt'),
        width: 150,
        sortable: true,
        valueFormatter: (p) => formatInstant(p.value as number, locale),
      },
    ];
  }, [t, locale, marketplaces]);

  return (
    <div className="yf-page" data-testid="fee-estimates-page">
      <PageHeader
        title={t('nav.feeEstimates')}
        note={
          <Typography.Text type="secondary">
            {total === null ? '' : t('common.totalRows', { count: total })}
          </Typography.Text>
        }
        actions={
          can('analytics', 'export') && (
            <ExportButton
              path="/analytics/fee-estimates/export"
              params={filters}
              name="fee-estimates"
              testId="fee-estimates-export"
            />
          )
        }
      />
      <div className="yf-toolbar">
        <Select
          allowClear
          placeholder={t('analytics.store')}
          style={{ width: 140 }}
          value={storeId}
          onChange={(value?: string) => {
            setStoreId(value);
            setMarketplaceId(undefined);
          }}
          options={(stores.data?.rows ?? []).map((s) => ({ value: s.id, label: s.name }))}
        />
        <Select
          allowClear
          placeholder={t('analytics.marketplace')}
          style={{ width: 120 }}
          value={marketplaceId}
          onChange={setMarketplaceId}
          options={marketplaceOptions}
        />
        <Input.Search
          allowClear
          placeholder={t('analytics.skuPlaceholder')}
          style={{ width: 240 }}
          value={qInput}
          onChange={(e) => {
            setQInput(e.target.value);
            if (e.target.value === '') setQ('');
          }}
          onSearch={(v) => setQ(v.trim())}
          data-testid="fee-estimates-q"
        />
        <Button
          icon={<ReloadOutlined />}
          onClick={() => {
            setStoreId(undefined);
            setMarketplaceId(undefined);
            setQInput('');
            setQ('');
          }}
        >
          {t('common.resetFilters')}
        </Button>
      </div>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('analytics.feeEstimatesHint')}
      </Typography.Paragraph>
      <div className="yf-grid-box">
        <ServerGrid<FeeEstimate>
          path="/analytics/fee-estimates"
          params={filters}
          columns={columns}
          onTotal={setTotal}
          testId="fee-estimates-grid"
        />
      </div>
    </div>
  );
}
