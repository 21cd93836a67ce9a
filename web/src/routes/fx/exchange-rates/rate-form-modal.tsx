// Add (or overwrite) the rate of a pair on a date.
import { Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/form-modal';
import { COMMON_CURRENCIES } from '../../../lib/money';
import { useMe } from '../../../lib/session';

export interface RateForm {
  fromCurrency: string;
  toCurrency: string;
  rateDate: Dayjs;
  rate: string;
}

export function RateFormModal(props: {
  open: boolean;
  onClose: () => void;
  onSubmit: (v: RateForm) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const currencies = COMMON_CURRENCIES.map((c) => ({ value: c, label: c }));
  const initialValues = useMemo(
    () => ({ fromCurrency: 'USD', toCurrency: me.baseCurrency, rateDate: dayjs() }),
    [me.baseCurrency],
  );
  return (
    <FormModal<RateForm>
      open={props.open}
      title={t('fx.add')}
      initialValues={initialValues}
      onClose={props.onClose}
      onSubmit={props.onSubmit}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="fromCurrency" label={t('fx.from')} rules={[{ required: true }]}>
            <Select options={currencies} showSearch />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="toCurrency"
            label={t('fx.to')}
            dependencies={['fromCurrency']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_r, value) =>
                  value && value === getFieldValue('fromCurrency')
                    ? Promise.reject(new Error(t('fx.samePair')))
                    : Promise.resolve(),
              }),
            ]}
          >
            <Select options={currencies} showSearch />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="rateDate" label={t('fx.rateDate')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="rate"
            label={t('fx.rate')}
            rules={[{ required: true, pattern: /^\d{1,8}(\.\d{1,10})?$/, message: t('validation.rate') }]}
          >
            <Input placeholder="7.1234" />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
