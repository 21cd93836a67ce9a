// Create/edit a user: identity, department, roles, language, active flag and data scope.
import { Col, Form, Input, Row, Select, Switch } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/form-modal';
import type { Department, Locale, Role, Scope, User } from '../../../lib/types';
import { FULL_SCOPE, ScopeEditor } from './scope-editor';

export interface UserForm {
  email: string;
  displayName: string;
  password?: string;
  departmentId?: string | null;
  roleIds: string[];
  locale: Locale;
  isActive?: boolean;
  scope: Scope;
}

export function UserModal(props: {
  user: User | 'new' | null;
  departments: Department[];
  roles: Role[];
  onClose: () => void;
  onSubmit: (values: UserForm) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const isNew = props.user === 'new';
  const initialValues = useMemo<Partial<UserForm>>(
    () =>
      props.user && props.user !== 'new'
        ? { ...props.user, password: undefined }
        : { roleIds: [], locale: 'zh-CN', scope: FULL_SCOPE, isActive: true },
    [props.user],
  );

  return (
    <FormModal<UserForm>
      open={props.user !== null}
      title={isNew ? t('users.new') : t('users.edit')}
      width={720}
      initialValues={initialValues}
      onClose={props.onClose}
      onSubmit={props.onSubmit}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="email"
            label={t('users.email')}
            rules={[{ required: true, type: 'email', message: t('login.emailRequired') }]}
          >
            <Input autoComplete="off" disabled={!isNew} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="displayName"
            label={t('users.displayName')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="password"
            label={isNew ? t('users.password') : t('users.newPassword')}
            extra={isNew ? undefined : t('users.passwordKeep')}
            rules={[
              { required: isNew, message: t('validation.required') },
              { min: 10, message: t('profile.passwordRule') },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="departmentId" label={t('users.department')}>
            <Select allowClear options={props.departments.map((d) => ({ value: d.id, label: d.name }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="roleIds" label={t('users.roles')}>
            <Select mode="multiple" options={props.roles.map((r) => ({ value: r.id, label: r.name }))} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="locale" label={t('users.locale')}>
            <Select
              options={[
                { value: 'zh-CN', label: t('language.zh-CN') },
                { value: 'en', label: t('language.en') },
              ]}
            />
          </Form.Item>
        </Col>
        {!isNew && (
          <Col span={6}>
            <Form.Item name="isActive" label={t('users.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        )}
        <Col span={24}>
          <Form.Item name="scope" label={t('users.scope')}>
            <ScopeEditor />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
