// Gate of the signed-in area: waits for the session, sends strangers to /login?next=…, applies the user's language.
import { Result, Spin } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { changeLocale, currentLocale, storedLocale } from '../lib/i18n';
import { describeError } from '../lib/notify';
import { useSession } from '../lib/session';

export function RequireAuth() {
  const { t } = useTranslation();
  const location = useLocation();
  const session = useSession();
  const locale = session.data?.user.locale;

  useEffect(() => {
    // The account's language applies unless the user picked one on this browser.
    if (locale && !storedLocale() && locale !== currentLocale()) void changeLocale(locale, false);
  }, [locale]);

  if (session.isPending) {
    return (
      <div style={{ height: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        <Spin size="large" />
      </div>
    );
  }
  if (session.isError) {
    const { title, description } = describeError(session.error);
    return <Result status="error" title={title} subTitle={description || t('errors.serverUnavailable')} />;
  }
  if (!session.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
