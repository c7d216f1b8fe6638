// Protection tables as Kysely sees them. Dates of the domain (due, paid, happened) are YYYY-MM-DD text; money is
// NUMERIC read and written as text, so no float rounding on amounts.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;
type Numeric = ColumnType<string, string, string>;

/** One per person: who works on it. The person is the profile (migrant id = profile id). */
export interface ProtectionCaseTable {
  id: string;
  organisation_id: string;
  migrant_id: string;
  lead_advisor_id: string | null;
  /** Every advisor of the case (the lead among them): they, and their supervisors, read the screening. */
  advisor_ids: Json<string[]>;
  status: string;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** A supervisor's team: the advisors whose cases they oversee. */
export interface ProtectionSupervisionTable {
  organisation_id: string;
  supervisor_id: string;
  advisor_id: string;
}

export interface ProtectionGoalTable {
  id: string;
  organisation_id: string;
  migrant_id: string;
  title: string;
  steps: Json<{ text: string; done: boolean }[]>;
  owner: string;
  owner_user_id: string | null;
  due_date: string | null;
  status: string;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ProtectionServiceTable {
  id: string;
  organisation_id: string;
  name: string;
  category: string;
  country: string;
  region: string;
  contact: string;
  languages: Json<string[]>;
  created_at: CreatedAt;
}

export interface ProtectionReferralTable {
  id: string;
  organisation_id: string;
  migrant_id: string;
  category: string;
  service_id: string | null;
  target_organisation_id: string | null;
  note: string | null;
  status: string;
  urgent: boolean;
  source: string;
  created_by: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ProtectionFollowUpTable {
  id: string;
  organisation_id: string;
  migrant_id: string;
  due_date: string;
  purpose: string;
  assigned_to: string | null;
  done_at: Date | null;
  done_note: string | null;
  created_by: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ProtectionOutcomeTable {
  id: string;
  organisation_id: string;
  migrant_id: string;
  kind: string;
  occurred_on: string;
  note: string | null;
  vacancy_id: string | null;
  employer_name: string | null;
  occupation_uri: string | null;
  isco: string | null;
  sector: string | null;
  contract_type: string | null;
  wage_amount: ColumnType<string | null, string | null, string | null>;
  wage_currency: string | null;
  wage_period: string | null;
  training_title: string | null;
  returned_to: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface ProtectionTransferTable {
  id: string;
  migrant_id: string;
  from_organisation_id: string;
  to_organisation_id: string;
  from_advisor_id: string | null;
  to_advisor_id: string | null;
  note: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

/** The answers, judgement and alerts are one encrypted document (sealed.ts); only the date and author are clear. */
export interface ProtectionScreeningTable {
  id: string;
  organisation_id: string;
  migrant_id: string;
  screened_on: string;
  sealed: string;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface ProtectionReportTable {
  id: string;
  organisation_id: string;
  migrant_id: string;
  kind: string;
  sealed: string;
  seen_at: Date | null;
  seen_by: string | null;
  created_at: CreatedAt;
}

/** Recruiters and agencies: a register shared by the instance (labour inspectors read it). */
export interface ProtectionRecruiterTable {
  id: string;
  /** Who recorded it. */
  organisation_id: string;
  name: string;
  licence_number: string | null;
  country: string;
  licence_status: string;
  certification: string | null;
  complaints: Json<{ date: string; summary: string }[]>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ProtectionFeeTable {
  id: string;
  organisation_id: string;
  migrant_id: string;
  category: string;
  amount: Numeric;
  currency: string;
  paid_on: string;
  paid_by: string;
  loan: boolean;
  loan_interest: Numeric;
  recruiter_id: string | null;
  vacancy_id: string | null;
  note: string | null;
  recorded_by: string | null;
  created_at: CreatedAt;
}

export interface ProtectionEarningsTable {
  migrant_id: string;
  organisation_id: string;
  month: string;
  amount: Numeric;
  currency: string;
  country: string;
  recorded_by: string | null;
  updated_at: Timestamp;
}

export interface ProtectionExchangeRateTable {
  currency: string;
  valid_on: string;
  per_usd: Numeric;
  example: boolean;
}

/** The hiring guide of an eligibility rule, one row per version (the newest is in force). */
export interface ProtectionHiringGuideTable {
  rule_id: string;
  version: number;
  hours_per_week: number | null;
  change_of_employer: string;
  duration_months: number | null;
  review_by: string;
  example: boolean;
  text: Json<Record<string, unknown>>;
  updated_by: string | null;
  created_at: CreatedAt;
}

export interface ProtectionTables {
  protection_case: ProtectionCaseTable;
  protection_supervision: ProtectionSupervisionTable;
  protection_goal: ProtectionGoalTable;
  protection_service: ProtectionServiceTable;
  protection_referral: ProtectionReferralTable;
  protection_follow_up: ProtectionFollowUpTable;
  protection_outcome: ProtectionOutcomeTable;
  protection_transfer: ProtectionTransferTable;
  protection_screening: ProtectionScreeningTable;
  protection_report: ProtectionReportTable;
  protection_recruiter: ProtectionRecruiterTable;
  protection_fee: ProtectionFeeTable;
  protection_earnings: ProtectionEarningsTable;
  protection_exchange_rate: ProtectionExchangeRateTable;
  protection_hiring_guide: ProtectionHiringGuideTable;
}
