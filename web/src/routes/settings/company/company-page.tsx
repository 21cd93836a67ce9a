// The company (tenant): name, base reporting currency, time zone, default language of new users.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, Select, Skeleton, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api';
import { applyFieldError } from '../../../lib/form-errors';
import { COMMON_CURRENCIES } from '../../../lib/money';
import { notifySuccess } from '../../../lib/notify';
import { SESSION_KEY, useCan } from '../../../lib/session';
import type { Company } from '../../../lib/types';

type CompanyForm = Omit<Company, 'id'>;

function timeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? ['Asia/Shanghai', 'UTC'];
}

export function CompanyPage() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const [form] = Form.useForm<CompanyForm>();
  const company = useQuery({ queryKey: ['company'], queryFn: () => api.get<Company>('/company') });
  const editable = can('settings', 'edit');
  const zones = useMemo(() => timeZones().map((z) => ({ value: z, label: z })), []);

  useEffect(() => {
    if (company.data) form.setFieldsValue(company.data);
  }, [company.data, form]);

  const save = useMutation({
    mutationFn: (values: CompanyForm) => api.patch<Company>('/company', values),
    meta: { silent: true },
    onSuccess: (updated) => {
      if (updated) client.setQueryData(['company'], updated);
      void client.invalidateQueries({ queryKey: SESSION_KEY });
      notifySuccess(t('common.saved'));
    },
    onError: (err) => applyFieldError(form, err),
  });

  return (
    <div className="yf-page" data-testid="company-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('nav.company')}
      </Typography.Title>
      <Card style={{ maxWidth: 640 }}>
        {company.isPending ? (
          <Skeleton active />
        ) : (
          <Form<CompanyForm> form={form} layout="vertical" disabled={!editable} onFinish={(v) => save.mutate(v)}>
            <Form.Item
              name="name"
              label={t('company.name')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
            >
              <Input />
            </Form.Item>
            <Form.Item
              name="baseCurrency"
              label={t('company.baseCurrency')}
              extra={t('company.baseCurrencyHelp')}
              rules={[{ required: true }]}
            >
              <Select showSearch options={COMMON_CURRENCIES.map((c) => ({ value: c, label: c }))} />
            </Form.Item>
            <Form.Item name="timeZone" label={t('company.timeZone')} rules={[{ required: true }]}>
              <Select showSearch options={zones} />
            </Form.Item>
            <Form.Item name="defaultLocale" label={t('company.defaultLocale')} rules={[{ required: true }]}>
              <Select
                options={[
                  { value: 'zh-CN', label: t('language.zh-CN') },
                  { value: 'en', label: t('language.en') },
                ]}
              />
            </Form.Item>
            {editable && (
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                {t('common.save')}
              </Button>
            )}
          </Form>
        )}
      </Card>
    </div>
  );
}
