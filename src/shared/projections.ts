// What the matching engine sees of people, vacancies and training offers: projections of the stored records,
// limited to the facts a match may depend on. Sex, age, nationality, origin and vulnerability are deliberately
// absent: the engine cannot use what it is never given (see docs/MATCHING.md, "Protected attributes").
// They live beneath the capabilities because the profile, vacancy and training stores produce them and matching
// reads them; matching/model.ts re-exports them.
import type { CefrLevel, EvidenceLevel } from './vocabulary.js';

export interface CandidateSkill {
  uri: string;
  evidence: EvidenceLevel;
}

export interface CandidateExperience {
  occupationUri: string;
  /** ISCO-08 unit group (4 digits). */
  isco: string;
}

export interface LanguageLevel {
  /** ISO 639-1 code. */
  lang: string;
  level: CefrLevel;
}

export interface Place {
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** Region code within the country (e.g. NUTS-2 or ISO 3166-2). */
  region: string;
}

export interface WorkPermit {
  /** Country that issued the permit (where it allows work). */
  country: string;
  /** Permit type code, as named by the eligibility rules of that country (e.g. "work-general"). */
  type: string;
  /** Last valid day (YYYY-MM-DD); null = no end date. */
  validUntil: string | null;
  /** ISIC sections the permit is restricted to; empty = not restricted by the permit itself. */
  sectors: string[];
}

/** A job seeker as the engine sees them. */
export interface MatchCandidate {
  id: string;
  /** Organisation (advisor's service) that holds the profile. */
  organisationId: string;
  skills: CandidateSkill[];
  experience: CandidateExperience[];
  languages: LanguageLevel[];
  /** Highest completed ISCED 2011 level 0–8; null = unknown. */
  iscedLevel: number | null;
  permits: WorkPermit[];
  location: Place;
  relocation: {
    willing: boolean;
    /** Countries the person would move to; empty = any. */
    countries: string[];
  };
  /** Actively looking for work. */
  seeking: boolean;
  /** First day the person can start (YYYY-MM-DD); null = now. */
  availableFrom: string | null;
  consent: {
    /** Agreed to be matched at all. */
    matching: boolean;
    /** Agreed that the profile may be shown to employers of other organisations. */
    shareWithEmployers: boolean;
  };
}

/** A vacancy as the engine sees it. */
export interface MatchVacancy {
  id: string;
  employerOrganisationId: string;
  occupationUri: string;
  /** ISCO-08 unit group (4 digits) of the occupation. */
  isco: string;
  /** ISIC section (A–U). */
  sector: string;
  essentialSkills: string[];
  optionalSkills: string[];
  /** Minimum ISCED level; null = none asked. */
  minIsced: number | null;
  languages: LanguageLevel[];
  location: Place;
  /** First working day (YYYY-MM-DD); null = as soon as possible. */
  startDate: string | null;
  open: boolean;
}

/** Training offer as the gap → training planner sees it. */
export interface TrainingOffer {
  id: string;
  title: string;
  skills: string[];
  durationHours: number;
  /** Cost to the learner, in `currency`; 0 = free. */
  cost: number;
  currency: string;
}

/**
 * Migration status categories (ICLS 2018), derived from the permits recorded in the country of residence. Profiles
 * seal a person's category under the person's own key when the profile is written (`profile.status_category_enc`:
 * `international-protection` reveals protection), so the statistics read model opens only the category, never the
 * permits; a statistics remainder kept at erasure holds it in clear (`profile.status_category`), with no key.
 */
export const STATUS_CATEGORIES = [
  'in-origin-country',
  'work-permit',
  'international-protection',
  'resident',
  'student',
  'job-seeker-permit',
  'other-permit',
  'no-permit-recorded',
] as const;
export type StatusCategory = (typeof STATUS_CATEGORIES)[number];

const PERMIT_CATEGORY: Record<string, StatusCategory> = {
  'work-general': 'work-permit',
  'skilled-worker': 'work-permit',
  'shortage-occupation': 'work-permit',
  seasonal: 'work-permit',
  'blue-card': 'work-permit',
  'international-protection': 'international-protection',
  'temporary-protection': 'international-protection',
  asylum: 'international-protection',
  refugee: 'international-protection',
  resident: 'resident',
  'family-member': 'resident',
  student: 'student',
  'job-seeker': 'job-seeker-permit',
};

/** The category of a person from their countries and the permit types they hold in the country they live in. */
export function statusCategory(
  originCountry: string,
  currentCountry: string,
  permits: readonly { country: string; type: string }[],
): StatusCategory {
  if (originCountry === currentCountry) return 'in-origin-country';
  const here = permits
    .filter((p) => p.country === currentCountry)
    .map((p) => PERMIT_CATEGORY[p.type] ?? 'other-permit');
  if (here.length === 0) return 'no-permit-recorded';
  // The most specific category a person holds, in the order of STATUS_CATEGORIES.
  return STATUS_CATEGORIES.find((c) => here.includes(c))!;
}
