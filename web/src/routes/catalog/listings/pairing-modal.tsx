// SKU ↔ listing pairing: one SKU per listing, or several with quantities for a bundle.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Form, InputNumber, Modal, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldError } from '../../../lib/form-errors';
import { notifySuccess } from '../../../lib/notify';
import type { Listing } from '../../../lib/types';
import { useSavePairing, useSkuSearch } from './queries';

interface PairingForm {
  skus: { sku: string; quantity: number }[];
}

function SkuInput(props: { value?: string; onChange?: (value: string) => void }) {
  const [term, setTerm] = useState(props.value ?? '');
  const [debounced, setDebounced] = useState(term);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(term), 250);
    return () => clearTimeout(timer);
  }, [term]);
  const search = useSkuSearch(debounced);
  return (
    <AutoComplete
      style={{ width: 260 }}
      value={props.value}
      options={(search.data?.rows ?? []).map((p) => ({ value: p.sku, label: `${p.sku} · ${p.name}` }))}
      onSearch={setTerm}
      onChange={(value: string) => props.onChange?.(value)}
    />
  );
}

export function PairingModal(props: { listing: Listing | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PairingForm>();
  const save = useSavePairing();
  const listing = props.listing;

  useEffect(() => {
    if (listing) form.setFieldsValue({ skus: listing.skus.map((s) => ({ sku: s.sku, quantity: s.quantity })) });
  }, [listing, form]);

  const submit = (values: PairingForm) => {
    if (!listing) return;
    save.mutate(
      { id: listing.id, skus: (values.skus ?? []).map((s) => ({ sku: s.sku.trim(), quantity: s.quantity })) },
      {
        onSuccess: () => {
          notifySuccess(t('common.saved'));
          props.onSaved();
        },
        onError: (err) => applyFieldError(form, err),
      },
    );
  };

  return (
    <Modal
      open={listing !== null}
      title={t('listings.pairingTitle', { sku: listing?.sellerSku ?? '' })}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('listings.pairingHelp')}</Typography.Paragraph>
      <Form<PairingForm> form={form} onFinish={submit} preserve={false}>
        <Form.List name="skus">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline">
                  <Form.Item
                    name={[field.name, 'sku']}
                    rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
                  >
                    <SkuInput />
                  </Form.Item>
                  <Form.Item name={[field.name, 'quantity']} initialValue={1} rules={[{ required: true }]}>
                    <InputNumber min={1} precision={0} prefix="×" style={{ width: 110 }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ sku: '', quantity: 1 })}>
                {t('listings.addSku')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
