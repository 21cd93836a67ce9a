// Sessions (bars), units ordered (line) and conversion (line, right axis) per business day.
import { Empty } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useECharts } from '../../../lib/use-echarts';
import type { TrafficPoint } from '../types';

export function TrafficChart({ series }: { series: TrafficPoint[] | undefined }) {
  const { t } = useTranslation();
  const days = series ?? [];
  const option = useMemo(() => {
    if (days.length === 0) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 56, right: 56, top: 36, bottom: days.length > 31 ? 56 : 28 },
      xAxis: { type: 'category', data: days.map((d) => d.date) },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', axisLabel: { formatter: '{value} %' }, splitLine: { show: false } },
      ],
      dataZoom: days.length > 31 ? [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }] : [],
      series: [
        {
          type: 'bar',
          name: t('analytics.sessions'),
          data: days.map((d) => d.sessions),
          itemStyle: { color: '#1677ff', borderRadius: [3, 3, 0, 0] },
          barMaxWidth: 28,
        },
        {
          type: 'line',
          name: t('analytics.unitsOrdered'),
          data: days.map((d) => d.unitsOrdered),
          itemStyle: { color: '#fa8c16' },
          showSymbol: days.length < 60,
        },
        {
          type: 'line',
          name: t('analytics.conversion'),
          yAxisIndex: 1,
          data: days.map((d) => (d.conversionBp === null ? null : d.conversionBp / 100)),
          itemStyle: { color: '#52c41a' },
          lineStyle: { type: 'dashed' },
          showSymbol: days.length < 60,
        },
      ],
    };
  }, [days, t]);
  const ref = useECharts(option);
  return (
    <div style={{ position: 'relative' }}>
      <div ref={ref} className="yf-chart" style={{ height: 260 }} data-testid="traffic-chart" />
      {days.length === 0 && (
        <div
          style={{ position: 'absolute', inset: 0, display: 'flex', alignItems: 'center', justifyContent: 'center' }}
        >
          <Empty description={t('analytics.noTraffic')} />
        </div>
      )}
    </div>
  );
}
