// The kernel's own tables as Kysely sees them: the change log, its pruning floor, and idempotency records.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** BIGINT read back as a JS number (pg type parser; PGlite returns numbers for int8 within range). */
type BigIntColumn = ColumnType<number | string, number | string | undefined, number | string>;

export interface ChangeLogTable {
  /** Monotonic across the whole log (a sequence: values commit out of order, see changes.ts). */
  position: Generated<BigIntColumn>;
  /** The writing transaction's 64-bit id: followers read only below the oldest transaction still running. */
  tx: Generated<BigIntColumn>;
  organisation_id: string | null;
  entity: string;
  entity_id: string;
  /** The person the change concerns (a migrant id), when it concerns one: lets followers find them cheaply. */
  subject_id: string | null;
  op: string;
  version: number | null;
  at: CreatedAt;
}

export interface ChangeLogFloorTable {
  id: number;
  /** Entries of transactions below this id were pruned: a follower whose cursor is below it must resynchronise. */
  tx: BigIntColumn;
  pruned_at: Date;
}

export interface IdempotencyKeyTable {
  /** Who sent the key (keys are per caller). */
  actor: string;
  key: string;
  /** Command name and a hash of its input: the same key with another request is refused. */
  command: string;
  request_hash: string;
  /** The first answer, replayed for a retry; null while the first request runs. */
  response: ColumnType<unknown, string | null, string | null>;
  created_at: CreatedAt;
}

/** A person's data key, wrapped by the instance key (person-keys.ts); deleted on erasure. */
export interface PersonKeyTable {
  /** The person: a migrant id (profile id) or a user id. */
  subject_id: string;
  organisation_id: string | null;
  wrapped: string;
  created_at: CreatedAt;
}

export interface KernelTables {
  person_key: PersonKeyTable;
  change_log: ChangeLogTable;
  change_log_floor: ChangeLogFloorTable;
  idempotency_key: IdempotencyKeyTable;
}
