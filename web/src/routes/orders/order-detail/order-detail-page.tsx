// One order: header (id, status, Prime/Business), where and when it was bought, its lines, its status history.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Descriptions,
  Result,
  Skeleton,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../../lib/api';
import { formatInstant, formatUtc } from '../../../lib/format';
import { formatMoney } from '../../../lib/money';
import { useMarketplaceMap } from '../../../lib/reference-data';
import { useCan } from '../../../lib/session';
import type { OrderDetail, OrderItem, OrderStatus } from '../../../lib/types';
import { OrderFeesCard } from '../../finance/order-fees-card';
import { OrderStatusTag } from '../order-status-tag';

const TIMELINE_COLORS: Partial<Record<OrderStatus, string>> = {
  SHIPPED: 'green',
  CANCELLED: 'gray',
  UNFULFILLABLE: 'red',
};

export function OrderDetailPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const marketplaces = useMarketplaceMap();
  const can = useCan();
  const query = useQuery({
    queryKey: ['orders', 'detail', id],
    queryFn: ({ signal }) => api.get<OrderDetail>(`/orders/${encodeURIComponent(id)}`, undefined, signal),
    meta: { silent: true },
    retry: false,
  });

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/orders')} data-testid="order-back">
      {t('orders.backToList')}
    </Button>
  );

  if (query.isPending) {
    return (
      <div className="yf-page" data-testid="order-detail-page">
        <Skeleton active />
      </div>
    );
  }
  if (query.isError) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return (
      <div className="yf-page" data-testid="order-detail-page">
        <Result
          status={notFound ? '404' : 'error'}
          title={notFound ? t('orders.notFound', { id }) : t('errors.generic')}
          subTitle={notFound ? undefined : query.error.message}
          extra={back}
        />
      </div>
    );
  }

  const order = query.data;
  const money = (amount: string) => formatMoney(amount, order.currency, locale);
  const marketplace = marketplaces.get(order.marketplaceId);
  const shipTo = [order.shipCity, [order.shipRegion, order.shipPostalCode].filter(Boolean).join(' '), order.shipCountry]
    .filter(Boolean)
    .join(', ');

  const itemColumns: TableColumnsType<OrderItem> = [
    { title: t('orders.sku'), dataIndex: 'sellerSku', key: 'sellerSku', width: 160 },
    { title: 'ASIN', dataIndex: 'asin', key: 'asin', width: 120 },
    { title: t('orders.itemTitle'), dataIndex: 'title', key: 'title', ellipsis: true },
    { title: t('orders.quantity'), dataIndex: 'quantity', key: 'quantity', width: 80, align: 'right' },
    { title: t('orders.shipped'), dataIndex: 'quantityShipped', key: 'quantityShipped', width: 80, align: 'right' },
    ...(['itemPrice', 'shippingPrice', 'discount', 'tax', 'total'] as const).map((field) => ({
      title: t(`orders.${field}`),
      dataIndex: field,
      key: field,
      width: 110,
      align: 'right' as const,
      render: (amount: string) => money(amount),
    })),
  ];

  const history = [...order.history].sort((a, b) => a.at - b.at);

  return (
    <div className="yf-page" data-testid="order-detail-page">
      <div className="yf-toolbar">
        {back}
        <Typography.Title level={4} style={{ margin: 0 }} copyable={{ text: order.amazonOrderId }}>
          <span data-testid="order-id">{order.amazonOrderId}</span>
        </Typography.Title>
        <OrderStatusTag status={order.status} />
        {order.isPrime && <Tag color="blue">Prime</Tag>}
        {order.isBusiness && <Tag color="geekblue">{t('orders.business')}</Tag>}
        <div className="yf-toolbar-spacer" />
        <Typography.Text strong style={{ fontSize: 18 }} data-testid="order-total">
          {money(order.total)}
        </Typography.Text>
      </div>
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'store', label: t('orders.store'), children: order.storeName },
            {
              key: 'marketplace',
              label: t('orders.marketplace'),
              children: marketplace
                ? `${marketplace.code} · ${t(`countries.${marketplace.code}`, { defaultValue: marketplace.country })}`
                : order.marketplaceId,
            },
            {
              key: 'channel',
              label: t('orders.channel'),
              children: order.fulfillmentChannel ? t(`orders.channels.${order.fulfillmentChannel}`) : '—',
            },
            {
              key: 'purchaseDate',
              label: t('orders.purchaseDateLocal'),
              children: (
                <Space size={4}>
                  <span data-testid="order-purchase-date">{order.purchaseDate}</span>
                  {marketplace && <Typography.Text type="secondary">({marketplace.timeZone})</Typography.Text>}
                </Space>
              ),
            },
            {
              key: 'purchaseUtc',
              label: t('orders.purchaseUtc'),
              children: <span data-testid="order-purchase-utc">{formatUtc(order.purchaseAt)}</span>,
            },
            {
              key: 'purchaseLocal',
              label: t('orders.purchaseYourTime'),
              children: formatInstant(order.purchaseAt, locale),
            },
            { key: 'salesChannel', label: t('orders.salesChannel'), children: order.salesChannel ?? '—' },
            { key: 'serviceLevel', label: t('orders.serviceLevel'), children: order.serviceLevel ?? '—' },
            { key: 'shipTo', label: t('orders.shipTo'), children: shipTo || '—' },
            { key: 'units', label: t('orders.units'), children: order.units },
            {
              key: 'lastUpdated',
              label: t('orders.lastUpdated'),
              children: formatInstant(order.lastUpdatedAt, locale),
            },
            {
              key: 'source',
              label: t('orders.source'),
              children: `${t(`orders.sources.${order.source}`, { defaultValue: order.source })} · ${formatInstant(order.syncedAt, locale)}`,
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('orders.items')}>
        <Table<OrderItem>
          rowKey="id"
          size="small"
          columns={itemColumns}
          dataSource={order.items}
          pagination={false}
          scroll={{ x: 1100 }}
          data-testid="order-items"
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={3}>
                <Typography.Text strong>{t('orders.orderTotal')}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                <Typography.Text strong>{order.units}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} colSpan={6} align="right">
                <Typography.Text strong>{money(order.total)}</Typography.Text>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      </Card>
      {can('finance', 'view') && <OrderFeesCard amazonOrderId={order.amazonOrderId} />}
      <Card size="small" title={t('orders.history')}>
        <div data-testid="order-history">
          <Timeline
            items={history.map((event) => ({
              key: `${event.status}:${event.at}`,
              color: TIMELINE_COLORS[event.status] ?? 'blue',
              content: (
                <Space size={8} wrap>
                  <Typography.Text strong>{formatInstant(event.at, locale)}</Typography.Text>
                  <OrderStatusTag status={event.status} />
                  <Typography.Text type="secondary">
                    {t('orders.recordedFrom', {
                      source: t(`orders.sources.${event.source}`, { defaultValue: event.source }),
                      at: formatInstant(event.recordedAt, locale),
                    })}
                  </Typography.Text>
                </Space>
              ),
            }))}
          />
        </div>
      </Card>
    </div>
  );
}
