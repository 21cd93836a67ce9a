// Before → after of one log entry: changed fields highlighted; unchanged ones on request.
import { Switch, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperationLogEntry } from '../../../lib/types';
import { diffFields, type FieldChange, valueText } from './diff';

export function DiffView({ entry }: { entry: OperationLogEntry }) {
  const { t } = useTranslation();
  const [onlyChanged, setOnlyChanged] = useState(true);
  const rows = diffFields(entry.before, entry.after);
  const shown = onlyChanged ? rows.filter((r) => r.changed) : rows;

  const columns: TableColumnsType<FieldChange> = [
    { title: t('log.field'), dataIndex: 'field', key: 'field', width: 200, render: (f: string) => <code>{f}</code> },
    {
      title: t('log.before'),
      key: 'before',
      render: (_: unknown, r: FieldChange) => (
        <span className={r.changed ? 'yf-diff-before' : undefined}>{valueText(r.before)}</span>
      ),
    },
    {
      title: t('log.after'),
      key: 'after',
      render: (_: unknown, r: FieldChange) => (
        <span className={r.changed ? 'yf-diff-after' : undefined}>{valueText(r.after)}</span>
      ),
    },
  ];

  return (
    <div data-testid="log-diff">
      <div style={{ display: 'flex', gap: 8, alignItems: 'center', marginBottom: 8 }}>
        <Switch size="small" checked={onlyChanged} onChange={setOnlyChanged} />
        <Typography.Text type="secondary">{t('log.onlyChanged')}</Typography.Text>
        {entry.requestId && (
          <Typography.Text type="secondary" style={{ marginInlineStart: 'auto' }}>
            {t('log.requestId')}:{' '}
            <Typography.Text code copyable>
              {entry.requestId}
            </Typography.Text>
          </Typography.Text>
        )}
      </div>
      <Table<FieldChange>
        size="small"
        rowKey="field"
        columns={columns}
        dataSource={shown}
        pagination={false}
        rowClassName={(r) => (r.changed ? 'yf-diff-changed' : '')}
        locale={{ emptyText: t('log.noChanges') }}
      />
    </div>
  );
}
