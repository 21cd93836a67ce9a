// Products (SKUs): a server-side grid over /api/catalog/skus with search, filters, inline edit, export and creation.
import { DownloadOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Input, Select, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { ServerGrid, type ServerGridHandle } from '../../../components/server-grid';
import { downloadFile } from '../../../lib/download';
import { notifyError } from '../../../lib/notify';
import { useSpuLookup, useUserLookup } from '../../../lib/reference-data';
import { useCan } from '../../../lib/session';
import { type Product, SKU_STATUSES } from '../../../lib/types';
import { PRODUCT_FILTER_PARAMS, productColumns } from './columns';
import { NewProductModal } from './new-product-modal';

export function ProductsPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const grid = useRef<ServerGridHandle>(null);
  const { users, byId } = useUserLookup();
  const spus = useSpuLookup();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<string | undefined>();
  const [spuId, setSpuId] = useState<string | undefined>();
  const [operatorId, setOperatorId] = useState<string | undefined>();
  const [total, setTotal] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);

  const editable = can('catalog', 'edit');
  const columns = useMemo(() => productColumns(t, i18n.language, editable, byId), [t, i18n.language, editable, byId]);
  const params = useMemo(() => ({ q, status, spuId, operatorId }), [q, status, spuId, operatorId]);

  const exportExcel = async () => {
    setExporting(true);
    try {
      const filters = { ...params, ...grid.current?.filterParams() };
      await downloadFile('/catalog/export', { kind: 'products', format: 'xlsx', ...filters }, 'products.xlsx');
    } catch (err) {
      notifyError(err);
    } finally {
      setExporting(false);
    }
  };

  const reset = () => {
    setQ('');
    setStatus(undefined);
    setSpuId(undefined);
    setOperatorId(undefined);
    grid.current?.clearFilters();
  };

  return (
    <div className="yf-grid-page" data-testid="products-page">
      <PageHeader
        title={t('nav.products')}
        note={
          <Typography.Text type="secondary" data-testid="products-total">
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
                data-testid="new-product"
              >
                {t('products.new')}
              </Button>
            )}
          </>
        }
      />
      <div className="yf-toolbar">
        <Input.Search
          allowClear
          placeholder={t('products.searchPlaceholder')}
          style={{ width: 260 }}
          onSearch={(value) => setQ(value.trim())}
          data-testid="products-search"
        />
        <Select
          allowClear
          placeholder={t('products.status')}
          style={{ width: 130 }}
          value={status}
          onChange={setStatus}
          options={SKU_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('products.spu')}
          style={{ width: 160 }}
          value={spuId}
          onChange={setSpuId}
          options={(spus.data?.rows ?? []).map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))}
        />
        {users.length > 0 && (
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('products.operator')}
            style={{ width: 140 }}
            value={operatorId}
            onChange={setOperatorId}
            options={users.map((u) => ({ value: u.id, label: u.displayName }))}
          />
        )}
        <Button icon={<ReloadOutlined />} onClick={reset}>
          {t('common.resetFilters')}
        </Button>
      </div>
      <ServerGrid<Product>
        handle={grid}
        path="/catalog/skus"
        params={params}
        columns={columns}
        filterParams={PRODUCT_FILTER_PARAMS}
        onTotal={setTotal}
        testId="products-grid"
      />
      <NewProductModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          grid.current?.refresh();
        }}
      />
    </div>
  );
}
