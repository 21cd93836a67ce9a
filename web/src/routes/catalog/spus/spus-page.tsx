// SPUs: the product families that group SKUs (code, name, product line, brand, category).
import { PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Row, Table, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/form-modal';
import { useCrud } from '../../../lib/crud';
import { useCan } from '../../../lib/session';
import type { Spu } from '../../../lib/types';
import { usePagedList } from '../../../lib/use-paged-list';

type SpuForm = Omit<Spu, 'id' | 'skuCount'>;

export function SpusPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Spu | 'new' | null>(null);
  const list = usePagedList<Spu>('/catalog/spus', { q });
  const { create, update } = useCrud<Spu, SpuForm>('/catalog/spus', [['spus']]);
  const editable = can('catalog', 'edit');

  const columns: TableColumnsType<Spu> = [
    { title: t('spus.code'), dataIndex: 'code', key: 'code', sorter: true, width: 160 },
    { title: t('spus.name'), dataIndex: 'name', key: 'name', sorter: true },
    { title: t('products.productLine'), dataIndex: 'productLine', key: 'productLine', width: 160 },
    { title: t('spus.brand'), dataIndex: 'brand', key: 'brand', width: 140 },
    { title: t('spus.category'), dataIndex: 'category', key: 'category', width: 160 },
    { title: t('spus.skuCount'), dataIndex: 'skuCount', key: 'skuCount', width: 100, align: 'right' },
    ...(editable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, spu: Spu) => (
              <Button type="link" size="small" onClick={() => setEditing(spu)}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const initialValues = useMemo(() => (editing && editing !== 'new' ? editing : {}), [editing]);

  return (
    <div className="yf-page" data-testid="spus-page">
      <div className="yf-toolbar">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.spus')}
        </Typography.Title>
        <Input.Search allowClear placeholder={t('spus.searchPlaceholder')} style={{ width: 260 }} onSearch={setQ} />
        <div className="yf-toolbar-spacer" />
        {editable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('spus.new')}
          </Button>
        )}
      </div>
      <Table<Spu> rowKey="id" size="middle" columns={columns} {...list.tableProps} />
      <FormModal<SpuForm>
        open={editing !== null}
        title={editing === 'new' ? t('spus.new') : t('spus.edit')}
        initialValues={initialValues}
        onClose={() => setEditing(null)}
        onSubmit={(values) =>
          editing && editing !== 'new'
            ? update.mutateAsync({ id: editing.id, body: values })
            : create.mutateAsync(values)
        }
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="code"
              label={t('spus.code')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="name"
              label={t('spus.name')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="productLine" label={t('products.productLine')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="brand" label={t('spus.brand')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="category" label={t('spus.category')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
      </FormModal>
    </div>
  );
}
