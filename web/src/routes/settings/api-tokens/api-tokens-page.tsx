// My API tokens: scopes within my own permissions; the secret is shown once, then only its prefix.
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/form-modal';
import { api } from '../../../lib/api';
import { useCrud } from '../../../lib/crud';
import { formatInstant } from '../../../lib/format';
import { useMe } from '../../../lib/session';
import { ACTIONS, type ApiToken, type ListResponse, MODULES } from '../../../lib/types';

interface TokenForm {
  name: string;
  scopes: string[];
  expiresInDays?: number;
}

export function ApiTokensPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const tokens = useQuery({ queryKey: ['/api-tokens'], queryFn: () => api.get<ListResponse<ApiToken>>('/api-tokens') });
  const { create, remove } = useCrud<ApiToken & { token: string }, TokenForm>('/api-tokens');
  const now = Date.now();

  // A token can do at most what its owner can.
  const scopeOptions = useMemo(
    () =>
      MODULES.flatMap((m) =>
        ACTIONS.filter((a) => a !== 'admin' && (me.permissions[m] ?? []).includes(a)).map((a) => ({
          value: `${m}:${a}`,
          label: `${t(`modules.${m}`)} · ${t(`actions.${a}`)} (${m}:${a})`,
        })),
      ),
    [me.permissions, t],
  );
  const initialValues = useMemo(() => ({ scopes: [] as string[], expiresInDays: 90 }), []);

  const state = (token: ApiToken) => {
    if (token.revokedAt) return <Tag>{t('tokens.revoked')}</Tag>;
    if (token.expiresAt && token.expiresAt < now) return <Tag color="orange">{t('tokens.expired')}</Tag>;
    return <Tag color="green">{t('tokens.valid')}</Tag>;
  };

  const columns: TableColumnsType<ApiToken> = [
    { title: t('tokens.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('tokens.prefix'),
      dataIndex: 'prefix',
      key: 'prefix',
      width: 140,
      render: (p: string) => <code>{p}…</code>,
    },
    {
      title: t('tokens.scopes'),
      dataIndex: 'scopes',
      key: 'scopes',
      render: (s: string[]) => s.map((x) => <Tag key={x}>{x}</Tag>),
    },
    { title: t('tokens.state'), key: 'state', width: 100, render: (_: unknown, tk: ApiToken) => state(tk) },
    {
      title: t('tokens.expiresAt'),
      dataIndex: 'expiresAt',
      key: 'expiresAt',
      width: 150,
      render: (ms: number | null) => (ms ? formatInstant(ms, i18n.language) : t('tokens.never')),
    },
    {
      title: t('tokens.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      key: 'lastUsedAt',
      width: 150,
      render: (ms: number | null) => formatInstant(ms, i18n.language),
    },
    {
      title: t('common.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 150,
      render: (ms: number) => formatInstant(ms, i18n.language),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_: unknown, tk: ApiToken) =>
        tk.revokedAt ? null : (
          <Popconfirm
            title={t('tokens.revokeConfirm', { name: tk.name })}
            okText={t('tokens.revoke')}
            cancelText={t('common.cancel')}
            onConfirm={() => remove.mutateAsync(tk.id)}
          >
            <Button type="link" danger size="small">
              {t('tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <div className="yf-page" data-testid="api-tokens-page">
      <div className="yf-toolbar">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.apiTokens')}
        </Typography.Title>
        <div className="yf-toolbar-spacer" />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('tokens.new')}
        </Button>
      </div>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('tokens.help')}
      </Typography.Paragraph>
      <Table<ApiToken>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={tokens.data?.rows ?? []}
        loading={tokens.isFetching}
        pagination={false}
      />
      <FormModal<TokenForm>
        open={creating}
        title={t('tokens.new')}
        okText={t('common.create')}
        initialValues={initialValues}
        onClose={() => setCreating(false)}
        onSubmit={async (values) => {
          const created = await create.mutateAsync({ ...values, name: values.name.trim() });
          setSecret(created.token);
        }}
      >
        <Form.Item
          name="name"
          label={t('tokens.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input placeholder={t('tokens.namePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="scopes"
          label={t('tokens.scopes')}
          rules={[{ required: true, type: 'array', min: 1, message: t('validation.required') }]}
        >
          <Select mode="multiple" options={scopeOptions} />
        </Form.Item>
        <Form.Item name="expiresInDays" label={t('tokens.expiresInDays')} extra={t('tokens.expiresHelp')}>
          <InputNumber min={1} max={3650} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </FormModal>
      <Modal
        open={secret !== null}
        title={t('tokens.createdTitle')}
        onCancel={() => setSecret(null)}
        onOk={() => setSecret(null)}
        okText={t('tokens.copiedIt')}
        cancelButtonProps={{ style: { display: 'none' } }}
        mask={{ closable: false }}
      >
        <Alert type="warning" showIcon title={t('tokens.showOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph
          copyable={{ text: secret ?? '' }}
          code
          data-testid="token-secret"
          style={{ wordBreak: 'break-all' }}
        >
          {secret}
        </Typography.Paragraph>
      </Modal>
    </div>
  );
}
