// Financial event lines (every charge, fee, promotion and withheld tax Amazon posted): filters, grid, export.
import { ReloadOutlined } from '@ant-design/icons';
import type { ColDef } from 'ag-grid-community';
import type { CustomCellRendererProps } from 'ag-grid-react';
import { Button, Input, Select, Tag, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ServerGrid } from '../../../components/server-grid';
import { formatInstant } from '../../../lib/format';
import { formatMoney } from '../../../lib/money';
import { useMarketplaceMap } from '../../../lib/reference-data';
import { useCan } from '../../../lib/session';
import { DateRange, ExportMenu, StoreMarketplaceSelects } from '../finance-filters';
import { FINANCE_EVENT_TYPES, type FinanceEventLine, type FinanceEventType } from '../types';

export const LINE_KIND_COLORS: Record<string, string> = {
  Charge: 'blue',
  Fee: 'orange',
  Promotion: 'purple',
  WithheldTax: 'default',
  Adjustment: 'green',
};

function OrderCell(props: CustomCellRendererProps<FinanceEventLine>) {
  const id = props.data?.amazonOrderId;
  return id ? <Link to={`/orders/${encodeURIComponent(id)}`}>{id}</Link> : null;
}

export function FinancialEventsPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const locale = i18n.language;
  const marketplaces = useMarketplaceMap();
  const [orderInput, setOrderInput] = useState('');
  const [amazonOrderId, setAmazonOrderId] = useState('');
  const [storeId, setStoreId] = useState<string | undefined>();
  const [marketplaceId, setMarketplaceId] = useState<string | undefined>();
  const [eventType, setEventType] = useState<FinanceEventType | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [total, setTotal] = useState<number | null>(null);

  const filters = useMemo(
    () => ({
      storeId,
      marketplaceId,
      eventType,
      amazonOrderId: amazonOrderId || undefined,
      from: range?.[0]?.format('YYYY-MM-DD'),
      to: range?.[1]?.format('YYYY-MM-DD'),
    }),
    [storeId, marketplaceId, eventType, amazonOrderId, range],
  );

  const columns = useMemo(
    (): ColDef<FinanceEventLine>[] => [
      {
        field: 'postedAt',
        headerName: t('finance.postedTime'),
        width: 160,
        sortable: true,
        initialSort: 'desc',
        valueFormatter: (p) =>
          `${formatInstant(p.value as number, locale)}${p.data?.postedAtEstimated ? ` ${t('finance.estimated')}` : ''}`,
        tooltipValueGetter: (p) =>
          p.data?.postedAtEstimated
            ? t('finance.estimatedHint')
            : `UTC ${new Date(p.data?.postedAt ?? 0).toISOString()}`,
      },
      {
        field: 'postedDate',
        headerName: t('finance.postedDate'),
        headerTooltip: t('finance.localDateHint'),
        width: 115,
      },
      { field: 'storeName', headerName: t('finance.store'), width: 110 },
      {
        field: 'marketplaceId',
        headerName: t('finance.marketplace'),
        width: 90,
        valueFormatter: (p) => (p.value ? (marketplaces.get(p.value as string)?.code ?? String(p.value)) : '—'),
      },
      {
        field: 'eventType',
        headerName: t('finance.eventType'),
        width: 120,
        sortable: true,
        valueFormatter: (p) => t(`finance.eventTypes.${p.value}`, { defaultValue: String(p.value) }),
      },
      {
        field: 'amazonOrderId',
        headerName: t('finance.amazonOrderId'),
        width: 180,
        sortable: true,
        cellRenderer: OrderCell,
      },
      { field: 'sellerSku', headerName: t('finance.sku'), width: 140 },
      {
        field: 'lineKind',
        headerName: t('finance.lineKind'),
        width: 110,
        cellRenderer: (p: CustomCellRendererProps<FinanceEventLine>) =>
          p.value ? (
            <Tag color={LINE_KIND_COLORS[p.value as string] ?? 'default'}>
              {t(`finance.lineKinds.${p.value}`, { defaultValue: String(p.value) })}
            </Tag>
          ) : null,
      },
      { field: 'chargeType', headerName: t('finance.chargeType'), minWidth: 200, flex: 1, sortable: true },
      {
        field: 'amount',
        headerName: t('finance.amount'),
        width: 130,
        sortable: true,
        type: 'rightAligned',
        valueFormatter: (p) => formatMoney(p.value as string, p.data?.currency, locale),
        cellStyle: (p) => (String(p.value ?? '').startsWith('-') ? { color: '#cf1322' } : null),
      },
      { field: 'quantity', headerName: t('finance.quantity'), width: 80, type: 'rightAligned' },
      { field: 'orderItemId', headerName: t('finance.orderItemId'), width: 150 },
    ],
    [t, locale, marketplaces],
  );

  const reset = () => {
    setOrderInput('');
    setAmazonOrderId('');
    setStoreId(undefined);
    setMarketplaceId(undefined);
    setEventType(undefined);
    setRange(null);
  };

  return (
    <div className="yf-page" data-testid="financial-events-page">
      <PageHeader
        title={t('nav.financialEvents')}
        note={
          <Typography.Text type="secondary" data-testid="financial-events-total">
            {total === null ? '' : t('common.totalRows', { count: total })}
          </Typography.Text>
        }
        actions={
          can('finance', 'export') && (
            <ExportMenu
              path="/finance/events/export"
              params={filters}
              name="financial-events"
              testId="financial-events-export"
            />
          )
        }
      />
      <div className="yf-toolbar">
        <Input.Search
          allowClear
          placeholder={t('finance.orderSearch')}
          style={{ width: 240 }}
          value={orderInput}
          onChange={(e) => {
            setOrderInput(e.target.value);
            if (e.target.value === '') setAmazonOrderId('');
          }}
          onSearch={(v) => setAmazonOrderId(v.trim())}
          data-testid="financial-events-order"
        />
        <StoreMarketplaceSelects
          storeId={storeId}
          marketplaceId={marketplaceId}
          onStore={setStoreId}
          onMarketplace={setMarketplaceId}
          testId="financial-events"
        />
        <Select
          allowClear
          placeholder={t('finance.eventType')}
          style={{ width: 150 }}
          value={eventType}
          onChange={setEventType}
          options={FINANCE_EVENT_TYPES.map((e) => ({ value: e, label: t(`finance.eventTypes.${e}`) }))}
          data-testid="financial-events-type"
        />
        <DateRange value={range} onChange={setRange} placeholder={[t('finance.postedFrom'), t('finance.postedTo')]} />
        <Tooltip title={t('common.resetFilters')}>
          <Button icon={<ReloadOutlined />} onClick={reset}>
            {t('common.resetFilters')}
          </Button>
        </Tooltip>
      </div>
      <div className="yf-grid-box">
        <ServerGrid<FinanceEventLine>
          path="/finance/events"
          params={filters}
          columns={columns}
          onTotal={setTotal}
          testId="financial-events-grid"
        />
      </div>
    </div>
  );
}
