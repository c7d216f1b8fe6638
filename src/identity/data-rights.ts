// Data-subject rights: export everything Corridor holds about a person, and erase it. Each capability contributes
// through the registry (CapabilityRegistry.personalData); this module runs them all.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { DataSubject, PersonalDataContributor, Services } from '../kernel/capability.js';
import type { FieldCipher } from '../shared/crypto.js';
import { audit, type AuditContext, type AuditEntry } from '../kernel/audit.js';
import { destroyPersonKey } from '../kernel/person-keys.js';
import { appendChanges, collapseChanges, type Change } from '../kernel/changes.js';
import { eraseConsents, listConsents } from './consent.js';
import { accountEmail, deleteInvitations, emailIs, openNameEmail } from './sealed.js';
import { auditReason } from '../shared/audit-reasons.js';

export interface SubjectContext extends AuditContext {
  cipher: FieldCipher;
  services: Services;
}

export interface PersonalDataExport {
  exportedAt: string;
  subject: DataSubject;
  sections: Record<string, unknown>;
}

export async function exportPersonalData(ctx: SubjectContext, subject: DataSubject): Promise<PersonalDataExport> {
  const sections: Record<string, unknown> = {};
  const self = !!ctx.user && ctx.user.id === subject.userId;
  const contributors = ctx.services.get('personalData').contributors;
  for (const c of contributors) {
    sections[c.name] = await c.exportPersonalData({
      db: ctx.db,
      subject,
      cipher: ctx.cipher,
      services: ctx.services,
      self,
      changed: () => {
        throw new Error('an export changes nothing');
      },
    });
  }
  await audit(ctx, {
    action: 'export',
    entity: subject.migrantId ? 'migrant' : 'app_user',
    entityId: subject.migrantId ?? subject.userId,
    organisationId: subject.organisationId,
    fields: contributors.flatMap((c) => c.sensitiveFields ?? []),
    reason: auditReason('accessRequest'),
  });
  return { exportedAt: new Date().toISOString(), subject, sections };
}

/** What an erasure needs: the transaction, and where its audit and change entries go (a command context fits). */
export interface ErasureContext {
  db: Kysely<Database>;
  cipher: FieldCipher;
  services: Services;
  audit(entry: AuditEntry): void | Promise<void>;
  changed(change: Change): void;
}

/** Tables identity and the kernel rewrite on every erasure (compacted afterwards). */
const IDENTITY_TABLES = [
  'app_user',
  'user_session',
  'password_reset',
  'invitation',
  'consent',
  'idempotency_key',
  'person_key',
];

/**
 * Erases inside the caller's transaction (the erase commands'): every erasure participant, then every contributor
 * in reverse registration order (so identity, registered first, closes the account last), then the person's data
 * keys (crypto-shredding) and any stored replay of a request about them. Returns the counts and the tables touched,
 * which the caller compacts after commit (compactTables).
 */
export async function eraseSubject(
  ctx: ErasureContext,
  subject: DataSubject,
  reason: string,
): Promise<{ counts: Record<string, number>; tables: string[] }> {
  const registered = ctx.services.get('personalData');
  const counts: Record<string, number> = {};
  const tables = new Set(IDENTITY_TABLES);
  const pdc = { db: ctx.db, subject, cipher: ctx.cipher, services: ctx.services, changed: ctx.changed };
  for (const p of registered.participants ?? []) {
    counts[p.name] = (await p.erase(pdc)).erased;
    for (const t of p.tables) tables.add(t);
  }
  for (const c of [...registered.contributors].reverse()) {
    counts[c.name] = (await c.erasePersonalData(pdc)).erased;
    for (const t of c.tables ?? []) tables.add(t);
  }
  const ids = [subject.migrantId, subject.userId].filter((x): x is string => !!x);
  for (const id of ids) await destroyPersonKey(ctx.db, id);
  if (ids.length) {
    // A stored answer for an idempotent retry can hold the person's record (a profile create returns it whole).
    await ctx.db
      .deleteFrom('idempotency_key')
      .where((eb) => eb.or(ids.map((id) => eb(sql`response::text`, 'like', `%${id}%`))))
      .execute();
  }
  // The audit entry names the record id only; the log itself holds no personal fields.
  await ctx.audit({
    action: 'erase',
    entity: subject.migrantId ? 'migrant' : 'app_user',
    entityId: subject.migrantId ?? subject.userId,
    organisationId: subject.organisationId,
    reason,
  });
  return { counts, tables: [...tables] };
}

/**
 * Erases in one transaction: either everything erased or nothing changed (for callers outside a command, e.g.
 * tests and the CLI). Does not compact; see compactTables.
 */
export async function erasePersonalData(
  ctx: SubjectContext,
  subject: DataSubject,
  reason: string,
): Promise<Record<string, number>> {
  const run = async (db: Kysely<Database>) => {
    const changes: Change[] = [];
    const { counts } = await eraseSubject(
      {
        db,
        cipher: ctx.cipher,
        services: ctx.services,
        audit: (entry) => audit({ ...ctx, db }, entry),
        changed: (c) => void changes.push(c),
      },
      subject,
      reason,
    );
    // Followers (the matching index, statistics) drop the person with the same commit.
    await appendChanges(db, collapseChanges(changes));
    return counts;
  };
  return ctx.db.isTransaction ? run(ctx.db) : ctx.db.transaction().execute(run);
}

/** Identity's own contribution: the account, sessions and consent records. */
export const identityPersonalData: PersonalDataContributor = {
  name: 'identity',
  async exportPersonalData({ db, subject, self, cipher }) {
    const row = subject.userId
      ? await db
          .selectFrom('app_user as u')
          .leftJoin('person_key as k', 'k.subject_id', 'u.id')
          .select([
            'u.id',
            'u.email',
            'u.name',
            'u.email_enc',
            'u.name_enc',
            'k.wrapped',
            'u.role',
            'u.organisation_id',
            'u.totp_enabled',
            'u.created_at',
          ])
          .where('u.id', '=', subject.userId)
          .executeTakeFirst()
      : undefined;
    const account = row ? { ...row, ...openNameEmail(cipher, 'app_user', row) } : undefined;
    // Where and on what a person signs in is their account's security data: in their own export only.
    const sessions =
      subject.userId && self
        ? await db
            .selectFrom('user_session')
            .select(['created_at', 'expires_at', 'ip', 'user_agent'])
            .where('user_id', '=', subject.userId)
            .execute()
        : [];
    return {
      account: account
        ? {
            id: account.id,
            email: account.email,
            name: account.name,
            role: account.role,
            organisationId: account.organisation_id,
            twoStepSignIn: account.totp_enabled,
            createdAt: new Date(account.created_at).toISOString(),
          }
        : null,
      sessions: sessions.map((s) => ({
        createdAt: new Date(s.created_at).toISOString(),
        expiresAt: new Date(s.expires_at).toISOString(),
        ip: s.ip,
        userAgent: s.user_agent,
      })),
      consents: subject.migrantId ? await listConsents(db, cipher, subject.migrantId) : [],
    };
  },
  async erasePersonalData({ db, subject, changed, cipher, services }) {
    let erased = 0;
    if (subject.migrantId) {
      for (const id of await eraseConsents(db, subject.migrantId)) {
        changed({
          entity: 'consent',
          id,
          op: 'delete',
          organisationId: subject.organisationId,
          subjectId: subject.migrantId,
        });
        erased++;
      }
    }
    if (subject.userId) {
      const email = await accountEmail(db, cipher, subject.userId);
      // Every invitation sent to the person's address, accepted or not (a second invitation keeps name and email),
      // found by the address's keyed index (or in clear, not sealed yet); their keys go with them.
      const sent = await db
        .selectFrom('invitation')
        .select('id')
        .where((eb) =>
          eb.or([
            eb('accepted_user_id', '=', subject.userId),
            ...(email ? [emailIs(services.has('accountSeal') ? services.get('accountSeal') : null, email)] : []),
          ]),
        )
        .execute();
      await deleteInvitations(
        db,
        sent.map((i) => i.id),
      );
      await db.deleteFrom('user_session').where('user_id', '=', subject.userId).execute();
      await db.deleteFrom('password_reset').where('user_id', '=', subject.userId).execute();
      // The row stays (audit entries and records point at its id) but holds nothing personal and cannot sign in;
      // the account's key is destroyed with the person's (eraseSubject), so old copies of its sealed name and
      // e-mail stay unreadable.
      const res = await db
        .updateTable('app_user')
        .set({
          email: null,
          email_enc: null,
          name_enc: null,
          email_index: null,
          name: 'Erased user',
          password_hash: null,
          totp_secret: null,
          totp_enabled: false,
          disabled_at: new Date(),
          updated_at: new Date(),
        })
        .where('id', '=', subject.userId)
        .executeTakeFirst();
      erased += Number(res.numUpdatedRows);
    }
    return { erased };
  },
};
