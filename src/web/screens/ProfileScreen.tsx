import { useTranslation } from 'react-i18next';
import { api, conceptId } from '../api.js';
import { DetailPending } from '../components/Concept.js';
import { ScreenHeading } from '../components/Heading.js';
import { Link } from '../components/Link.js';
import { ProfileFacts, SeekingBadge } from '../components/ProfileFacts.js';
import { contentLanguage } from '../i18n.js';
import type { Profile } from '../profiles.js';
import { useApi } from '../useApi.js';
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
  const labels = await Promise.all(
    profile.skills.slice(0, LABELLED_SKILLS).map((s) =>
      api.skill(conceptId(s.uri), lang, signal).then(
        (d) => [s.uri, d.label] as const,
        () => [s.uri, conceptId(s.uri)] as const, // a skill gone from the active ESCO version still lists
      ),
    ),
  );
  return { profile, labels: new Map(labels) };
}

export function ProfileScreen({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const labelLang = contentLanguage(lang);
  const state = useApi((signal) => loadProfile(id, lang, signal), [id, lang]);
  const back = (
    <p className="back">
      <Link href="/caseload">{t('profile.back')}</Link>
    </p>
  );
  if (state.status !== 'done')
    return <DetailPending state={state} title={t('profile.eyebrow')} back={back} screen="profile" />;

  const { profile: p, labels } = state.data;
  const shown = p.skills.slice(0, LABELLED_SKILLS);
  return (
    <article className="screen profile" data-screen="profile">
      {back}
      <p className="eyebrow">{t('profile.eyebrow')}</p>
      <ScreenHeading title={`${p.displayName} · ${t('app.name')}`}>
        <span dir="auto">{p.displayName}</span>
      </ScreenHeading>
      <ProfileFacts profile={p} />
      <p>
        <SeekingBadge seeking={p.seeking} />
      </p>
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
              </li>
            ))}
          </ul>
        )}
        {p.skills.length > shown.length && (
          <p className="muted">{t('profile.moreSkills', { count: p.skills.length - shown.length })}</p>
        )}
        <p>
          <Link href={`/describe?profile=${p.id}`}>{t('profile.describeLink')}</Link>
        </p>
        <p>
          <Link href={`/caseload/${p.id}/interview`}>{t('interview.link')}</Link>
        </p>
        <p>
          <Link href={`/caseload/${p.id}/case`}>{t('profile.caseLink')}</Link>
        </p>
      </section>
      <CvLink profile={p} />
      <ProfileMatches profile={p} />
    </article>
  );
}
