// A person's case, as their advisor works it (Primero's path: assessment → plan → referral → follow-up → outcome):
// the vulnerability screening (confidential), referrals, follow-ups, the action plan, outcomes (a placement closes
// the vacancy's post and takes the person out of matching), the fee log, and handing the case on.
import { useState, type FormEvent } from 'react';
import { api, request, type SearchHit } from '../api.js';
import { ScreenHeading } from '../components/Heading.js';
import { CountrySelect, OccupationCombobox } from '../components/Fields.js';
import { LoadStatus } from '../components/LoadStatus.js';
import { Link } from '../components/Link.js';
import { DetailPending } from '../components/Concept.js';
import { useApi } from '../useApi.js';
import { SERVICE_CATEGORIES } from '../../protection/browser.js';
import { protectionApi, type CaseView } from './api.js';
import { FeeLogPanel, Field } from './FeeLog.js';
import { useProtectionTranslation } from './messages.js';
import { day, failure, money, Status, today, useLatest } from './parts.js';
import { ReportList, ScreeningForm, ScreeningRecord } from './Screening.js';

export function casePath(migrantId: string): string {
  return `/caseload/${migrantId}/case`;
}

type Refresh = () => void;

export default function CaseScreen({ id, userId }: { id: string; userId: string }) {
  const { t } = useProtectionTranslation();
  const [reload, setReload] = useState(0);
  const refresh = () => setReload((n) => n + 1);
  const state = useApi((signal) => protectionApi.caseView(id, signal), [id, reload]);
  const back = (
    <p className="back">
      <Link href={`/caseload/${id}`}>{t('protection.back')}</Link>
    </p>
  );
  const v = useLatest(state);
  if (!v) return <DetailPending state={state} title={t('protection.eyebrow')} back={back} screen="case" />;
  return (
    <article className="screen case" data-screen="case">
      {back}
      <p className="eyebrow">{t('protection.eyebrow')}</p>
      <ScreenHeading title={`${t('protection.eyebrow')}: ${v.displayName} · ${t('app.name')}`}>
        <span dir="auto">{v.displayName}</span>
      </ScreenHeading>
      {state.status === 'error' && <LoadStatus state={state} />}
      <Lead view={v} userId={userId} />
      <ScreeningSection migrantId={id} view={v} refresh={refresh} reload={reload} />
      <Referrals migrantId={id} view={v} refresh={refresh} />
      <FollowUps migrantId={id} view={v} refresh={refresh} />
      <Goals migrantId={id} view={v} refresh={refresh} />
      <Outcomes migrantId={id} view={v} refresh={refresh} />
      <FeeLogPanel migrantId={id} />
      <Transfer migrantId={id} refresh={refresh} />
    </article>
  );
}

function Lead({ view, userId }: { view: CaseView; userId: string }) {
  const { t } = useProtectionTranslation();
  const colleagues = useApi((signal) => protectionApi.colleagues(signal), []);
  if (!view.case) return <p className="muted">{t('protection.noCase')}</p>;
  const lead = view.case.leadAdvisorId;
  if (!lead) return <p>{t('protection.unassigned')}</p>;
  if (lead === userId) return <p>{t('protection.ledByYou')}</p>;
  const name = colleagues.status === 'done' ? colleagues.data.items.find((c) => c.id === lead)?.name : undefined;
  return <p>{t('protection.ledBy', { name: name ?? '…' })}</p>;
}

function FollowUps({ migrantId, view, refresh }: { migrantId: string; view: CaseView; refresh: Refresh }) {
  const { t, i18n } = useProtectionTranslation();
  const lang = i18n.language;
  const [due, setDue] = useState('');
  const [purpose, setPurpose] = useState('');
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!due || !purpose.trim()) {
      setStatus({ text: t('protection.required'), error: true });
      document.getElementById(due ? 'followup-purpose' : 'followup-due')?.focus();
      return;
    }
    try {
      const f = await protectionApi.scheduleFollowUp(migrantId, { dueDate: due, purpose: purpose.trim() });
      setStatus({ text: t('protection.followUps.scheduled', { date: day(f.dueDate, lang) }) });
      setPurpose('');
      refresh();
    } catch (err) {
      setStatus({ text: failure(err, t), error: true });
    }
  }
  return (
    <section aria-labelledby="followups-title" className="panel" data-part="follow-ups">
      <h2 id="followups-title">{t('protection.followUps.title')}</h2>
      {view.followUps.length === 0 ? (
        <p className="muted">{t('protection.none')}</p>
      ) : (
        <ul className="cards">
          {view.followUps.map((f) => (
            <li key={f.id} className="card">
              <div className="card-title">
                <span dir="auto">{f.purpose}</span>
                {f.overdue && <span className="badge rejected">{t('protection.followUps.overdue')}</span>}
                {f.doneAt && <span className="badge confirmed">{t('protection.followUps.done')}</span>}
              </div>
              <p>{day(f.dueDate, lang)}</p>
              {!f.doneAt && (
                <button
                  type="button"
                  className="secondary"
                  aria-label={`${t('protection.followUps.markDone')}: ${f.purpose}`}
                  onClick={() =>
                    protectionApi
                      .completeFollowUp(f.id, f.version, '')
                      .then(refresh, (err: unknown) => setStatus({ text: failure(err, t), error: true }))
                  }
                >
                  {t('protection.followUps.markDone')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate>
        <div className="field-row">
          <div className="field">
            <label htmlFor="followup-due">{t('protection.followUps.due')}</label>
            <input
              id="followup-due"
              type="date"
              value={due}
              aria-describedby="followup-due-hint"
              onChange={(e) => setDue(e.target.value)}
            />
            <p id="followup-due-hint" className="hint">
              {t('protection.followUps.pastHint')}
            </p>
          </div>
          <div className="field">
            <label htmlFor="followup-purpose">{t('protection.followUps.purpose')}</label>
            <input
              id="followup-purpose"
              type="text"
              dir="auto"
              value={purpose}
              onChange={(e) => setPurpose(e.target.value)}
            />
          </div>
        </div>
        <button type="submit">{t('protection.followUps.schedule')}</button>
        {status && <Status text={status.text} error={status.error} />}
      </form>
    </section>
  );
}

function ScreeningSection(props: { migrantId: string; view: CaseView; refresh: Refresh; reload: number }) {
  const { t } = useProtectionTranslation();
  const { view } = props;
  // Someone may screen when the case has no advisor yet (they take it) or they read its confidential part.
  const mayScreen = !view.case || view.case.advisorIds.length === 0 || view.mayReadScreening;
  const record = useApi(
    (signal) =>
      view.mayReadScreening && (view.screenings.length > 0 || view.reports > 0)
        ? protectionApi.confidential(props.migrantId, signal)
        : Promise.resolve(null),
    [props.migrantId, view.mayReadScreening, view.screenings.length, view.reports, props.reload],
  );
  const [open, setOpen] = useState(false);
  return (
    <section aria-labelledby="screening-title" className="panel" data-part="screening">
      <h2 id="screening-title">{t('protection.screening.title')}</h2>
      <p>{t('protection.screening.intro')}</p>
      <p className="notice">{t('protection.screening.confidential')}</p>
      {!mayScreen && <p className="muted">{t('protection.screening.notAllowed')}</p>}
      {mayScreen && (
        <p>
          <button type="button" aria-expanded={open} aria-controls="screening-form" onClick={() => setOpen((o) => !o)}>
            {t('protection.screening.start')}
          </button>
        </p>
      )}
      <div id="screening-form" hidden={!open}>
        {open && <ScreeningForm migrantId={props.migrantId} onRecorded={props.refresh} />}
      </div>
      {record.status === 'error' && <LoadStatus state={record} />}
      {record.status === 'done' && record.data && record.data.reports.length > 0 && (
        <>
          <h3>{t('protection.reports.title')}</h3>
          <ReportList reports={record.data.reports} />
        </>
      )}
      {record.status === 'done' && record.data && record.data.screenings.length > 0 && (
        <>
          <h3>{t('protection.screening.past')}</h3>
          <ScreeningRecord screenings={record.data.screenings} headingLevel={3} />
        </>
      )}
    </section>
  );
}

function Referrals({ migrantId, view, refresh }: { migrantId: string; view: CaseView; refresh: Refresh }) {
  const { t, i18n } = useProtectionTranslation();
  const lang = i18n.language;
  const services = useApi((signal) => protectionApi.services(signal), []);
  const [category, setCategory] = useState<string>('legal-aid');
  const [serviceId, setServiceId] = useState('');
  const [urgent, setUrgent] = useState(false);
  const [note, setNote] = useState('');
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const inCategory = services.status === 'done' ? services.data.items.filter((s) => s.category === category) : [];
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await protectionApi.refer(migrantId, {
        category,
        serviceId: serviceId || null,
        urgent,
        note: note.trim() || null,
      });
      setStatus({ text: t('protection.referrals.sent') });
      setNote('');
      refresh();
    } catch (err) {
      setStatus({ text: failure(err, t), error: true });
    }
  }
  return (
    <section aria-labelledby="referrals-title" className="panel" data-part="referrals">
      <h2 id="referrals-title">{t('protection.referrals.title')}</h2>
      {view.referrals.length === 0 ? (
        <p className="muted">{t('protection.none')}</p>
      ) : (
        <ul className="cards">
          {view.referrals.map((r) => (
            <li key={r.id} className="card" data-category={r.category}>
              <div className="card-title">
                <span>{t(`protection.referrals.categories.${r.category}`)}</span>
                {r.urgent && <span className="badge rejected">{t('protection.referrals.urgent')}</span>}
                <span className="badge">{t(`protection.referrals.statuses.${r.status}`)}</span>
              </div>
              <p>
                {r.serviceName ? <span dir="auto">{r.serviceName}</span> : t('protection.referrals.noService')}
                {' · '}
                {day(r.createdAt.slice(0, 10), lang)}
                {r.source === 'screening' && <> · {t('protection.referrals.fromScreening')}</>}
              </p>
              <label className="visually-hidden" htmlFor={`referral-${r.id}`}>
                {t('protection.referrals.change')}: {t(`protection.referrals.categories.${r.category}`)}
              </label>
              <select
                id={`referral-${r.id}`}
                value=""
                onChange={(e) =>
                  e.target.value &&
                  protectionApi
                    .referralStatus(r.id, r.version, e.target.value)
                    .then(refresh, (err: unknown) => setStatus({ text: failure(err, t), error: true }))
                }
              >
                <option value="">{t('protection.referrals.change')}</option>
                {(['sent', 'accepted', 'completed', 'declined'] as const)
                  .filter((s) => s !== r.status)
                  .map((s) => (
                    <option key={s} value={s}>
                      {t(`protection.referrals.statuses.${s}`)}
                    </option>
                  ))}
              </select>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate>
        <div className="field-row">
          <div className="field">
            <label htmlFor="referral-category">{t('protection.referrals.category')}</label>
            <select
              id="referral-category"
              value={category}
              onChange={(e) => {
                setCategory(e.target.value);
                setServiceId('');
              }}
            >
              {SERVICE_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`protection.referrals.categories.${c}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="referral-service">{t('protection.referrals.service')}</label>
            <select id="referral-service" value={serviceId} onChange={(e) => setServiceId(e.target.value)}>
              <option value="">{t('protection.referrals.noService')}</option>
              {inCategory.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="field">
          <label htmlFor="referral-note">
            {t('protection.note')} {t('protection.optional')}
          </label>
          <input id="referral-note" type="text" dir="auto" value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <label className="choice">
          <input type="checkbox" checked={urgent} onChange={(e) => setUrgent(e.target.checked)} />{' '}
          {t('protection.referrals.urgent')}
        </label>
        <p>
          <button type="submit">{t('protection.referrals.refer')}</button>
        </p>
        {status && <Status text={status.text} error={status.error} />}
      </form>
    </section>
  );
}

function Goals({ migrantId, view, refresh }: { migrantId: string; view: CaseView; refresh: Refresh }) {
  const { t, i18n } = useProtectionTranslation();
  const lang = i18n.language;
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('person');
  const [due, setDue] = useState('');
  const [steps, setSteps] = useState('');
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!title.trim()) {
      setStatus({ text: t('protection.required'), error: true });
      document.getElementById('goal-title')?.focus();
      return;
    }
    try {
      await protectionApi.saveGoal(migrantId, {
        title: title.trim(),
        owner,
        dueDate: due || null,
        steps: steps
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean)
          .map((text) => ({ text, done: false })),
      });
      setStatus({ text: t('protection.goals.added') });
      setTitle('');
      setSteps('');
      refresh();
    } catch (err) {
      setStatus({ text: failure(err, t), error: true });
    }
  }
  return (
    <section aria-labelledby="goals-title" className="panel" data-part="goals">
      <h2 id="goals-title">{t('protection.goals.title')}</h2>
      {view.goals.length === 0 ? (
        <p className="muted">{t('protection.none')}</p>
      ) : (
        <ul className="cards">
          {view.goals.map((g) => (
            <li key={g.id} className="card">
              <div className="card-title">
                <span dir="auto">{g.title}</span>
                <span className="badge">{t(`protection.goals.statuses.${g.status}`)}</span>
              </div>
              <p>
                {t(`protection.goals.owners.${g.owner}`)}
                {g.dueDate && <> · {day(g.dueDate, lang)}</>}
                {g.steps.length > 0 && (
                  <>
                    {' '}
                    ·{' '}
                    {t('protection.goals.stepsDone', {
                      done: g.steps.filter((s) => s.done).length,
                      count: g.steps.length,
                    })}
                  </>
                )}
              </p>
              {g.steps.length > 0 && (
                <ol>
                  {g.steps.map((s, i) => (
                    <li key={i} dir="auto">
                      {s.text}
                    </li>
                  ))}
                </ol>
              )}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="goal-title">{t('protection.goals.goal')}</label>
          <input id="goal-title" type="text" dir="auto" value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="goal-owner">{t('protection.goals.owner')}</label>
            <select id="goal-owner" value={owner} onChange={(e) => setOwner(e.target.value)}>
              {(['person', 'advisor', 'partner'] as const).map((o) => (
                <option key={o} value={o}>
                  {t(`protection.goals.owners.${o}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="goal-due">
              {t('protection.goals.due')} {t('protection.optional')}
            </label>
            <input id="goal-due" type="date" value={due} onChange={(e) => setDue(e.target.value)} />
          </div>
        </div>
        <div className="field">
          <label htmlFor="goal-steps">{t('protection.goals.steps')}</label>
          <textarea id="goal-steps" dir="auto" rows={3} value={steps} onChange={(e) => setSteps(e.target.value)} />
        </div>
        <button type="submit">{t('protection.goals.add')}</button>
        {status && <Status text={status.text} error={status.error} />}
      </form>
    </section>
  );
}

const CONTRACTS = ['permanent', 'fixed-term', 'seasonal', 'temporary-agency', 'apprenticeship', 'casual'] as const;

function Outcomes({ migrantId, view, refresh }: { migrantId: string; view: CaseView; refresh: Refresh }) {
  const { t, i18n } = useProtectionTranslation();
  const lang = i18n.language;
  const vacancies = useApi((signal) => api.vacancies(signal), []);
  const [kind, setKind] = useState<string>('employed');
  const [date, setDate] = useState(today());
  const [vacancyId, setVacancyId] = useState('');
  const [employer, setEmployer] = useState('');
  const [occupationText, setOccupationText] = useState('');
  const [occupation, setOccupation] = useState<SearchHit | null>(null);
  const [contract, setContract] = useState<string>('permanent');
  const [wage, setWage] = useState('');
  const [currency, setCurrency] = useState('EUR');
  const [training, setTraining] = useState('');
  const [returnedTo, setReturnedTo] = useState('');
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const open = vacancies.status === 'done' ? vacancies.data.items.filter((v) => v.status === 'open') : [];
  const chosen = open.find((v) => v.id === vacancyId);

  async function pickVacancy(id: string) {
    setVacancyId(id);
    const v = open.find((x) => x.id === id);
    if (!v) return;
    setContract(v.contractType);
    if (v.wage && v.wage.period === 'month') {
      setWage(String(v.wage.amount));
      setCurrency(v.wage.currency);
    }
    const org = await request<{ name: string }>(
      'GET',
      `/organisations/${encodeURIComponent((v as { organisationId?: string }).organisationId ?? '')}`,
    ).catch(() => null);
    if (org) setEmployer(org.name);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (date > today()) {
      setStatus({ text: t('protection.errors.future'), error: true });
      document.getElementById('outcome-date')?.focus();
      return;
    }
    const body: Record<string, unknown> = { kind, date };
    if (kind === 'employed') {
      const occupationUri = chosen?.occupationUri ?? occupation?.uri;
      if (!employer.trim() || !occupationUri) {
        setStatus({ text: t('protection.required'), error: true });
        document.getElementById(employer.trim() ? 'outcome-occupation' : 'outcome-employer')?.focus();
        return;
      }
      body.employment = {
        vacancyId: vacancyId || null,
        employerName: employer.trim(),
        occupationUri,
        sector: chosen?.sector ?? null,
        contractType: contract,
        wage: wage ? { amount: Number(wage), currency: currency.toUpperCase(), period: 'month' } : null,
      };
    }
    if (kind.startsWith('training')) body.training = { title: training.trim() };
    if (kind === 'returned') body.returnedTo = returnedTo;
    try {
      const o = await protectionApi.recordOutcome(migrantId, body);
      const parts = [
        kind === 'employed' || kind === 'returned'
          ? t('protection.outcomes.recorded')
          : t('protection.outcomes.recordedOther'),
      ];
      if (o.vacancyClosed === true) parts.push(t('protection.outcomes.vacancyClosed'));
      if (o.vacancyClosed === false) parts.push(t('protection.outcomes.vacancyOpen'));
      setStatus({ text: parts.join(' ') });
      setVacancyId('');
      refresh();
    } catch (err) {
      setStatus({ text: failure(err, t), error: true });
    }
  }

  return (
    <section aria-labelledby="outcomes-title" className="panel" data-part="outcomes">
      <h2 id="outcomes-title">{t('protection.outcomes.title')}</h2>
      {view.outcomes.length === 0 ? (
        <p className="muted">{t('protection.none')}</p>
      ) : (
        <ul className="cards">
          {view.outcomes.map((o) => (
            <li key={o.id} className="card">
              <div className="card-title">
                <span>{t(`protection.outcomes.kinds.${o.kind}`)}</span>
                <span className="muted">{day(o.date, lang)}</span>
              </div>
              {o.employment && (
                <p dir="auto">
                  {o.employment.employerName} · {t(`protection.outcomes.contracts.${o.employment.contractType}`)}
                  {o.employment.wage && <> · {money(o.employment.wage.amount, o.employment.wage.currency, lang)}</>}
                </p>
              )}
              {o.training && <p dir="auto">{o.training.title}</p>}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate>
        <div className="field-row">
          <div className="field">
            <label htmlFor="outcome-kind">{t('protection.outcomes.kind')}</label>
            <select id="outcome-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
              {(['employed', 'training-started', 'training-completed', 'returned', 'lost-contact'] as const).map(
                (k) => (
                  <option key={k} value={k}>
                    {t(`protection.outcomes.kinds.${k}`)}
                  </option>
                ),
              )}
            </select>
          </div>
          <div className="field">
            <label htmlFor="outcome-date">{t('protection.date')}</label>
            <input id="outcome-date" type="date" max={today()} value={date} onChange={(e) => setDate(e.target.value)} />
          </div>
        </div>
        {kind === 'employed' && (
          <>
            <div className="field">
              <label htmlFor="outcome-vacancy">{t('protection.outcomes.vacancy')}</label>
              <select id="outcome-vacancy" value={vacancyId} onChange={(e) => void pickVacancy(e.target.value)}>
                <option value="">{t('protection.outcomes.noVacancy')}</option>
                {open.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.title}
                  </option>
                ))}
              </select>
            </div>
            <Field id="outcome-employer" label={t('protection.outcomes.employer')}>
              <input
                id="outcome-employer"
                type="text"
                dir="auto"
                value={employer}
                onChange={(e) => setEmployer(e.target.value)}
              />
            </Field>
            {!chosen && (
              <OccupationCombobox
                id="outcome-occupation"
                label={t('protection.outcomes.occupation')}
                value={occupationText}
                onChange={(text, hit) => {
                  setOccupationText(text);
                  setOccupation(hit);
                }}
              />
            )}
            <div className="field-row">
              <div className="field">
                <label htmlFor="outcome-contract">{t('protection.outcomes.contract')}</label>
                <select id="outcome-contract" value={contract} onChange={(e) => setContract(e.target.value)}>
                  {CONTRACTS.map((c) => (
                    <option key={c} value={c}>
                      {t(`protection.outcomes.contracts.${c}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="outcome-wage">
                  {t('protection.outcomes.wage')} {t('protection.optional')}
                </label>
                <input
                  id="outcome-wage"
                  type="number"
                  dir="ltr"
                  inputMode="decimal"
                  value={wage}
                  onChange={(e) => setWage(e.target.value)}
                />
              </div>
              <div className="field">
                <label htmlFor="outcome-currency">{t('protection.outcomes.currency')}</label>
                <input
                  id="outcome-currency"
                  type="text"
                  dir="ltr"
                  maxLength={3}
                  value={currency}
                  onChange={(e) => setCurrency(e.target.value.toUpperCase())}
                />
              </div>
            </div>
          </>
        )}
        {kind.startsWith('training') && (
          <div className="field">
            <label htmlFor="outcome-training">{t('protection.outcomes.trainingTitle')}</label>
            <input
              id="outcome-training"
              type="text"
              dir="auto"
              value={training}
              onChange={(e) => setTraining(e.target.value)}
            />
          </div>
        )}
        {kind === 'returned' && (
          <div className="field">
            <label htmlFor="outcome-returned">{t('protection.outcomes.returnedTo')}</label>
            <CountrySelect
              id="outcome-returned"
              placeholder={t('protection.transfer.choose')}
              value={returnedTo}
              onChange={setReturnedTo}
            />
          </div>
        )}
        <button type="submit">{t('protection.outcomes.record')}</button>
        {status && <Status text={status.text} error={status.error} />}
      </form>
    </section>
  );
}

function Transfer({ migrantId, refresh }: { migrantId: string; refresh: Refresh }) {
  const { t } = useProtectionTranslation();
  const colleagues = useApi((signal) => protectionApi.colleagues(signal), []);
  const orgs = useApi(
    (signal) => request<{ organisations: { id: string; name: string }[] }>('GET', '/organisations', { signal }),
    [],
  );
  const [to, setTo] = useState('');
  const [toOrg, setToOrg] = useState('');
  const [agreed, setAgreed] = useState(false);
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!agreed) {
      setStatus({ text: t('protection.required'), error: true });
      document.getElementById('transfer-agreed')?.focus();
      return;
    }
    try {
      await protectionApi.transfer(migrantId, {
        toAdvisorId: to || null,
        toOrganisationId: to ? null : toOrg || null,
        personAgreed: true,
      });
      setStatus({ text: t('protection.transfer.done') });
      refresh();
    } catch (err) {
      setStatus({ text: failure(err, t), error: true });
    }
  }
  return (
    <section aria-labelledby="transfer-title" className="panel" data-part="transfer">
      <h2 id="transfer-title">{t('protection.transfer.title')}</h2>
      <form onSubmit={submit} noValidate>
        <div className="field-row">
          <div className="field">
            <label htmlFor="transfer-advisor">{t('protection.transfer.toAdvisor')}</label>
            <select id="transfer-advisor" value={to} onChange={(e) => setTo(e.target.value)}>
              <option value="">{t('protection.transfer.choose')}</option>
              {colleagues.status === 'done' &&
                colleagues.data.items.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="transfer-org">{t('protection.transfer.toOrganisation')}</label>
            <select id="transfer-org" value={toOrg} onChange={(e) => setToOrg(e.target.value)} disabled={!!to}>
              <option value="">{t('protection.transfer.choose')}</option>
              {orgs.status === 'done' &&
                orgs.data.organisations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
            </select>
          </div>
        </div>
        <label className="choice">
          <input
            id="transfer-agreed"
            type="checkbox"
            checked={agreed}
            aria-describedby="transfer-hint"
            onChange={(e) => setAgreed(e.target.checked)}
          />{' '}
          {t('protection.transfer.agreed')}
        </label>
        <p id="transfer-hint" className="hint">
          {t('protection.transfer.agreedHint')}
        </p>
        <button type="submit">{t('protection.transfer.submit')}</button>
        {status && <Status text={status.text} error={status.error} />}
      </form>
    </section>
  );
}
