// Per-person data keys (crypto-shredding). Each person's sensitive values are encrypted under their own random
// 256-bit key; that key is stored only wrapped (encrypted) by the instance key. Erasure deletes the wrapped key, so
// every copy of the person's ciphertexts — old row versions, WAL, backups, exports — becomes unreadable at once.
import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
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
  const key = randomBytes(32);
  const wrapped = cipher.encrypt(key.toString('base64'), wrapContext(subjectId));
  const inserted = await db
    .insertInto('person_key')
    .values({ subject_id: subjectId, organisation_id: organisationId, wrapped })
    .onConflict((oc) => oc.column('subject_id').doNothing())
    .returning('subject_id')
    .executeTakeFirst();
  // Ours went in: use it as made. Otherwise a concurrent creator's key is the person's.
  if (inserted) return cipherFromKey(key);
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
 * Seals rows left in clear (written before a sealing migration, or without the instance key), a page per
 * transaction: `read` gives the next page of such rows after an id (in id order); each row goes under the key of
 * the person `subject` names (made when missing; null: no key, e.g. an erased row); `write` stores the page in one
 * statement and may return how many rows it changed (a row a writer sealed meanwhile is skipped); otherwise the
 * whole page counts. A migration has no key, so `corridor serve` runs these before listening. Returns the rows
 * sealed.
 */
export async function sealInPages<R extends { id: string }>(
  db: Db,
  cipher: FieldCipher,
  steps: {
    read: (after: string) => Promise<R[]>;
    subject: (row: R) => { subjectId: string; organisationId: string | null } | null;
    write: (tx: Transaction<Database>, page: { row: R; key: FieldCipher | null }[]) => Promise<number | void>;
  },
): Promise<number> {
  let sealed = 0;
  let after = '';
  for (;;) {
    const rows = await steps.read(after);
    if (rows.length === 0) return sealed;
    after = rows[rows.length - 1]!.id;
    await db.transaction().execute(async (tx) => {
      const subjects = rows.map(steps.subject);
      const keys = await ensurePersonCiphers(
        tx,
        cipher,
        subjects.filter((x) => x !== null),
      );
      const written = await steps.write(
        tx,
        rows.map((row, i) => ({ row, key: subjects[i] ? (keys.get(subjects[i].subjectId) ?? null) : null })),
      );
      sealed += written ?? rows.length;
    });
  }
}

/**
 * sealInPages for one free-text column about a migrant, in a table with `id`, `migrant_id` and `organisation_id`
 * (a consent's note, a contact request's message): each clear value goes into `<column>_enc` under the migrant's
 * key, and the clear column is set to NULL — one UPDATE per page; a row sealed meanwhile is left as it is.
 */
export function sealMigrantText(
  db: Db,
  cipher: FieldCipher,
  spec: { table: keyof Database; column: string; context: (id: string) => string },
  batchSize = 2000,
): Promise<number> {
  const table = sql.table(spec.table);
  const clear = sql.ref(spec.column);
  return sealInPages(db, cipher, {
    read: async (after) =>
      (
        await sql<{ id: string; migrant_id: string; organisation_id: string; text: string }>`
          SELECT id, migrant_id, organisation_id, ${clear} AS text FROM ${table}
          WHERE ${clear} IS NOT NULL AND id > ${after} ORDER BY id LIMIT ${batchSize}`.execute(db)
      ).rows,
    subject: (r) => ({ subjectId: r.migrant_id, organisationId: r.organisation_id }),
    write: async (tx, page) => {
      const values = page.map(({ row, key }) => ({ id: row.id, enc: key!.encrypt(row.text, spec.context(row.id)) }));
      await sql`
        UPDATE ${table} AS t SET ${clear} = NULL, ${sql.ref(`${spec.column}_enc`)} = v.enc
        FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb) AS v(id text, enc text)
        WHERE t.id = v.id AND ${sql.ref(`t.${spec.column}`)} IS NOT NULL`.execute(tx);
    },
  });
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

// ---- keyed search index ("blind index") for sealed names and e-mails ----

/**
 * HMAC-SHA256 under keys derived from the instance secret (and each previous secret, so a rotation does not lose
 * rows indexed before it); the keys live only in the process, never in the database. What it leaks: rows with the
 * same e-mail, or sharing a name token (or a token's prefix), carry the same HMAC, so someone with the table sees
 * equality and frequencies of tokens — never the tokens themselves without the secret.
 */
export interface BlindIndex {
  /** The e-mail's HMAC under the current key (what a write stores). */
  email(email: string): string;
  /** The e-mail's HMAC under every key (what a lookup matches). */
  emailLookups(email: string): string[];
  /** The name's token HMACs under the current key: every token and each of its prefixes from two letters. */
  nameTokens(name: string): string[];
  /** A search's tokens, one HMAC each, per key (a row matches when it holds all of one key's list). */
  searchTokens(query: string): string[][];
}

const indexKeys = new Map<string, Buffer>();
function indexKey(secret: string): Buffer {
  let key = indexKeys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), 'corridor:blind-index:v1', 32));
    indexKeys.set(secret, key);
  }
  return key;
}

/** E-mails compare case-insensitively (the old unique index compared the lower-cased, trimmed address). */
export const normaliseIndexedEmail = (email: string): string => email.trim().toLowerCase();

/** Name tokens: Unicode-normalised, accents and case folded, split on anything but letters and digits. */
export function nameTokensOf(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

/** Longest prefix indexed: longer search tokens are cut to it (a search still narrows, the index stays small). */
const MAX_INDEXED = 24;

export function blindIndex(config: { secretKey: string; previousSecretKeys: readonly string[] }): BlindIndex {
  const keys = [config.secretKey, ...config.previousSecretKeys].map(indexKey);
  const mac = (key: Buffer, kind: string, value: string) =>
    createHmac('sha256', key).update(`${kind}\u0000${value}`, 'utf8').digest('base64url');
  const current = keys[0]!;
  return {
    email: (e) => mac(current, 'email', normaliseIndexedEmail(e)),
    emailLookups: (e) => [...new Set(keys.map((k) => mac(k, 'email', normaliseIndexedEmail(e))))],
    nameTokens: (name) => {
      const out = new Set<string>();
      for (const t of nameTokensOf(name)) {
        const chars = [...t].slice(0, MAX_INDEXED);
        out.add(mac(current, 'name', chars.join('')));
        for (let n = 2; n < chars.length; n++) out.add(mac(current, 'name', chars.slice(0, n).join('')));
      }
      return [...out].sort();
    },
    searchTokens: (query) => {
      // Split only where a name splits (spaces, hyphens, apostrophes, dots, commas): any other sign stays in its
      // token, which then matches nothing, as `amina%` matched no name under the old LIKE search.
      const tokens = [
        ...new Set(
          query
            .normalize('NFKD')
            .replace(/\p{M}/gu, '')
            .toLowerCase()
            .split(/[\s\-'’.,]+/u)
            .filter((t) => t.length > 0)
            .map((t) => [...t].slice(0, MAX_INDEXED).join('')),
        ),
      ];
      return keys.map((k) => tokens.map((t) => mac(k, 'name', t)));
    },
  };
}

/** Opens a value sealed under a person's key from the wrapped key joined to its row (a page of a list). */
export function openWithWrapped(
  cipher: FieldCipher,
  subjectId: string,
  wrapped: string | null,
  enc: string | null,
  context: string,
): string | null {
  if (!enc || !wrapped) return null;
  return unwrapPersonKey(cipher, subjectId, wrapped).decrypt(enc, context);
}

/** Contexts of the sealed names and e-mails: each names the column and the row. */
export const sealedContext = {
  profileName: (id: string) => `profile.display_name:${id}`,
  userName: (id: string) => `app_user.name:${id}`,
  userEmail: (id: string) => `app_user.email:${id}`,
  invitationName: (id: string) => `invitation.name:${id}`,
  invitationEmail: (id: string) => `invitation.email:${id}`,
  /** A consent record's note (under the migrant's key). */
  consentNote: (id: string) => `consent.note:${id}`,
  /** A contact request's message (under the key of the person it is about). */
  contactMessage: (id: string) => `contact_request.message:${id}`,
  /** A profile's free text (titles, descriptions, institutions) as one JSON value. */
  profileFreeText: (id: string) => `profile.free_text:${id}`,
  /** A profile's ICLS migration status category (it says `international-protection` for a protected person). */
  statusCategory: (id: string) => `profile.status_category:${id}`,
};
