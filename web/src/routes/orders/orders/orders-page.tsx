// Orders synced from Amazon: filters, KPIs and a per-day chart of the filtered orders, the server-side grid, export.
import { DownloadOutlined, DownOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Dropdown, Input, Row, Select, Space, Statistic, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ServerGrid } from '../../../components/server-grid';
import { downloadFile } from '../../../lib/download';
import { formatMoney } from '../../../lib/money';
import { notifyError } from '../../../lib/notify';
import { useMarketplaceMap, useStores } from '../../../lib/reference-data';
import { useCan } from '../../../lib/session';
import { ORDER_CHANNELS, ORDER_STATUSES, type Order, type OrderChannel, type OrderStatus } from '../../../lib/types';
import { ORDER_STATUS_COLORS } from '../order-status-tag';
import { orderColumns } from './columns';
import { OrdersChart } from './orders-chart';
import { useOrderStats } from './queries';

type ExportFormat = 'xlsx' | 'csv';

export function OrdersPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const stores = useStores();
  const marketplaces = useMarketplaceMap();
  const [qInput, setQInput] = useState('');
  const [q, setQ] = useState('');
  const [storeId, setStoreId] = useState<string | undefined>(search.get('storeId') ?? undefined);
  const [marketplaceId, setMarketplaceId] = useState<string | undefined>();
  const [statuses, setStatuses] = useState<OrderStatus[]>([]);
  const [channel, setChannel] = useState<OrderChannel | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [exporting, setExporting] = useState(false);

  const locale = i18n.language;
  const columns = useMemo(() => orderColumns({ t, locale, marketplaces }), [t, locale, marketplaces]);
  const filters = useMemo(
    () => ({
      q,
      storeId,
      marketplaceId,
      status: statuses.length ? statuses.join(',') : undefined,
      channel,
      from: range?.[0]?.format('YYYY-MM-DD'),
      to: range?.[1]?.format('YYYY-MM-DD'),
    }),
    [q, storeId, marketplaceId, statuses, channel, range],
  );
  const stats = useOrderStats(filters);
  const store = stores.data?.rows.find((s) => s.id === storeId);
  const marketplaceOptions = (store ? store.marketplaceIds : [...marketplaces.keys()]).map((id) => ({
    value: id,
    label: marketplaces.get(id)?.code ?? id,
  }));

  const exportAs = async (format: ExportFormat) => {
    setExporting(true);
    try {
      await downloadFile('/orders/export', { ...filters, format }, `orders.${format}`);
    } catch (err) {
      notifyError(err);
    } finally {
      setExporting(false);
    }
  };

  const reset = () => {
    setQInput('');
    setQ('');
    setStoreId(undefined);
    setMarketplaceId(undefined);
    setStatuses([]);
    setChannel(undefined);
    setRange(null);
  };

  const data = stats.data;
  return (
    <div className="yf-page" data-testid="orders-page">
      <PageHeader
        title={t('nav.orders')}
        note={
          <Typography.Text type="secondary" data-testid="orders-total">
            {total === null ? '' : t('common.totalRows', { count: total })}
          </Typography.Text>
        }
        actions={
          can('orders', 'export') && (
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'xlsx', label: t('orders.exportXlsx') },
                  { key: 'csv', label: t('orders.exportCsv') },
                ],
                onClick: ({ key }) => void exportAs(key as ExportFormat),
              }}
            >
              <Button icon={<DownloadOutlined />} loading={exporting} data-testid="orders-export">
                <Space size={4}>
                  {t('orders.export')}
                  <DownOutlined />
                </Space>
              </Button>
            </Dropdown>
          )
        }
      />
      <div className="yf-toolbar">
        <Input.Search
          allowClear
          placeholder={t('orders.searchPlaceholder')}
          style={{ width: 280 }}
          value={qInput}
          onChange={(e) => {
            setQInput(e.target.value);
            if (e.target.value === '') setQ('');
          }}
          onSearch={(value) => setQ(value.trim())}
          data-testid="orders-search"
        />
        <Select
          allowClear
          placeholder={t('orders.store')}
          style={{ width: 140 }}
          value={storeId}
          onChange={(value?: string) => {
            setStoreId(value);
            setMarketplaceId(undefined);
          }}
          options={(stores.data?.rows ?? []).map((s) => ({ value: s.id, label: s.name }))}
          data-testid="orders-store"
        />
        <Select
          allowClear
          placeholder={t('orders.marketplace')}
          style={{ width: 120 }}
          value={marketplaceId}
          onChange={setMarketplaceId}
          options={marketplaceOptions}
        />
        <Select<OrderStatus[]>
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          placeholder={t('orders.status')}
          style={{ width: 240 }}
          value={statuses}
          onChange={setStatuses}
          options={ORDER_STATUSES.map((s) => ({ value: s, label: t(`orderStatus.${s}`) }))}
          data-testid="orders-status"
        />
        <Select
          allowClear
          placeholder={t('orders.channel')}
          style={{ width: 110 }}
          value={channel}
          onChange={setChannel}
          options={ORDER_CHANNELS.map((c) => ({ value: c, label: t(`orders.channels.${c}`) }))}
        />
        <DatePicker.RangePicker
          value={range}
          onChange={(value) => setRange(value)}
          allowEmpty={[true, true]}
          placeholder={[t('orders.purchasedFrom'), t('orders.purchasedTo')]}
        />
        <Button icon={<ReloadOutlined />} onClick={reset}>
          {t('common.resetFilters')}
        </Button>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={12} lg={6}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic title={t('orders.orders')} value={data?.orders ?? '—'} data-testid="kpi-orders" />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic title={t('orders.units')} value={data?.units ?? '—'} data-testid="kpi-units" />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small" style={{ height: '100%' }} data-testid="kpi-revenue">
            <Typography.Text type="secondary">{t('orders.revenue')}</Typography.Text>
            <div style={{ marginTop: 4 }}>
              {data && data.revenue.length > 0 ? (
                data.revenue.map((r) => (
                  <div key={r.currency} style={{ fontSize: data.revenue.length > 2 ? 16 : 22, lineHeight: 1.4 }}>
                    {formatMoney(r.total, r.currency, locale)}
                  </div>
                ))
              ) : (
                <div style={{ fontSize: 22 }}>—</div>
              )}
            </div>
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small" style={{ height: '100%' }} data-testid="kpi-status">
            <Typography.Text type="secondary">{t('orders.byStatus')}</Typography.Text>
            <div style={{ marginTop: 8, display: 'flex', flexWrap: 'wrap', gap: 6 }}>
              {(data?.byStatus ?? []).map((s) => (
                <Tag key={s.status} color={ORDER_STATUS_COLORS[s.status] ?? 'default'} style={{ marginInlineEnd: 0 }}>
                  {t(`orderStatus.${s.status}`, { defaultValue: s.status })} {s.orders}
                </Tag>
              ))}
              {data && data.byStatus.length === 0 && '—'}
            </div>
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('orders.perDay')}>
        <OrdersChart stats={data} />
      </Card>
      <div className="yf-grid-box">
        <ServerGrid<Order>
          path="/orders"
          params={filters}
          columns={columns}
          onTotal={setTotal}
          onRowClicked={(order) => navigate(`/orders/${order.id}`)}
          testId="orders-grid"
        />
      </div>
    </div>
  );
}
