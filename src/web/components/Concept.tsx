// Building blocks shared by the occupation and skill screens.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Loaded } from '../useApi.js';
import { ScreenHeading } from './Heading.js';
import { Link } from './Link.js';

/** Loading and failure states of a detail screen, with a heading so the screen is never blank. */
export function DetailPending(props: { state: Loaded<unknown>; title: string; back: ReactNode; screen: string }) {
  const { t } = useTranslation();
  return (
    <section className="screen" data-screen={props.screen}>
      {props.back}
      <ScreenHeading title={`${props.title} · ${t('app.name')}`}>{props.title}</ScreenHeading>
      {props.state.status === 'error' ? (
        <p role="alert" className="error">
          {t(props.state.key)}
        </p>
      ) : (
        <p role="status">{t('app.loading')}</p>
      )}
    </section>
  );
}

/** Shown when the labels came back in English because ESCO lacks the interface language. */
export function LabelsFallback({ labelLang }: { labelLang: string }) {
  const { t, i18n } = useTranslation();
  if (labelLang === i18n.language) return null;
  return <p className="notice">{t('explorer.labelsFallback')}</p>;
}

export function AltLabels({ labels, lang }: { labels: string[]; lang: string }) {
  const { t } = useTranslation();
  if (labels.length === 0) return null;
  return (
    <section aria-labelledby="alt-labels">
      <h2 id="alt-labels">{t('explorer.altLabels')}</h2>
      <ul className="tags" lang={lang} dir="auto">
        {labels.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </section>
  );
}

export function ConceptList(props: {
  id: string;
  title: string;
  items: { uri: string; label: string; note?: string }[];
  total?: number;
  countKey: string;
  lang: string;
  /** Where an item links to; null for concepts without a screen (e.g. skill groups). */
  href(uri: string): string | null;
}) {
  const { t } = useTranslation();
  const total = props.total ?? props.items.length;
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>
        {props.title} <span className="count">({t(props.countKey, { count: total })})</span>
      </h2>
      {props.items.length === 0 ? (
        <p className="muted">{t('explorer.noSkills')}</p>
      ) : (
        <>
          <ul className="concept-list">
            {props.items.map((s) => {
              const href = props.href(s.uri);
              return (
                <li key={s.uri}>
                  {href ? (
                    <Link href={href} lang={props.lang} dir="auto">
                      {s.label}
                    </Link>
                  ) : (
                    <span lang={props.lang} dir="auto">
                      {s.label}
                    </span>
                  )}
                  {s.note && <span className="muted"> · {s.note}</span>}
                </li>
              );
            })}
          </ul>
          {total > props.items.length && (
            <p className="muted">{t('explorer.showingFirst', { shown: props.items.length })}</p>
          )}
        </>
      )}
    </section>
  );
}
