import { lazy, Suspense, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorField } from '../api.js';
import { ScreenHeading } from '../components/Heading.js';
import { Link } from '../components/Link.js';
import {
  contactLanguageOptions,
  CountrySelect,
  RegionField,
  useRegionMessage,
  useRegionsInUse,
} from '../components/Fields.js';
import { ProfileFacts, SeekingBadge } from '../components/ProfileFacts.js';
import { LoadStatus } from '../components/LoadStatus.js';
import { errorKey } from '../errors.js';
import { navigate, useLocation } from '../router.js';
import { regionProblem } from '../place.js';
import { citizenshipsOf, STATELESS_CHOICE } from '../profiles.js';
import { useApi } from '../useApi.js';

// Issue 14: overdue follow-ups and unread reports, loaded with the protection chunk.
const AttentionPanel = lazy(() => import('../protection/Attention.js'));

export function caseloadPath(filter: string, seeking = ''): string {
  const q = new URLSearchParams();
  if (filter.trim()) q.set('name', filter.trim());
  if (seeking === 'true' || seeking === 'false') q.set('seeking', seeking);
  const query = q.toString();
  return query ? `/caseload?${query}` : '/caseload';
}

export function Caseload({ filter }: { filter: string }) {
  const { t } = useTranslation();
  // The list API filters by name and by "looking for work" (GET /profiles?name=&seeking=).
  const seekingParam = new URLSearchParams(new URL(useLocation(), 'http://x').search).get('seeking') ?? '';
  const [text, setText] = useState(filter);
  const [seeking, setSeeking] = useState(seekingParam);
  const state = useApi(
    (signal) =>
      api.caseload(filter, signal, seekingParam === 'true' || seekingParam === 'false' ? seekingParam : undefined),
    [filter, seekingParam],
  );

  return (
    <section className="screen caseload" data-screen="caseload">
      <ScreenHeading title={`${t('caseload.title')} · ${t('app.name')}`}>{t('caseload.title')}</ScreenHeading>
      <p>{t('caseload.intro')}</p>
      <Suspense fallback={null}>
        <AttentionPanel />
      </Suspense>
      <form
        role="search"
        className="search-form"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(caseloadPath(text, seeking));
        }}
      >
        <div>
          <label htmlFor="caseload-filter">{t('caseload.filterLabel')}</label>
          <input id="caseload-filter" type="search" dir="auto" value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <div>
          <label htmlFor="caseload-seeking">{t('matching.filterSeeking')}</label>
          <select id="caseload-seeking" value={seeking} onChange={(e) => setSeeking(e.target.value)}>
            <option value="">{t('matching.filterAll')}</option>
            <option value="true">{t('caseload.seeking')}</option>
            <option value="false">{t('caseload.notSeeking')}</option>
          </select>
        </div>
        <button type="submit">{t('caseload.filter')}</button>
      </form>
      <LoadStatus state={state} />
      {state.status === 'done' && (
        <section aria-labelledby="caseload-count">
          <h2 id="caseload-count">{t('caseload.count', { count: state.data.items.length })}</h2>
          {state.data.items.length === 0 ? (
            <p className="muted">
              {seekingParam ? t('matching.noMatchFilters') : filter ? t('caseload.noMatch') : t('caseload.none')}
            </p>
          ) : (
            <ul className="cards">
              {state.data.items.map((p) => (
                <li key={p.id} className="card">
                  <div className="card-title">
                    <Link href={`/caseload/${p.id}`} dir="auto">
                      {p.displayName}
                    </Link>
                    <SeekingBadge seeking={p.seeking} />
                  </div>
                  <ProfileFacts profile={p} skillCount={p.skillCount} />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <NewProfileForm />
    </section>
  );
}

function NewProfileForm() {
  const { t, i18n } = useTranslation();
  const [name, setName] = useState('');
  const [origin, setOrigin] = useState('');
  const [citizenship, setCitizenship] = useState('');
  const [current, setCurrent] = useState('');
  const [region, setRegion] = useState('');
  const [contact, setContact] = useState('');
  const [agreed, setAgreed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<NewProfileField, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const regionMessage = useRegionMessage();
  const inUse = useRegionsInUse(current);

  /** Shows the messages next to their fields and moves focus to the first field in question. */
  function show(found: Partial<Record<NewProfileField, string>>) {
    setErrors(found);
    const first = NEW_PROFILE_FIELDS.find((f) => found[f]);
    if (first) document.getElementById(`new-profile-${first}`)?.focus();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const required = t('describe.required');
    const found: Partial<Record<NewProfileField, string>> = {};
    if (!name.trim()) found.name = required;
    if (!origin) found.origin = required;
    if (!current) found.current = required;
    const regionError = regionMessage(regionProblem(current, region, false), current);
    if (regionError) found.region = regionError;
    if (!agreed) found.consent = t('trust.profilingConsentRequired');
    if (Object.keys(found).length) return show(found);
    setErrors({});
    setBusy(true);
    try {
      const p = await api.createProfile({
        displayName: name.trim(),
        originCountry: origin,
        ...(citizenship ? { citizenships: citizenshipsOf(citizenship) } : {}),
        currentCountry: current,
        currentRegion: region.trim(),
        // Asked, not assumed: the advisor's interface language says nothing about the person's.
        ...(contact ? { contactLanguage: contact } : {}),
        profilingConsent: true,
      });
      // The person's page is where the next steps are (consent, the interview); its heading takes focus.
      navigate(`/caseload/${p.id}?added=1`);
    } catch (err) {
      const field = errorField(err);
      const at = field ? SERVER_FIELDS[field] : undefined;
      if (at) show({ [at]: t('errors.invalidField') });
      else setFailure(t(errorKey(err)));
      setBusy(false);
    }
  }

  const errorOf = (f: NewProfileField) => errors[f];
  const aria = (f: NewProfileField) =>
    errors[f] ? { 'aria-invalid': true as const, 'aria-describedby': `new-profile-${f}-error` } : {};
  const message = (f: NewProfileField) =>
    errors[f] ? (
      <p id={`new-profile-${f}-error`} className="error">
        {errors[f]}
      </p>
    ) : null;
  const countrySelect = (f: 'origin' | 'current', label: string, value: string, set: (v: string) => void) => (
    <div className="field">
      <label htmlFor={`new-profile-${f}`}>{label}</label>
      <CountrySelect
        id={`new-profile-${f}`}
        value={value}
        onChange={set}
        placeholder={t('caseload.chooseCountry')}
        {...aria(f)}
      />
      {message(f)}
    </div>
  );

  return (
    <section className="panel" aria-labelledby="new-profile">
      <h2 id="new-profile">{t('caseload.newHeading')}</h2>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="new-profile-name">{t('caseload.displayName')}</label>
          <input
            id="new-profile-name"
            type="text"
            dir="auto"
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.target.value)}
            {...aria('name')}
          />
          {message('name')}
        </div>
        {countrySelect('origin', t('caseload.originCountry'), origin, setOrigin)}
        <div className="field">
          <label htmlFor="new-profile-citizenship">{t('caseload.citizenship')}</label>
          <CountrySelect
            id="new-profile-citizenship"
            value={citizenship}
            onChange={setCitizenship}
            placeholder={t('caseload.citizenshipNotRecorded')}
            extra={[{ value: STATELESS_CHOICE, label: t('caseload.stateless') }]}
            {...aria('citizenship')}
          />
          {message('citizenship')}
        </div>
        {countrySelect('current', t('caseload.currentCountry'), current, setCurrent)}
        <RegionField
          id="new-profile-region"
          value={region}
          onChange={setRegion}
          error={errorOf('region')}
          suggestions={inUse}
        />
        <div className="field">
          <label htmlFor="new-profile-contact">{t('caseload.contactLanguageAsk')}</label>
          <select
            id="new-profile-contact"
            value={contact}
            onChange={(e) => setContact(e.target.value)}
            {...aria('contact')}
          >
            <option value="">{t('caseload.contactLanguageUnknown')}</option>
            {contactLanguageOptions(contact, i18n.language).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          {message('contact')}
        </div>
        <label className="choice">
          <input
            id="new-profile-consent"
            type="checkbox"
            checked={agreed}
            onChange={(e) => setAgreed(e.target.checked)}
            {...aria('consent')}
          />
          <span>{t('trust.profilingConsent')}</span>
        </label>
        {message('consent')}
        {failure && (
          <p role="alert" className="error">
            {failure}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('caseload.create')}
        </button>
      </form>
    </section>
  );
}

const NEW_PROFILE_FIELDS = ['name', 'origin', 'citizenship', 'current', 'region', 'contact', 'consent'] as const;
type NewProfileField = (typeof NEW_PROFILE_FIELDS)[number];
/** The form's field for a field the server named in a 400. */
const SERVER_FIELDS: Record<string, NewProfileField> = {
  displayName: 'name',
  originCountry: 'origin',
  citizenships: 'citizenship',
  currentCountry: 'current',
  currentRegion: 'region',
  contactLanguage: 'contact',
  profilingConsent: 'consent',
};
