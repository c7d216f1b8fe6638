// Matching tables as Kysely sees them.
import type { ColumnType } from 'kysely';
import type { ContactTables } from './contact/schema.js';

type Json<T> = ColumnType<T, string, string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface EligibilityRuleTable {
  id: string;
  country: string;
  permit_type: string;
  sectors: Json<string[]>;
  isco_prefixes: Json<string[]>;
  description: string;
  example: boolean;
  updated_at: Timestamp;
}

export interface MatchingTables extends ContactTables {
  matching_eligibility_rule: EligibilityRuleTable;
}
