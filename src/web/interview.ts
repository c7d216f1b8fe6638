// The skills-profiling interview (advisor) and the migrant's own profile steps: which step comes next, and how a
// step's answers become the body of a profile replace (PUT with the version read).
import type {
  AcceptInvitationBody,
  ConsentList,
  ConsentView,
  MeView,
  OrganisationList,
  OrganisationView,
  PasswordResetBody,
  SessionView,
} from '../identity/index.js';
import type { Static } from '@sinclair/typebox';
import { api, request, setCsrfToken, type Session } from './api.js';
import { profileToUpdate, type Profile, type ProfileSkill } from './profiles.js';

/** The server's INTERVIEW_STEPS (src/profiles/model.ts), which the bundle cannot import; a test keeps them equal. */
export const STEPS = [
  'identity',
  'languages',
  'education',
  'experience',
  'skills',
  'authorization',
  'preferences',
] as const;
export type Step = (typeof STEPS)[number];

export const CEFR = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export const LANGUAGE_SKILLS = ['listening', 'reading', 'speaking', 'writing'] as const;
export type LanguageSkillName = (typeof LANGUAGE_SKILLS)[number];

export type LanguageEntry = Profile['languages'][number];

export type EducationEntry = Profile['education'][number];

export type ExperienceEntry = Profile['experience'][number];

export type PreferencesValue = Profile['preferences'];

/** ISCED-F 2013 broad fields. */
export const ISCED_FIELDS = ['00', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10'] as const;
/** Permit type codes the eligibility rules name, and common others. */
export const PERMIT_TYPES = [
  'work-general',
  'seasonal',
  'job-seeker',
  'resident',
  'temporary-protection',
  'family',
  'student',
  'other',
] as const;
/** Languages offered in the language step (ISO 639-1); names come from Intl in the interface language. */
export const LANGUAGE_CODES = [
  'ar', 'en', 'es', 'fr', 'de', 'it', 'pt', 'nl', 'ro', 'pl', 'uk', 'ru', 'tr', 'fa', 'ps', 'ku', 'ur', 'hi',
  'bn', 'ne', 'ta', 'tl', 'zh', 'am', 'ti', 'so', 'sw', 'ha', 'yo', 'ig', 'wo', 'ff', 'ln', 'el', 'sq', 'ka',
] as const; // prettier-ignore

export const UNKNOWN_COUNTRY = 'ZZ';

/**
 * The citizenship question's answer: the person's countries, stateless, or "prefer not to say" (stored as not
 * recorded, like a profile where the question was never asked: the form then shows no choice).
 */
export type CitizenshipKind = 'countries' | 'stateless' | 'unsaid';
export interface CitizenshipAnswer {
  kind: CitizenshipKind | '';
  /** ISO 3166-1 alpha-2 codes in the order chosen (kept while another kind is picked, in case it is picked back). */
  codes: string[];
}
/** The server keeps at most this many citizenships (src/profiles/model.ts). */
export const MAX_CITIZENSHIPS = 5;

export function citizenshipAnswerOf(p: Pick<Profile, 'citizenships'>): CitizenshipAnswer {
  const c = p.citizenships;
  if (!c) return { kind: '', codes: [] };
  return c.length === 0 ? { kind: 'stateless', codes: [] } : { kind: 'countries', codes: [...c] };
}

/**
 * The `citizenships` to save, `undefined` to leave what is stored (no choice made), or 'missing' when "citizen
 * of" is chosen without a country.
 */
export function citizenshipsToSave(a: CitizenshipAnswer): string[] | null | undefined | 'missing' {
  switch (a.kind) {
    case '':
      return undefined;
    case 'unsaid':
      return null;
    case 'stateless':
      return [];
    case 'countries':
      return a.codes.length ? [...new Set(a.codes)] : 'missing';
  }
}

export function languagesOf(p: Profile): LanguageEntry[] {
  return p.languages as LanguageEntry[];
}
export function educationOf(p: Profile): EducationEntry[] {
  return p.education as EducationEntry[];
}
export function experienceOf(p: Profile): ExperienceEntry[] {
  return p.experience as ExperienceEntry[];
}
export function preferencesOf(p: Profile): PreferencesValue {
  const v = (p.preferences ?? {}) as Partial<PreferencesValue>;
  return {
    occupations: v.occupations ?? [],
    regions: v.regions ?? [],
    willingToRelocate: v.willingToRelocate ?? false,
    relocationCountries: v.relocationCountries ?? [],
  };
}

/** Whether a step has answers in the profile (identity counts once both countries are known). */
export function stepFilled(p: Profile, step: Step): boolean {
  switch (step) {
    case 'identity':
      return p.originCountry !== UNKNOWN_COUNTRY && p.currentCountry !== UNKNOWN_COUNTRY && !!p.displayName;
    case 'languages':
      return p.languages.length > 0;
    case 'education':
      return p.education.length > 0;
    case 'experience':
      return p.experience.length > 0;
    case 'skills':
      return p.skills.length > 0;
    case 'authorization':
      return p.workAuthorization.permits.length > 0 || p.workAuthorization.hasMigrationStatus;
    case 'preferences': {
      const pref = preferencesOf(p);
      return pref.occupations.length > 0 || pref.regions.length > 0 || pref.willingToRelocate;
    }
  }
}

/**
 * Where to resume: the step stored with the profile (where the interview was left, on whichever device). For a
 * profile without one, the step after the last one with answers (a step left empty on purpose, such as no formal
 * education, does not hold the interview back), or the furthest step this browser saw, whichever is later.
 * Returns STEPS.length when every step is done.
 */
export function resumeStep(p: Profile, furthestSeen = 0): number {
  const stored = p.interviewStep;
  if (typeof stored === 'number' && Number.isInteger(stored) && stored >= 1 && stored <= STEPS.length) {
    // The last step stored with its answers saved: the interview was finished.
    return stored === STEPS.length && stepFilled(p, 'preferences') ? STEPS.length : stored - 1;
  }
  let last = -1;
  STEPS.forEach((s, i) => {
    if (stepFilled(p, s)) last = i;
  });
  const derived = last + 1;
  return Math.min(STEPS.length, Math.max(derived, furthestSeen));
}

/** The interview step to store once the step at `index` is saved: the next one (the last when it was the last). */
export function interviewStepAfter(index: number): number {
  return Math.min(index + 2, STEPS.length);
}

/** The PUT body for a step's answers, everything else kept as read, naming the version read. */
export function withAnswers(p: Profile, answers: Record<string, unknown>): Record<string, unknown> {
  return { ...profileToUpdate(p), ...answers };
}

export type SkillSource = ProfileSkill['source'];

/**
 * Adds the confirmed skills not yet in the profile. An advisor's confirmation counts as 'advisor-checked'; the
 * migrant declares their own ('self-declared'). Skills already recorded keep their evidence; removed ones go.
 */
export function mergeSkills(
  current: ProfileSkill[],
  confirmed: { uri: string; source: ProfileSkill['source'] }[],
  removed: ReadonlySet<string>,
  mode: 'advisor' | 'self',
): ProfileSkill[] {
  const kept = current.filter((s) => !removed.has(s.uri));
  const have = new Set(kept.map((s) => s.uri));
  const evidence: ProfileSkill['evidence'] = mode === 'advisor' ? 'advisor-checked' : 'self-declared';
  for (const c of confirmed) {
    if (have.has(c.uri) || !c.uri.includes('/esco/skill/')) continue;
    have.add(c.uri);
    kept.push({ uri: c.uri, evidence, source: c.source });
  }
  return kept;
}

/** The language the interview is held in with this person, remembered per profile in this browser. */
export function storedInterviewLanguage(profileId: string): string | null {
  try {
    return localStorage.getItem(`corridor.interview.${profileId}.lang`);
  } catch {
    return null;
  }
}
export function storeInterviewLanguage(profileId: string, lang: string): void {
  try {
    localStorage.setItem(`corridor.interview.${profileId}.lang`, lang);
  } catch {
    // not fatal: the advisor picks the language again next time
  }
}
export function storedFurthestStep(key: string): number {
  try {
    const n = Number(localStorage.getItem(`corridor.steps.${key}`));
    return Number.isInteger(n) && n >= 0 ? n : 0;
  } catch {
    return 0;
  }
}
export function storeFurthestStep(key: string, step: number): void {
  try {
    if (step > storedFurthestStep(key)) localStorage.setItem(`corridor.steps.${key}`, String(step));
  } catch {
    // not fatal
  }
}

// --- API calls of these screens -------------------------------------------------------------------------------

/** A consent as the server records it (identity's contract). */
export type ConsentRecord = ConsentView;
/** An organisation on this instance (names and types are not confidential). */
export type Organisation = OrganisationView;

export const selfService = {
  myProfile(signal?: AbortSignal): Promise<Profile> {
    return request('GET', '/profiles/me', { signal });
  },
  saveProfile(id: string, body: Record<string, unknown>): Promise<Profile> {
    return api.updateProfile(id, body);
  },
  async migrantId(signal?: AbortSignal): Promise<string | null> {
    const r = await request<MeView>('GET', '/me', { signal });
    return r.migrantId ?? null;
  },
  consents(migrantId: string, signal?: AbortSignal): Promise<Static<typeof ConsentList>> {
    return request('GET', `/migrants/${encodeURIComponent(migrantId)}/consents`, { signal });
  },
  withdrawConsent(migrantId: string, consentId: string): Promise<ConsentRecord> {
    return request(
      'POST',
      `/migrants/${encodeURIComponent(migrantId)}/consents/${encodeURIComponent(consentId)}/withdraw`,
      { body: {} },
    );
  },
  organisations(signal?: AbortSignal): Promise<Static<typeof OrganisationList>> {
    return request('GET', '/organisations', { signal });
  },
  exportData(): Promise<unknown> {
    return request('GET', '/me/export');
  },
  erase(): Promise<unknown> {
    return request('POST', '/me/erasure', { body: { confirm: true } });
  },
  async acceptInvitation(token: string, password: string, name?: string): Promise<Session> {
    const body: AcceptInvitationBody = name ? { token, password, name } : { token, password };
    const r = await request<SessionView>('POST', '/auth/invitations/accept', {
      body,
      quietOn401: true,
    });
    setCsrfToken(r.csrfToken);
    return { user: r.user, csrfToken: r.csrfToken };
  },
  resetPassword(token: string, password: string): Promise<void> {
    const body: PasswordResetBody = { token, password };
    return request('POST', '/auth/password-reset', { body, quietOn401: true });
  },
};

/** The one-time token of an invitation or reset link: it travels in the fragment, never to a server log. */
export function tokenFromHash(hash: string): string | null {
  const token = decodeURIComponent(hash.replace(/^#/, '')).trim();
  return /^[A-Za-z0-9_-]{10,100}$/.test(token) ? token : null;
}

export const PASSWORD_MIN = 10;
