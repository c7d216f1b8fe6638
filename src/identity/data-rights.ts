// Data-subject rights: export everything Corridor holds about a person, and erase it. Each capability contributes
// through the registry (CapabilityRegistry.personalData); this module runs them all.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { DataSubject, PersonalDataContributor, Services } from '../kernel/capability.js';
import type { FieldCipher } from '../shared/crypto.js';
import { audit, type AuditContext } from '../kernel/audit.js';
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
  for (const c of ctx.services.get('personalData').contributors) {
    sections[c.name] = await c.exportPersonalData({
      db: ctx.db,
      subject,
      cipher: ctx.cipher,
      services: ctx.services,
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
    reason: 'data subject access request',
  });
  return { exportedAt: new Date().toISOString(), subject, sections };
}

/**
 * Erases in one transaction: either every contributor erased or nothing changed. Contributors run in reverse
 * registration order, so identity (registered first) removes the account last.
 */
export async function erasePersonalData(
  ctx: SubjectContext,
  subject: DataSubject,
  reason: string,
): Promise<Record<string, number>> {
  const contributors = [...ctx.services.get('personalData').contributors].reverse();
  const run = async (db: Kysely<Database>) => {
    const counts: Record<string, number> = {};
    const changes: Change[] = [];
    const changed = (change: Change) => void changes.push(change);
    for (const c of contributors) {
      counts[c.name] = (
        await c.erasePersonalData({ db, subject, cipher: ctx.cipher, services: ctx.services, changed })
      ).erased;
    }
    // Followers (the matching index, statistics) drop the person with the same commit.
    await appendChanges(db, collapseChanges(changes));
    // The audit entry names the record id only; the log itself holds no personal fields.
    await audit(
      { ...ctx, db },
      {
        action: 'erase',
        entity: subject.migrantId ? 'migrant' : 'app_user',
        entityId: subject.migrantId ?? subject.userId,
        organisationId: subject.organisationId,
        reason,
      },
    );
    return counts;
  };
  return ctx.db.isTransaction ? run(ctx.db) : ctx.db.transaction().execute(run);
}

/** Identity's own contribution: the account, sessions and consent records. */
export const identityPersonalData: PersonalDataContributor = {
  name: 'identity',
  async exportPersonalData({ db, subject }) {
    const account = subject.userId
      ? await db
          .selectFrom('app_user')
          .select(['id', 'email', 'name', 'role', 'organisation_id', 'totp_enabled', 'created_at'])
          .where('id', '=', subject.userId)
          .executeTakeFirst()
      : undefined;
    const sessions = subject.userId
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
