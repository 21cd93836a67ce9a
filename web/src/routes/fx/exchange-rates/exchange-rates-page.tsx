// Exchange rates: dated rates per pair (manual or imported), a chart of the chosen pair, and a converter.
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Modal,
  Popconfirm,
  Row,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportFlow } from '../../../components/import-flow';
import { PageHeader } from '../../../components/page-header';
import { useCrud } from '../../../lib/crud';
import { formatInstant } from '../../../lib/format';
import { COMMON_CURRENCIES, formatDecimal } from '../../../lib/money';
import { useCan, useMe } from '../../../lib/session';
import type { ExchangeRate } from '../../../lib/types';
import { usePagedList } from '../../../lib/use-paged-list';
import { Converter } from './converter';
import { type RateFilters, usePairHistory } from './queries';
import { RateChart } from './rate-chart';
import { type RateForm, RateFormModal } from './rate-form-modal';

export function ExchangeRatesPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const [fromCurrency, setFrom] = useState<string | undefined>('USD');
  const me = useMe();
  const [toCurrency, setTo] = useState<string | undefined>(me.baseCurrency);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const editable = can('fx', 'edit');

  const filters = useMemo<RateFilters>(
    () => ({
      fromCurrency,
      toCurrency,
      dateFrom: range?.[0]?.format('YYYY-MM-DD'),
      dateTo: range?.[1]?.format('YYYY-MM-DD'),
    }),
    [fromCurrency, toCurrency, range],
  );
  const list = usePagedList<ExchangeRate>('/exchange-rates', { ...filters });
  const history = usePairHistory(filters);
  const { create, remove } = useCrud<ExchangeRate>('/exchange-rates');
  const currencies = COMMON_CURRENCIES.map((c) => ({ value: c, label: c }));
  const pair = fromCurrency && toCurrency ? `${fromCurrency}/${toCurrency}` : '';

  const columns: TableColumnsType<ExchangeRate> = [
    {
      title: t('fx.pair'),
      key: 'pair',
      render: (_: unknown, r: ExchangeRate) => `${r.fromCurrency} → ${r.toCurrency}`,
    },
    { title: t('fx.rateDate'), dataIndex: 'rateDate', key: 'rateDate', width: 140 },
    {
      title: t('fx.rate'),
      dataIndex: 'rate',
      key: 'rate',
      align: 'right',
      width: 140,
      render: (rate: string) => formatDecimal(rate, i18n.language, 8),
    },
    {
      title: t('fx.source'),
      dataIndex: 'source',
      key: 'source',
      width: 110,
      render: (s: string) => <Tag>{t(`fx.sources.${s}`, { defaultValue: s })}</Tag>,
    },
    {
      title: t('common.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      width: 160,
      render: (ms: number) => formatInstant(ms, i18n.language),
    },
    ...(editable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_: unknown, r: ExchangeRate) => (
              <Popconfirm
                title={t('fx.deleteConfirm')}
                okText={t('common.delete')}
                cancelText={t('common.cancel')}
                onConfirm={() => remove.mutateAsync(r.id)}
              >
                <Button type="link" danger size="small">
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  const save = (values: RateForm) =>
    create.mutateAsync({
      fromCurrency: values.fromCurrency,
      toCurrency: values.toCurrency,
      rateDate: values.rateDate.format('YYYY-MM-DD'),
      rate: values.rate.trim(),
    });

  return (
    <div className="yf-page" data-testid="exchange-rates-page">
      <PageHeader
        title={t('nav.exchangeRates')}
        actions={
          editable && (
            <>
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                {t('fx.importCsv')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                {t('fx.add')}
              </Button>
            </>
          )
        }
      />
      <div className="yf-toolbar">
        <Select
          allowClear
          placeholder={t('fx.from')}
          style={{ width: 100 }}
          value={fromCurrency}
          onChange={setFrom}
          options={currencies}
          showSearch
        />
        <Typography.Text>→</Typography.Text>
        <Select
          allowClear
          placeholder={t('fx.to')}
          style={{ width: 100 }}
          value={toCurrency}
          onChange={setTo}
          options={currencies}
          showSearch
        />
        <DatePicker.RangePicker value={range} onChange={(value) => setRange(value)} allowEmpty={[true, true]} />
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={pair ? t('fx.chartTitle', { pair }) : t('fx.chart')}>
            <RateChart rows={history.data?.rows ?? []} pair={pair} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('fx.converter')}>
            <Converter />
          </Card>
        </Col>
      </Row>
      <Table<ExchangeRate> rowKey="id" size="middle" columns={columns} {...list.tableProps} />
      <RateFormModal open={adding} onClose={() => setAdding(false)} onSubmit={save} />
      <Modal
        open={importing}
        title={t('fx.importCsv')}
        width={760}
        footer={null}
        onCancel={() => setImporting(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('fx.importHelp')}</Typography.Paragraph>
        <ImportFlow
          path="/exchange-rates/import"
          accept=".csv"
          onImported={() => void client.invalidateQueries({ queryKey: ['/exchange-rates'] })}
        />
      </Modal>
    </div>
  );
}
