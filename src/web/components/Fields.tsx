// Form fields that several screens ask for in the same way: a country, a region code, an ESCO occupation.
import { useCallback, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type SearchHit } from '../api.js';
import { countries } from '../countries.js';
import { contentLanguage, languageName } from '../i18n.js';
import { LANGUAGE_CODES } from '../interview.js';
import { regionPrefixes, regionsInUse, type RegionProblem } from '../place.js';
import { useApi } from '../useApi.js';
import { Combobox } from './Combobox.js';

/** Countries by name in the interface language; the empty first option (`placeholder`) says what to do. */
export function CountrySelect({
  placeholder,
  onChange,
  extra = [],
  ...select
}: {
  placeholder: string;
  value: string;
  onChange(code: string): void;
  /** Choices listed before the countries (e.g. "stateless"). */
  extra?: readonly { value: string; label: string }[];
} & Omit<ComponentProps<'select'>, 'onChange' | 'children'>) {
  const { i18n } = useTranslation();
  return (
    <select {...select} onChange={(e) => onChange(e.target.value)}>
      <option value="">{placeholder}</option>
      {extra.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
      {countries(i18n.language).map((c) => (
        <option key={c.code} value={c.code}>
          {c.name}
        </option>
      ))}
    </select>
  );
}

/**
 * A NUTS/ISO region code (typed in capitals, left to right in every language), with its hint, the message when it
 * is wrong (`error`: the field is then marked invalid and described by it) and, as suggestions, the codes open
 * vacancies in the country use.
 */
export function RegionField(props: {
  id: string;
  value: string;
  onChange(code: string): void;
  label?: string;
  error?: string | null;
  suggestions?: string[];
}) {
  const { t } = useTranslation();
  const described = [`${props.id}-hint`, props.error ? `${props.id}-error` : ''].filter(Boolean).join(' ');
  const listId = props.suggestions?.length ? `${props.id}-codes` : undefined;
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label ?? t('matching.regionCode')}</label>
      <input
        id={props.id}
        type="text"
        dir="ltr"
        maxLength={12}
        autoCapitalize="characters"
        autoComplete="off"
        list={listId}
        aria-describedby={described}
        aria-invalid={props.error ? true : undefined}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value.toUpperCase())}
      />
      {listId && (
        <datalist id={listId}>
          {props.suggestions!.map((code) => (
            <option key={code} value={code} />
          ))}
        </datalist>
      )}
      <p id={`${props.id}-hint`} className="hint">
        {t('matching.regionHint')}
        {props.suggestions?.length ? ` ${t('place.inUse', { codes: props.suggestions.slice(0, 6).join(', ') })}` : ''}
      </p>
      {props.error && (
        <p id={`${props.id}-error`} className="error">
          {props.error}
        </p>
      )}
    </div>
  );
}

/** The message for a region problem (see place.ts), naming the letters the country's codes start with. */
export function useRegionMessage(): (problem: RegionProblem | null, country: string) => string | null {
  const { t } = useTranslation();
  return (problem, country) => {
    if (!problem) return null;
    if (problem === 'otherCountry')
      return t('place.otherCountry', { prefix: regionPrefixes(country).join(` ${t('place.or')} `) });
    return t(`place.${problem}`);
  };
}

/**
 * An ESCO occupation found by autocomplete (label and ISCO code). `onChange` gets the text and the occupation
 * picked; typing again withdraws the pick, so nothing is chosen that the person did not pick.
 */
export function OccupationCombobox(props: {
  id: string;
  label: string;
  hint?: string;
  invalid?: boolean;
  /** Id of the field's error message, when it has one. */
  describedBy?: string;
  value: string;
  onChange(text: string, picked: SearchHit | null): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = contentLanguage(i18n.language);
  const suggest = useCallback(
    async (q: string, signal: AbortSignal) => (await api.search(q, 'occupation', lang, 8, signal)).results,
    [lang],
  );
  return (
    <Combobox<SearchHit>
      id={props.id}
      label={props.label}
      hint={props.hint}
      value={props.value}
      onChange={(v) => props.onChange(v, null)}
      onPick={(hit) => props.onChange(hit.label, hit)}
      suggest={suggest}
      itemKey={(h) => h.uri}
      inputLang={lang}
      invalid={props.invalid}
      describedBy={props.describedBy}
      countMessage={(n) => t('explorer.suggestionCount', { count: n })}
      renderItem={(h) => (
        <>
          <span className="option-label" lang={lang} dir="auto">
            {h.label}
          </span>
          {h.isco && <span className="badge">{h.isco}</span>}
        </>
      )}
    />
  );
}

/** Region codes open vacancies in `country` use (GET /vacancies answers every role that edits a place). */
export function useRegionsInUse(country: string): string[] {
  const state = useApi((signal) => api.vacancies(signal), []);
  if (state.status !== 'done' || !country) return [];
  return regionsInUse(
    state.data.items.map((v) => v.location),
    country,
  );
}

/** Languages to contact a person in, named in the interface language and sorted; plus `value` if another. */
export function contactLanguageOptions(value: string, uiLang: string): { value: string; label: string }[] {
  const collator = new Intl.Collator(uiLang);
  const codes = new Set<string>(LANGUAGE_CODES);
  if (value) codes.add(value);
  return [...codes]
    .map((code) => ({ value: code, label: languageName(code, uiLang) }))
    .sort((a, b) => collator.compare(a.label, b.label));
}
