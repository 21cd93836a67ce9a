// FBA stock per store × marketplace × SKU: totals of the filter, the server-side grid, Excel/CSV export, and the
// selected SKU's stock over time (one point per marketplace-local day).
import { DownloadOutlined, DownOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import { Button, Card, Col, Dropdown, Input, Row, Space, Statistic, Switch, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { ServerGrid } from '../../../components/server-grid';
import { api } from '../../../lib/api';
import { downloadFile } from '../../../lib/download';
import { formatInstant } from '../../../lib/format';
import { notifyError } from '../../../lib/notify';
import { useMarketplaceMap } from '../../../lib/reference-data';
import { useCan } from '../../../lib/session';
import { StoreMarketplaceFilter } from '../filters';
import type { FbaStock, FbaStockList } from '../types';
import { StockChart } from './stock-chart';

type ExportFormat = 'xlsx' | 'csv';

export function FbaInventoryPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const marketplaces = useMarketplaceMap();
  const [qInput, setQInput] = useState('');
  const [q, setQ] = useState('');
  const [storeId, setStoreId] = useState<string | undefined>();
  const [marketplaceId, setMarketplaceId] = useState<string | undefined>();
  const [inStock, setInStock] = useState(false);
  const [total, setTotal] = useState<number | null>(null);
  const [selected, setSelected] = useState<FbaStock | null>(null);
  const [exporting, setExporting] = useState(false);
  const locale = i18n.language;

  const filters = useMemo(
    () => ({ q, storeId, marketplaceId, inStock: inStock ? 'true' : undefined }),
    [q, storeId, marketplaceId, inStock],
  );
  const totals = useQuery({
    queryKey: ['inventory', 'fba', 'totals', filters],
    queryFn: ({ signal }) => api.get<FbaStockList>('/inventory/fba', { ...filters, limit: 1 }, signal),
    placeholderData: keepPreviousData,
  });
  const sums = totals.data?.totals;

  const columns = useMemo((): ColDef<FbaStock>[] => {
    const qty = (field: keyof FbaStock, key: string, sortable = false): ColDef<FbaStock> => ({
      field,
      headerName: t(`inventory.${key}`),
      width: 110,
      type: 'rightAligned',
      sortable,
    });
    return [
      {
        field: 'sellerSku',
        headerName: t('inventory.sku'),
        width: 170,
        sortable: true,
        initialSort: 'asc',
        pinned: 'left',
      },
      { field: 'storeName', headerName: t('inventory.store'), width: 110 },
      {
        field: 'marketplaceId',
        headerName: t('inventory.marketplace'),
        width: 90,
        valueFormatter: (p) => marketplaces.get(p.value as string)?.code ?? String(p.value ?? ''),
      },
      { field: 'asin', headerName: 'ASIN', width: 120 },
      { field: 'fnsku', headerName: 'FNSKU', width: 120 },
      { field: 'productName', headerName: t('inventory.productName'), width: 240, tooltipField: 'productName' },
      qty('fulfillable', 'fulfillable', true),
      qty('inboundWorking', 'inboundWorking'),
      qty('inboundShipped', 'inboundShipped', true),
      qty('inboundReceiving', 'inboundReceiving'),
      qty('reserved', 'reserved', true),
      qty('unfulfillable', 'unfulfillable', true),
      qty('researching', 'researching'),
      qty('total', 'total', true),
      {
        field: 'amazonUpdatedAt',
        headerName: t('inventory.amazonUpdatedAt'),
        width: 150,
        sortable: true,
        valueFormatter: (p) => formatInstant(p.value as number | null, locale),
      },
    ];
  }, [t, locale, marketplaces]);

  const exportAs = async (format: ExportFormat) => {
    setExporting(true);
    try {
      await downloadFile('/inventory/fba/export', { ...filters, format }, `fba-inventory.${format}`);
    } catch (err) {
      notifyError(err);
    } finally {
      setExporting(false);
    }
  };
  const reset = () => {
    setQInput('');
    setQ('');
    setStoreId(undefined);
    setMarketplaceId(undefined);
    setInStock(false);
  };
  const kpi = (key: string, value: number | undefined, testId: string) => (
    <Col xs={12} lg={4}>
      <Card size="small" style={{ height: '100%' }}>
        <Statistic title={t(`inventory.${key}`)} value={value ?? '—'} data-testid={testId} />
      </Card>
    </Col>
  );

  return (
    <div className="yf-page" data-testid="fba-inventory-page">
      <PageHeader
        title={t('nav.fbaInventory')}
        note={
          <Typography.Text type="secondary" data-testid="fba-total">
            {total === null ? '' : t('common.totalRows', { count: total })}
          </Typography.Text>
        }
        actions={
          can('inventory', 'export') && (
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'xlsx', label: t('inventory.exportXlsx') },
                  { key: 'csv', label: t('inventory.exportCsv') },
                ],
                onClick: ({ key }) => void exportAs(key as ExportFormat),
              }}
            >
              <Button icon={<DownloadOutlined />} loading={exporting} data-testid="fba-export">
                <Space size={4}>
                  {t('inventory.export')}
                  <DownOutlined />
                </Space>
              </Button>
            </Dropdown>
          )
        }
      />
      <div className="yf-toolbar">
        <Input.Search
          allowClear
          placeholder={t('inventory.searchStock')}
          style={{ width: 260 }}
          value={qInput}
          onChange={(e) => {
            setQInput(e.target.value);
            if (e.target.value === '') setQ('');
          }}
          onSearch={(value) => setQ(value.trim())}
          data-testid="fba-search"
        />
        <StoreMarketplaceFilter
          storeId={storeId}
          marketplaceId={marketplaceId}
          onStore={setStoreId}
          onMarketplace={setMarketplaceId}
          testId="fba"
        />
        <Space>
          <Switch checked={inStock} onChange={setInStock} data-testid="fba-in-stock" />
          <Typography.Text>{t('inventory.onlyInStock')}</Typography.Text>
        </Space>
        <Button icon={<ReloadOutlined />} onClick={reset}>
          {t('common.resetFilters')}
        </Button>
      </div>
      <Row gutter={[16, 16]}>
        {kpi('fulfillable', sums?.fulfillable, 'kpi-fulfillable')}
        {kpi(
          'inbound',
          sums ? sums.inboundWorking + sums.inboundShipped + sums.inboundReceiving : undefined,
          'kpi-inbound',
        )}
        {kpi('reserved', sums?.reserved, 'kpi-reserved')}
        {kpi('unfulfillable', sums?.unfulfillable, 'kpi-unfulfillable')}
        {kpi('researching', sums?.researching, 'kpi-researching')}
        {kpi('total', sums?.total, 'kpi-total')}
      </Row>
      <Card
        size="small"
        title={
          selected
            ? t('inventory.historyOf', {
                sku: selected.sellerSku,
                marketplace: marketplaces.get(selected.marketplaceId)?.code ?? selected.marketplaceId,
                store: selected.storeName,
              })
            : t('inventory.history')
        }
      >
        <StockChart row={selected} />
      </Card>
      <div className="yf-grid-box">
        <ServerGrid<FbaStock>
          path="/inventory/fba"
          params={filters}
          columns={columns}
          onTotal={setTotal}
          onRowClicked={setSelected}
          testId="fba-grid"
        />
      </div>
    </div>
  );
}
