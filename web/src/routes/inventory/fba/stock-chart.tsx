// The selected SKU's FBA stock per marketplace-local day: fulfillable (area), reserved, inbound and total (lines).
import { useQuery } from '@tanstack/react-query';
import { Empty } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api';
import { useECharts } from '../../../lib/use-echarts';
import type { FbaStock, StockHistory } from '../types';

export function StockChart({ row }: { row: FbaStock | null }) {
  const { t } = useTranslation();
  const history = useQuery({
    queryKey: ['inventory', 'history', row?.storeId, row?.marketplaceId, row?.sellerSku],
    enabled: row !== null,
    queryFn: ({ signal }) =>
      api.get<StockHistory>(
        `/inventory/fba/${encodeURIComponent(row?.sellerSku ?? '')}/history`,
        { storeId: row?.storeId, marketplaceId: row?.marketplaceId },
        signal,
      ),
  });
  const points = history.data?.snapshots ?? [];
  const option = useMemo(() => {
    if (points.length === 0) return null;
    const line = (name: string, data: number[], color: string, area = false) => ({
      type: 'line',
      name,
      data,
      itemStyle: { color },
      showSymbol: points.length < 60,
      ...(area ? { areaStyle: { opacity: 0.15 } } : {}),
    });
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 24, top: 36, bottom: points.length > 31 ? 56 : 28 },
      xAxis: { type: 'category', data: points.map((p) => p.date) },
      yAxis: { type: 'value', minInterval: 1 },
      dataZoom: points.length > 31 ? [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }] : [],
      series: [
        line(
          t('inventory.fulfillable'),
          points.map((p) => p.fulfillable),
          '#1677ff',
          true,
        ),
        line(
          t('inventory.reserved'),
          points.map((p) => p.reserved),
          '#fa8c16',
        ),
        line(
          t('inventory.inbound'),
          points.map((p) => p.inboundWorking + p.inboundShipped + p.inboundReceiving),
          '#52c41a',
        ),
        line(
          t('inventory.total'),
          points.map((p) => p.total),
          '#8c8c8c',
        ),
      ],
    };
  }, [points, t]);
  const ref = useECharts(option);
  return (
    <div style={{ position: 'relative' }}>
      <div ref={ref} className="yf-chart" style={{ height: 220 }} data-testid="fba-stock-chart" />
      {points.length === 0 && (
        <div
          style={{ position: 'absolute', inset: 0, display: 'flex', alignItems: 'center', justifyContent: 'center' }}
        >
          <Empty description={row ? t('inventory.noHistory') : t('inventory.pickSku')} />
        </div>
      )}
    </div>
  );
}
