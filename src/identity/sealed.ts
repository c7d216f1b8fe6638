// Names and e-mails of accounts and invitations, sealed (issue 11): each under its own data key (the account's key,
// subject = the user id, destroyed at erasure; an invitation's key, subject = the invitation id, destroyed when it
// is deleted), found by the keyed search index of the e-mail (kernel/person-keys.ts blindIndex), never in clear.
// Rows written without the keys (before migration 0195, or by code that has no instance key: CLI fixtures, a bulk
// load) keep them in clear until `corridor serve` seals them (sealLegacyAccounts); every read takes both.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import {
  blindIndex,
  destroyPersonKey,
  ensurePersonCiphers,
  normaliseIndexedEmail,
  openWithWrapped,
  personCipher,
  sealedContext,
  type BlindIndex,
} from '../kernel/person-keys.js';
import type { Config } from '../shared/config.js';
import type { FieldCipher } from '../shared/crypto.js';

type Db = Kysely<Database>;

declare module '../kernel/capability.js' {
  interface ServiceMap {
    /** Seals and finds names and e-mails (identity provides it): for code outside a request, e.g. the demo. */
    accountSeal: AccountSeal;
  }
}

/** What seals and finds names and e-mails: the instance cipher (it wraps the keys) and the blind index. */
export interface AccountSeal {
  cipher: FieldCipher;
  index: BlindIndex;
}

/** The seal of a command's or request's context; null when it has no instance key (a CLI fixture). */
export function accountSeal(ctx: {
  cipher?: FieldCipher;
  config?: Pick<Config, 'secretKey' | 'previousSecretKeys'>;
}): AccountSeal | null {
  return ctx.cipher && ctx.config ? { cipher: ctx.cipher, index: blindIndex(ctx.config) } : null;
}

type Table = 'app_user' | 'invitation';

/** Rows (of an unaliased table) with this e-mail: sealed, by any key's index, or in clear (not sealed yet). */
export function emailIs(seal: AccountSeal | null, email: string) {
  const clear = normaliseIndexedEmail(email);
  if (!seal) return sql<boolean>`email = ${clear}`;
  const lookups = seal.index.emailLookups(email);
  return sql<boolean>`(email = ${clear} OR email_index IN (${sql.join(lookups)}))`;
}

/** Whether an account holds this e-mail (sealed or not). */
export async function accountWithEmail(db: Db, seal: AccountSeal | null, email: string): Promise<string | null> {
  const row = await db.selectFrom('app_user').select('id').where(emailIs(seal, email)).executeTakeFirst();
  return row?.id ?? null;
}

const contexts = {
  app_user: { name: sealedContext.userName, email: sealedContext.userEmail },
  invitation: { name: sealedContext.invitationName, email: sealedContext.invitationEmail },
};

/**
 * The columns that hold a name and e-mail: sealed under the row's own key (created now) when there is a seal, in
 * clear otherwise (sealed at the next start).
 */
export async function nameEmailColumns(
  db: Db,
  seal: AccountSeal | null,
  table: Table,
  row: { id: string; organisationId: string | null; name: string; email: string },
) {
  const email = normaliseIndexedEmail(row.email);
  if (!seal) return { name: row.name, email, name_enc: null, email_enc: null, email_index: null };
  const key = await personCipher(db, seal.cipher, row.id, row.organisationId);
  return {
    name: '',
    email: null,
    name_enc: key.encrypt(row.name, contexts[table].name(row.id)),
    email_enc: key.encrypt(email, contexts[table].email(row.id)),
    email_index: seal.index.email(email),
  };
}

/** A row's name and e-mail as stored columns joined to its wrapped key (`wrapped`): opened, or the clear ones. */
export interface SealedNameRow {
  id: string;
  name: string;
  email: string | null;
  name_enc: string | null;
  email_enc: string | null;
  wrapped: string | null;
}

export function openNameEmail(cipher: FieldCipher, table: Table, row: SealedNameRow): { name: string; email: string } {
  return {
    name: row.name_enc
      ? (openWithWrapped(cipher, row.id, row.wrapped, row.name_enc, contexts[table].name(row.id)) ?? '')
      : row.name,
    email: row.email_enc
      ? (openWithWrapped(cipher, row.id, row.wrapped, row.email_enc, contexts[table].email(row.id)) ?? '')
      : (row.email ?? ''),
  };
}

/** The wrapped key of a row (an account, an invitation), to open its sealed values. */
export async function wrappedKeyOf(db: Db, subjectId: string): Promise<string | null> {
  const row = await db
    .selectFrom('person_key')
    .select('wrapped')
    .where('subject_id', '=', subjectId)
    .executeTakeFirst();
  return row?.wrapped ?? null;
}

/** Accounts' names (one query, keys joined): for lists that show who does what (staff, a case's lead). */
export async function accountNames(db: Db, cipher: FieldCipher, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('app_user as u')
    .leftJoin('person_key as k', 'k.subject_id', 'u.id')
    .select(['u.id', 'u.name', 'u.email', 'u.name_enc', 'u.email_enc', 'k.wrapped'])
    .where('u.id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, openNameEmail(cipher, 'app_user', { ...r, email_enc: null }).name]));
}

/** One account's e-mail, opened ('' when erased); null when there is no such account. */
export async function accountEmail(db: Db, cipher: FieldCipher, id: string): Promise<string | null> {
  const row = await db
    .selectFrom('app_user as u')
    .leftJoin('person_key as k', 'k.subject_id', 'u.id')
    .select(['u.id', 'u.name', 'u.email', 'u.name_enc', 'u.email_enc', 'k.wrapped', 'u.disabled_at'])
    .where('u.id', '=', id)
    .executeTakeFirst();
  return row ? openNameEmail(cipher, 'app_user', { ...row, name_enc: null }).email : null;
}

/** Deletes invitations and destroys their keys (an invitation's name and e-mail die with it). */
export async function deleteInvitations(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .deleteFrom('invitation')
    .where('id', 'in', [...ids])
    .execute();
  for (const id of ids) await destroyPersonKey(db, id);
}

/**
 * Seals the names and e-mails of accounts and invitations left in clear (written before migration 0195, or without
 * the instance key): each under its row's key, with its e-mail's index; the clear columns are emptied. Run by
 * `corridor serve` before listening (a migration has no key), batch by batch; a partial index finds what is left.
 * An erased account (no personal value left) only loses its placeholder address. Returns the rows sealed.
 */
export async function sealLegacyAccounts(db: Db, seal: AccountSeal, batchSize = 2000): Promise<number> {
  let sealed = 0;
  let skipped = 0;
  for (const table of ['app_user', 'invitation'] as const) {
    let after = '';
    for (;;) {
      const rows = await db
        .selectFrom(table)
        .select(['id', 'organisation_id', 'name', 'email'])
        .where('email', 'is not', null)
        .where('id', '>', after)
        .orderBy('id')
        .limit(batchSize)
        .execute();
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!.id;
      const erased = (r: (typeof rows)[number]) => table === 'app_user' && r.email === `erased-${r.id}@invalid`;
      await db.transaction().execute(async (tx) => {
        const keys = await ensurePersonCiphers(
          tx,
          seal.cipher,
          rows.filter((r) => !erased(r)).map((r) => ({ subjectId: r.id, organisationId: r.organisation_id })),
        );
        const all = rows.map((r) => {
          const key = keys.get(r.id);
          if (erased(r) || !key) return { id: r.id, name: r.name, name_enc: null, email_enc: null, email_index: null };
          const email = normaliseIndexedEmail(r.email!);
          return {
            id: r.id,
            name: '',
            name_enc: key.encrypt(r.name, contexts[table].name(r.id)),
            email_enc: key.encrypt(email, contexts[table].email(r.id)),
            email_index: seal.index.email(email),
          };
        });
        // Code without the instance key cannot see a sealed account's address, so it may have made a second account
        // with it: that one stays in clear (and is counted as left) rather than stopping the start on the unique
        // index. An operator removes or renames it.
        const values = table === 'app_user' ? await withoutTakenIndex(tx, all) : all;
        skipped += all.length - values.length;
        // One statement per batch; a row a writer sealed meanwhile (its clear e-mail emptied) is left alone.
        await sql`
          UPDATE ${sql.table(table)} t SET email = NULL, name = v.name, name_enc = v.name_enc,
            email_enc = v.email_enc, email_index = v.email_index
          FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
            AS v(id text, name text, name_enc text, email_enc text, email_index text)
          WHERE t.id = v.id AND t.email IS NOT NULL`.execute(tx);
      });
      sealed += rows.length;
    }
  }
  return sealed - skipped;
}

/** Rows whose e-mail index no account holds yet (nor an earlier row of the same batch). */
async function withoutTakenIndex<T extends { email_index: string | null }>(db: Db, rows: T[]): Promise<T[]> {
  const wanted = rows.flatMap((r) => (r.email_index ? [r.email_index] : []));
  if (wanted.length === 0) return rows;
  const taken = new Set(
    (await db.selectFrom('app_user').select('email_index').where('email_index', 'in', wanted).execute()).map(
      (r) => r.email_index,
    ),
  );
  return rows.filter((r) => {
    if (!r.email_index) return true;
    if (taken.has(r.email_index)) return false;
    taken.add(r.email_index);
    return true;
  });
}
