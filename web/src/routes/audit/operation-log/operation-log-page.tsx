// Operation log: who changed what, when, from where; each row expands to its before → after diff.
import { DatePicker, Input, Select, Table, type TableColumnsType, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { formatInstant } from '../../../lib/format';
import { useUserLookup } from '../../../lib/reference-data';
import { MODULES, type OperationLogEntry } from '../../../lib/types';
import { usePagedList } from '../../../lib/use-paged-list';
import { DiffView } from './diff-view';

const SOURCE_COLORS: Record<string, string> = {
  ui: 'blue',
  api: 'purple',
  cli: 'geekblue',
  job: 'cyan',
  system: 'default',
  import: 'gold',
};

export function OperationLogPage() {
  const { t, i18n } = useTranslation();
  const { users } = useUserLookup();
  // The entity and action names the server writes, as the locale files list them.
  const entities = t('log.entities', { returnObjects: true }) as Record<string, string>;
  const actions = t('log.actions', { returnObjects: true }) as Record<string, string>;
  const [module, setModule] = useState<string | undefined>();
  const [entity, setEntity] = useState<string | undefined>();
  const [entityId, setEntityId] = useState('');
  const [action, setAction] = useState<string | undefined>();
  const [actorId, setActorId] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);

  const filters = useMemo(
    () => ({
      module,
      entity,
      entityId: entityId.trim(),
      action,
      actorId,
      from: range?.[0]?.startOf('day').valueOf(),
      to: range?.[1]?.endOf('day').valueOf(),
    }),
    [module, entity, entityId, action, actorId, range],
  );
  const list = usePagedList<OperationLogEntry>('/operation-log', filters, { pageSize: 50 });

  const columns: TableColumnsType<OperationLogEntry> = [
    {
      title: t('log.at'),
      dataIndex: 'at',
      key: 'at',
      width: 160,
      render: (ms: number) => formatInstant(ms, i18n.language),
    },
    {
      title: t('log.actor'),
      key: 'actor',
      width: 160,
      render: (_: unknown, e: OperationLogEntry) =>
        e.actorName ?? e.actorId ?? t(`log.actorTypes.${e.actorType}`, { defaultValue: e.actorType }),
    },
    {
      title: t('log.source'),
      dataIndex: 'source',
      key: 'source',
      width: 100,
      render: (s: string) => (
        <Tag color={SOURCE_COLORS[s] ?? 'default'}>{t(`log.sources.${s}`, { defaultValue: s })}</Tag>
      ),
    },
    {
      title: t('log.module'),
      dataIndex: 'module',
      key: 'module',
      width: 110,
      render: (m: string) => t(`modules.${m}`, { defaultValue: m }),
    },
    {
      title: t('log.entity'),
      dataIndex: 'entity',
      key: 'entity',
      width: 120,
      render: (e: string) => t(`log.entities.${e}`, { defaultValue: e }),
    },
    {
      title: t('log.action'),
      dataIndex: 'action',
      key: 'action',
      width: 110,
      render: (a: string) => t(`log.actions.${a}`, { defaultValue: a }),
    },
    { title: t('log.summary'), dataIndex: 'summary', key: 'summary', ellipsis: true },
    { title: t('log.entityId'), dataIndex: 'entityId', key: 'entityId', width: 200, ellipsis: true },
  ];

  return (
    <div className="yf-page" data-testid="operation-log-page">
      <PageHeader title={t('nav.operationLog')} />
      <div className="yf-toolbar">
        <Select
          allowClear
          placeholder={t('log.module')}
          style={{ width: 130 }}
          value={module}
          onChange={setModule}
          options={[...MODULES, 'iam'].map((m) => ({ value: m, label: t(`modules.${m}`) }))}
        />
        <Select
          allowClear
          placeholder={t('log.entity')}
          style={{ width: 150 }}
          value={entity}
          onChange={setEntity}
          options={Object.keys(entities).map((e) => ({ value: e, label: t(`log.entities.${e}`) }))}
        />
        <Input.Search allowClear placeholder={t('log.entityId')} style={{ width: 180 }} onSearch={setEntityId} />
        <Select
          allowClear
          placeholder={t('log.action')}
          style={{ width: 130 }}
          value={action}
          onChange={setAction}
          options={Object.keys(actions).map((a) => ({ value: a, label: t(`log.actions.${a}`) }))}
        />
        {users.length > 0 && (
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('log.actor')}
            style={{ width: 150 }}
            value={actorId}
            onChange={setActorId}
            options={users.map((u) => ({ value: u.id, label: u.displayName }))}
          />
        )}
        <DatePicker.RangePicker value={range} onChange={(value) => setRange(value)} allowEmpty={[true, true]} />
      </div>
      <Table<OperationLogEntry>
        rowKey="id"
        size="middle"
        columns={columns}
        expandable={{ expandedRowRender: (entry) => <DiffView entry={entry} /> }}
        {...list.tableProps}
        data-testid="log-table"
      />
    </div>
  );
}
