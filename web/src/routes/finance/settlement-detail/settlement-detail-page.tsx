// One settlement: period, deposit and total, amounts by transaction and amount type (chart), and every line.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Result, Skeleton, Table, type TableColumnsType, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../../lib/api';
import { formatInstant, formatUtc } from '../../../lib/format';
import { formatMoney } from '../../../lib/money';
import { useMarketplaceMap } from '../../../lib/reference-data';
import { useECharts } from '../../../lib/use-echarts';
import type { SettlementDetail, SettlementLine } from '../types';

function ByTypeChart({ detail }: { detail: SettlementDetail }) {
  const { t, i18n } = useTranslation();
  const rows = useMemo(
    () =>
      [...detail.byType]
        .map((r) => ({ ...r, label: `${r.transactionType} · ${r.amountType}`, value: Number(r.amount) }))
        .sort((a, b) => a.value - b.value),
    [detail],
  );
  const option = useMemo(
    () =>
      rows.length === 0
        ? null
        : {
            tooltip: {
              trigger: 'axis',
              axisPointer: { type: 'shadow' },
              valueFormatter: (v: number) => formatMoney(String(v), detail.currency, i18n.language),
            },
            grid: { left: 230, right: 90, top: 8, bottom: 24 },
            xAxis: { type: 'value' },
            yAxis: { type: 'category', data: rows.map((r) => r.label) },
            series: [
              {
                type: 'bar',
                name: t('finance.amount'),
                data: rows.map((r) => ({
                  value: r.value,
                  itemStyle: { color: r.value < 0 ? '#fa541c' : '#52c41a', borderRadius: 3 },
                })),
                barMaxWidth: 22,
                label: {
                  show: true,
                  position: 'right',
                  formatter: (p: { value: number }) => formatMoney(String(p.value), detail.currency, i18n.language),
                },
              },
            ],
          },
    [rows, t, detail.currency, i18n.language],
  );
  const ref = useECharts(option);
  return (
    <div style={{ position: 'relative' }}>
      <div
        ref={ref}
        className="yf-chart"
        style={{ height: Math.max(160, rows.length * 30 + 40) }}
        data-testid="settlement-by-type-chart"
      />
      {rows.length === 0 && (
        <div
          style={{ position: 'absolute', inset: 0, display: 'flex', alignItems: 'center', justifyContent: 'center' }}
        >
          <Empty />
        </div>
      )}
    </div>
  );
}

export function SettlementDetailPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const marketplaces = useMarketplaceMap();
  const query = useQuery({
    queryKey: ['finance', 'settlement', id],
    queryFn: ({ signal }) =>
      api.get<SettlementDetail>(`/finance/settlements/${encodeURIComponent(id)}`, undefined, signal),
    meta: { silent: true },
    retry: false,
  });
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/finance/settlements')} data-testid="settlement-back">
      {t('nav.settlements')}
    </Button>
  );
  if (query.isPending)
    return (
      <div className="yf-page" data-testid="settlement-detail-page">
        <Skeleton active />
      </div>
    );
  if (query.isError) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return (
      <div className="yf-page" data-testid="settlement-detail-page">
        <Result
          status={notFound ? '404' : 'error'}
          title={notFound ? t('finance.settlementNotFound', { id }) : t('errors.generic')}
          extra={back}
        />
      </div>
    );
  }
  const s = query.data;
  const money = (a: string) => formatMoney(a, s.currency, locale);
  const marketplace = s.marketplaceId ? marketplaces.get(s.marketplaceId) : undefined;
  const columns: TableColumnsType<SettlementLine> = [
    { title: '#', dataIndex: 'lineNo', key: 'lineNo', width: 60 },
    { title: t('finance.postedDate'), dataIndex: 'postedDate', key: 'postedDate', width: 110 },
    { title: t('finance.transactionType'), dataIndex: 'transactionType', key: 'transactionType', width: 140 },
    {
      title: t('finance.amazonOrderId'),
      dataIndex: 'orderId',
      key: 'orderId',
      width: 180,
      render: (v: string | null) => (v ? <Link to={`/orders/${encodeURIComponent(v)}`}>{v}</Link> : '—'),
    },
    { title: t('finance.sku'), dataIndex: 'sku', key: 'sku', width: 140 },
    { title: t('finance.amountType'), dataIndex: 'amountType', key: 'amountType', width: 140 },
    { title: t('finance.amountDescription'), dataIndex: 'amountDescription', key: 'amountDescription' },
    {
      title: t('finance.amount'),
      dataIndex: 'amount',
      key: 'amount',
      width: 120,
      align: 'right',
      render: (v: string) => <span style={v.startsWith('-') ? { color: '#cf1322' } : undefined}>{money(v)}</span>,
    },
    { title: t('finance.quantity'), dataIndex: 'quantity', key: 'quantity', width: 70, align: 'right' },
  ];
  return (
    <div className="yf-page" data-testid="settlement-detail-page">
      <div className="yf-toolbar">
        {back}
        <Typography.Title level={4} style={{ margin: 0 }} copyable={{ text: s.settlementId }}>
          <span data-testid="settlement-id">{s.settlementId}</span>
        </Typography.Title>
        <div className="yf-toolbar-spacer" />
        <Typography.Text strong style={{ fontSize: 18 }} data-testid="settlement-total">
          {money(s.total)}
        </Typography.Text>
      </div>
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'store', label: t('finance.store'), children: s.storeName },
            {
              key: 'marketplace',
              label: t('finance.marketplace'),
              children: marketplace ? `${marketplace.code} · ${marketplace.country}` : (s.marketplaceId ?? '—'),
            },
            { key: 'currency', label: t('finance.currency'), children: s.currency },
            { key: 'start', label: t('finance.periodStart'), children: formatUtc(s.startAt) },
            { key: 'end', label: t('finance.periodEnd'), children: formatUtc(s.endAt) },
            { key: 'deposit', label: t('finance.depositDate'), children: s.depositDate ?? '—' },
            { key: 'lines', label: t('finance.lines'), children: s.lines },
            {
              key: 'source',
              label: t('finance.source'),
              children: `${t(`finance.sources.${s.source}`, { defaultValue: s.source })}${s.reportId ? ` · ${s.reportId}` : ''}`,
            },
            { key: 'imported', label: t('finance.importedAt'), children: formatInstant(s.importedAt, locale) },
          ]}
        />
      </Card>
      <Card size="small" title={t('finance.totalsByType')}>
        <ByTypeChart detail={s} />
      </Card>
      <Card size="small" title={t('finance.settlementLines')}>
        <Table<SettlementLine>
          rowKey="lineNo"
          size="small"
          columns={columns}
          dataSource={s.lineItems}
          pagination={{ defaultPageSize: 50, showSizeChanger: true, pageSizeOptions: [50, 100, 500] }}
          scroll={{ x: 1200 }}
          data-testid="settlement-lines"
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={7}>
                <Typography.Text strong>{t('finance.total')}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={7} align="right">
                <Typography.Text strong>{money(s.total)}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={8} />
            </Table.Summary.Row>
          )}
        />
      </Card>
    </div>
  );
}
