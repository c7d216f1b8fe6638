// The profile wizard: an advisor's guided skills interview (each question in the advisor's and the migrant's
// language, side by side) and the migrant's own profile in simple steps. Every step saves the profile (PUT with
// the version read); a conflicting save is shown, never overwritten.
import { createContext, useContext, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, conceptId, type SearchHit } from '../api.js';
import { Combobox } from '../components/Combobox.js';
import { DetailPending } from '../components/Concept.js';
import { ScreenHeading } from '../components/Heading.js';
import { Link } from '../components/Link.js';
import { countries } from '../countries.js';
import { errorKey } from '../errors.js';
import { contentLanguage, directionOf, isUiLanguage, LANGUAGES } from '../i18n.js';
import {
  CEFR,
  educationOf,
  experienceOf,
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
  onPrevious(): void;
  onSave(answers: Record<string, unknown>): void;
}

export function ProfileWizard(props: {
  mode: WizardMode;
  initial: Profile;
  /** Remembers the furthest step reached in this browser. */
  storageKey: string;
  secondLanguage: string | null;
  reload(): Promise<Profile>;
  done: ReactNode;
}) {
  const { t } = useTranslation();
  const [profile, setProfile] = useState(props.initial);
  const [step, setStep] = useState(() => resumeStep(props.initial, storedFurthestStep(props.storageKey)));
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [generation, setGeneration] = useState(0); // forms start afresh after a reload
  const headingRef = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

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
      const saved = await selfService.saveProfile(profile.id, withAnswers(profile, answers));
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

function StepForm(props: {
  question: string;
  hint?: string;
  busy: boolean;
  first: boolean;
  onPrevious(): void;
  onSubmit(): void;
  children: ReactNode;
}) {
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
        {!props.first && (
          <button type="button" className="secondary" onClick={props.onPrevious}>
            {t('interview.previous')}
          </button>
        )}
        <button type="submit" disabled={props.busy}>
          {props.busy ? t('interview.saving') : t('interview.saveNext')}
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

function CountrySelect(props: {
  id: string;
  value: string;
  onChange(v: string): void;
  error?: string | false;
  optional?: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <select
      id={props.id}
      value={props.value === UNKNOWN_COUNTRY ? '' : props.value}
      onChange={(e) => props.onChange(e.target.value)}
      {...errorProps(props.id, props.error)}
    >
      <option value="">{props.optional ? t('interview.notKnown') : t('caseload.chooseCountry')}</option>
      {countries(i18n.language).map((c) => (
        <option key={c.code} value={c.code}>
          {c.name}
        </option>
      ))}
    </select>
  );
}

function languageName(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
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
      countMessage={(n) => t('interview.suggestionCount', { count: n })}
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
  const [tried, setTried] = useState(false);
  const missing = (v: string) => tried && !v.trim() && t('interview.required');
  return (
    <StepForm
      question="interview.q.identity"
      busy={props.busy}
      first={props.first}
      onPrevious={props.onPrevious}
      onSubmit={() => {
        setTried(true);
        if (!name.trim() || !origin || !current) return;
        props.onSave({ displayName: name.trim(), originCountry: origin, currentCountry: current });
      }}
    >
      <Field id="wiz-name" q="interview.q.displayName" error={missing(name)}>
        <input
          id="wiz-name"
          type="text"
          dir="auto"
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.target.value)}
          {...errorProps('wiz-name', missing(name))}
        />
      </Field>
      <Field id="wiz-origin" q="interview.q.originCountry" error={missing(origin)}>
        <CountrySelect id="wiz-origin" value={origin} onChange={setOrigin} error={missing(origin)} />
      </Field>
      <Field id="wiz-current" q="interview.q.currentCountry" error={missing(current)}>
        <CountrySelect id="wiz-current" value={current} onChange={setCurrent} error={missing(current)} />
      </Field>
    </StepForm>
  );
}

function LanguagesStep(props: StepProps) {
  const { t, i18n } = useTranslation();
  const [rows, setRows] = useState<LanguageEntry[]>(() => languagesOf(props.profile).map((l) => ({ ...l })));
  const [tried, setTried] = useState(false);
  const set = (i: number, patch: Partial<LanguageEntry>) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const collator = new Intl.Collator(i18n.language);
  const codes = [...LANGUAGE_CODES].sort((a, b) =>
    collator.compare(languageName(a, i18n.language), languageName(b, i18n.language)),
  );
  return (
    <StepForm
      question="interview.q.languages"
      busy={props.busy}
      first={props.first}
      onPrevious={props.onPrevious}
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
      {rows.map((r, i) => {
        const legend = r.lang ? languageName(r.lang, i18n.language) : `${t('interview.q.language')} ${i + 1}`;
        const err = tried && !r.lang && t('interview.required');
        return (
          <fieldset key={i} className="entry">
            <legend>{legend}</legend>
            <Field id={`wiz-lang-${i}`} q="interview.q.language" error={err}>
              <select
                id={`wiz-lang-${i}`}
                value={r.lang}
                onChange={(e) => set(i, { lang: e.target.value })}
                {...errorProps(`wiz-lang-${i}`, err)}
              >
                <option value="">{t('interview.choose')}</option>
                {codes.map((c) => (
                  <option key={c} value={c}>
                    {languageName(c, i18n.language)}
                  </option>
                ))}
              </select>
            </Field>
            <label className="choice">
              <input type="checkbox" checked={r.native} onChange={(e) => set(i, { native: e.target.checked })} />
              <Q k="interview.q.native" />
            </label>
            {!r.native &&
              LANGUAGE_SKILLS.map((skill) => (
                <Field key={skill} id={`wiz-lang-${i}-${skill}`} q={`interview.q.${skill}`}>
                  <select
                    id={`wiz-lang-${i}-${skill}`}
                    value={r[skill] ?? ''}
                    onChange={(e) => set(i, { [skill]: e.target.value || null })}
                  >
                    <option value="">{t('interview.notKnown')}</option>
                    {CEFR.map((level) => (
                      <option key={level} value={level}>
                        {level}
                      </option>
                    ))}
                  </select>
                </Field>
              ))}
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
            setRows((rs) => [
              ...rs,
              { lang: '', native: false, listening: null, reading: null, speaking: null, writing: null },
            ]);
            focusSoon(`wiz-lang-${rows.length}`);
          }}
        >
          {t('interview.add')}: {t('interview.q.language')}
        </button>
      </p>
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
  const set = (i: number, patch: Partial<EducationRow>) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <StepForm
      question="interview.q.education"
      hint="interview.q.educationHint"
      busy={props.busy}
      first={props.first}
      onPrevious={props.onPrevious}
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
      {rows.map((r, i) => {
        const levelErr = tried && !r.iscedLevel && t('interview.required');
        const titleErr = tried && !r.title.trim() && t('interview.required');
        const legend = r.title.trim() || `${t('interview.stepNames.education')} ${i + 1}`;
        return (
          <fieldset key={i} className="entry">
            <legend dir="auto">{legend}</legend>
            <Field id={`wiz-edu-${i}-level`} q="interview.q.iscedLevel" error={levelErr}>
              <select
                id={`wiz-edu-${i}-level`}
                value={r.iscedLevel}
                onChange={(e) => set(i, { iscedLevel: e.target.value })}
                {...errorProps(`wiz-edu-${i}-level`, levelErr)}
              >
                <option value="">{t('interview.choose')}</option>
                {[0, 1, 2, 3, 4, 5, 6, 7, 8].map((l) => (
                  <option key={l} value={String(l)}>
                    {t(`interview.isced.${l}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field id={`wiz-edu-${i}-field`} q="interview.q.field">
              <select id={`wiz-edu-${i}-field`} value={r.field} onChange={(e) => set(i, { field: e.target.value })}>
                <option value="">{t('interview.notKnown')}</option>
                {ISCED_FIELDS.map((f) => (
                  <option key={f} value={f}>
                    {t(`interview.fields.${f}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field id={`wiz-edu-${i}-title`} q="interview.q.educationTitle" error={titleErr}>
              <input
                id={`wiz-edu-${i}-title`}
                type="text"
                dir="auto"
                maxLength={300}
                value={r.title}
                onChange={(e) => set(i, { title: e.target.value })}
                {...errorProps(`wiz-edu-${i}-title`, titleErr)}
              />
            </Field>
            <label className="choice">
              <input type="checkbox" checked={r.completed} onChange={(e) => set(i, { completed: e.target.checked })} />
              <Q k="interview.q.completed" />
            </label>
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
            setRows((rs) => [
              ...rs,
              {
                iscedLevel: '',
                field: '',
                title: '',
                completed: true,
                keep: { institution: null, country: null, yearCompleted: null },
              },
            ]);
            focusSoon(`wiz-edu-${rows.length}-level`);
          }}
        >
          {t('interview.add')}: {t('interview.stepNames.education')}
        </button>
      </p>
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
  const set = (i: number, patch: Partial<ExperienceRow>) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const monthsOk = (m: string) => /^\d{1,3}$/.test(m.trim()) && Number(m) <= 720;
  return (
    <StepForm
      question="interview.q.experience"
      busy={props.busy}
      first={props.first}
      onPrevious={props.onPrevious}
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
      {rows.map((r, i) => {
        const chosen = r.occupationLabel || labels.get(r.occupationUri) || '';
        const occErr = tried && !r.occupationUri && t('interview.chooseOccupation');
        const countryErr = tried && !r.country && t('interview.required');
        const monthsErr = tried && !monthsOk(r.months) && t('interview.monthsInvalid');
        const legend = chosen || r.text || `${t('interview.stepNames.experience')} ${i + 1}`;
        return (
          <fieldset key={i} className="entry">
            <legend dir="auto">{legend}</legend>
            <ConceptPicker
              id={`wiz-exp-${i}-occupation`}
              q="interview.q.occupation"
              type="occupation"
              value={r.text}
              invalid={!!occErr}
              onChange={(v) => set(i, { text: v, occupationUri: '', occupationLabel: '' })}
              onPick={(h) => set(i, { occupationUri: h.uri, occupationLabel: h.label, text: r.text || h.label })}
            />
            {r.occupationUri && chosen && (
              <p className="chosen" dir="auto">
                {t('interview.occupationChosen', { label: chosen })}
              </p>
            )}
            {occErr && <p className="error">{occErr}</p>}
            <Field id={`wiz-exp-${i}-country`} q="interview.q.workCountry" error={countryErr}>
              <CountrySelect
                id={`wiz-exp-${i}-country`}
                value={r.country}
                onChange={(v) => set(i, { country: v })}
                error={countryErr}
              />
            </Field>
            <Field id={`wiz-exp-${i}-months`} q="interview.q.months" error={monthsErr}>
              <input
                id={`wiz-exp-${i}-months`}
                type="number"
                inputMode="numeric"
                min={0}
                max={720}
                value={r.months}
                onChange={(e) => set(i, { months: e.target.value })}
                {...errorProps(`wiz-exp-${i}-months`, monthsErr)}
              />
            </Field>
            <fieldset className="choices">
              <legend>
                <Q k="interview.q.workKind" />
              </legend>
              <label className="choice">
                <input
                  type="radio"
                  name={`wiz-exp-${i}-kind`}
                  checked={r.formal}
                  onChange={() => set(i, { formal: true })}
                />
                <Q k="interview.q.formal" />
              </label>
              <label className="choice">
                <input
                  type="radio"
                  name={`wiz-exp-${i}-kind`}
                  checked={!r.formal}
                  onChange={() => set(i, { formal: false })}
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
                onChange={(e) => set(i, { description: e.target.value })}
              />
            </Field>
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
            setRows((rs) => [
              ...rs,
              {
                occupationUri: '',
                occupationLabel: '',
                text: '',
                country: '',
                months: '',
                formal: false,
                description: '',
              },
            ]);
            focusSoon(`wiz-exp-${rows.length}-occupation`);
          }}
        >
          {t('interview.add')}: {t('interview.stepNames.experience')}
        </button>
      </p>
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
  const [decisions, setDecisions] = useState<Record<string, 'confirmed' | 'rejected' | undefined>>({});
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
      busy={props.busy}
      first={props.first}
      onPrevious={props.onPrevious}
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
        <ul className="chips">
          {p.skills
            .filter((s) => !removed.has(s.uri))
            .map((s) => {
              const label = labels.get(s.uri) ?? conceptId(s.uri);
              return (
                <li key={s.uri}>
                  <span lang={lang} dir="auto">
                    {label}
                  </span>
                  <button
                    type="button"
                    className="secondary small"
                    onClick={() => setRemoved((r) => new Set(r).add(s.uri))}
                  >
                    {t('interview.removeItem', { item: label })}
                  </button>
                </li>
              );
            })}
        </ul>
      )}
      <h3 id={listId}>{t('interview.skillSuggestions')}</h3>
      {suggestions === null ? (
        <p role="status">{t('interview.looking')}</p>
      ) : suggestions.length === 0 ? (
        <p className="muted">{t('interview.noSuggestions')}</p>
      ) : (
        <ul className="cards" aria-labelledby={listId}>
          {suggestions.map((s) => (
            <SuggestionItem
              key={s.uri}
              suggestion={s}
              lang={lang}
              decision={decisions[s.uri]}
              onDecide={(d) => setDecisions((all) => ({ ...all, [s.uri]: all[s.uri] === d ? undefined : d }))}
            />
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor="wiz-skill-text">
          <Q k="interview.q.moreSkills" />
        </label>
        <textarea
          id="wiz-skill-text"
          dir="auto"
          lang={lang}
          rows={3}
          maxLength={4000}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
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

function SuggestionItem(props: {
  suggestion: Suggestion;
  lang: string;
  decision: 'confirmed' | 'rejected' | undefined;
  onDecide(d: 'confirmed' | 'rejected'): void;
}) {
  const { t } = useTranslation();
  const labelId = useId();
  const s = props.suggestion;
  return (
    <li className={`card suggestion ${props.decision ?? ''}`}>
      <div className="card-title">
        <span id={labelId} lang={props.lang} dir="auto">
          {s.label}
        </span>
        {props.decision && <span className={`badge ${props.decision}`}>{t(`describe.${props.decision}`)}</span>}
      </div>
      <p className="muted" dir="auto">
        {s.reason}
      </p>
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
  const set = (i: number, patch: Partial<PermitRow>) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <StepForm
      question="interview.q.authorization"
      hint="interview.q.authorizationHint"
      busy={props.busy}
      first={props.first}
      onPrevious={props.onPrevious}
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
      {rows.map((r, i) => {
        const countryErr = tried && !r.country && t('interview.required');
        const typeErr = tried && !r.type && t('interview.required');
        const legend = r.type
          ? t(`interview.permitTypes.${r.type}`, { defaultValue: r.type })
          : `${t('interview.stepNames.authorization')} ${i + 1}`;
        return (
          <fieldset key={i} className="entry">
            <legend>{legend}</legend>
            <Field id={`wiz-permit-${i}-country`} q="interview.q.permitCountry" error={countryErr}>
              <CountrySelect
                id={`wiz-permit-${i}-country`}
                value={r.country}
                onChange={(v) => set(i, { country: v })}
                error={countryErr}
              />
            </Field>
            <Field id={`wiz-permit-${i}-type`} q="interview.q.permitType" error={typeErr}>
              <select
                id={`wiz-permit-${i}-type`}
                value={r.type}
                onChange={(e) => set(i, { type: e.target.value })}
                {...errorProps(`wiz-permit-${i}-type`, typeErr)}
              >
                <option value="">{t('interview.choose')}</option>
                {[
                  ...PERMIT_TYPES,
                  ...(r.type && !(PERMIT_TYPES as readonly string[]).includes(r.type) ? [r.type] : []),
                ].map((code) => (
                  <option key={code} value={code}>
                    {t(`interview.permitTypes.${code}`, { defaultValue: code })}
                  </option>
                ))}
              </select>
            </Field>
            <div className="field-pair">
              <Field id={`wiz-permit-${i}-from`} q="interview.q.validFrom">
                <input
                  id={`wiz-permit-${i}-from`}
                  type="date"
                  value={r.validFrom}
                  onChange={(e) => set(i, { validFrom: e.target.value })}
                />
              </Field>
              <Field id={`wiz-permit-${i}-until`} q="interview.q.validUntil">
                <input
                  id={`wiz-permit-${i}-until`}
                  type="date"
                  value={r.validUntil}
                  onChange={(e) => set(i, { validUntil: e.target.value })}
                />
              </Field>
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
                      set(i, {
                        sectors: e.target.checked ? [...r.sectors, code].sort() : r.sectors.filter((s) => s !== code),
                      })
                    }
                  />
                  {t(`vacancy.sectors.${code}`)}
                </label>
              ))}
            </fieldset>
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
            setRows((rs) => [
              ...rs,
              { origin: null, country: '', type: '', validFrom: '', validUntil: '', sectors: [] },
            ]);
            focusSoon(`wiz-permit-${rows.length}-country`);
          }}
        >
          {t('interview.add')}: {t('interview.stepNames.authorization')}
        </button>
      </p>
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
  return (
    <StepForm
      question="interview.q.preferences"
      busy={props.busy}
      first={props.first}
      onPrevious={props.onPrevious}
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
        <ul className="chips">
          {occupations.map((o) => (
            <li key={o.uri}>
              <span lang={lang} dir="auto">
                {labelOf(o)}
              </span>
              <button
                type="button"
                className="secondary small"
                onClick={() => setOccupations((os) => os.filter((x) => x.uri !== o.uri))}
              >
                {t('interview.removeItem', { item: labelOf(o) })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor="wiz-pref-country">
          <Q k="interview.q.wantedCountries" />
        </label>
        <div className="inline-add">
          <CountrySelect id="wiz-pref-country" value={country} onChange={setCountry} />
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
      </div>
      {regions.length > 0 && (
        <ul className="chips">
          {regions.map((r) => {
            const name = new Intl.DisplayNames([i18n.language], { type: 'region', fallback: 'code' }).of(r.country);
            return (
              <li key={`${r.country}-${r.region}`}>
                <span>{name}</span>
                <button
                  type="button"
                  className="secondary small"
                  onClick={() => setRegions((rs) => rs.filter((x) => x !== r))}
                >
                  {t('interview.removeItem', { item: name })}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <label className="choice">
        <input type="checkbox" checked={relocate} onChange={(e) => setRelocate(e.target.checked)} />
        <Q k="interview.q.relocate" />
      </label>
      <label className="choice">
        <input type="checkbox" checked={seeking} onChange={(e) => setSeeking(e.target.checked)} />
        <Q k="interview.q.seeking" />
      </label>
    </StepForm>
  );
}

// --- Screens --------------------------------------------------------------------------------------------------

/** The person's language to start with: the one remembered for this profile, else a native one Corridor speaks. */
function initialPersonLanguage(p: Profile, uiLang: string): string {
  const stored = storedInterviewLanguage(p.id);
  if (isUiLanguage(stored)) return stored;
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
  const [started, setStarted] = useState(() => storedInterviewLanguage(profile.id) !== null);
  const [personLang, setPersonLang] = useState(() => initialPersonLanguage(profile, i18n.language));
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
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`languages.${l}`)}
          </option>
        ))}
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
  const { t } = useTranslation();
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
        reload={() => selfService.myProfile()}
        done={null}
      />
    </section>
  );
}
