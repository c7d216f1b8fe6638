// The person's own protection screen, made for a phone: their rights and the employer-pays principle in their
// language, a confidential way to tell their advisor of a fee or an abuse, their fee log with the cost in months of
// earnings, and what their advisor recorded about their situation (each reading is audited on the server).
import { useState, type FormEvent } from 'react';
import { request } from '../api.js';
import { ScreenHeading } from '../components/Heading.js';
import { LoadStatus } from '../components/LoadStatus.js';
import { useApi } from '../useApi.js';
import { protectionApi } from './api.js';
import { FeeLogPanel } from './FeeLog.js';
import { useProtectionTranslation } from './messages.js';
import { failure, Status } from './parts.js';
import { ScreeningRecord } from './Screening.js';

export default function MyProtectionScreen({ migrantId: known }: { migrantId: string | null }) {
  const { t } = useProtectionTranslation();
  // Right after sign-in the session does not say it yet: ask who I am.
  const me = useApi(
    (signal) =>
      known
        ? Promise.resolve(known)
        : request<{ migrantId?: string | null }>('GET', '/me', { signal }).then((r) => r.migrantId ?? null),
    [known],
  );
  const migrantId = me.status === 'done' ? me.data : null;
  return (
    <section className="screen my-protection" data-screen="my-protection">
      <ScreenHeading title={`${t('protection.me.title')} · ${t('app.name')}`}>{t('protection.me.title')}</ScreenHeading>
      <section aria-labelledby="rights-title" className="panel">
        <h2 id="rights-title">{t('protection.me.rightsTitle')}</h2>
        <p className="notice employer-pays">
          <strong>{t('protection.me.employerPays')}</strong>
        </p>
        <ul>
          {(['contract', 'documents', 'wage', 'leave', 'help'] as const).map((k) => (
            <li key={k}>{t(`protection.me.rights.${k}`)}</li>
          ))}
        </ul>
      </section>
      {me.status !== 'done' && <LoadStatus state={me} />}
      {migrantId && (
        <>
          <ReportForm migrantId={migrantId} />
          <FeeLogPanel migrantId={migrantId} />
          <MyRecord migrantId={migrantId} />
        </>
      )}
    </section>
  );
}

function ReportForm({ migrantId }: { migrantId: string }) {
  const { t } = useProtectionTranslation();
  const [kind, setKind] = useState('fee');
  const [text, setText] = useState('');
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!text.trim()) {
      setStatus({ text: t('protection.required'), error: true });
      document.getElementById('report-text')?.focus();
      return;
    }
    try {
      await protectionApi.report(migrantId, kind, text.trim());
      setText('');
      setStatus({ text: t('protection.me.sent') });
    } catch (err) {
      setStatus({ text: failure(err, t), error: true });
    }
  }
  return (
    <section aria-labelledby="report-title" className="panel">
      <h2 id="report-title">{t('protection.me.reportTitle')}</h2>
      <p className="hint">{t('protection.me.reportHint')}</p>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="report-kind">{t('protection.me.reportKind')}</label>
          <select id="report-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            {(['fee', 'abuse', 'other'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`protection.reports.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="report-text">{t('protection.me.reportText')}</label>
          <textarea id="report-text" dir="auto" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <button type="submit">{t('protection.me.send')}</button>
        {status && <Status text={status.text} error={status.error} />}
      </form>
    </section>
  );
}

function MyRecord({ migrantId }: { migrantId: string }) {
  const { t } = useProtectionTranslation();
  const state = useApi((signal) => protectionApi.confidential(migrantId, signal), [migrantId]);
  return (
    <section aria-labelledby="record-title" className="panel">
      <h2 id="record-title">{t('protection.me.recordTitle')}</h2>
      <p>{t('protection.me.recordIntro')}</p>
      <LoadStatus state={state} />
      {state.status === 'done' &&
        (state.data.screenings.length === 0 ? (
          <p className="muted">{t('protection.me.noRecord')}</p>
        ) : (
          <ScreeningRecord screenings={state.data.screenings} />
        ))}
    </section>
  );
}
