// The profile wizard: an advisor's guided skills interview (each question in the advisor's and the migrant's
// language, side by side) and the migrant's own profile in simple steps. Every step saves the profile (PUT with
// the version read); a conflicting save is shown, never overwritten.
import {
  createContext,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
  type ComponentProps,
  type Dispatch,
  type FormEvent,
  type ReactNode,
  type SetStateAction,
} from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, conceptId, type SearchHit } from '../api.js';
import { Combobox } from '../components/Combobox.js';
import { DetailPending } from '../components/Concept.js';
import { CountrySelect } from '../components/Fields.js';
import { ScreenHeading } from '../components/Heading.js';
import { LanguageOptions } from '../components/LanguageSwitch.js';
import { Link } from '../components/Link.js';
import { errorKey } from '../errors.js';
import { contentLanguage, directionOf, isUiLanguage, languageName, uiLanguageOf } from '../i18n.js';
import {
  CEFR,
  educationOf,
  experienceOf,
  interviewStepAfter,
  ISCED_FIELDS,
  LANGUAGE_CODES,
  LANGUAGE_SKILLS,
  languagesOf,
  mergeSkills,
  PERMIT_TYPES,
  preferencesOf,
  resumeStep,
  selfService,
  stepFilled,
  STEPS,
  storedFurthestStep,
  storedInterviewLanguage,
  storeFurthestStep,
  storeInterviewLanguage,
  UNKNOWN_COUNTRY,
  withAnswers,
  type LanguageEntry,
  type Step,
} from '../interview.js';
import type { Profile } from '../profiles.js';
import { useApi } from '../useApi.js';
import { SuggestionCard, toggleDecision, type Decision } from './DescribeJob.js';

export type WizardMode = 'advisor' | 'self';
const SECTOR_CODES = 'ABCDEFGHIJKLMNOPQRSTU'.split('');

/** The migrant's language during an interview; null when only the interface language is shown. */
const SecondLanguage = createContext<string | null>(null);

/** A question in the interface language and, beside it, in the migrant's language. */
function Q({ k, values }: { k: string; values?: Record<string, unknown> }) {
  const { t, i18n } = useTranslation();
  const second = useContext(SecondLanguage);
  if (!second || second === i18n.language) return <>{t(k, values)}</>;
  const theirs = i18n.getFixedT(second);
  return (
    <span className="bilingual">
      <span className="own">{t(k, values)}</span>
      <span className="theirs" lang={second} dir={directionOf(second)}>
        {theirs(k, values)}
      </span>
    </span>
  );
}

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; step: Step }
  | { kind: 'conflict' }
  | { kind: 'error'; key: string };

interface StepProps {
  profile: Profile;
  mode: WizardMode;
  busy: boolean;
  first: boolean;
  /** The contact language to offer while the profile has none. */
  defaultContactLanguage: string;
  onPrevious(): void;
  onSave(answers: Record<string, unknown>): void;
}

export function ProfileWizard(props: {
  mode: WizardMode;
  initial: Profile;
  /** Remembers the furthest step reached in this browser. */
  storageKey: string;
  secondLanguage: string | null;
  /** The contact language to offer while the profile has none. */
  defaultContactLanguage: string;
  reload(): Promise<Profile>;
  done: ReactNode;
  /** The step heading takes focus at once (the person just pressed "Start the interview"). */
  focusOnMount?: boolean;
}) {
  const { t } = useTranslation();
  const [profile, setProfile] = useState(props.initial);
  const [step, setStep] = useState(() => resumeStep(props.initial, storedFurthestStep(props.storageKey)));
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [generation, setGeneration] = useState(0); // forms start afresh after a reload
  const headingRef = useRef<HTMLHeadingElement>(null);
  const moved = useRef(props.focusOnMount ?? false);

  useEffect(() => {
    if (moved.current) headingRef.current?.focus();
  }, [step, generation]);

  function go(next: number) {
    moved.current = true;
    setStep(next);
  }

  async function onSave(answers: Record<string, unknown>) {
    const current = STEPS[step]!;
    setSave({ kind: 'saving' });
    try {
      // The step the interview moves on to is saved with the answers, so resuming (on any device) opens it.
      const body = withAnswers(profile, { ...answers, interviewStep: interviewStepAfter(step) });
      const saved = await selfService.saveProfile(profile.id, body);
      setProfile(saved);
      setSave({ kind: 'saved', step: current });
      storeFurthestStep(props.storageKey, step + 1);
      go(step + 1);
    } catch (err) {
      setSave(
        err instanceof ApiError && err.status === 409 ? { kind: 'conflict' } : { kind: 'error', key: errorKey(err) },
      );
    }
  }

  async function reload() {
    try {
      setProfile(await props.reload());
      setSave({ kind: 'idle' });
      moved.current = true;
      setGeneration((g) => g + 1);
    } catch (err) {
      setSave({ kind: 'error', key: errorKey(err) });
    }
  }

  const stepProps: StepProps = {
    profile,
    mode: props.mode,
    busy: save.kind === 'saving',
    first: step === 0,
    defaultContactLanguage: props.defaultContactLanguage,
    onPrevious: () => go(Math.max(0, step - 1)),
    onSave: (a) => void onSave(a),
  };
  const name = STEPS[step];
  // The migrant's own view speaks to them ("About you"), the advisor's about the person.
  const stepName = (s: Step) =>
    props.mode === 'self' && s === 'identity' ? t('me.aboutYou') : t(`interview.stepNames.${s}`);

  return (
    <SecondLanguage.Provider value={props.secondLanguage}>
      <nav className="wizard-steps" aria-label={t('interview.steps')}>
        <ol>
          {STEPS.map((s, i) => (
            <li key={s}>
              <button
                type="button"
                className={stepFilled(profile, s) ? 'filled' : undefined}
                aria-current={i === step ? 'step' : undefined}
                onClick={() => go(i)}
              >
                <span aria-hidden="true">{stepFilled(profile, s) ? '✓ ' : ''}</span>
                {stepName(s)}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <div role="status" className={`save-status ${save.kind === 'error' ? 'error' : 'ok'}`}>
        {save.kind === 'saving' && t('interview.saving')}
        {save.kind === 'saved' && t('interview.savedStep', { step: stepName(save.step) })}
      </div>
      {(save.kind === 'conflict' || save.kind === 'error') && (
        <div role="alert" className="notice error-notice">
          <p>{save.kind === 'conflict' ? t('interview.conflict') : t(save.key)}</p>
          {save.kind === 'conflict' && (
            <button type="button" onClick={() => void reload()}>
              {t('interview.reload')}
            </button>
          )}
        </div>
      )}
      <section className="panel wizard-step" aria-labelledby="step-heading">
        <h2 id="step-heading" ref={headingRef} tabIndex={-1}>
          {name
            ? `${t('interview.stepOf', { n: step + 1, total: STEPS.length })} · ${stepName(name)}`
            : props.mode === 'advisor'
              ? t('interview.doneHeading')
              : t('me.doneHeading')}
        </h2>
        <div key={`${step}-${generation}`}>
          {name === 'identity' && <IdentityStep {...stepProps} />}
          {name === 'languages' && <LanguagesStep {...stepProps} />}
          {name === 'education' && <EducationStep {...stepProps} />}
          {name === 'experience' && <ExperienceStep {...stepProps} />}
          {name === 'skills' && <SkillsStep {...stepProps} />}
          {name === 'authorization' && <AuthorizationStep {...stepProps} />}
          {name === 'preferences' && <PreferencesStep {...stepProps} />}
          {!name && (
            <>
              <p>
                {props.mode === 'advisor'
                  ? t('interview.doneBody', { skills: profile.skills.length })
                  : t('me.doneBody')}
              </p>
              {props.done}
            </>
          )}
        </div>
      </section>
    </SecondLanguage.Provider>
  );
}

// --- Building blocks ------------------------------------------------------------------------------------------

function StepForm(props: { question: string; hint?: string; step: StepProps; onSubmit(): void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <form
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <p className="question">
        <Q k={props.question} />
      </p>
      {props.hint && (
        <p className="hint">
          <Q k={props.hint} />
        </p>
      )}
      {props.children}
      <div className="step-actions">
        {!props.step.first && (
          <button type="button" className="secondary" onClick={props.step.onPrevious}>
            {t('interview.previous')}
          </button>
        )}
        <button type="submit" disabled={props.step.busy}>
          {props.step.busy ? t('interview.saving') : t('interview.saveNext')}
        </button>
      </div>
    </form>
  );
}

function Field(props: { id: string; q: string; error?: string | false; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>
        <Q k={props.q} />
      </label>
      {props.children}
      {props.error && (
        <p id={`${props.id}-error`} className="error">
          {props.error}
        </p>
      )}
    </div>
  );
}

/** After "Add", the new entry's first field takes focus (it is rendered on the next frame). */
function focusSoon(id: string) {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

function errorProps(id: string, error: string | false | undefined) {
  return error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};
}

function InputField({
  id,
  q,
  error,
  onChange,
  ...input
}: { id: string; q: string; error?: string | false; value: string; onChange(v: string): void } & Omit<
  ComponentProps<'input'>,
  'id' | 'onChange'
>) {
  return (
    <Field id={id} q={q} error={error}>
      <input id={id} {...input} onChange={(e) => onChange(e.target.value)} {...errorProps(id, error)} />
    </Field>
  );
}

function SelectField(props: {
  id: string;
  q: string;
  value: string;
  onChange(v: string): void;
  /** The empty first option: "choose" where an answer is required, "not known" where it is not. */
  empty: string;
  options: { value: string; label: string }[];
  error?: string | false;
}) {
  return (
    <Field id={props.id} q={props.q} error={props.error}>
      <select
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        {...errorProps(props.id, props.error)}
      >
        <option value="">{props.empty}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A stored profile may hold "country not known yet"; the select then shows its empty option. */
function ProfileCountrySelect(props: { id: string; value: string; onChange(v: string): void; error?: string | false }) {
  const { t } = useTranslation();
  return (
    <CountrySelect
      id={props.id}
      value={props.value === UNKNOWN_COUNTRY ? '' : props.value}
      onChange={props.onChange}
      placeholder={t('caseload.chooseCountry')}
      {...errorProps(props.id, props.error)}
    />
  );
}

function CountryField(props: {
  id: string;
  q: string;
  value: string;
  onChange(v: string): void;
  error?: string | false;
}) {
  return (
    <Field id={props.id} q={props.q} error={props.error}>
      <ProfileCountrySelect id={props.id} value={props.value} onChange={props.onChange} error={props.error} />
    </Field>
  );
}

function Checkbox(props: { q: string; checked: boolean; onChange(checked: boolean): void }) {
  return (
    <label className="choice">
      <input type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
      <Q k={props.q} />
    </label>
  );
}

/** Chosen items, each with a button to remove it; `lang` marks ESCO labels. */
function RemovableChips(props: { items: { key: string; label: string; onRemove(): void }[]; lang?: string }) {
  const { t } = useTranslation();
  return (
    <ul className="chips">
      {props.items.map((item) => (
        <li key={item.key}>
          {props.lang ? (
            <span lang={props.lang} dir="auto">
              {item.label}
            </span>
          ) : (
            <span>{item.label}</span>
          )}
          <button type="button" className="secondary small" onClick={item.onRemove}>
            {t('interview.removeItem', { item: item.label })}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The repeated entries of a step (languages, education, jobs, permits): one fieldset each, removable, and "Add". */
function Entries<T>(props: {
  rows: T[];
  setRows: Dispatch<SetStateAction<T[]>>;
  legend(row: T, i: number): string;
  /** Free-text legends (titles people typed) take their direction from their content. */
  legendDir?: 'auto';
  addLabel: string;
  blank: T;
  /** The id of an entry's first field, focused after "Add". */
  firstField(i: number): string;
  children(row: T, i: number, set: (patch: Partial<T>) => void): ReactNode;
}) {
  const { t } = useTranslation();
  const { setRows } = props;
  return (
    <>
      {props.rows.map((r, i) => {
        const legend = props.legend(r, i);
        return (
          <fieldset key={i} className="entry">
            <legend dir={props.legendDir}>{legend}</legend>
            {props.children(r, i, (patch) => setRows((rs) => rs.map((x, j) => (j === i ? { ...x, ...patch } : x))))}
            <button type="button" className="secondary" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>
              {t('interview.removeItem', { item: legend })}
            </button>
          </fieldset>
        );
      })}
      <p>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setRows((rs) => [...rs, props.blank]);
            focusSoon(props.firstField(props.rows.length));
          }}
        >
          {t('interview.add')}: {props.addLabel}
        </button>
      </p>
    </>
  );
}

/** ESCO labels for stored URIs, in the content language (one request each; steps hold few). */
function useLabels(uris: string[], kind: 'occupation' | 'skill'): Map<string, string> {
  const { i18n } = useTranslation();
  const lang = contentLanguage(i18n.language);
  const [labels, setLabels] = useState(new Map<string, string>());
  const key = uris.join(' ');
  useEffect(() => {
    const ctrl = new AbortController();
    const wanted = key ? key.split(' ') : [];
    Promise.all(
      wanted.map((uri) =>
        (kind === 'occupation'
          ? api.occupation(conceptId(uri), lang, ctrl.signal)
          : api.skill(conceptId(uri), lang, ctrl.signal)
        ).then(
          (d) => [uri, d.label] as const,
          () => [uri, conceptId(uri)] as const,
        ),
      ),
    ).then((pairs) => {
      if (!ctrl.signal.aborted) setLabels(new Map(pairs));
    });
    return () => ctrl.abort();
  }, [key, kind, lang]);
  return labels;
}

function ConceptPicker(props: {
  id: string;
  q: string;
  type: 'occupation' | 'skill';
  value: string;
  onChange(v: string): void;
  onPick(hit: SearchHit): void;
  invalid?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = contentLanguage(i18n.language);
  const second = useContext(SecondLanguage);
  // First-strong isolates keep each language's word order when the two directions differ.
  const label =
    second && second !== i18n.language ? `${t(props.q)} / \u2068${i18n.getFixedT(second)(props.q)}\u2069` : t(props.q);
  return (
    <Combobox<SearchHit>
      id={props.id}
      label={label}
      value={props.value}
      invalid={props.invalid}
      inputLang={lang}
      onChange={props.onChange}
      onPick={props.onPick}
      suggest={async (text, signal) => (await api.search(text, props.type, lang, 8, signal)).results}
      itemKey={(h) => h.uri}
      renderItem={(h) => (
        <span className="option-label" lang={lang} dir="auto">
          {h.label}
        </span>
      )}
      countMessage={(n) => t('explorer.suggestionCount', { count: n })}
    />
  );
}

// --- Steps ----------------------------------------------------------------------------------------------------

function IdentityStep(props: StepProps) {
  const { t } = useTranslation();
  const p = props.profile;
  const [name, setName] = useState(p.displayName);
  const [origin, setOrigin] = useState(p.originCountry === UNKNOWN_COUNTRY ? '' : p.originCountry);
  const [current, setCurrent] = useState(p.currentCountry === UNKNOWN_COUNTRY ? '' : p.currentCountry);
  const [contact, setContact] = useState(p.contactLanguage ?? props.defaultContactLanguage);
  const [tried, setTried] = useState(false);
  const missing = (v: string) => tried && !v.trim() && t('interview.required');
  return (
    <StepForm
      question="interview.q.identity"
      step={props}
      onSubmit={() => {
        setTried(true);
        if (!name.trim() || !origin || !current) return;
        props.onSave({
          displayName: name.trim(),
          originCountry: origin,
          currentCountry: current,
          contactLanguage: contact || null,
        });
      }}
    >
      <InputField
        id="wiz-name"
        q="interview.q.displayName"
        error={missing(name)}
        type="text"
        dir="auto"
        maxLength={200}
        value={name}
        onChange={setName}
      />
      <CountryField
        id="wiz-origin"
        q="interview.q.originCountry"
        value={origin}
        onChange={setOrigin}
        error={missing(origin)}
      />
      <CountryField
        id="wiz-current"
        q="interview.q.currentCountry"
        value={current}
        onChange={setCurrent}
        error={missing(current)}
      />
      <ContactLanguageField value={contact} onChange={setContact} />
    </StepForm>
  );
}

/** The language to contact the person in: the offered languages, plus the stored one if it is another. */
function ContactLanguageField(props: { value: string; onChange(v: string): void }) {
  const { t, i18n } = useTranslation();
  const collator = new Intl.Collator(i18n.language);
  const codes = new Set<string>(LANGUAGE_CODES);
  if (props.value) codes.add(props.value);
  const options = [...codes]
    .map((code) => ({ value: code, label: languageName(code, i18n.language) }))
    .sort((a, b) => collator.compare(a.label, b.label));
  return (
    <SelectField
      id="wiz-contact-language"
      q="interview.q.contactLanguage"
      value={props.value}
      onChange={props.onChange}
      empty={t('caseload.contactLanguageUnknown')}
      options={options}
    />
  );
}

function LanguagesStep(props: StepProps) {
  const { t, i18n } = useTranslation();
  const [rows, setRows] = useState<LanguageEntry[]>(() => languagesOf(props.profile).map((l) => ({ ...l })));
  const [tried, setTried] = useState(false);
  const collator = new Intl.Collator(i18n.language);
  const languages = [...LANGUAGE_CODES]
    .map((code) => ({ value: code, label: languageName(code, i18n.language) }))
    .sort((a, b) => collator.compare(a.label, b.label));
  const cefr = CEFR.map((level) => ({ value: level, label: level }));
  return (
    <StepForm
      question="interview.q.languages"
      step={props}
      onSubmit={() => {
        setTried(true);
        if (rows.some((r) => !r.lang)) return;
        props.onSave({
          languages: rows.map((r) =>
            r.native
              ? { lang: r.lang, native: true, listening: null, reading: null, speaking: null, writing: null }
              : r,
          ),
        });
      }}
    >
      <Entries
        rows={rows}
        setRows={setRows}
        legend={(r, i) => (r.lang ? languageName(r.lang, i18n.language) : `${t('interview.q.language')} ${i + 1}`)}
        addLabel={t('interview.q.language')}
        blank={{ lang: '', native: false, listening: null, reading: null, speaking: null, writing: null }}
        firstField={(i) => `wiz-lang-${i}`}
      >
        {(r, i, set) => (
          <>
            <SelectField
              id={`wiz-lang-${i}`}
              q="interview.q.language"
              value={r.lang}
              onChange={(v) => set({ lang: v })}
              empty={t('interview.choose')}
              options={languages}
              error={tried && !r.lang && t('interview.required')}
            />
            <Checkbox q="interview.q.native" checked={r.native} onChange={(native) => set({ native })} />
            {!r.native &&
              LANGUAGE_SKILLS.map((skill) => (
                <SelectField
                  key={skill}
                  id={`wiz-lang-${i}-${skill}`}
                  q={`interview.q.${skill}`}
                  value={r[skill] ?? ''}
                  onChange={(v) => set({ [skill]: v || null })}
                  empty={t('interview.notKnown')}
                  options={cefr}
                />
              ))}
          </>
        )}
      </Entries>
    </StepForm>
  );
}

interface EducationRow {
  iscedLevel: string;
  field: string;
  title: string;
  completed: boolean;
  keep: { institution: string | null; country: string | null; yearCompleted: number | null };
}

function EducationStep(props: StepProps) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<EducationRow[]>(() =>
    educationOf(props.profile).map((e) => ({
      iscedLevel: String(e.iscedLevel),
      field: e.field ?? '',
      title: e.title,
      completed: e.completed,
      keep: { institution: e.institution, country: e.country, yearCompleted: e.yearCompleted },
    })),
  );
  const [tried, setTried] = useState(false);
  const levels = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((l) => ({ value: String(l), label: t(`interview.isced.${l}`) }));
  const fields = ISCED_FIELDS.map((f) => ({ value: f, label: t(`interview.fields.${f}`) }));
  return (
    <StepForm
      question="interview.q.education"
      hint="interview.q.educationHint"
      step={props}
      onSubmit={() => {
        setTried(true);
        if (rows.some((r) => !r.iscedLevel || !r.title.trim())) return;
        props.onSave({
          education: rows.map((r) => ({
            iscedLevel: Number(r.iscedLevel),
            field: r.field || null,
            title: r.title.trim(),
            completed: r.completed,
            ...r.keep,
          })),
        });
      }}
    >
      <Entries
        rows={rows}
        setRows={setRows}
        legend={(r, i) => r.title.trim() || `${t('interview.stepNames.education')} ${i + 1}`}
        legendDir="auto"
        addLabel={t('interview.stepNames.education')}
        blank={{
          iscedLevel: '',
          field: '',
          title: '',
          completed: true,
          keep: { institution: null, country: null, yearCompleted: null },
        }}
        firstField={(i) => `wiz-edu-${i}-level`}
      >
        {(r, i, set) => (
          <>
            <SelectField
              id={`wiz-edu-${i}-level`}
              q="interview.q.iscedLevel"
              value={r.iscedLevel}
              onChange={(v) => set({ iscedLevel: v })}
              empty={t('interview.choose')}
              options={levels}
              error={tried && !r.iscedLevel && t('interview.required')}
            />
            <SelectField
              id={`wiz-edu-${i}-field`}
              q="interview.q.field"
              value={r.field}
              onChange={(v) => set({ field: v })}
              empty={t('interview.notKnown')}
              options={fields}
            />
            <InputField
              id={`wiz-edu-${i}-title`}
              q="interview.q.educationTitle"
              error={tried && !r.title.trim() && t('interview.required')}
              type="text"
              dir="auto"
              maxLength={300}
              value={r.title}
              onChange={(v) => set({ title: v })}
            />
            <Checkbox q="interview.q.completed" checked={r.completed} onChange={(completed) => set({ completed })} />
          </>
        )}
      </Entries>
    </StepForm>
  );
}

interface ExperienceRow {
  occupationUri: string;
  occupationLabel: string;
  text: string;
  country: string;
  months: string;
  formal: boolean;
  description: string;
}

function ExperienceStep(props: StepProps) {
  const { t } = useTranslation();
  const stored = experienceOf(props.profile);
  const labels = useLabels(
    stored.map((e) => e.occupationUri),
    'occupation',
  );
  const [rows, setRows] = useState<ExperienceRow[]>(() =>
    stored.map((e) => ({
      occupationUri: e.occupationUri,
      occupationLabel: '',
      text: e.title ?? '',
      country: e.country,
      months: String(e.months),
      formal: e.formal,
      description: e.description ?? '',
    })),
  );
  const [tried, setTried] = useState(false);
  const monthsOk = (m: string) => /^\d{1,3}$/.test(m.trim()) && Number(m) <= 720;
  const chosen = (r: ExperienceRow) => r.occupationLabel || labels.get(r.occupationUri) || '';
  return (
    <StepForm
      question="interview.q.experience"
      step={props}
      onSubmit={() => {
        setTried(true);
        if (rows.some((r) => !r.occupationUri || !r.country || !monthsOk(r.months))) return;
        props.onSave({
          experience: rows.map((r) => ({
            occupationUri: r.occupationUri,
            title: r.text.trim() || null,
            country: r.country,
            months: Number(r.months),
            formal: r.formal,
            description: r.description.trim() || null,
          })),
        });
      }}
    >
      <Entries
        rows={rows}
        setRows={setRows}
        legend={(r, i) => chosen(r) || r.text || `${t('interview.stepNames.experience')} ${i + 1}`}
        legendDir="auto"
        addLabel={t('interview.stepNames.experience')}
        blank={{
          occupationUri: '',
          occupationLabel: '',
          text: '',
          country: '',
          months: '',
          formal: false,
          description: '',
        }}
        firstField={(i) => `wiz-exp-${i}-occupation`}
      >
        {(r, i, set) => {
          const occErr = tried && !r.occupationUri && t('interview.chooseOccupation');
          return (
            <>
              <ConceptPicker
                id={`wiz-exp-${i}-occupation`}
                q="interview.q.occupation"
                type="occupation"
                value={r.text}
                invalid={!!occErr}
                onChange={(v) => set({ text: v, occupationUri: '', occupationLabel: '' })}
                onPick={(h) => set({ occupationUri: h.uri, occupationLabel: h.label, text: r.text || h.label })}
              />
              {r.occupationUri && chosen(r) && (
                <p className="chosen" dir="auto">
                  {t('interview.occupationChosen', { label: chosen(r) })}
                </p>
              )}
              {occErr && <p className="error">{occErr}</p>}
              <CountryField
                id={`wiz-exp-${i}-country`}
                q="interview.q.workCountry"
                value={r.country}
                onChange={(v) => set({ country: v })}
                error={tried && !r.country && t('interview.required')}
              />
              <InputField
                id={`wiz-exp-${i}-months`}
                q="interview.q.months"
                error={tried && !monthsOk(r.months) && t('interview.monthsInvalid')}
                type="number"
                inputMode="numeric"
                min={0}
                max={720}
                value={r.months}
                onChange={(v) => set({ months: v })}
              />
              <fieldset className="choices">
                <legend>
                  <Q k="interview.q.workKind" />
                </legend>
                <label className="choice">
                  <input
                    type="radio"
                    name={`wiz-exp-${i}-kind`}
                    checked={r.formal}
                    onChange={() => set({ formal: true })}
                  />
                  <Q k="interview.q.formal" />
                </label>
                <label className="choice">
                  <input
                    type="radio"
                    name={`wiz-exp-${i}-kind`}
                    checked={!r.formal}
                    onChange={() => set({ formal: false })}
                  />
                  <Q k="interview.q.informal" />
                </label>
              </fieldset>
              <Field id={`wiz-exp-${i}-description`} q="interview.q.workDescription">
                <textarea
                  id={`wiz-exp-${i}-description`}
                  dir="auto"
                  rows={3}
                  maxLength={2000}
                  value={r.description}
                  onChange={(e) => set({ description: e.target.value })}
                />
              </Field>
            </>
          );
        }}
      </Entries>
    </StepForm>
  );
}

interface Suggestion {
  uri: string;
  label: string;
  reason: string;
  source: string;
}

/** Up to this many essential skills per occupation are offered: enough to talk through, not a wall. */
const ESSENTIAL_PER_OCCUPATION = 10;

function SkillsStep(props: StepProps) {
  const { t, i18n } = useTranslation();
  const lang = contentLanguage(i18n.language);
  const p = props.profile;
  const labels = useLabels(
    p.skills.slice(0, 40).map((s) => s.uri),
    'skill',
  );
  const [suggestions, setSuggestions] = useState<Suggestion[] | null>(null);
  const [decisions, setDecisions] = useState<Record<string, Decision | undefined>>({});
  const [removed, setRemoved] = useState<Set<string>>(new Set());
  const [text, setText] = useState('');
  const [textStatus, setTextStatus] = useState<'idle' | 'loading' | 'none'>('idle');
  const [search, setSearch] = useState('');
  const listId = useId();

  // Suggestions from the occupations entered (their essential skills) and from the free-text answers.
  useEffect(() => {
    const ctrl = new AbortController();
    const have = new Set(p.skills.map((s) => s.uri));
    const experience = experienceOf(p);
    const fromOccupations = Promise.all(
      [...new Set(experience.map((e) => e.occupationUri))].map((uri) =>
        api.occupation(conceptId(uri), lang, ctrl.signal).then(
          (o) =>
            o.essentialSkills.slice(0, ESSENTIAL_PER_OCCUPATION).map((s) => ({
              uri: s.uri,
              label: s.label,
              reason: t('interview.fromOccupation', { occupation: o.label }),
              source: 'work-experience',
            })),
          () => [] as Suggestion[],
        ),
      ),
    );
    const described = experience
      .map((e) => e.description)
      .filter(Boolean)
      .join('\n');
    const fromText = described
      ? api.extractSkills(described, lang, 8).then(
          (r) =>
            r.results.map((s) => ({
              uri: s.uri,
              label: s.label,
              reason: t('interview.fromText', { evidence: s.evidence }),
              source: 'extraction',
            })),
          () => [] as Suggestion[],
        )
      : Promise.resolve([] as Suggestion[]);
    Promise.all([fromOccupations, fromText]).then(([occ, txt]) => {
      if (ctrl.signal.aborted) return;
      const seen = new Set<string>();
      const all = [...occ.flat(), ...txt].filter((s) => {
        if (have.has(s.uri) || seen.has(s.uri)) return false;
        seen.add(s.uri);
        return true;
      });
      setSuggestions(all);
    });
    return () => ctrl.abort();
    // Computed once per step visit: the answers do not change while on this step.
  }, []);

  function addSuggestions(more: Suggestion[]) {
    setSuggestions((cur) => {
      const list = cur ?? [];
      const have = new Set([...list.map((s) => s.uri), ...p.skills.map((s) => s.uri)]);
      return [...list, ...more.filter((s) => !have.has(s.uri))];
    });
  }

  async function suggestFromText() {
    if (!text.trim()) return;
    setTextStatus('loading');
    try {
      const r = await api.extractSkills(text.trim(), lang, 8);
      const before = new Set([...(suggestions ?? []).map((s) => s.uri), ...p.skills.map((s) => s.uri)]);
      const fresh = r.results.filter((s) => !before.has(s.uri));
      addSuggestions(
        fresh.map((s) => ({
          uri: s.uri,
          label: s.label,
          reason: t('interview.fromText', { evidence: s.evidence }),
          source: 'extraction',
        })),
      );
      setTextStatus(fresh.length ? 'idle' : 'none');
    } catch {
      setTextStatus('none');
    }
  }

  const confirmed = (suggestions ?? []).filter((s) => decisions[s.uri] === 'confirmed');
  return (
    <StepForm
      question="interview.q.skills"
      step={props}
      onSubmit={() =>
        props.onSave({
          skills: mergeSkills(
            p.skills,
            confirmed.map((s) => ({ uri: s.uri, source: s.source })),
            removed,
            props.mode,
          ),
        })
      }
    >
      <h3>{t('interview.currentSkills')}</h3>
      {p.skills.length === 0 ? (
        <p className="muted">{t('interview.noSkillsYet')}</p>
      ) : (
        <RemovableChips
          items={p.skills
            .filter((s) => !removed.has(s.uri))
            .map((s) => ({
              key: s.uri,
              label: labels.get(s.uri) ?? conceptId(s.uri),
              onRemove: () => setRemoved((r) => new Set(r).add(s.uri)),
            }))}
          lang={lang}
        />
      )}
      <h3 id={listId}>{t('interview.skillSuggestions')}</h3>
      {suggestions === null ? (
        <p role="status">{t('interview.looking')}</p>
      ) : suggestions.length === 0 ? (
        <p className="muted">{t('interview.noSuggestions')}</p>
      ) : (
        <ul className="cards" aria-labelledby={listId}>
          {suggestions.map((s) => (
            <SuggestionCard
              key={s.uri}
              label={s.label}
              lang={lang}
              decision={decisions[s.uri]}
              onDecide={(d) => setDecisions((all) => ({ ...all, [s.uri]: toggleDecision(all[s.uri], d) }))}
            >
              <p className="muted" dir="auto">
                {s.reason}
              </p>
            </SuggestionCard>
          ))}
        </ul>
      )}
      <Field id="wiz-skill-text" q="interview.q.moreSkills">
        <textarea
          id="wiz-skill-text"
          dir="auto"
          lang={lang}
          rows={3}
          maxLength={4000}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </Field>
      <p>
        <button type="button" className="secondary" onClick={() => void suggestFromText()}>
          {t('interview.findSkills')}
        </button>
      </p>
      <div role="status" className="status">
        {textStatus === 'loading' && t('interview.looking')}
        {textStatus === 'none' && t('interview.noSuggestions')}
      </div>
      <ConceptPicker
        id="wiz-skill-search"
        q="interview.q.searchSkill"
        type="skill"
        value={search}
        onChange={setSearch}
        onPick={(h) => {
          // Picking a skill by name is itself a person's confirmation.
          addSuggestions([{ uri: h.uri, label: h.label, reason: t('interview.picked'), source: 'interview' }]);
          setDecisions((all) => ({ ...all, [h.uri]: 'confirmed' }));
          setSearch('');
        }}
      />
      <p className="muted" aria-live="polite">
        {t('interview.toBeSaved', { count: confirmed.length })}
      </p>
    </StepForm>
  );
}

interface PermitRow {
  /** Index in the stored list, null for a new permit (document numbers are kept by position). */
  origin: number | null;
  country: string;
  type: string;
  validFrom: string;
  validUntil: string;
  sectors: string[];
}

function AuthorizationStep(props: StepProps) {
  const { t } = useTranslation();
  const stored = props.profile.workAuthorization.permits;
  const [rows, setRows] = useState<PermitRow[]>(() =>
    props.profile.workAuthorization.permits.map((x, i) => ({
      origin: i,
      country: x.country,
      type: x.type,
      validFrom: x.validFrom ?? '',
      validUntil: x.validUntil ?? '',
      sectors: x.sectors,
    })),
  );
  const [tried, setTried] = useState(false);
  const permitType = (code: string) => t(`interview.permitTypes.${code}`, { defaultValue: code });
  return (
    <StepForm
      question="interview.q.authorization"
      hint="interview.q.authorizationHint"
      step={props}
      onSubmit={() => {
        setTried(true);
        if (rows.some((r) => !r.country || !r.type)) return;
        props.onSave({
          workAuthorization: {
            permits: rows.map((r, i) => ({
              country: r.country,
              type: r.type,
              validFrom: r.validFrom || null,
              validUntil: r.validUntil || null,
              sectors: r.sectors,
              // The server keeps an omitted document number by position: a permit that moved into another's
              // place must not inherit that one's number (its own is cleared; it is re-entered if needed).
              ...(r.origin !== i && stored[i]?.hasDocumentNumber ? { documentNumber: null } : {}),
            })),
          },
        });
      }}
    >
      <Entries
        rows={rows}
        setRows={setRows}
        legend={(r, i) => (r.type ? permitType(r.type) : `${t('interview.stepNames.authorization')} ${i + 1}`)}
        addLabel={t('interview.stepNames.authorization')}
        blank={{ origin: null, country: '', type: '', validFrom: '', validUntil: '', sectors: [] }}
        firstField={(i) => `wiz-permit-${i}-country`}
      >
        {(r, i, set) => (
          <>
            <CountryField
              id={`wiz-permit-${i}-country`}
              q="interview.q.permitCountry"
              value={r.country}
              onChange={(v) => set({ country: v })}
              error={tried && !r.country && t('interview.required')}
            />
            <SelectField
              id={`wiz-permit-${i}-type`}
              q="interview.q.permitType"
              value={r.type}
              onChange={(v) => set({ type: v })}
              empty={t('interview.choose')}
              // A stored type this version does not know is still shown, not lost.
              options={[
                ...PERMIT_TYPES,
                ...(r.type && !(PERMIT_TYPES as readonly string[]).includes(r.type) ? [r.type] : []),
              ].map((code) => ({ value: code, label: permitType(code) }))}
              error={tried && !r.type && t('interview.required')}
            />
            <div className="field-pair">
              <InputField
                id={`wiz-permit-${i}-from`}
                q="interview.q.validFrom"
                type="date"
                value={r.validFrom}
                onChange={(v) => set({ validFrom: v })}
              />
              <InputField
                id={`wiz-permit-${i}-until`}
                q="interview.q.validUntil"
                type="date"
                value={r.validUntil}
                onChange={(v) => set({ validUntil: v })}
              />
            </div>
            <fieldset className="choices sectors">
              <legend>
                <Q k="interview.q.sectors" />
              </legend>
              {SECTOR_CODES.map((code) => (
                <label key={code} className="choice">
                  <input
                    type="checkbox"
                    checked={r.sectors.includes(code)}
                    onChange={(e) =>
                      set({
                        sectors: e.target.checked ? [...r.sectors, code].sort() : r.sectors.filter((s) => s !== code),
                      })
                    }
                  />
                  {t(`vacancy.sectors.${code}`)}
                </label>
              ))}
            </fieldset>
          </>
        )}
      </Entries>
    </StepForm>
  );
}

function PreferencesStep(props: StepProps) {
  const { t, i18n } = useTranslation();
  const lang = contentLanguage(i18n.language);
  const stored = preferencesOf(props.profile);
  const storedLabels = useLabels(stored.occupations, 'occupation');
  const [occupations, setOccupations] = useState<{ uri: string; label: string }[]>(() =>
    stored.occupations.map((uri) => ({ uri, label: '' })),
  );
  const [search, setSearch] = useState('');
  const [regions, setRegions] = useState(stored.regions);
  const [country, setCountry] = useState('');
  const [relocate, setRelocate] = useState(stored.willingToRelocate);
  const [seeking, setSeeking] = useState(props.profile.seeking);
  const labelOf = (o: { uri: string; label: string }) => o.label || storedLabels.get(o.uri) || conceptId(o.uri);
  const regionName = new Intl.DisplayNames([i18n.language], { type: 'region', fallback: 'code' });
  return (
    <StepForm
      question="interview.q.preferences"
      step={props}
      onSubmit={() =>
        props.onSave({
          preferences: { ...stored, occupations: occupations.map((o) => o.uri), regions, willingToRelocate: relocate },
          seeking,
        })
      }
    >
      <ConceptPicker
        id="wiz-pref-occupation"
        q="interview.q.wantedOccupation"
        type="occupation"
        value={search}
        onChange={setSearch}
        onPick={(h) => {
          setOccupations((os) => (os.some((o) => o.uri === h.uri) ? os : [...os, { uri: h.uri, label: h.label }]));
          setSearch('');
        }}
      />
      {occupations.length > 0 && (
        <RemovableChips
          items={occupations.map((o) => ({
            key: o.uri,
            label: labelOf(o),
            onRemove: () => setOccupations((os) => os.filter((x) => x.uri !== o.uri)),
          }))}
          lang={lang}
        />
      )}
      <Field id="wiz-pref-country" q="interview.q.wantedCountries">
        <div className="inline-add">
          <ProfileCountrySelect id="wiz-pref-country" value={country} onChange={setCountry} />
          <button
            type="button"
            className="secondary"
            onClick={() => {
              if (country && !regions.some((r) => r.country === country))
                setRegions((rs) => [...rs, { country, region: '' }]);
              setCountry('');
            }}
          >
            {t('interview.add')}
          </button>
        </div>
      </Field>
      {regions.length > 0 && (
        <RemovableChips
          items={regions.map((r) => ({
            key: `${r.country}-${r.region}`,
            label: regionName.of(r.country) ?? r.country,
            onRemove: () => setRegions((rs) => rs.filter((x) => x !== r)),
          }))}
        />
      )}
      <Checkbox q="interview.q.relocate" checked={relocate} onChange={setRelocate} />
      <Checkbox q="interview.q.seeking" checked={seeking} onChange={setSeeking} />
    </StepForm>
  );
}

// --- Screens --------------------------------------------------------------------------------------------------

/**
 * The person's language to start with: the one remembered for this profile in this browser, else their contact
 * language, else a native one Corridor speaks.
 */
function initialPersonLanguage(p: Profile, uiLang: string): string {
  const stored = storedInterviewLanguage(p.id);
  if (isUiLanguage(stored)) return stored;
  const contact = uiLanguageOf(p.contactLanguage);
  if (contact) return contact;
  const native = languagesOf(p).find((l) => l.native && isUiLanguage(l.lang));
  return native?.lang ?? uiLang;
}

export function InterviewScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const state = useApi((signal) => api.profile(id, signal), [id]);
  const back = (
    <p className="back">
      <Link href={`/caseload/${id}`}>{t('interview.backToProfile')}</Link>
    </p>
  );
  if (state.status !== 'done')
    return <DetailPending state={state} title={t('interview.eyebrow')} back={back} screen="interview" />;
  return <Interview profile={state.data} back={back} />;
}

function Interview({ profile, back }: { profile: Profile; back: ReactNode }) {
  const { t, i18n } = useTranslation();
  // An interview with a stored step was started (maybe on another device): resume it straight away.
  const [started, setStarted] = useState(
    () => storedInterviewLanguage(profile.id) !== null || typeof profile.interviewStep === 'number',
  );
  const [personLang, setPersonLang] = useState(() => initialPersonLanguage(profile, i18n.language));
  const [justStarted, setJustStarted] = useState(false);
  const choose = (lang: string) => {
    setPersonLang(lang);
    storeInterviewLanguage(profile.id, lang);
  };
  const languageSelect = (
    <div className="field person-language">
      <label htmlFor="interview-lang">{t('interview.personLanguage')}</label>
      <p id="interview-lang-hint" className="hint">
        {t('interview.personLanguageHint')}
      </p>
      <select
        id="interview-lang"
        aria-describedby="interview-lang-hint"
        value={personLang}
        onChange={(e) => (started ? choose(e.target.value) : setPersonLang(e.target.value))}
      >
        <LanguageOptions />
      </select>
    </div>
  );
  return (
    <article className="screen interview" data-screen="interview">
      {back}
      <p className="eyebrow">{t('interview.eyebrow')}</p>
      <ScreenHeading title={`${t('interview.eyebrow')} · ${profile.displayName} · ${t('app.name')}`}>
        <span dir="auto">{t('interview.title', { name: profile.displayName })}</span>
      </ScreenHeading>
      <p>{t('interview.intro')}</p>
      {!started ? (
        <section className="panel" aria-labelledby="interview-start">
          <h2 id="interview-start">{t('interview.startHeading')}</h2>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              choose(personLang);
              setStarted(true);
              setJustStarted(true);
            }}
          >
            {languageSelect}
            <button type="submit">{t('interview.start')}</button>
          </form>
        </section>
      ) : (
        <>
          {languageSelect}
          <ProfileWizard
            mode="advisor"
            initial={profile}
            storageKey={`interview.${profile.id}`}
            secondLanguage={personLang}
            defaultContactLanguage={personLang}
            focusOnMount={justStarted}
            reload={() => api.profile(profile.id)}
            done={
              <p>
                <Link href={`/caseload/${profile.id}`}>{t('interview.backToProfile')}</Link>
              </p>
            }
          />
        </>
      )}
    </article>
  );
}

export function MyProfileScreen() {
  const { t, i18n } = useTranslation();
  const state = useApi((signal) => selfService.myProfile(signal), []);
  const title = t('me.profileTitle');
  if (state.status === 'error' && state.key === 'errors.notFound') {
    return (
      <section className="screen" data-screen="my-profile">
        <ScreenHeading title={`${title} · ${t('app.name')}`}>{title}</ScreenHeading>
        <p className="notice">{t('me.noProfile')}</p>
      </section>
    );
  }
  if (state.status !== 'done') return <DetailPending state={state} title={title} back={null} screen="my-profile" />;
  return (
    <section className="screen my-profile" data-screen="my-profile">
      <ScreenHeading title={`${title} · ${t('app.name')}`}>{title}</ScreenHeading>
      <p>{t('me.profileIntro')}</p>
      <ProfileWizard
        mode="self"
        initial={state.data}
        storageKey={`me.${state.data.id}`}
        secondLanguage={null}
        defaultContactLanguage={i18n.language}
        reload={() => selfService.myProfile()}
        done={null}
      />
    </section>
  );
}
