// Listings (seller SKUs per marketplace) across stores: server-side grid, inline price/status edit, pairing, export.
import { DownloadOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Input, Select, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { ServerGrid, type ServerGridHandle } from '../../../components/server-grid';
import { downloadFile } from '../../../lib/download';
import { notifyError } from '../../../lib/notify';
import { useMarketplaceMap, useStores } from '../../../lib/reference-data';
import { useCan } from '../../../lib/session';
import { FULFILLMENT_CHANNELS, LISTING_STATUSES, type Listing } from '../../../lib/types';
import { listingColumns } from './columns';
import { NewListingModal } from './new-listing-modal';
import { PairingModal } from './pairing-modal';

export function ListingsPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const grid = useRef<ServerGridHandle>(null);
  const stores = useStores();
  const marketplaces = useMarketplaceMap();
  const [q, setQ] = useState('');
  const [storeId, setStoreId] = useState<string | undefined>();
  const [marketplaceId, setMarketplaceId] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [fulfillmentChannel, setFulfillmentChannel] = useState<string | undefined>();
  const [total, setTotal] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [pairing, setPairing] = useState<Listing | null>(null);
  const [exporting, setExporting] = useState(false);

  const editable = can('catalog', 'edit');
  const columns = useMemo(
    () => listingColumns({ t, locale: i18n.language, editable, marketplaces, onPairing: setPairing }),
    [t, i18n.language, editable, marketplaces],
  );
  const params = useMemo(
    () => ({ q, storeId, marketplaceId, status, fulfillmentChannel }),
    [q, storeId, marketplaceId, status, fulfillmentChannel],
  );
  const store = stores.data?.rows.find((s) => s.id === storeId);
  const marketplaceOptions = (store ? store.marketplaceIds : [...marketplaces.keys()]).map((id) => ({
    value: id,
    label: marketplaces.get(id)?.code ?? id,
  }));

  const exportExcel = async () => {
    setExporting(true);
    try {
      await downloadFile('/catalog/export', { kind: 'listings', format: 'xlsx', ...params }, 'listings.xlsx');
    } catch (err) {
      notifyError(err);
    } finally {
      setExporting(false);
    }
  };

  const reset = () => {
    setQ('');
    setStoreId(undefined);
    setMarketplaceId(undefined);
    setStatus(undefined);
    setFulfillmentChannel(undefined);
    grid.current?.clearFilters();
  };

  return (
    <div className="yf-grid-page" data-testid="listings-page">
      <PageHeader
        title={t('nav.listings')}
        note={
          <Typography.Text type="secondary" data-testid="listings-total">
            {total === null ? '' : t('common.totalRows', { count: total })}
          </Typography.Text>
        }
        actions={
          <>
            {can('catalog', 'export') && (
              <Button
                icon={<DownloadOutlined />}
                loading={exporting}
                onClick={() => void exportExcel()}
                data-testid="export"
              >
                {t('common.exportExcel')}
              </Button>
            )}
            {editable && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="new-listing"
              >
                {t('listings.new')}
              </Button>
            )}
          </>
        }
      />
      <div className="yf-toolbar">
        <Input.Search
          allowClear
          placeholder={t('listings.searchPlaceholder')}
          style={{ width: 260 }}
          onSearch={(value) => setQ(value.trim())}
          data-testid="listings-search"
        />
        <Select
          allowClear
          placeholder={t('listings.store')}
          style={{ width: 140 }}
          value={storeId}
          onChange={(value?: string) => {
            setStoreId(value);
            setMarketplaceId(undefined);
          }}
          options={(stores.data?.rows ?? []).map((s) => ({ value: s.id, label: s.name }))}
        />
        <Select
          allowClear
          placeholder={t('listings.marketplace')}
          style={{ width: 120 }}
          value={marketplaceId}
          onChange={setMarketplaceId}
          options={marketplaceOptions}
        />
        <Select
          allowClear
          placeholder={t('listings.status')}
          style={{ width: 120 }}
          value={status}
          onChange={setStatus}
          options={LISTING_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        <Select
          allowClear
          placeholder={t('listings.fulfillment')}
          style={{ width: 110 }}
          value={fulfillmentChannel}
          onChange={setFulfillmentChannel}
          options={FULFILLMENT_CHANNELS.map((c) => ({ value: c, label: c }))}
        />
        <Button icon={<ReloadOutlined />} onClick={reset}>
          {t('common.resetFilters')}
        </Button>
      </div>
      <ServerGrid<Listing>
        handle={grid}
        path="/catalog/listings"
        params={params}
        columns={columns}
        onTotal={setTotal}
        testId="listings-grid"
      />
      <NewListingModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          grid.current?.refresh();
        }}
      />
      <PairingModal
        listing={editable ? pairing : null}
        onClose={() => setPairing(null)}
        onSaved={() => {
          setPairing(null);
          grid.current?.refresh();
        }}
      />
    </div>
  );
}
