// Roles: named sets of actions per module; system roles are shown read-only.
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Popconfirm, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/form-modal';
import { api } from '../../../lib/api';
import { useCrud } from '../../../lib/crud';
import { useCan } from '../../../lib/session';
import { type ListResponse, MODULES, type Permissions, type Role } from '../../../lib/types';
import { PermissionMatrix } from './permission-matrix';

type RoleForm = Pick<Role, 'name' | 'description' | 'permissions'>;

export function RolesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [editing, setEditing] = useState<Role | 'new' | null>(null);
  const roles = useQuery({
    queryKey: ['/roles'],
    queryFn: () => api.get<ListResponse<Role>>('/roles', { limit: 500 }),
  });
  const { create, update, remove } = useCrud<Role, RoleForm>('/roles');
  const editable = can('users', 'edit') || can('users', 'admin');
  const readOnly = !editable || (editing !== null && editing !== 'new' && editing.isSystem);
  const initialValues = useMemo<Partial<RoleForm>>(
    () => (editing && editing !== 'new' ? editing : { name: '', description: '', permissions: {} }),
    [editing],
  );

  const summary = (permissions: Permissions) =>
    MODULES.filter((m) => (permissions[m] ?? []).length > 0).map((m) => (
      <Tag key={m}>
        {t(`modules.${m}`)}: {(permissions[m] ?? []).map((a) => t(`actions.${a}`)).join('/')}
      </Tag>
    ));

  const columns: TableColumnsType<Role> = [
    {
      title: t('roles.name'),
      dataIndex: 'name',
      key: 'name',
      width: 180,
      render: (name: string, role: Role) => (
        <Space>
          {name}
          {role.isSystem && <Tag color="blue">{t('roles.system')}</Tag>}
        </Space>
      ),
    },
    { title: t('roles.description'), dataIndex: 'description', key: 'description', width: 220 },
    { title: t('roles.permissions'), key: 'permissions', render: (_: unknown, r: Role) => summary(r.permissions) },
    { title: t('roles.userCount'), dataIndex: 'userCount', key: 'userCount', width: 90, align: 'right' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_: unknown, role: Role) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(role)}>
            {editable && !role.isSystem ? t('common.edit') : t('common.view')}
          </Button>
          {editable && !role.isSystem && (
            <Popconfirm
              title={t('roles.deleteConfirm', { name: role.name })}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              onConfirm={() => remove.mutateAsync(role.id)}
            >
              <Button type="link" size="small" danger disabled={role.userCount > 0}>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div className="yf-page" data-testid="roles-page">
      <div className="yf-toolbar">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.roles')}
        </Typography.Title>
        <div className="yf-toolbar-spacer" />
        {editable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('roles.new')}
          </Button>
        )}
      </div>
      <Table<Role>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={roles.data?.rows ?? []}
        loading={roles.isFetching}
        pagination={false}
      />
      <FormModal<RoleForm>
        open={editing !== null}
        title={editing === 'new' ? t('roles.new') : readOnly ? t('roles.view') : t('roles.edit')}
        width={820}
        readOnly={readOnly}
        initialValues={initialValues}
        onClose={() => setEditing(null)}
        onSubmit={(values) =>
          editing && editing !== 'new'
            ? update.mutateAsync({ id: editing.id, body: values })
            : create.mutateAsync(values)
        }
      >
        <Form.Item
          name="name"
          label={t('roles.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input disabled={readOnly} />
        </Form.Item>
        <Form.Item name="description" label={t('roles.description')}>
          <Input.TextArea rows={2} disabled={readOnly} />
        </Form.Item>
        <Form.Item name="permissions" label={t('roles.permissions')}>
          <PermissionMatrix disabled={readOnly} />
        </Form.Item>
      </FormModal>
    </div>
  );
}
