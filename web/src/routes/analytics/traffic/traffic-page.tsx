// Traffic & conversion: sessions, units and conversion per day (Amazon's sales and traffic report) and the ASINs ranked
// by sessions, for the stores and marketplaces the user may see.
import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import type { CustomCellRendererProps } from 'ag-grid-react';
import { Button, Card, Col, DatePicker, Input, Row, Select, Statistic, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { ServerGrid } from '../../../components/server-grid';
import { api } from '../../../lib/api';
import { formatMoney } from '../../../lib/money';
import { useMarketplaceMap, useStores } from '../../../lib/reference-data';
import { useCan } from '../../../lib/session';
import { ExportButton } from '../export-button';
import { formatBp, type Traffic, type TrafficAsin } from '../types';
import { TrafficChart } from './traffic-chart';

function AsinCell(p: CustomCellRendererProps<TrafficAsin> & { onPick: (asin: string) => void }) {
  if (!p.data) return null;
  const asin = p.data.childAsin;
  return (
    <Typography.Link onClick={() => p.onPick(asin)} data-testid="traffic-asin-link">
      {asin}
    </Typography.Link>
  );
}

export function TrafficPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const can = useCan();
  const stores = useStores();
  const marketplaces = useMarketplaceMap();
  const [storeId, setStoreId] = useState<string | undefined>();
  const [marketplaceId, setMarketplaceId] = useState<string | undefined>();
  const [asinInput, setAsinInput] = useState('');
  const [asin, setAsin] = useState('');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [total, setTotal] = useState<number | null>(null);

  const filters = useMemo(
    () => ({
      storeId,
      marketplaceId,
      asin: asin || undefined,
      from: range?.[0]?.format('YYYY-MM-DD'),
      to: range?.[1]?.format('YYYY-MM-DD'),
    }),
    [storeId, marketplaceId, asin, range],
  );
  const traffic = useQuery({
    queryKey: ['analytics', 'traffic', filters],
    queryFn: ({ signal }) => api.get<Traffic>('/analytics/traffic', filters, signal),
    placeholderData: keepPreviousData,
  });
  const store = stores.data?.rows.find((s) => s.id === storeId);
  const marketplaceOptions = (store ? store.marketplaceIds : [...marketplaces.keys()]).map((id) => ({
    value: id,
    label: marketplaces.get(id)?.code ?? id,
  }));

  const columns = useMemo<ColDef<TrafficAsin>[]>(() => {
    const num = (field: keyof TrafficAsin, header: string, colId?: string): ColDef<TrafficAsin> => ({
      field,
      ...(colId ? { colId } : {}),
      headerName: header,
      width: 110,
      sortable: true,
      type: 'rightAligned',
      valueFormatter: (p) => (p.value === null || p.value === undefined ? '' : Number(p.value).toLocaleString(locale)),
    });
    return [
      { field: 'rank', headerName: '#', width: 64, type: 'rightAligned' },
      { field: 'storeName', headerName: t('analytics.store'), width: 120 },
      {
        field: 'marketplaceId',
        headerName: t('analytics.marketplace'),
        width: 100,
        valueFormatter: (p) => marketplaces.get(p.value as string)?.code ?? String(p.value ?? ''),
      },
      {
        field: 'childAsin',
        colId: 'asin',
        headerName: t('analytics.childAsin'),
        width: 130,
        sortable: true,
        cellRenderer: AsinCell,
        cellRendererParams: {
          onPick: (a: string) => {
            setAsinInput(a);
            setAsin(a);
          },
        },
      },
      { field: 'parentAsin', headerName: t('analytics.parentAsin'), width: 130 },
      { ...num('sessions', t('analytics.sessions')), initialSort: 'desc' },
      num('pageViews', t('analytics.pageViews')),
      num('unitsOrdered', t('analytics.unitsOrdered'), 'units'),
      num('totalOrderItems', t('analytics.orderItems')),
      {
        field: 'conversionBp',
        headerName: t('analytics.conversion'),
        headerTooltip: t('analytics.conversionHint'),
        width: 110,
        type: 'rightAligned',
        valueFormatter: (p) => formatBp(p.value as number | null, locale),
      },
      {
        field: 'buyBoxBp',
        headerName: t('analytics.buyBox'),
        width: 110,
        type: 'rightAligned',
        valueFormatter: (p) => formatBp(p.value as number | null, locale),
      },
      {
        field: 'sales',
        headerName: t('analytics.orderedSales'),
        width: 130,
        sortable: true,
        type: 'rightAligned',
        valueFormatter: (p) => (p.data ? formatMoney(p.data.sales, p.data.currency, locale) : ''),
      },
    ];
  }, [t, locale, marketplaces]);

  const reset = () => {
    setStoreId(undefined);
    setMarketplaceId(undefined);
    setAsinInput('');
    setAsin('');
    setRange(null);
  };
  const totals = traffic.data?.totals;
  const kpi = (title: string, value: string | number | undefined, testId: string) => (
    <Col xs={12} lg={4}>
      <Card size="small" style={{ height: '100%' }}>
        <Statistic title={title} value={value === undefined || value === '' ? '—' : value} data-testid={testId} />
      </Card>
    </Col>
  );

  return (
    <div className="yf-page" data-testid="traffic-page">
      <PageHeader
        title={t('nav.trafficConversion')}
        note={
          <Typography.Text type="secondary">
            {total === null ? '' : t('analytics.asinCount', { count: total })}
          </Typography.Text>
        }
        actions={
          can('analytics', 'export') && (
            <ExportButton
              path="/analytics/traffic/asins/export"
              params={filters}
              name="traffic"
              testId="traffic-export"
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
          data-testid="traffic-store"
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
          placeholder={t('analytics.asinPlaceholder')}
          style={{ width: 240 }}
          value={asinInput}
          onChange={(e) => {
            setAsinInput(e.target.value);
            if (e.target.value === '') setAsin('');
          }}
          onSearch={(value) => setAsin(value.trim())}
          data-testid="traffic-asin"
        />
        <DatePicker.RangePicker
          value={range}
          onChange={(value) => setRange(value)}
          allowEmpty={[true, true]}
          placeholder={[t('analytics.from'), t('analytics.to')]}
        />
        <Button icon={<ReloadOutlined />} onClick={reset}>
          {t('common.resetFilters')}
        </Button>
      </div>
      <Row gutter={[16, 16]}>
        {kpi(t('analytics.sessions'), totals?.sessions.toLocaleString(locale), 'kpi-sessions')}
        {kpi(t('analytics.pageViews'), totals?.pageViews.toLocaleString(locale), 'kpi-page-views')}
        {kpi(t('analytics.unitsOrdered'), totals?.unitsOrdered.toLocaleString(locale), 'kpi-units')}
        {kpi(t('analytics.conversion'), totals ? formatBp(totals.conversionBp, locale) : undefined, 'kpi-conversion')}
        {kpi(t('analytics.buyBox'), totals ? formatBp(totals.buyBoxBp, locale) : undefined, 'kpi-buy-box')}
        <Col xs={12} lg={4}>
          <Card size="small" style={{ height: '100%' }} data-testid="kpi-sales">
            <Typography.Text type="secondary">{t('analytics.orderedSales')}</Typography.Text>
            <div style={{ marginTop: 4 }}>
              {totals && totals.sales.length > 0 ? (
                totals.sales.map((s) => (
                  <div key={s.currency} style={{ fontSize: totals.sales.length > 1 ? 16 : 22, lineHeight: 1.4 }}>
                    {formatMoney(s.total, s.currency, locale)}
                  </div>
                ))
              ) : (
                <div style={{ fontSize: 22 }}>—</div>
              )}
            </div>
          </Card>
        </Col>
      </Row>
      <Card size="small" title={asin ? t('analytics.perDayOf', { asin }) : t('analytics.perDay')}>
        <TrafficChart series={traffic.data?.series} />
      </Card>
      <div className="yf-grid-box">
        <ServerGrid<TrafficAsin>
          path="/analytics/traffic/asins"
          params={filters}
          columns={columns}
          onTotal={setTotal}
          testId="traffic-grid"
        />
      </div>
    </div>
  );
}
