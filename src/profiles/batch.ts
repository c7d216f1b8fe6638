// Batch reads of profiles: one query for a page of people (a shortlist) instead of one per person. Rows are mapped
// by store.ts's toProfile, so a profile read here is the same object getProfile returns.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { FieldCipher } from '../shared/crypto.js';
import type { Profile } from './model.js';
import { keysFor, toProfile, type ProfileRow } from './store.js';

/**
 * The live (not erased) profiles with these ids, by id; ids with no live profile are absent. With includeSensitive
 * the migration status and document numbers are decrypted (audit the read), as getProfile does.
 */
export async function getProfiles(
  db: Kysely<Database>,
  cipher: FieldCipher,
  ids: readonly string[],
  includeSensitive = false,
): Promise<Map<string, Profile>> {
  // Same guard as findProfileRow: an id that long is no profile id.
  const wanted = [...new Set(ids)].filter((id) => id.length <= 100);
  const out = new Map<string, Profile>();
  if (wanted.length === 0) return out;
  const rows: ProfileRow[] = await db
    .selectFrom('profile')
    .selectAll()
    .where('id', 'in', wanted)
    .where('erased_at', 'is', null)
    .execute();
  // The people's keys in one query (a shortlist's page), not one per person.
  const keys = await keysFor(
    db,
    cipher,
    rows.map((r) => r.id),
  );
  for (const row of rows) out.set(row.id, toProfile(row, keys.get(row.id)!, includeSensitive));
  return out;
}
