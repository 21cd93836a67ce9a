// Daily ads performance of a store, profile or campaign: KPIs and spend vs sales vs ACOS over time, per currency
// (profiles in different currencies are never added up).
import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Segmented, Select, Statistic, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { api } from '../../../lib/api';
import { formatMoney } from '../../../lib/money';
import { AdsFilterBar, defaultPeriod, useAdsFilters } from '../filters';
import { AD_TYPES, type AdsPerformance, type AdType, formatPercent } from '../types';
import { PerformanceChart } from './performance-chart';

export function AdsPerformancePage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [search, setSearch] = useSearchParams();
  const { state, setState, params } = useAdsFilters();
  const [adTypes, setAdTypes] = useState<AdType[]>([]);
  const [currency, setCurrency] = useState<string | undefined>();
  const campaignId = search.get('campaignId') ?? undefined;
  const campaignName = search.get('name');

  // biome-ignore lint/correctness/useExhaustiveDependencies: take the store and profile of a link once
  useEffect(() => {
    const storeId = search.get('storeId') ?? undefined;
    const profileId = search.get('profileId') ?? undefined;
    if (storeId || profileId) setState((s) => ({ ...s, storeId, profileId }));
  }, []);

  const query = { ...params, campaignId, adType: adTypes.length ? adTypes.join(',') : undefined };
  const perf = useQuery({
    queryKey: ['ads', 'performance', query],
    queryFn: ({ signal }) => api.get<AdsPerformance>('/ads/performance', query, signal),
    placeholderData: keepPreviousData,
  });
  const series = perf.data?.currencies ?? [];
  const current = series.find((s) => s.currency === currency) ?? series[0];
  const totals = current?.totals;
  const money = (v: string | undefined) =>
    current && v !== undefined ? formatMoney(v, current.currency, locale) : '—';

  const reset = () => {
    setState({ storeId: undefined, profileId: undefined, range: defaultPeriod() });
    setAdTypes([]);
    setSearch({});
  };

  return (
    <div className="yf-page" data-testid="ads-performance-page">
      <PageHeader
        title={t('nav.adsPerformance')}
        note={
          campaignId ? (
            <Tag closable onClose={() => setSearch({})} color="blue" data-testid="ads-campaign-filter">
              {t('ads.campaign')}: {campaignName ?? campaignId}
            </Tag>
          ) : null
        }
      />
      <div className="yf-toolbar">
        <AdsFilterBar state={state} onChange={setState} />
        <Select<AdType[]>
          mode="multiple"
          allowClear
          placeholder={t('ads.adType')}
          style={{ width: 160 }}
          value={adTypes}
          onChange={setAdTypes}
          options={AD_TYPES.map((a) => ({ value: a, label: t(`ads.adTypes.${a}`) }))}
        />
        <Button icon={<ReloadOutlined />} onClick={reset}>
          {t('common.resetFilters')}
        </Button>
        {series.length > 1 && (
          <Segmented
            value={current?.currency}
            onChange={(v) => setCurrency(String(v))}
            options={series.map((s) => s.currency)}
            data-testid="ads-currency"
          />
        )}
      </div>
      <Row gutter={[16, 16]}>
        {[
          ['spend', money(totals?.spend)],
          ['sales', money(totals?.sales)],
          ['acos', formatPercent(totals?.acos, locale)],
          ['roas', totals?.roas === null || totals?.roas === undefined ? '—' : String(totals.roas)],
          ['orders', totals?.orders ?? '—'],
          ['ctr', formatPercent(totals?.ctr, locale)],
        ].map(([key, value]) => (
          <Col xs={12} lg={4} key={key as string}>
            <Card size="small" style={{ height: '100%' }}>
              <Statistic title={t(`ads.${key}`)} value={value as string} data-testid={`ads-kpi-${key}`} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card
        size="small"
        title={t('ads.spendVsSales', { currency: current?.currency ?? '' })}
        extra={<Typography.Text type="secondary">{t('ads.attributionNote')}</Typography.Text>}
      >
        <PerformanceChart days={current?.days ?? []} currency={current?.currency ?? ''} />
      </Card>
    </div>
  );
}
