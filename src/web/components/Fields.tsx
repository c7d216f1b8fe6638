// Form fields that several screens ask for in the same way: a country, a region code, an ESCO occupation.
import { useCallback, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type SearchHit } from '../api.js';
import { countries } from '../countries.js';
import { contentLanguage } from '../i18n.js';
import { Combobox } from './Combobox.js';

/** Countries by name in the interface language; the empty first option (`placeholder`) says what to do. */
export function CountrySelect({
  placeholder,
  onChange,
  ...select
}: { placeholder: string; value: string; onChange(code: string): void } & Omit<
  ComponentProps<'select'>,
  'onChange' | 'children'
>) {
  const { i18n } = useTranslation();
  return (
    <select {...select} onChange={(e) => onChange(e.target.value)}>
      <option value="">{placeholder}</option>
      {countries(i18n.language).map((c) => (
        <option key={c.code} value={c.code}>
          {c.name}
        </option>
      ))}
    </select>
  );
}

/** A NUTS/ISO region code (typed in capitals, left to right in every language), with its hint. */
export function RegionField(props: { id: string; value: string; onChange(code: string): void }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={props.id}>{t('matching.regionCode')}</label>
      <input
        id={props.id}
        type="text"
        dir="ltr"
        maxLength={12}
        autoCapitalize="characters"
        aria-describedby={`${props.id}-hint`}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value.toUpperCase())}
      />
      <p id={`${props.id}-hint`} className="hint">
        {t('matching.regionHint')}
      </p>
    </div>
  );
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
