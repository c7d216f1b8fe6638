// What the matching engine sees of people and vacancies: projections of the stored records, limited to the
// facts a match may depend on. Sex, age, nationality, origin and vulnerability are deliberately absent: the
// engine cannot use what it is never given (see docs/MATCHING.md, "Protected attributes").

import { CEFR_LEVELS, type CefrLevel } from '../shared/vocabulary.js';

export { CEFR_LEVELS, EVIDENCE_LEVELS, SECTORS, type CefrLevel, type EvidenceLevel } from '../shared/vocabulary.js';
import type { EvidenceLevel } from '../shared/vocabulary.js';
// The projections other capabilities' stores produce live beneath every capability, so those stores need not import matching.
export type {
  CandidateSkill,
  CandidateExperience,
  LanguageLevel,
  Place,
  WorkPermit,
  MatchCandidate,
  MatchVacancy,
  TrainingOffer,
} from '../shared/projections.js';

/** Numeric rank of a CEFR level: A1 = 1 … C2 = 6, native = 7. */
export function cefrRank(level: CefrLevel): number {
  return CEFR_LEVELS.indexOf(level) + 1;
}

/**
 * Legal eligibility as data: holders of `permitType` issued by `country` may work in these sectors / ISCO
 * groups there. Admins edit these; the seed set is example data, not legal advice.
 */
export interface EligibilityRule {
  id: string;
  country: string;
  permitType: string;
  /** ISIC sections allowed; ['*'] = any sector. */
  sectors: string[];
  /** ISCO-08 code prefixes allowed (e.g. "2" = professionals); empty = any occupation. */
  iscoPrefixes: string[];
  /** Human-readable summary (shown in explanations). */
  description: string;
  /** True for the shipped example rules, which are illustrations and not legal advice. */
  example: boolean;
}

/** Scoring weights and factors: configuration, defaults justified in docs/MATCHING.md. */
export interface MatchWeights {
  essentialSkills: number;
  optionalSkills: number;
  experience: number;
  languages: number;
  education: number;
  /** Credit of a skill by evidence level, 0–1. */
  evidence: Record<EvidenceLevel, number>;
  /** Share of credit a near skill earns, by how it is near. */
  near: { hierarchy: number; related: number };
  /** Credit of experience by closeness to the vacancy's occupation. */
  experienceCredit: { occupation: number; iscoUnit: number; iscoMinor: number };
  /** Credit when one CEFR level (or one ISCED level) short of what is asked. */
  oneLevelShort: number;
  /** Days after the start date by which a candidate may still become available. */
  availabilityGraceDays: number;
}

export const DEFAULT_WEIGHTS: MatchWeights = {
  essentialSkills: 0.45,
  optionalSkills: 0.1,
  experience: 0.2,
  languages: 0.15,
  education: 0.1,
  evidence: { certified: 1, assessed: 0.9, 'advisor-checked': 0.8, 'self-declared': 0.6 },
  near: { hierarchy: 0.5, related: 0.5 },
  experienceCredit: { occupation: 1, iscoUnit: 0.7, iscoMinor: 0.4 },
  oneLevelShort: 0.5,
  availabilityGraceDays: 30,
};

// ---- results and explanations ----

export type NearKind = 'broader' | 'narrower' | 'sibling' | 'related';

export interface MatchedSkill {
  uri: string;
  evidence: EvidenceLevel;
  essential: boolean;
}

export interface NearSkill {
  /** The skill the candidate holds. */
  uri: string;
  /** The vacancy skill it stands in for. */
  standsInFor: string;
  kind: NearKind;
  evidence: EvidenceLevel;
  essential: boolean;
}

export type LevelFit = 'meets' | 'one-below' | 'below' | 'unknown' | 'not-asked';

export interface LanguageFit {
  lang: string;
  required: CefrLevel;
  held: CefrLevel | null;
  fit: LevelFit;
}

export interface EligibilityReason {
  ruleId: string;
  ruleDescription: string;
  example: boolean;
  permitType: string;
  country: string;
  sector: string;
  /** How the place fits: lives in the region, or is willing to relocate. */
  location: 'same-region' | 'relocation';
}

export interface ScoreComponents {
  essentialSkills: number | null;
  optionalSkills: number | null;
  experience: number;
  languages: number | null;
  education: number | null;
}

export interface MatchExplanation {
  eligibility: EligibilityReason;
  matched: MatchedSkill[];
  near: NearSkill[];
  missingEssential: string[];
  languages: LanguageFit[];
  education: { required: number | null; held: number | null; fit: LevelFit };
  experience: { occupationUri: string | null; level: 'occupation' | 'isco-unit' | 'isco-minor' | 'none' };
  components: ScoreComponents;
}

export interface MatchResult {
  candidateId: string;
  vacancyId: string;
  /** 0–1. */
  score: number;
  explanation?: MatchExplanation;
}

/** Why a pair is not eligible (hard filters), for diagnostics. */
export type Ineligibility = 'vacancy-closed' | 'no-consent' | 'not-available' | 'location' | 'no-permit';
