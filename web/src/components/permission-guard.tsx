import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../lib/session';
import type { Action, Module } from '../lib/types';

/** Shows the page only with the permission; a 403 result otherwise (the menu hides such pages anyway). */
export function PermissionGuard({ module, action, children }: { module: Module; action: Action; children: ReactNode }) {
  const { t } = useTranslation();
  const can = useCan();
  if (!can(module, action)) return <Result status="403" title="403" subTitle={t('errors.noPermission')} />;
  return <>{children}</>;
}
