// Training-offer table as Kysely sees it.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface TrainingOfferTable {
  id: string;
  /** The provider organisation. */
  organisation_id: string;
  title: string;
  description: string | null;
  skills: Json<string[]>;
  duration_hours: number;
  /** NUMERIC as text in and out, so no float rounding on money. */
  cost: ColumnType<string, string, string>;
  currency: string;
  mode: string;
  country: string | null;
  region: string | null;
  language: string;
  start_date: string | null;
  seats: number | null;
  status: string;
  taxonomy_version: string;
  version: Generated<number>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface TrainingTables {
  training_offer: TrainingOfferTable;
}
