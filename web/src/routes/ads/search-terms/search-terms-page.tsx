// Customer search terms that triggered SP ads (the search term report), per campaign and keyword or target, with
// their metrics over the chosen period; sortable by spend, sales and clicks; Excel / CSV export.
import { ReloadOutlined } from '@ant-design/icons';
import type { ColDef } from 'ag-grid-community';
import { Button, Input, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { ServerGrid } from '../../../components/server-grid';
import { useCan } from '../../../lib/session';
import { AdsExportButton, AdsFilterBar, defaultPeriod, useAdsFilters } from '../filters';
import { metricColumns } from '../metric-columns';
import type { AdsSearchTerm } from '../types';

export function AdsSearchTermsPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const can = useCan();
  const { state, setState, params } = useAdsFilters();
  const [qInput, setQInput] = useState('');
  const [q, setQ] = useState('');
  const [total, setTotal] = useState<number | null>(null);
  const filters = useMemo(() => ({ ...params, q: q || undefined }), [params, q]);

  const columns = useMemo<ColDef<AdsSearchTerm>[]>(
    () => [
      {
        colId: 'searchTerm',
        field: 'searchTerm',
        headerName: t('ads.searchTerm'),
        width: 240,
        pinned: 'left',
        sortable: true,
      },
      ...metricColumns<AdsSearchTerm>(t, locale, { sortable: ['impressions', 'clicks', 'spend', 'sales', 'orders'] }),
      { field: 'targeting', headerName: t('ads.keywordOrTarget'), width: 200, tooltipField: 'targeting' },
      {
        field: 'matchType',
        headerName: t('ads.matchType'),
        width: 120,
        valueFormatter: (p) => (p.value ? t(`ads.matchTypes.${p.value}`, { defaultValue: p.value }) : ''),
      },
      {
        field: 'campaignName',
        headerName: t('ads.campaign'),
        width: 200,
        valueGetter: (p) => p.data?.campaignName ?? p.data?.campaignId ?? '',
      },
      { field: 'storeName', headerName: t('ads.store'), width: 110 },
    ],
    [t, locale],
  );

  return (
    <div className="yf-page" data-testid="ads-search-terms-page">
      <PageHeader
        title={t('nav.adsSearchTerms')}
        note={
          <Typography.Text type="secondary" data-testid="ads-search-terms-total">
            {total === null ? '' : t('common.totalRows', { count: total })}
          </Typography.Text>
        }
        actions={
          can('ads', 'export') && (
            <AdsExportButton
              path="/ads/search-terms/export"
              params={filters}
              name="ads-search-terms"
              testId="ads-search-terms-export"
            />
          )
        }
      />
      <div className="yf-toolbar">
        <Input.Search
          allowClear
          placeholder={t('ads.searchTermPlaceholder')}
          style={{ width: 240 }}
          value={qInput}
          onChange={(e) => {
            setQInput(e.target.value);
            if (e.target.value === '') setQ('');
          }}
          onSearch={(value) => setQ(value.trim())}
          data-testid="ads-search-terms-search"
        />
        <AdsFilterBar state={state} onChange={setState} />
        <Button
          icon={<ReloadOutlined />}
          onClick={() => {
            setState({ storeId: undefined, profileId: undefined, range: defaultPeriod() });
            setQInput('');
            setQ('');
          }}
        >
          {t('common.resetFilters')}
        </Button>
      </div>
      <div className="yf-grid-box">
        <ServerGrid<AdsSearchTerm>
          path="/ads/search-terms"
          params={filters}
          columns={columns}
          onTotal={setTotal}
          testId="ads-search-terms-grid"
        />
      </div>
    </div>
  );
}
