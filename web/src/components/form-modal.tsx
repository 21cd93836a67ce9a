// A modal around an antd Form: submits, shows progress, puts the server's field error on the field, closes on success.
import { Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldError } from '../lib/form-errors';
import { notifySuccess } from '../lib/notify';

interface FormModalProps<V> {
  open: boolean;
  title: ReactNode;
  /** Values the form opens with (a new object each time the modal opens). */
  initialValues?: Partial<V>;
  onClose: () => void;
  onSubmit: (values: V) => Promise<unknown>;
  children: ReactNode;
  form?: FormInstance<V>;
  width?: number;
  okText?: string;
  testId?: string;
  /** Only a close button (viewing something the user may not change). */
  readOnly?: boolean;
}

export function FormModal<V extends object>(props: FormModalProps<V>) {
  const { t } = useTranslation();
  const [ownForm] = Form.useForm<V>();
  const form = props.form ?? ownForm;
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (props.open) {
      form.resetFields();
      if (props.initialValues) form.setFieldsValue(props.initialValues as Parameters<typeof form.setFieldsValue>[0]);
    }
  }, [props.open, props.initialValues, form]);

  const finish = async (values: V) => {
    setSaving(true);
    try {
      await props.onSubmit(values);
      notifySuccess(t('common.saved'));
      props.onClose();
    } catch (err) {
      applyFieldError(form, err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={props.open}
      title={props.title}
      width={props.width ?? 560}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={props.okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      forceRender
      footer={props.readOnly ? null : undefined}
      data-testid={props.testId}
    >
      <Form<V> form={form} layout="vertical" onFinish={(values) => void finish(values)}>
        {props.children}
      </Form>
    </Modal>
  );
}
