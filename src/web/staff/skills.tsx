// ESCO skills in the staff forms: a search to pick skills, and their labels by URI in the interface language (or
// English where ESCO has none, said once per screen).
import { useCallback, useEffect, useState } from 'react';
import { useStaffTranslation as useTranslation } from './messages.js';
import { api, type SearchHit } from '../api.js';
import { Combobox } from '../components/Combobox.js';
import { contentLanguage } from '../i18n.js';
import { staffApi } from './api.js';
import { FieldError, type Form } from './form.js';

/** Labels of these URIs, fetched for the ones not known yet; `learn` adds labels already at hand (a search hit). */
export function useLabels(uris: readonly string[]) {
  const { i18n } = useTranslation();
  const lang = contentLanguage(i18n.language);
  const [labels, setLabels] = useState<Record<string, string>>({});
  const [forLang, setForLang] = useState(lang);
  if (forLang !== lang) {
    setForLang(lang);
    setLabels({});
  }
  const missing = uris.filter((u) => !(u in labels));
  const key = missing.join(' ');
  useEffect(() => {
    if (!key) return;
    const ctrl = new AbortController();
    staffApi.labels(key.split(' '), lang, ctrl.signal).then(
      (r) => setLabels((l) => ({ ...l, ...r.labels })),
      () => undefined, // the URIs stay visible as "loading"; the form still works
    );
    return () => ctrl.abort();
  }, [key, lang]);
  const learn = useCallback((uri: string, label: string) => setLabels((l) => ({ ...l, [uri]: label })), []);
  return { labels, lang, learn };
}

export { EnglishLabelsNote } from '../components/Concept.js';

/** The label of a skill, marked with the language ESCO answered in. */
export function SkillLabel({ uri, labels, lang }: { uri: string; labels: Record<string, string>; lang: string }) {
  const { t } = useTranslation();
  const label = labels[uri];
  return label ? (
    <span lang={lang} dir="auto">
      {label}
    </span>
  ) : (
    <span className="muted">{t('app.loading')}</span>
  );
}

/** Find an ESCO skill by name (any language ESCO has, or Arabic through the search lexicon) and pick it. */
export function SkillSearch(props: {
  id: string;
  label: string;
  hint?: string;
  invalid?: boolean;
  describedBy?: string;
  onPick(hit: SearchHit): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = contentLanguage(i18n.language);
  const [text, setText] = useState('');
  const suggest = useCallback(
    async (q: string, signal: AbortSignal) => (await api.search(q, 'skill', lang, 8, signal)).results,
    [lang],
  );
  return (
    <Combobox<SearchHit>
      id={props.id}
      label={props.label}
      hint={props.hint}
      invalid={props.invalid}
      describedBy={props.describedBy}
      value={text}
      onChange={setText}
      onPick={(hit) => {
        props.onPick(hit);
        setText('');
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
  );
}

/**
 * The skill search of a staff form (training offer, vacancy): its error next to it and cleared by a pick, the
 * picked skill's label learnt for the list above it.
 */
export function FormSkillPicker(props: {
  id: string;
  label: string;
  hint?: string;
  form: Form;
  learn(uri: string, label: string): void;
  onPick(uri: string): void;
}) {
  const { form, id } = props;
  return (
    <>
      <SkillSearch
        id={id}
        label={props.label}
        hint={props.hint}
        invalid={Boolean(form.errors[id])}
        describedBy={form.errors[id] ? `${id}-error` : undefined}
        onPick={(hit) => {
          form.clearField(id);
          props.learn(hit.uri, hit.label);
          props.onPick(hit.uri);
        }}
      />
      <FieldError form={form} id={id} />
    </>
  );
}

/** "Remove" beside a skill in a staff form's list, named with the skill for screen readers. */
export function RemoveSkillButton(props: { label: string | undefined; onRemove(): void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="small secondary"
      aria-label={t('staff.vacancy.removeSkill', { skill: props.label ?? '' })}
      onClick={props.onRemove}
    >
      {t('staff.vacancy.remove')}
    </button>
  );
}
