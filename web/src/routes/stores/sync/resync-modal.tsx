// "Re-sync from …": pick a date; the store's data type (or all of them) is fetched again from that day on.
import { Alert, DatePicker, Form, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../lib/notify';
import type { SyncDataType } from '../../../lib/types';
import { queuedNotice, useTriggerSync } from './queries';

export interface ResyncTarget {
  storeId: string;
  storeName: string;
  /** One data type, or every data type of the store. */
  dataType?: SyncDataType;
}

export function ResyncModal(props: { target: ResyncTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ since: Dayjs }>();
  const trigger = useTriggerSync();
  const target = props.target;

  const submit = ({ since }: { since: Dayjs }) => {
    if (!target) return;
    trigger.mutate(
      {
        storeId: target.storeId,
        dataTypes: target.dataType ? [target.dataType] : undefined,
        since: since.format('YYYY-MM-DD'),
      },
      {
        onSuccess: (result) => {
          notifySuccess(queuedNotice(result.queued, t));
          props.onClose();
        },
      },
    );
  };

  return (
    <Modal
      open={target !== null}
      title={t('sync.resyncTitle', {
        store: target?.storeName ?? '',
        type: target?.dataType
          ? t(`sync.dataTypes.${target.dataType}`, { defaultValue: target.dataType })
          : t('sync.allDataTypes'),
      })}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('sync.resync')}
      cancelText={t('common.cancel')}
      confirmLoading={trigger.isPending}
      destroyOnHidden
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('sync.resyncHelp')} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ since: dayjs().subtract(30, 'day') }}>
        <Form.Item name="since" label={t('sync.since')} rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker
            style={{ width: 200 }}
            disabledDate={(day) => day.isAfter(dayjs(), 'day')}
            data-testid="resync-since"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
