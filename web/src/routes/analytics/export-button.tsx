// The "Export" dropdown of the analytics pages (Excel or CSV of the current filters).
import { DownloadOutlined, DownOutlined } from '@ant-design/icons';
import { Button, Dropdown, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueryParams } from '../../lib/api';
import { downloadFile } from '../../lib/download';
import { notifyError } from '../../lib/notify';

export function ExportButton(props: { path: string; params: QueryParams; name: string; testId: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const exportAs = async (format: 'xlsx' | 'csv') => {
    setBusy(true);
    try {
      await downloadFile(props.path, { ...props.params, format }, `${props.name}.${format}`);
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'xlsx', label: t('analytics.exportXlsx') },
          { key: 'csv', label: t('analytics.exportCsv') },
        ],
        onClick: ({ key }) => void exportAs(key as 'xlsx' | 'csv'),
      }}
    >
      <Button icon={<DownloadOutlined />} loading={busy} data-testid={props.testId}>
        <Space size={4}>
          {t('analytics.export')}
          <DownOutlined />
        </Space>
      </Button>
    </Dropdown>
  );
}
