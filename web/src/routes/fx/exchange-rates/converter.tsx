// Converts an amount with the rate in force on a date (the server picks the latest rate on or before it).
import { Alert, Button, DatePicker, Form, Input, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api';
import { COMMON_CURRENCIES, formatDecimal, formatMoney } from '../../../lib/money';
import { describeError } from '../../../lib/notify';
import { useMe } from '../../../lib/session';
import { useConvert } from './queries';

interface ConvertForm {
  amount: string;
  from: string;
  to: string;
  date: Dayjs;
}

export function Converter() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const convert = useConvert();
  const currencies = COMMON_CURRENCIES.map((c) => ({ value: c, label: c }));
  const result = convert.data;
  const error = convert.error;

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Form<ConvertForm>
        layout="inline"
        initialValues={{ amount: '100', from: 'USD', to: me.baseCurrency, date: dayjs() }}
        onFinish={(values) =>
          convert.mutate({
            amount: values.amount.trim(),
            from: values.from,
            to: values.to,
            date: values.date.format('YYYY-MM-DD'),
          })
        }
        style={{ rowGap: 8 }}
      >
        <Form.Item
          name="amount"
          rules={[{ required: true, pattern: /^-?\d+(\.\d+)?$/, message: t('validation.money') }]}
        >
          <Input style={{ width: 120 }} placeholder={t('fx.amount')} data-testid="convert-amount" />
        </Form.Item>
        <Form.Item name="from">
          <Select style={{ width: 90 }} options={currencies} showSearch />
        </Form.Item>
        <Typography.Text style={{ marginInlineEnd: 16 }}>→</Typography.Text>
        <Form.Item name="to">
          <Select style={{ width: 90 }} options={currencies} showSearch />
        </Form.Item>
        <Form.Item name="date" rules={[{ required: true }]}>
          <DatePicker allowClear={false} data-testid="convert-date" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={convert.isPending} data-testid="convert-submit">
          {t('fx.convert')}
        </Button>
      </Form>
      {result && (
        <Typography.Text data-testid="convert-result">
          {formatMoney(result.amount, result.from, i18n.language)} ={' '}
          <strong>{formatMoney(result.result, result.to, i18n.language)}</strong>{' '}
          <Typography.Text type="secondary">
            ({t('fx.rateUsed', { rate: formatDecimal(result.rate, i18n.language, 8), date: result.rateDate })})
          </Typography.Text>
        </Typography.Text>
      )}
      {error && (
        <Alert
          type="warning"
          showIcon
          title={
            error instanceof ApiError && error.code === 'MISSING_EXCHANGE_RATE'
              ? t('fx.missingRate')
              : describeError(error).title
          }
          description={describeError(error).description}
        />
      )}
    </Space>
  );
}
