// Manual Amazon report import: a report downloaded from Seller Central (e.g. all orders) into one store,
// validated by a dry run (row-level errors) before the real import.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Col, Form, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ImportFlow } from '../../../components/import-flow';
import { PageHeader } from '../../../components/page-header';
import { useStores } from '../../../lib/reference-data';
import type { ImportReport } from '../../../lib/types';
import { useSyncCatalog } from '../sync/queries';

export function ReportImportPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const stores = useStores();
  const [storeId, setStoreId] = useState<string | undefined>();
  const catalog = useSyncCatalog();
  const reportTypes = catalog.data?.reportTypes ?? [];
  const [chosenType, setType] = useState<string | undefined>();
  const type = chosenType ?? reportTypes[0];
  const [imported, setImported] = useState<ImportReport | null>(null);

  return (
    <div className="yf-page" data-testid="report-import-page">
      <PageHeader title={t('nav.reportImport')} />
      <Card>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Form layout="vertical" component="div">
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item label={t('reportImport.store')} required style={{ marginBottom: 0 }}>
                  <Select
                    placeholder={t('reportImport.chooseStore')}
                    value={storeId}
                    onChange={(value: string) => {
                      setStoreId(value);
                      setImported(null);
                    }}
                    options={(stores.data?.rows ?? []).map((s) => ({ value: s.id, label: s.name }))}
                    data-testid="report-import-store"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={16}>
                <Form.Item label={t('reportImport.type')} required style={{ marginBottom: 0 }}>
                  <Select<string>
                    value={type}
                    loading={catalog.isPending}
                    onChange={(value) => {
                      setType(value);
                      setImported(null);
                    }}
                    options={reportTypes.map((r) => ({
                      value: r,
                      label: (
                        <span>
                          {t(`reportImport.types.${r}`, { defaultValue: r })}{' '}
                          <Typography.Text type="secondary">· {r}</Typography.Text>
                        </span>
                      ),
                    }))}
                    data-testid="report-import-type"
                  />
                </Form.Item>
              </Col>
            </Row>
          </Form>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('reportImport.help')}
          </Typography.Paragraph>
          {storeId && type ? (
            <ImportFlow
              key={`${storeId}:${type}`}
              path="/sync/import"
              query={{ storeId, type }}
              accept=".txt,.tsv,.csv"
              onImported={(report) => {
                setImported(report);
                // The report may feed any module (orders, inventory, finance …): refresh every cached list.
                void client.invalidateQueries();
              }}
            />
          ) : (
            <Alert type="info" showIcon title={t('reportImport.storeFirst')} data-testid="report-import-store-first" />
          )}
          {imported && storeId && type?.includes('_ORDERS_') && (
            <Link to={`/orders?storeId=${encodeURIComponent(storeId)}`} data-testid="report-import-view-orders">
              {t('reportImport.viewOrders')}
            </Link>
          )}
        </Space>
      </Card>
    </div>
  );
}
