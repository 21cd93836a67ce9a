// Sync health: per store, each data type's cursor, lag, schedule, last error and API usage; recent runs below.
// Polls every few seconds while anything is queued or running.
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Select, Skeleton, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { formatDuration } from '../../../lib/duration';
import { formatInstant } from '../../../lib/format';
import { useStores } from '../../../lib/reference-data';
import { useCan } from '../../../lib/session';
import type { SyncDataType, SyncRun, SyncState } from '../../../lib/types';
import { ACTIVE_REFRESH_MS, isActive, useSyncCatalog, useSyncRuns, useSyncStates } from './queries';
import { ResyncModal, type ResyncTarget } from './resync-modal';
import { StoreSyncCard, SyncStatusTag } from './store-sync-card';

/** The current time, advancing every `everyMs` (relative times such as "3 min ago" stay right). */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

export function SyncPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const can = useCan();
  const stores = useStores();
  const [storeId, setStoreId] = useState<string | undefined>();
  const [runType, setRunType] = useState<SyncDataType | undefined>();
  const [resync, setResync] = useState<ResyncTarget | null>(null);
  const catalog = useSyncCatalog();
  const states = useSyncStates(storeId);
  const rows = states.data?.rows ?? [];
  const active = rows.some(isActive);
  const runs = useSyncRuns({ storeId, dataType: runType }, active ? ACTIVE_REFRESH_MS : false);
  const now = useNow(active ? ACTIVE_REFRESH_MS : 15_000);

  const storeNames = useMemo(
    () => new Map((stores.data?.rows ?? []).map((s) => [s.id, s.name] as const)),
    [stores.data],
  );
  const dataTypes = useMemo(() => (catalog.data?.dataTypes ?? []).map((d) => d.dataType), [catalog.data]);
  // One card per store the user may see (with or without sync rows yet), in the stores' order; data types in the
  // server's order (unknown ones last).
  const groups = useMemo(() => {
    const rank = (d: SyncDataType) => {
      const i = dataTypes.indexOf(d);
      return i < 0 ? dataTypes.length : i;
    };
    const byStore = new Map<string, SyncState[]>();
    for (const state of rows) byStore.set(state.storeId, [...(byStore.get(state.storeId) ?? []), state]);
    for (const list of byStore.values()) {
      list.sort((a, b) => rank(a.dataType) - rank(b.dataType) || a.dataType.localeCompare(b.dataType));
    }
    const cards = (stores.data?.rows ?? [])
      .filter((s) => !storeId || s.id === storeId)
      .map((s) => ({ id: s.id, name: s.name, hasCredentials: s.hasCredentials, states: byStore.get(s.id) ?? [] }));
    for (const [id, list] of byStore) {
      if (!cards.some((c) => c.id === id))
        cards.push({ id, name: list[0]?.storeName ?? id, hasCredentials: true, states: list });
    }
    return cards;
  }, [rows, stores.data, storeId, dataTypes]);

  const runColumns: TableColumnsType<SyncRun> = [
    {
      title: t('sync.startedAt'),
      dataIndex: 'startedAt',
      key: 'startedAt',
      width: 150,
      render: (ms: number) => formatInstant(ms, locale),
    },
    ...(storeId
      ? []
      : [
          {
            title: t('orders.store'),
            dataIndex: 'storeId',
            key: 'storeId',
            width: 120,
            render: (id: string) => storeNames.get(id) ?? id,
          },
        ]),
    {
      title: t('sync.dataType'),
      dataIndex: 'dataType',
      key: 'dataType',
      width: 140,
      render: (d: SyncDataType) => t(`sync.dataTypes.${d}`, { defaultValue: d }),
    },
    {
      title: t('sync.trigger'),
      dataIndex: 'trigger',
      key: 'trigger',
      width: 90,
      render: (trigger: string) => t(`sync.triggers.${trigger}`, { defaultValue: trigger }),
    },
    {
      title: t('sync.status'),
      dataIndex: 'status',
      key: 'status',
      width: 110,
      render: (status: SyncRun['status']) => <SyncStatusTag status={status} />,
    },
    {
      title: t('sync.duration'),
      key: 'duration',
      width: 100,
      render: (_: unknown, run: SyncRun) => formatDuration((run.finishedAt ?? now) - run.startedAt, t) || '—',
    },
    { title: t('sync.rowsRun'), dataIndex: 'rows', key: 'rows', width: 80, align: 'right' },
    { title: t('sync.calls'), dataIndex: 'calls', key: 'calls', width: 80, align: 'right' },
    { title: t('sync.throttled'), dataIndex: 'throttled', key: 'throttled', width: 90, align: 'right' },
    {
      title: t('sync.lastError'),
      key: 'error',
      render: (_: unknown, run: SyncRun) =>
        run.errorMessage ? (
          <div>
            <Typography.Text type="danger">{run.errorMessage}</Typography.Text>
            {run.requestId && (
              <div>
                <Typography.Text style={{ fontSize: 12 }} copyable={{ text: run.requestId }}>
                  {t('sync.requestId')}: <code>{run.requestId}</code>
                </Typography.Text>
              </div>
            )}
          </div>
        ) : (
          ''
        ),
    },
  ];

  return (
    <div className="yf-page" data-testid="sync-page">
      <PageHeader
        title={t('nav.syncHealth')}
        note={
          <Typography.Text type="secondary" data-testid="sync-refresh-note">
            {active ? t('sync.autoRefresh', { seconds: ACTIVE_REFRESH_MS / 1000 }) : ''}
          </Typography.Text>
        }
        actions={
          <Space>
            <Select
              allowClear
              placeholder={t('sync.allStores')}
              style={{ width: 180 }}
              value={storeId}
              onChange={setStoreId}
              options={(stores.data?.rows ?? []).map((s) => ({ value: s.id, label: s.name }))}
              data-testid="sync-store"
            />
            <Button
              icon={<ReloadOutlined />}
              loading={states.isFetching && !states.isPending}
              onClick={() => {
                void states.refetch();
                void runs.refetch();
              }}
            >
              {t('sync.refresh')}
            </Button>
          </Space>
        }
      />
      {states.isPending || stores.isPending ? (
        <Skeleton active />
      ) : groups.length === 0 ? (
        <Card>
          <Empty description={t('sync.noStates')} />
        </Card>
      ) : (
        groups.map((group) => (
          <StoreSyncCard
            key={group.id}
            storeId={group.id}
            storeName={group.name}
            hasCredentials={group.hasCredentials}
            states={group.states}
            now={now}
            editable={can('stores', 'edit')}
            onResync={setResync}
          />
        ))
      )}
      <Card
        size="small"
        title={t('sync.recentRuns')}
        extra={
          <Select
            allowClear
            size="small"
            placeholder={t('sync.dataType')}
            style={{ width: 170 }}
            value={runType}
            onChange={setRunType}
            options={dataTypes.map((d) => ({ value: d, label: t(`sync.dataTypes.${d}`, { defaultValue: d }) }))}
          />
        }
      >
        <Table<SyncRun>
          rowKey="id"
          size="small"
          columns={runColumns}
          dataSource={runs.data?.rows ?? []}
          loading={runs.isPending}
          pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 1000 }}
          locale={{ emptyText: t('sync.noRuns') }}
          data-testid="sync-runs"
        />
      </Card>
      <ResyncModal target={resync} onClose={() => setResync(null)} />
    </div>
  );
}
