// Search terms (Brand Analytics): per week and marketplace, each search term's frequency rank and its three most
// clicked ASINs with click and conversion shares.
import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { ColDef, ColGroupDef } from 'ag-grid-community';
import { Button, Input, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { ServerGrid } from '../../../components/server-grid';
import { api } from '../../../lib/api';
import { useMarketplaceMap, useStores } from '../../../lib/reference-data';
import { useCan } from '../../../lib/session';
import { ExportButton } from '../export-button';
import { formatBp, type SearchTerm } from '../types';

export function SearchTermsPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const can = useCan();
  const stores = useStores();
  const marketplaces = useMarketplaceMap();
  const [storeId, setStoreId] = useState<string | undefined>();
  const [marketplaceId, setMarketplaceId] = useState<string | undefined>();
  const [week, setWeek] = useState<string | undefined>();
  const [qInput, setQInput] = useState('');
  const [q, setQ] = useState('');
  const [asin, setAsin] = useState('');
  const [total, setTotal] = useState<number | null>(null);

  const weeks = useQuery({
    queryKey: ['analytics', 'search-term-weeks', storeId, marketplaceId],
    queryFn: ({ signal }) =>
      api.get<{ weeks: string[] }>('/analytics/search-terms/weeks', { storeId, marketplaceId }, signal),
  });
  const weekStart = week ?? weeks.data?.weeks[0];
  const filters = useMemo(
    () => ({ storeId, marketplaceId, weekStart, q: q || undefined, asin: asin || undefined }),
    [storeId, marketplaceId, weekStart, q, asin],
  );
  const store = stores.data?.rows.find((s) => s.id === storeId);
  const marketplaceOptions = (store ? store.marketplaceIds : [...marketplaces.keys()]).map((id) => ({
    value: id,
    label: marketplaces.get(id)?.code ?? id,
  }));

  const columns = useMemo<(ColDef<SearchTerm> | ColGroupDef<SearchTerm>)[]>(() => {
    const share = (field: keyof SearchTerm, header: string, colId?: string): ColDef<SearchTerm> => ({
      field,
      ...(colId ? { colId, sortable: true } : {}),
      headerName: header,
      width: 96,
      type: 'rightAligned',
      valueFormatter: (p) => formatBp(p.value as number | null, locale),
    });
    const position = (i: 1 | 2 | 3): ColGroupDef<SearchTerm> => ({
      headerName: t('analytics.clickedAsinN', { n: i }),
      children: [
        {
          field: `asin${i}`,
          headerName: 'ASIN',
          width: 120,
          tooltipValueGetter: (p) => (p.data ? (p.data[`title${i}`] ?? '') : ''),
        },
        share(`clickShare${i}Bp`, t('analytics.clickShare'), i === 1 ? 'clickShare' : undefined),
        share(`conversionShare${i}Bp`, t('analytics.conversionShare'), i === 1 ? 'conversionShare' : undefined),
      ],
    });
    return [
      {
        field: 'searchFrequencyRank',
        colId: 'rank',
        headerName: t('analytics.searchFrequencyRank'),
        width: 120,
        sortable: true,
        initialSort: 'asc',
        type: 'rightAligned',
        valueFormatter: (p) => Number(p.value ?? 0).toLocaleString(locale),
      },
      { field: 'searchTerm', headerName: t('analytics.searchTerm'), width: 220, sortable: true, pinned: 'left' },
      {
        field: 'marketplaceId',
        headerName: t('analytics.marketplace'),
        width: 90,
        valueFormatter: (p) => marketplaces.get(p.value as string)?.code ?? String(p.value ?? ''),
      },
      { field: 'storeName', headerName: t('analytics.store'), width: 110 },
      position(1),
      position(2),
      position(3),
      { field: 'departmentName', headerName: t('analytics.department'), width: 120 },
      { field: 'weekStart', headerName: t('analytics.week'), width: 110 },
    ];
  }, [t, locale, marketplaces]);

  const reset = () => {
    setStoreId(undefined);
    setMarketplaceId(undefined);
    setWeek(undefined);
    setQInput('');
    setQ('');
    setAsin('');
  };

  return (
    <div className="yf-page" data-testid="search-terms-page">
      <PageHeader
        title={t('analytics.searchTermsTitle')}
        note={
          <Typography.Text type="secondary">
            {total === null ? '' : t('common.totalRows', { count: total })}
          </Typography.Text>
        }
        actions={
          can('analytics', 'export') && (
            <ExportButton
              path="/analytics/search-terms/export"
              params={filters}
              name="search-terms"
              testId="search-terms-export"
            />
          )
        }
      />
      <div className="yf-toolbar">
        <Select
          allowClear
          placeholder={t('analytics.store')}
          style={{ width: 140 }}
          value={storeId}
          onChange={(value?: string) => {
            setStoreId(value);
            setMarketplaceId(undefined);
            setWeek(undefined);
          }}
          options={(stores.data?.rows ?? []).map((s) => ({ value: s.id, label: s.name }))}
        />
        <Select
          allowClear
          placeholder={t('analytics.marketplace')}
          style={{ width: 120 }}
          value={marketplaceId}
          onChange={(v?: string) => {
            setMarketplaceId(v);
            setWeek(undefined);
          }}
          options={marketplaceOptions}
        />
        <Select
          placeholder={t('analytics.week')}
          style={{ width: 210 }}
          value={weekStart}
          onChange={setWeek}
          options={(weeks.data?.weeks ?? []).map((w) => ({ value: w, label: t('analytics.weekOf', { date: w }) }))}
          data-testid="search-terms-week"
        />
        <Input.Search
          allowClear
          placeholder={t('analytics.searchTermPlaceholder')}
          style={{ width: 240 }}
          value={qInput}
          onChange={(e) => {
            setQInput(e.target.value);
            if (e.target.value === '') setQ('');
          }}
          onSearch={(v) => setQ(v.trim())}
          data-testid="search-terms-q"
        />
        <Input.Search
          allowClear
          placeholder={t('analytics.clickedAsinPlaceholder')}
          style={{ width: 200 }}
          onSearch={(v) => setAsin(v.trim())}
        />
        <Button icon={<ReloadOutlined />} onClick={reset}>
          {t('common.resetFilters')}
        </Button>
      </div>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('analytics.searchTermsHint')}
      </Typography.Paragraph>
      <div className="yf-grid-box">
        <ServerGrid<SearchTerm>
          path="/analytics/search-terms"
          params={filters}
          columns={columns as ColDef<SearchTerm>[]}
          onTotal={setTotal}
          testId="search-terms-grid"
        />
      </div>
    </div>
  );
}
