// The vulnerability screening: the questionnaire (IOM DoMV levels; the catalogue is the server's own module), and
// what was recorded, as the advisor and as the person read it. No score anywhere: factors and the advisor's words.
import { useState, type FormEvent } from 'react';
import { LEVELS, QUESTIONS, question as questionOf, type Answer, type Factor } from '../../protection/browser.js';
import { protectionApi, type Referral, type Report, type Screening } from './api.js';
import { useProtectionTranslation } from './messages.js';
import { day, failure, Status, today } from './parts.js';

interface Draft {
  answer: Answer | '';
  factor: Factor;
  note: string;
}

/** The factor an answer usually is: a "yes" as the catalogue says; a "no" to a protective item is a risk. */
function suggestedFactor(code: string, answer: Answer | ''): Factor {
  const q = questionOf(code);
  if (!q || answer === '' || answer === 'unknown' || answer === 'declined') return 'neither';
  if (answer === 'yes') return q.yes;
  return q.yes === 'protective' ? 'risk' : 'neither';
}

export function ScreeningForm(props: {
  migrantId: string;
  onRecorded(result: { alerts: string[]; referrals: Referral[] }): void;
}) {
  const { t } = useProtectionTranslation();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [screenedOn, setScreenedOn] = useState(today());
  const [judgement, setJudgement] = useState('');
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (code: string, change: Partial<Draft>) =>
    setDrafts((d) => {
      const before = d[code] ?? { answer: '', factor: 'neither', note: '' };
      const next = { ...before, ...change };
      if (change.answer !== undefined) next.factor = suggestedFactor(code, change.answer);
      return { ...d, [code]: next };
    });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const answers = Object.entries(drafts)
      .filter(([, d]) => d.answer !== '')
      .map(([code, d]) => ({ question: code, answer: d.answer, factor: d.factor, note: d.note.trim() || null }));
    if (answers.length === 0) {
      setStatus({ text: t('protection.screening.nothingAnswered'), error: true });
      return;
    }
    if (screenedOn > today()) {
      setStatus({ text: t('protection.errors.future'), error: true });
      document.getElementById('screening-date')?.focus();
      return;
    }
    setBusy(true);
    try {
      const r = await protectionApi.screen(props.migrantId, {
        screenedOn,
        answers,
        judgement: judgement.trim() || null,
      });
      setDrafts({});
      setJudgement('');
      const list = r.alerts.map((a) => t(`protection.screening.alerts.${a}`)).join(', ');
      setStatus({
        text: `${t('protection.screening.recorded')}${r.referrals.length ? ` ${t('protection.screening.alertsRaised', { list })}` : ''}`,
      });
      props.onRecorded(r);
    } catch (err) {
      setStatus({ text: failure(err, t), error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="screening-form" aria-labelledby="screening-form-title">
      <h3 id="screening-form-title">{t('protection.screening.start')}</h3>
      <p className="hint">{t('protection.screening.alertHint')}</p>
      <div className="field">
        <label htmlFor="screening-date">{t('protection.screening.screenedOn')}</label>
        <input
          id="screening-date"
          type="date"
          max={today()}
          value={screenedOn}
          onChange={(e) => setScreenedOn(e.target.value)}
        />
      </div>
      {LEVELS.map((level) => (
        <fieldset key={level} className="screening-level">
          <legend>{t(`protection.screening.levels.${level}`)}</legend>
          {QUESTIONS.filter((q) => q.level === level).map((q) => {
            const d = drafts[q.code] ?? { answer: '', factor: 'neither', note: '' };
            const id = `q-${q.code}`;
            return (
              <div key={q.code} className="screening-question" data-question={q.code}>
                <label htmlFor={`${id}-answer`} id={`${id}-text`}>
                  {t(`protection.screening.questions.${q.code}`)}
                  {q.alert && <span className="badge rejected"> {t(`protection.screening.alerts.${q.alert}`)}</span>}
                </label>
                <div className="field-row">
                  <select
                    id={`${id}-answer`}
                    value={d.answer}
                    onChange={(e) => set(q.code, { answer: e.target.value as Answer | '' })}
                  >
                    <option value="">{t('protection.screening.notAsked')}</option>
                    {(['yes', 'no', 'unknown', 'declined'] as const).map((a) => (
                      <option key={a} value={a}>
                        {t(`protection.screening.answers.${a}`)}
                      </option>
                    ))}
                  </select>
                  {d.answer !== '' && (
                    <>
                      <select
                        id={`${id}-factor`}
                        aria-label={`${t('protection.screening.factor')}: ${t(`protection.screening.questions.${q.code}`)}`}
                        value={d.factor}
                        onChange={(e) => set(q.code, { factor: e.target.value as Factor })}
                      >
                        {(['risk', 'protective', 'neither'] as const).map((f) => (
                          <option key={f} value={f}>
                            {t(`protection.screening.factors.${f}`)}
                          </option>
                        ))}
                      </select>
                      <input
                        id={`${id}-note`}
                        type="text"
                        dir="auto"
                        aria-label={`${t('protection.note')}: ${t(`protection.screening.questions.${q.code}`)}`}
                        value={d.note}
                        onChange={(e) => set(q.code, { note: e.target.value })}
                      />
                    </>
                  )}
                </div>
              </div>
            );
          })}
        </fieldset>
      ))}
      <div className="field">
        <label htmlFor="screening-judgement">{t('protection.screening.judgement')}</label>
        <textarea
          id="screening-judgement"
          dir="auto"
          rows={3}
          value={judgement}
          onChange={(e) => setJudgement(e.target.value)}
        />
      </div>
      <p>
        <button type="submit" disabled={busy}>
          {t('protection.screening.submit')}
        </button>
      </p>
      {status && <Status text={status.text} error={status.error} />}
    </form>
  );
}

/** What was recorded, newest first: factors by level with the advisor's notes, the judgement, the alerts. */
export function ScreeningRecord({ screenings, headingLevel = 3 }: { screenings: Screening[]; headingLevel?: 3 | 2 }) {
  const { t, i18n } = useProtectionTranslation();
  const lang = i18n.language;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <>
      {screenings.map((s) => (
        <article key={s.id} className="card screening" aria-labelledby={`screening-${s.id}`}>
          <H id={`screening-${s.id}`}>{t('protection.screening.onDate', { date: day(s.screenedOn, lang) })}</H>
          {s.alerts.length > 0 && (
            <p>
              {s.alerts.map((a) => (
                <span key={a} className="badge rejected">
                  {t(`protection.screening.alerts.${a}`)}
                </span>
              ))}
            </p>
          )}
          {LEVELS.filter((l) => s.answers.some((a) => a.level === l)).map((level) => (
            <div key={level}>
              <h4>{t(`protection.screening.levels.${level}`)}</h4>
              <ul className="factor-list">
                {s.answers
                  .filter((a) => a.level === level)
                  .map((a) => (
                    <li key={a.question}>
                      {t(`protection.screening.questions.${a.question}`)}:{' '}
                      {t(`protection.screening.answers.${a.answer}`)}
                      {a.factor !== 'neither' && (
                        <span className={`badge ${a.factor === 'risk' ? 'rejected' : 'confirmed'}`}>
                          {t(`protection.screening.factors.${a.factor}`)}
                        </span>
                      )}
                      {a.note && (
                        <div className="muted" dir="auto">
                          {t('protection.screening.noteOf', { note: a.note })}
                        </div>
                      )}
                    </li>
                  ))}
              </ul>
            </div>
          ))}
          {s.judgement && (
            <p dir="auto">
              <strong>{t('protection.screening.judgement')}:</strong> {s.judgement}
            </p>
          )}
        </article>
      ))}
    </>
  );
}

export function ReportList({ reports }: { reports: Report[] }) {
  const { t, i18n } = useProtectionTranslation();
  const lang = i18n.language;
  return (
    <ul className="cards">
      {reports.map((r) => (
        <li key={r.id} className="card">
          <div className="card-title">
            <span>{t(`protection.reports.kinds.${r.kind}`)}</span>
            <span className="muted">{day(r.createdAt.slice(0, 10), lang)}</span>
          </div>
          <p dir="auto">{r.text}</p>
        </li>
      ))}
    </ul>
  );
}
