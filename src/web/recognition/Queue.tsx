// The assessor's home: recognition cases of their organisation and those other organisations referred to it,
// oldest first, filtered by status.
import { useState } from 'react';
import { ScreenHeading } from '../components/Heading.js';
import { Link } from '../components/Link.js';
import { LoadStatus } from '../components/LoadStatus.js';
import { countryName } from '../countries.js';
import { useApi } from '../useApi.js';
import { recognitionApi } from './api.js';
import { useRecognitionTranslation } from './messages.js';
import { day } from './parts.js';

const FILTERS = ['', 'requested', 'assessing', 'appealed', 'decided'] as const;

export default function QueueScreen() {
  const { t, i18n } = useRecognitionTranslation();
  const [status, setStatus] = useState<string>('');
  const state = useApi((signal) => recognitionApi.queue(status || undefined, signal), [status]);
  return (
    <section className="screen recognition" data-screen="recognition-queue">
      <ScreenHeading title={`${t('recognition.queue.title')} · ${t('app.name')}`}>
        {t('recognition.queue.title')}
      </ScreenHeading>
      <p>{t('recognition.queue.intro')}</p>
      <div className="field inline">
        <label htmlFor="queue-filter">{t('recognition.queue.filter')}</label>
        <select id="queue-filter" value={status} onChange={(e) => setStatus(e.target.value)}>
          {FILTERS.map((f) => (
            <option key={f} value={f}>
              {f ? t(`recognition.statuses.${f}`) : t('recognition.queue.all')}
            </option>
          ))}
        </select>
      </div>
      <LoadStatus state={state} />
      {state.status === 'done' &&
        (state.data.items.length === 0 ? (
          <p className="muted">{t('recognition.queue.empty')}</p>
        ) : (
          <ul className="case-queue">
            {state.data.items.map((i) => (
              <li key={i.case.id} className="panel">
                <Link href={`/recognition/cases/${i.case.id}`}>
                  <span dir="auto">{i.displayName}</span> — <span dir="auto">{i.originalTitle}</span>
                </Link>
                {i.referredFrom && (
                  <p data-referred-from>{t('recognition.referral.referredBy', { organisation: i.referredFrom })}</p>
                )}
                <p className="muted">
                  {t(`recognition.statuses.${i.case.status}`)} · {countryName(i.country, i18n.language)} ·{' '}
                  {t('recognition.queue.documents')}: {i.documents} · {t('recognition.queue.requestedOn')}{' '}
                  {day(i.case.createdAt, i18n.language)}
                </p>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
