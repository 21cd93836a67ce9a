// Orders (bars) and units (line) per purchase day, days without orders shown as zero.
import { Empty } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderStats } from '../../../lib/types';
import { useECharts } from '../../../lib/use-echarts';
import { fillDays } from './fill-days';

export function OrdersChart({ stats }: { stats: OrderStats | undefined }) {
  const { t } = useTranslation();
  const days = useMemo(() => fillDays(stats?.byDay ?? []), [stats]);
  const option = useMemo(() => {
    if (days.length === 0) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 24, top: 36, bottom: days.length > 31 ? 56 : 28 },
      xAxis: { type: 'category', data: days.map((d) => d.date) },
      yAxis: { type: 'value', minInterval: 1 },
      dataZoom: days.length > 31 ? [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }] : [],
      series: [
        {
          type: 'bar',
          name: t('orders.orders'),
          data: days.map((d) => d.orders),
          itemStyle: { color: '#1677ff', borderRadius: [3, 3, 0, 0] },
          barMaxWidth: 28,
        },
        {
          type: 'line',
          name: t('orders.units'),
          data: days.map((d) => d.units),
          itemStyle: { color: '#fa8c16' },
          showSymbol: days.length < 60,
        },
      ],
    };
  }, [days, t]);
  const ref = useECharts(option);
  return (
    <div style={{ position: 'relative' }}>
      <div ref={ref} className="yf-chart" style={{ height: 240 }} data-testid="orders-chart" />
      {days.length === 0 && (
        <div
          style={{ position: 'absolute', inset: 0, display: 'flex', alignItems: 'center', justifyContent: 'center' }}
        >
          <Empty description={t('orders.noOrders')} />
        </div>
      )}
    </div>
  );
}
