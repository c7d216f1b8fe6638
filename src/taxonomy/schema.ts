// Taxonomy tables (reference data shared by every organisation; replicated, not sharded — under Citus each is a
// reference table, see docs/TAXONOMY.md). No organisation_id: nothing here belongs to a tenant.
// Versions live side by side: every concept row is keyed by (version, uri), so a profile coded under an older
// ESCO version keeps resolving after a newer one is activated.
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type TaxonomyVersionStatus = 'importing' | 'ready';

export interface TaxonomyVersionTable {
  version: string;
  /** 'importing' only inside the import transaction; a committed row is always 'ready'. */
  status: TaxonomyVersionStatus;
  /** Exactly one ready version is active (partial unique index). */
  is_active: boolean;
  languages: string[];
  occupation_count: number;
  skill_count: number;
  relation_count: number;
  /** Where the data came from (file names), for the operator. */
  source: string;
  imported_at: Timestamp;
  activated_at: Timestamp | null;
}

export interface TaxonomyOccupationTable {
  version: string;
  uri: string;
  /** ESCO code, e.g. "7212.1". */
  code: string;
  /** ISCO-08 unit group, 4 digits. */
  isco: string;
}

export interface TaxonomySkillTable {
  version: string;
  uri: string;
  /** 'knowledge' | 'skill/competence' | '' */
  skill_type: string;
  /** 'transversal' | 'cross-sector' | 'sector-specific' | 'occupation-specific' | '' */
  reuse_level: string;
  /** ESCO collections the skill belongs to (transversal, digital, green, language, …). */
  collections: string[];
}

export interface TaxonomyIscoGroupTable {
  version: string;
  uri: string;
  /** 1 to 4 digits. */
  code: string;
}

export interface TaxonomySkillGroupTable {
  version: string;
  uri: string;
  code: string;
}

/** Labels of one concept (occupation, skill, ISCO group or skill group) in one language. */
export interface TaxonomyLabelTable {
  version: string;
  uri: string;
  lang: string;
  preferred: string;
  alt: string[];
  hidden: string[];
  description: string | null;
}

export interface TaxonomyOccupationSkillTable {
  version: string;
  occupation_uri: string;
  skill_uri: string;
  /** 'essential' | 'optional' */
  relation: string;
}

export interface TaxonomySkillSkillTable {
  version: string;
  from_uri: string;
  to_uri: string;
  relation: string;
}

/** Broader relations (occupation, skill and skill-group hierarchies); position keeps the source order. */
export interface TaxonomyBroaderTable {
  version: string;
  uri: string;
  broader_uri: string;
  position: number;
}

/** Levels of the reference frameworks Corridor speaks: ISCED 2011, CEFR, EQF. Not versioned with ESCO. */
export interface ReferenceLevelTable {
  /** 'isced' | 'cefr' | 'eqf' */
  scheme: string;
  /** '0'…'8' (ISCED), 'A1'…'C2' (CEFR), '1'…'8' (EQF). */
  code: string;
  /** Sort order within the scheme. */
  ordinal: number;
  /** ISCED: 'low' | 'medium' | 'high' | null (level 0); CEFR: 'basic' | 'independent' | 'proficient'. */
  band: string | null;
}

export interface ReferenceLevelNameTable {
  scheme: string;
  code: string;
  lang: string;
  name: string;
  description: string;
}

export interface TaxonomyTables {
  taxonomy_version: TaxonomyVersionTable;
  taxonomy_occupation: TaxonomyOccupationTable;
  taxonomy_skill: TaxonomySkillTable;
  taxonomy_isco_group: TaxonomyIscoGroupTable;
  taxonomy_skill_group: TaxonomySkillGroupTable;
  taxonomy_label: TaxonomyLabelTable;
  taxonomy_occupation_skill: TaxonomyOccupationSkillTable;
  taxonomy_skill_skill: TaxonomySkillSkillTable;
  taxonomy_broader: TaxonomyBroaderTable;
  reference_level: ReferenceLevelTable;
  reference_level_name: ReferenceLevelNameTable;
}
