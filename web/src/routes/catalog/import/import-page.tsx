// Catalog import: products or listings from CSV/XLSX, validated by a dry run before anything is written.
import { DownloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportFlow } from '../../../components/import-flow';
import { downloadFile } from '../../../lib/download';
import { notifyError } from '../../../lib/notify';
import type { ImportKind } from '../../../lib/types';

export function ImportPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [kind, setKind] = useState<ImportKind>('products');

  const template = (format: 'csv' | 'xlsx') =>
    downloadFile('/catalog/import-template', { kind, format }, `${kind}-template.${format}`).catch(notifyError);

  return (
    <div className="yf-page" data-testid="import-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('nav.import')}
      </Typography.Title>
      <Card>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Text strong>{t('import.kind')}</Typography.Text>
            <Radio.Group
              optionType="button"
              value={kind}
              onChange={(e) => setKind(e.target.value as ImportKind)}
              options={[
                { value: 'products', label: t('import.kinds.products') },
                { value: 'listings', label: t('import.kinds.listings') },
              ]}
              data-testid="import-kind"
            />
            <Typography.Text type="secondary">{t('import.template')}:</Typography.Text>
            <Button size="small" icon={<DownloadOutlined />} onClick={() => void template('csv')}>
              CSV
            </Button>
            <Button size="small" icon={<DownloadOutlined />} onClick={() => void template('xlsx')}>
              Excel
            </Button>
          </Space>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('import.help')}
          </Typography.Paragraph>
          <ImportFlow
            key={kind}
            path="/catalog/import"
            query={{ kind }}
            accept=".csv,.xlsx"
            onImported={() => void client.invalidateQueries({ queryKey: ['catalog'] })}
          />
        </Space>
      </Card>
    </div>
  );
}
