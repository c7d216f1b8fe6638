// Vacancy and training-offer tables as Kysely sees them.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface VacancyTable {
  id: string;
  /** The employer organisation. */
  organisation_id: string;
  title: string;
  description: string | null;
  occupation_uri: string;
  isco: string;
  sector: string;
  essential_skills: Json<string[]>;
  optional_skills: Json<string[]>;
  skills_from_esco: boolean;
  min_isced: number | null;
  languages: Json<{ lang: string; level: string }[]>;
  country: string;
  region: string;
  posts: number;
  /** Posts filled by recorded placements (protection outcomes). */
  posts_filled: Generated<number>;
  contract_type: string;
  hours_per_week: number | null;
  /** NUMERIC as text in and out, so no float rounding on money. */
  wage_amount: ColumnType<string | null, string | null, string | null>;
  wage_currency: string | null;
  wage_period: string | null;
  start_date: string | null;
  employer_sponsors_permit: boolean;
  employer_pays_recruitment_fees: boolean;
  status: string;
  taxonomy_version: string;
  version: Generated<number>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface VacancyTables {
  vacancy: VacancyTable;
}
