// Consent, given for real: the advisor records it with the person present (purpose, what employers may see, with
// whom, a note), and the person gives, changes and withdraws it on their own phone, seeing their card as an
// employer would. Each choice is one POST (a new record supersedes the one in force); withdrawal is immediate.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorField } from '../api.js';
import { CandidateFacts, useViewLabels } from '../components/CandidateFacts.js';
import { EnglishLabelsNote } from '../components/Concept.js';
import { ScreenHeading } from '../components/Heading.js';
import { LoadStatus } from '../components/LoadStatus.js';
import {
  activeFor,
  CANDIDATE_FIELDS,
  candidatePreview,
  consentApi,
  DEFAULT_FIELDS,
  fieldsOf,
  takesScopes,
  type CandidateField,
  type Purpose,
} from '../consent.js';
import { errorKey } from '../errors.js';
import { contentLanguage, formatDate } from '../i18n.js';
import { selfService, type ConsentRecord, type Organisation } from '../interview.js';
import type { Profile } from '../profiles.js';
import { useApi } from '../useApi.js';

interface ConsentData {
  consents: ConsentRecord[];
  organisations: Organisation[];
}

async function loadConsentData(migrantId: string, signal: AbortSignal): Promise<ConsentData> {
  const [{ consents }, { organisations }] = await Promise.all([
    selfService.consents(migrantId, signal),
    selfService.organisations(signal),
  ]);
  return { consents, organisations };
}

/** Organisations a profile may be shared with: employers and other services, not the one holding it. */
function shareTargets(organisations: Organisation[], holder: string): Organisation[] {
  return organisations.filter((o) => o.id !== holder);
}

/** A purpose as the person says it ("Showing my profile…"), or, for the advisor, about them ("…their profile…"). */
function usePurposeTitle(organisations: Organisation[], voice: 'you' | 'they' = 'you') {
  const { t } = useTranslation();
  const names = new Map(organisations.map((o) => [o.id, o.name]));
  return (c: Pick<ConsentRecord, 'purpose' | 'targetOrganisationId'>) => {
    const organisation = names.get(c.targetOrganisationId ?? '') ?? c.targetOrganisationId ?? '';
    if (voice === 'you') return t(`me.purposes.${c.purpose}`, { organisation });
    return c.purpose === 'share_with_organisation'
      ? t('consent.sharedWith', { organisation })
      : t(`consent.purposeTitles.${c.purpose}`);
  };
}

// --- Shared pieces ------------------------------------------------------------------------------------------------

/** Checkboxes for the fields employers may see, each explained, with what is never shown. */
export function ScopeChooser(props: {
  id: string;
  value: readonly CandidateField[];
  onChange(fields: CandidateField[]): void;
  error?: string | null;
  /** "you" for the person, "they" for the advisor recording it. */
  voice: 'you' | 'they';
}) {
  const { t } = useTranslation();
  const toggle = (f: CandidateField, on: boolean) =>
    props.onChange(CANDIDATE_FIELDS.filter((x) => (x === f ? on : props.value.includes(x))));
  return (
    <fieldset
      className="choices scopes"
      aria-describedby={props.error ? `${props.id}-error` : undefined}
      aria-invalid={props.error ? true : undefined}
    >
      <legend>{t(props.voice === 'you' ? 'consent.scopesLegendYou' : 'consent.scopesLegendThey')}</legend>
      {CANDIDATE_FIELDS.map((f, i) => (
        <div key={f} className="choice-with-hint">
          <label className="choice">
            <input
              id={i === 0 ? props.id : undefined}
              type="checkbox"
              checked={props.value.includes(f)}
              onChange={(e) => toggle(f, e.target.checked)}
              aria-describedby={`${props.id}-${f}-hint`}
            />
            {t(`consent.fields.${f}`)}
          </label>
          <p id={`${props.id}-${f}-hint`} className="hint">
            {t(`consent.fieldHints.${f}`)}
          </p>
        </div>
      ))}
      <p className="hint never">{t('consent.neverShown')}</p>
      {props.error && (
        <p id={`${props.id}-error`} className="error">
          {props.error}
        </p>
      )}
    </fieldset>
  );
}

/** The person's card as an employer would see it with `fields` chosen. */
export function CandidatePreview(props: {
  profile: Profile;
  fields: readonly CandidateField[];
  holder: string;
  voice?: 'you' | 'they';
}) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const view = candidatePreview(props.profile, props.fields);
  // Labels for everything the person could show, so ticking a box does not wait for the network.
  const labels = useViewLabels(candidatePreview(props.profile, CANDIDATE_FIELDS));
  return (
    <section className="preview" aria-labelledby={headingId}>
      <h4 id={headingId}>{t(props.voice === 'they' ? 'consent.previewHeadingThey' : 'consent.previewHeading')}</h4>
      <div className="card candidate-card" aria-live="polite">
        <div className="card-title">
          <span className="candidate-name" dir="auto">
            {view.displayName ?? t('matching.candidateN', { rank: 1 })}
          </span>
        </div>
        {view.fields.length === 0 ? (
          <p className="muted">{t('consent.previewNothing')}</p>
        ) : (
          <CandidateFacts view={view} labelOf={(uri) => labels.get(uri)} labelLang={contentLanguage(i18n.language)} />
        )}
        <p className="muted">
          {t('matching.supportedBy')} <span dir="auto">{props.holder}</span>
        </p>
      </div>
    </section>
  );
}

function FieldList({ record }: { record: ConsentRecord }) {
  const { t, i18n } = useTranslation();
  if (!takesScopes(record.purpose)) return null;
  const fields = fieldsOf(record);
  return (
    <div>
      <dt>{t('consent.shows')}</dt>
      <dd>
        {fields.length
          ? new Intl.ListFormat(i18n.language, { type: 'unit' }).format(fields.map((f) => t(`consent.fields.${f}`)))
          : t('consent.previewNothing')}
      </dd>
    </div>
  );
}

// --- The advisor: on the person's profile ------------------------------------------------------------------------

/** Consents of a person in the caseload: those in force (withdrawable) and a form to record one with them present. */
export function ConsentSection({ profile }: { profile: Profile }) {
  const { t, i18n } = useTranslation();
  const [reload, setReload] = useState(0);
  const state = useApi((signal) => loadConsentData(profile.id, signal), [profile.id, reload]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const data = state.status === 'done' ? state.data : null;
  const title = usePurposeTitle(data?.organisations ?? [], 'they');
  const holder = data?.organisations.find((o) => o.id === profile.organisationId)?.name ?? '';

  async function withdraw(c: ConsentRecord) {
    setBusy(c.id);
    setMessage(null);
    try {
      await selfService.withdrawConsent(profile.id, c.id);
      setMessage({ kind: 'ok', text: t('consent.withdrawnThey', { purpose: title(c) }) });
      setReload((n) => n + 1);
    } catch (err) {
      setMessage({ kind: 'error', text: t(errorKey(err)) });
    } finally {
      setBusy(null);
    }
  }

  const active = data?.consents.filter((c) => !c.withdrawnAt) ?? [];
  return (
    <section aria-labelledby="profile-consent" className="consent-section">
      <h2 id="profile-consent" tabIndex={-1}>
        {t('consent.heading')}
      </h2>
      <LoadStatus state={state} />
      <div role="status" className={message?.kind === 'error' ? 'error' : 'ok'}>
        {message?.text}
      </div>
      {data && active.length === 0 && <p className="notice">{t('consent.noneThey', { name: profile.displayName })}</p>}
      {data && active.length > 0 && (
        <ul className="cards consents">
          {active.map((c) => (
            <li key={c.id} className="card">
              <h3 className="card-title" dir="auto">
                {title(c)}
              </h3>
              <dl className="facts">
                <div>
                  <dt>{t('me.givenOn')}</dt>
                  <dd>{formatDate(new Date(c.givenAt), i18n.language)}</dd>
                </div>
                <FieldList record={c} />
                {c.note && (
                  <div>
                    <dt>{t('consent.note')}</dt>
                    <dd dir="auto">{c.note}</dd>
                  </div>
                )}
              </dl>
              <button
                type="button"
                className="secondary"
                disabled={busy === c.id}
                aria-label={`${t('me.withdraw')}: ${title(c)}`}
                onClick={() => void withdraw(c)}
              >
                {t('me.withdraw')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {data && (
        <RecordConsentForm
          profile={profile}
          organisations={shareTargets(data.organisations, profile.organisationId)}
          holder={holder}
          onRecorded={(c) => {
            setMessage({ kind: 'ok', text: t('consent.recorded', { purpose: title(c) }) });
            setReload((n) => n + 1);
          }}
        />
      )}
    </section>
  );
}

type FormField = 'purpose' | 'organisation' | 'scopes' | 'note' | 'present';
const FORM_FIELDS: FormField[] = ['purpose', 'organisation', 'scopes', 'note', 'present'];
const FOCUS_ID: Record<FormField, string> = {
  purpose: 'consent-purpose-profiling',
  organisation: 'consent-organisation',
  scopes: 'consent-scopes',
  note: 'consent-note',
  present: 'consent-present',
};
const SERVER_FIELD: Record<string, FormField> = {
  purpose: 'purpose',
  organisationId: 'organisation',
  fieldScopes: 'scopes',
  note: 'note',
};

function RecordConsentForm(props: {
  profile: Profile;
  organisations: Organisation[];
  holder: string;
  onRecorded(c: ConsentRecord): void;
}) {
  const { t } = useTranslation();
  const [purpose, setPurpose] = useState<Purpose | ''>('');
  const [organisation, setOrganisation] = useState('');
  const [fields, setFields] = useState<CandidateField[]>([...DEFAULT_FIELDS]);
  const [note, setNote] = useState('');
  const [present, setPresent] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<FormField, string>>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const name = props.profile.displayName;

  function show(found: Partial<Record<FormField, string>>) {
    setErrors(found);
    const first = FORM_FIELDS.find((f) => found[f]);
    if (first) document.getElementById(FOCUS_ID[first])?.focus();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const found: Partial<Record<FormField, string>> = {};
    if (!purpose) found.purpose = t('consent.choosePurpose');
    if (purpose === 'share_with_organisation' && !organisation) found.organisation = t('consent.chooseOrganisation');
    if (purpose && takesScopes(purpose) && fields.length === 0) found.scopes = t('consent.chooseScopes');
    if (!present) found.present = t('consent.presentNeeded', { name });
    if (Object.keys(found).length || !purpose) return show(found);
    setErrors({});
    setBusy(true);
    try {
      const recorded = await consentApi.give(props.profile.id, {
        purpose,
        ...(purpose === 'share_with_organisation' ? { organisationId: organisation } : {}),
        ...(takesScopes(purpose) ? { fieldScopes: fields } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setPurpose('');
      setOrganisation('');
      setFields([...DEFAULT_FIELDS]);
      setNote('');
      setPresent(false);
      props.onRecorded(recorded);
      document.getElementById('profile-consent')?.focus();
    } catch (err) {
      const at = SERVER_FIELD[errorField(err) ?? ''];
      if (at) show({ [at]: t('errors.invalidField') });
      else setFailure(t(errorKey(err)));
    } finally {
      setBusy(false);
    }
  }

  const errorText = (f: FormField) =>
    errors[f] ? (
      <p id={`consent-${f}-error`} className="error">
        {errors[f]}
      </p>
    ) : null;
  const aria = (f: FormField) =>
    errors[f] ? { 'aria-invalid': true as const, 'aria-describedby': `consent-${f}-error` } : {};

  return (
    <form className="panel record-consent" onSubmit={submit} noValidate aria-labelledby="consent-form-heading">
      <h3 id="consent-form-heading">{t('consent.recordHeading')}</h3>
      <p>{t('consent.recordIntro', { name })}</p>
      <fieldset className="choices purposes" {...(errors.purpose ? aria('purpose') : {})}>
        <legend>{t('consent.purposeLegend')}</legend>
        {(['profiling', 'matching_with_employers', 'share_with_organisation', 'anonymised_statistics'] as const).map(
          (p) => (
            <div key={p} className="choice-with-hint">
              <label className="choice">
                <input
                  id={`consent-purpose-${p}`}
                  type="radio"
                  name="consent-purpose"
                  checked={purpose === p}
                  onChange={() => setPurpose(p)}
                  aria-describedby={`consent-purpose-${p}-hint`}
                />
                {t(`consent.purposeTitles.${p}`)}
              </label>
              <p id={`consent-purpose-${p}-hint`} className="hint">
                {t(`consent.purposeBodyThey.${p}`)}
              </p>
            </div>
          ),
        )}
        {errorText('purpose')}
      </fieldset>
      {purpose === 'share_with_organisation' && (
        <div className="field">
          <label htmlFor="consent-organisation">{t('consent.organisation')}</label>
          <select
            id="consent-organisation"
            value={organisation}
            onChange={(e) => setOrganisation(e.target.value)}
            {...aria('organisation')}
          >
            <option value="">{t('consent.chooseOrganisation')}</option>
            {props.organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
          {errorText('organisation')}
        </div>
      )}
      {purpose && takesScopes(purpose) && (
        <div className="scopes-and-preview">
          <ScopeChooser id="consent-scopes" value={fields} onChange={setFields} error={errors.scopes} voice="they" />
          <CandidatePreview profile={props.profile} fields={fields} holder={props.holder} voice="they" />
        </div>
      )}
      <div className="field">
        <label htmlFor="consent-note">{t('consent.noteLabel')}</label>
        <p id="consent-note-hint" className="hint">
          {t('consent.noteHint')}
        </p>
        <textarea
          id="consent-note"
          dir="auto"
          rows={2}
          maxLength={1000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          aria-describedby={['consent-note-hint', errors.note ? 'consent-note-error' : ''].filter(Boolean).join(' ')}
          aria-invalid={errors.note ? true : undefined}
        />
        {errorText('note')}
      </div>
      <label className="choice">
        <input
          id="consent-present"
          type="checkbox"
          checked={present}
          onChange={(e) => setPresent(e.target.checked)}
          {...aria('present')}
        />
        <span dir="auto">{t('consent.present', { name })}</span>
      </label>
      {errorText('present')}
      {failure && (
        <p role="alert" className="error">
          {failure}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {t('consent.record')}
      </button>
    </form>
  );
}

// --- The person: "My consents" -----------------------------------------------------------------------------------

async function loadMine(known: string | null, signal: AbortSignal) {
  const migrantId = known ?? (await selfService.migrantId(signal));
  if (!migrantId) return null;
  const [data, profile] = await Promise.all([loadConsentData(migrantId, signal), selfService.myProfile(signal)]);
  return { migrantId, profile, ...data };
}

export function MyConsentsScreen({ migrantId: known = null }: { migrantId?: string | null }) {
  const { t } = useTranslation();
  const [reload, setReload] = useState(0);
  const state = useApi((signal) => loadMine(known, signal), [reload, known]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const title = t('me.consentsTitle');
  const data = state.status === 'done' ? state.data : null;
  const purposeTitle = usePurposeTitle(data?.organisations ?? []);

  const act = async (work: () => Promise<ConsentRecord>, say: (c: ConsentRecord) => string) => {
    setMessage(null);
    try {
      const c = await work();
      setMessage({ kind: 'ok', text: say(c) });
      setReload((n) => n + 1);
      return true;
    } catch (err) {
      setMessage({ kind: 'error', text: t(errorKey(err)) });
      return false;
    }
  };

  return (
    <section className="screen my-consents" data-screen="my-consents">
      <ScreenHeading title={`${title} · ${t('app.name')}`}>{title}</ScreenHeading>
      <EnglishLabelsNote />
      <p>{t('me.consentsIntro')}</p>
      <div role="status" className={message?.kind === 'error' ? 'error' : 'ok'}>
        {message?.text}
      </div>
      <LoadStatus state={state} />
      {state.status === 'done' && !data && <p className="notice">{t('me.noProfile')}</p>}
      {data && (
        <MyConsentCards
          key={reload}
          data={data}
          purposeTitle={purposeTitle}
          give={(body) =>
            act(
              () => consentApi.give(data.migrantId, body),
              (c) => t('consent.given', { purpose: purposeTitle(c) }),
            )
          }
          withdraw={(c) =>
            act(
              () => selfService.withdrawConsent(data.migrantId, c.id),
              () => t('me.withdrawn', { purpose: purposeTitle(c) }),
            )
          }
        />
      )}
    </section>
  );
}

interface MyData extends ConsentData {
  migrantId: string;
  profile: Profile;
}

function MyConsentCards(props: {
  data: MyData;
  purposeTitle(c: Pick<ConsentRecord, 'purpose' | 'targetOrganisationId'>): string;
  give(body: Parameters<typeof consentApi.give>[1]): Promise<boolean>;
  withdraw(c: ConsentRecord): Promise<boolean>;
}) {
  const { t, i18n } = useTranslation();
  const { consents, organisations, profile } = props.data;
  const holder = organisations.find((o) => o.id === profile.organisationId)?.name ?? '';
  const shares = consents.filter((c) => c.purpose === 'share_with_organisation' && !c.withdrawnAt);
  const targets = shareTargets(organisations, profile.organisationId).filter(
    (o) => !shares.some((s) => s.targetOrganisationId === o.id),
  );
  const history = consents.filter((c) => c.withdrawnAt);
  return (
    <>
      <p className="held-by">
        {t('consent.heldBy')} <strong dir="auto">{holder}</strong>
      </p>
      <ul className="cards consents">
        {(['profiling', 'matching_with_employers', 'anonymised_statistics'] as const).map((purpose) => (
          <PurposeCard
            key={purpose}
            purpose={purpose}
            record={activeFor(consents, purpose)}
            title={t(`me.purposes.${purpose}`)}
            profile={profile}
            holder={holder}
            give={props.give}
            withdraw={props.withdraw}
          />
        ))}
        {shares.map((c) => (
          <PurposeCard
            key={c.id}
            purpose="share_with_organisation"
            record={c}
            title={props.purposeTitle(c)}
            profile={profile}
            holder={holder}
            give={props.give}
            withdraw={props.withdraw}
          />
        ))}
      </ul>
      {targets.length > 0 && <ShareForm targets={targets} profile={profile} holder={holder} give={props.give} />}
      {history.length > 0 && (
        <details className="history">
          <summary>{t('consent.history', { count: history.length })}</summary>
          <ul className="plain">
            {history.map((c) => (
              <li key={c.id}>
                <span dir="auto">{props.purposeTitle(c)}</span>
                {' · '}
                {t('consent.givenThenWithdrawn', {
                  given: formatDate(new Date(c.givenAt), i18n.language),
                  withdrawn: formatDate(new Date(c.withdrawnAt!), i18n.language),
                })}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

function PurposeCard(props: {
  purpose: Purpose;
  record: ConsentRecord | undefined;
  title: string;
  profile: Profile;
  holder: string;
  give(body: Parameters<typeof consentApi.give>[1]): Promise<boolean>;
  withdraw(c: ConsentRecord): Promise<boolean>;
}) {
  const { t, i18n } = useTranslation();
  const { purpose, record } = props;
  const scoped = takesScopes(purpose);
  const [fields, setFields] = useState<CandidateField[]>(() => (record ? fieldsOf(record) : [...DEFAULT_FIELDS]));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `consent-${purpose}-${record?.id ?? 'new'}`;
  const changed = record && scoped && fieldsOf(record).join() !== fields.join();

  async function give() {
    if (scoped && fields.length === 0) {
      setError(t('consent.chooseScopesYou'));
      document.getElementById(`${id}-scopes`)?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    const body = {
      purpose,
      ...(purpose === 'share_with_organisation' && record?.targetOrganisationId
        ? { organisationId: record.targetOrganisationId }
        : {}),
      ...(scoped ? { fieldScopes: fields } : {}),
    };
    await props.give(body);
    setBusy(false);
  }

  return (
    <li className={`card purpose ${record ? 'given' : 'not-given'}`} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title" dir="auto">
        {props.title}
      </h2>
      <p>{t(`consent.purposeBodyYou.${purpose}`)}</p>
      <p>
        <span className={`badge ${record ? 'confirmed' : ''}`}>
          {record
            ? t('consent.givenOn', { date: formatDate(new Date(record.givenAt), i18n.language) })
            : t('consent.notGiven')}
        </span>
      </p>
      {scoped && (
        <div className="scopes-and-preview">
          <ScopeChooser id={`${id}-scopes`} value={fields} onChange={setFields} error={error} voice="you" />
          <CandidatePreview profile={props.profile} fields={fields} holder={props.holder} />
        </div>
      )}
      <div className="step-actions">
        {(!record || changed) && (
          <button type="button" disabled={busy} onClick={() => void give()}>
            {record ? t('consent.saveChoice') : t(scoped ? 'consent.agreeScoped' : 'consent.agree')}
          </button>
        )}
        {record && (
          <button
            type="button"
            className="secondary"
            aria-label={`${t('me.withdraw')}: ${props.title}`}
            onClick={() => void props.withdraw(record)}
          >
            {t('me.withdraw')}
          </button>
        )}
      </div>
    </li>
  );
}

function ShareForm(props: {
  targets: Organisation[];
  profile: Profile;
  holder: string;
  give(body: Parameters<typeof consentApi.give>[1]): Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [organisation, setOrganisation] = useState('');
  const [fields, setFields] = useState<CandidateField[]>([...DEFAULT_FIELDS]);
  const [errors, setErrors] = useState<{ organisation?: string; scopes?: string }>({});
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLSelectElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = {
      ...(organisation ? {} : { organisation: t('consent.chooseOrganisation') }),
      ...(fields.length ? {} : { scopes: t('consent.chooseScopesYou') }),
    };
    setErrors(found);
    if (found.organisation) return ref.current?.focus();
    if (found.scopes) return document.getElementById('share-scopes')?.focus();
    setBusy(true);
    await props.give({ purpose: 'share_with_organisation', organisationId: organisation, fieldScopes: fields });
    setBusy(false);
  }

  return (
    <details className="panel share-form">
      <summary>{t('consent.shareHeading')}</summary>
      <form onSubmit={submit} noValidate>
        <p>{t('consent.purposeBodyYou.share_with_organisation')}</p>
        <div className="field">
          <label htmlFor="share-organisation">{t('consent.organisation')}</label>
          <select
            id="share-organisation"
            ref={ref}
            value={organisation}
            onChange={(e) => setOrganisation(e.target.value)}
            aria-invalid={errors.organisation ? true : undefined}
            aria-describedby={errors.organisation ? 'share-organisation-error' : undefined}
          >
            <option value="">{t('consent.chooseOrganisation')}</option>
            {props.targets.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
          {errors.organisation && (
            <p id="share-organisation-error" className="error">
              {errors.organisation}
            </p>
          )}
        </div>
        <div className="scopes-and-preview">
          <ScopeChooser id="share-scopes" value={fields} onChange={setFields} error={errors.scopes} voice="you" />
          <CandidatePreview profile={props.profile} fields={fields} holder={props.holder} />
        </div>
        <button type="submit" disabled={busy}>
          {t('consent.share')}
        </button>
      </form>
    </details>
  );
}
