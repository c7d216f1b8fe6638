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
import {
  api,
  ApiError,
  codeSuggestions,
  errorField,
  conceptId,
  type OccupationEvidence,
  type OccupationSuggestion,
  type SearchHit,
} from '../api.js';
import { placeKnown, progressOf, type NextStep, type Progress } from '../me.js';
import { titleReason } from '../occupationEvidence.js';
import { OccupationWhy } from './DescribeJob.js';
import { Combobox } from '../components/Combobox.js';
import { DetailPending } from '../components/Concept.js';
import {
  contactLanguageOptions,
  CountrySelect,
  RegionField,
  useRegionMessage,
  useRegionsInUse,
} from '../components/Fields.js';
import { clearDrafts, hasDrafts, useDraft, useHasDrafts } from '../drafts.js';
import { regionProblem } from '../place.js';
import { ScreenHeading } from '../components/Heading.js';
import { LanguageOptions } from '../components/LanguageSwitch.js';
import { Link } from '../components/Link.js';
import { errorKey } from '../errors.js';
import { countryName } from '../countries.js';
import { contentLanguage, directionOf, isUiLanguage, languageName, uiLanguageOf } from '../i18n.js';
import {
  CEFR,
  citizenshipAnswerOf,
  citizenshipsToSave,
  educationOf,
  experienceOf,
  interviewStepAfter,
  ISCED_FIELDS,
  LANGUAGE_CODES,
  LANGUAGE_SKILLS,
  languagesOf,
  MAX_CITIZENSHIPS,
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
  type CitizenshipAnswer,
  type CitizenshipKind,
  type LanguageEntry,
  type Step,
} from '../interview.js';
import type { Profile, ProfileSkill } from '../profiles.js';

type SkillSource = ProfileSkill['source'];
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
  /** `field`: the answer the server refused (a 400 naming it), shown next to its field. */
  | { kind: 'error'; key: string; field?: string };

interface StepProps {
  profile: Profile;
  /** Prefix of this step's unsaved answers (drafts.ts): they survive leaving the step. */
  draftKey: string;
  mode: WizardMode;
  busy: boolean;
  first: boolean;
  /** The contact language to offer while the profile has none. */
  defaultContactLanguage: string;
  /** The profile field of the answer the server refused on the last save (e.g. `citizenships`). */
  refused?: string;
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
  /** Told of every saved step (the migrant's progress bar follows it). */
  onSaved?(p: Profile): void;
  /** The step heading takes focus at once (the person just pressed "Start the interview"). */
  focusOnMount?: boolean;
}) {
  const { t } = useTranslation();
  const [profile, setProfile] = useState(props.initial);
  // The migrant's own profile starts with where they live until it is known: nobody is matched without it.
  const [step, setStep] = useState(() =>
    props.mode === 'self' && !placeKnown(props.initial)
      ? 0
      : resumeStep(props.initial, storedFurthestStep(props.storageKey)),
  );
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [generation, setGeneration] = useState(0); // forms start afresh after a reload
  const headingRef = useRef<HTMLHeadingElement>(null);
  const moved = useRef(props.focusOnMount ?? false);

  useEffect(() => {
    if (moved.current) headingRef.current?.focus();
  }, [step, generation]);

  // The step marks a refused answer when it renders this state: the person lands on it (after the commit, so the
  // field is there however long the render took).
  useEffect(() => {
    if (save.kind === 'error' && save.field)
      document.querySelector<HTMLElement>('.wizard-step [aria-invalid="true"]')?.focus();
  }, [save]);

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
      clearDrafts(`${props.storageKey}.${current}.`);
      storeFurthestStep(props.storageKey, step + 1);
      setProfile(saved);
      props.onSaved?.(saved);
      setSave({ kind: 'saved', step: current });
      go(step + 1);
    } catch (err) {
      const field = errorField(err) ?? undefined;
      setSave(
        err instanceof ApiError && err.status === 409
          ? { kind: 'conflict' }
          : { kind: 'error', key: errorKey(err), field },
      );
    }
  }

  async function reload() {
    try {
      setProfile(await props.reload());
      // The stored answers changed under the person's edits: the forms start again from them.
      clearDrafts(`${props.storageKey}.`);
      setSave({ kind: 'idle' });
      moved.current = true;
      setGeneration((g) => g + 1);
    } catch (err) {
      setSave({ kind: 'error', key: errorKey(err) });
    }
  }

  const stepProps: StepProps = {
    profile,
    draftKey: `${props.storageKey}.${STEPS[step] ?? 'done'}.`,
    mode: props.mode,
    busy: save.kind === 'saving',
    first: step === 0,
    defaultContactLanguage: props.defaultContactLanguage,
    refused: save.kind === 'error' ? save.field : undefined,
    onPrevious: () => go(Math.max(0, step - 1)),
    onSave: (a) => void onSave(a),
  };
  const name = STEPS[step];
  const unsaved = useHasDrafts(`${props.storageKey}.`);
  // Answers not saved yet are kept while the person moves around the app; leaving the page asks first.
  useEffect(() => {
    if (!unsaved) return;
    const ask = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [unsaved]);
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
                {hasDrafts(`${props.storageKey}.${s}.`) && <span className="unsaved"> · {t('interview.unsaved')}</span>}
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
      onSubmit={(e: FormEvent<HTMLFormElement>) => {
        e.preventDefault();
        const form = e.currentTarget;
        props.onSubmit();
        // A refused answer is marked invalid on the next render: the person lands on it.
        requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
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

/**
 * The job a person did, coded by the occupation coder (title and, when written, the description) rather than
 * plain search: "femme de ménage" is a cleaner, not a soldier. Each suggestion says why it is suggested.
 */
function OccupationCoderPicker(props: {
  id: string;
  q: string;
  value: string;
  description: string;
  invalid?: boolean;
  onChange(v: string): void;
  onPick(o: OccupationSuggestion): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = contentLanguage(i18n.language);
  const second = useContext(SecondLanguage);
  const label =
    second && second !== i18n.language ? `${t(props.q)} / \u2068${i18n.getFixedT(second)(props.q)}\u2069` : t(props.q);
  const description = props.description.trim();
  return (
    <Combobox<OccupationSuggestion>
      id={props.id}
      label={label}
      hint={t('interview.occupationHint')}
      value={props.value}
      invalid={props.invalid}
      onChange={props.onChange}
      onPick={props.onPick}
      minChars={3}
      debounceMs={300}
      suggest={async (text, signal) => (await api.classifyOccupation(text, description, lang, 6, signal)).results}
      itemKey={(o) => o.uri}
      renderItem={(o) => (
        <>
          <span className="option-label" lang={lang} dir="auto">
            {o.label}
          </span>
          <span className="badge">{o.isco}</span>
          {o.evidence && <WhyLine evidence={o.evidence} descriptionSent={description !== ''} />}
        </>
      )}
      countMessage={(n) => t('explorer.suggestionCount', { count: n })}
    />
  );
}

/** One line under a suggested occupation: the label the title matched, or where else the suggestion came from. */
function WhyLine(props: { evidence: OccupationEvidence; descriptionSent: boolean }) {
  const { t } = useTranslation();
  const reason = titleReason(props.evidence, props.descriptionSent);
  return (
    <span className="option-why" dir="auto">
      {'label' in reason ? t(reason.key, { label: reason.label.text }) : t(reason.key)}
    </span>
  );
}

// --- Steps ----------------------------------------------------------------------------------------------------

function IdentityStep(props: StepProps) {
  const { t } = useTranslation();
  const p = props.profile;
  const k = props.draftKey;
  const [name, setName] = useDraft(`${k}name`, () => p.displayName);
  const [origin, setOrigin] = useDraft(`${k}origin`, () =>
    p.originCountry === UNKNOWN_COUNTRY ? '' : p.originCountry,
  );
  const [current, setCurrent] = useDraft(`${k}current`, () =>
    p.currentCountry === UNKNOWN_COUNTRY ? '' : p.currentCountry,
  );
  const [region, setRegion] = useDraft(`${k}region`, () => p.currentRegion);
  const [contact, setContact] = useDraft(`${k}contact`, () => p.contactLanguage ?? props.defaultContactLanguage);
  const [citizenship, setCitizenship] = useDraft<CitizenshipAnswer>(`${k}citizenship`, () => citizenshipAnswerOf(p));
  const [tried, setTried] = useState(false);
  const regionMessage = useRegionMessage();
  const inUse = useRegionsInUse(current);
  const missing = (v: string) => tried && !v.trim() && t('interview.required');
  // An answer the server refused is said at its field, as the form's own checks are.
  const refused = (field: string) => props.refused === field && t('errors.invalidField');
  const regionError = tried ? regionMessage(regionProblem(current, region, true), current) : null;
  const citizenships = citizenshipsToSave(citizenship);
  return (
    <StepForm
      question="interview.q.identity"
      step={props}
      onSubmit={() => {
        setTried(true);
        if (!name.trim() || !origin || !current || regionProblem(current, region, true)) return;
        if (citizenships === 'missing') return;
        props.onSave({
          displayName: name.trim(),
          originCountry: origin,
          // Left out when no choice is made: the server keeps what it has.
          ...(citizenships !== undefined ? { citizenships } : {}),
          currentCountry: current,
          currentRegion: region.trim(),
          contactLanguage: contact || null,
        });
      }}
    >
      <InputField
        id="wiz-name"
        q="interview.q.displayName"
        error={missing(name) || refused('displayName')}
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
        error={missing(origin) || refused('originCountry')}
      />
      <CitizenshipField
        value={citizenship}
        onChange={setCitizenship}
        error={(tried && citizenships === 'missing' && t('interview.citizenshipMissing')) || refused('citizenships')}
      />
      <CountryField
        id="wiz-current"
        q="interview.q.currentCountry"
        value={current}
        onChange={setCurrent}
        error={missing(current) || refused('currentCountry')}
      />
      <RegionField
        id="wiz-region"
        label={t(props.mode === 'self' ? 'place.regionLabelYou' : 'place.regionLabel')}
        value={region}
        onChange={setRegion}
        error={regionError || refused('currentRegion') || null}
        suggestions={inUse}
      />
      <ContactLanguageField value={contact} onChange={setContact} />
    </StepForm>
  );
}

/**
 * Citizenship: one or more countries, stateless, or "prefer not to say", each an explicit choice (radios and
 * native selects, which phones show as their own pickers). Countries are added one at a time and listed with a
 * remove button; the list is kept if another choice is picked and then this one again.
 */
function CitizenshipField(props: {
  value: CitizenshipAnswer;
  onChange(a: CitizenshipAnswer): void;
  error?: string | false;
}) {
  const { t, i18n } = useTranslation();
  const { kind, codes } = props.value;
  const pick = (k: CitizenshipKind) => props.onChange({ ...props.value, kind: k });
  const full = codes.length >= MAX_CITIZENSHIPS;
  // The field the message belongs to: the country picker while countries are chosen, else the chosen radio.
  const invalidAt = kind === 'countries' ? 'add' : kind || 'countries';
  const radio = (k: CitizenshipKind, q: string) => (
    <label className="choice">
      <input
        type="radio"
        name="wiz-citizenship"
        id={`wiz-citizenship-${k}`}
        checked={kind === k}
        onChange={() => pick(k)}
        {...(invalidAt === k ? errorProps('wiz-citizenship', props.error) : {})}
      />
      <Q k={q} />
    </label>
  );
  return (
    <fieldset className="choices citizenship" aria-describedby="wiz-citizenship-hint">
      <legend>
        <Q k="interview.q.citizenship" />
      </legend>
      <p id="wiz-citizenship-hint" className="hint">
        <Q k="interview.q.citizenshipHint" values={{ max: MAX_CITIZENSHIPS }} />
      </p>
      {radio('countries', 'interview.q.citizenOf')}
      {kind === 'countries' && (
        <div className="citizenship-countries">
          {codes.length > 0 && (
            <RemovableChips
              items={codes.map((code) => ({
                key: code,
                label: countryName(code, i18n.language),
                onRemove: () => props.onChange({ kind, codes: codes.filter((c) => c !== code) }),
              }))}
            />
          )}
          <Field
            id="wiz-citizenship-add"
            q={codes.length ? 'interview.q.addAnotherCitizenship' : 'interview.q.addCitizenship'}
          >
            <CountrySelect
              id="wiz-citizenship-add"
              value=""
              disabled={full}
              onChange={(code) => {
                if (code && !codes.includes(code)) props.onChange({ kind, codes: [...codes, code] });
              }}
              placeholder={
                full ? t('interview.citizenshipFull', { max: MAX_CITIZENSHIPS }) : t('caseload.chooseCountry')
              }
              {...(invalidAt === 'add' ? errorProps('wiz-citizenship', props.error) : {})}
            />
          </Field>
        </div>
      )}
      {radio('stateless', 'interview.q.stateless')}
      {radio('unsaid', 'interview.q.citizenshipUnsaid')}
      {props.error && (
        <p id="wiz-citizenship-error" className="error">
          {props.error}
        </p>
      )}
    </fieldset>
  );
}

/** The language to contact the person in: the offered languages, plus the stored one if it is another. */
function ContactLanguageField(props: { value: string; onChange(v: string): void }) {
  const { t, i18n } = useTranslation();
  const options = contactLanguageOptions(props.value, i18n.language);
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
  const [rows, setRows] = useDraft<LanguageEntry[]>(`${props.draftKey}rows`, () =>
    languagesOf(props.profile).map((l) => ({ ...l })),
  );
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
  const [rows, setRows] = useDraft<EducationRow[]>(`${props.draftKey}rows`, () =>
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
  /** Why the coder suggested the occupation picked (absent for one stored earlier). */
  why?: OccupationEvidence;
  whyWithDescription?: boolean;
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
  const [rows, setRows] = useDraft<ExperienceRow[]>(`${props.draftKey}rows`, () =>
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
              <OccupationCoderPicker
                id={`wiz-exp-${i}-occupation`}
                q="interview.q.occupation"
                value={r.text}
                description={r.description}
                invalid={!!occErr}
                onChange={(v) => set({ text: v, occupationUri: '', occupationLabel: '', why: undefined })}
                onPick={(o) =>
                  set({
                    occupationUri: o.uri,
                    occupationLabel: o.label,
                    text: r.text || o.label,
                    why: o.evidence,
                    whyWithDescription: !!r.description.trim(),
                  })
                }
              />
              {r.occupationUri && chosen(r) && (
                <div className="chosen-occupation">
                  <p className="chosen" dir="auto">
                    {t('interview.occupationChosen', { label: chosen(r) })}
                  </p>
                  {r.why && <OccupationWhy evidence={r.why} descriptionSent={!!r.whyWithDescription} />}
                </div>
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
  /** Why it is suggested (the sentence it came from, "added by search"); none for an occupation's own skills. */
  reason?: string;
  source: SkillSource;
}

type SkillGroupKey = 'specific' | 'shared' | 'any';
const SKILL_GROUPS: SkillGroupKey[] = ['specific', 'shared', 'any'];

/** ESCO reuse levels in the groups a person goes through: this work's own skills, shared ones, any job's. */
function groupOf(reuseLevel: string | undefined): SkillGroupKey {
  if (reuseLevel === 'occupation-specific' || reuseLevel === 'sector-specific') return 'specific';
  if (reuseLevel === 'cross-sector') return 'shared';
  return 'any';
}

interface JobSkills {
  uri: string;
  label: string;
  /** Essential skills, most relevant first (GET /taxonomy/occupations/:id?order=relevance). */
  skills: { uri: string; label: string; group: SkillGroupKey }[];
}

/** The text analysis language the person may force; '' = let Corridor tell from the text. */
const TEXT_LANGUAGES = ['', 'en', 'es', 'fr'] as const;

function SkillsStep(props: StepProps) {
  const { t, i18n } = useTranslation();
  const lang = contentLanguage(i18n.language);
  const p = props.profile;
  const k = props.draftKey;
  const labels = useLabels(
    p.skills.slice(0, 40).map((s) => s.uri),
    'skill',
  );
  const [jobs, setJobs] = useState<JobSkills[] | null>(null);
  const [fromAnswers, setFromAnswers] = useState<Suggestion[]>([]);
  // Unsaved choices survive leaving the step (drafts.ts): skills ticked, removed, found in text or by search.
  const [confirmed, setConfirmed] = useDraft<Record<string, SkillSource>>(`${k}confirmed`, () => ({}));
  const [removed, setRemoved] = useDraft<string[]>(`${k}removed`, () => []);
  const [extra, setExtra] = useDraft<Suggestion[]>(`${k}extra`, () => []);
  const [text, setText] = useDraft(`${k}text`, () => '');
  const [textLang, setTextLang] = useDraft<string>(`${k}textLang`, () => '');
  const [read, setRead] = useState<{ lang: string; detected: boolean } | null>(null);
  const [textStatus, setTextStatus] = useState<'idle' | 'loading' | 'none' | 'error'>('idle');
  const [search, setSearch] = useState('');
  const have = new Set(p.skills.map((s) => s.uri));

  // The essential skills of the occupations entered, most relevant first, and skills in the work descriptions.
  useEffect(() => {
    const ctrl = new AbortController();
    const experience = experienceOf(p);
    const occupations = [...new Set(experience.map((e) => e.occupationUri))];
    Promise.all(
      occupations.map((uri) =>
        api.occupation(conceptId(uri), lang, ctrl.signal, 'relevance').then(
          (o): JobSkills => ({
            uri,
            label: o.label,
            skills: o.essentialSkills.map((s) => ({ uri: s.uri, label: s.label, group: groupOf(s.reuseLevel) })),
          }),
          () => null,
        ),
      ),
    ).then((found) => {
      if (!ctrl.signal.aborted) setJobs(found.filter((j): j is JobSkills => j !== null));
    });
    const described = experience
      .map((e) => e.description)
      .filter(Boolean)
      .join('\n');
    if (described)
      codeSuggestions.skills(described, { labelLang: lang }, ctrl.signal).then(
        (r) =>
          !ctrl.signal.aborted &&
          setFromAnswers(
            r.suggestions.map((s) => ({
              uri: s.uri,
              label: s.label,
              reason: t('interview.fromText', { evidence: s.evidence ?? '' }),
              source: 'extraction',
            })),
          ),
        () => undefined,
      );
    return () => ctrl.abort();
    // Computed once per step visit: the answers do not change while on this step.
  }, []);

  const toggle = (uri: string, source: SkillSource, on: boolean) =>
    setConfirmed((all) => {
      const next = { ...all };
      if (on) next[uri] = source;
      else delete next[uri];
      return next;
    });

  async function suggestFromText(override = textLang) {
    if (!text.trim()) {
      setTextStatus('none');
      document.getElementById('wiz-skill-text')?.focus();
      return;
    }
    setTextStatus('loading');
    try {
      const r = await codeSuggestions.skills(text.trim(), { lang: override || undefined, labelLang: lang });
      setRead({ lang: r.lang, detected: r.langDetected });
      const known = new Set([...extra.map((s) => s.uri), ...have]);
      const fresh = r.suggestions.filter((s) => !known.has(s.uri));
      setExtra((cur) => [
        ...cur,
        ...fresh.map((s): Suggestion => ({
          uri: s.uri,
          label: s.label,
          reason: t('interview.fromText', { evidence: s.evidence ?? '' }),
          source: 'extraction',
        })),
      ]);
      setTextStatus(fresh.length ? 'idle' : 'none');
    } catch {
      setTextStatus('error');
    }
  }

  const count = Object.keys(confirmed).filter((uri) => !have.has(uri)).length;
  const check = (s: Suggestion) => (
    <SkillCheck
      key={s.uri}
      label={s.label}
      lang={lang}
      reason={s.reason}
      checked={s.uri in confirmed}
      onChange={(on) => toggle(s.uri, s.source, on)}
    />
  );
  const seen = new Set(have);
  const firstTime = (uri: string) => !seen.has(uri) && !!seen.add(uri);
  return (
    <StepForm
      question="interview.q.skills"
      step={props}
      onSubmit={() =>
        props.onSave({
          skills: mergeSkills(
            p.skills,
            Object.entries(confirmed).map(([uri, source]) => ({ uri, source })),
            new Set(removed),
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
            .filter((s) => !removed.includes(s.uri))
            .map((s) => ({
              key: s.uri,
              label: labels.get(s.uri) ?? conceptId(s.uri),
              onRemove: () => setRemoved((r) => [...r, s.uri]),
            }))}
          lang={lang}
        />
      )}
      <h3>{t('interview.skillSuggestions')}</h3>
      <p className="hint">
        <Q k="interview.tickHint" />
      </p>
      {jobs === null ? (
        <p role="status">{t('interview.looking')}</p>
      ) : (
        jobs.map((job) => {
          const fresh = job.skills.filter((s) => firstTime(s.uri));
          const groups = SKILL_GROUPS.map((g) => ({ key: g, items: fresh.filter((s) => s.group === g) })).filter(
            (g) => g.items.length > 0,
          );
          return (
            <section key={job.uri} className="job-skills" aria-labelledby={`skills-${conceptId(job.uri)}`}>
              <h4 id={`skills-${conceptId(job.uri)}`}>
                {t('interview.essentialFor')}{' '}
                <span lang={lang} dir="auto">
                  {job.label}
                </span>
              </h4>
              {groups.length === 0 && <p className="muted">{t('interview.noSuggestions')}</p>}
              {groups.map((g, i) => {
                const ticked = g.items.filter((s) => s.uri in confirmed).length;
                return (
                  <details key={g.key} className="skill-group" open={i === 0}>
                    <summary>
                      {t(`interview.skillGroups.${g.key}`)}{' '}
                      <span className="muted">({t('interview.tickedOf', { ticked, total: g.items.length })})</span>
                    </summary>
                    <ul className="checks" aria-label={`${t(`interview.skillGroups.${g.key}`)} · ${job.label}`}>
                      {g.items.map((s) => check({ ...s, source: 'work-experience' }))}
                    </ul>
                  </details>
                );
              })}
            </section>
          );
        })
      )}
      {(() => {
        const more = [...fromAnswers, ...extra].filter((s) => firstTime(s.uri));
        return (
          more.length > 0 && (
            <section className="job-skills" aria-labelledby="skills-from-text">
              <h4 id="skills-from-text">{t('interview.fromTextHeading')}</h4>
              <ul className="checks" aria-labelledby="skills-from-text">
                {more.map(check)}
              </ul>
            </section>
          )
        );
      })()}
      <Field id="wiz-skill-text" q="interview.q.moreSkills">
        <textarea
          id="wiz-skill-text"
          dir="auto"
          lang={read?.lang}
          rows={3}
          maxLength={4000}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </Field>
      <div className="field text-language">
        <label htmlFor="wiz-skill-lang">{t('interview.textLanguage')}</label>
        <select
          id="wiz-skill-lang"
          value={textLang}
          onChange={(e) => {
            setTextLang(e.target.value);
            if (text.trim() && read) void suggestFromText(e.target.value);
          }}
        >
          {TEXT_LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {l ? languageName(l, i18n.language) : t('interview.detectLanguage')}
            </option>
          ))}
        </select>
      </div>
      <p>
        <button type="button" className="secondary" onClick={() => void suggestFromText()}>
          {t('interview.findSkills')}
        </button>
      </p>
      <div role="status" className="status">
        {textStatus === 'loading' && t('interview.looking')}
        {textStatus === 'none' && (text.trim() ? t('interview.noSuggestions') : t('interview.textFirst'))}
        {textStatus === 'error' && t('errors.server')}
        {textStatus !== 'loading' &&
          read &&
          ` ${t(read.detected ? 'interview.readAsDetected' : 'interview.readAs', {
            language: languageName(read.lang, i18n.language),
          })}`}
      </div>
      <ConceptPicker
        id="wiz-skill-search"
        q="interview.q.searchSkill"
        type="skill"
        value={search}
        onChange={setSearch}
        onPick={(h) => {
          // Picking a skill by name is itself a person's confirmation.
          setExtra((cur) =>
            cur.some((s) => s.uri === h.uri)
              ? cur
              : [...cur, { uri: h.uri, label: h.label, reason: t('interview.picked'), source: 'interview' }],
          );
          toggle(h.uri, 'interview', true);
          setSearch('');
        }}
      />
      <p className="muted" aria-live="polite">
        {t('interview.toBeSaved', { count })}
      </p>
    </StepForm>
  );
}

/** A suggested skill the person ticks when it is true. */
function SkillCheck(props: {
  label: string;
  lang: string;
  reason?: string;
  checked: boolean;
  onChange(on: boolean): void;
}) {
  const id = useId();
  return (
    <li className={props.checked ? 'checked' : undefined}>
      <label className="choice" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={props.checked}
          onChange={(e) => props.onChange(e.target.checked)}
          aria-describedby={props.reason ? `${id}-why` : undefined}
        />
        <span lang={props.lang} dir="auto">
          {props.label}
        </span>
      </label>
      {props.reason && (
        <p id={`${id}-why`} className="hint" dir="auto">
          {props.reason}
        </p>
      )}
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
  const [rows, setRows] = useDraft<PermitRow[]>(`${props.draftKey}rows`, () =>
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
  const k = props.draftKey;
  const [occupations, setOccupations] = useDraft<{ uri: string; label: string }[]>(`${k}occupations`, () =>
    stored.occupations.map((uri) => ({ uri, label: '' })),
  );
  const [search, setSearch] = useState('');
  const [regions, setRegions] = useDraft(`${k}regions`, () => stored.regions);
  const [country, setCountry] = useState('');
  const [relocate, setRelocate] = useDraft(`${k}relocate`, () => stored.willingToRelocate);
  const [seeking, setSeeking] = useDraft(`${k}seeking`, () => props.profile.seeking);
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

async function loadMine(signal: AbortSignal) {
  const profile = await selfService.myProfile(signal);
  const { consents } = await selfService.consents(profile.id, signal);
  return { profile, consents };
}

export function MyProfileScreen() {
  const { t } = useTranslation();
  const state = useApi((signal) => loadMine(signal), []);
  const [profile, setProfile] = useState<Profile | null>(null);
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
  const current = profile ?? state.data.profile;
  const progress = progressOf(current, state.data.consents, storedFurthestStep(`me.${current.id}`));
  return (
    <section className="screen my-profile" data-screen="my-profile">
      <ScreenHeading title={`${title} · ${t('app.name')}`}>{title}</ScreenHeading>
      <ProgressPanel done={progress.done} total={progress.total} next={progress.next} />
      <ProfileWizard
        mode="self"
        initial={state.data.profile}
        storageKey={`me.${state.data.profile.id}`}
        secondLanguage={null}
        // Asked, not assumed: the language on this screen may be a guess from the phone's settings.
        defaultContactLanguage=""
        reload={() => selfService.myProfile()}
        onSaved={setProfile}
        done={<NextStepLink next={progress.next} />}
      />
    </section>
  );
}

/** How far the person's profile is, as a bar and in words, and what comes next. */
function ProgressPanel(props: Progress) {
  const { t } = useTranslation();
  const words = t('me.progress', { done: props.done, total: props.total });
  return (
    <div className="panel progress-panel">
      <p id="my-progress-label" className="progress-words">
        {words}
      </p>
      <progress max={props.total} value={props.done} aria-labelledby="my-progress-label" />
      <p className="next-step">
        {props.next.kind === 'step'
          ? t('me.nextStepIs', {
              step: t(props.next.step === 'identity' ? 'me.aboutYou' : `interview.stepNames.${props.next.step}`),
            })
          : props.next.kind === 'consent'
            ? t('me.nextConsent')
            : t('me.nextJobs')}
      </p>
    </div>
  );
}

/** The finished profile's way on: choose what employers may see, then the jobs that fit. */
function NextStepLink({ next }: { next: NextStep }) {
  const { t } = useTranslation();
  if (next.kind === 'step') return null;
  return (
    <p className="next-step-link">
      {next.kind === 'consent' ? (
        <Link href="/me/consents" className="button">
          {t('me.goConsent')}
        </Link>
      ) : (
        <Link href="/me/jobs" className="button">
          {t('me.goJobs')}
        </Link>
      )}
    </p>
  );
}
