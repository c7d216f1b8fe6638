// The assessor's case: the qualification as written and its documents (each opening is audited on the server), the
// assessment (documents checked, interview notes, comparison with the destination framework), an RPL checklist
// against an ESCO occupation, the decision, reopening, and the case's history. The home organisation's advisor
// refers the case from here to an assessing organisation on the instance (with the person's consent); that
// organisation's assessor opens it from their queue and sees this case and its documents only.
import { useCallback, useState, type FormEvent } from 'react';
import { api, type SearchHit } from '../api.js';
import { Combobox } from '../components/Combobox.js';
import { ScreenHeading } from '../components/Heading.js';
import { Link } from '../components/Link.js';
import { LoadStatus } from '../components/LoadStatus.js';
import { contentLanguage } from '../i18n.js';
import { useApi } from '../useApi.js';
import {
  recognitionApi,
  type CaseDetail,
  type DecideBody,
  type RecognitionCase,
  type RplAssessment,
  type RplSkillBody,
} from './api.js';
import { useRecognitionTranslation } from './messages.js';
import { Concept, day, DecisionView, failure, place, Status, useConceptLabels } from './parts.js';

type Method = NonNullable<RplSkillBody['method']>;
type Outcome = DecideBody['outcome'];
type Reason = NonNullable<DecideBody['reasons']>[number];
// The server's code lists, typed by its contract: a code it does not take fails the type check.
const METHODS: readonly Method[] = ['interview', 'observation', 'practical_test', 'portfolio', 'employer_attestation'];
const RESULTS: readonly RplSkillBody['result'][] = ['pending', 'demonstrated', 'not_yet'];
const OUTCOMES: readonly Outcome[] = ['recognised', 'partially_recognised', 'not_recognised', 'referred_to_rpl'];
const REASONS: readonly Reason[] = [
  'documents_not_authentic',
  'documents_incomplete',
  'awarding_body_not_accredited',
  'level_below_requirement',
  'content_differs_substantially',
  'duration_insufficient',
  'regulated_profession_requirements',
  'other',
];
/** A code of a view as the form edits it (views carry the server's codes as plain strings). */
const known = <T extends string>(list: readonly T[], value: string | null): T | null =>
  list.find((k) => k === value) ?? null;

export default function RecognitionCaseScreen({ id }: { id: string }) {
  const { t, i18n } = useRecognitionTranslation();
  const [reload, setReload] = useState(0);
  const state = useApi(
    async (signal) => {
      const [detail, me] = await Promise.all([recognitionApi.caseDetail(id, signal), recognitionApi.me(signal)]);
      return { ...detail, me };
    },
    [id, reload],
  );
  const refresh = () => setReload((n) => n + 1);
  const home = state.status === 'done' && state.data.me.organisation.id === state.data.case.organisationId;
  const assessor = state.status === 'done' && state.data.me.user.role === 'assessor';
  // The home organisation's advisor came from the person's qualifications; an assessor from their queue.
  const back = (
    <p className="back">
      {state.status === 'done' && home && !assessor ? (
        <Link href={`/caseload/${state.data.case.migrantId}/qualifications`}>
          {t('recognition.qualification.back')}
        </Link>
      ) : (
        <Link href="/recognition">{t('recognition.case.back')}</Link>
      )}
    </p>
  );
  if (state.status !== 'done')
    return (
      <section className="screen recognition" data-screen="recognition-case">
        {back}
        <LoadStatus state={state} />
      </section>
    );
  const d = state.data;
  const { case: c, qualification: q } = d;
  return (
    <article className="screen recognition" data-screen="recognition-case">
      {back}
      <p className="eyebrow">{t('recognition.case.eyebrow')}</p>
      <ScreenHeading title={`${d.displayName} · ${t('app.name')}`}>
        <span dir="auto">{d.displayName}</span>
      </ScreenHeading>
      {contentLanguage(i18n.language) !== i18n.language && <p className="notice">{t('explorer.labelsFallback')}</p>}
      {!home && c.referral && (
        <p className="notice" data-referred-from>
          {t('recognition.referral.referredFrom', { organisation: c.referral.homeOrganisationName })}
        </p>
      )}
      <section className="panel" aria-labelledby="as-written">
        <h2 id="as-written">{t('recognition.case.asWritten')}</h2>
        <p dir="auto">
          <strong>{q.originalTitle}</strong>
        </p>
        {q.titleTranslation && (
          <p dir="auto" className="muted">
            {q.titleTranslation}
          </p>
        )}
        <p>
          <span dir="auto">{place(q.awardingBody, q.country, i18n.language, t)}</span>
          {q.year ? ` · ${q.year}` : ''}
          {q.iscedField ? ` · ISCED-F ${q.iscedField}` : ''}
          {q.nationalFramework && q.nationalLevel ? ` · ${q.nationalFramework} ${q.nationalLevel}` : ''}
        </p>
        {q.referencedEqfLevel && (
          <p className="muted">{t('recognition.qualification.referenced', { level: q.referencedEqfLevel })}</p>
        )}
        <p>
          <span className={`badge status-${c.status}`}>{t(`recognition.statuses.${c.status}`)}</span>
        </p>
        {c.requestNote && <p dir="auto">{c.requestNote}</p>}
        {c.appealReason && c.status === 'appealed' && <p dir="auto">{c.appealReason}</p>}
        <h3>{t('recognition.case.documentsTitle')}</h3>
        {(q.documents ?? []).length === 0 ? (
          <p className="muted">{t('recognition.qualification.noDocuments')}</p>
        ) : (
          <ul>
            {(q.documents ?? []).map((doc) => (
              <li key={doc.id}>
                <a href={recognitionApi.documentUrl(doc.id)} target="_blank" rel="noreferrer" dir="auto">
                  {doc.fileName}
                </a>{' '}
                <span className="muted">· {t(`recognition.kinds.${doc.kind}`)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {home && !assessor && <ReferralPanel c={c} onSaved={refresh} />}
      {c.status !== 'decided' && assessor ? (
        <AssessForm d={d} onSaved={refresh} />
      ) : !c.documentsChecked && c.interview.length === 0 && !c.comparisonNote ? null : (
        <section className="panel" aria-labelledby="assess-title">
          <h2 id="assess-title">{t('recognition.case.assessTitle')}</h2>
          {c.documentsChecked && <p>✓ {t('recognition.case.documentsChecked')}</p>}
          {c.documentsNote && <p dir="auto">{c.documentsNote}</p>}
          {c.interview.map((n, i) => (
            <p key={i} dir="auto">
              <strong>{n.topic}</strong>: {n.note}
            </p>
          ))}
          {c.comparisonNote && <p dir="auto">{c.comparisonNote}</p>}
        </section>
      )}
      {/* RPL raises skills on the person's profile: the home organisation's assessors only. */}
      {home && assessor && <Rpl d={d} onChanged={refresh} mayStart={c.status !== 'decided'} />}
      {c.status === 'assessing' && assessor && <DecideForm d={d} onSaved={refresh} />}
      {c.status === 'decided' && (
        <section className="panel" aria-labelledby="decision-title">
          <h2 id="decision-title">{t('recognition.decision.title')}</h2>
          <DecisionView c={c} />
          {(assessor || d.me.user.role === 'org_admin') && <Reopen d={d} onSaved={refresh} />}
        </section>
      )}
      <section className="panel" aria-labelledby="history-title">
        <h2 id="history-title">{t('recognition.case.history')}</h2>
        <ol>
          {d.events.map((e, i) => (
            <li key={i}>
              {t(`recognition.case.steps.${e.step}`)} · {day(e.at, i18n.language)}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

function AssessForm({ d, onSaved }: { d: CaseDetail; onSaved(): void }) {
  const { t } = useRecognitionTranslation();
  const c = d.case;
  const [checked, setChecked] = useState(c.documentsChecked);
  const [docNote, setDocNote] = useState(c.documentsNote ?? '');
  const [topic, setTopic] = useState(c.interview[0]?.topic ?? '');
  const [note, setNote] = useState(c.interview[0]?.note ?? '');
  const [comparison, setComparison] = useState(c.comparisonNote ?? '');
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await recognitionApi.assess(c.id, {
        version: c.version,
        documentsChecked: checked,
        documentsNote: docNote.trim() || null,
        interview: topic.trim() ? [{ topic: topic.trim(), note: note.trim() }] : [],
        comparisonNote: comparison.trim() || null,
      });
      setStatus({ text: t('recognition.saved') });
      onSaved();
    } catch (err) {
      setStatus({ text: failure(err, t), error: true });
    }
  }
  return (
    <section className="panel" aria-labelledby="assess-title">
      <h2 id="assess-title">{t('recognition.case.assessTitle')}</h2>
      <form onSubmit={submit} noValidate>
        <div className="field check">
          <input id="docs-checked" type="checkbox" checked={checked} onChange={(e) => setChecked(e.target.checked)} />
          <label htmlFor="docs-checked">{t('recognition.case.documentsChecked')}</label>
        </div>
        <div className="field">
          <label htmlFor="docs-note">{t('recognition.case.documentsNote')}</label>
          <textarea id="docs-note" dir="auto" rows={2} value={docNote} onChange={(e) => setDocNote(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="interview-topic">{t('recognition.case.interviewTopic')}</label>
          <input type="text" id="interview-topic" dir="auto" value={topic} onChange={(e) => setTopic(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="interview-note">{t('recognition.case.interviewNote')}</label>
          <textarea id="interview-note" dir="auto" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="comparison">{t('recognition.case.comparison', { framework: c.destinationFramework })}</label>
          <textarea
            id="comparison"
            dir="auto"
            rows={3}
            value={comparison}
            onChange={(e) => setComparison(e.target.value)}
          />
        </div>
        <button type="submit">{t('recognition.case.saveAssessment')}</button>
        {status && <Status text={status.text} error={status.error} />}
      </form>
    </section>
  );
}

function Rpl({ d, onChanged, mayStart }: { d: CaseDetail; onChanged(): void; mayStart: boolean }) {
  const { t, i18n } = useRecognitionTranslation();
  const lang = contentLanguage(i18n.language);
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<SearchHit | null>(null);
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const suggest = useCallback(
    async (q: string, signal: AbortSignal) => (await api.search(q, 'occupation', lang, 8, signal)).results,
    [lang],
  );
  const open = d.assessments.find((a) => a.status === 'in_progress');
  async function start(e: FormEvent) {
    e.preventDefault();
    if (!picked) {
      setStatus({ text: t('recognition.required'), error: true });
      document.getElementById('rpl-occupation')?.focus();
      return;
    }
    try {
      await recognitionApi.startRpl(d.case.migrantId, picked.uri, d.case.id);
      setStatus(null);
      setPicked(null);
      setText('');
      onChanged();
    } catch (err) {
      setStatus({ text: failure(err, t), error: true });
    }
  }
  return (
    <section className="panel" aria-labelledby="rpl-title">
      <h2 id="rpl-title">{t('recognition.case.rplTitle')}</h2>
      <p>{t('recognition.case.rplIntro')}</p>
      {d.assessments.map((a) => (
        <Checklist key={`${a.id}-${a.version}`} a={a} onChanged={onChanged} />
      ))}
      {!open && mayStart && (
        <form onSubmit={start} noValidate>
          <Combobox<SearchHit>
            id="rpl-occupation"
            label={t('recognition.case.occupation')}
            value={text}
            onChange={(v) => {
              setText(v);
              setPicked(null);
            }}
            onPick={(hit) => {
              setPicked(hit);
              setText(hit.label);
            }}
            suggest={suggest}
            itemKey={(h) => h.uri}
            countMessage={(n) => t('explorer.suggestionCount', { count: n })}
            renderItem={(h) => (
              <span className="option-label" lang={lang} dir="auto">
                {h.label}
              </span>
            )}
          />
          <button type="submit">{t('recognition.case.startRpl')}</button>
        </form>
      )}
      {status && <Status text={status.text} error={status.error} />}
    </section>
  );
}

function Checklist({ a, onChanged }: { a: RplAssessment; onChanged(): void }) {
  const { t, i18n } = useRecognitionTranslation();
  const labels = useConceptLabels([a.occupationUri, ...a.skills.map((s) => s.skillUri)]);
  const [skills, setSkills] = useState<RplSkillBody[]>(() =>
    a.skills.map((s) => ({ ...s, method: known(METHODS, s.method), result: known(RESULTS, s.result) ?? 'pending' })),
  );
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const done = a.status === 'completed';
  const set = (i: number, patch: Partial<RplSkillBody>) =>
    setSkills((list) => list.map((s, k) => (k === i ? { ...s, ...patch } : s)));
  async function save(complete: boolean) {
    const bad = skills.findIndex((s) => s.result !== 'pending' && !s.method);
    if (bad >= 0) {
      setStatus({ text: t('recognition.required'), error: true });
      document.getElementById(`method-${a.id}-${bad}`)?.focus();
      return;
    }
    try {
      const saved = await recognitionApi.recordRpl(a.id, a.version, skills);
      if (complete) await recognitionApi.completeRpl(a.id, saved.version);
      setStatus({ text: t('recognition.saved') });
      onChanged();
    } catch (err) {
      setStatus({ text: failure(err, t), error: true });
    }
  }
  return (
    <div className="rpl-checklist" data-assessment={a.id}>
      <h3>
        <Concept uri={a.occupationUri} labels={labels} />
      </h3>
      {done && a.completedOn && (
        <p className="muted">
          {t('recognition.case.completed', { date: day(a.completedOn, i18n.language), name: a.assessorName })}
        </p>
      )}
      <table className="checklist">
        <thead>
          <tr>
            <th scope="col">{t('recognition.case.skill')}</th>
            <th scope="col" id={`method-head-${a.id}`}>
              {t('recognition.case.method')}
            </th>
            <th scope="col" id={`result-head-${a.id}`}>
              {t('recognition.case.result')}
            </th>
          </tr>
        </thead>
        <tbody>
          {skills.map((s, i) => (
            <tr key={s.skillUri} data-skill={s.skillUri}>
              <th scope="row" id={`skill-${a.id}-${i}`}>
                <Concept uri={s.skillUri} labels={labels} />
              </th>
              <td>
                {done ? (
                  s.method && t(`recognition.methods.${s.method}`)
                ) : (
                  <select
                    id={`method-${a.id}-${i}`}
                    aria-labelledby={`method-head-${a.id} skill-${a.id}-${i}`}
                    value={s.method ?? ''}
                    onChange={(e) => set(i, { method: known(METHODS, e.target.value) })}
                  >
                    <option value="">—</option>
                    {METHODS.map((m) => (
                      <option key={m} value={m}>
                        {t(`recognition.methods.${m}`)}
                      </option>
                    ))}
                  </select>
                )}
              </td>
              <td>
                {done ? (
                  t(`recognition.results.${s.result}`)
                ) : (
                  <select
                    id={`result-${a.id}-${i}`}
                    aria-labelledby={`result-head-${a.id} skill-${a.id}-${i}`}
                    value={s.result}
                    onChange={(e) => set(i, { result: known(RESULTS, e.target.value) ?? 'pending' })}
                  >
                    {RESULTS.map((r) => (
                      <option key={r} value={r}>
                        {t(`recognition.results.${r}`)}
                      </option>
                    ))}
                  </select>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!done && (
        <p className="actions">
          <button type="button" className="secondary" onClick={() => save(false)}>
            {t('recognition.case.saveRpl')}
          </button>{' '}
          <button type="button" onClick={() => save(true)}>
            {t('recognition.case.completeRpl')}
          </button>
        </p>
      )}
      {status && <Status text={status.text} error={status.error} />}
    </div>
  );
}

function DecideForm({ d, onSaved }: { d: CaseDetail; onSaved(): void }) {
  const { t } = useRecognitionTranslation();
  const c = d.case;
  const completed = d.assessments.filter((a) => a.status === 'completed');
  const occupations = [...new Set(completed.map((a) => a.occupationUri))];
  const notYet = [
    ...new Set(completed.flatMap((a) => a.skills.filter((s) => s.result === 'not_yet').map((s) => s.skillUri))),
  ];
  const labels = useConceptLabels([...occupations, ...notYet]);
  const [outcome, setOutcome] = useState<Outcome>('recognised');
  const [eqf, setEqf] = useState(String(d.qualification.referencedEqfLevel ?? ''));
  const [comparable, setComparable] = useState('');
  const [opens, setOpens] = useState<string[]>(occupations);
  const [missing, setMissing] = useState<string[]>([]);
  const [reasons, setReasons] = useState<Reason[]>([]);
  const [note, setNote] = useState('');
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const recognised = outcome === 'recognised' || outcome === 'partially_recognised';
  const toggle = <T extends string>(list: T[], set: (v: T[]) => void, v: T) =>
    set(list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (recognised && !eqf) {
      setStatus({ text: t('recognition.required'), error: true });
      document.getElementById('decide-eqf')?.focus();
      return;
    }
    try {
      await recognitionApi.decide(c.id, {
        version: c.version,
        outcome,
        ...(recognised
          ? { eqfLevel: Number(eqf), comparableQualification: comparable.trim() || null, occupationUris: opens }
          : {}),
        ...(outcome === 'partially_recognised' ? { missingSkills: missing } : {}),
        ...(outcome !== 'recognised' ? { reasons } : {}),
        note: note.trim() || null,
      });
      setStatus({ text: t('recognition.case.decided') });
      onSaved();
    } catch (err) {
      setStatus({ text: failure(err, t), error: true });
    }
  }
  return (
    <section className="panel" aria-labelledby="decide-title">
      <h2 id="decide-title">{t('recognition.case.decideTitle')}</h2>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('recognition.case.outcome')}</legend>
          {OUTCOMES.map((o) => (
            <div className="field check" key={o}>
              <input
                id={`outcome-${o}`}
                type="radio"
                name="outcome"
                value={o}
                checked={outcome === o}
                onChange={() => setOutcome(o)}
              />
              <label htmlFor={`outcome-${o}`}>{t(`recognition.outcomes.${o}`)}</label>
            </div>
          ))}
        </fieldset>
        {recognised && (
          <>
            <div className="field">
              <label htmlFor="decide-eqf">{t('recognition.case.eqfLevel')}</label>
              <select id="decide-eqf" value={eqf} onChange={(e) => setEqf(e.target.value)}>
                <option value="">—</option>
                {[1, 2, 3, 4, 5, 6, 7, 8].map((l) => (
                  <option key={l} value={l}>
                    {t('recognition.eqf', { level: l })}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="decide-comparable">{t('recognition.case.comparable')}</label>
              <input
                type="text"
                id="decide-comparable"
                dir="auto"
                value={comparable}
                onChange={(e) => setComparable(e.target.value)}
              />
            </div>
            {occupations.length > 0 && (
              <fieldset>
                <legend>{t('recognition.case.occupationsFromRpl')}</legend>
                {occupations.map((u) => (
                  <div className="field check" key={u}>
                    <input
                      id={`opens-${u}`}
                      type="checkbox"
                      checked={opens.includes(u)}
                      onChange={() => toggle(opens, setOpens, u)}
                    />
                    <label htmlFor={`opens-${u}`}>
                      <Concept uri={u} labels={labels} />
                    </label>
                  </div>
                ))}
              </fieldset>
            )}
          </>
        )}
        {outcome === 'partially_recognised' && notYet.length > 0 && (
          <fieldset>
            <legend>{t('recognition.case.missingSkills')}</legend>
            {notYet.map((u) => (
              <div className="field check" key={u}>
                <input
                  id={`missing-${u}`}
                  type="checkbox"
                  checked={missing.includes(u)}
                  onChange={() => toggle(missing, setMissing, u)}
                />
                <label htmlFor={`missing-${u}`}>
                  <Concept uri={u} labels={labels} />
                </label>
              </div>
            ))}
          </fieldset>
        )}
        {outcome !== 'recognised' && (
          <fieldset>
            <legend>{t('recognition.case.reasons')}</legend>
            {REASONS.map((r) => (
              <div className="field check" key={r}>
                <input
                  id={`reason-${r}`}
                  type="checkbox"
                  checked={reasons.includes(r)}
                  onChange={() => toggle(reasons, setReasons, r)}
                />
                <label htmlFor={`reason-${r}`}>{t(`recognition.reasons.${r}`)}</label>
              </div>
            ))}
          </fieldset>
        )}
        <div className="field">
          <label htmlFor="decide-note">{t('recognition.case.note')}</label>
          <textarea id="decide-note" dir="auto" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <button type="submit">{t('recognition.case.decide')}</button>
        {status && <Status text={status.text} error={status.error} />}
      </form>
    </section>
  );
}

function Reopen({ d, onSaved }: { d: CaseDetail; onSaved(): void }) {
  const { t } = useRecognitionTranslation();
  const [reason, setReason] = useState('');
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) {
      setStatus({ text: t('recognition.required'), error: true });
      document.getElementById('reopen-reason')?.focus();
      return;
    }
    try {
      await recognitionApi.reopen(d.case.id, d.case.version, reason.trim());
      onSaved();
    } catch (err) {
      setStatus({ text: failure(err, t), error: true });
    }
  }
  return (
    <form onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="reopen-reason">{t('recognition.case.reopenReason')}</label>
        <input type="text" id="reopen-reason" dir="auto" value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <button type="submit" className="secondary">
        {t('recognition.case.reopen')}
      </button>
      {status && <Status text={status.text} error={status.error} />}
    </form>
  );
}

/** The home organisation refers the case to an assessing organisation, with the person's consent, or withdraws it. */
function ReferralPanel({ c, onSaved }: { c: RecognitionCase; onSaved(): void }) {
  const { t, i18n } = useRecognitionTranslation();
  const organisations = useApi((signal) => recognitionApi.organisations(signal), []);
  const [target, setTarget] = useState('');
  const [consent, setConsent] = useState(false);
  const [note, setNote] = useState('');
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const active = c.referral?.status === 'active' ? c.referral : null;
  const fail = (text: string, field: string) => {
    setStatus({ text, error: true });
    document.getElementById(field)?.focus();
  };
  async function refer(e: FormEvent) {
    e.preventDefault();
    if (!target) return fail(t('recognition.referral.chooseOrganisation'), 'referral-organisation');
    if (!consent) return fail(t('recognition.referral.consentRequired'), 'referral-consent');
    try {
      await recognitionApi.refer(c.id, { organisationId: target, consent: true, ...(note.trim() ? { note } : {}) });
      setStatus({ text: t('recognition.referral.referred') });
      onSaved();
    } catch (err) {
      fail(failure(err, t), 'referral-organisation');
    }
  }
  async function withdraw() {
    try {
      await recognitionApi.withdrawReferral(c.id);
      setStatus({ text: t('recognition.referral.withdrawn') });
      onSaved();
    } catch (err) {
      setStatus({ text: failure(err, t), error: true });
    }
  }
  // Employers and recruitment agencies never assess (the server refuses them too).
  const choices =
    organisations.status === 'done'
      ? organisations.data.organisations.filter(
          (o) => o.id !== c.organisationId && o.type !== 'employer' && o.type !== 'recruitment_agency',
        )
      : [];
  return (
    <section className="panel" aria-labelledby="referral-title">
      <h2 id="referral-title">{t('recognition.referral.title')}</h2>
      {active ? (
        <>
          <p data-referral="active">
            {t('recognition.referral.activeTo', {
              organisation: active.assessingOrganisationName,
              date: day(active.referredAt, i18n.language),
            })}
          </p>
          {!active.consentInForce && <p className="notice">{t('recognition.referral.consentWithdrawn')}</p>}
          <button type="button" className="secondary" onClick={withdraw}>
            {t('recognition.referral.withdraw')}
          </button>
        </>
      ) : c.status === 'decided' ? (
        <p className="muted">{t('recognition.referral.decided')}</p>
      ) : (
        <form onSubmit={refer} noValidate>
          <p>{t('recognition.referral.intro')}</p>
          <LoadStatus state={organisations} />
          <div className="field">
            <label htmlFor="referral-organisation">{t('recognition.referral.organisation')}</label>
            <select
              id="referral-organisation"
              value={target}
              onChange={(e) => setTarget(e.target.value)}
              aria-invalid={status?.error && !target ? true : undefined}
            >
              <option value="">{t('recognition.referral.chooseOrganisation')}</option>
              {choices.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field checkbox">
            <input
              id="referral-consent"
              type="checkbox"
              checked={consent}
              onChange={(e) => setConsent(e.target.checked)}
              aria-invalid={status?.error && target && !consent ? true : undefined}
            />
            <label htmlFor="referral-consent">{t('recognition.referral.consent')}</label>
          </div>
          <div className="field">
            <label htmlFor="referral-note">
              {t('recognition.referral.note')} <span className="muted">{t('recognition.optional')}</span>
            </label>
            <textarea id="referral-note" dir="auto" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <button type="submit">{t('recognition.referral.submit')}</button>
        </form>
      )}
      {c.referral?.status === 'withdrawn' && !active && (
        <p className="muted">
          {t('recognition.referral.wasWithdrawn', { organisation: c.referral.assessingOrganisationName })}
        </p>
      )}
      {status && <Status text={status.text} error={status.error} />}
    </section>
  );
}
