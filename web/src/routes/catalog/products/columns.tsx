// Columns of the products (SKU) grid; editable ones carry how their edit becomes a PATCH.
import type { ColDef } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import { ImageCell, StatusCell, TagsCell } from '../../../components/grid-cells';
import { formatInstant } from '../../../lib/format';
import { type EditContext, textFilter } from '../../../lib/grid';
import { decimalPatch, parseTags } from '../../../lib/grid-values';
import { formatMoney } from '../../../lib/money';
import { type Product, SKU_STATUSES, type User } from '../../../lib/types';

/** Query parameters of the grid's column filters. */
export const PRODUCT_FILTER_PARAMS = { productLine: 'productLine', tags: 'tag' };

const integerPatch =
  (field: string, t: TFunction) =>
  (value: unknown): Record<string, unknown> | string => {
    if (value === null || value === undefined || value === '') return { [field]: null };
    const number = Number(value);
    return Number.isInteger(number) ? { [field]: number } : t('common.invalidInteger');
  };

export function productColumns(
  t: TFunction,
  locale: string,
  editable: boolean,
  users: Map<string, User>,
): ColDef<Product>[] {
  const money = (amount: string | null | undefined, currency: string | null | undefined) =>
    formatMoney(amount, currency, locale);
  return [
    { field: 'sku', headerName: t('products.sku'), pinned: 'left', width: 160, sortable: true },
    { colId: 'image', headerName: '', width: 52, cellRenderer: ImageCell, resizable: false },
    {
      field: 'name',
      headerName: t('products.name'),
      minWidth: 220,
      flex: 1,
      sortable: true,
      editable,
      context: {
        toPatch: (value) => (String(value ?? '').trim() ? { name: String(value).trim() } : t('products.nameRequired')),
      } satisfies EditContext<Product>,
    },
    { field: 'spuCode', headerName: t('products.spu'), width: 120 },
    { field: 'productLine', headerName: t('products.productLine'), width: 150, sortable: true, ...textFilter },
    {
      field: 'status',
      headerName: t('products.status'),
      width: 120,
      sortable: true,
      editable,
      cellRenderer: StatusCell,
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: [...SKU_STATUSES] },
      valueFormatter: (p) => (p.value ? t(`status.${p.value}`) : ''),
    },
    {
      field: 'cost',
      headerName: t('products.cost'),
      width: 130,
      sortable: true,
      editable,
      type: 'rightAligned',
      cellEditor: 'agTextCellEditor',
      valueFormatter: (p) => money(p.value as string | null, p.data?.costCurrency),
      context: { toPatch: decimalPatch('cost') } satisfies EditContext<Product>,
    },
    {
      colId: 'tags',
      headerName: t('products.tags'),
      width: 180,
      editable,
      valueGetter: (p) => (p.data?.tags ?? []).join(', '),
      cellRenderer: TagsCell,
      context: { toPatch: (value) => ({ tags: parseTags(value) }) } satisfies EditContext<Product>,
      ...textFilter,
    },
    {
      field: 'casePack',
      headerName: t('products.casePack'),
      width: 100,
      sortable: true,
      editable,
      type: 'rightAligned',
      cellEditor: 'agNumberCellEditor',
      cellEditorParams: { min: 0, precision: 0 },
      context: { toPatch: integerPatch('casePack', t) } satisfies EditContext<Product>,
    },
    {
      field: 'moq',
      headerName: t('products.moq'),
      width: 90,
      sortable: true,
      editable,
      type: 'rightAligned',
      cellEditor: 'agNumberCellEditor',
      cellEditorParams: { min: 0, precision: 0 },
      context: { toPatch: integerPatch('moq', t) } satisfies EditContext<Product>,
    },
    {
      colId: 'dimensions',
      headerName: t('products.dimensions'),
      width: 150,
      valueGetter: (p) =>
        p.data && p.data.lengthMm !== null ? `${p.data.lengthMm}×${p.data.widthMm}×${p.data.heightMm}` : '',
    },
    { field: 'weightG', headerName: t('products.weightG'), width: 100, type: 'rightAligned' },
    { field: 'hsCode', headerName: t('products.hsCode'), width: 120 },
    {
      field: 'declaredValue',
      headerName: t('products.declaredValue'),
      width: 130,
      type: 'rightAligned',
      valueFormatter: (p) => money(p.value as string | null, p.data?.declaredCurrency),
    },
    {
      field: 'operatorId',
      headerName: t('products.operator'),
      width: 120,
      valueFormatter: (p) => (p.value ? (users.get(p.value as string)?.displayName ?? '') : ''),
    },
    { field: 'listingCount', headerName: t('products.listingCount'), width: 100, type: 'rightAligned' },
    { field: 'launchDate', headerName: t('products.launchDate'), width: 120, sortable: true },
    {
      field: 'updatedAt',
      headerName: t('common.updatedAt'),
      width: 150,
      sortable: true,
      valueFormatter: (p) => formatInstant(p.value as number | null, locale),
    },
  ];
}
