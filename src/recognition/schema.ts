// Recognition tables as Kysely sees them. Qualifications and their evidence documents, qualification frameworks
// (reference data, like the taxonomy: no tenant), recognition cases and RPL assessments. Every tenant row carries
// organisation_id and migrant_id (the person = the profile id).
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A column with a database default: optional on insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;
type JsonDefaulted<T> = ColumnType<T, string | undefined, string>;

/** A qualification as written on the certificate, with its lifecycle. */
export interface RecognitionQualificationTable {
  id: string;
  organisation_id: string;
  migrant_id: string;
  original_title: string;
  /** The title translated (usually into the destination's language), and that language. */
  title_translation: string | null;
  translation_lang: string | null;
  awarding_body: string;
  /** ISO 3166-1 alpha-2 where it was awarded. */
  country: string;
  year: number | null;
  /** ISCED-F 2013 field code (2–4 digits). */
  isced_field: string | null;
  /** The national framework (its code) and the level as the certificate states it. */
  national_framework: string | null;
  national_level: string | null;
  /** recorded → in_assessment → recognised | partially_recognised | not_recognised | referred_to_rpl; withdrawn. */
  status: Defaulted<string>;
  /** EQF level as recognised (null until a decision says so). */
  eqf_level: number | null;
  created_by: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** An evidence document: the file's bytes encrypted (FieldCipher, context `recognition_document:<id>`). */
export interface RecognitionDocumentTable {
  id: string;
  organisation_id: string;
  migrant_id: string;
  qualification_id: string;
  /** diploma | transcript | certificate | translation | other */
  kind: string;
  /** Ciphertext of the name the file was uploaded under. */
  file_name_enc: string;
  /** As detected from the content (application/pdf, image/jpeg, image/png). */
  media_type: string;
  size_bytes: number;
  sha256: string;
  /** Ciphertext of the base64 content. */
  content_enc: string;
  uploaded_by: string | null;
  created_at: CreatedAt;
}

/** A qualification framework: EQF (the meta-framework), regional ones (SADCQF, EAC QF, AQRF) and national ones. */
export interface RecognitionFrameworkTable {
  /** Short code, e.g. EQF, SADCQF, EACQF, AQRF, ZA-NQF. */
  code: string;
  name: string;
  /** meta | regional | national */
  kind: string;
  /** ISO country of a national framework, else null. */
  country: string | null;
  /** Shipped as an example: to be replaced by the authorities' own texts before real use. */
  example: Defaulted<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface RecognitionFrameworkLevelTable {
  framework: string;
  /** The level as the framework names it ("5", "L4", "NQF 6"). */
  level: string;
  /** Ordinal for sorting. */
  rank: number;
  title: string;
  descriptor: string;
  /** The EQF level this level is referenced to (null when not referenced). */
  eqf_level: number | null;
  /** The regional framework level it is referenced to: framework code and level. */
  regional_framework: string | null;
  regional_level: string | null;
  example: boolean;
}

/** A recognition case: one qualification assessed for one destination framework. */
export interface RecognitionCaseTable {
  id: string;
  organisation_id: string;
  migrant_id: string;
  qualification_id: string;
  /** requested → assessing → decided; decided → assessing (reopened) or appealed → assessing. */
  status: Defaulted<string>;
  requested_by: string | null;
  requested_by_role: string;
  request_note: string | null;
  /** The framework the qualification is compared with (code), and the destination country. */
  destination_framework: string;
  destination_country: string | null;
  assessor_id: string | null;
  documents_checked: Defaulted<boolean>;
  documents_note: string | null;
  /** Structured interview notes: [{ topic, note }]. */
  interview: JsonDefaulted<{ topic: string; note: string }[]>;
  comparison_note: string | null;
  /** recognised | partially_recognised | not_recognised | referred_to_rpl */
  outcome: string | null;
  eqf_level: number | null;
  destination_level: string | null;
  comparable_qualification: string | null;
  occupation_uris: JsonDefaulted<string[]>;
  missing_skills: JsonDefaulted<string[]>;
  /** Training offers found for the missing skills when decided: [{ offerId, title, covers }]. */
  compensation: JsonDefaulted<{ offerId: string; title: string; covers: string[] }[]>;
  /** Reason codes (vocabulary, shown in the reader's language). */
  reasons: JsonDefaulted<string[]>;
  decision_note: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  appeal_reason: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** The steps a case went through, for its history (who, when, which step; the decision as it stood). */
export interface RecognitionCaseEventTable {
  id: string;
  organisation_id: string;
  case_id: string;
  step: string;
  actor_id: string | null;
  detail: JsonDefaulted<Record<string, unknown>>;
  at: CreatedAt;
}

/** RPL: a person assessed against an ESCO occupation's essential skills. */
export interface RecognitionRplAssessmentTable {
  id: string;
  organisation_id: string;
  migrant_id: string;
  occupation_uri: string;
  case_id: string | null;
  assessor_id: string;
  /** Kept so provenance still reads when the assessor's account is gone. */
  assessor_name: string;
  /** in_progress | completed */
  status: Defaulted<string>;
  completed_on: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface RecognitionRplSkillTable {
  assessment_id: string;
  organisation_id: string;
  skill_uri: string;
  /** interview | observation | practical_test | portfolio | employer_attestation (null until assessed) */
  method: string | null;
  /** pending | demonstrated | not_yet */
  result: Defaulted<string>;
  note: string | null;
}

/** A case referred to an assessing organisation; in force while active and the person's consent holds. */
export interface RecognitionReferralTable {
  id: string;
  /** The home organisation (holds the person and the case). */
  organisation_id: string;
  migrant_id: string;
  case_id: string;
  assessing_organisation_id: string;
  /** The recognition_referral consent recorded with the referral. */
  consent_id: string;
  /** active | withdrawn */
  status: Defaulted<string>;
  note: string | null;
  referred_by: string | null;
  withdrawn_by: string | null;
  withdrawn_at: Date | null;
  created_at: CreatedAt;
}

export interface RecognitionTables {
  recognition_qualification: RecognitionQualificationTable;
  recognition_document: RecognitionDocumentTable;
  recognition_framework: RecognitionFrameworkTable;
  recognition_framework_level: RecognitionFrameworkLevelTable;
  recognition_case: RecognitionCaseTable;
  recognition_case_event: RecognitionCaseEventTable;
  recognition_rpl_assessment: RecognitionRplAssessmentTable;
  recognition_rpl_skill: RecognitionRplSkillTable;
  recognition_referral: RecognitionReferralTable;
}
