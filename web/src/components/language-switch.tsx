// zh-CN ⇄ en: switches i18next and antd at once, remembers the choice here and on the user's account.
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../lib/api';
import { changeLocale, LOCALES } from '../lib/i18n';
import { notifyError } from '../lib/notify';
import { useSession, useSetSession } from '../lib/session';
import type { Locale, Session } from '../lib/types';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const setSession = useSetSession();

  const select = async (locale: Locale) => {
    await changeLocale(locale);
    const current = session.data;
    if (!current) return;
    try {
      const updated = await api.patch<Partial<Session> | undefined>('/auth/me', { locale });
      setSession({
        csrfToken: updated?.csrfToken ?? current.csrfToken,
        user: { ...current.user, ...updated?.user, locale },
      });
    } catch (err) {
      notifyError(err);
    }
  };

  return (
    <Segmented<Locale>
      size="small"
      value={i18n.language === 'en' ? 'en' : 'zh-CN'}
      options={LOCALES.map((locale) => ({ value: locale, label: t(`language.${locale}`) }))}
      onChange={(locale) => void select(locale)}
      data-testid="language-switch"
    />
  );
}
