// The job-seeker profile as the API sends and takes it (src/profiles/model.ts), and the one client-side
// change the app makes to it: adding skills a person confirmed.
import type { Decision } from './screens/DescribeJob.js';

export interface ProfileSkill {
  uri: string;
  evidence: 'certified' | 'assessed' | 'advisor-checked' | 'self-declared';
  source: string;
}

export interface Permit {
  country: string;
  type: string;
  validFrom: string | null;
  validUntil: string | null;
  sectors: string[];
  documentNumber?: string | null;
  hasDocumentNumber?: boolean;
}

export interface Profile {
  id: string;
  organisationId: string;
  userId: string | null;
  displayName: string;
  originCountry: string;
  currentCountry: string;
  currentRegion: string;
  sex: string;
  birthYear: number | null;
  languages: unknown[];
  education: unknown[];
  qualifications: unknown[];
  experience: unknown[];
  skills: ProfileSkill[];
  workAuthorization: { migrationStatus?: string | null; hasMigrationStatus: boolean; permits: Permit[] };
  preferences: unknown;
  seeking: boolean;
  availableFrom: string | null;
  /** BCP-47 language to address the person in; null = not recorded. */
  contactLanguage: string | null;
  /** Interview step the profile was left at, 1 = the first of STEPS; null = not recorded. */
  interviewStep: number | null;
  highestIscedLevel: number | null;
  taxonomyVersion: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  sensitiveOmitted: boolean;
}

export interface ProfileSummary {
  id: string;
  displayName: string;
  originCountry: string;
  currentCountry: string;
  currentRegion: string;
  seeking: boolean;
  contactLanguage?: string | null;
  skillCount: number;
  highestIscedLevel: number | null;
  version: number;
  updatedAt: string;
}

export interface NewProfile {
  displayName: string;
  originCountry: string;
  currentCountry: string;
  /** NUTS or ISO 3166-2 code; '' when not known (the matching engine then cannot match the person). */
  currentRegion?: string;
  /** BCP-47; the interface language in use when the profile is created. */
  contactLanguage?: string;
  /** The person agreed to their profile being kept (recorded as the profiling consent with the profile). */
  profilingConsent: true;
}

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
    .map(([uri]) => ({ uri, evidence, source: 'extraction' }));
  return { skills: [...skills, ...added], added: added.length };
}
