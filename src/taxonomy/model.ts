// The ESCO taxonomy as Corridor holds it in memory: one immutable snapshot per taxonomy version.
// Produced by the ESCO CSV reader (official download) or loaded back from the database.

export type Lang = string; // ISO 639-1: 'en', 'es', 'fr', ...

export type SkillType = 'knowledge' | 'skill/competence' | '';
export type ReuseLevel = 'transversal' | 'cross-sector' | 'sector-specific' | 'occupation-specific' | '';
export type RelationType = 'essential' | 'optional';
export type SkillCollection = 'transversal' | 'digital' | 'digcomp' | 'green' | 'language' | 'research';

/** Labels of one concept in one language. */
export interface ConceptLabels {
  preferred: string;
  alt: string[];
  hidden: string[];
  description?: string;
}

export interface Occupation {
  uri: string;
  /** ESCO code, e.g. "2654.1" (ISCO-08 unit + ESCO extension). */
  code: string;
  /** ISCO-08 4-digit unit group code, e.g. "2654". */
  isco: string;
  labels: Record<Lang, ConceptLabels>;
  /** Broader occupation URIs (ESCO occupation hierarchy below the ISCO unit). */
  broader: string[];
}

export interface Skill {
  uri: string;
  skillType: SkillType;
  reuseLevel: ReuseLevel;
  labels: Record<Lang, ConceptLabels>;
  /** Broader skill or skill-group URIs. */
  broader: string[];
  collections: SkillCollection[];
}

export interface IscoGroup {
  uri: string;
  code: string; // 1 to 4 digits
  labels: Record<Lang, ConceptLabels>;
}

export interface SkillGroup {
  uri: string;
  code: string;
  labels: Record<Lang, ConceptLabels>;
  broader: string[];
}

export interface OccupationSkillRelation {
  occupationUri: string;
  skillUri: string;
  relation: RelationType;
}

export interface SkillSkillRelation {
  fromUri: string;
  toUri: string;
  relation: RelationType;
}

export interface EscoSnapshot {
  /** Taxonomy version, e.g. "1.1.1". */
  version: string;
  languages: Lang[];
  occupations: Map<string, Occupation>;
  skills: Map<string, Skill>;
  iscoGroups: Map<string, IscoGroup>;
  skillGroups: Map<string, SkillGroup>;
  occupationSkills: OccupationSkillRelation[];
  skillSkills: SkillSkillRelation[];
}
