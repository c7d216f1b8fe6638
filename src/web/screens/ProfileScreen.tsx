import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, conceptId, errorField, request } from '../api.js';
import { DetailPending, EnglishLabelsNote } from '../components/Concept.js';
import { CountrySelect, RegionField, useRegionMessage, useRegionsInUse } from '../components/Fields.js';
import { ScreenHeading } from '../components/Heading.js';
import { Link } from '../components/Link.js';
import { ProfileFacts, SeekingBadge } from '../components/ProfileFacts.js';
import { countryName } from '../countries.js';
import { errorKey } from '../errors.js';
import { contentLanguage, formatDate, languageName } from '../i18n.js';
import { experienceOf, languagesOf, UNKNOWN_COUNTRY } from '../interview.js';
import { regionProblem } from '../place.js';
import { PersonAccount } from '../components/PersonAccount.js';
import { profileToUpdate, type Profile } from '../profiles.js';
import { useLocation } from '../router.js';
import { useApi } from '../useApi.js';
import { ConsentSection } from './Consent.js';
import { skillPath } from './Explorer.js';
import { CvLink, ProfileMatches } from './ProfileMatches.js';

/** Labels of the first skills only: one request each, and a phone on a slow link should not wait for hundreds. */
const LABELLED_SKILLS = 30;
const EVIDENCE_KEYS: Record<string, string> = {
  certified: 'certified',
  assessed: 'assessed',
  'advisor-checked': 'advisorChecked',
  'self-declared': 'selfDeclared',
};

async function loadProfile(id: string, lang: string, signal: AbortSignal) {
  const profile: Profile = await api.profile(id, signal);
  const label = (uri: string, load: Promise<{ label: string }>) =>
    load.then(
      (d) => [uri, d.label] as const,
      () => [uri, conceptId(uri)] as const, // a concept gone from the active ESCO version still lists
    );
  const labels = await Promise.all([
    ...profile.skills.slice(0, LABELLED_SKILLS).map((s) => label(s.uri, api.skill(conceptId(s.uri), lang, signal))),
    ...[...new Set(experienceOf(profile).map((e) => e.occupationUri))].map((uri) =>
      label(uri, api.occupation(conceptId(uri), lang, signal)),
    ),
  ]);
  // Who assessed which skill, when (recognition's RPL): shown beside the "assessed" evidence level.
  const assessed = await request<{ skills: { skillUri: string; assessorName: string; assessedOn: string }[] }>(
    'GET',
    `/migrants/${id}/assessed-skills`,
    { signal },
  ).then(
    (r) => r.skills,
    () => [],
  );
  return { profile, labels: new Map(labels), provenance: new Map(assessed.map((a) => [a.skillUri, a])) };
}

export function ProfileScreen({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const labelLang = contentLanguage(lang);
  const added = new URL(useLocation(), 'http://x').searchParams.get('added') === '1';
  const [reload, setReload] = useState(0);
  const state = useApi((signal) => loadProfile(id, labelLang, signal), [id, labelLang, reload]);
  const back = (
    <p className="back">
      <Link href="/caseload">{t('profile.back')}</Link>
    </p>
  );
  if (state.status !== 'done')
    return <DetailPending state={state} title={t('profile.eyebrow')} back={back} screen="profile" />;

  const { profile: p, labels, provenance } = state.data;
  const shown = p.skills.slice(0, LABELLED_SKILLS);
  return (
    <article className="screen profile" data-screen="profile">
      {back}
      <p className="eyebrow">{t('profile.eyebrow')}</p>
      <ScreenHeading title={`${p.displayName} · ${t('app.name')}`}>
        <span dir="auto">{p.displayName}</span>
      </ScreenHeading>
      {added && (
        <p role="status" className="ok">
          {t('caseload.created', { name: p.displayName })}
        </p>
      )}
      <ProfileFacts profile={p} />
      <p>
        <SeekingBadge seeking={p.seeking} />
      </p>
      <PlaceEditor key={p.version} profile={p} onSaved={() => setReload((n) => n + 1)} />
      <ul className="next-steps">
        <li>
          <Link href={`/caseload/${p.id}/interview`}>{t('interview.link')}</Link>
        </li>
        <li>
          <Link href={`/describe?profile=${p.id}`}>{t('profile.describeLink')}</Link>
        </li>
        <li>
          <Link href={`/caseload/${p.id}/case`}>{t('profile.caseLink')}</Link>
        </li>
        <li>
          <Link href={`/caseload/${p.id}/qualifications`}>{t('profile.qualificationsLink')}</Link>
        </li>
        <li>
          <Link href={`/caseload/${p.id}/passport`}>{t('nav.passportLink')}</Link>
        </li>
      </ul>
      <ConsentSection profile={p} />
      <PersonAccount profileId={p.id} hasAccount={p.userId !== null} />
      <EnglishLabelsNote />
      <ProfileDetails profile={p} labels={labels} labelLang={labelLang} />
      <section aria-labelledby="profile-skills">
        <h2 id="profile-skills">
          {t('profile.skillsHeading')}{' '}
          <span className="count">({t('explorer.skillCount', { count: p.skills.length })})</span>
        </h2>
        {p.skills.length === 0 ? (
          <p className="muted">{t('profile.noSkills')}</p>
        ) : (
          <ul className="concept-list">
            {shown.map((s) => (
              <li key={s.uri}>
                <Link href={skillPath(s.uri)} lang={labelLang} dir="auto">
                  {labels.get(s.uri)}
                </Link>
                <span className="muted"> · {t(`profile.evidence.${EVIDENCE_KEYS[s.evidence] ?? 'selfDeclared'}`)}</span>
                {provenance.get(s.uri) && (
                  <span className="muted provenance">
                    {' '}
                    ·{' '}
                    {t('profile.assessedBy', {
                      name: provenance.get(s.uri)!.assessorName,
                      date: formatDate(new Date(`${provenance.get(s.uri)!.assessedOn}T12:00:00Z`), lang),
                    })}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
        {p.skills.length > shown.length && (
          <p className="muted">{t('profile.moreSkills', { count: p.skills.length - shown.length })}</p>
        )}
      </section>
      <CvLink profile={p} />
      <ProfileMatches profile={p} />
    </article>
  );
}

/** Languages, work experience and permits, as recorded (the interview changes them). */
function ProfileDetails(props: { profile: Profile; labels: Map<string, string>; labelLang: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const p = props.profile;
  const languages = languagesOf(p);
  const experience = experienceOf(p);
  const permits = p.workAuthorization.permits;
  const levels = (l: (typeof languages)[number]) =>
    (['listening', 'reading', 'speaking', 'writing'] as const)
      .filter((k) => l[k])
      .map((k) => `${t(`profile.languageSkills.${k}`)} ${l[k]}`)
      .join(' · ');
  return (
    <>
      <section aria-labelledby="profile-languages">
        <h2 id="profile-languages">{t('interview.stepNames.languages')}</h2>
        {languages.length === 0 ? (
          <p className="muted">{t('profile.notRecorded')}</p>
        ) : (
          <ul className="plain">
            {languages.map((l, i) => (
              <li key={`${l.lang}-${i}`}>
                <strong>{languageName(l.lang, lang)}</strong>
                {' · '}
                {l.native ? t('profile.nativeLanguage') : levels(l) || t('interview.notKnown')}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="profile-experience">
        <h2 id="profile-experience">{t('interview.stepNames.experience')}</h2>
        {experience.length === 0 ? (
          <p className="muted">{t('profile.notRecorded')}</p>
        ) : (
          <ul className="plain">
            {experience.map((x, i) => (
              <li key={`${x.occupationUri}-${i}`}>
                <strong lang={props.labelLang} dir="auto">
                  {props.labels.get(x.occupationUri) ?? conceptId(x.occupationUri)}
                </strong>
                {x.title && (
                  <>
                    {' '}
                    (<span dir="auto">{x.title}</span>)
                  </>
                )}
                {' · '}
                {countryName(x.country, lang)} · {t('matching.months', { count: x.months })} ·{' '}
                {x.formal ? t('profile.formal') : t('profile.informal')}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="profile-permits">
        <h2 id="profile-permits">{t('interview.stepNames.authorization')}</h2>
        {permits.length === 0 ? (
          <p className="muted">{t('profile.noPermits')}</p>
        ) : (
          <ul className="plain">
            {permits.map((x, i) => (
              <li key={i}>
                <strong>{t(`interview.permitTypes.${x.type}`, { defaultValue: x.type })}</strong>
                {' · '}
                {countryName(x.country, lang)}
                {x.validUntil && ` · ${t('profile.validUntil', { date: formatDate(new Date(x.validUntil), lang) })}`}
                {x.sectors.length > 0 &&
                  ` · ${new Intl.ListFormat(lang, { type: 'unit' }).format(x.sectors.map((s) => t(`vacancy.sectors.${s}`)))}`}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** Where the person lives: country and region code, which matching needs; editable at any time. */
function PlaceEditor(props: { profile: Profile; onSaved(): void }) {
  const { t, i18n } = useTranslation();
  const p = props.profile;
  const [open, setOpen] = useState(false);
  const [country, setCountry] = useState(p.currentCountry === UNKNOWN_COUNTRY ? '' : p.currentCountry);
  const [region, setRegion] = useState(p.currentRegion);
  const [errors, setErrors] = useState<{ country?: string; region?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const regionMessage = useRegionMessage();
  const inUse = useRegionsInUse(country);

  function show(found: { country?: string; region?: string }) {
    setErrors(found);
    const first = found.country ? 'place-country' : found.region ? 'place-region' : null;
    if (first) document.getElementById(first)?.focus();
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const found = {
      ...(country ? {} : { country: t('describe.required') }),
      ...(regionProblem(country, region, true)
        ? { region: regionMessage(regionProblem(country, region, true), country)! }
        : {}),
    };
    if (found.country || found.region) return show(found);
    setBusy(true);
    try {
      await api.updateProfile(p.id, { ...profileToUpdate(p), currentCountry: country, currentRegion: region.trim() });
      setOpen(false);
      props.onSaved();
    } catch (err) {
      const field = errorField(err);
      if (field === 'currentRegion') show({ region: t('errors.invalidField') });
      else if (field === 'currentCountry') show({ country: t('errors.invalidField') });
      else setFailure(err instanceof ApiError && err.status === 409 ? t('describe.conflict') : t(errorKey(err)));
    } finally {
      setBusy(false);
    }
  }

  const where = p.currentRegion
    ? t('place.livesIn', { country: countryName(p.currentCountry, i18n.language), region: p.currentRegion })
    : null;
  return (
    <section aria-labelledby="profile-place" className="place">
      <h2 id="profile-place">{t('place.heading')}</h2>
      {where ? <p>{where}</p> : <p className="notice">{t('place.missing')}</p>}
      {!open ? (
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setOpen(true);
            requestAnimationFrame(() => document.getElementById('place-country')?.focus());
          }}
        >
          {t('place.edit')}
        </button>
      ) : (
        <form className="panel" onSubmit={save} noValidate>
          <div className="field">
            <label htmlFor="place-country">{t('caseload.currentCountry')}</label>
            <CountrySelect
              id="place-country"
              value={country}
              onChange={setCountry}
              placeholder={t('caseload.chooseCountry')}
              aria-invalid={errors.country ? true : undefined}
              aria-describedby={errors.country ? 'place-country-error' : undefined}
            />
            {errors.country && (
              <p id="place-country-error" className="error">
                {errors.country}
              </p>
            )}
          </div>
          <RegionField
            id="place-region"
            label={t('place.regionLabel')}
            value={region}
            onChange={setRegion}
            error={errors.region}
            suggestions={inUse}
          />
          {failure && (
            <p role="alert" className="error">
              {failure}
            </p>
          )}
          <div className="step-actions">
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              {t('me.cancel')}
            </button>
            <button type="submit" disabled={busy}>
              {t('place.save')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
