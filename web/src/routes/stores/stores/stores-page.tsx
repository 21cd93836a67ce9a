// Stores: seller accounts per region with their marketplaces, status and (write-only) credentials.
import { ApiOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Popconfirm, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StatusTag } from '../../../components/status-tag';
import { api } from '../../../lib/api';
import { useCrud } from '../../../lib/crud';
import { formatInstant } from '../../../lib/format';
import { useMarketplaceMap } from '../../../lib/reference-data';
import { useCan } from '../../../lib/session';
import type { ListResponse, Store } from '../../../lib/types';
import { ConnectionTestModal, useConnectionTest } from './connection-test-modal';
import { StoreModal, storeBody } from './store-modal';

export function StoresPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const marketplaces = useMarketplaceMap();
  const [editing, setEditing] = useState<Store | 'new' | null>(null);
  const [testing, setTesting] = useState<Store | null>(null);
  const connectionTest = useConnectionTest();
  const stores = useQuery({
    queryKey: ['stores'],
    queryFn: () => api.get<ListResponse<Store>>('/stores', { limit: 500 }),
  });
  const { create, update, remove } = useCrud<Store>('/stores', [['stores']]);
  const editable = can('stores', 'edit');

  const columns: TableColumnsType<Store> = [
    { title: t('stores.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('stores.region'),
      dataIndex: 'region',
      key: 'region',
      width: 120,
      render: (r: string) => t(`regions.${r}`),
    },
    { title: t('stores.sellerId'), dataIndex: 'sellerId', key: 'sellerId', width: 180 },
    {
      title: t('stores.marketplaces'),
      dataIndex: 'marketplaceIds',
      key: 'marketplaceIds',
      render: (ids: string[]) => ids.map((id) => <Tag key={id}>{marketplaces.get(id)?.code ?? id}</Tag>),
    },
    {
      title: t('stores.status'),
      dataIndex: 'status',
      key: 'status',
      width: 110,
      render: (s: string) => <StatusTag status={s} kind="storeStatus" />,
    },
    {
      title: t('stores.credentials'),
      dataIndex: 'hasCredentials',
      key: 'hasCredentials',
      width: 140,
      render: (has: boolean) =>
        has ? <Tag color="green">{t('stores.configured')}</Tag> : <Tag color="orange">{t('stores.notConfigured')}</Tag>,
    },
    {
      title: t('common.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      width: 160,
      render: (ms: number) => formatInstant(ms, i18n.language),
    },
    ...(editable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 250,
            render: (_: unknown, store: Store) => (
              <Space size={0}>
                <Button
                  type="link"
                  size="small"
                  icon={<ApiOutlined />}
                  onClick={() => {
                    setTesting(store);
                    connectionTest.mutate(store.id);
                  }}
                  data-testid="test-connection"
                >
                  {t('stores.testConnection')}
                </Button>
                <Button type="link" size="small" onClick={() => setEditing(store)}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('stores.deleteConfirm', { name: store.name })}
                  okText={t('common.delete')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => remove.mutateAsync(store.id)}
                >
                  <Button type="link" size="small" danger>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <div className="yf-page" data-testid="stores-page">
      <div className="yf-toolbar">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.stores')}
        </Typography.Title>
        <div className="yf-toolbar-spacer" />
        {editable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('stores.new')}
          </Button>
        )}
      </div>
      <Table<Store>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={stores.data?.rows ?? []}
        loading={stores.isFetching}
        pagination={false}
      />
      <ConnectionTestModal
        store={testing}
        test={connectionTest}
        onClose={() => {
          setTesting(null);
          connectionTest.reset();
        }}
      />
      <StoreModal
        store={editing}
        onClose={() => setEditing(null)}
        onSubmit={(values) =>
          editing && editing !== 'new'
            ? update.mutateAsync({ id: editing.id, body: storeBody(values, false) })
            : create.mutateAsync(storeBody(values, true))
        }
      />
    </div>
  );
}
