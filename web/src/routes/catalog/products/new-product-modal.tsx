// "New product": the SKU master form with client-side checks; the server's field errors land on the fields.
import { Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { applyFieldError } from '../../../lib/form-errors';
import { COMMON_CURRENCIES } from '../../../lib/money';
import { notifySuccess } from '../../../lib/notify';
import { useSpuLookup, useUserLookup } from '../../../lib/reference-data';
import { useMe } from '../../../lib/session';
import { SKU_STATUSES, type SkuStatus } from '../../../lib/types';
import { type NewProduct, useCreateProduct } from './queries';

interface ProductForm {
  sku: string;
  name: string;
  spuId?: string;
  productLine?: string;
  status: SkuStatus;
  cost?: string;
  costCurrency: string;
  declaredValue?: string;
  declaredCurrency: string;
  lengthMm?: number;
  widthMm?: number;
  heightMm?: number;
  weightG?: number;
  hsCode?: string;
  casePack?: number;
  moq?: number;
  tags?: string[];
  images?: string[];
  operatorId?: string;
  productManagerId?: string;
  launchDate?: Dayjs;
}

const MONEY = /^\d{1,12}(\.\d{1,4})?$/;

function toRequest(values: ProductForm): NewProduct {
  const text = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
  return {
    sku: values.sku.trim(),
    name: values.name.trim(),
    spuId: values.spuId,
    productLine: text(values.productLine),
    status: values.status,
    cost: text(values.cost),
    costCurrency: values.costCurrency,
    declaredValue: text(values.declaredValue),
    declaredCurrency: values.declaredCurrency,
    lengthMm: values.lengthMm,
    widthMm: values.widthMm,
    heightMm: values.heightMm,
    weightG: values.weightG,
    hsCode: text(values.hsCode),
    casePack: values.casePack,
    moq: values.moq,
    tags: values.tags ?? [],
    images: values.images ?? [],
    operatorId: values.operatorId,
    productManagerId: values.productManagerId,
    launchDate: values.launchDate ? values.launchDate.format('YYYY-MM-DD') : undefined,
  };
}

export function NewProductModal(props: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<ProductForm>();
  const create = useCreateProduct();
  const spus = useSpuLookup();
  const { users } = useUserLookup();
  const userOptions = users.map((u) => ({ value: u.id, label: u.displayName }));
  const currencyOptions = COMMON_CURRENCIES.map((c) => ({ value: c, label: c }));
  const moneyRule = { pattern: MONEY, message: t('validation.money') };

  const submit = (values: ProductForm) =>
    create.mutate(toRequest(values), {
      onSuccess: (product) => {
        notifySuccess(t('products.created', { sku: product?.sku ?? values.sku }));
        form.resetFields();
        props.onCreated();
      },
      onError: (err) => applyFieldError(form, err),
    });

  return (
    <Modal
      open={props.open}
      title={t('products.new')}
      width={760}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'new-product-submit' }}
    >
      <Form<ProductForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ status: 'active', costCurrency: me.baseCurrency, declaredCurrency: 'USD' }}
        data-testid="new-product-form"
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="sku"
              label={t('products.sku')}
              rules={[
                { required: true, whitespace: true, message: t('validation.required') },
                { max: 60, message: t('validation.maxLength', { max: 60 }) },
                { pattern: /^[\w.\-/#+ ]+$/, message: t('validation.skuChars') },
              ]}
            >
              <Input data-testid="product-sku" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="name"
              label={t('products.name')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200 }]}
            >
              <Input data-testid="product-name" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="spuId" label={t('products.spu')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={(spus.data?.rows ?? []).map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="productLine" label={t('products.productLine')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="status" label={t('products.status')}>
              <Select options={SKU_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={t('products.cost')} required={false}>
              <Space.Compact block>
                <Form.Item name="cost" noStyle rules={[moneyRule]}>
                  <Input placeholder="0.00" data-testid="product-cost" />
                </Form.Item>
                <Form.Item name="costCurrency" noStyle>
                  <Select style={{ width: 100 }} options={currencyOptions} showSearch />
                </Form.Item>
              </Space.Compact>
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={t('products.declaredValue')}>
              <Space.Compact block>
                <Form.Item name="declaredValue" noStyle rules={[moneyRule]}>
                  <Input placeholder="0.00" />
                </Form.Item>
                <Form.Item name="declaredCurrency" noStyle>
                  <Select style={{ width: 100 }} options={currencyOptions} showSearch />
                </Form.Item>
              </Space.Compact>
            </Form.Item>
          </Col>
          {(['lengthMm', 'widthMm', 'heightMm', 'weightG'] as const).map((field) => (
            <Col span={6} key={field}>
              <Form.Item name={field} label={t(`products.${field}`)}>
                <InputNumber min={0} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ))}
          <Col span={8}>
            <Form.Item
              name="hsCode"
              label={t('products.hsCode')}
              rules={[{ pattern: /^\d{6,12}$/, message: t('validation.hsCode') }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="casePack" label={t('products.casePack')}>
              <InputNumber min={1} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="moq" label={t('products.moq')}>
              <InputNumber min={1} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="tags" label={t('products.tags')}>
              <Select mode="tags" tokenSeparators={[',', '，']} open={false} suffixIcon={null} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="launchDate" label={t('products.launchDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="operatorId" label={t('products.operator')}>
              <Select allowClear options={userOptions} disabled={userOptions.length === 0} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="productManagerId" label={t('products.productManager')}>
              <Select allowClear options={userOptions} disabled={userOptions.length === 0} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="images" label={t('products.images')} extra={t('products.imagesHelp')}>
              <Select mode="tags" open={false} suffixIcon={null} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
