// Sign in with email and password; explains lockouts and rate limits; sends the user back where they were going.
import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { LanguageSwitch } from '../../../components/language-switch';
import { ApiError, request } from '../../../lib/api';
import { changeLocale, storedLocale } from '../../../lib/i18n';
import { useSession, useSetSession } from '../../../lib/session';
import type { Session } from '../../../lib/types';

interface Credentials {
  email: string;
  password: string;
}

/** The message for a failed sign-in: the reason by code, in the UI language, with the server's details. */
function loginErrorText(err: unknown, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (!(err instanceof ApiError)) return t('login.failed');
  switch (err.code) {
    case 'UNAUTHORIZED':
    case 'INVALID_CREDENTIALS':
      return t('login.badCredentials');
    case 'ACCOUNT_LOCKED':
      return `${t('login.locked')} ${err.message}`;
    case 'RATE_LIMITED':
      return `${t('login.rateLimited')} ${err.message}`;
    case 'INVALID_INPUT':
      return `${t('login.invalidInput')} ${err.message}`;
    default:
      return `${t('login.failed')} ${err.message}`;
  }
}

/** Only same-site paths are accepted as `?next=` (no open redirect). */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const session = useSession();
  const setSession = useSetSession();

  const login = useMutation({
    mutationFn: (values: Credentials) => request<Session>('POST', '/auth/login', { body: values, quiet401: true }),
    meta: { silent: true },
    onSuccess: (result) => {
      setSession(result);
      if (!storedLocale() && result.user.locale) void changeLocale(result.user.locale, false);
      navigate(safeNext(search.get('next')), { replace: true });
    },
  });

  if (session.data) return <Navigate to={safeNext(search.get('next'))} replace />;

  return (
    <div className="yf-login">
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width: 380, boxShadow: '0 8px 24px rgba(0,0,0,0.08)' }}>
        <Space orientation="vertical" size={4} style={{ width: '100%', marginBottom: 16, textAlign: 'center' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
        </Space>
        {login.isError && (
          <Alert
            type="error"
            showIcon
            title={loginErrorText(login.error, t)}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        )}
        <Form<Credentials> layout="vertical" onFinish={(values) => login.mutate(values)} requiredMark={false}>
          <Form.Item
            name="email"
            label={t('login.email')}
            rules={[{ required: true, type: 'email', message: t('login.emailRequired') }]}
          >
            <Input prefix={<MailOutlined />} autoComplete="username" autoFocus data-testid="login-email" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
