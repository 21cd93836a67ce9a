// Shows API errors in antd notifications from anywhere (query/mutation caches included), in the current language.
import type { App } from 'antd';
import { ApiError } from './api';
import { i18next } from './i18n';

type AppApi = ReturnType<typeof App.useApp>;

let appApi: AppApi | null = null;

/** Called once by the app shell with the context-aware message/notification API of antd's <App>. */
export function registerNotifier(api: AppApi | null): void {
  appApi = api;
}

export interface ErrorText {
  title: string;
  description: string;
  /** Field and request id, for support. */
  meta: string;
}

/** The title and text the UI shows for an error: a translated title by code, the server's message and field. */
export function describeError(err: unknown): ErrorText {
  const t = i18next.t.bind(i18next);
  if (err instanceof ApiError) {
    const title = t(`errors.${err.code}`, { defaultValue: t('errors.generic') });
    const meta = [];
    if (err.field) meta.push(t('errors.field', { field: err.field }));
    if (err.requestId) meta.push(t('errors.requestId', { id: err.requestId }));
    return { title, description: err.message, meta: meta.join(' · ') };
  }
  return { title: t('errors.generic'), description: err instanceof Error ? err.message : String(err), meta: '' };
}

/** Shows an error notification; 401s are left to the redirect to /login. */
export function notifyError(err: unknown): void {
  if (err instanceof ApiError && err.status === 401) return;
  if (err instanceof DOMException && err.name === 'AbortError') return;
  const { title, description, meta } = describeError(err);
  appApi?.notification.error({
    title,
    description: (
      <>
        <div>{description}</div>
        {meta && <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)', marginTop: 4 }}>{meta}</div>}
      </>
    ),
    placement: 'topRight',
    duration: 6,
  });
}

/** Shows a short success notice. */
export function notifySuccess(title: string): void {
  void appApi?.message.success(title);
}
