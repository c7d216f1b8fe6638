// Matching results as the API sends them (src/matching/routes.ts): ranked candidates for a vacancy, ranked
// vacancies for a person, and a person's skill gap for a vacancy or an occupation with the training that closes it.
import { encodeQuery, request } from './api.js';
import type { Vacancy } from './vacancies.js';

export type Evidence = 'certified' | 'assessed' | 'advisor-checked' | 'self-declared';
export type LevelFit = 'meets' | 'one-below' | 'below' | 'unknown' | 'not-asked';
export type NearKind = 'broader' | 'narrower' | 'sibling' | 'related';

export interface Explanation {
  eligibility: {
    ruleId: string;
    ruleDescription: string;
    example: boolean;
    permitType: string;
    country: string;
    sector: string;
    location: 'same-region' | 'relocation';
  };
  matched: { uri: string; evidence: Evidence; essential: boolean }[];
  near: { uri: string; standsInFor: string; kind: NearKind; evidence: Evidence; essential: boolean }[];
  missingEssential: string[];
  languages: { lang: string; required: string; held: string | null; fit: LevelFit }[];
  education: { required: number | null; held: number | null; fit: LevelFit };
  experience: { occupationUri: string | null; level: 'occupation' | 'isco-unit' | 'isco-minor' | 'none' };
  /** Parts left out because the person did not agree to share the field they come from. */
  withheld: string[];
}

export interface OrganisationRef {
  id: string;
  name: string;
  type: string;
  country: string | null;
}

/** What an employer may see of a candidate: only the fields the person agreed to share (src/profiles/model.ts). */
export interface CandidateView {
  id: string;
  fields: string[];
  displayName?: string;
  /** assessedBy: who assessed an "assessed" skill, when and how (recognition's RPL). */
  skills?: {
    uri: string;
    evidence: string;
    assessedBy?: { assessorName: string; assessedOn: string; method: string };
  }[];
  languages?: {
    lang: string;
    native: boolean;
    listening?: string | null;
    reading?: string | null;
    speaking: string | null;
    writing?: string | null;
  }[];
  education?: { iscedLevel: number; field?: string | null; completed: boolean }[];
  qualifications?: { title: string; eqfLevel: number | null }[];
  experience?: { occupationUri: string; country: string; months: number; formal?: boolean }[];
  location?: { country: string; region: string };
  availability?: { seeking: boolean; availableFrom: string | null };
  workAuthorization?: { country: string; type: string; validUntil: string | null; sectors: string[] }[];
  preferences?: {
    occupations: string[];
    regions: { country: string; region: string }[];
    willingToRelocate: boolean;
    relocationCountries: string[];
  };
}

export interface CandidateMatch {
  rank: number;
  score: number;
  candidate: CandidateView;
  /** The employment service holding the profile: the advisor an employer contacts. */
  organisation: OrganisationRef;
  explanation: Explanation;
  text: string[];
}

export interface Shortlist {
  vacancyId: string;
  lang: string;
  hasMore: boolean;
  items: CandidateMatch[];
  labels: Record<string, string>;
  /** Why the matching engine cannot match this record yet (its own words, English); null when it can. */
  unmatchable: string | null;
}

export interface VacancyMatch {
  rank: number;
  score: number;
  vacancy: Vacancy;
  employer: OrganisationRef;
  explanation: Explanation;
  text: string[];
}

export interface VacancyMatches {
  profileId: string;
  lang: string;
  hasMore: boolean;
  items: VacancyMatch[];
  labels: Record<string, string>;
  /** Why the matching engine cannot match this record yet (its own words, English); null when it can. */
  unmatchable: string | null;
}

export interface TrainingOffer {
  id: string;
  organisationId: string;
  title: string;
  skills: string[];
  durationHours: number;
  cost: number;
  currency: string;
  mode: string;
  location: { country: string; region: string } | null;
  language: string;
  startDate: string | null;
}

export interface TrainingSuggestion {
  offer: TrainingOffer;
  provider: OrganisationRef | null;
  covers: string[];
  coverage: number;
}

export interface SkillGap {
  profileId: string;
  lang: string;
  target: { kind: 'vacancy' | 'occupation'; id: string; label: string };
  missingEssential: string[];
  nearOnly: { uri: string; heldInstead: string; kind: NearKind }[];
  missingOptional: string[];
  training: TrainingSuggestion[];
  plan: { offerIds: string[]; uncovered: string[] };
  labels: Record<string, string>;
}

export type GapTarget = { vacancy: string } | { occupation: string };

/** 0.734 → "73 %" in the interface language's conventions. */
export function formatScore(score: number, lang: string): string {
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(score);
}

/** The label of an ESCO concept from an answer's label map (its UUID when the taxonomy no longer has it). */
export function labelOf(labels: Record<string, string>, uri: string): string {
  return labels[uri] ?? uri.slice(uri.lastIndexOf('/') + 1);
}

const EVIDENCE_KEYS: Record<string, string> = {
  certified: 'certified',
  assessed: 'assessed',
  'advisor-checked': 'advisorChecked',
  'self-declared': 'selfDeclared',
};

/** Locale key (under profile.evidence) of an evidence level. */
export function evidenceKey(evidence: string): string {
  return `profile.evidence.${EVIDENCE_KEYS[evidence] ?? 'selfDeclared'}`;
}

/** Locale key of an API code ('one-below' → 'oneBelow', 'isco-unit' → 'iscoUnit'). */
export function camel(code: string): string {
  return code.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

export const matchingApi = {
  /** Ranked, explained candidates for a vacancy; `lang` is the interface language (labels and texts follow it). */
  candidates(vacancyId: string, lang: string, offset: number, signal?: AbortSignal): Promise<Shortlist> {
    return request(
      'GET',
      `/vacancies/${encodeURIComponent(vacancyId)}/candidates${encodeQuery({ lang, limit: PAGE, offset })}`,
      { signal },
    );
  },

  vacancy(vacancyId: string, signal?: AbortSignal): Promise<Vacancy> {
    return request('GET', `/vacancies/${encodeURIComponent(vacancyId)}`, { signal });
  },

  matches(profileId: string, lang: string, signal?: AbortSignal): Promise<VacancyMatches> {
    return request('GET', `/profiles/${encodeURIComponent(profileId)}/matches${encodeQuery({ lang, limit: PAGE })}`, {
      signal,
    });
  },

  gaps(profileId: string, target: GapTarget, lang: string, signal?: AbortSignal): Promise<SkillGap> {
    return request('GET', `/profiles/${encodeURIComponent(profileId)}/gaps${encodeQuery({ ...target, lang })}`, {
      signal,
    });
  },
};

/** Results per page. */
export const PAGE = 10;
