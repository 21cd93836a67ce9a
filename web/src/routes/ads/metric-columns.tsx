// Metric columns shared by the campaigns and search-terms grids, what sellers read first first: spend, sales, ACOS,
// ROAS, orders, then clicks, impressions, CTR, CPC (money in the row's currency).
import type { ColDef } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import { formatMoney } from '../../lib/money';
import { type AdsMetrics, formatPercent } from './types';

export function metricColumns<T extends AdsMetrics & { currency: string }>(
  t: TFunction,
  locale: string,
  opts: { sortable: readonly string[] },
): ColDef<T>[] {
  const sortable = (id: string) => opts.sortable.includes(id);
  const count = (field: keyof AdsMetrics & string, header: string, width = 100): ColDef<T> => ({
    colId: field,
    field: field as ColDef<T>['field'],
    headerName: header,
    width,
    sortable: sortable(field),
    type: 'rightAligned',
    valueFormatter: (p) => new Intl.NumberFormat(locale).format(Number(p.value ?? 0)),
  });
  const money = (field: 'spend' | 'sales' | 'cpc', header: string, sortId?: string): ColDef<T> => ({
    colId: sortId ?? field,
    field: field as ColDef<T>['field'],
    headerName: header,
    width: 120,
    sortable: sortable(sortId ?? field),
    type: 'rightAligned',
    valueFormatter: (p) => formatMoney(p.value as string | null, p.data?.currency, locale) || '—',
  });
  const percent = (field: 'ctr' | 'acos', header: string): ColDef<T> => ({
    colId: field,
    field: field as ColDef<T>['field'],
    headerName: header,
    width: 90,
    type: 'rightAligned',
    valueFormatter: (p) => formatPercent(p.value as number | null, locale),
  });
  return [
    money('spend', t('ads.spend')),
    money('sales', t('ads.sales')),
    percent('acos', t('ads.acos')),
    {
      colId: 'roas',
      field: 'roas' as ColDef<T>['field'],
      headerName: t('ads.roas'),
      width: 90,
      type: 'rightAligned',
      valueFormatter: (p) =>
        p.value === null || p.value === undefined
          ? '—'
          : new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(p.value as number),
    },
    count('orders', t('ads.orders'), 90),
    count('clicks', t('ads.clicks'), 90),
    count('impressions', t('ads.impressions'), 110),
    percent('ctr', t('ads.ctr')),
    money('cpc', t('ads.cpc')),
  ];
}
