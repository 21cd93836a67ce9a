// The FBA inventory ledger: every receipt, shipment, return and adjustment of FBA stock, filtered and paged by the
// server, with events and units per event type for the filter.
import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import { Button, DatePicker, Input, Select, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { ServerGrid } from '../../../components/server-grid';
import { api } from '../../../lib/api';
import { useMarketplaceMap } from '../../../lib/reference-data';
import { StoreMarketplaceFilter } from '../filters';
import type { LedgerEvent, LedgerList } from '../types';

/** Amazon's ledger event types [shared/amazon README: ledger detail view]. */
const EVENT_TYPES = ['Receipts', 'Shipments', 'CustomerReturns', 'Adjustments', 'WhseTransfers', 'VendorReturns'];

export function LedgerPage() {
  const { t } = useTranslation();
  const marketplaces = useMarketplaceMap();
  const [qInput, setQInput] = useState('');
  const [q, setQ] = useState('');
  const [storeId, setStoreId] = useState<string | undefined>();
  const [marketplaceId, setMarketplaceId] = useState<string | undefined>();
  const [eventType, setEventType] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [total, setTotal] = useState<number | null>(null);

  const filters = useMemo(
    () => ({
      q,
      storeId,
      marketplaceId,
      eventType,
      from: range?.[0]?.format('YYYY-MM-DD'),
      to: range?.[1]?.format('YYYY-MM-DD'),
    }),
    [q, storeId, marketplaceId, eventType, range],
  );
  const summary = useQuery({
    queryKey: ['inventory', 'ledger', 'summary', filters],
    queryFn: ({ signal }) => api.get<LedgerList>('/inventory/ledger', { ...filters, limit: 1 }, signal),
    placeholderData: keepPreviousData,
  });
  const eventLabel = (type: string) => t(`inventory.eventTypes.${type}`, { defaultValue: type });

  const columns = useMemo(
    (): ColDef<LedgerEvent>[] => [
      { field: 'date', headerName: t('inventory.date'), width: 110, sortable: true, initialSort: 'desc' },
      { field: 'storeName', headerName: t('inventory.store'), width: 110 },
      {
        field: 'marketplaceId',
        headerName: t('inventory.marketplace'),
        width: 90,
        valueFormatter: (p) => (p.value ? (marketplaces.get(p.value as string)?.code ?? String(p.value)) : ''),
      },
      { field: 'sellerSku', headerName: t('inventory.sku'), width: 160, sortable: true },
      { field: 'fnsku', headerName: 'FNSKU', width: 120 },
      {
        field: 'eventType',
        headerName: t('inventory.eventType'),
        width: 130,
        sortable: true,
        valueFormatter: (p) => t(`inventory.eventTypes.${p.value}`, { defaultValue: String(p.value ?? '') }),
      },
      {
        field: 'quantity',
        headerName: t('inventory.quantity'),
        width: 90,
        type: 'rightAligned',
        sortable: true,
        cellStyle: (p) => ({ color: (p.value as number) < 0 ? '#cf1322' : '#389e0d' }),
      },
      { field: 'referenceId', headerName: t('inventory.referenceId'), width: 170 },
      { field: 'fulfillmentCenter', headerName: t('inventory.fulfillmentCenter'), width: 100 },
      { field: 'disposition', headerName: t('inventory.disposition'), width: 150 },
      { field: 'reason', headerName: t('inventory.reason'), width: 100 },
      { field: 'title', headerName: t('inventory.productName'), width: 240, tooltipField: 'title' },
    ],
    [t, marketplaces],
  );

  return (
    <div className="yf-page" data-testid="ledger-page">
      <PageHeader
        title={t('nav.inventoryLedger')}
        note={
          <Typography.Text type="secondary" data-testid="ledger-total">
            {total === null ? '' : t('common.totalRows', { count: total })}
          </Typography.Text>
        }
      />
      <div className="yf-toolbar">
        <Input.Search
          allowClear
          placeholder={t('inventory.searchLedger')}
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
          testId="ledger"
        />
        <Select
          allowClear
          placeholder={t('inventory.eventType')}
          style={{ width: 160 }}
          value={eventType}
          onChange={setEventType}
          options={EVENT_TYPES.map((e) => ({ value: e, label: eventLabel(e) }))}
          data-testid="ledger-event-type"
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
            setEventType(undefined);
            setRange(null);
          }}
        >
          {t('common.resetFilters')}
        </Button>
      </div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }} data-testid="ledger-by-type">
        {(summary.data?.byType ?? []).map((b) => (
          <Tag key={b.eventType} color={b.units < 0 ? 'volcano' : 'green'} style={{ fontSize: 13, padding: '2px 8px' }}>
            {t('inventory.typeSummary', { type: eventLabel(b.eventType), count: b.events, units: b.units })}
          </Tag>
        ))}
      </div>
      <div className="yf-grid-box">
        <ServerGrid<LedgerEvent>
          path="/inventory/ledger"
          params={filters}
          columns={columns}
          onTotal={setTotal}
          testId="ledger-grid"
        />
      </div>
    </div>
  );
}
