// The signed-in user's own settings: display name and password (the current one is required to change it).
import { useMutation } from '@tanstack/react-query';
import { Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../lib/api';
import { applyFieldError } from '../lib/form-errors';
import { notifySuccess } from '../lib/notify';
import { useMe, useSession, useSetSession } from '../lib/session';
import type { Session } from '../lib/types';

interface ProfileForm {
  displayName: string;
  currentPassword?: string;
  newPassword?: string;
  confirmPassword?: string;
}

export function ProfileModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const session = useSession();
  const setSession = useSetSession();
  const [form] = Form.useForm<ProfileForm>();

  useEffect(() => {
    if (open) form.setFieldsValue({ displayName: me.displayName });
  }, [open, form, me.displayName]);

  const save = useMutation({
    mutationFn: (values: ProfileForm) =>
      api.patch<Partial<Session> | undefined>('/auth/me', {
        displayName: values.displayName,
        ...(values.newPassword ? { currentPassword: values.currentPassword, newPassword: values.newPassword } : {}),
      }),
    meta: { silent: true },
    onSuccess: (_result, values) => {
      if (session.data)
        setSession({ ...session.data, user: { ...session.data.user, displayName: values.displayName } });
      notifySuccess(t('common.saved'));
      form.resetFields();
      onClose();
    },
    onError: (err) => applyFieldError(form, err),
  });

  return (
    <Modal
      open={open}
      title={t('profile.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(values) => save.mutate(values)} preserve={false}>
        <Form.Item name="displayName" label={t('profile.displayName')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="currentPassword" label={t('profile.currentPassword')}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('profile.newPassword')}
          rules={[{ min: 10, message: t('profile.passwordRule') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('profile.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_rule, value) =>
                !getFieldValue('newPassword') || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('profile.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
