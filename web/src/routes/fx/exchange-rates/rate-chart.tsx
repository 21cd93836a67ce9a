// The selected pair's rate over time (ECharts line with zoom).
import { Empty } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExchangeRate } from '../../../lib/types';
import { useECharts } from '../../../lib/use-echarts';

export function RateChart({ rows, pair }: { rows: ExchangeRate[]; pair: string }) {
  const { t } = useTranslation();
  const option = useMemo(() => {
    if (rows.length === 0) return null;
    const sorted = [...rows].sort((a, b) => a.rateDate.localeCompare(b.rateDate));
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 64, right: 24, top: 32, bottom: 56 },
      xAxis: { type: 'category', data: sorted.map((r) => r.rateDate), boundaryGap: false },
      yAxis: { type: 'value', scale: true, name: pair },
      dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
      series: [
        {
          type: 'line',
          name: pair,
          // Rates are decimal strings; the chart only needs their shape, so a float is fine here.
          data: sorted.map((r) => Number(r.rate)),
          smooth: true,
          showSymbol: sorted.length < 60,
          areaStyle: { opacity: 0.08 },
        },
      ],
    };
  }, [rows, pair]);
  const ref = useECharts(option);
  return (
    <div style={{ position: 'relative' }}>
      <div ref={ref} className="yf-chart" style={{ height: 260 }} data-testid="rate-chart" />
      {rows.length === 0 && (
        <div
          style={{ position: 'absolute', inset: 0, display: 'flex', alignItems: 'center', justifyContent: 'center' }}
        >
          <Empty description={pair ? t('fx.noRates') : t('fx.choosePair')} />
        </div>
      )}
    </div>
  );
}
