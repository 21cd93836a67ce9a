// Create/edit a store (seller account in one region). Credentials are write-only: "configured ✓" or replace them.
import { Col, Collapse, Form, Input, Row, Select, Space, Switch, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/form-modal';
import { useMarketplaces } from '../../../lib/reference-data';
import { REGIONS, type Region, type Store, type StoreEndpoints, type StoreStatus } from '../../../lib/types';

export interface StoreForm {
  name: string;
  region: Region;
  sellerId: string;
  marketplaceIds: string[];
  status?: StoreStatus;
  endpoints?: StoreEndpoints;
  replaceCredentials?: boolean;
  credentials?: { clientId?: string; clientSecret?: string; refreshToken?: string };
}

/** The request body: empty endpoints left out, credentials only when all three are given. */
export function storeBody(values: StoreForm, isNew: boolean): Record<string, unknown> {
  const endpoints = Object.fromEntries(
    Object.entries(values.endpoints ?? {}).filter(([, v]) => typeof v === 'string' && v.trim() !== ''),
  );
  const c = values.credentials;
  const sendCredentials = (isNew || values.replaceCredentials) && c?.clientId && c.clientSecret && c.refreshToken;
  // Region and seller ID identify the account: set once, not editable afterwards.
  return {
    name: values.name.trim(),
    ...(isNew ? { region: values.region, sellerId: values.sellerId.trim() } : { status: values.status }),
    marketplaceIds: values.marketplaceIds,
    endpoints,
    ...(sendCredentials ? { credentials: c } : {}),
  };
}

export function StoreModal(props: {
  store: Store | 'new' | null;
  onClose: () => void;
  onSubmit: (values: StoreForm) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<StoreForm>();
  const marketplaces = useMarketplaces();
  const region = Form.useWatch('region', form);
  const replace = Form.useWatch('replaceCredentials', form);
  const store = props.store === 'new' ? null : props.store;
  const isNew = props.store === 'new';
  const showCredentials = isNew || !store?.hasCredentials || replace;
  const credentialRule = { required: !isNew, whitespace: true, message: t('validation.required') };

  const initialValues = useMemo<Partial<StoreForm>>(
    () =>
      store
        ? { ...store, endpoints: store.endpoints ?? {}, replaceCredentials: false }
        : { region: 'NA', marketplaceIds: [], endpoints: {} },
    [store],
  );

  return (
    <FormModal<StoreForm>
      form={form}
      open={props.store !== null}
      title={isNew ? t('stores.new') : t('stores.edit')}
      width={680}
      initialValues={initialValues}
      onClose={props.onClose}
      onSubmit={props.onSubmit}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="name"
            label={t('stores.name')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="sellerId"
            label={t('stores.sellerId')}
            rules={[
              { required: true, whitespace: true, message: t('validation.required') },
              { pattern: /^[A-Z0-9]{6,20}$/, message: t('validation.sellerId') },
            ]}
          >
            <Input disabled={!isNew} placeholder="A2EXAMPLE123" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="region" label={t('stores.region')} rules={[{ required: true }]}>
            <Select
              disabled={!isNew}
              options={REGIONS.map((r) => ({ value: r, label: t(`regions.${r}`) }))}
              onChange={() => form.setFieldValue('marketplaceIds', [])}
            />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item
            name="marketplaceIds"
            label={t('stores.marketplaces')}
            rules={[{ required: true, type: 'array', min: 1, message: t('validation.required') }]}
          >
            <Select
              mode="multiple"
              options={(marketplaces.data?.rows ?? [])
                .filter((m) => m.region === region)
                .map((m) => ({
                  value: m.marketplaceId,
                  label: `${m.code} · ${t(`countries.${m.code}`, { defaultValue: m.country })}`,
                }))}
            />
          </Form.Item>
        </Col>
        {!isNew && (
          <Col span={8}>
            <Form.Item name="status" label={t('stores.status')}>
              <Select
                options={(['active', 'disabled'] as const).map((s) => ({ value: s, label: t(`storeStatus.${s}`) }))}
              />
            </Form.Item>
          </Col>
        )}
      </Row>
      <Typography.Title level={5}>{t('stores.credentials')}</Typography.Title>
      {store?.hasCredentials && (
        <Space style={{ marginBottom: 16 }}>
          <Tag color="green">{t('stores.configured')}</Tag>
          <Form.Item name="replaceCredentials" valuePropName="checked" noStyle>
            <Switch size="small" />
          </Form.Item>
          <Typography.Text>{t('stores.replaceCredentials')}</Typography.Text>
        </Space>
      )}
      {showCredentials && (
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name={['credentials', 'clientId']} label={t('stores.clientId')} rules={[credentialRule]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name={['credentials', 'clientSecret']} label={t('stores.clientSecret')} rules={[credentialRule]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name={['credentials', 'refreshToken']}
              label={t('stores.refreshToken')}
              rules={[credentialRule]}
              extra={t('stores.credentialsHelp')}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Col>
        </Row>
      )}
      <Collapse
        size="small"
        items={[
          {
            key: 'endpoints',
            label: t('stores.endpoints'),
            forceRender: true,
            children: (['lwa', 'spApi', 'ads', 'queueUrl'] as const).map((key) => (
              <Form.Item
                key={key}
                name={['endpoints', key]}
                label={t(`stores.endpoint.${key}`)}
                rules={[{ type: 'url' }]}
              >
                <Input placeholder="https://" />
              </Form.Item>
            )),
          },
        ]}
      />
    </FormModal>
  );
}
