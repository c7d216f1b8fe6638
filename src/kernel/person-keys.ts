// Per-person data keys (crypto-shredding). Each person's sensitive values are encrypted under their own random
// 256-bit key; that key is stored only wrapped (encrypted) by the instance key. Erasure deletes the wrapped key, so
// every copy of the person's ciphertexts — old row versions, WAL, backups, exports — becomes unreadable at once.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import {
  createKeyring,
  decryptField,
  encryptField,
  fieldCipher,
  type FieldCipher,
  type Keyring,
} from '../shared/crypto.js';
import { DomainError } from './errors.js';

type Db = Kysely<Database>;

/**
 * The instance cipher (which wraps the person keys) from the configuration, as the server builds it: for work done
 * outside a request — an index follower, a start-up task, a CLI command.
 */
export function instanceCipher(config: { secretKey: string; previousSecretKeys: readonly string[] }): FieldCipher {
  return fieldCipher(createKeyring(config.secretKey, [...config.previousSecretKeys]));
}

const wrapContext = (subjectId: string) => `person_key:${subjectId}`;

function keyringOf(key: Buffer): Keyring {
  const id = `p${createHash('sha256').update(key).digest('hex').slice(0, 7)}`;
  const fk = { id, key };
  return { current: fk, byId: new Map([[id, fk]]), macKey: Buffer.alloc(0) };
}

/** A cipher bound to one person's key; encrypts like the instance cipher (AES-256-GCM, context bound). */
export function cipherFromKey(key: Buffer): FieldCipher {
  const ring = keyringOf(key);
  return {
    encrypt: (p, c) => encryptField(ring, p, c),
    decrypt: (t, c) => decryptField(ring, t, c),
    encryptJson: (v, c) => encryptField(ring, JSON.stringify(v), c),
    decryptJson: <T>(t: string, c?: string) => JSON.parse(decryptField(ring, t, c)) as T,
  };
}

/** Unwraps a stored key (the `wrapped` column) with the instance cipher. */
export function unwrapPersonKey(cipher: FieldCipher, subjectId: string, wrapped: string): FieldCipher {
  return cipherFromKey(Buffer.from(cipher.decrypt(wrapped, wrapContext(subjectId)), 'base64'));
}

/** The person's cipher, or null when they have no key (never had one, or were erased). */
export async function findPersonCipher(db: Db, cipher: FieldCipher, subjectId: string): Promise<FieldCipher | null> {
  const row = await db
    .selectFrom('person_key')
    .select('wrapped')
    .where('subject_id', '=', subjectId)
    .executeTakeFirst();
  return row ? unwrapPersonKey(cipher, subjectId, row.wrapped) : null;
}

/** The person's cipher, creating their key on first use (a concurrent creator wins; its key is used). */
export async function personCipher(
  db: Db,
  cipher: FieldCipher,
  subjectId: string,
  organisationId: string | null,
): Promise<FieldCipher> {
  const found = await findPersonCipher(db, cipher, subjectId);
  if (found) return found;
  const wrapped = cipher.encrypt(randomBytes(32).toString('base64'), wrapContext(subjectId));
  await db
    .insertInto('person_key')
    .values({ subject_id: subjectId, organisation_id: organisationId, wrapped })
    .onConflict((oc) => oc.column('subject_id').doNothing())
    .execute();
  const now = await findPersonCipher(db, cipher, subjectId);
  if (!now) throw new DomainError('internal', 'person_key', 'could not create a person key');
  return now;
}

/** Wrapped keys of many people in one query (a page of profiles, the matching index). */
export async function personCiphers(
  db: Db,
  cipher: FieldCipher,
  subjectIds: readonly string[],
): Promise<Map<string, FieldCipher>> {
  const out = new Map<string, FieldCipher>();
  if (subjectIds.length === 0) return out;
  const rows = await db
    .selectFrom('person_key')
    .select(['subject_id', 'wrapped'])
    .where('subject_id', 'in', [...new Set(subjectIds)])
    .execute();
  for (const r of rows) out.set(r.subject_id, unwrapPersonKey(cipher, r.subject_id, r.wrapped));
  return out;
}

/**
 * The ciphers of many people, creating the keys they lack in one insert (a concurrent creator wins; its key is
 * used). For batch writes such as sealing many profiles at once.
 */
export async function ensurePersonCiphers(
  db: Db,
  cipher: FieldCipher,
  subjects: readonly { subjectId: string; organisationId: string | null }[],
): Promise<Map<string, FieldCipher>> {
  const found = await personCiphers(
    db,
    cipher,
    subjects.map((s) => s.subjectId),
  );
  const missing = new Map<string, string | null>();
  for (const s of subjects) if (!found.has(s.subjectId)) missing.set(s.subjectId, s.organisationId);
  if (missing.size === 0) return found;
  await db
    .insertInto('person_key')
    .values(
      [...missing].map(([subjectId, organisationId]) => ({
        subject_id: subjectId,
        organisation_id: organisationId,
        wrapped: cipher.encrypt(randomBytes(32).toString('base64'), wrapContext(subjectId)),
      })),
    )
    .onConflict((oc) => oc.column('subject_id').doNothing())
    .execute();
  const created = await personCiphers(db, cipher, [...missing.keys()]);
  for (const id of missing.keys()) {
    const c = created.get(id);
    if (!c) throw new DomainError('internal', 'person_key', 'could not create a person key');
    found.set(id, c);
  }
  return found;
}

/** Crypto-shredding: the key goes, and with it every ciphertext made with it. */
export async function destroyPersonKey(db: Db, subjectId: string): Promise<number> {
  const r = await db.deleteFrom('person_key').where('subject_id', '=', subjectId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** A free-text audit note sealed under the person's key (AuditEntry.noteEnc); undefined for no note. */
export async function sealNote(
  db: Db,
  cipher: FieldCipher,
  subjectId: string,
  organisationId: string | null,
  note: string | undefined | null,
): Promise<string | undefined> {
  if (!note) return undefined;
  return (await personCipher(db, cipher, subjectId, organisationId)).encrypt(note, `audit.note:${subjectId}`);
}
