// The result of an import or a dry run: counts, then every rejected cell (line, column, reason, value).
import { Alert, Descriptions, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportError, ImportReport } from '../lib/types';

export function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const prefix = report.dryRun ? 'import.wouldBe' : 'import.done';
  const columns: TableColumnsType<ImportError> = [
    { title: t('import.line'), dataIndex: 'line', key: 'line', width: 90 },
    { title: t('import.column'), dataIndex: 'column', key: 'column', width: 180 },
    { title: t('import.reason'), dataIndex: 'reason', key: 'reason' },
    {
      title: t('import.value'),
      dataIndex: 'value',
      key: 'value',
      width: 220,
      render: (value: unknown) => (value === undefined || value === null ? '' : String(value)),
    },
  ];
  const ok = report.status === 'ok' && report.errors.length === 0;
  return (
    <div data-testid="import-report">
      <Alert
        type={ok ? 'success' : 'error'}
        showIcon
        style={{ marginBottom: 12 }}
        title={
          ok
            ? report.dryRun
              ? t('import.dryRunOk', { file: report.fileName })
              : t('import.importOk', { file: report.fileName })
            : t('import.rejected', { file: report.fileName, count: report.errors.length })
        }
        data-testid="import-status"
      />
      <Descriptions
        size="small"
        bordered
        column={4}
        items={[
          { key: 'rows', label: t('import.rowsTotal'), children: report.rowsTotal },
          {
            key: 'created',
            label: t(`${prefix}.created`),
            children: <span data-testid="import-created">{report.created}</span>,
          },
          {
            key: 'updated',
            label: t(`${prefix}.updated`),
            children: <span data-testid="import-updated">{report.updated}</span>,
          },
          { key: 'unchanged', label: t(`${prefix}.unchanged`), children: report.unchanged },
        ]}
      />
      {report.errors.length > 0 && (
        <Table<ImportError>
          style={{ marginTop: 12 }}
          size="small"
          rowKey={(e) => `${e.line}:${e.column}:${e.reason}`}
          columns={columns}
          dataSource={report.errors}
          pagination={report.errors.length > 50 ? { pageSize: 50 } : false}
          data-testid="import-errors"
        />
      )}
    </div>
  );
}
