// Matching results as the API sends them: ranked candidates for a vacancy, ranked
// vacancies for a person, and a person's skill gap for a vacancy or an occupation with the training that closes it.
import { encodeQuery, request } from './api.js';
import type { Vacancy } from './vacancies.js';

// The contract is the server's own (src/matching/contract.ts), type-only: nothing of the server reaches the bundle.
import type {
  CandidateItem,
  Explanation,
  OrganisationRef,
  Shortlist,
  SkillGap,
  TrainingItem,
  VacancyItem,
  VacancyMatches,
} from '../matching/index.js';
import type { CandidateView } from '../profiles/index.js';
import type { EvidenceLevel } from '../shared/vocabulary.js';

export type { CandidateView, Explanation, OrganisationRef, Shortlist, SkillGap, VacancyMatches };
export type Evidence = EvidenceLevel;
export type CandidateMatch = CandidateItem;
export type VacancyMatch = VacancyItem;
export type TrainingSuggestion = TrainingItem;
export type TrainingOffer = TrainingItem['offer'];
export type NearKind = Explanation['near'][number]['kind'];
export type LevelFit = Explanation['education']['fit'];

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
