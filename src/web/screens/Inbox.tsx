// The inbox (issue 10): contact requests as each party sees them. The employer reads the answers (and the details
// the person chose, while they still share their profile); the person answers and chooses what to give; their
// advisor answers for them only when told, and records the placement that followed. Opening it marks it read.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';
import { ScreenHeading } from '../components/Heading.js';
import { Link } from '../components/Link.js';
import { contactApi, refreshUnread, type ContactRequest, type SharedContact } from '../contact.js';
import { errorKey } from '../errors.js';
import { formatDate } from '../i18n.js';
import { contractKey } from '../vacancies.js';

const CONTRACTS = ['permanent', 'fixed-term', 'seasonal', 'temporary-agency', 'apprenticeship', 'casual'];
const today = () => new Date().toISOString().slice(0, 10);

type Errors = Record<string, string>;

/** Field messages next to their fields, focus on the first. */
function useErrors() {
  const [errors, setErrors] = useState<Errors>({});
  const fail = (next: Errors) => {
    setErrors(next);
    const first = Object.keys(next)[0];
    if (first) setTimeout(() => document.getElementById(first)?.focus(), 0);
    return first !== undefined;
  };
  const props = (id: string) =>
    errors[id] ? { id, 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : { id };
  const message = (id: string) =>
    errors[id] ? (
      <p id={`${id}-error`} className="error">
        {errors[id]}
      </p>
    ) : null;
  return { errors, fail, props, message };
}

export default function InboxScreen({ role }: { role: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<
    { status: 'loading' } | { status: 'error'; key: string } | { status: 'done'; requests: ContactRequest[] }
  >({ status: 'loading' });

  useEffect(() => {
    const ctrl = new AbortController();
    contactApi.inbox(ctrl.signal).then(
      (r) => {
        if (ctrl.signal.aborted) return;
        setState({ status: 'done', requests: r.requests });
        // Shown now: read (the badges stay on this visit so the person sees what was new).
        if (r.unread > 0) contactApi.seen().then(refreshUnread, () => undefined);
      },
      (err: unknown) => {
        if (!ctrl.signal.aborted) setState({ status: 'error', key: errorKey(err) });
      },
    );
    return () => ctrl.abort();
  }, []);

  const replace = (next: ContactRequest) =>
    setState((s) =>
      s.status === 'done' ? { ...s, requests: s.requests.map((r) => (r.id === next.id ? next : r)) } : s,
    );
  const intro = role === 'migrant' ? 'migrant' : role === 'employer' ? 'employer' : 'holder';
  return (
    <section className="screen inbox" data-screen="inbox">
      <ScreenHeading title={`${t('contact.inboxTitle')} · ${t('app.name')}`}>{t('contact.inboxTitle')}</ScreenHeading>
      <p>{t(`contact.intro_${intro}`)}</p>
      {state.status === 'loading' && <p role="status">{t('app.loading')}</p>}
      {state.status === 'error' && (
        <p role="alert" className="error">
          {t(state.key)}
        </p>
      )}
      {state.status === 'done' &&
        (state.requests.length === 0 ? (
          <p className="muted">{t('contact.empty')}</p>
        ) : (
          <ul className="cards requests">
            {state.requests.map((r, i) => (
              <RequestCard key={r.id} request={r} id={`req-${i}`} onChange={replace} />
            ))}
          </ul>
        ))}
    </section>
  );
}

function RequestCard({
  request: r,
  id,
  onChange,
}: {
  request: ContactRequest;
  id: string;
  onChange(r: ContactRequest): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const date = (iso: string) => formatDate(new Date(iso), lang);
  const person = r.candidate.name ?? t('contact.candidateRef', { ref: r.candidate.reference });
  // What the last action here did (the form that did it is gone once done).
  const [said, setSaid] = useState('');
  return (
    <li className="card request" aria-labelledby={`${id}-title`}>
      <div className="card-title">
        <h2 id={`${id}-title`} dir="auto">
          {r.vacancy.title}
        </h2>
        <span className={`badge ${r.status === 'accepted' ? 'confirmed' : ''}`}>{t(`contact.status_${r.status}`)}</span>
        {r.unread && <span className="badge new">{t('contact.new')}</span>}
      </div>
      <dl className="facts">
        {r.party !== 'employer' && (
          <div>
            <dt>{t('contact.employer')}</dt>
            <dd dir="auto">{r.employer.name}</dd>
          </div>
        )}
        {r.party !== 'migrant' && (
          <div>
            <dt>{t('contact.person')}</dt>
            <dd dir="auto">
              {r.party === 'holder' ? <Link href={`/caseload/${r.candidate.migrantId}`}>{person}</Link> : person}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('contact.asked')}</dt>
          <dd>{date(r.requestedAt)}</dd>
        </div>
        {r.decidedAt && (
          <div>
            <dt>{t('contact.answered')}</dt>
            <dd>{r.decidedOnBehalf ? t('contact.onBehalf', { date: date(r.decidedAt) }) : date(r.decidedAt)}</dd>
          </div>
        )}
      </dl>
      {r.message && (
        <figure className="message">
          <figcaption>{t('contact.theirMessage')}</figcaption>
          <blockquote dir="auto">{r.message}</blockquote>
        </figure>
      )}
      {r.party === 'employer' && <EmployerAnswer request={r} />}
      {r.party !== 'employer' && r.status === 'accepted' && r.contact && <Details contact={r.contact} />}
      {r.party !== 'employer' && r.status === 'pending' && <DecisionForm request={r} id={id} onChange={onChange} />}
      {r.party === 'holder' && r.status === 'accepted' && !r.placementId && (
        <PlacementForm request={r} id={id} onChange={onChange} onSaid={setSaid} />
      )}
      {r.placementId && r.party !== 'employer' && !said && <p className="ok">{t('contact.placed')}</p>}
      <p role="status" className="ok">
        {said}
      </p>
    </li>
  );
}

function EmployerAnswer({ request: r }: { request: ContactRequest }) {
  const { t } = useTranslation();
  if (!r.candidate.visible) return <p className="notice">{t('contact.hidden')}</p>;
  if (r.status === 'declined') return <p className="notice">{t('contact.declinedForEmployer')}</p>;
  if (r.status !== 'accepted' || !r.contact) return null;
  return (
    <>
      <p>{t('contact.acceptedForEmployer')}</p>
      <Details contact={r.contact} />
      {r.placementId && <p className="ok">{t('contact.placedEmployer')}</p>}
    </>
  );
}

function Details({ contact }: { contact: SharedContact }) {
  const { t } = useTranslation();
  const rows = (['name', 'phone', 'email', 'note'] as const).filter((k) => contact[k]);
  return (
    <dl className="facts contact-details">
      {rows.map((k) => (
        <div key={k}>
          <dt>{t(`contact.${k}`)}</dt>
          <dd dir={k === 'phone' || k === 'email' ? 'ltr' : 'auto'}>{contact[k]}</dd>
        </div>
      ))}
    </dl>
  );
}

function DecisionForm({
  request: r,
  id,
  onChange,
}: {
  request: ContactRequest;
  id: string;
  onChange(r: ContactRequest): void;
}) {
  const { t } = useTranslation();
  const holder = r.party === 'holder';
  const [contact, setContact] = useState<SharedContact>({ name: r.candidate.name ?? '' });
  const [agreed, setAgreed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useErrors();
  const f = (k: keyof SharedContact) => `${id}-${k}`;

  async function answer(accept: boolean) {
    setAlert(null);
    const errors: Errors = {};
    const clean = Object.fromEntries(
      Object.entries(contact)
        .map(([k, v]) => [k, (v ?? '').trim()])
        .filter(([, v]) => v),
    ) as SharedContact;
    if (accept) {
      if (!clean.phone && !clean.email && !clean.note) errors[f('phone')] = t('contact.needOne');
      if (clean.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(clean.email)) errors[f('email')] = t('contact.badEmail');
      if (clean.phone && !/^\+?[0-9 ()./-]{5,40}$/.test(clean.phone)) errors[f('phone')] = t('contact.badPhone');
    }
    if (holder && !agreed) errors[`${id}-agreed`] = t('contact.personAgreedError');
    if (form.fail(errors)) return;
    setBusy(true);
    try {
      const next = await contactApi.decide(r.id, {
        accept,
        ...(accept ? { contact: clean } : {}),
        ...(holder ? { personAgreed: true } : {}),
      });
      onChange(next);
    } catch (err) {
      const path = err instanceof ApiError ? err.path : undefined;
      const field = path?.startsWith('body.contact.') ? f(path.slice(13) as keyof SharedContact) : null;
      if (field && document.getElementById(field)) form.fail({ [field]: err instanceof Error ? err.message : '' });
      else if (err instanceof ApiError && err.code === 'no_consent') setAlert(t('contact.noConsent'));
      else setAlert(t(errorKey(err)));
    } finally {
      setBusy(false);
    }
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void answer(true);
  };
  return (
    <form className="decision" onSubmit={submit} noValidate aria-labelledby={`${id}-details`}>
      <p id={`${id}-details`}>{holder ? t('contact.detailsIntroHolder') : t('contact.detailsIntro')}</p>
      {(['name', 'phone', 'email'] as const).map((k) => (
        <div className="field" key={k}>
          <label htmlFor={f(k)}>{t(`contact.${k}`)}</label>
          <input
            {...form.props(f(k))}
            type={k === 'phone' ? 'tel' : k === 'email' ? 'email' : 'text'}
            dir={k === 'name' ? 'auto' : 'ltr'}
            autoComplete={k === 'name' ? 'name' : k === 'phone' ? 'tel' : 'email'}
            value={contact[k] ?? ''}
            onChange={(e) => setContact((c) => ({ ...c, [k]: e.target.value }))}
          />
          {form.message(f(k))}
        </div>
      ))}
      <div className="field">
        <label htmlFor={f('note')}>{t('contact.note')}</label>
        <textarea
          {...form.props(f('note'))}
          dir="auto"
          rows={2}
          value={contact.note ?? ''}
          onChange={(e) => setContact((c) => ({ ...c, note: e.target.value }))}
        />
        {form.message(f('note'))}
      </div>
      {holder && (
        <div className="field check">
          <input
            {...form.props(`${id}-agreed`)}
            type="checkbox"
            checked={agreed}
            onChange={(e) => setAgreed(e.target.checked)}
          />
          <label htmlFor={`${id}-agreed`}>{t('contact.personAgreed')}</label>
          {form.message(`${id}-agreed`)}
        </div>
      )}
      <p className="actions">
        <button type="submit" disabled={busy}>
          {t('contact.accept')}
        </button>{' '}
        <button type="button" className="secondary" disabled={busy} onClick={() => void answer(false)}>
          {t('contact.decline')}
        </button>
      </p>
      {alert && (
        <p role="alert" className="error">
          {alert}
        </p>
      )}
    </form>
  );
}

function PlacementForm({
  request: r,
  id,
  onChange,
  onSaid,
}: {
  request: ContactRequest;
  id: string;
  onChange(r: ContactRequest): void;
  onSaid(text: string): void;
}) {
  const { t } = useTranslation();
  const [startDate, setStartDate] = useState(today());
  const [contract, setContract] = useState(CONTRACTS.includes(r.vacancy.contractType) ? r.vacancy.contractType : '');
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useErrors();
  const dateId = `${id}-start`;
  const contractId = `${id}-contract`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setAlert(null);
    const errors: Errors = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate) || startDate > today()) errors[dateId] = t('contact.startDateError');
    if (!contract) errors[contractId] = t('contact.required');
    if (form.fail(errors)) return;
    setBusy(true);
    try {
      const res = await contactApi.place(r.id, { startDate, contractType: contract });
      onSaid(`${t('contact.placed')}${res.outcome.vacancyClosed ? ` ${t('contact.vacancyClosed')}` : ''}`);
      onChange(res.request);
    } catch (err) {
      const path = err instanceof ApiError ? err.path : undefined;
      if (path === 'body.startDate') form.fail({ [dateId]: t('contact.startDateError') });
      else setAlert(t(errorKey(err)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="placement" onSubmit={submit} noValidate aria-labelledby={`${id}-placement`}>
      <h3 id={`${id}-placement`}>{t('contact.placementHeading')}</h3>
      <div className="field">
        <label htmlFor={dateId}>{t('contact.startDate')}</label>
        <input
          {...form.props(dateId)}
          type="date"
          max={today()}
          value={startDate}
          onChange={(e) => setStartDate(e.target.value)}
        />
        {form.message(dateId)}
      </div>
      <div className="field">
        <label htmlFor={contractId}>{t('contact.contract')}</label>
        <select {...form.props(contractId)} value={contract} onChange={(e) => setContract(e.target.value)}>
          <option value="" />
          {CONTRACTS.map((c) => (
            <option key={c} value={c}>
              {t(`vacancy.contracts.${contractKey(c)}`)}
            </option>
          ))}
        </select>
        {form.message(contractId)}
      </div>
      <p>
        <button type="submit" disabled={busy}>
          {t('contact.record')}
        </button>
      </p>
      {alert && (
        <p role="alert" className="error">
          {alert}
        </p>
      )}
    </form>
  );
}
