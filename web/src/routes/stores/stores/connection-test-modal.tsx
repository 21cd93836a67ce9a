// "Test connection": signs in to Amazon with the store's credentials and lists the marketplaces the seller is in.
import { ReloadOutlined } from '@ant-design/icons';
import { type UseMutationResult, useMutation } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Modal, Result, Spin, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api';
import { describeError } from '../../../lib/notify';
import { useMarketplaceMap } from '../../../lib/reference-data';
import type { ConnectionTest, Store } from '../../../lib/types';

type Participation = ConnectionTest['participations'][number];

/** POST /stores/:id/test-connection; the modal shows its state. */
export function useConnectionTest() {
  return useMutation({
    mutationFn: (id: string) => api.post<ConnectionTest>(`/stores/${id}/test-connection`),
    meta: { silent: true },
  });
}

export function ConnectionTestModal(props: {
  store: Store | null;
  test: UseMutationResult<ConnectionTest, Error, string>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const marketplaces = useMarketplaceMap();
  const { store, test } = props;

  const code = (id: string) => marketplaces.get(id)?.code ?? id;
  const result = test.data;
  const columns: TableColumnsType<Participation> = [
    {
      title: t('stores.marketplace'),
      dataIndex: 'marketplaceId',
      key: 'marketplaceId',
      render: (id: string, p) => (
        <span>
          {marketplaces.has(id) ? `${code(id)} · ` : ''}
          {p.name} <Typography.Text type="secondary">({id})</Typography.Text>
        </span>
      ),
    },
    { title: t('stores.countryCode'), dataIndex: 'countryCode', key: 'countryCode', width: 90 },
    {
      title: t('stores.participating'),
      dataIndex: 'isParticipating',
      key: 'isParticipating',
      width: 110,
      render: (yes: boolean) => (yes ? <Tag color="green">{t('stores.yes')}</Tag> : <Tag>{t('stores.no')}</Tag>),
    },
    {
      title: t('stores.configuredHere'),
      key: 'configured',
      width: 110,
      render: (_: unknown, p) =>
        store?.marketplaceIds.includes(p.marketplaceId) ? <Tag color="blue">{t('stores.yes')}</Tag> : '',
    },
  ];

  return (
    <Modal
      open={store !== null}
      title={t('stores.testTitle', { name: store?.name ?? '' })}
      width={720}
      onCancel={props.onClose}
      footer={
        <Button
          icon={<ReloadOutlined />}
          disabled={!store || test.isPending}
          onClick={() => store && test.mutate(store.id)}
          data-testid="connection-test-again"
        >
          {t('stores.testAgain')}
        </Button>
      }
      destroyOnHidden
    >
      <div data-testid="connection-test-result">
        {test.isPending ? (
          <div style={{ padding: 32, textAlign: 'center' }}>
            <Spin />
            <div style={{ marginTop: 8 }}>
              <Typography.Text type="secondary">{t('stores.testing')}</Typography.Text>
            </div>
          </div>
        ) : test.isError ? (
          <Result
            status="error"
            title={describeError(test.error).title}
            subTitle={
              <>
                <div>{describeError(test.error).description}</div>
                <div>{describeError(test.error).meta}</div>
              </>
            }
          />
        ) : result ? (
          <>
            <Alert
              type={result.ok ? (result.missingMarketplaceIds.length ? 'warning' : 'success') : 'error'}
              showIcon
              style={{ marginBottom: 12 }}
              title={result.ok ? t('stores.testOk') : t('stores.testFailed')}
              data-testid="connection-test-status"
            />
            <Descriptions
              size="small"
              column={1}
              style={{ marginBottom: 12 }}
              items={[
                {
                  key: 'latency',
                  label: t('stores.latency'),
                  children: <span data-testid="connection-test-latency">{`${Math.round(result.latencyMs)} ms`}</span>,
                },
                ...(result.missingMarketplaceIds.length
                  ? [
                      {
                        key: 'missing',
                        label: t('stores.missingMarketplaces'),
                        children: (
                          <span data-testid="connection-test-missing">
                            {result.missingMarketplaceIds.map((id) => (
                              <Tag key={id} color="red">
                                {code(id)} ({id})
                              </Tag>
                            ))}
                          </span>
                        ),
                      },
                    ]
                  : []),
                ...(result.error
                  ? [
                      {
                        key: 'error',
                        label: t('stores.amazonError'),
                        children: (
                          <div data-testid="connection-test-error">
                            <Typography.Text type="danger">
                              {result.error.code}: {result.error.message}
                            </Typography.Text>
                            {result.error.requestId && (
                              <div>
                                <Typography.Text style={{ fontSize: 12 }} copyable={{ text: result.error.requestId }}>
                                  {t('sync.requestId')}: <code>{result.error.requestId}</code>
                                </Typography.Text>
                              </div>
                            )}
                          </div>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
            {result.participations.length > 0 && (
              <Table<Participation>
                rowKey="marketplaceId"
                size="small"
                columns={columns}
                dataSource={result.participations}
                pagination={false}
                data-testid="connection-test-participations"
              />
            )}
          </>
        ) : null}
      </div>
    </Modal>
  );
}
