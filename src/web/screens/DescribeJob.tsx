import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type OccupationEvidence, type OccupationSuggestion, type SkillSuggestion } from '../api.js';
import { languageName } from '../components/Explanation.js';
import { ScreenHeading } from '../components/Heading.js';
import { Link } from '../components/Link.js';
import { errorKey } from '../errors.js';
import { evidenceInContext } from '../evidence.js';
import { contentLanguage } from '../i18n.js';
import { descriptionFit, titleReason } from '../occupationEvidence.js';
import { addConfirmedSkills, profileToUpdate, toggleDecision, type Decision } from '../profiles.js';
import { useApi } from '../useApi.js';
import { occupationPath } from './Explorer.js';

type Decisions = Record<string, Decision | undefined>;

type Lookup<T> =
  { status: 'idle' } | { status: 'loading' } | { status: 'error'; key: string } | { status: 'done'; items: T[] };

/** Roles that keep a caseload and may therefore save confirmed skills into a profile. */
const CASELOAD_ROLES = ['advisor', 'org_admin'];

export function DescribeJob(props: { role: string; profileId?: string | null }) {
  const { t, i18n } = useTranslation();
  // Free text is analysed in the interface language when ESCO has it, else in English.
  const lang = contentLanguage(i18n.language);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [text, setText] = useState('');
  const [titleMissing, setTitleMissing] = useState(false);
  const [textMissing, setTextMissing] = useState(false);
  const [occupations, setOccupations] = useState<Lookup<OccupationSuggestion>>({ status: 'idle' });
  const [descriptionSent, setDescriptionSent] = useState(false); // with the suggestions shown, so their fit is said
  const [skills, setSkills] = useState<Lookup<SkillSuggestion>>({ status: 'idle' });
  const [analysedText, setAnalysedText] = useState(''); // the text as sent, so evidence lines up after edits
  const [textLang, setTextLang] = useState(''); // '' = told from the text by the server
  const [readAs, setReadAs] = useState<{ lang: string; detected: boolean } | null>(null);
  const [decisions, setDecisions] = useState<Decisions>({});

  async function suggestOccupations(e: FormEvent) {
    e.preventDefault();
    if (!title.trim()) {
      setTitleMissing(true);
      document.getElementById('describe-title')?.focus();
      return;
    }
    setTitleMissing(false);
    setOccupations({ status: 'loading' });
    try {
      const sent = description.trim();
      const r = await api.classifyOccupation(title.trim(), sent, lang, 5);
      setDescriptionSent(sent !== '');
      setOccupations({ status: 'done', items: r.results });
    } catch (err) {
      setOccupations({ status: 'error', key: errorKey(err) });
    }
  }

  async function findSkills(e?: FormEvent, override = textLang) {
    e?.preventDefault();
    if (!text.trim()) {
      setTextMissing(true);
      document.getElementById('describe-text')?.focus();
      return;
    }
    setTextMissing(false);
    setSkills({ status: 'loading' });
    try {
      const sent = text.trim();
      const r = await api.extractSkills(sent, { lang: override || undefined, labelLang: lang }, 10);
      setReadAs({ lang: r.lang, detected: r.langDetected });
      setAnalysedText(sent);
      setSkills({ status: 'done', items: r.results });
    } catch (err) {
      setSkills({ status: 'error', key: errorKey(err) });
    }
  }

  const decide = (uri: string, pressed: Decision) =>
    setDecisions((d) => ({ ...d, [uri]: toggleDecision(d[uri], pressed) }));

  const confirmedOccupations =
    occupations.status === 'done' ? occupations.items.filter((o) => decisions[o.uri] === 'confirmed') : [];
  const confirmedSkills = skills.status === 'done' ? skills.items.filter((s) => decisions[s.uri] === 'confirmed') : [];

  return (
    <section className="screen describe" data-screen="describe">
      <ScreenHeading title={`${t('describe.title')} · ${t('app.name')}`}>{t('describe.title')}</ScreenHeading>
      <p>{t('describe.intro')}</p>

      <section className="panel" aria-labelledby="occ-heading">
        <h2 id="occ-heading">{t('describe.occupationHeading')}</h2>
        <form onSubmit={suggestOccupations} noValidate>
          <Field
            id="describe-title"
            label={t('describe.jobTitle')}
            hint={t('describe.jobTitleHint')}
            error={titleMissing ? t('describe.required') : undefined}
          >
            {(aria) => (
              <input
                {...aria}
                type="text"
                lang={lang}
                dir="auto"
                value={title}
                onChange={(e) => setTitle(e.target.value)}
                maxLength={200}
              />
            )}
          </Field>
          <Field id="describe-description" label={t('describe.jobDescription')}>
            {(aria) => (
              <textarea
                {...aria}
                lang={lang}
                dir="auto"
                rows={3}
                value={description}
                onChange={(e) => setDescription(e.target.value)}
                maxLength={4000}
              />
            )}
          </Field>
          <button type="submit" disabled={occupations.status === 'loading'}>
            {t('describe.suggestOccupations')}
          </button>
        </form>
        <Suggestions
          heading={t('describe.occupationSuggestions')}
          lookup={occupations}
          render={(o) => (
            <SuggestionCard
              key={o.uri}
              label={o.label}
              lang={lang}
              href={occupationPath(o.uri)}
              meta={[t('explorer.escoCode', { code: o.code }), t('explorer.iscoCode', { code: o.isco })]}
              decision={decisions[o.uri]}
              onDecide={(d) => decide(o.uri, d)}
            >
              {o.evidence && <OccupationWhy evidence={o.evidence} descriptionSent={descriptionSent} />}
            </SuggestionCard>
          )}
        />
      </section>

      <section className="panel" aria-labelledby="skills-heading">
        <h2 id="skills-heading">{t('describe.skillsHeading')}</h2>
        <form onSubmit={findSkills} noValidate>
          <Field
            id="describe-text"
            label={t('describe.skillsText')}
            hint={t('describe.skillsHint')}
            error={textMissing ? t('describe.required') : undefined}
          >
            {(aria) => (
              <textarea
                {...aria}
                lang={lang}
                dir="auto"
                rows={5}
                value={text}
                onChange={(e) => setText(e.target.value)}
                maxLength={8000}
              />
            )}
          </Field>
          <div className="field text-language">
            <label htmlFor="describe-text-lang">{t('interview.textLanguage')}</label>
            <select
              id="describe-text-lang"
              value={textLang}
              onChange={(e) => {
                setTextLang(e.target.value);
                if (readAs && text.trim()) void findSkills(undefined, e.target.value);
              }}
            >
              {['', 'en', 'es', 'fr'].map((l) => (
                <option key={l} value={l}>
                  {l ? languageName(l, i18n.language) : t('interview.detectLanguage')}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={skills.status === 'loading'}>
            {t('describe.findSkills')}
          </button>
          {readAs && skills.status === 'done' && (
            <p className="muted read-as">
              {t(readAs.detected ? 'interview.readAsDetected' : 'interview.readAs', {
                language: languageName(readAs.lang, i18n.language),
              })}
            </p>
          )}
        </form>
        <Suggestions
          heading={t('describe.skillSuggestions')}
          lookup={skills}
          render={(s) => (
            <SuggestionCard
              key={s.uri}
              label={s.label}
              lang={lang}
              evidence={s.evidence}
              source={analysedText}
              evidenceLang={readAs?.lang}
              decision={decisions[s.uri]}
              onDecide={(d) => decide(s.uri, d)}
            />
          )}
        />
      </section>

      <section className="panel summary" aria-labelledby="summary-heading">
        <h2 id="summary-heading">{t('describe.summaryHeading')}</h2>
        <div aria-live="polite">
          {confirmedOccupations.length + confirmedSkills.length === 0 ? (
            <p className="muted">{t('describe.summaryEmpty')}</p>
          ) : (
            <>
              <p>{t('describe.confirmedOccupations', { count: confirmedOccupations.length })}</p>
              {confirmedOccupations.length > 0 && (
                <ul>
                  {confirmedOccupations.map((o) => (
                    <li key={o.uri} lang={lang} dir="auto">
                      {o.label}
                    </li>
                  ))}
                </ul>
              )}
              <p>{t('describe.confirmedSkills', { count: confirmedSkills.length })}</p>
              {confirmedSkills.length > 0 && (
                <ul>
                  {confirmedSkills.map((s) => (
                    <li key={s.uri} lang={lang} dir="auto">
                      {s.label}
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </div>
      </section>
      {CASELOAD_ROLES.includes(props.role) && (
        <SaveToProfile decisions={decisions} role={props.role} initialProfile={props.profileId ?? ''} />
      )}
    </section>
  );
}

interface FieldAria {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

function Field(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children(aria: FieldAria): ReactNode;
}) {
  const described = [props.hint && `${props.id}-hint`, props.error && `${props.id}-error`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.hint && (
        <p id={`${props.id}-hint`} className="hint">
          {props.hint}
        </p>
      )}
      {props.children({
        id: props.id,
        'aria-describedby': described || undefined,
        'aria-invalid': props.error ? true : undefined,
      })}
      {props.error && (
        <p id={`${props.id}-error`} className="error">
          {props.error}
        </p>
      )}
    </div>
  );
}

function Suggestions<T>(props: { heading: string; lookup: Lookup<T>; render(item: T): ReactNode }) {
  const { t } = useTranslation();
  const headingId = useId();
  const { lookup } = props;
  if (lookup.status === 'idle') return null;
  return (
    <div className="suggestions">
      <h3 id={headingId}>{props.heading}</h3>
      <div role="status" className="status">
        {lookup.status === 'loading' && t('describe.working')}
        {lookup.status === 'done' && lookup.items.length === 0 && t('describe.noSuggestions')}
      </div>
      {lookup.status === 'error' && (
        <p role="alert" className="error">
          {t(lookup.key)}
        </p>
      )}
      {lookup.status === 'done' && lookup.items.length > 0 && (
        <ul className="cards" aria-labelledby={headingId}>
          {lookup.items.map(props.render)}
        </ul>
      )}
    </div>
  );
}

/** A suggested occupation or skill that a person confirms or rejects (describe a job, the skills interview). */
export function SuggestionCard(props: {
  label: string;
  lang: string;
  href?: string;
  meta?: string[];
  evidence?: string;
  /** The analysed text, to show the evidence inside its sentence. */
  source?: string;
  /** The language the text was read in (else the label's). */
  evidenceLang?: string;
  decision: Decision | undefined;
  onDecide(d: Decision): void;
  /** Why it is suggested, where that is not evidence in the analysed text. */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const labelId = useId();
  return (
    <li className={`card suggestion ${props.decision ?? ''}`}>
      <div className="card-title">
        {props.href ? (
          <Link href={props.href} id={labelId} lang={props.lang} dir="auto">
            {props.label}
          </Link>
        ) : (
          <span id={labelId} lang={props.lang} dir="auto">
            {props.label}
          </span>
        )}
        {props.decision && <span className={`badge ${props.decision}`}>{t(`describe.${props.decision}`)}</span>}
      </div>
      {props.meta && (
        <p className="codes">
          {props.meta.map((m) => (
            <span key={m}>{m}</span>
          ))}
        </p>
      )}
      {props.evidence && (
        <Evidence evidence={props.evidence} source={props.source ?? ''} lang={props.evidenceLang ?? props.lang} />
      )}
      {props.children}
      <div className="decision" role="group" aria-labelledby={labelId}>
        <button
          type="button"
          className="confirm"
          aria-pressed={props.decision === 'confirmed'}
          onClick={() => props.onDecide('confirmed')}
        >
          {t('describe.confirm')}
        </button>
        <button
          type="button"
          className="reject"
          aria-pressed={props.decision === 'rejected'}
          onClick={() => props.onDecide('rejected')}
        >
          {t('describe.reject')}
        </button>
      </div>
    </li>
  );
}

function Evidence(props: { evidence: string; source: string; lang: string }) {
  const { t } = useTranslation();
  const context = evidenceInContext(props.source, props.evidence, props.lang);
  return (
    <p className="evidence">
      <span className="muted">{t('describe.evidence')}</span>{' '}
      <q lang={props.lang} dir="auto">
        {context ? (
          <>
            {context.before}
            <mark>{context.match}</mark>
            {context.after}
          </>
        ) : (
          <mark>{props.evidence}</mark>
        )}
      </q>
    </p>
  );
}

/** Stands for the ESCO label inside a translated sentence, so the label can carry its own `lang`. */
const LABEL_SLOT = '\uE000';

/** Why the coder suggested an occupation: the ESCO label the title matched, and the description's fit. */
export function OccupationWhy(props: { evidence: OccupationEvidence; descriptionSent: boolean }) {
  const { t, i18n } = useTranslation();
  const reason = titleReason(props.evidence, props.descriptionSent);
  const fit = descriptionFit(props.evidence.description);
  let sentence: ReactNode;
  if ('label' in reason) {
    const [before, after] = t(reason.key, { label: LABEL_SLOT }).split(LABEL_SLOT);
    const { text, lang } = reason.label;
    sentence = (
      <>
        {before}
        <span className="matched-label" lang={lang} dir="auto">
          {text}
        </span>
        {after}
        {lang !== i18n.language &&
          ` ${t('describe.why.labelLanguage', { language: languageName(lang, i18n.language) })}`}
      </>
    );
  } else {
    sentence = t(reason.key);
  }
  return (
    <div className="why">
      <p>{sentence}</p>
      {props.descriptionSent && (
        <p className="fit">
          {/* The bar repeats the sentence beside it for sighted readers; its length, not its colour, is the signal. */}
          <span className="fit-meter" aria-hidden="true">
            <span style={{ inlineSize: `${Math.round(props.evidence.description * 100)}%` }} />
          </span>
          <span>{t(`describe.why.fit.${fit}`)}</span>
        </p>
      )}
    </div>
  );
}

function SaveToProfile(props: { decisions: Decisions; role: string; initialProfile: string }) {
  const { t } = useTranslation();
  const caseload = useApi((signal) => api.caseload('', signal), []);
  const [profileId, setProfileId] = useState(props.initialProfile);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ kind: 'ok' | 'error'; text: string; link?: string } | null>(null);
  const confirmedSkills = Object.entries(props.decisions).filter(
    ([uri, d]) => d === 'confirmed' && uri.includes('/esco/skill/'),
  ).length;

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!profileId) return setResult({ kind: 'error', text: t('describe.choose') });
    if (confirmedSkills === 0) return setResult({ kind: 'error', text: t('describe.noConfirmedSkills') });
    setBusy(true);
    setResult(null);
    try {
      const profile = await api.profile(profileId);
      const { skills, added } = addConfirmedSkills(profile.skills, props.decisions, props.role);
      if (added === 0) {
        setResult({ kind: 'ok', text: t('describe.nothingNew'), link: `/caseload/${profile.id}` });
      } else {
        const saved = await api.updateProfile(profile.id, { ...profileToUpdate(profile), skills });
        setResult({
          kind: 'ok',
          text: t('describe.saved', { count: added, name: saved.displayName }),
          link: `/caseload/${saved.id}`,
        });
      }
    } catch (err) {
      const conflict = err instanceof ApiError && err.status === 409;
      setResult({ kind: 'error', text: conflict ? t('describe.conflict') : t(errorKey(err)) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="save-heading">
      <h2 id="save-heading">{t('describe.saveHeading')}</h2>
      {caseload.status === 'loading' && <p role="status">{t('app.loading')}</p>}
      {caseload.status === 'error' && (
        <p role="alert" className="error">
          {t(caseload.key)}
        </p>
      )}
      {caseload.status === 'done' && caseload.data.items.length === 0 && (
        <p className="muted">{t('describe.noProfiles')}</p>
      )}
      {caseload.status === 'done' && caseload.data.items.length > 0 && (
        <form onSubmit={save} noValidate>
          <div className="field">
            <label htmlFor="save-profile">{t('describe.chooseProfile')}</label>
            <select id="save-profile" value={profileId} onChange={(e) => setProfileId(e.target.value)}>
              <option value="">{t('describe.choose')}</option>
              {caseload.data.items.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.displayName}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={busy}>
            {t('describe.saveSkills')}
          </button>
          <div role="status" className={result?.kind === 'error' ? 'error' : 'ok'}>
            {result?.text} {result?.link && <Link href={result.link}>{t('describe.openProfile')}</Link>}
          </div>
        </form>
      )}
    </section>
  );
}
