import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, conceptId, encodeQuery, type ConceptType, type SearchHit } from '../api.js';
import { Combobox } from '../components/Combobox.js';
import { ScreenHeading } from '../components/Heading.js';
import { Link } from '../components/Link.js';
import { errorKey } from '../errors.js';
import { contentLanguage } from '../i18n.js';
import { navigate } from '../router.js';

const RESULT_LIMIT = 25;
const SUGGEST_LIMIT = 8;

export function explorerPath(query: string, type: ConceptType | undefined): string {
  return `/explorer${encodeQuery({ q: query, type })}`;
}

// Where "back to search" returns to: the last search the person ran in this tab.
let lastSearchPath = '/explorer';
export function lastExplorerPath(): string {
  return lastSearchPath;
}

export function occupationPath(uri: string): string {
  return `/explorer/occupations/${conceptId(uri)}`;
}

export function skillPath(uri: string): string {
  return `/explorer/skills/${conceptId(uri)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Skill screen of an ESCO skill; null for skill groups and other concepts the API has no screen for. */
export function skillPathOrNull(uri: string): string | null {
  return uri.includes('/esco/skill/') && UUID.test(conceptId(uri)) ? skillPath(uri) : null;
}

export function conceptPath(hit: { type: ConceptType; uri: string }): string {
  return hit.type === 'occupation' ? occupationPath(hit.uri) : skillPath(hit.uri);
}

type Results =
  { status: 'idle' } | { status: 'loading' } | { status: 'error'; key: string } | { status: 'done'; hits: SearchHit[] };

export function Explorer(props: { initialQuery: string; initialType: ConceptType | undefined }) {
  const { t, i18n } = useTranslation();
  const lang = contentLanguage(i18n.language);
  const [text, setText] = useState(props.initialQuery);
  const [type, setType] = useState<ConceptType | undefined>(props.initialType);
  const [results, setResults] = useState<Results>({ status: 'idle' });
  const typeName = useId();

  // The URL holds the search, so results survive reload, back/forward and can be shared.
  const query = props.initialQuery.trim();
  useEffect(() => {
    setText(props.initialQuery);
    setType(props.initialType);
  }, [props.initialQuery, props.initialType]);

  useEffect(() => {
    if (!query) {
      setResults({ status: 'idle' });
      return;
    }
    lastSearchPath = explorerPath(query, props.initialType);
    const ctrl = new AbortController();
    setResults({ status: 'loading' });
    api.search(query, props.initialType, lang, RESULT_LIMIT, ctrl.signal).then(
      (r) => setResults({ status: 'done', hits: r.results }),
      (err: unknown) => {
        if (!ctrl.signal.aborted) setResults({ status: 'error', key: errorKey(err) });
      },
    );
    return () => ctrl.abort();
  }, [query, props.initialType, lang]);

  const suggest = useCallback(
    async (q: string, signal: AbortSignal) => (await api.search(q, type, lang, SUGGEST_LIMIT, signal)).results,
    [type, lang],
  );

  function submit(e?: FormEvent) {
    e?.preventDefault();
    navigate(explorerPath(text.trim(), type));
  }

  function pick(hit: SearchHit) {
    navigate(conceptPath(hit));
  }

  function changeType(next: ConceptType | undefined) {
    setType(next);
    if (query) navigate(explorerPath(query, next), { replace: true });
  }

  return (
    <section className="screen explorer" data-screen="explorer">
      <ScreenHeading title={`${t('explorer.title')} · ${t('app.name')}`}>{t('explorer.title')}</ScreenHeading>
      <p>{t('explorer.intro')}</p>
      <form role="search" className="search-form" onSubmit={submit}>
        <Combobox<SearchHit>
          label={t('explorer.searchLabel')}
          hint={t('explorer.searchHint')}
          value={text}
          onChange={setText}
          onPick={pick}
          onSubmitText={submit}
          suggest={suggest}
          itemKey={(h) => h.uri}
          inputLang={lang}
          countMessage={(n) => t('explorer.suggestionCount', { count: n })}
          renderItem={(h) => (
            <>
              <span className="option-label" lang={lang} dir="auto">
                {h.label}
              </span>
              <span className={`badge ${h.type}`}>{t(`explorer.${h.type}`)}</span>
              {h.matchedLabel && h.matchedLabel !== h.label && (
                <span className="option-matched">{t('explorer.alsoKnownAs', { label: h.matchedLabel })}</span>
              )}
            </>
          )}
        />
        <fieldset className="type-filter">
          <legend>{t('explorer.typeLegend')}</legend>
          {(
            [
              [undefined, 'typeAll'],
              ['occupation', 'typeOccupation'],
              ['skill', 'typeSkill'],
            ] as const
          ).map(([value, key]) => (
            <label key={key} className="choice">
              <input type="radio" name={typeName} checked={type === value} onChange={() => changeType(value)} />
              {t(`explorer.${key}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit">{t('explorer.search')}</button>
      </form>
      <SearchResults results={results} query={query} lang={lang} />
    </section>
  );
}

function SearchResults({ results, query, lang }: { results: Results; query: string; lang: string }) {
  const { t } = useTranslation();
  if (results.status === 'idle') return null;
  if (results.status === 'loading')
    return (
      <p role="status" className="status">
        {t('app.loading')}
      </p>
    );
  if (results.status === 'error')
    return (
      <p role="alert" className="error">
        {t(results.key)}
      </p>
    );
  const { hits } = results;
  const summary =
    hits.length === 0 ? t('explorer.noResults', { query }) : t('explorer.resultCount', { count: hits.length, query });
  return (
    <section className="results" aria-labelledby="results-heading">
      <h2 id="results-heading">{summary}</h2>
      <p className="visually-hidden" role="status">
        {summary}
      </p>
      <ul className="cards">
        {hits.map((h) => (
          <li key={h.uri} className="card">
            <div className="card-title">
              <Link href={conceptPath(h)} lang={lang} dir="auto">
                {h.label}
              </Link>
              <span className={`badge ${h.type}`}>{t(`explorer.${h.type}`)}</span>
            </div>
            {h.matchedLabel && h.matchedLabel !== h.label && (
              <p className="muted">{t('explorer.alsoKnownAs', { label: h.matchedLabel })}</p>
            )}
            {h.type === 'occupation' && (h.code || h.isco) && (
              <p className="codes">
                {h.code && <span>{t('explorer.escoCode', { code: h.code })}</span>}
                {h.isco && <span>{t('explorer.iscoCode', { code: h.isco })}</span>}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
