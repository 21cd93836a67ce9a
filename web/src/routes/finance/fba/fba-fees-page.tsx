// FBA reimbursements and monthly storage fees (from Amazon's FBA report files): one grid each, in tabs.
import type { ColDef } from 'ag-grid-community';
import { DatePicker, Input, Select, Tabs, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ServerGrid } from '../../../components/server-grid';
import { formatDecimal, formatMoney } from '../../../lib/money';
import { useStores } from '../../../lib/reference-data';
import { DateRange } from '../finance-filters';
import type { Reimbursement, StorageFee } from '../types';

function StoreSelect(props: { value: string | undefined; onChange: (v: string | undefined) => void; testId: string }) {
  const { t } = useTranslation();
  const stores = useStores();
  return (
    <Select
      allowClear
      placeholder={t('finance.store')}
      style={{ width: 140 }}
      value={props.value}
      onChange={props.onChange}
      options={(stores.data?.rows ?? []).map((s) => ({ value: s.id, label: s.name }))}
      data-testid={props.testId}
    />
  );
}

function ReimbursementsTab() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [storeId, setStoreId] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const filters = useMemo(
    () => ({
      storeId,
      q: q || undefined,
      from: range?.[0]?.format('YYYY-MM-DD'),
      to: range?.[1]?.format('YYYY-MM-DD'),
    }),
    [storeId, q, range],
  );
  const columns = useMemo(
    (): ColDef<Reimbursement>[] => [
      {
        field: 'approvalDate',
        colId: 'approvalAt',
        headerName: t('finance.approvalDate'),
        width: 110,
        sortable: true,
        initialSort: 'desc',
      },
      { field: 'storeName', headerName: t('finance.store'), width: 100 },
      { field: 'reimbursementId', headerName: t('finance.reimbursementId'), width: 125 },
      { field: 'reason', headerName: t('finance.reason'), width: 130 },
      { field: 'sku', headerName: t('finance.sku'), width: 120, sortable: true },
      { field: 'productName', headerName: t('finance.product'), minWidth: 120, flex: 1 },
      {
        field: 'amazonOrderId',
        headerName: t('finance.amazonOrderId'),
        width: 170,
        cellRenderer: (p: { value: string | null }) =>
          p.value ? <Link to={`/orders/${encodeURIComponent(p.value)}`}>{p.value}</Link> : null,
      },
      { field: 'quantityTotal', headerName: t('finance.quantity'), width: 70, type: 'rightAligned' },
      {
        field: 'amountTotal',
        headerName: t('finance.amount'),
        width: 110,
        sortable: true,
        type: 'rightAligned',
        valueFormatter: (p) => formatMoney(p.value as string, p.data?.currency, locale),
      },
    ],
    [t, locale],
  );
  return (
    <>
      <div className="yf-toolbar">
        <Input.Search
          allowClear
          placeholder={t('finance.reimbursementSearch')}
          style={{ width: 240 }}
          onSearch={(v) => setQ(v.trim())}
        />
        <StoreSelect value={storeId} onChange={setStoreId} testId="reimbursements-store" />
        <DateRange
          value={range}
          onChange={setRange}
          placeholder={[t('finance.approvedFrom'), t('finance.approvedTo')]}
        />
        <Typography.Text type="secondary" data-testid="reimbursements-total">
          {total === null ? '' : t('common.totalRows', { count: total })}
        </Typography.Text>
      </div>
      <div className="yf-grid-box">
        <ServerGrid<Reimbursement>
          path="/finance/reimbursements"
          params={filters}
          columns={columns}
          onTotal={setTotal}
          testId="reimbursements-grid"
        />
      </div>
    </>
  );
}

function StorageFeesTab() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [storeId, setStoreId] = useState<string | undefined>();
  const [month, setMonth] = useState<Dayjs | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const filters = useMemo(() => ({ storeId, month: month?.format('YYYY-MM') }), [storeId, month]);
  const columns = useMemo(
    (): ColDef<StorageFee>[] => [
      { field: 'monthOfCharge', headerName: t('finance.month'), width: 90, sortable: true, initialSort: 'desc' },
      { field: 'storeName', headerName: t('finance.store'), width: 100 },
      { field: 'countryCode', headerName: t('finance.country'), width: 75 },
      { field: 'fulfillmentCenter', headerName: t('finance.fulfillmentCenter'), width: 75 },
      { field: 'fnsku', headerName: 'FNSKU', width: 120, sortable: true },
      { field: 'asin', headerName: 'ASIN', width: 110 },
      { field: 'productName', headerName: t('finance.product'), minWidth: 120, flex: 1 },
      {
        field: 'averageQuantityOnHand',
        headerName: t('finance.averageOnHand'),
        width: 100,
        type: 'rightAligned',
        valueFormatter: (p) => formatDecimal(p.value as string, locale, 2),
      },
      {
        field: 'itemVolume',
        headerName: t('finance.itemVolume'),
        width: 140,
        type: 'rightAligned',
        valueFormatter: (p) =>
          p.value ? `${formatDecimal(p.value as string, locale, 4)} ${p.data?.volumeUnits ?? ''}` : '',
      },
      {
        field: 'fee',
        headerName: t('finance.storageFee'),
        width: 110,
        sortable: true,
        type: 'rightAligned',
        valueFormatter: (p) => formatMoney(p.value as string, p.data?.currency, locale),
      },
    ],
    [t, locale],
  );
  return (
    <>
      <div className="yf-toolbar">
        <StoreSelect value={storeId} onChange={setStoreId} testId="storage-fees-store" />
        <DatePicker picker="month" value={month} onChange={setMonth} placeholder={t('finance.month')} />
        <Typography.Text type="secondary" data-testid="storage-fees-total">
          {total === null ? '' : t('common.totalRows', { count: total })}
        </Typography.Text>
      </div>
      <div className="yf-grid-box">
        <ServerGrid<StorageFee>
          path="/finance/storage-fees"
          params={filters}
          columns={columns}
          onTotal={setTotal}
          testId="storage-fees-grid"
        />
      </div>
    </>
  );
}

export function FbaFeesPage() {
  const { t } = useTranslation();
  return (
    <div className="yf-page" data-testid="fba-fees-page">
      <PageHeader title={t('finance.fbaTitle')} />
      <Tabs
        destroyOnHidden
        items={[
          { key: 'reimbursements', label: t('finance.reimbursements'), children: <ReimbursementsTab /> },
          { key: 'storage', label: t('finance.storageFees'), children: <StorageFeesTab /> },
        ]}
      />
    </div>
  );
}
