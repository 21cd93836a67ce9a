// "New listing": a seller SKU in one marketplace of one store; the currency follows the marketplace.
import { Col, Form, Input, Modal, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { applyFieldError } from '../../../lib/form-errors';
import { notifySuccess } from '../../../lib/notify';
import { useMarketplaceMap, useStores } from '../../../lib/reference-data';
import { FULFILLMENT_CHANNELS, LISTING_STATUSES } from '../../../lib/types';
import { type NewListing, useCreateListing } from './queries';

type ListingForm = NewListing;

export function NewListingModal(props: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ListingForm>();
  const create = useCreateListing();
  const stores = useStores();
  const marketplaces = useMarketplaceMap();
  const storeId = Form.useWatch('storeId', form);
  const marketplaceId = Form.useWatch('marketplaceId', form);
  const store = stores.data?.rows.find((s) => s.id === storeId);
  const currency = marketplaceId ? (marketplaces.get(marketplaceId)?.currency ?? '') : '';

  const submit = (values: ListingForm) =>
    create.mutate(
      {
        ...values,
        sellerSku: values.sellerSku.trim(),
        asin: values.asin?.trim() || undefined,
        title: values.title?.trim() || undefined,
        price: values.price?.trim() || undefined,
      },
      {
        onSuccess: () => {
          notifySuccess(t('listings.created', { sku: values.sellerSku }));
          form.resetFields();
          props.onCreated();
        },
        onError: (err) => applyFieldError(form, err),
      },
    );

  return (
    <Modal
      open={props.open}
      title={t('listings.new')}
      width={640}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<ListingForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ fulfillmentChannel: 'FBA', status: 'active' }}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="storeId"
              label={t('listings.store')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <Select
                options={(stores.data?.rows ?? []).map((s) => ({ value: s.id, label: s.name }))}
                onChange={() => form.setFieldValue('marketplaceId', undefined)}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="marketplaceId"
              label={t('listings.marketplace')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <Select
                disabled={!store}
                options={(store?.marketplaceIds ?? []).map((id) => ({
                  value: id,
                  label: marketplaces.get(id)?.code ?? id,
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="sellerSku"
              label={t('listings.sellerSku')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 40 }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="asin" label="ASIN" rules={[{ pattern: /^[A-Z0-9]{10}$/, message: t('validation.asin') }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="title" label={t('listings.title')}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="fulfillmentChannel" label={t('listings.fulfillment')}>
              <Select options={FULFILLMENT_CHANNELS.map((c) => ({ value: c, label: c }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="status" label={t('listings.status')}>
              <Select options={LISTING_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="price"
              label={`${t('listings.price')}${currency ? ` (${currency})` : ''}`}
              rules={[{ pattern: /^\d{1,10}(\.\d{1,2})?$/, message: t('validation.money') }]}
            >
              <Input placeholder="0.00" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
