// Contact-request table as Kysely sees it.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ContactRequestTable {
  id: string;
  /** Tenant key: the organisation holding the person (their advisor's). */
  organisation_id: string;
  /** The employer organisation that asked (its vacancy). */
  employer_organisation_id: string;
  migrant_id: string;
  vacancy_id: string;
  requested_by: string;
  /** Clear message of a row written before migration 0552 until sealed at start; null once sealed. */
  message: string | null;
  /** The message under the person's key (subject = migrant_id), context `contact_request.message:<id>`. */
  message_enc: ColumnType<string | null, string | null | undefined, string | null>;
  status: string;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decided_on_behalf: boolean;
  /** Ciphertext (FieldCipher) of the details given, context `contact_request.contact:<id>`. */
  contact_enc: string | null;
  /** The protection outcome (placement) recorded from this request. */
  outcome_id: string | null;
  /** When each party last opened the inbox after a change (unread counts). */
  employer_seen_at: Timestamp | null;
  holder_seen_at: Timestamp | null;
  migrant_seen_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ContactTables {
  contact_request: ContactRequestTable;
}
