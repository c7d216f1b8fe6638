// Identity, consent and audit tables as Kysely sees them. Every tenant row carries organisation_id.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export interface OrganisationTable {
  id: string;
  /** Tenant key; equals id for organisations themselves so every tenant query filters the same way. */
  organisation_id: string;
  name: string;
  type: string;
  /** Required for recruitment agencies (fair-recruitment licensing). */
  licence_number: string | null;
  country: string | null;
  created_at: CreatedAt;
}

export interface UserTable {
  id: string;
  organisation_id: string;
  /** Clear e-mail of a row not sealed yet (migration 0195); null once sealed (identity/sealed.ts). */
  email: string | null;
  /** Clear name of a row not sealed yet; '' once sealed; 'Erased user' after erasure. */
  name: string;
  /** Name and e-mail under the account's own key (subject = the user id), contexts `app_user.name|email:<id>`. */
  name_enc: ColumnType<string | null, string | null | undefined, string | null>;
  email_enc: ColumnType<string | null, string | null | undefined, string | null>;
  /** Blind index of the e-mail (HMAC, unique): how sign-in, invitations and erasure find the account. */
  email_index: ColumnType<string | null, string | null | undefined, string | null>;
  role: string;
  password_hash: string | null;
  /** Encrypted TOTP secret (pending until totp_enabled). */
  totp_secret: string | null;
  totp_enabled: Generated<boolean>;
  /** Last accepted TOTP time step, so a code cannot be replayed. */
  totp_last_step: number | null;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  disabled_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SessionTable {
  id: string;
  organisation_id: string;
  user_id: string;
  /** SHA-256 of the cookie token; the token itself is never stored. */
  token_hash: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface InvitationTable {
  id: string;
  organisation_id: string;
  /** As app_user's: clear until sealed, then under the invitation's own key (subject = the invitation id). */
  email: string | null;
  name: string;
  name_enc: ColumnType<string | null, string | null | undefined, string | null>;
  email_enc: ColumnType<string | null, string | null | undefined, string | null>;
  email_index: ColumnType<string | null, string | null | undefined, string | null>;
  role: string;
  token_hash: string;
  invited_by: string;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  accepted_user_id: string | null;
  created_at: CreatedAt;
}

export interface ConsentTable {
  id: string;
  /** Organisation that recorded the consent (the migrant's organisation). */
  organisation_id: string;
  migrant_id: string;
  purpose: string;
  /** For share_with_organisation: the organisation the migrant agreed to share with. */
  target_organisation_id: string | null;
  /** For employer sharing: which profile fields may be shown; null = the purpose's default set. */
  field_scopes: Json<string[] | null> | null;
  /** Clear note of a row written before migration 0196 until sealed at start; null once sealed. */
  note: string | null;
  /** The note under the migrant's key, context `consent.note:<id>` (migration 0196). */
  note_enc: ColumnType<string | null, string | null | undefined, string | null>;
  given_at: Timestamp;
  recorded_by: string;
  withdrawn_at: Timestamp | null;
  withdrawn_by: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: CreatedAt;
  organisation_id: string | null;
  actor_user_id: string | null;
  actor_role: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  fields: Json<string[] | null> | null;
  reason: string | null;
  /** Free-text note, encrypted under the person's data key (migration 0160). */
  note_enc: string | null;
  /** Ids of the people a list read showed (migration 0160). */
  subject_ids: Json<string[] | null> | null;
  request_id: string | null;
  ip: string | null;
  /** Place in the organisation's chain (migration 0170); null for entries older than the chain. */
  chain_seq: ColumnType<number | string | null, number | null | undefined, never>;
  /** Hash of the entry before it in the chain, and this entry's own hash (src/kernel/audit-chain.ts). */
  prev_hash: string | null;
  hash: string | null;
  /** The writing transaction's id (migration 0190): the chainer links entries in (tx, id) order. */
  tx: ColumnType<number | string | null, never, never>;
}

/** One row per chain (an organisation, '' for platform entries): its last link, locked by each writer. */
export interface AuditChainHeadTable {
  chain: string;
  seq: ColumnType<number | string, number | undefined, number>;
  hash: ColumnType<string, string | undefined, string>;
  last_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The last link retention pruned: the first kept entry links to it. */
  floor_seq: ColumnType<number | string, number | undefined, number>;
  floor_hash: ColumnType<string, string | undefined, string>;
}

export interface AuditChainStartTable {
  id: number;
  /** Entries up to this id were written before the chains existed. */
  legacy_max_id: ColumnType<number | string, number, never>;
  /** The chainer's cursor (migration 0190): every entry up to (chained_tx, chained_id) was linked. */
  chained_tx: ColumnType<number | string, never, number>;
  chained_id: ColumnType<number | string, never, number>;
}

/** Failed sign-ins per account and client address (both as HMACs), with their back-off (auth.ts). */
export interface LoginThrottleTable {
  account_key: string;
  client_key: string;
  failures: number;
  blocked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_failure_at: ColumnType<Date, Date | string, Date | string>;
}

export interface PasswordResetTable {
  id: string;
  organisation_id: string;
  user_id: string;
  /** SHA-256 of the one-time token; the token itself is shown once to the admin who issued it. */
  token_hash: string;
  created_by: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface IdentityTables {
  password_reset: PasswordResetTable;
  organisation: OrganisationTable;
  app_user: UserTable;
  user_session: SessionTable;
  invitation: InvitationTable;
  consent: ConsentTable;
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
  audit_chain_start: AuditChainStartTable;
  login_throttle: LoginThrottleTable;
}
