// Oversight screens: a supervisor's view of their team's caseload, and the fair-recruitment flags with the register
// of recruiters (labour inspectors read it; advisors are warned by it). Neither names a person's vulnerability.
import { ScreenHeading } from '../components/Heading.js';
import { Link } from '../components/Link.js';
import { LoadStatus } from '../components/LoadStatus.js';
import { countryName } from '../countries.js';
import { useApi } from '../useApi.js';
import { protectionApi } from './api.js';
import { casePath } from './CaseScreen.js';
import { useProtectionTranslation } from './messages.js';

export function TeamScreen() {
  const { t } = useProtectionTranslation();
  const state = useApi((signal) => protectionApi.team(signal), []);
  return (
    <section className="screen team" data-screen="team">
      <ScreenHeading title={`${t('protection.team.title')} · ${t('app.name')}`}>
        {t('protection.team.title')}
      </ScreenHeading>
      <p>{t('protection.team.intro')}</p>
      <p>
        <Link href="/protection/fair-recruitment">{t('protection.team.flagsLink')}</Link>
      </p>
      <LoadStatus state={state} />
      {state.status === 'done' &&
        (state.data.items.length === 0 ? (
          <p className="muted">{t('protection.team.none')}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('protection.team.person')}</th>
                  <th scope="col">{t('protection.team.lead')}</th>
                  <th scope="col">{t('protection.team.overdue')}</th>
                  <th scope="col">{t('protection.team.referrals')}</th>
                  <th scope="col">{t('protection.team.goals')}</th>
                  <th scope="col">{t('protection.team.last')}</th>
                </tr>
              </thead>
              <tbody>
                {state.data.items.map((c) => (
                  <tr key={c.migrantId}>
                    <th scope="row">
                      <Link href={casePath(c.migrantId)} dir="auto">
                        {c.displayName}
                      </Link>
                    </th>
                    <td dir="auto">{c.leadAdvisorName ?? t('protection.unassigned')}</td>
                    <td>{c.overdueFollowUps}</td>
                    <td>{c.openReferrals}</td>
                    <td>{c.openGoals}</td>
                    <td>{c.lastOutcome ? t(`protection.outcomes.kinds.${c.lastOutcome}`) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}

export function FairRecruitmentScreen() {
  const { t, i18n } = useProtectionTranslation();
  const lang = i18n.language;
  const flags = useApi((signal) => protectionApi.flags(signal), []);
  const register = useApi((signal) => protectionApi.recruiters(signal), []);
  return (
    <section className="screen fair-recruitment" data-screen="fair-recruitment">
      <ScreenHeading title={`${t('protection.inspection.title')} · ${t('app.name')}`}>
        {t('protection.inspection.title')}
      </ScreenHeading>
      <p>{t('protection.inspection.intro')}</p>
      <LoadStatus state={flags} />
      {flags.status === 'done' && (
        <>
          <section aria-labelledby="flag-vacancies">
            <h2 id="flag-vacancies">{t('protection.inspection.vacancies')}</h2>
            {flags.data.vacancies.length === 0 ? (
              <p className="muted">{t('protection.inspection.none')}</p>
            ) : (
              <ul className="cards">
                {flags.data.vacancies.map((v) => (
                  <li key={v.id} className="card">
                    <div className="card-title">
                      <span dir="auto">{v.title}</span>
                      <span className="badge rejected">{t('protection.inspection.workers', { count: v.workers })}</span>
                    </div>
                    <p>
                      {countryName(v.country, lang)} ·{' '}
                      {v.employerPaysDeclared
                        ? t('protection.inspection.declared')
                        : t('protection.inspection.notDeclared')}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="flag-recruiters">
            <h2 id="flag-recruiters">{t('protection.inspection.recruiters')}</h2>
            {flags.data.recruiters.length === 0 ? (
              <p className="muted">{t('protection.inspection.none')}</p>
            ) : (
              <ul className="cards">
                {flags.data.recruiters.map((r) => (
                  <li key={r.id} className="card">
                    <div className="card-title">
                      <span dir="auto">{r.name}</span>
                      <span className="badge rejected">{t('protection.inspection.workers', { count: r.workers })}</span>
                    </div>
                    <p>
                      {countryName(r.country, lang)} · {t(`protection.inspection.statuses.${r.licenceStatus}`)}
                      {r.licenceNumber && <> · {t('protection.inspection.licence', { number: r.licenceNumber })}</>}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
      <section aria-labelledby="register-title">
        <h2 id="register-title">{t('protection.inspection.register')}</h2>
        <LoadStatus state={register} />
        {register.status === 'done' &&
          (register.data.items.length === 0 ? (
            <p className="muted">{t('protection.none')}</p>
          ) : (
            <ul className="cards">
              {register.data.items.map((r) => (
                <li key={r.id} className="card">
                  <div className="card-title">
                    <span dir="auto">{r.name}</span>
                    <span className="badge">{t(`protection.inspection.statuses.${r.licenceStatus}`)}</span>
                  </div>
                  <p>
                    {countryName(r.country, lang)}
                    {r.licenceNumber && <> · {t('protection.inspection.licence', { number: r.licenceNumber })}</>}
                    {r.certification && <> · {t('protection.inspection.certified', { name: r.certification })}</>}
                    {' · '}
                    {t('protection.inspection.complaints', { count: r.complaints.length })}
                  </p>
                </li>
              ))}
            </ul>
          ))}
      </section>
    </section>
  );
}
