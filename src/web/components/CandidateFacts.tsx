// What an employer sees of a candidate, field by field: on the shortlist, and in the preview a person looks at
// before choosing what to show. Only the fields present in the view are shown.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, conceptId } from '../api.js';
import { countryName } from '../countries.js';
import { contentLanguage, formatDate, languageName } from '../i18n.js';
import type { CandidateView } from '../matching.js';

/**
 * Arabic lists join "و" (and) to the next word; before a word in Latin script (an English ESCO label) that reads
 * as one word, so a space goes between them.
 */
export function spacedAnd(text: string): string {
  return text.replace(/و(?=\p{Script=Latin})/gu, 'و ');
}

/** What goes between the items of a list of labels: the language's comma and a space ("، " in Arabic). */
export function itemSeparator(lang: string): string {
  const three = new Intl.ListFormat(lang, { type: 'unit', style: 'short' }).format(['a', 'b', 'c']);
  return `${three.slice(1, three.indexOf('b')).replace('و', '').trimEnd()} `;
}

/** Skills named on a card; the rest are counted. */
const SKILLS_NAMED = 8;

/** Assessed skills (with their provenance) first: they are the ones worth naming. */
function byEvidence(skills: NonNullable<CandidateView['skills']>) {
  return [...skills].sort((a, b) => Number(!!b.assessedBy) - Number(!!a.assessedBy));
}

export function CandidateFacts(props: {
  view: CandidateView;
  /** ESCO label of an occupation or skill URI, when known. */
  labelOf(uri: string): string | undefined;
  labelLang: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { view: c, labelLang } = props;
  const esco = (uri: string) => (
    <span lang={labelLang} dir="auto">
      {props.labelOf(uri) ?? conceptId(uri)}
    </span>
  );
  const list = (items: string[]) => spacedAnd(new Intl.ListFormat(lang, { type: 'unit' }).format(items));
  const sep = itemSeparator(lang);
  const joined = (nodes: React.ReactNode[]) => nodes.map((n, i) => [i > 0 ? sep : null, n]);
  const place = (country: string, region: string) =>
    region ? `${countryName(country, lang)} (${region})` : countryName(country, lang);
  return (
    <dl className="facts candidate-facts">
      {c.availability && (
        <div>
          <dt>{t('matching.available')}</dt>
          <dd>
            {!c.availability.seeking
              ? t('caseload.notSeeking')
              : c.availability.availableFrom
                ? t('matching.availableFrom', { date: formatDate(new Date(c.availability.availableFrom), lang) })
                : t('matching.availableNow')}
          </dd>
        </div>
      )}
      {c.location && (
        <div>
          <dt>{t('caseload.current')}</dt>
          <dd>{place(c.location.country, c.location.region)}</dd>
        </div>
      )}
      {c.languages && c.languages.length > 0 && (
        <div>
          <dt>{t('matching.languages')}</dt>
          <dd>
            {list(
              c.languages.map((l) =>
                l.native
                  ? t('matching.nativeLanguage', { language: languageName(l.lang, lang) })
                  : `${languageName(l.lang, lang)} ${l.speaking ?? ''}`.trim(),
              ),
            )}
          </dd>
        </div>
      )}
      {c.experience && c.experience.length > 0 && (
        <div>
          <dt>{t('matching.experienceHeading')}</dt>
          <dd>
            {joined(
              c.experience.map((x, i) => (
                <span key={`${x.occupationUri}-${i}`}>
                  {esco(x.occupationUri)} ({countryName(x.country, lang)}
                  {sep}
                  {t('matching.months', { count: x.months })})
                </span>
              )),
            )}
          </dd>
        </div>
      )}
      {c.skills && (
        <div>
          <dt>{t('caseload.skills')}</dt>
          <dd>
            {c.skills.length === 0
              ? t('profile.noSkills')
              : joined(
                  byEvidence(c.skills)
                    .slice(0, SKILLS_NAMED)
                    .map((s) => <span key={s.uri}>{esco(s.uri)}</span>),
                )}
            {c.skills.length > SKILLS_NAMED && ` ${t('profile.moreSkills', { count: c.skills.length - SKILLS_NAMED })}`}
          </dd>
        </div>
      )}
      {c.skills?.some((s) => s.assessedBy) && (
        <div>
          <dt>{t('profile.evidence.assessed')}</dt>
          <dd>
            <ul className="provenance-list">
              {c.skills
                .filter((s) => s.assessedBy)
                .map((s) => (
                  <li key={s.uri}>
                    {esco(s.uri)}{' '}
                    <span className="muted provenance">
                      {t('profile.assessedBy', {
                        name: s.assessedBy!.assessorName,
                        date: formatDate(new Date(`${s.assessedBy!.assessedOn}T12:00:00Z`), lang),
                      })}
                    </span>
                  </li>
                ))}
            </ul>
          </dd>
        </div>
      )}
      {c.education && c.education.length > 0 && (
        <div>
          <dt>{t('caseload.education')}</dt>
          <dd>
            {list(
              c.education.map((e) =>
                e.completed
                  ? t(`interview.isced.${e.iscedLevel}`)
                  : t('consent.notCompleted', { level: t(`interview.isced.${e.iscedLevel}`) }),
              ),
            )}
          </dd>
        </div>
      )}
      {c.qualifications && c.qualifications.length > 0 && (
        <div>
          <dt>{t('consent.facts.qualifications')}</dt>
          <dd dir="auto">{list(c.qualifications.map((q) => q.title))}</dd>
        </div>
      )}
      {c.workAuthorization && (
        <div>
          <dt>{t('consent.facts.workAuthorization')}</dt>
          <dd>
            {c.workAuthorization.length === 0
              ? t('consent.noPermit')
              : list(
                  c.workAuthorization.map((p) =>
                    t('consent.permitIn', {
                      permit: t(`interview.permitTypes.${p.type}`, { defaultValue: p.type }),
                      country: countryName(p.country, lang),
                    }),
                  ),
                )}
          </dd>
        </div>
      )}
      {c.preferences && (c.preferences.occupations.length > 0 || c.preferences.willingToRelocate) && (
        <div>
          <dt>{t('consent.facts.preferences')}</dt>
          <dd>
            {joined(c.preferences.occupations.map((uri) => <span key={uri}>{esco(uri)}</span>))}
            {c.preferences.willingToRelocate && (
              <>
                {c.preferences.occupations.length > 0 && sep}
                {t('matching.relocation')}
              </>
            )}
          </dd>
        </div>
      )}
    </dl>
  );
}

/** ESCO labels (content language) of the occupations and first skills a view names; one request each. */
export function useViewLabels(view: CandidateView | null): Map<string, string> {
  const { i18n } = useTranslation();
  const lang = contentLanguage(i18n.language);
  const occupations = [
    ...new Set([...(view?.experience ?? []).map((x) => x.occupationUri), ...(view?.preferences?.occupations ?? [])]),
  ];
  const skills = byEvidence(view?.skills ?? [])
    .slice(0, SKILLS_NAMED)
    .map((s) => s.uri);
  const key = [...occupations, '|', ...skills].join(' ');
  const [labels, setLabels] = useState(new Map<string, string>());
  useEffect(() => {
    const ctrl = new AbortController();
    const [occ, sk] = key.split('|').map((part) => part.split(' ').filter(Boolean)) as [string[], string[]];
    const known = (uri: string, load: Promise<{ label: string }>) =>
      load.then(
        (d) => [uri, d.label] as const,
        () => [uri, conceptId(uri)] as const,
      );
    Promise.all([
      ...occ.map((uri) => known(uri, api.occupation(conceptId(uri), lang, ctrl.signal))),
      ...sk.map((uri) => known(uri, api.skill(conceptId(uri), lang, ctrl.signal))),
    ]).then((pairs) => {
      if (!ctrl.signal.aborted) setLabels(new Map(pairs));
    });
    return () => ctrl.abort();
  }, [key, lang]);
  return labels;
}
