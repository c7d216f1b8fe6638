// "Jobs for me": the open vacancies a migrant could legally take, best first, each with the reasons in their
// language (GET /profiles/:id/matches answers the person themself); and what to do when none can be shown yet.
import { useTranslation } from 'react-i18next';
import { ExplanationView } from '../components/Explanation.js';
import { EnglishLabelsNote } from '../components/Concept.js';
import { ScreenHeading } from '../components/Heading.js';
import { Link } from '../components/Link.js';
import { LoadStatus } from '../components/LoadStatus.js';
import { activeFor } from '../consent.js';
import { countryName } from '../countries.js';
import { contentLanguage } from '../i18n.js';
import { selfService } from '../interview.js';
import { formatScore, matchingApi } from '../matching.js';
import { placeKnown } from '../me.js';
import { useApi } from '../useApi.js';
import { contractKey, formatWage } from '../vacancies.js';

async function loadJobs(lang: string, signal: AbortSignal) {
  const profile = await selfService.myProfile(signal);
  const [matches, { consents }] = await Promise.all([
    matchingApi.matches(profile.id, lang, signal),
    selfService.consents(profile.id, signal),
  ]);
  return { profile, matches, shown: activeFor(consents, 'matching_with_employers') !== undefined };
}

export function MyJobsScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const labelLang = contentLanguage(lang);
  const state = useApi((signal) => loadJobs(lang, signal), [lang]);
  const title = t('myJobs.title');
  return (
    <section className="screen my-jobs" data-screen="my-jobs">
      <ScreenHeading title={`${title} · ${t('app.name')}`}>{title}</ScreenHeading>
      <EnglishLabelsNote />
      <p>{t('myJobs.intro')}</p>
      <LoadStatus state={state} />
      {state.status === 'done' && (
        <>
          {!state.data.shown && (
            <p className="notice">
              {t('myJobs.notShown')} <Link href="/me/consents">{t('myJobs.chooseWhatEmployersSee')}</Link>
            </p>
          )}
          {state.data.matches.unmatchable ? (
            <div className="notice">
              <p>{placeKnown(state.data.profile) ? t('myJobs.needMore') : t('myJobs.needPlace')}</p>
              <p>
                <Link href="/me/profile">{t('myJobs.completeProfile')}</Link>
              </p>
            </div>
          ) : state.data.matches.items.length === 0 ? (
            <div className="notice">
              <p>{t('myJobs.none')}</p>
              <p>
                <Link href="/me/profile">{t('myJobs.improveProfile')}</Link>
              </p>
            </div>
          ) : (
            <ol className="cards ranked">
              {state.data.matches.items.map((m) => (
                <li key={m.vacancy.id} className="card" aria-labelledby={`job-${m.rank}-title`}>
                  <div className="card-title">
                    <h2 id={`job-${m.rank}-title`} className="card-heading" dir="auto">
                      {m.vacancy.title}
                    </h2>
                    <span className="badge confirmed">
                      {t('matching.score', { score: formatScore(m.score, lang) })}
                    </span>
                  </div>
                  <p className="codes">
                    <span dir="auto">{m.employer.name}</span>
                    <span>
                      {countryName(m.vacancy.location.country, lang)}
                      {m.vacancy.location.region && ` (${m.vacancy.location.region})`}
                    </span>
                    <span>{t(`vacancy.contracts.${contractKey(m.vacancy.contractType)}`)}</span>
                    {m.vacancy.wage && (
                      <span>
                        {formatWage(m.vacancy.wage, lang)} {t(`vacancy.periods.${m.vacancy.wage.period}`)}
                      </span>
                    )}
                    <span className={`badge ${m.vacancy.employerPaysRecruitmentFees ? 'confirmed' : 'rejected'}`}>
                      {m.vacancy.employerPaysRecruitmentFees ? t('vacancy.employerPays') : t('vacancy.workerMayPay')}
                    </span>
                  </p>
                  <ExplanationView
                    explanation={m.explanation}
                    labels={state.data.matches.labels}
                    labelLang={labelLang}
                    id={`job-${m.rank}`}
                  />
                  <p className="muted">{t('myJobs.howToApply')}</p>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
