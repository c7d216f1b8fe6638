import { useTranslation } from 'react-i18next';
import type { Loaded } from '../useApi.js';

/** What a screen says while its data loads or when it could not be loaded; nothing once it is there. */
export function LoadStatus({ state }: { state: Loaded<unknown> }) {
  const { t } = useTranslation();
  if (state.status === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (state.status === 'error')
    return (
      <p role="alert" className="error">
        {t(state.key)}
      </p>
    );
  return null;
}
