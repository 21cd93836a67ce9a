// Users of the company: who they are, their department, roles, data scope, lock state.
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Input, Select, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { api } from '../../../lib/api';
import { useCrud } from '../../../lib/crud';
import { formatInstant } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { useCan } from '../../../lib/session';
import type { Department, ListResponse, Role, User } from '../../../lib/types';
import { usePagedList } from '../../../lib/use-paged-list';
import { type UserForm, UserModal } from './user-modal';

export function UsersPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const [q, setQ] = useState('');
  const [departmentId, setDepartmentId] = useState<string | undefined>();
  const [roleId, setRoleId] = useState<string | undefined>();
  const [isActive, setIsActive] = useState<string | undefined>();
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const list = usePagedList<User>('/users', { q, departmentId, roleId, isActive });
  const departments = useQuery({
    queryKey: ['/departments'],
    queryFn: () => api.get<ListResponse<Department>>('/departments', { limit: 500 }),
    meta: { silent: true },
  });
  const roles = useQuery({
    queryKey: ['/roles'],
    queryFn: () => api.get<ListResponse<Role>>('/roles', { limit: 500 }),
    meta: { silent: true },
  });
  const { create, update } = useCrud<User>('/users', [['users'], ['/roles']]);
  const unlock = useMutation({
    mutationFn: (id: string) => api.post(`/users/${id}/unlock`),
    onSuccess: () => {
      notifySuccess(t('users.unlocked'));
      void client.invalidateQueries({ queryKey: ['/users'] });
    },
  });
  const editable = can('users', 'edit');
  const now = Date.now();

  const columns: TableColumnsType<User> = [
    { title: t('users.displayName'), dataIndex: 'displayName', key: 'displayName', sorter: true },
    { title: t('users.email'), dataIndex: 'email', key: 'email', sorter: true },
    { title: t('users.department'), dataIndex: 'departmentName', key: 'departmentName', width: 130 },
    {
      title: t('users.roles'),
      dataIndex: 'roleNames',
      key: 'roleNames',
      render: (names: string[]) => names.map((n) => <Tag key={n}>{n}</Tag>),
    },
    {
      title: t('users.scope'),
      key: 'scope',
      width: 150,
      render: (_: unknown, u: User) =>
        u.scope.allStores ? t('scope.allStores') : t('scope.storeCount', { count: u.scope.storeIds.length }),
    },
    {
      title: t('users.status'),
      key: 'status',
      width: 100,
      render: (_: unknown, u: User) =>
        u.lockedUntil && u.lockedUntil > now ? (
          <Tag color="red">{t('users.locked')}</Tag>
        ) : u.isActive ? (
          <Tag color="green">{t('users.enabled')}</Tag>
        ) : (
          <Tag>{t('users.disabled')}</Tag>
        ),
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      width: 160,
      render: (ms: number | null) => formatInstant(ms, i18n.language),
    },
    ...(editable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 150,
            render: (_: unknown, u: User) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(u)}>
                  {t('common.edit')}
                </Button>
                {u.lockedUntil && u.lockedUntil > now && (
                  <Button type="link" size="small" onClick={() => unlock.mutate(u.id)}>
                    {t('users.unlock')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  // The email is the login and cannot change; isActive exists only on existing users.
  const save = (values: UserForm) => {
    const { email, isActive, password, ...rest } = values;
    const common = { ...rest, departmentId: values.departmentId ?? null, ...(password ? { password } : {}) };
    return editing && editing !== 'new'
      ? update.mutateAsync({ id: editing.id, body: { ...common, isActive } })
      : create.mutateAsync({ ...common, email });
  };

  return (
    <div className="yf-page" data-testid="users-page">
      <PageHeader
        title={t('nav.users')}
        actions={
          editable && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('users.new')}
            </Button>
          )
        }
      />
      <div className="yf-toolbar">
        <Input.Search allowClear placeholder={t('users.searchPlaceholder')} style={{ width: 240 }} onSearch={setQ} />
        <Select
          allowClear
          placeholder={t('users.department')}
          style={{ width: 140 }}
          value={departmentId}
          onChange={setDepartmentId}
          options={(departments.data?.rows ?? []).map((d) => ({ value: d.id, label: d.name }))}
        />
        <Select
          allowClear
          placeholder={t('users.roles')}
          style={{ width: 140 }}
          value={roleId}
          onChange={setRoleId}
          options={(roles.data?.rows ?? []).map((r) => ({ value: r.id, label: r.name }))}
        />
        <Select
          allowClear
          placeholder={t('users.status')}
          style={{ width: 110 }}
          value={isActive}
          onChange={setIsActive}
          options={[
            { value: 'true', label: t('users.enabled') },
            { value: 'false', label: t('users.disabled') },
          ]}
        />
      </div>
      <Table<User> rowKey="id" size="middle" columns={columns} {...list.tableProps} />
      <UserModal
        user={editing}
        departments={departments.data?.rows ?? []}
        roles={roles.data?.rows ?? []}
        onClose={() => setEditing(null)}
        onSubmit={save}
      />
    </div>
  );
}
