// Profile table as Kysely sees it. Lists (languages, education, skills…) are JSONB columns of the one row, so a
// profile is written by one statement: it is there whole or not at all.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** JSONB: read as parsed JSON, written as a JSON string. */
type Json<T> = ColumnType<T, string, string>;

export interface ProfileTable {
  /** Also the migrant id that consent, audit and other capabilities refer to. */
  id: string;
  organisation_id: string;
  user_id: string | null;
  /** Plain name of a row written before migration 0340 (or by a bulk load) until sealed at start; '' once sealed. */
  display_name: string;
  /** The name under the person's key, context `profile.display_name:<id>` (migration 0340); null on rows not sealed. */
  display_name_enc: ColumnType<string | null, string | null | undefined, string | null>;
  /** Blind index of the name: HMACs of its tokens and their prefixes (kernel/person-keys.ts blindIndex). */
  name_tokens: ColumnType<string[] | null, string | null | undefined, string | null>;
  origin_country: string;
  /** JSONB array of ISO 3166-1 alpha-2 codes; [] = stateless; null = not recorded (migration 0320). */
  citizenships: ColumnType<string[] | null, string | null | undefined, string | null>;
  current_country: string;
  current_region: string;
  sex: string;
  birth_year: number | null;
  languages: Json<unknown[]>;
  /**
   * Education, qualifications, experience: once the row is sealed (free_text_enc set) only their coded parts; the
   * free text is blanked here (null, or '' for an education's title) and sealed in free_text_enc.
   */
  education: Json<unknown[]>;
  qualifications: Json<unknown[]>;
  experience: Json<unknown[]>;
  skills: Json<unknown[]>;
  /**
   * Plain permits of rows written before migration 0330, until sealed at start; '[]' once sealed. A statistics
   * remainder keeps none.
   */
  permits: Json<unknown[]>;
  /**
   * The permits as one ciphertext under the person's key, context `profile.permits:<id>` (document numbers inside
   * sealed again, context `profile.permit_document:<id>`); null on rows not yet sealed and on remainders.
   */
  permits_enc: string | null;
  /**
   * Ciphertext, context `profile.migration_status:<id>`: under the person's key once the row is sealed
   * (permits_enc set), under the instance key before.
   */
  migration_status_enc: string | null;
  /**
   * The free text of experience, education and qualifications (store.ts FreeText) under the person's key, context
   * `profile.free_text:<id>` (migration 0350); null on rows not sealed yet (their text is in the JSON columns) and
   * on statistics remainders.
   */
  free_text_enc: ColumnType<string | null, string | null | undefined, string | null>;
  /**
   * ICLS migration status category (shared/projections.ts statusCategory) in clear: only on statistics remainders
   * and on rows written before migration 0360 until sealed at start; null on live sealed rows (and on rows from
   * before migration 0330 until sealed).
   */
  status_category: string | null;
  /**
   * The category under the person's key, context `profile.status_category:<id>` (migration 0360); null on rows not
   * sealed yet and on statistics remainders.
   */
  status_category_enc: ColumnType<string | null, string | null | undefined, string | null>;
  preferences: Json<unknown>;
  seeking: boolean;
  available_from: string | null;
  highest_isced: number | null;
  /** BCP-47 tag, canonical form (migration 0310). */
  contact_language: string | null;
  /** Number of the interview step the profile was left at, 1–7 (migration 0310). */
  interview_step: number | null;
  taxonomy_version: string;
  version: Generated<number>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  /** Set when personal data was erased; the row stays, anonymised, for statistics. */
  erased_at: Timestamp | null;
}

/** An invitation an advisor made for a person they added: accepting it links the account to this profile. */
export interface ProfileInvitationTable {
  invitation_id: string;
  profile_id: string;
  organisation_id: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface ProfileTables {
  profile: ProfileTable;
  profile_invitation: ProfileInvitationTable;
}
