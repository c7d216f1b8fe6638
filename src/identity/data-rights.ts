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
    reason: 'data subject access request',
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
  async exportPersonalData({ db, subject, self }) {
    const account = subject.userId
      ? await db
          .selectFrom('app_user')
          .select(['id', 'email', 'name', 'role', 'organisation_id', 'totp_enabled', 'created_at'])
          .where('id', '=', subject.userId)
          .executeTakeFirst()
      : undefined;
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
      consents: subject.migrantId ? await listConsents(db, subject.migrantId) : [],
    };
  },
  async erasePersonalData({ db, subject, changed }) {
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
      const account = await db
        .selectFrom('app_user')
        .select(['email', 'organisation_id'])
        .where('id', '=', subject.userId)
        .executeTakeFirst();
      if (account) {
        // Every invitation sent to the person's address, accepted or not (a second invitation keeps name and email).
        await db
          .deleteFrom('invitation')
          .where(sql<boolean>`lower(email) = lower(${account.email})`)
          .execute();
      }
      await db.deleteFrom('user_session').where('user_id', '=', subject.userId).execute();
      await db.deleteFrom('password_reset').where('user_id', '=', subject.userId).execute();
      await db.deleteFrom('invitation').where('accepted_user_id', '=', subject.userId).execute();
      // The row stays (audit entries and records point at its id) but holds nothing personal and cannot sign in.
      const res = await db
        .updateTable('app_user')
        .set({
          email: `erased-${subject.userId}@invalid`,
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
