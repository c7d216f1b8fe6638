import { lazy, Suspense, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api.js';
import { ScreenHeading } from '../components/Heading.js';
import { Link } from '../components/Link.js';
import { CountrySelect, RegionField } from '../components/Fields.js';
import { ProfileFacts, SeekingBadge } from '../components/ProfileFacts.js';
import { LoadStatus } from '../components/LoadStatus.js';
import { errorKey } from '../errors.js';
import { navigate, useLocation } from '../router.js';
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
  const [reload, setReload] = useState(0);
  const state = useApi(
    (signal) =>
      api.caseload(filter, signal, seekingParam === 'true' || seekingParam === 'false' ? seekingParam : undefined),
    [filter, seekingParam, reload],
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
      <NewProfileForm onCreated={() => setReload((n) => n + 1)} />
    </section>
  );
}

function NewProfileForm({ onCreated }: { onCreated(): void }) {
  const { t, i18n } = useTranslation();
  const [name, setName] = useState('');
  const [origin, setOrigin] = useState('');
  const [current, setCurrent] = useState('');
  const [region, setRegion] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [missing, setMissing] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim() || !origin || !current) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setBusy(true);
    setMessage(null);
    try {
      const p = await api.createProfile({
        displayName: name.trim(),
        originCountry: origin,
        currentCountry: current,
        currentRegion: region.trim(),
        // Until someone sets it in the interview: the language in use when the person was added.
        contactLanguage: i18n.language,
      });
      setMessage({ kind: 'ok', text: t('caseload.created', { name: p.displayName }) });
      setName('');
      onCreated();
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof ApiError ? t(errorKey(err)) : t('errors.server') });
    } finally {
      setBusy(false);
    }
  }

  const invalid = (empty: boolean) => (missing && empty) || undefined;
  const countrySelect = (id: string, label: string, value: string, set: (v: string) => void) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <CountrySelect
        id={id}
        value={value}
        onChange={set}
        placeholder={t('caseload.chooseCountry')}
        aria-invalid={invalid(!value)}
        aria-describedby={missing && !value ? 'new-profile-missing' : undefined}
      />
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
            aria-invalid={invalid(!name.trim())}
            aria-describedby={missing && !name.trim() ? 'new-profile-missing' : undefined}
          />
        </div>
        {countrySelect('new-profile-origin', t('caseload.originCountry'), origin, setOrigin)}
        {countrySelect('new-profile-current', t('caseload.currentCountry'), current, setCurrent)}
        <RegionField id="new-profile-region" value={region} onChange={setRegion} />
        {missing && (
          <p id="new-profile-missing" className="error">
            {t('describe.required')}
          </p>
        )}
        <div role="status" className={message?.kind === 'error' ? 'error' : 'ok'}>
          {message?.text}
        </div>
        <button type="submit" disabled={busy}>
          {t('caseload.create')}
        </button>
      </form>
    </section>
  );
}
