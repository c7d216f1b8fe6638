// Consent, per migrant and purpose. A record is given at a time by someone (the migrant or an advisor on their
// behalf) and stays in force until withdrawn; withdrawal is immediate because every check reads the table. The
// free-text note is sealed under the migrant's key (erasure shreds it); the checks never open it.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { ConsentTable } from './schema.js';
import type { Database } from '../db/schema.js';
import { DomainError, invalid, conflict, notFound } from '../kernel/errors.js';
import { audit, type AuditContext } from '../kernel/audit.js';
import { findPersonCipher, personCipher, sealedContext, sealMigrantText } from '../kernel/person-keys.js';
import type { FieldCipher } from '../shared/crypto.js';
import { CONSENT_PURPOSES, type ConsentPurpose } from './model.js';
import { TARGETED_PURPOSES } from '../shared/vocabulary.js';
import { auditReason } from '../shared/audit-reasons.js';

export interface Consent {
  id: string;
  migrantId: string;
  organisationId: string;
  purpose: ConsentPurpose;
  targetOrganisationId: string | null;
  fieldScopes: string[] | null;
  /**
   * Opened by the reads that show it (listConsents, give, withdraw); null in the checks (activeConsent…) and once
   * the migrant's key is gone.
   */
  note: string | null;
  givenAt: string;
  recordedBy: string;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
}

export interface NewConsent {
  migrantId: string;
  /** Organisation holding the migrant's record. */
  organisationId: string;
  purpose: ConsentPurpose;
  /** Required for share_with_organisation, refused otherwise. */
  targetOrganisationId?: string | null;
  /** Employer-sharing field scopes (matching_with_employers / share_with_organisation). */
  fieldScopes?: string[] | null;
  note?: string | null;
}

/** What writes a consent: the audit context and the instance cipher (it opens the migrant's key for the note). */
export type ConsentContext = AuditContext & { cipher?: FieldCipher };

const noteContext = sealedContext.consentNote;

/** A row's note: the clear one of a row not sealed yet, else opened with the migrant's key (null when it is gone). */
function openNote(r: Pick<ConsentRow, 'id' | 'note' | 'note_enc'>, key: FieldCipher | null): string | null {
  if (r.note_enc === null) return r.note;
  return key ? key.decrypt(r.note_enc, noteContext(r.id)) : null;
}

type ConsentRow = Selectable<ConsentTable>;

/** The row as a Consent; the note only when `key` is given (a check does not open it). */
function toConsent(r: ConsentRow, key: FieldCipher | null = null): Consent {
  return {
    id: r.id,
    migrantId: r.migrant_id,
    organisationId: r.organisation_id,
    purpose: r.purpose as ConsentPurpose,
    targetOrganisationId: r.target_organisation_id,
    fieldScopes: r.field_scopes ?? null,
    note: openNote(r, key),
    givenAt: new Date(r.given_at).toISOString(),
    recordedBy: r.recorded_by,
    withdrawnAt: r.withdrawn_at ? new Date(r.withdrawn_at).toISOString() : null,
    withdrawnBy: r.withdrawn_by,
  };
}

/** Records consent; an identical active consent is replaced so there is one active record per purpose/target. */
export async function giveConsent(ctx: ConsentContext, input: NewConsent): Promise<Consent> {
  if (!CONSENT_PURPOSES.includes(input.purpose)) throw invalid('Unknown consent purpose', 'purpose');
  const target = input.targetOrganisationId ?? null;
  const targeted = TARGETED_PURPOSES.includes(input.purpose);
  if (targeted && !target) throw invalid('Name the organisation to share with', 'organisationId');
  if (!targeted && target) {
    throw invalid('Only share_with_organisation and recognition_referral name an organisation', 'organisationId');
  }
  if (input.fieldScopes && !['matching_with_employers', 'share_with_organisation'].includes(input.purpose)) {
    throw invalid('Field scopes apply to employer and organisation sharing only', 'fieldScopes');
  }
  if (target) {
    const org = await ctx.db.selectFrom('organisation').select('id').where('id', '=', target).executeTakeFirst();
    if (!org) throw invalid('No such organisation', 'organisationId');
  }
  if (!ctx.user) throw new Error('giveConsent needs an actor');
  const now = new Date();
  // Supersede the active record for the same purpose/target, so "current consent" is unambiguous.
  await withdrawActive(ctx, input.migrantId, input.purpose, target, now);
  const id = randomUUID();
  const scopes = input.fieldScopes ? [...new Set(input.fieldScopes)].sort() : null;
  const note = input.note || null;
  if (note && !ctx.cipher) throw new DomainError('internal', 'person_key', 'a consent note needs the instance key');
  const noteEnc =
    note && ctx.cipher
      ? (await personCipher(ctx.db, ctx.cipher, input.migrantId, input.organisationId)).encrypt(note, noteContext(id))
      : null;
  await ctx.db
    .insertInto('consent')
    .values({
      id,
      organisation_id: input.organisationId,
      migrant_id: input.migrantId,
      purpose: input.purpose,
      target_organisation_id: target,
      field_scopes: scopes ? JSON.stringify(scopes) : null,
      // Only the ciphertext is stored.
      note: null,
      note_enc: noteEnc,
      given_at: now,
      recorded_by: ctx.user.id,
    })
    .execute();
  await audit(ctx, {
    action: 'create',
    entity: 'consent',
    entityId: id,
    organisationId: input.organisationId,
    reason: auditReason('consentGiven', { purpose: input.purpose, person: input.migrantId }),
  });
  return {
    id,
    migrantId: input.migrantId,
    organisationId: input.organisationId,
    purpose: input.purpose,
    targetOrganisationId: target,
    fieldScopes: scopes,
    note,
    givenAt: now.toISOString(),
    recordedBy: ctx.user.id,
    withdrawnAt: null,
    withdrawnBy: null,
  };
}

async function withdrawActive(
  ctx: AuditContext,
  migrantId: string,
  purpose: ConsentPurpose,
  target: string | null,
  now: Date,
): Promise<void> {
  let q = ctx.db
    .updateTable('consent')
    .set({ withdrawn_at: now, withdrawn_by: ctx.user?.id ?? null })
    .where('migrant_id', '=', migrantId)
    .where('purpose', '=', purpose)
    .where('withdrawn_at', 'is', null);
  q = target ? q.where('target_organisation_id', '=', target) : q.where('target_organisation_id', 'is', null);
  await q.execute();
}

/** Withdraws one consent record; effective for every later check. */
export async function withdrawConsent(ctx: ConsentContext, migrantId: string, consentId: string): Promise<Consent> {
  const row = await ctx.db
    .selectFrom('consent')
    .selectAll()
    .where('id', '=', consentId)
    .where('migrant_id', '=', migrantId)
    .executeTakeFirst();
  if (!row) throw notFound('No such consent', 'consentId');
  if (row.withdrawn_at) throw conflict('Consent was already withdrawn', 'consentId', 'already_withdrawn');
  const now = new Date();
  await ctx.db
    .updateTable('consent')
    .set({ withdrawn_at: now, withdrawn_by: ctx.user?.id ?? null })
    .where('id', '=', consentId)
    .where('withdrawn_at', 'is', null)
    .execute();
  await audit(ctx, {
    action: 'update',
    entity: 'consent',
    entityId: consentId,
    organisationId: row.organisation_id,
    fields: ['withdrawn_at'],
    reason: auditReason('consentWithdrawn', { purpose: row.purpose }),
  });
  const key = row.note_enc && ctx.cipher ? await findPersonCipher(ctx.db, ctx.cipher, migrantId) : null;
  return toConsent({ ...row, withdrawn_at: now, withdrawn_by: ctx.user?.id ?? null }, key);
}

/** A migrant's consent records with their notes opened (the migrant's key is read once). */
export async function listConsents(db: Kysely<Database>, cipher: FieldCipher, migrantId: string): Promise<Consent[]> {
  const rows = await db
    .selectFrom('consent')
    .selectAll()
    .where('migrant_id', '=', migrantId)
    .orderBy('given_at', 'desc')
    .orderBy('id')
    .execute();
  const key = rows.some((r) => r.note_enc !== null) ? await findPersonCipher(db, cipher, migrantId) : null;
  return rows.map((r) => toConsent(r, key));
}

export interface ConsentCheck {
  /** For share_with_organisation: the organisation the data would go to. */
  organisationId?: string;
}

/**
 * Whether the migrant's consent for the purpose is in force now. Other capabilities call this before profiling,
 * showing a profile to employers, sharing with an organisation or counting someone in statistics.
 */
export async function hasConsent(
  db: Kysely<Database>,
  migrantId: string,
  purpose: ConsentPurpose,
  options: ConsentCheck = {},
): Promise<boolean> {
  return (await activeConsent(db, migrantId, purpose, options)) !== null;
}

/** The consent in force (with its field scopes), or null. */
export async function activeConsent(
  db: Kysely<Database>,
  migrantId: string,
  purpose: ConsentPurpose,
  options: ConsentCheck = {},
): Promise<Consent | null> {
  if (TARGETED_PURPOSES.includes(purpose) && !options.organisationId) {
    throw new Error(`hasConsent(${purpose}) needs the receiving organisationId`);
  }
  let q = db
    .selectFrom('consent')
    .selectAll()
    .where('migrant_id', '=', migrantId)
    .where('purpose', '=', purpose)
    .where('withdrawn_at', 'is', null);
  if (TARGETED_PURPOSES.includes(purpose)) q = q.where('target_organisation_id', '=', options.organisationId!);
  const row = await q.orderBy('given_at', 'desc').executeTakeFirst();
  return row ? toConsent(row) : null;
}

/** Per migrant, per purpose: the consent in force (absent when none). */
export type ActiveConsents = Map<string, Partial<Record<ConsentPurpose, Consent>>>;

/**
 * `activeConsent` for many migrants and purposes in one query (e.g. a page of candidates): per migrant and purpose
 * the same record `activeConsent(db, migrantId, purpose, options)` returns. Reads the table on every call, like
 * `activeConsent`, so a withdrawal is effective for the next call.
 */
export async function activeConsents(
  db: Kysely<Database>,
  migrantIds: readonly string[],
  purposes: readonly ConsentPurpose[],
  options: ConsentCheck = {},
): Promise<ActiveConsents> {
  const out: ActiveConsents = new Map();
  const shared = purposes.includes('share_with_organisation');
  if (shared && !options.organisationId) {
    throw new Error('activeConsents(share_with_organisation) needs the receiving organisationId');
  }
  const plain = purposes.filter((p) => p !== 'share_with_organisation');
  const ids = [...new Set(migrantIds)];
  if (ids.length === 0 || purposes.length === 0) return out;
  const rows = await db
    .selectFrom('consent')
    .selectAll()
    .where('migrant_id', 'in', ids)
    .where('withdrawn_at', 'is', null)
    .where((eb) =>
      eb.or([
        ...(plain.length ? [eb('purpose', 'in', plain)] : []),
        ...(shared
          ? [
              eb.and([
                eb('purpose', '=', 'share_with_organisation'),
                eb('target_organisation_id', '=', options.organisationId!),
              ]),
            ]
          : []),
      ]),
    )
    // Newest first, as activeConsent picks; id breaks ties so the choice does not depend on the plan.
    .orderBy('given_at', 'desc')
    .orderBy('id')
    .execute();
  for (const row of rows) {
    const purpose = row.purpose as ConsentPurpose;
    let held = out.get(row.migrant_id);
    if (!held) out.set(row.migrant_id, (held = {}));
    if (!held[purpose]) held[purpose] = toConsent(row);
  }
  return out;
}

/** Erasure: consent records are personal data; they go with the rest (the audit log keeps the history). */
export async function eraseConsents(db: Kysely<Database>, migrantId: string): Promise<string[]> {
  const gone = await db.deleteFrom('consent').where('migrant_id', '=', migrantId).returning('id').execute();
  return gone.map((r) => r.id);
}

/**
 * Seals the notes of consents written before migration 0196 (or without the instance key): each goes under its
 * migrant's key and the clear column is set to NULL. A migration has no key, so `corridor serve` runs this before
 * listening (then compacts the table); a partial index finds what is left. Returns the rows sealed.
 */
export function sealLegacyConsentNotes(db: Kysely<Database>, cipher: FieldCipher, batchSize = 2000): Promise<number> {
  return sealMigrantText(db, cipher, { table: 'consent', column: 'note', context: noteContext }, batchSize);
}
