// Providers around the router: TanStack Query, antd (theme + locale following i18next), the error notifier.
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { setUnauthorizedHandler } from './lib/api';
import { registerNotifier } from './lib/notify';
import { createQueryClient } from './lib/query-client';
import { SESSION_KEY } from './lib/session';
import { router } from './router';

const FONT_FAMILY =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif';

/** Hands antd's context-aware message/notification API to code outside React (query caches, grid callbacks). */
function NotifierBridge() {
  const app = AntApp.useApp();
  useEffect(() => {
    registerNotifier(app);
    return () => registerNotifier(null);
  }, [app]);
  return null;
}

export function AppRoot() {
  const [queryClient] = useState(createQueryClient);
  const { i18n } = useTranslation();

  useEffect(() => {
    // A 401 anywhere ends the session: the authenticated layout then redirects to /login.
    setUnauthorizedHandler(() => queryClient.setQueryData(SESSION_KEY, null));
    return () => setUnauthorizedHandler(null);
  }, [queryClient]);

  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider
        locale={i18n.language === 'en' ? enUS : zhCN}
        theme={{ algorithm: theme.defaultAlgorithm, token: { colorPrimary: '#1677ff', fontFamily: FONT_FAMILY } }}
      >
        <AntApp>
          <NotifierBridge />
          <RouterProvider router={router} />
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
