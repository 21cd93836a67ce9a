// Filters and the export menu the finance pages share: store, marketplace (narrowed to the store's), date range.
import { DownloadOutlined, DownOutlined } from '@ant-design/icons';
import { Button, DatePicker, Dropdown, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueryParams } from '../../lib/api';
import { downloadFile } from '../../lib/download';
import { notifyError } from '../../lib/notify';
import { useMarketplaceMap, useStores } from '../../lib/reference-data';

export function StoreMarketplaceSelects(props: {
  storeId: string | undefined;
  marketplaceId: string | undefined;
  onStore: (id: string | undefined) => void;
  onMarketplace: (id: string | undefined) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const stores = useStores();
  const marketplaces = useMarketplaceMap();
  const store = stores.data?.rows.find((s) => s.id === props.storeId);
  const options = (store ? store.marketplaceIds : [...marketplaces.keys()]).map((id) => ({
    value: id,
    label: marketplaces.get(id)?.code ?? id,
  }));
  return (
    <>
      <Select
        allowClear
        placeholder={t('finance.store')}
        style={{ width: 140 }}
        value={props.storeId}
        onChange={(value?: string) => {
          props.onStore(value);
          props.onMarketplace(undefined);
        }}
        options={(stores.data?.rows ?? []).map((s) => ({ value: s.id, label: s.name }))}
        data-testid={`${props.testId}-store`}
      />
      <Select
        allowClear
        placeholder={t('finance.marketplace')}
        style={{ width: 120 }}
        value={props.marketplaceId}
        onChange={props.onMarketplace}
        options={options}
      />
    </>
  );
}

export function DateRange(props: {
  value: [Dayjs | null, Dayjs | null] | null;
  onChange: (v: [Dayjs | null, Dayjs | null] | null) => void;
  placeholder: [string, string];
}) {
  return (
    <DatePicker.RangePicker
      value={props.value}
      onChange={(v) => props.onChange(v)}
      allowEmpty={[true, true]}
      placeholder={props.placeholder}
    />
  );
}

export function ExportMenu(props: { path: string; params: QueryParams; name: string; testId: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const run = async (format: 'xlsx' | 'csv') => {
    setBusy(true);
    try {
      await downloadFile(props.path, { ...props.params, format }, `${props.name}.${format}`);
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'xlsx', label: t('finance.exportXlsx') },
          { key: 'csv', label: t('finance.exportCsv') },
        ],
        onClick: ({ key }) => void run(key as 'xlsx' | 'csv'),
      }}
    >
      <Button icon={<DownloadOutlined />} loading={busy} data-testid={props.testId}>
        <Space size={4}>
          {t('finance.export')}
          <DownOutlined />
        </Space>
      </Button>
    </Dropdown>
  );
}
