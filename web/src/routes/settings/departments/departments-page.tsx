// Departments of the company (operations, purchasing, logistics, finance …).
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Popconfirm, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/form-modal';
import { api } from '../../../lib/api';
import { useCrud } from '../../../lib/crud';
import { useCan } from '../../../lib/session';
import { DEPARTMENT_KINDS, type Department, type ListResponse } from '../../../lib/types';

type DepartmentForm = Omit<Department, 'id'>;

export function DepartmentsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  const departments = useQuery({
    queryKey: ['/departments'],
    queryFn: () => api.get<ListResponse<Department>>('/departments', { limit: 500 }),
  });
  const { create, update, remove } = useCrud<Department, DepartmentForm>('/departments');
  const editable = can('settings', 'edit');
  const initialValues = useMemo(
    () => (editing && editing !== 'new' ? editing : { kind: 'operations' as const }),
    [editing],
  );

  const columns: TableColumnsType<Department> = [
    { title: t('departments.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('departments.kind'),
      dataIndex: 'kind',
      key: 'kind',
      render: (k: string) => t(`departments.kinds.${k}`),
    },
    ...(editable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 160,
            render: (_: unknown, d: Department) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(d)}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('departments.deleteConfirm', { name: d.name })}
                  okText={t('common.delete')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => remove.mutateAsync(d.id)}
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
    <div className="yf-page" data-testid="departments-page">
      <div className="yf-toolbar">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.departments')}
        </Typography.Title>
        <div className="yf-toolbar-spacer" />
        {editable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('departments.new')}
          </Button>
        )}
      </div>
      <Table<Department>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={departments.data?.rows ?? []}
        loading={departments.isFetching}
        pagination={false}
      />
      <FormModal<DepartmentForm>
        open={editing !== null}
        title={editing === 'new' ? t('departments.new') : t('departments.edit')}
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
          label={t('departments.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t('departments.kind')} rules={[{ required: true }]}>
          <Select options={DEPARTMENT_KINDS.map((k) => ({ value: k, label: t(`departments.kinds.${k}`) }))} />
        </Form.Item>
      </FormModal>
    </div>
  );
}
