import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n.js';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <div className="language-switch">
      <label htmlFor={id}>{t('app.language')}</label>
      <select id={id} value={i18n.language} onChange={(e) => void i18n.changeLanguage(e.target.value)}>
        <LanguageOptions />
      </select>
    </div>
  );
}

/** The interface languages as options, each named in itself and marked so screen readers pronounce it right. */
export function LanguageOptions() {
  const { t } = useTranslation();
  return LANGUAGES.map((l) => (
    <option key={l} value={l} lang={l}>
      {t(`languages.${l}`)}
    </option>
  ));
}
