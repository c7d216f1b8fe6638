// An advisor's view of a person's skills passports: issue one from the profile as it stands, see each one's state,
// revoke (the public status list changes at once).
import { useState, type FormEvent } from 'react';
import { request } from '../api.js';
import { errorKey } from '../errors.js';
import { ScreenHeading } from '../components/Heading.js';
import { Link } from '../components/Link.js';
import { LoadStatus } from '../components/LoadStatus.js';
import { useApi } from '../useApi.js';
import { passportApi } from './api.js';
import { usePassportTranslation } from './messages.js';
import { PassportFacts } from './parts.js';

export default function StaffPassportScreen({ id }: { id: string }) {
  const { t, i18n } = usePassportTranslation();
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const profile = useApi((signal) => request<{ displayName: string }>('GET', `/profiles/${id}`, { signal }), [id]);
  const list = useApi((signal) => passportApi.list(id, signal), [id, version]);
  const name = profile.status === 'done' ? profile.data.displayName : '';
  const fail = (err: unknown) => setStatus({ text: t(errorKey(err)), error: true });
  async function issue() {
    setStatus(null);
    try {
      await passportApi.issue(id);
      setStatus({ text: t('passport.issued') });
      setVersion((v) => v + 1);
    } catch (err) {
      fail(err);
    }
  }
  return (
    <section className="screen passport-staff" data-screen="passport-staff">
      <p>
        <Link href={`/caseload/${id}`}>{t('passport.back')}</Link>
      </p>
      <ScreenHeading title={`${t('passport.staffTitle', { name })} · ${t('app.name')}`}>
        {t('passport.staffTitle', { name })}
      </ScreenHeading>
      <p className="hint">{t('passport.intro')}</p>
      <p>
        <button type="button" onClick={issue}>
          {t('passport.issue')}
        </button>
      </p>
      {status && (
        <p role={status.error ? 'alert' : 'status'} className={status.error ? 'error' : 'notice'}>
          {status.text}
        </p>
      )}
      <LoadStatus state={list} />
      {list.status === 'done' && list.data.length === 0 && <p>{t('passport.none')}</p>}
      {list.status === 'done' && list.data.length > 0 && (
        <ul className="cards passport-list">
          {list.data.map((p) => (
            <li key={p.id} data-passport={p.id}>
              <PassportFacts p={p} t={t} lang={i18n.language} />
              {!p.revokedAt && !p.derivedFrom && (
                <RevokeForm
                  id={p.id}
                  onDone={() => {
                    setStatus({ text: t('passport.revoked') });
                    setVersion((v) => v + 1);
                  }}
                  onError={fail}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RevokeForm({ id, onDone, onError }: { id: string; onDone: () => void; onError: (e: unknown) => void }) {
  const { t } = usePassportTranslation();
  const [reason, setReason] = useState('');
  const field = `revoke-${id}`;
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) {
      document.getElementById(field)?.focus();
      return;
    }
    try {
      await passportApi.revoke(id, reason.trim());
      onDone();
    } catch (err) {
      onError(err);
    }
  }
  return (
    <form onSubmit={submit} className="inline-form" noValidate>
      <label htmlFor={field}>{t('passport.revokeReason')}</label>
      <input id={field} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} required />
      <button type="submit">{t('passport.revoke')}</button>
    </form>
  );
}
