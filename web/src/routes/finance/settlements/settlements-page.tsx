// Settlements (Amazon's payouts): filters, the grid of settlements with their totals and deposit dates, export.
import { ReloadOutlined } from '@ant-design/icons';
import type { ColDef } from 'ag-grid-community';
import type { CustomCellRendererProps } from 'ag-grid-react';
import { Button, Input, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ServerGrid } from '../../../components/server-grid';
import { formatInstant, formatUtc } from '../../../lib/format';
import { formatMoney } from '../../../lib/money';
import { useMarketplaceMap } from '../../../lib/reference-data';
import { useCan } from '../../../lib/session';
import { DateRange, ExportMenu, StoreMarketplaceSelects } from '../finance-filters';
import type { Settlement } from '../types';

function SettlementIdCell(props: CustomCellRendererProps<Settlement>) {
  const s = props.data;
  return s ? (
    <Link to={`/finance/settlements/${s.id}`} data-testid="settlement-link">
      {s.settlementId}
    </Link>
  ) : null;
}

export function SettlementsPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const locale = i18n.language;
  const marketplaces = useMarketplaceMap();
  const [qInput, setQInput] = useState('');
  const [q, setQ] = useState('');
  const [storeId, setStoreId] = useState<string | undefined>();
  const [marketplaceId, setMarketplaceId] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [total, setTotal] = useState<number | null>(null);

  const filters = useMemo(
    () => ({
      q: q || undefined,
      storeId,
      marketplaceId,
      from: range?.[0]?.format('YYYY-MM-DD'),
      to: range?.[1]?.format('YYYY-MM-DD'),
    }),
    [q, storeId, marketplaceId, range],
  );
  const columns = useMemo(
    (): ColDef<Settlement>[] => [
      { field: 'settlementId', headerName: t('finance.settlementId'), width: 170, cellRenderer: SettlementIdCell },
      { field: 'storeName', headerName: t('finance.store'), width: 120 },
      {
        field: 'marketplaceId',
        headerName: t('finance.marketplace'),
        width: 100,
        valueFormatter: (p) => (p.value ? (marketplaces.get(p.value as string)?.code ?? String(p.value)) : '—'),
      },
      {
        field: 'startAt',
        headerName: t('finance.periodStart'),
        width: 190,
        sortable: true,
        valueFormatter: (p) => formatUtc(p.value as number),
      },
      {
        field: 'endAt',
        headerName: t('finance.periodEnd'),
        width: 190,
        sortable: true,
        initialSort: 'desc',
        valueFormatter: (p) => formatUtc(p.value as number),
      },
      {
        field: 'depositDate',
        colId: 'depositAt',
        headerName: t('finance.depositDate'),
        width: 120,
        sortable: true,
      },
      {
        field: 'total',
        headerName: t('finance.total'),
        width: 140,
        sortable: true,
        type: 'rightAligned',
        valueFormatter: (p) => formatMoney(p.value as string, p.data?.currency, locale),
      },
      { field: 'currency', headerName: t('finance.currency'), width: 90 },
      { field: 'lines', headerName: t('finance.lines'), width: 90, type: 'rightAligned' },
      {
        field: 'source',
        headerName: t('finance.source'),
        width: 110,
        valueFormatter: (p) => t(`finance.sources.${p.value}`, { defaultValue: String(p.value) }),
      },
      {
        field: 'importedAt',
        headerName: t('finance.importedAt'),
        minWidth: 150,
        flex: 1,
        valueFormatter: (p) => formatInstant(p.value as number, locale),
      },
    ],
    [t, locale, marketplaces],
  );

  return (
    <div className="yf-page" data-testid="settlements-page">
      <PageHeader
        title={t('nav.settlements')}
        note={
          <Typography.Text type="secondary" data-testid="settlements-total">
            {total === null ? '' : t('common.totalRows', { count: total })}
          </Typography.Text>
        }
        actions={
          can('finance', 'export') && (
            <ExportMenu
              path="/finance/settlements/export"
              params={filters}
              name="settlements"
              testId="settlements-export"
            />
          )
        }
      />
      <div className="yf-toolbar">
        <Input.Search
          allowClear
          placeholder={t('finance.settlementSearch')}
          style={{ width: 220 }}
          value={qInput}
          onChange={(e) => {
            setQInput(e.target.value);
            if (e.target.value === '') setQ('');
          }}
          onSearch={(v) => setQ(v.trim())}
        />
        <StoreMarketplaceSelects
          storeId={storeId}
          marketplaceId={marketplaceId}
          onStore={setStoreId}
          onMarketplace={setMarketplaceId}
          testId="settlements"
        />
        <DateRange value={range} onChange={setRange} placeholder={[t('finance.endFrom'), t('finance.endTo')]} />
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
      <div className="yf-grid-box">
        <ServerGrid<Settlement>
          path="/finance/settlements"
          params={filters}
          columns={columns}
          onTotal={setTotal}
          onRowClicked={(s) => navigate(`/finance/settlements/${s.id}`)}
          testId="settlements-grid"
        />
      </div>
    </div>
  );
}
