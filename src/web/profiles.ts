// The job-seeker profile as the API sends and takes it, and the one client-side change the app makes to it:
// adding skills a person confirmed.

/** A person's answer to a suggested skill. */
export type Decision = 'confirmed' | 'rejected';

/** Pressing the already-pressed choice again withdraws it. */
export function toggleDecision(current: Decision | undefined, pressed: Decision): Decision | undefined {
  return current === pressed ? undefined : pressed;
}

// The contract is the server's own schema (type-only: nothing of the server reaches the bundle).
export type { Profile, ProfileSummary } from '../profiles/index.js';
import type { Profile, ProfileCreate } from '../profiles/index.js';
export type ProfileSkill = Profile['skills'][number];
export type Permit = Profile['workAuthorization']['permits'][number];

/** The form's one citizenship choice: '' = not recorded, STATELESS_CHOICE = none, else a country code. */
export const STATELESS_CHOICE = 'stateless';

/**
 * The citizenships a choice stands for. Choosing the first of several recorded keeps them all (the form shows one);
 * choosing another country records that one.
 */
export function citizenshipsOf(choice: string, recorded: readonly string[] | null = null): string[] | null {
  if (choice === '') return null;
  if (choice === STATELESS_CHOICE) return [];
  return recorded && recorded[0] === choice ? [...recorded] : [choice];
}

/** The choice the form shows for what is recorded. */
export function citizenshipChoice(recorded: readonly string[] | null | undefined): string {
  if (!recorded) return '';
  return recorded.length === 0 ? STATELESS_CHOICE : recorded[0]!;
}

/** What "Add a person" sends: currentRegion '' when not known (matching then cannot match the person). */
export type NewProfile = Pick<ProfileCreate, 'displayName' | 'originCountry' | 'currentCountry'> &
  Partial<Pick<ProfileCreate, 'currentRegion' | 'contactLanguage' | 'citizenships'>> & {
    /** The person agreed to their profile being kept (recorded as the profiling consent with the profile). */
    profilingConsent: true;
  };

/**
 * The body of a replace (PUT) that keeps everything as read. Sensitive values are left out, which the server
 * reads as "keep what is stored"; the linked account is left out for the same reason.
 */
export function profileToUpdate(p: Profile): Record<string, unknown> {
  return {
    displayName: p.displayName,
    originCountry: p.originCountry,
    currentCountry: p.currentCountry,
    currentRegion: p.currentRegion,
    sex: p.sex,
    birthYear: p.birthYear,
    languages: p.languages,
    education: p.education,
    qualifications: p.qualifications,
    experience: p.experience,
    skills: p.skills,
    workAuthorization: {
      permits: p.workAuthorization.permits.map((x) => ({
        country: x.country,
        type: x.type,
        validFrom: x.validFrom,
        validUntil: x.validUntil,
        sectors: x.sectors,
      })),
    },
    preferences: p.preferences,
    seeking: p.seeking,
    availableFrom: p.availableFrom,
    // Undefined (a server that does not know them) drops out of the JSON: the server keeps what it has.
    contactLanguage: p.contactLanguage,
    interviewStep: p.interviewStep,
    version: p.version,
  };
}

/**
 * Adds confirmed skills not yet in the profile. An advisor's confirmation counts as 'advisor-checked'; a migrant
 * declares their own skills. A skill already recorded keeps its (possibly stronger) evidence.
 */
export function addConfirmedSkills(
  skills: ProfileSkill[],
  decisions: Record<string, Decision | undefined>,
  role: string,
): { skills: ProfileSkill[]; added: number } {
  const have = new Set(skills.map((s) => s.uri));
  const evidence: ProfileSkill['evidence'] = role === 'migrant' ? 'self-declared' : 'advisor-checked';
  const added = Object.entries(decisions)
    .filter(([uri, d]) => d === 'confirmed' && uri.includes('/esco/skill/') && !have.has(uri))
    .map(([uri]): ProfileSkill => ({ uri, evidence, source: 'extraction' }));
  return { skills: [...skills, ...added], added: added.length };
}
