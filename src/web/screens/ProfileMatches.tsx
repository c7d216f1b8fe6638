// On a person's profile: the vacancies that match them (explained), the skills they lack for a chosen vacancy
// or occupation with the training offers that teach them, and their printable CV.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../api.js';
import { OccupationCombobox } from '../components/Fields.js';
import { ExplanationView, languageName, Unmatchable } from '../components/Explanation.js';
import { LanguageOptions } from '../components/LanguageSwitch.js';
import { LoadStatus } from '../components/LoadStatus.js';
import { countryName } from '../countries.js';
import { contentLanguage, formatDate, isUiLanguage, type UiLanguage } from '../i18n.js';
import {
  formatScore,
  labelOf,
  matchingApi,
  type GapTarget,
  type SkillGap,
  type TrainingSuggestion,
} from '../matching.js';
import type { Profile } from '../profiles.js';
import { useApi } from '../useApi.js';
import { formatWage } from '../vacancies.js';

export function ProfileMatches({ profile }: { profile: Profile }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const labelLang = contentLanguage(lang);
  const matches = useApi((signal) => matchingApi.matches(profile.id, lang, signal), [profile.id, lang]);
  const [target, setTarget] = useState<GapTarget | null>(null);

  return (
    <>
      <section aria-labelledby="profile-matches">
        <h2 id="profile-matches">{t('matching.matchesHeading')}</h2>
        <p className="muted">{t('matching.matchesIntro')}</p>
        {matches.status === 'loading' && <p role="status">{t('app.loading')}</p>}
        {matches.status === 'error' && (
          <p role="alert" className="error">
            {t(matches.key)}
          </p>
        )}
        {matches.status === 'done' &&
          (matches.data.unmatchable ? (
            <Unmatchable text={t('matching.unmatchableProfile')} reason={matches.data.unmatchable} />
          ) : matches.data.items.length === 0 ? (
            <p className="muted">{t('matching.noMatches')}</p>
          ) : (
            <ol className="cards ranked">
              {matches.data.items.map((m) => (
                <li key={m.vacancy.id} className="card" aria-labelledby={`match-${m.rank}-title`}>
                  <div className="card-title">
                    <h3 id={`match-${m.rank}-title`} dir="auto">
                      {m.vacancy.title}
                    </h3>
                    <span className="badge confirmed">
                      {t('matching.score', { score: formatScore(m.score, lang) })}
                    </span>
                  </div>
                  <p className="codes">
                    <span dir="auto">{m.employer.name}</span>
                    <span>{countryName(m.vacancy.location.country, lang)}</span>
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
                    labels={matches.data.labels}
                    labelLang={labelLang}
                    id={`match-${m.rank}`}
                  />
                  <p>
                    <button
                      type="button"
                      onClick={() => {
                        setTarget({ vacancy: m.vacancy.id });
                        requestAnimationFrame(() => document.getElementById('profile-gaps')?.focus());
                      }}
                    >
                      {t('matching.showGaps')}
                    </button>
                  </p>
                </li>
              ))}
            </ol>
          ))}
      </section>
      <GapSection profileId={profile.id} target={target} onTarget={setTarget} />
    </>
  );
}

function GapSection(props: { profileId: string; target: GapTarget | null; onTarget(t: GapTarget): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<SearchHit | null>(null);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (picked) props.onTarget({ occupation: picked.uri });
  }
  return (
    <section aria-labelledby="profile-gaps" className="gaps">
      <h2 id="profile-gaps" tabIndex={-1}>
        {t('matching.gapsHeading')}
      </h2>
      <p className="muted">{t('matching.gapsIntro')}</p>
      <form onSubmit={submit} className="panel" noValidate>
        <OccupationCombobox
          id="gap-occupation"
          label={t('matching.gapOccupation')}
          value={text}
          onChange={(v, hit) => {
            setText(v);
            setPicked(hit);
          }}
        />
        <button type="submit" disabled={!picked}>
          {t('matching.showGaps')}
        </button>
      </form>
      {props.target && <GapResult profileId={props.profileId} target={props.target} />}
    </section>
  );
}

function GapResult({ profileId, target }: { profileId: string; target: GapTarget }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const labelLang = contentLanguage(lang);
  const key = JSON.stringify(target);
  const state = useApi((signal) => matchingApi.gaps(profileId, target, lang, signal), [profileId, key, lang]);
  if (state.status !== 'done') return <LoadStatus state={state} />;
  const g: SkillGap = state.data;
  const label = (uri: string) => (
    <span lang={labelLang} dir="auto">
      {labelOf(g.labels, uri)}
    </span>
  );
  const inPlan = new Set(g.plan.offerIds);
  return (
    <div className="gap-result" aria-live="polite">
      <h3>
        {t(g.target.kind === 'vacancy' ? 'matching.gapForVacancy' : 'matching.gapForOccupation')}{' '}
        <span dir="auto" lang={g.target.kind === 'occupation' ? labelLang : undefined}>
          {g.target.label}
        </span>
      </h3>
      <h4>{t('matching.missingHeading', { count: g.missingEssential.length })}</h4>
      {g.missingEssential.length === 0 ? (
        <p className="ok">{t('matching.noMissing')}</p>
      ) : (
        <ul className="skill-lines missing">
          {g.missingEssential.map((uri) => (
            <li key={uri}>{label(uri)}</li>
          ))}
        </ul>
      )}
      {g.nearOnly.length > 0 && (
        <>
          <h4>{t('matching.nearOnlyHeading')}</h4>
          <ul className="skill-lines">
            {g.nearOnly.map((n) => (
              <li key={n.uri}>
                {label(n.uri)} <span className="muted">({t('matching.coveredBy')}</span> {label(n.heldInstead)}
                <span className="muted">)</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {g.missingOptional.length > 0 && (
        <p className="muted">{t('matching.missingOptional', { count: g.missingOptional.length })}</p>
      )}
      <h4>{t('matching.trainingHeading', { count: g.training.length })}</h4>
      {g.training.length === 0 ? (
        <p className="muted">{t('matching.noTraining')}</p>
      ) : (
        <ol className="cards ranked training">
          {g.training.map((s) => (
            <TrainingCard
              key={s.offer.id}
              s={s}
              labels={g.labels}
              labelLang={labelLang}
              inPlan={inPlan.has(s.offer.id)}
            />
          ))}
        </ol>
      )}
      {g.plan.uncovered.length > 0 && g.missingEssential.length > 0 && (
        <>
          <h4>{t('matching.uncoveredHeading')}</h4>
          <ul className="skill-lines">
            {g.plan.uncovered.map((uri) => (
              <li key={uri}>{label(uri)}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function TrainingCard(props: {
  s: TrainingSuggestion;
  labels: Record<string, string>;
  labelLang: string;
  inPlan: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { offer: o, covers, coverage, provider } = props.s;
  return (
    <li className="card">
      <div className="card-title">
        <h5 className="card-heading" dir="auto">
          {o.title}
        </h5>
        {props.inPlan && <span className="badge confirmed">{t('matching.inPlan')}</span>}
      </div>
      <p className="codes">
        <span>{t('matching.coverage', { value: formatScore(coverage, lang) })}</span>
        <span>{t('matching.hours', { count: o.durationHours })}</span>
        <span>
          {o.cost === 0 ? t('matching.free') : formatWage({ amount: o.cost, currency: o.currency, period: '' }, lang)}
        </span>
        <span>{t(`matching.modes.${o.mode === 'in-person' ? 'inPerson' : o.mode}`)}</span>
        <span>{languageName(o.language, lang)}</span>
        {o.location && <span>{countryName(o.location.country, lang)}</span>}
        {o.startDate && <span>{t('matching.starts', { date: formatDate(new Date(o.startDate), lang) })}</span>}
      </p>
      {provider && (
        <p>
          {t('matching.provider')} <span dir="auto">{provider.name}</span>
        </p>
      )}
      <p className="teaches">{t('matching.teaches')}</p>
      <ul className="skill-lines">
        {covers.map((uri) => (
          <li key={uri}>
            <span lang={props.labelLang} dir="auto">
              {labelOf(props.labels, uri)}
            </span>
          </li>
        ))}
      </ul>
    </li>
  );
}

/** The CV's language: the reader's (the interface language) when Corridor prints in it, else English. */
export function cvLanguage(uiLang: string): UiLanguage {
  return isUiLanguage(uiLang) ? uiLang : 'en';
}

export function CvLink({ profile }: { profile: Profile }) {
  const { t, i18n } = useTranslation();
  const [cvLang, setCvLang] = useState<UiLanguage>(() => cvLanguage(i18n.language));
  return (
    <section aria-labelledby="profile-cv" className="cv">
      <h2 id="profile-cv">{t('matching.cvHeading')}</h2>
      <div className="field-row">
        <div className="field">
          <label htmlFor="cv-lang">{t('matching.cvLanguage')}</label>
          <select id="cv-lang" value={cvLang} onChange={(e) => setCvLang(e.target.value as UiLanguage)}>
            <LanguageOptions />
          </select>
        </div>
      </div>
      <p>
        <a
          href={`/api/v1/profiles/${encodeURIComponent(profile.id)}/cv.pdf?lang=${cvLang}`}
          target="_blank"
          rel="noopener"
          type="application/pdf"
        >
          {t('matching.cvLink', { language: t(`languages.${cvLang}`) })}
        </a>
      </p>
    </section>
  );
}
