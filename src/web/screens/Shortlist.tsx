// A vacancy's ranked, explained shortlist: people who agreed to be matched with employers, cut to the fields
// each agreed to share. Employers ask to contact a candidate; the person (or their advisor for them) answers in the inbox.
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenHeading } from '../components/Heading.js';
import { Link } from '../components/Link.js';
import { ExplanationView, languageName, Unmatchable } from '../components/Explanation.js';
import { DetailPending, EnglishLabelsNote } from '../components/Concept.js';
import { countryName } from '../countries.js';
import { errorKey } from '../errors.js';
import { contentLanguage, formatDate } from '../i18n.js';
import { formatScore, labelOf, matchingApi, type CandidateMatch, type Shortlist } from '../matching.js';
import { useApi } from '../useApi.js';
import { AskToContact } from '../components/AskToContact.js';

// Issue 14: on each candidate, how to hire them under their permit (the hiring guide), loaded on first use.
const CandidateHiringGuide = lazy(() => import('../protection/Guide.js'));

export function shortlistPath(vacancyId: string): string {
  return `/vacancies/${vacancyId}/candidates`;
}

export function ShortlistScreen({ vacancyId, role }: { vacancyId: string; role: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const vacancy = useApi((signal) => matchingApi.vacancy(vacancyId, signal), [vacancyId]);
  const first = useApi((signal) => matchingApi.candidates(vacancyId, lang, 0, signal), [vacancyId, lang]);
  const [more, setMore] = useState<Shortlist[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  useEffect(() => setMore([]), [vacancyId, lang]);

  const back = (
    <p className="back">
      <Link href="/vacancies">{t('matching.backToVacancies')}</Link>
    </p>
  );
  if (vacancy.status !== 'done')
    return <DetailPending state={vacancy} title={t('matching.shortlistTitle')} back={back} screen="shortlist" />;
  const v = vacancy.data;
  const pages = first.status === 'done' ? [first.data, ...more] : [];
  const items = pages.flatMap((p) => p.items);
  const labels = Object.assign({}, ...pages.map((p) => p.labels)) as Record<string, string>;
  const last = pages[pages.length - 1];

  async function loadMore() {
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await matchingApi.candidates(vacancyId, lang, items.length);
      setMore((m) => [...m, page]);
    } catch (err) {
      setMoreError(t(errorKey(err)));
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <section className="screen shortlist" data-screen="shortlist">
      {back}
      <p className="eyebrow">{t('matching.shortlistTitle')}</p>
      <ScreenHeading title={`${t('matching.shortlistTitle')}: ${v.title} · ${t('app.name')}`}>
        <span dir="auto">{v.title}</span>
      </ScreenHeading>
      <p className="codes">
        <span>{t('explorer.iscoCode', { code: v.isco })}</span>
        <span>{countryName(v.location.country, lang)}</span>
        <span>{t('vacancy.skillsFromEsco', { count: v.essentialSkills.length })}</span>
      </p>
      <p>{t('matching.shortlistIntro')}</p>
      <EnglishLabelsNote />
      {first.status === 'loading' && <p role="status">{t('app.loading')}</p>}
      {first.status === 'error' && (
        <p role="alert" className="error">
          {t(first.key)}
        </p>
      )}
      {first.status === 'done' && (
        <section aria-labelledby="shortlist-count">
          <h2 id="shortlist-count">{t('matching.candidateCount', { count: items.length })}</h2>
          {first.data.unmatchable ? (
            <Unmatchable text={t('matching.unmatchableVacancy')} reason={first.data.unmatchable} />
          ) : items.length === 0 ? (
            <p className="muted">{t('matching.noCandidates')}</p>
          ) : (
            <ol className="cards ranked">
              {items.map((m) => (
                <CandidateCard
                  key={m.candidate.id}
                  match={m}
                  labels={labels}
                  labelLang={contentLanguage(lang)}
                  vacancyId={vacancyId}
                  mayContact={role === 'employer' || role === 'org_admin'}
                />
              ))}
            </ol>
          )}
          {last?.hasMore && (
            <p>
              <button type="button" onClick={loadMore} disabled={loadingMore}>
                {t('matching.showMore')}
              </button>
            </p>
          )}
          {moreError && (
            <p role="alert" className="error">
              {moreError}
            </p>
          )}
        </section>
      )}
    </section>
  );
}

function CandidateCard(props: {
  match: CandidateMatch;
  labels: Record<string, string>;
  labelLang: string;
  vacancyId: string;
  /** The vacancy's employer asks to contact; advisors see their own caseload here. */
  mayContact: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { match: m, labels, labelLang } = props;
  const c = m.candidate;
  const id = `candidate-${m.rank}`;
  const title = c.displayName ?? t('matching.candidateN', { rank: m.rank });
  return (
    <li className="card" aria-labelledby={`${id}-title`}>
      <div className="card-title">
        <h3 id={`${id}-title`} dir="auto">
          {title}
        </h3>
        <span className="badge confirmed">{t('matching.score', { score: formatScore(m.score, lang) })}</span>
      </div>
      <dl className="facts">
        {c.availability && (
          <div>
            <dt>{t('matching.available')}</dt>
            <dd>
              {c.availability.availableFrom
                ? t('matching.availableFrom', { date: formatDate(new Date(c.availability.availableFrom), lang) })
                : t('matching.availableNow')}
            </dd>
          </div>
        )}
        {c.languages && c.languages.length > 0 && (
          <div>
            <dt>{t('matching.languages')}</dt>
            <dd>
              {listFormat(
                c.languages.map((l) =>
                  l.native
                    ? t('matching.nativeLanguage', { language: languageName(l.lang, lang) })
                    : `${languageName(l.lang, lang)} ${l.speaking ?? ''}`.trim(),
                ),
                lang,
              )}
            </dd>
          </div>
        )}
        {c.experience && c.experience.length > 0 && (
          <div>
            <dt>{t('matching.experienceHeading')}</dt>
            <dd>
              {c.experience.map((x, i) => (
                <span key={`${x.occupationUri}-${i}`}>
                  {i > 0 && listSeparator(lang)}
                  <span lang={labelLang} dir="auto">
                    {labelOf(labels, x.occupationUri)}
                  </span>{' '}
                  ({t('matching.months', { count: x.months })})
                </span>
              ))}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('matching.supportedBy')}</dt>
          <dd dir="auto">{m.organisation.name}</dd>
        </div>
      </dl>
      <ExplanationView
        explanation={m.explanation}
        labels={labels}
        labelLang={labelLang}
        id={id}
        assessed={new Map((m.candidate.skills ?? []).flatMap((s) => (s.assessedBy ? [[s.uri, s.assessedBy]] : [])))}
      />
      <Suspense fallback={null}>
        <CandidateHiringGuide id={id} eligibility={m.explanation.eligibility} />
      </Suspense>
      {props.mayContact && <AskToContact id={id} vacancyId={props.vacancyId} migrantId={c.id} />}
    </li>
  );
}

/** "a, b and c" in the interface language (Arabic uses its own comma and "و"). */
function listFormat(items: string[], lang: string): string {
  return new Intl.ListFormat(lang, { type: 'unit' }).format(items);
}

/** The separator between list items in the interface language ("، " in Arabic). */
function listSeparator(lang: string): string {
  return new Intl.ListFormat(lang, { type: 'unit' }).format(['a', 'b']).slice(1, -1);
}
