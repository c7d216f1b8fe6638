// Passport tables as Kysely sees them. Credentials hold personal data and are stored encrypted (the field cipher);
// issuer private keys too. Status lists and trust entries are public by nature.
import type { ColumnType } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;

/** An organisation's signing key. One current key per organisation; retired keys stay to verify old passports. */
export interface PassportIssuerKeyTable {
  id: string;
  organisation_id: string;
  /** did:key of this key, or the instance's did:web. */
  did: string;
  verification_method: string;
  public_key_multibase: string;
  /** Encrypted `secretKeyMultibase`; context `passport_issuer_key:<id>`. */
  secret_key: string;
  created_at: CreatedAt;
  retired_at: NullableTimestamp;
}

/** A passport as issued (its JSON encrypted), with the status-list entry that can revoke it. */
export interface PassportCredentialTable {
  id: string;
  organisation_id: string;
  migrant_id: string;
  /** The passport this one was derived from (a holder's disclosure choice); null for the full passport. */
  derived_from: string | null;
  disclosure: Json<Record<string, boolean>>;
  status_index: number;
  /** Encrypted credential JSON; context `passport_credential:<id>`. Null once erased. */
  credential: string | null;
  issuer_key_id: string;
  issued_by: string | null;
  issued_at: CreatedAt;
  valid_until: Date;
  revoked_at: NullableTimestamp;
  revoked_reason: string | null;
}

/** The published status list of an organisation (a signed BitstringStatusListCredential), cached as served. */
export interface PassportStatusListTable {
  organisation_id: string;
  length: number;
  credential: Json<object>;
  published_at: Timestamp;
}

/** A holder's share link: only its hash is stored; it stops at expiry or when stopped. */
export interface PassportShareTable {
  id: string;
  organisation_id: string;
  credential_id: string;
  token_hash: string;
  created_at: CreatedAt;
  expires_at: Date;
  stopped_at: NullableTimestamp;
}

/** One key of a trusted issuer, imported from a signed issuer list of another instance or an authority. */
export interface PassportTrustedIssuerTable {
  id: string;
  /** The organisation whose admin imported it (the trust applies to the whole instance). */
  organisation_id: string;
  did: string;
  verification_method: string;
  public_key_multibase: string;
  name: string;
  /** The key that signed the list it came from. */
  source: string;
  imported_at: CreatedAt;
  imported_by: string | null;
}

/** A verified passport from elsewhere imported into a profile: the provenance of its "certified" skills. */
export interface PassportImportTable {
  id: string;
  organisation_id: string;
  migrant_id: string;
  credential_id: string;
  issuer_did: string;
  issuer_name: string;
  valid_from: string;
  skills: Json<string[]>;
  imported_at: CreatedAt;
  imported_by: string | null;
}

export interface PassportTables {
  passport_issuer_key: PassportIssuerKeyTable;
  passport_credential: PassportCredentialTable;
  passport_status_list: PassportStatusListTable;
  passport_share: PassportShareTable;
  passport_trusted_issuer: PassportTrustedIssuerTable;
  passport_import: PassportImportTable;
}
