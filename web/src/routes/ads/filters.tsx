// Shared pieces of the ads pages: the store / profile / period filters, the profiles query and the export button.
import { DownloadOutlined, DownOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Dropdown, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type QueryParams } from '../../lib/api';
import { downloadFile } from '../../lib/download';
import { notifyError } from '../../lib/notify';
import { useStores } from '../../lib/reference-data';
import type { AdsProfile } from './types';

export function useAdsProfiles() {
  return useQuery({
    queryKey: ['ads', 'profiles'],
    queryFn: ({ signal }) => api.get<{ rows: AdsProfile[] }>('/ads/profiles', {}, signal),
  });
}

/** The last 30 days through yesterday (report days are complete the day after). */
export function defaultPeriod(): [Dayjs, Dayjs] {
  const to = dayjs().subtract(1, 'day');
  return [to.subtract(29, 'day'), to];
}

export interface AdsFilterState {
  storeId: string | undefined;
  profileId: string | undefined;
  range: [Dayjs, Dayjs];
}

export function useAdsFilters() {
  const [state, setState] = useState<AdsFilterState>({
    storeId: undefined,
    profileId: undefined,
    range: defaultPeriod(),
  });
  const params = useMemo<QueryParams>(
    () => ({
      storeId: state.storeId,
      profileId: state.profileId,
      from: state.range[0].format('YYYY-MM-DD'),
      to: state.range[1].format('YYYY-MM-DD'),
    }),
    [state],
  );
  return { state, setState, params };
}

export function AdsFilterBar(props: { state: AdsFilterState; onChange: (next: AdsFilterState) => void }) {
  const { t } = useTranslation();
  const stores = useStores();
  const profiles = useAdsProfiles();
  const { state, onChange } = props;
  const profileOptions = (profiles.data?.rows ?? [])
    .filter((p) => !state.storeId || p.storeId === state.storeId)
    .map((p) => ({ value: p.profileId, label: `${p.storeName} · ${p.countryCode} (${p.currency})` }));
  return (
    <>
      <Select
        allowClear
        placeholder={t('ads.store')}
        style={{ width: 140 }}
        value={state.storeId}
        onChange={(storeId?: string) => onChange({ ...state, storeId, profileId: undefined })}
        options={(stores.data?.rows ?? []).map((s) => ({ value: s.id, label: s.name }))}
        data-testid="ads-store"
      />
      <Select
        allowClear
        placeholder={t('ads.profile')}
        style={{ width: 200 }}
        value={state.profileId}
        onChange={(profileId?: string) => onChange({ ...state, profileId })}
        options={profileOptions}
        data-testid="ads-profile"
      />
      <DatePicker.RangePicker
        value={state.range}
        allowClear={false}
        onChange={(value) => {
          if (value?.[0] && value[1]) onChange({ ...state, range: [value[0], value[1]] });
        }}
      />
    </>
  );
}

export function AdsExportButton(props: { path: string; params: QueryParams; name: string; testId: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const exportAs = async (format: 'xlsx' | 'csv') => {
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
          { key: 'xlsx', label: t('ads.exportXlsx') },
          { key: 'csv', label: t('ads.exportCsv') },
        ],
        onClick: ({ key }) => void exportAs(key as 'xlsx' | 'csv'),
      }}
    >
      <Button icon={<DownloadOutlined />} loading={busy} data-testid={props.testId}>
        <Space size={4}>
          {t('ads.export')}
          <DownOutlined />
        </Space>
      </Button>
    </Dropdown>
  );
}
