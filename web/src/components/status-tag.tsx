import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<string, string> = {
  active: 'green',
  inactive: 'default',
  discontinued: 'red',
  draft: 'blue',
  incomplete: 'orange',
  suppressed: 'volcano',
  disabled: 'default',
  error: 'red',
};

/** A coloured, translated status; `kind` picks the wording (a store is "normal", a listing "on sale"). */
export function StatusTag({
  status,
  kind = 'status',
}: {
  status: string | null | undefined;
  kind?: 'status' | 'storeStatus';
}) {
  const { t } = useTranslation();
  if (!status) return null;
  return (
    <Tag color={COLORS[status] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {t(`${kind}.${status}`, { defaultValue: status })}
    </Tag>
  );
}
