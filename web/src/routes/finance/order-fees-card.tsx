// The fee and charge lines Amazon posted for one order, grouped by order item (shown on the order detail page).
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { formatInstant } from '../../lib/format';
import { formatMoney } from '../../lib/money';
import type { FinanceEventLine, OrderFees } from './types';

const KIND_COLORS: Record<string, string> = {
  Charge: 'blue',
  Fee: 'orange',
  Promotion: 'purple',
  WithheldTax: 'default',
  Adjustment: 'green',
};

export function OrderFeesCard({ amazonOrderId }: { amazonOrderId: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const query = useQuery({
    queryKey: ['finance', 'order-fees', amazonOrderId],
    queryFn: ({ signal }) =>
      api.get<OrderFees>(`/finance/orders/${encodeURIComponent(amazonOrderId)}/fees`, undefined, signal),
    meta: { silent: true },
    retry: false,
  });
  const fees = query.data;
  const money = (a: string) => formatMoney(a, fees?.currency, locale);
  const columns: TableColumnsType<FinanceEventLine> = [
    {
      title: t('finance.postedTime'),
      dataIndex: 'postedAt',
      key: 'postedAt',
      width: 160,
      render: (v: number) => formatInstant(v, locale),
    },
    {
      title: t('finance.eventType'),
      dataIndex: 'eventType',
      key: 'eventType',
      width: 110,
      render: (v: string) => t(`finance.eventTypes.${v}`, { defaultValue: v }),
    },
    {
      title: t('finance.lineKind'),
      dataIndex: 'lineKind',
      key: 'lineKind',
      width: 110,
      render: (v: string) => (
        <Tag color={KIND_COLORS[v] ?? 'default'}>{t(`finance.lineKinds.${v}`, { defaultValue: v })}</Tag>
      ),
    },
    { title: t('finance.chargeType'), dataIndex: 'chargeType', key: 'chargeType' },
    {
      title: t('finance.amount'),
      dataIndex: 'amount',
      key: 'amount',
      width: 120,
      align: 'right',
      render: (v: string) => <span style={v.startsWith('-') ? { color: '#cf1322' } : undefined}>{money(v)}</span>,
    },
  ];
  return (
    <Card
      size="small"
      title={t('finance.orderFees')}
      extra={
        fees && fees.items.length > 0 ? (
          <Space size={12} wrap>
            {fees.totals.map((x) => (
              <Typography.Text key={x.lineKind} type="secondary">
                {t(`finance.lineKinds.${x.lineKind}`)} {money(x.amount)}
              </Typography.Text>
            ))}
            <Typography.Text strong data-testid="order-fees-net">
              {t('finance.net')} {money(fees.net)}
            </Typography.Text>
          </Space>
        ) : null
      }
      data-testid="order-fees"
    >
      {query.isError && <Typography.Text type="secondary">{t('finance.feesUnavailable')}</Typography.Text>}
      {fees && fees.items.length === 0 && <Empty description={t('finance.noFees')} />}
      {fees?.items.map((item) => (
        <div key={`${item.orderItemId}|${item.sellerSku}`} style={{ marginBottom: 12 }}>
          <Space size={8} style={{ marginBottom: 4 }}>
            <Typography.Text strong>{item.sellerSku ?? t('finance.orderLevel')}</Typography.Text>
            {item.orderItemId && <Typography.Text type="secondary">{item.orderItemId}</Typography.Text>}
            <Typography.Text>
              {t('finance.net')} {money(item.net)}
            </Typography.Text>
          </Space>
          <Table<FinanceEventLine>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={item.lines}
            pagination={false}
          />
        </div>
      ))}
    </Card>
  );
}
