// Ads campaigns (SP, SB, SD) of the stores a user may see, with their metrics over the chosen period (default the
// last 30 days): spend, sales, ACOS, ROAS, CTR, CPC. A click opens the campaign's daily performance.
import { ReloadOutlined } from '@ant-design/icons';
import type { ColDef } from 'ag-grid-community';
import { Button, Input, Select, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ServerGrid } from '../../../components/server-grid';
import { formatMoney } from '../../../lib/money';
import { useMarketplaceMap } from '../../../lib/reference-data';
import { useCan } from '../../../lib/session';
import { AdsExportButton, AdsFilterBar, defaultPeriod, useAdsFilters } from '../filters';
import { metricColumns } from '../metric-columns';
import { AD_STATES, AD_TYPES, type AdsCampaign, type AdType } from '../types';

const STATE_COLORS: Record<string, string> = { ENABLED: 'green', PAUSED: 'orange', ARCHIVED: 'default' };

export function AdsCampaignsPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const can = useCan();
  const navigate = useNavigate();
  const marketplaces = useMarketplaceMap();
  const { state, setState, params } = useAdsFilters();
  const [adTypes, setAdTypes] = useState<AdType[]>([]);
  const [states, setStates] = useState<string[]>([]);
  const [qInput, setQInput] = useState('');
  const [q, setQ] = useState('');
  const [total, setTotal] = useState<number | null>(null);

  const filters = useMemo(
    () => ({
      ...params,
      adType: adTypes.length ? adTypes.join(',') : undefined,
      state: states.length ? states.join(',') : undefined,
      q: q || undefined,
    }),
    [params, adTypes, states, q],
  );

  const columns = useMemo<ColDef<AdsCampaign>[]>(
    () => [
      {
        field: 'name',
        headerName: t('ads.campaign'),
        width: 250,
        pinned: 'left',
        sortable: true,
        tooltipField: 'name',
      },
      { field: 'adType', headerName: t('ads.adType'), width: 80, sortable: true },
      {
        field: 'state',
        headerName: t('ads.state'),
        width: 110,
        sortable: true,
        cellRenderer: (p: { value: string }) => (
          <Tag color={STATE_COLORS[p.value] ?? 'default'}>{t(`ads.states.${p.value}`, { defaultValue: p.value })}</Tag>
        ),
      },
      ...metricColumns<AdsCampaign>(t, locale, { sortable: ['impressions', 'clicks', 'spend', 'sales', 'orders'] }),
      { field: 'storeName', headerName: t('ads.store'), width: 110 },
      {
        field: 'marketplaceId',
        headerName: t('ads.marketplace'),
        width: 90,
        valueFormatter: (p) => marketplaces.get(p.value as string)?.code ?? String(p.value ?? ''),
      },
      {
        field: 'targetingType',
        headerName: t('ads.targeting'),
        width: 100,
        valueFormatter: (p) => (p.value ? t(`ads.targetingTypes.${p.value}`, { defaultValue: p.value }) : ''),
      },
      {
        colId: 'budget',
        field: 'budget',
        headerName: t('ads.dailyBudget'),
        width: 120,
        sortable: true,
        type: 'rightAligned',
        valueFormatter: (p) => formatMoney(p.value as string | null, p.data?.currency, locale),
      },
    ],
    [t, locale, marketplaces],
  );

  const reset = () => {
    setState({ storeId: undefined, profileId: undefined, range: defaultPeriod() });
    setAdTypes([]);
    setStates([]);
    setQInput('');
    setQ('');
  };

  return (
    <div className="yf-page" data-testid="ads-campaigns-page">
      <PageHeader
        title={t('nav.adsCampaigns')}
        note={
          <Typography.Text type="secondary" data-testid="ads-campaigns-total">
            {total === null ? '' : t('common.totalRows', { count: total })}
          </Typography.Text>
        }
        actions={
          can('ads', 'export') && (
            <AdsExportButton path="/ads/campaigns/export" params={filters} name="ads-campaigns" testId="ads-export" />
          )
        }
      />
      <div className="yf-toolbar">
        <Input.Search
          allowClear
          placeholder={t('ads.searchCampaign')}
          style={{ width: 240 }}
          value={qInput}
          onChange={(e) => {
            setQInput(e.target.value);
            if (e.target.value === '') setQ('');
          }}
          onSearch={(value) => setQ(value.trim())}
        />
        <AdsFilterBar state={state} onChange={setState} />
        <Select<AdType[]>
          mode="multiple"
          allowClear
          placeholder={t('ads.adType')}
          style={{ width: 160 }}
          value={adTypes}
          onChange={setAdTypes}
          options={AD_TYPES.map((a) => ({ value: a, label: t(`ads.adTypes.${a}`) }))}
          data-testid="ads-type"
        />
        <Select<string[]>
          mode="multiple"
          allowClear
          placeholder={t('ads.state')}
          style={{ width: 180 }}
          value={states}
          onChange={setStates}
          options={AD_STATES.map((s) => ({ value: s, label: t(`ads.states.${s}`) }))}
        />
        <Button icon={<ReloadOutlined />} onClick={reset}>
          {t('common.resetFilters')}
        </Button>
      </div>
      <Typography.Text type="secondary">{t('ads.attributionNote')}</Typography.Text>
      <div className="yf-grid-box">
        <ServerGrid<AdsCampaign>
          path="/ads/campaigns"
          params={filters}
          columns={columns}
          onTotal={setTotal}
          onRowClicked={(c) =>
            navigate(
              `/ads/performance?storeId=${c.storeId}&profileId=${c.profileId}&campaignId=${c.campaignId}&name=${encodeURIComponent(c.name)}`,
            )
          }
          testId="ads-campaigns-grid"
        />
      </div>
    </div>
  );
}
