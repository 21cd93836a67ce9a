// The overview's charts: listings/SKUs by status (pie) and by marketplace (bar).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useMarketplaceMap } from '../../../lib/reference-data';
import type { CatalogStats } from '../../../lib/types';
import { useECharts } from '../../../lib/use-echarts';

export function StatusPie({ stats }: { stats: CatalogStats }) {
  const { t } = useTranslation();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '68%'],
          center: ['50%', '45%'],
          itemStyle: { borderColor: '#fff', borderWidth: 2 },
          label: { formatter: '{b}\n{c}' },
          data: stats.byStatus.map((s) => ({
            name: t(`status.${s.status}`, { defaultValue: s.status }),
            value: s.count,
          })),
        },
      ],
    }),
    [stats, t],
  );
  const ref = useECharts(option);
  return <div ref={ref} className="yf-chart" data-testid="chart-status" />;
}

export function MarketplaceBar({ stats }: { stats: CatalogStats }) {
  const { t } = useTranslation();
  const marketplaces = useMarketplaceMap();
  const option = useMemo(() => {
    const rows = [...stats.byMarketplace].sort((a, b) => b.count - a.count);
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 24, bottom: 32 },
      xAxis: { type: 'category', data: rows.map((r) => marketplaces.get(r.marketplaceId)?.code ?? r.marketplaceId) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('overview.listings'),
          data: rows.map((r) => r.count),
          itemStyle: { color: '#1677ff', borderRadius: [4, 4, 0, 0] },
          barMaxWidth: 40,
          label: { show: true, position: 'top' },
        },
      ],
    };
  }, [stats, marketplaces, t]);
  const ref = useECharts(option);
  return <div ref={ref} className="yf-chart" data-testid="chart-marketplace" />;
}
