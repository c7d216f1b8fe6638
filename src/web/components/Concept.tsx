// Building blocks shared by the occupation and skill screens.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { contentLanguage } from '../i18n.js';
import { lastExplorerPath } from '../screens/Explorer.js';
import type { Loaded } from '../useApi.js';
import { ScreenHeading } from './Heading.js';
import { LoadStatus } from './LoadStatus.js';
import { Link } from './Link.js';

/** Loading and failure states of a detail screen, with a heading so the screen is never blank. */
export function DetailPending(props: { state: Loaded<unknown>; title: string; back: ReactNode; screen: string }) {
  const { t } = useTranslation();
  return (
    <section className="screen" data-screen={props.screen}>
      {props.back}
      <ScreenHeading title={`${props.title} · ${t('app.name')}`}>{props.title}</ScreenHeading>
      <LoadStatus state={props.state} />
    </section>
  );
}

type ConceptScreenName = 'occupation' | 'skill';

function BackToResults() {
  const { t } = useTranslation();
  return (
    <p className="back">
      <Link href={lastExplorerPath()}>{t('explorer.backToResults')}</Link>
    </p>
  );
}

/** An occupation or skill screen while its concept loads or when it cannot be loaded. */
export function ConceptPending(props: { screen: ConceptScreenName; state: Loaded<unknown> }) {
  const { t } = useTranslation();
  return (
    <DetailPending
      state={props.state}
      title={t(`explorer.${props.screen}`)}
      back={<BackToResults />}
      screen={props.screen}
    />
  );
}

/**
 * The layout of the occupation and skill screens: the concept's label (in the language ESCO answered in), its
 * facts, description and other labels, then what is particular to the screen (`children`).
 */
export function ConceptLayout(props: {
  screen: ConceptScreenName;
  concept: { label: string; lang: string; description: string; altLabels: string[] };
  facts: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const c = props.concept;
  const descriptionId = props.screen === 'occupation' ? 'occ-description' : 'skill-description';
  return (
    <article className={`screen ${props.screen}`} data-screen={props.screen}>
      <BackToResults />
      <p className="eyebrow">{t(`explorer.${props.screen}`)}</p>
      <ScreenHeading title={`${c.label} · ${t('app.name')}`}>
        <span lang={c.lang} dir="auto">
          {c.label}
        </span>
      </ScreenHeading>
      {props.facts}
      <LabelsFallback labelLang={c.lang} />
      {c.description && (
        <section aria-labelledby={descriptionId}>
          <h2 id={descriptionId}>{t('explorer.description')}</h2>
          <p lang={c.lang} dir="auto" className="prose">
            {c.description}
          </p>
        </section>
      )}
      <AltLabels labels={c.altLabels} lang={c.lang} />
      {props.children}
    </article>
  );
}

/** Shown when the labels came back in English because ESCO lacks the interface language. */
export function LabelsFallback({ labelLang }: { labelLang: string }) {
  const { t, i18n } = useTranslation();
  if (labelLang === i18n.language) return null;
  return <p className="notice">{t('explorer.labelsFallback')}</p>;
}

/** One line, once per screen, where ESCO has no labels in the interface language (Arabic) and English shows. */
export function EnglishLabelsNote() {
  const { t, i18n } = useTranslation();
  if (contentLanguage(i18n.language) === i18n.language) return null;
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
