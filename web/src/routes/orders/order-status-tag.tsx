// An order's Amazon status as a coloured, translated tag (list grid, detail header, history).
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrderStatus } from '../../lib/types';

export const ORDER_STATUS_COLORS: Record<OrderStatus, string> = {
  PENDING_AVAILABILITY: 'purple',
  PENDING: 'gold',
  UNSHIPPED: 'orange',
  PARTIALLY_SHIPPED: 'blue',
  SHIPPED: 'green',
  CANCELLED: 'default',
  UNFULFILLABLE: 'red',
};

export function OrderStatusTag({ status }: { status: OrderStatus | null | undefined }) {
  const { t } = useTranslation();
  if (!status) return null;
  return (
    <Tag color={ORDER_STATUS_COLORS[status] ?? 'default'} style={{ marginInlineEnd: 0 }} data-status={status}>
      {t(`orderStatus.${status}`, { defaultValue: status })}
    </Tag>
  );
}
