import { Suspense, lazy, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type SearchHit } from '../api.js';
import { CountrySelect, OccupationCombobox, RegionField } from '../components/Fields.js';
import { ScreenHeading } from '../components/Heading.js';
import { Link } from '../components/Link.js';
import { LoadStatus } from '../components/LoadStatus.js';
import { countryName } from '../countries.js';
import { errorKey } from '../errors.js';
import { useApi } from '../useApi.js';
import { CONTRACT_TYPES, contractKey, formatWage, SECTORS, WAGE_PERIODS, type Vacancy } from '../vacancies.js';
import { occupationPath } from './Explorer.js';
import { shortlistPath } from './Shortlist.js';

const CountryHiringGuides = lazy(() =>
  import('../protection/Guide.js').then((m) => ({ default: m.CountryHiringGuides })),
);

/** Roles that publish vacancies (the API's MANAGERS); others see open vacancies everywhere. */
export const VACANCY_MANAGERS = ['employer', 'org_admin'];
/** Roles that see a vacancy's candidate shortlist (GET /vacancies/:id/candidates). */
export const SHORTLIST_ROLES = ['employer', 'org_admin', 'advisor'];

export function Vacancies({ role }: { role: string }) {
  const { t } = useTranslation();
  const manages = VACANCY_MANAGERS.includes(role);
  const [reload, setReload] = useState(0);
  const state = useApi((signal) => api.vacancies(signal), [reload]);
  return (
    <section className="screen vacancies" data-screen="vacancies">
      <ScreenHeading title={`${t('vacancy.title')} · ${t('app.name')}`}>{t('vacancy.title')}</ScreenHeading>
      <p>{manages ? t('vacancy.introOwn') : t('vacancy.introOpen')}</p>
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
      {manages && <PostVacancy onPublished={() => setReload((n) => n + 1)} />}
    </section>
  );
}

function VacancyCard({ vacancy: v, shortlist }: { vacancy: Vacancy; shortlist: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <li className="card">
      <div className="card-title">
        <Link href={occupationPath(v.occupationUri)} dir="auto">
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

function PostVacancy({ onPublished }: { onPublished(): void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [occupationText, setOccupationText] = useState('');
  const [occupation, setOccupation] = useState<SearchHit | null>(null);
  const [sector, setSector] = useState('');
  const [country, setCountry] = useState('');
  const [region, setRegion] = useState('');
  const [posts, setPosts] = useState('1');
  const [contract, setContract] = useState('permanent');
  const [hours, setHours] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('EUR');
  const [period, setPeriod] = useState('month');
  const [sponsors, setSponsors] = useState(false);
  const [fees, setFees] = useState(true);
  const [missing, setMissing] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  async function publish(e: FormEvent) {
    e.preventDefault();
    const lacking = [
      !title.trim() && 'title',
      !occupation && 'occupation',
      !sector && 'sector',
      !country && 'country',
      !(Number(posts) >= 1) && 'posts',
    ].filter((x): x is string => Boolean(x));
    setMissing(lacking);
    if (lacking.length > 0 || !occupation) {
      document.getElementById(`vacancy-${lacking[0]}`)?.focus();
      return;
    }
    setBusy(true);
    setResult(null);
    try {
      const v = await api.createVacancy({
        title: title.trim(),
        occupationUri: occupation.uri,
        sector,
        languages: [],
        location: { country, region: region.trim() },
        posts: Math.round(Number(posts)),
        contractType: contract,
        hoursPerWeek: hours ? Number(hours) : null,
        wage: amount ? { amount: Number(amount), currency: currency.trim().toUpperCase(), period } : null,
        employerSponsorsPermit: sponsors,
        employerPaysRecruitmentFees: fees,
      });
      setResult({ kind: 'ok', text: t('vacancy.published', { title: v.title, count: v.essentialSkills.length }) });
      setTitle('');
      setOccupation(null);
      setOccupationText('');
      onPublished();
    } catch (err) {
      setResult({ kind: 'error', text: t(errorKey(err)) });
    } finally {
      setBusy(false);
    }
  }

  const aria = (field: string) => ({
    'aria-invalid': missing.includes(field) || undefined,
    'aria-describedby': missing.includes(field) ? 'vacancy-missing' : undefined,
  });

  return (
    <section className="panel" aria-labelledby="post-vacancy">
      <h2 id="post-vacancy">{t('vacancy.postHeading')}</h2>
      <form onSubmit={publish} noValidate>
        <div className="field">
          <label htmlFor="vacancy-title">{t('vacancy.jobTitle')}</label>
          <input
            id="vacancy-title"
            type="text"
            dir="auto"
            maxLength={200}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            {...aria('title')}
          />
        </div>
        <div className="field" id="vacancy-occupation-field">
          <OccupationCombobox
            id="vacancy-occupation"
            label={t('vacancy.occupation')}
            hint={t('vacancy.occupationHint')}
            value={occupationText}
            onChange={(text, picked) => {
              setOccupationText(text);
              setOccupation(picked);
            }}
            invalid={missing.includes('occupation')}
          />
          {occupation && (
            <p className="ok" role="status">
              {t('vacancy.chosenOccupation', { label: occupation.label, isco: occupation.isco ?? '' })}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="vacancy-sector">{t('vacancy.sector')}</label>
          <select id="vacancy-sector" value={sector} onChange={(e) => setSector(e.target.value)} {...aria('sector')}>
            <option value="">{t('vacancy.chooseSector')}</option>
            {SECTORS.map((s) => (
              <option key={s} value={s}>
                {s} – {t(`vacancy.sectors.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="vacancy-country">{t('vacancy.country')}</label>
          <CountrySelect
            id="vacancy-country"
            value={country}
            onChange={setCountry}
            placeholder={t('caseload.chooseCountry')}
            {...aria('country')}
          />
        </div>
        {/* Issue 14: what each permit of the country allows, and how to hire under it. */}
        <Suspense fallback={null}>
          <CountryHiringGuides country={country} />
        </Suspense>
        <RegionField id="vacancy-region" value={region} onChange={setRegion} />
        <div className="field-row">
          <div className="field">
            <label htmlFor="vacancy-posts">{t('vacancy.posts')}</label>
            <input
              id="vacancy-posts"
              type="number"
              inputMode="numeric"
              min={1}
              max={10000}
              value={posts}
              onChange={(e) => setPosts(e.target.value)}
              {...aria('posts')}
            />
          </div>
          <div className="field">
            <label htmlFor="vacancy-contract">{t('vacancy.contract')}</label>
            <select id="vacancy-contract" value={contract} onChange={(e) => setContract(e.target.value)}>
              {CONTRACT_TYPES.map((c) => (
                <option key={c} value={c}>
                  {t(`vacancy.contracts.${contractKey(c)}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="vacancy-hours">{t('vacancy.hours')}</label>
            <input
              id="vacancy-hours"
              type="number"
              inputMode="decimal"
              min={1}
              max={80}
              value={hours}
              onChange={(e) => setHours(e.target.value)}
            />
          </div>
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="vacancy-wage">{t('vacancy.wage')}</label>
            <input
              id="vacancy-wage"
              type="number"
              inputMode="decimal"
              min={0}
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="vacancy-currency">{t('vacancy.currency')}</label>
            <input
              id="vacancy-currency"
              type="text"
              dir="ltr"
              maxLength={3}
              autoCapitalize="characters"
              value={currency}
              onChange={(e) => setCurrency(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="vacancy-period">{t('vacancy.period')}</label>
            <select id="vacancy-period" value={period} onChange={(e) => setPeriod(e.target.value)}>
              {WAGE_PERIODS.map((p) => (
                <option key={p} value={p}>
                  {t(`vacancy.periods.${p}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <label className="choice">
          <input type="checkbox" checked={sponsors} onChange={(e) => setSponsors(e.target.checked)} />
          {t('vacancy.sponsors')}
        </label>
        <label className="choice">
          <input
            type="checkbox"
            checked={fees}
            onChange={(e) => setFees(e.target.checked)}
            aria-describedby="vacancy-fees-hint"
          />
          {t('vacancy.fees')}
        </label>
        <p id="vacancy-fees-hint" className="hint">
          {t('vacancy.feesHint')}
        </p>
        {missing.length > 0 && (
          <p id="vacancy-missing" className="error">
            {missing.includes('occupation') && missing.length === 1
              ? t('vacancy.chooseOccupation')
              : t('describe.required')}
          </p>
        )}
        <div role="status" className={result?.kind === 'error' ? 'error' : 'ok'}>
          {result?.text}
        </div>
        <button type="submit" disabled={busy}>
          {t('vacancy.publish')}
        </button>
      </form>
    </section>
  );
}
