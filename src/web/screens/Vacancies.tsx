import { useTranslation } from 'react-i18next';
import { api } from '../api.js';
import { ScreenHeading } from '../components/Heading.js';
import { Link } from '../components/Link.js';
import { LoadStatus } from '../components/LoadStatus.js';
import { countryName } from '../countries.js';
import { useApi } from '../useApi.js';
import { contractKey, formatWage, type Vacancy } from '../vacancies.js';
import { shortlistPath } from './Shortlist.js';

/** Roles that publish vacancies (the API's MANAGERS); others see open vacancies everywhere. */
export const VACANCY_MANAGERS = ['employer', 'org_admin'];
/** Roles that see a vacancy's candidate shortlist (GET /vacancies/:id/candidates). */
export const SHORTLIST_ROLES = ['employer', 'org_admin', 'advisor'];

export function Vacancies({ role }: { role: string }) {
  const { t } = useTranslation();
  const manages = VACANCY_MANAGERS.includes(role);
  const state = useApi((signal) => api.vacancies(signal), []);
  return (
    <section className="screen vacancies" data-screen="vacancies">
      <ScreenHeading title={`${t('vacancy.title')} · ${t('app.name')}`}>{t('vacancy.title')}</ScreenHeading>
      <p>{manages ? t('vacancy.introOwn') : t('vacancy.introOpen')}</p>
      {manages && (
        <p>
          {/* Publishing (with the review of the ESCO skills) is its own screen, loaded on demand. */}
          <Link href="/vacancies/new" className="button">
            {t('vacancy.postHeading')}
          </Link>
        </p>
      )}
      <LoadStatus state={state} />
      {state.status === 'done' &&
        (state.data.items.length === 0 ? (
          <p className="muted">{t('vacancy.none')}</p>
        ) : (
          <ul className="cards" aria-label={t('vacancy.title')}>
            {state.data.items.map((v) => (
              <VacancyCard key={v.id} vacancy={v} shortlist={SHORTLIST_ROLES.includes(role)} />
            ))}
          </ul>
        ))}
    </section>
  );
}

function VacancyCard({ vacancy: v, shortlist }: { vacancy: Vacancy; shortlist: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <li className="card">
      <div className="card-title">
        <Link href={`/vacancies/${v.id}`} dir="auto">
          {v.title}
        </Link>
        <span className={`badge ${v.status === 'open' ? 'confirmed' : ''}`}>
          {v.status === 'open' ? t('vacancy.open') : t('vacancy.closed')}
        </span>
      </div>
      <p className="codes">
        <span>{t('explorer.iscoCode', { code: v.isco })}</span>
        <span>{countryName(v.location.country, lang)}</span>
        <span>{t('vacancy.posts', { count: v.posts })}</span>
        <span>{t(`vacancy.contracts.${contractKey(v.contractType)}`)}</span>
        {v.wage && (
          <span>
            {formatWage(v.wage, lang)} {t(`vacancy.periods.${v.wage.period}`)}
          </span>
        )}
        <span>{t('vacancy.skillsFromEsco', { count: v.essentialSkills.length })}</span>
      </p>
      <p>
        <span className={`badge ${v.employerPaysRecruitmentFees ? 'confirmed' : 'rejected'}`}>
          {v.employerPaysRecruitmentFees ? t('vacancy.employerPays') : t('vacancy.workerMayPay')}
        </span>{' '}
        {v.employerSponsorsPermit && <span className="badge">{t('vacancy.sponsored')}</span>}
      </p>
      {shortlist && (
        <p>
          <Link href={shortlistPath(v.id)} aria-label={`${t('matching.seeCandidates')}: ${v.title}`}>
            {t('matching.seeCandidates')}
          </Link>
        </p>
      )}
    </li>
  );
}
