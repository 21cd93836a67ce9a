// Spend and sales per day (bars) with ACOS (line, right axis in percent) for one currency.
import { Empty } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useECharts } from '../../../lib/use-echarts';
import type { AdsDay } from '../types';

export function PerformanceChart({ days, currency }: { days: AdsDay[]; currency: string }) {
  const { t } = useTranslation();
  const option = useMemo(() => {
    if (days.length === 0) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 64, right: 56, top: 36, bottom: days.length > 31 ? 56 : 28 },
      xAxis: { type: 'category', data: days.map((d) => d.date) },
      yAxis: [
        { type: 'value', name: currency, axisLabel: { formatter: '{value}' } },
        { type: 'value', name: 'ACOS %', axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
      ],
      dataZoom: days.length > 31 ? [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }] : [],
      series: [
        {
          type: 'bar',
          name: t('ads.spend'),
          data: days.map((d) => Number(d.spend)),
          itemStyle: { color: '#fa8c16', borderRadius: [3, 3, 0, 0] },
          barMaxWidth: 18,
        },
        {
          type: 'bar',
          name: t('ads.sales'),
          data: days.map((d) => Number(d.sales)),
          itemStyle: { color: '#1677ff', borderRadius: [3, 3, 0, 0] },
          barMaxWidth: 18,
        },
        {
          type: 'line',
          name: t('ads.acos'),
          yAxisIndex: 1,
          data: days.map((d) => d.acos),
          itemStyle: { color: '#cf1322' },
          showSymbol: days.length < 60,
          connectNulls: false,
        },
      ],
    };
  }, [days, currency, t]);
  const ref = useECharts(option);
  return (
    <div style={{ position: 'relative' }}>
      <div ref={ref} className="yf-chart" style={{ height: 320 }} data-testid="ads-performance-chart" />
      {days.length === 0 && (
        <div
          style={{ position: 'absolute', inset: 0, display: 'flex', alignItems: 'center', justifyContent: 'center' }}
        >
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        </div>
      )}
    </div>
  );
}
