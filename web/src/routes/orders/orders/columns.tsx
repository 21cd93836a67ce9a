// Columns of the orders grid: server-sorted on purchase time, total, units, status and order id.
import type { ColDef } from 'ag-grid-community';
import type { CustomCellRendererProps } from 'ag-grid-react';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { formatInstant } from '../../../lib/format';
import { formatMoney } from '../../../lib/money';
import type { Marketplace, Order, OrderStatus } from '../../../lib/types';
import { OrderStatusTag } from '../order-status-tag';

export interface OrderColumnOptions {
  t: TFunction;
  locale: string;
  marketplaces: Map<string, Marketplace>;
}

function OrderIdCell(props: CustomCellRendererProps<Order>) {
  const order = props.data;
  if (!order) return null;
  return (
    <Link to={`/orders/${order.id}`} data-testid="order-link">
      {order.amazonOrderId}
    </Link>
  );
}

function OrderStatusCell(props: CustomCellRendererProps<Order>) {
  return <OrderStatusTag status={props.value as OrderStatus | null} />;
}

/** "US · CA" from the ship-to country and state/region. */
export function shipTo(order: Pick<Order, 'shipCountry' | 'shipRegion'>): string {
  return [order.shipCountry, order.shipRegion].filter(Boolean).join(' · ');
}

export function orderColumns({ t, locale, marketplaces }: OrderColumnOptions): ColDef<Order>[] {
  return [
    {
      field: 'purchaseAt',
      headerName: t('orders.purchaseTime'),
      width: 150,
      sortable: true,
      initialSort: 'desc',
      valueFormatter: (p) => formatInstant(p.value as number | null, locale),
      tooltipValueGetter: (p) => (p.data ? `UTC ${new Date(p.data.purchaseAt).toISOString()}` : ''),
    },
    {
      field: 'purchaseDate',
      headerName: t('orders.marketplaceDate'),
      headerTooltip: t('orders.purchaseDateLocal'),
      width: 120,
    },
    { field: 'storeName', headerName: t('orders.store'), width: 120 },
    {
      field: 'marketplaceId',
      headerName: t('orders.marketplace'),
      width: 110,
      valueFormatter: (p) => marketplaces.get(p.value as string)?.code ?? String(p.value ?? ''),
    },
    {
      field: 'amazonOrderId',
      headerName: t('orders.amazonOrderId'),
      width: 190,
      sortable: true,
      cellRenderer: OrderIdCell,
    },
    {
      field: 'status',
      headerName: t('orders.status'),
      width: 130,
      sortable: true,
      cellRenderer: OrderStatusCell,
    },
    {
      field: 'fulfillmentChannel',
      headerName: t('orders.channel'),
      width: 90,
      valueFormatter: (p) => (p.value ? t(`orders.channels.${p.value}`) : ''),
    },
    { field: 'units', headerName: t('orders.units'), width: 90, sortable: true, type: 'rightAligned' },
    {
      field: 'total',
      headerName: t('orders.total'),
      width: 130,
      sortable: true,
      type: 'rightAligned',
      valueFormatter: (p) => formatMoney(p.value as string | null, p.data?.currency, locale),
    },
    {
      colId: 'skus',
      headerName: t('orders.skus'),
      minWidth: 200,
      flex: 1,
      valueGetter: (p) => p.data?.skus.join(', ') ?? '',
      tooltipValueGetter: (p) => p.data?.skus.join(', ') ?? '',
    },
    {
      colId: 'shipTo',
      headerName: t('orders.shipTo'),
      width: 130,
      valueGetter: (p) => (p.data ? shipTo(p.data) : ''),
    },
    {
      field: 'lastUpdatedAt',
      headerName: t('orders.lastUpdated'),
      width: 150,
      sortable: true,
      valueFormatter: (p) => formatInstant(p.value as number | null, locale),
    },
  ];
}
