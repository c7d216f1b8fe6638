// Optimistic concurrency for records that carry a `version`: an update names the version the caller read and
// applies only if nobody saved the record since (then the version goes up by one). Shared by profiles, vacancies
// and training offers so the 404/409 answers stay the same everywhere.
import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type Selectable,
  type SqlBool,
  type Updateable,
} from 'kysely';
import { staleVersion, type DomainError } from '../kernel/errors.js';
import type { Database } from './schema.js';

/** Tables with a text `id`, a `version` counter and an `updated_at`. */
export type VersionedTable = {
  [T in keyof Database]: Selectable<Database[T]> extends { id: string; version: number; updated_at: Date } ? T : never;
}[keyof Database];

export interface VersionedUpdate<T extends VersionedTable> {
  id: string;
  /** The version the caller read. */
  version: number;
  values: Updateable<Database[T]>;
  /** The record in the 409 message: "The <noun> was changed meanwhile…". */
  noun: string;
  /** The 404 when no record has this id. */
  missing: () => DomainError;
  /** A further condition; a record it excludes answers 409 like a stale version. */
  where?: (eb: ExpressionBuilder<Database, T>) => Expression<SqlBool>;
}

/** Updates the record if it is still at `version` (bumping version and updated_at); else 404 or 409, nothing changed. */
export async function updateVersioned<T extends VersionedTable>(
  db: Kysely<Database>,
  table: T,
  u: VersionedUpdate<T>,
): Promise<Selectable<Database[T]>> {
  // Kysely cannot resolve column references on a generic table; the type above guarantees these columns exist.
  const loose = db as unknown as Kysely<{ record: { id: string; version: number; updated_at: Date } }>;
  const name = table as unknown as 'record';
  let query = loose
    .updateTable(name)
    .set({ ...(u.values as object), version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', u.id)
    .where('version', '=', u.version);
  if (u.where) query = query.where(u.where as never);
  const row = await query.returningAll().executeTakeFirst();
  if (row) return row as unknown as Selectable<Database[T]>;
  const exists = await loose.selectFrom(name).select('id').where('id', '=', u.id).executeTakeFirst();
  throw exists ? staleVersion(u.noun) : u.missing();
}
