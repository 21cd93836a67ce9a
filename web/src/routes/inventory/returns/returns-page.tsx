// FBA customer returns: the server-side grid and returned units per reason for the filter.
import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import { Button, Card, Col, DatePicker, Empty, Input, Row, Statistic, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { ServerGrid } from '../../../components/server-grid';
import { api } from '../../../lib/api';
import { formatInstant } from '../../../lib/format';
import { useMarketplaceMap } from '../../../lib/reference-data';
import { useECharts } from '../../../lib/use-echarts';
import { StoreMarketplaceFilter } from '../filters';
import type { CustomerReturn, ReturnsList } from '../types';

function ReasonsChart({ data }: { data: ReturnsList['byReason'] }) {
  const { t } = useTranslation();
  const top = data.slice(0, 12).reverse();
  const option = useMemo(
    () =>
      top.length === 0
        ? null
        : {
            tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
            grid: { left: 190, right: 32, top: 8, bottom: 24 },
            xAxis: { type: 'value', minInterval: 1 },
            yAxis: { type: 'category', data: top.map((r) => r.reason || t('inventory.noReason')) },
            series: [
              {
                type: 'bar',
                name: t('inventory.units'),
                data: top.map((r) => r.units),
                itemStyle: { color: '#fa541c', borderRadius: [0, 3, 3, 0] },
                barMaxWidth: 22,
                label: { show: true, position: 'right' },
              },
            ],
          },
    [top, t],
  );
  const ref = useECharts(option);
  return (
    <div style={{ position: 'relative' }}>
      <div ref={ref} className="yf-chart" style={{ height: 260 }} data-testid="returns-reasons-chart" />
      {top.length === 0 && (
        <div
          style={{ position: 'absolute', inset: 0, display: 'flex', alignItems: 'center', justifyContent: 'center' }}
        >
          <Empty description={t('inventory.noReturns')} />
        </div>
      )}
    </div>
  );
}

export function ReturnsPage() {
  const { t, i18n } = useTranslation();
  const marketplaces = useMarketplaceMap();
  const [qInput, setQInput] = useState('');
  const [q, setQ] = useState('');
  const [storeId, setStoreId] = useState<string | undefined>();
  const [marketplaceId, setMarketplaceId] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const locale = i18n.language;

  const filters = useMemo(
    () => ({
      q,
      storeId,
      marketplaceId,
      from: range?.[0]?.format('YYYY-MM-DD'),
      to: range?.[1]?.format('YYYY-MM-DD'),
    }),
    [q, storeId, marketplaceId, range],
  );
  const summary = useQuery({
    queryKey: ['inventory', 'returns', 'summary', filters],
    queryFn: ({ signal }) => api.get<ReturnsList>('/inventory/returns', { ...filters, limit: 1 }, signal),
    placeholderData: keepPreviousData,
  });
  const top = summary.data?.byReason[0];

  const columns = useMemo(
    (): ColDef<CustomerReturn>[] => [
      {
        field: 'returnAt',
        headerName: t('inventory.returnTime'),
        width: 150,
        sortable: true,
        initialSort: 'desc',
        valueFormatter: (p) => formatInstant(p.value as number | null, locale),
      },
      { field: 'returnDate', headerName: t('inventory.marketplaceDate'), width: 115 },
      { field: 'storeName', headerName: t('inventory.store'), width: 110 },
      {
        field: 'marketplaceId',
        headerName: t('inventory.marketplace'),
        width: 90,
        valueFormatter: (p) => (p.value ? (marketplaces.get(p.value as string)?.code ?? String(p.value)) : '—'),
      },
      { field: 'amazonOrderId', headerName: t('inventory.orderId'), width: 170, sortable: true },
      { field: 'sellerSku', headerName: t('inventory.sku'), width: 150, sortable: true },
      { field: 'quantity', headerName: t('inventory.quantity'), width: 80, type: 'rightAligned', sortable: true },
      { field: 'reason', headerName: t('inventory.reason'), width: 170, sortable: true },
      { field: 'disposition', headerName: t('inventory.disposition'), width: 150 },
      { field: 'status', headerName: t('inventory.status'), width: 190 },
      { field: 'fulfillmentCenter', headerName: t('inventory.fulfillmentCenter'), width: 90 },
      { field: 'licensePlateNumber', headerName: t('inventory.lpn'), width: 120 },
      { field: 'customerComments', headerName: t('inventory.comments'), width: 220, tooltipField: 'customerComments' },
      { field: 'productName', headerName: t('inventory.productName'), width: 220, tooltipField: 'productName' },
    ],
    [t, locale, marketplaces],
  );

  return (
    <div className="yf-page" data-testid="returns-page">
      <PageHeader
        title={t('nav.returns')}
        note={
          <Typography.Text type="secondary" data-testid="returns-total">
            {total === null ? '' : t('common.totalRows', { count: total })}
          </Typography.Text>
        }
      />
      <div className="yf-toolbar">
        <Input.Search
          allowClear
          placeholder={t('inventory.searchReturns')}
          style={{ width: 260 }}
          value={qInput}
          onChange={(e) => {
            setQInput(e.target.value);
            if (e.target.value === '') setQ('');
          }}
          onSearch={(value) => setQ(value.trim())}
        />
        <StoreMarketplaceFilter
          storeId={storeId}
          marketplaceId={marketplaceId}
          onStore={setStoreId}
          onMarketplace={setMarketplaceId}
          testId="returns"
        />
        <DatePicker.RangePicker
          value={range}
          onChange={(value) => setRange(value)}
          allowEmpty={[true, true]}
          placeholder={[t('inventory.from'), t('inventory.to')]}
        />
        <Button
          icon={<ReloadOutlined />}
          onClick={() => {
            setQInput('');
            setQ('');
            setStoreId(undefined);
            setMarketplaceId(undefined);
            setRange(null);
          }}
        >
          {t('common.resetFilters')}
        </Button>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={6}>
          <Row gutter={[16, 16]}>
            <Col span={24}>
              <Card size="small">
                <Statistic
                  title={t('inventory.returns')}
                  value={summary.data?.total ?? '—'}
                  data-testid="kpi-returns"
                />
              </Card>
            </Col>
            <Col span={24}>
              <Card size="small">
                <Statistic title={t('inventory.units')} value={summary.data?.units ?? '—'} data-testid="kpi-units" />
              </Card>
            </Col>
            <Col span={24}>
              <Card size="small">
                <Statistic title={t('inventory.topReason')} value={top ? top.reason || '—' : '—'} />
              </Card>
            </Col>
          </Row>
        </Col>
        <Col xs={24} lg={18}>
          <Card size="small" title={t('inventory.byReason')} style={{ height: '100%' }}>
            <ReasonsChart data={summary.data?.byReason ?? []} />
          </Card>
        </Col>
      </Row>
      <div className="yf-grid-box">
        <ServerGrid<CustomerReturn>
          path="/inventory/returns"
          params={filters}
          columns={columns}
          onTotal={setTotal}
          testId="returns-grid"
        />
      </div>
    </div>
  );
}
