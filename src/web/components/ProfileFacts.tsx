// What the caseload's cards and a person's profile screen both say about the person.
import { useTranslation } from 'react-i18next';
import { countryName } from '../countries.js';
import { formatDate, languageName } from '../i18n.js';
import { UNKNOWN_COUNTRY } from '../interview.js';
import type { Profile, ProfileSummary } from '../profiles.js';

type Facts = Pick<ProfileSummary, 'originCountry' | 'currentCountry' | 'highestIscedLevel' | 'updatedAt'> &
  Pick<ProfileSummary, 'contactLanguage'> &
  // Only a whole profile carries citizenships (the caseload's lines do not).
  Partial<Pick<Profile, 'citizenships'>>;

/**
 * Countries (origin, citizenship on a whole profile, where the person lives), the language to contact the person in, highest education and last change; the caseload also shows
 * how many skills the person has.
 */
export function ProfileFacts({ profile: p, skillCount }: { profile: Facts; skillCount?: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  // ZZ: not known yet (a new account); Intl would call it "Unknown Region".
  const country = (code: string) => (code === UNKNOWN_COUNTRY ? t('profile.notRecorded') : countryName(code, lang));
  return (
    <dl className="facts">
      <div>
        <dt>{t('caseload.origin')}</dt>
        <dd>{country(p.originCountry)}</dd>
      </div>
      {p.citizenships !== undefined && (
        <div>
          <dt>{t('caseload.citizenship')}</dt>
          <dd>
            {p.citizenships === null
              ? t('profile.notRecorded')
              : p.citizenships.length === 0
                ? t('caseload.stateless')
                : new Intl.ListFormat(lang, { type: 'conjunction' }).format(
                    p.citizenships.map((c) => countryName(c, lang)),
                  )}
          </dd>
        </div>
      )}
      <div>
        <dt>{t('caseload.current')}</dt>
        <dd>{country(p.currentCountry)}</dd>
      </div>
      {p.contactLanguage !== undefined && (
        <div>
          <dt>{t('caseload.contactLanguage')}</dt>
          <dd>{p.contactLanguage ? languageName(p.contactLanguage, lang) : t('caseload.contactLanguageUnknown')}</dd>
        </div>
      )}
      {skillCount !== undefined && (
        <div>
          <dt>{t('caseload.skills')}</dt>
          <dd>{new Intl.NumberFormat(lang).format(skillCount)}</dd>
        </div>
      )}
      <div>
        <dt>{t('caseload.education')}</dt>
        <dd>
          {p.highestIscedLevel === null
            ? t('caseload.none_education')
            : t('caseload.iscedLevel', { level: p.highestIscedLevel })}
        </dd>
      </div>
      <div>
        <dt>{t('caseload.updated')}</dt>
        <dd>{formatDate(new Date(p.updatedAt), lang)}</dd>
      </div>
    </dl>
  );
}

export function SeekingBadge({ seeking }: { seeking: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${seeking ? 'confirmed' : ''}`}>
      {seeking ? t('caseload.seeking') : t('caseload.notSeeking')}
    </span>
  );
}
