// One store's sync health: a row per data type (status, cursor, lag, schedule, rows, error, actions) and API usage.
import { CloudSyncOutlined, HistoryOutlined, SyncOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Progress, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDuration, formatRelative } from '../../../lib/duration';
import { formatInstant } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import type { OperationUsage, SyncDataType, SyncState, SyncStatus } from '../../../lib/types';
import { isActive, queuedNotice, useTriggerSync } from './queries';
import type { ResyncTarget } from './resync-modal';
import { mergeUsage } from './usage';

const STATUS_COLORS: Record<SyncStatus, string> = {
  idle: 'default',
  queued: 'gold',
  running: 'processing',
  ok: 'green',
  error: 'red',
};

const HOUR = 3_600_000;

export function SyncStatusTag({ status }: { status: SyncStatus | 'running' | 'ok' | 'error' }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={STATUS_COLORS[status] ?? 'default'}
      icon={status === 'running' ? <SyncOutlined spin /> : undefined}
      style={{ marginInlineEnd: 0 }}
      data-status={status}
    >
      {t(`sync.statuses.${status}`, { defaultValue: status })}
    </Tag>
  );
}

export function StoreSyncCard(props: {
  storeId: string;
  storeName: string;
  /** Without SP-API credentials nothing can sync: the card says so and links to the stores page. */
  hasCredentials: boolean;
  states: SyncState[];
  now: number;
  editable: boolean;
  onResync: (target: ResyncTarget) => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { now, editable } = props;
  const trigger = useTriggerSync();

  const syncNow = (dataTypes?: SyncDataType[]) =>
    trigger.mutate(
      { storeId: props.storeId, dataTypes },
      {
        onSuccess: (result) => notifySuccess(queuedNotice(result.queued, t)),
      },
    );
  const pendingFor = (dataType?: SyncDataType) =>
    trigger.isPending &&
    (dataType ? trigger.variables?.dataTypes?.includes(dataType) === true : !trigger.variables?.dataTypes);

  const when = (at: number | null) =>
    at === null ? (
      '—'
    ) : (
      <Tooltip title={formatInstant(at, locale)}>
        <span>{formatRelative(at, now, t)}</span>
      </Tooltip>
    );

  // The last error spans the whole width under its row: Amazon's messages are long, the request id is for support.
  const errorLine = (state: SyncState) => {
    const error = state.error;
    if (!error) return null;
    return (
      <div className="yf-sync-error" data-testid="sync-error">
        <Typography.Text type="danger">
          <WarningOutlined /> {error.message}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {error.code} · {formatRelative(error.at, now, t)}
          {error.retryable ? ` · ${t('sync.retryable')}` : ''}
        </Typography.Text>
        {error.requestId && (
          <Typography.Text
            style={{ fontSize: 12 }}
            copyable={{ text: error.requestId }}
            data-testid="sync-error-request-id"
          >
            {t('sync.requestId')}: <code>{error.requestId}</code>
          </Typography.Text>
        )}
      </div>
    );
  };

  const columns: TableColumnsType<SyncState> = [
    {
      title: t('sync.dataType'),
      dataIndex: 'dataType',
      key: 'dataType',
      width: 130,
      render: (dataType: SyncDataType, state) => (
        <Space size={4} wrap>
          <Typography.Text strong>{t(`sync.dataTypes.${dataType}`, { defaultValue: dataType })}</Typography.Text>
          {!state.enabled && <Tag>{t('sync.disabled')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('sync.status'),
      dataIndex: 'status',
      key: 'status',
      width: 165,
      render: (status: SyncStatus, state) => (
        <div>
          <SyncStatusTag status={status} />
          {state.progress && isActive(state) && (
            <Tooltip title={state.progress.message}>
              <Progress
                percent={Math.round(state.progress.percent)}
                size="small"
                status="active"
                style={{ margin: '4px 0 0', width: 140 }}
                data-testid="sync-progress"
              />
              <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, display: 'block', maxWidth: 150 }}>
                {state.progress.message}
              </Typography.Text>
            </Tooltip>
          )}
        </div>
      ),
    },
    {
      title: t('sync.syncedThrough'),
      dataIndex: 'syncedThrough',
      key: 'syncedThrough',
      width: 140,
      render: (at: number | null) => (at === null ? '—' : formatInstant(at, locale)),
    },
    {
      title: t('sync.lag'),
      dataIndex: 'lagMs',
      key: 'lagMs',
      width: 90,
      render: (lag: number | null) =>
        lag === null ? (
          '—'
        ) : (
          <Typography.Text
            type={lag > 24 * HOUR ? 'danger' : lag > HOUR ? 'warning' : undefined}
            data-testid="sync-lag"
          >
            {formatDuration(lag, t)}
          </Typography.Text>
        ),
    },
    {
      title: t('sync.lastSuccess'),
      dataIndex: 'lastSuccessAt',
      key: 'lastSuccessAt',
      width: 105,
      render: when,
    },
    {
      title: t('sync.nextRun'),
      dataIndex: 'nextRunAt',
      key: 'nextRunAt',
      width: 100,
      // While a run is on, "next run" would read as overdue: the status column says what is happening.
      render: (at: number | null, state) => (state.status === 'running' ? '—' : when(at)),
    },
    {
      title: t('sync.rows'),
      key: 'rows',
      width: 110,
      align: 'right',
      render: (_: unknown, state) => (
        <Tooltip title={t('sync.rowsHelp')}>
          <span>
            {state.rowsLastRun.toLocaleString(locale)} / {state.rowsTotal.toLocaleString(locale)}
          </span>
        </Tooltip>
      ),
    },
    ...(editable && props.hasCredentials
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 150,
            fixed: 'right' as const,
            render: (_: unknown, state: SyncState) => (
              <Space size={0} orientation="vertical" align="start">
                <Button
                  type="link"
                  size="small"
                  icon={<SyncOutlined />}
                  disabled={isActive(state)}
                  loading={pendingFor(state.dataType)}
                  onClick={() => syncNow([state.dataType])}
                  data-testid={`sync-now-${state.dataType}`}
                >
                  {state.status === 'error' ? t('sync.retry') : t('sync.syncNow')}
                </Button>
                <Button
                  type="link"
                  size="small"
                  icon={<HistoryOutlined />}
                  disabled={isActive(state)}
                  onClick={() =>
                    props.onResync({ storeId: props.storeId, storeName: props.storeName, dataType: state.dataType })
                  }
                  data-testid={`resync-${state.dataType}`}
                >
                  {t('sync.resyncFrom')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const usage = mergeUsage(props.states);
  const usageColumns: TableColumnsType<OperationUsage> = [
    { title: t('sync.operation'), dataIndex: 'operation', key: 'operation', render: (op: string) => <code>{op}</code> },
    { title: t('sync.calls'), dataIndex: 'calls', key: 'calls', width: 90, align: 'right' },
    {
      title: t('sync.throttled'),
      dataIndex: 'throttled',
      key: 'throttled',
      width: 180,
      render: (throttled: number, u) => (
        <Space size={8}>
          <span style={{ minWidth: 28, display: 'inline-block', textAlign: 'right' }}>{throttled}</span>
          <Progress
            percent={u.calls ? Math.round((throttled / u.calls) * 100) : 0}
            size={[90, 6]}
            strokeColor={throttled ? '#fa8c16' : undefined}
            format={(p) => `${p}%`}
          />
        </Space>
      ),
    },
    { title: t('sync.retries'), dataIndex: 'retries', key: 'retries', width: 90, align: 'right' },
    {
      title: t('sync.failures'),
      dataIndex: 'failures',
      key: 'failures',
      width: 90,
      align: 'right',
      render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : n),
    },
    {
      title: t('sync.documentedLimit'),
      key: 'limit',
      width: 170,
      render: (_: unknown, u) => t('sync.rateBurst', { rate: u.rate, burst: u.burst }),
    },
  ];

  const anyActive = props.states.some(isActive);
  const canSync = editable && props.hasCredentials;
  return (
    <Card
      size="small"
      title={
        <Space>
          <CloudSyncOutlined />
          {props.storeName}
          {anyActive && <SyncStatusTag status="running" />}
        </Space>
      }
      extra={
        canSync && (
          <Space size={4}>
            <Button
              size="small"
              icon={<SyncOutlined />}
              loading={pendingFor()}
              disabled={anyActive}
              onClick={() => syncNow()}
              data-testid="sync-store-now"
            >
              {t('sync.syncAll')}
            </Button>
            <Button
              size="small"
              icon={<HistoryOutlined />}
              onClick={() => props.onResync({ storeId: props.storeId, storeName: props.storeName })}
            >
              {t('sync.resyncFrom')}
            </Button>
          </Space>
        )
      }
      data-testid="sync-store-card"
      data-store-id={props.storeId}
    >
      {props.states.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={props.hasCredentials ? t('sync.notStarted') : t('sync.noCredentials')}
          data-testid="sync-store-empty"
        >
          {!props.hasCredentials && <Link to="/stores">{t('sync.setUpCredentials')}</Link>}
        </Empty>
      ) : (
        <>
          <Table<SyncState>
            rowKey="dataType"
            size="small"
            columns={columns}
            dataSource={props.states}
            pagination={false}
            scroll={{ x: 1000 }}
            expandable={{
              expandedRowRender: errorLine,
              rowExpandable: (state) => state.error !== null,
              expandedRowKeys: props.states.filter((state) => state.error).map((state) => state.dataType),
              showExpandColumn: false,
            }}
            data-testid="sync-states"
          />
          <Typography.Title level={5} style={{ margin: '16px 0 8px' }}>
            {t('sync.usage')}
          </Typography.Title>
          <Table<OperationUsage>
            rowKey="operation"
            size="small"
            columns={usageColumns}
            dataSource={usage}
            pagination={false}
            locale={{ emptyText: t('sync.noUsage') }}
            data-testid="sync-usage"
          />
        </>
      )}
    </Card>
  );
}
