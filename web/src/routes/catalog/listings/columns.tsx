// Columns of the listings grid: price and status edit inline; pairing opens its own dialog.
import type { ColDef } from 'ag-grid-community';
import type { CustomCellRendererProps } from 'ag-grid-react';
import { Button } from 'antd';
import type { TFunction } from 'i18next';
import { StatusCell, TagsCell } from '../../../components/grid-cells';
import { formatInstant } from '../../../lib/format';
import type { EditContext } from '../../../lib/grid';
import { decimalPatch } from '../../../lib/grid-values';
import { formatMoney } from '../../../lib/money';
import { LISTING_STATUSES, type Listing, type Marketplace } from '../../../lib/types';

export interface ListingColumnOptions {
  t: TFunction;
  locale: string;
  editable: boolean;
  marketplaces: Map<string, Marketplace>;
  onPairing: (listing: Listing) => void;
}

function PairingCell(props: CustomCellRendererProps<Listing> & { onPairing: (l: Listing) => void; label: string }) {
  const listing = props.data;
  if (!listing) return null;
  const text = listing.skus.map((s) => (s.quantity > 1 ? `${s.sku}×${s.quantity}` : s.sku)).join(', ');
  return (
    <span>
      {text || '—'}{' '}
      <Button size="small" type="link" onClick={() => props.onPairing(listing)} data-testid="pairing-edit">
        {props.label}
      </Button>
    </span>
  );
}

export function listingColumns(options: ListingColumnOptions): ColDef<Listing>[] {
  const { t, locale, editable, marketplaces } = options;
  return [
    { field: 'sellerSku', headerName: t('listings.sellerSku'), pinned: 'left', width: 170, sortable: true },
    { field: 'asin', headerName: 'ASIN', width: 120, sortable: true },
    { field: 'storeName', headerName: t('listings.store'), width: 120 },
    {
      field: 'marketplaceId',
      headerName: t('listings.marketplace'),
      width: 100,
      valueFormatter: (p) => marketplaces.get(p.value as string)?.code ?? String(p.value ?? ''),
    },
    { field: 'title', headerName: t('listings.title'), minWidth: 240, flex: 1, sortable: true, tooltipField: 'title' },
    { field: 'fulfillmentChannel', headerName: t('listings.fulfillment'), width: 90 },
    {
      field: 'status',
      headerName: t('listings.status'),
      width: 120,
      sortable: true,
      editable,
      cellRenderer: StatusCell,
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: [...LISTING_STATUSES] },
      valueFormatter: (p) => (p.value ? t(`status.${p.value}`) : ''),
    },
    {
      field: 'price',
      headerName: t('listings.price'),
      width: 130,
      sortable: true,
      editable,
      type: 'rightAligned',
      cellEditor: 'agTextCellEditor',
      valueFormatter: (p) => formatMoney(p.value as string | null, p.data?.currency, locale),
      context: { toPatch: decimalPatch('price') } satisfies EditContext<Listing>,
    },
    {
      colId: 'skus',
      headerName: t('listings.pairedSkus'),
      width: 220,
      cellRenderer: PairingCell,
      cellRendererParams: { onPairing: options.onPairing, label: editable ? t('listings.pair') : '' },
    },
    { field: 'parentAsin', headerName: t('listings.parentAsin'), width: 120 },
    { field: 'fnsku', headerName: 'FNSKU', width: 120 },
    { colId: 'tags', headerName: t('products.tags'), width: 160, cellRenderer: TagsCell },
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
