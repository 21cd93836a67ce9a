import { useQuery } from '@tanstack/react-query';
import { Layout, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../lib/api';
import type { Health } from '../lib/types';

/** Version and the state of the database and queue, from /api/health. */
export function HealthFooter() {
  const { t } = useTranslation();
  const { data } = useQuery({
    queryKey: ['health'],
    queryFn: () => api.get<Health>('/health'),
    meta: { silent: true },
    staleTime: 60_000,
  });
  return (
    <Layout.Footer style={{ padding: '8px 24px', textAlign: 'center', background: 'transparent' }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('app.name')} {data?.version ? `v${data.version}` : ''}
        {data
          ? ` · ${t('layout.database')}: ${data.db.dialect} ${data.db.ok ? '✓' : '✗'} · ${t('layout.queue')}: ${data.queue.kind} ${data.queue.ok ? '✓' : '✗'}`
          : ''}
      </Typography.Text>
    </Layout.Footer>
  );
}
