// Identity's writes as commands. Consent: a migrant gives and withdraws their own; an advisor of the organisation
// holding their record records it with them present (recorded_by says who).
import { Type } from '@sinclair/typebox';
import { canReachMigrant } from '../kernel/access.js';
import { clearLoginThrottle, setUserDisabled } from './auth.js';
import { getUser } from './directory.js';
import { accountEmail } from './sealed.js';
import { defineCommand, type CommandContext, type Decision } from '../kernel/command.js';
import { forbidden, invalid } from '../kernel/errors.js';
import type { DataSubject } from '../kernel/capability.js';
import { eraseSubject } from './data-rights.js';
import { CLOSED } from '../shared/typebox.js';
import { giveConsent, withdrawConsent, type Consent } from './consent.js';
import { ConsentInput } from './contract.js';
import { administerUser } from './account-commands.js';
import { sessionsEnded } from './writes.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const CONSENTERS = ['migrant', 'advisor', 'org_admin'] as const;

async function reachMigrant(ctx: CommandContext, input: { migrantId: string }): Promise<Decision> {
  return ctx.user ? canReachMigrant({ db: ctx.db, services: ctx.services, user: ctx.user }, input.migrantId) : true;
}

function consentChanged(ctx: CommandContext, consent: Consent, op: 'create' | 'update'): void {
  ctx.changed({
    entity: 'consent',
    id: consent.id,
    op,
    organisationId: consent.organisationId,
    subjectId: consent.migrantId,
  });
}

export const recordConsent = defineCommand({
  name: 'consents.give',
  roles: CONSENTERS,
  input: Type.Composite([Type.Object({ migrantId: Id }), ConsentInput], CLOSED),
  rule: reachMigrant,
  run: async (ctx, input) => {
    const org = await ctx.services.get('migrants').organisationOf(ctx.db, input.migrantId);
    if (!org) throw invalid('No such migrant', 'migrantId');
    const consent = await giveConsent(ctx, {
      migrantId: input.migrantId,
      organisationId: org,
      purpose: input.purpose,
      targetOrganisationId: input.organisationId ?? null,
      fieldScopes: input.fieldScopes ?? null,
      note: input.note ?? null,
    });
    consentChanged(ctx, consent, 'create');
    return consent;
  },
});

export const withdrawConsentCommand = defineCommand({
  name: 'consents.withdraw',
  roles: CONSENTERS,
  input: Type.Object({ migrantId: Id, consentId: Id }, CLOSED),
  rule: reachMigrant,
  run: async (ctx, input) => {
    const consent = await withdrawConsent(ctx, input.migrantId, input.consentId);
    consentChanged(ctx, consent, 'update');
    return consent;
  },
});

async function subjectOfMigrant(ctx: CommandContext, migrantId: string): Promise<DataSubject> {
  const directory = ctx.services.get('migrants');
  return {
    migrantId,
    userId: await directory.userIdForMigrant(ctx.db, migrantId),
    organisationId: await directory.organisationOf(ctx.db, migrantId),
  };
}

/** A migrant erases their own data and closes their account. Returns the counts and the tables to compact. */
export const eraseOwnData = defineCommand({
  name: 'identity.eraseSelf',
  roles: ['migrant'],
  input: Type.Object({ confirm: Type.Literal(true) }, CLOSED),
  run: async (ctx) => {
    if (!ctx.user) throw invalid('Only a signed-in person erases their own data', 'confirm');
    const migrantId = await ctx.services.get('migrants').migrantIdForUser(ctx.db, ctx.user.id);
    const subject = { migrantId, userId: ctx.user.id, organisationId: ctx.user.organisationId };
    return eraseSubject(ctx, subject, 'erasure requested by the data subject');
  },
});

/**
 * An org admin erases a migrant's data on their request. The free-text reason is not kept: it would outlive the
 * person in the audit log (and could name them); the entry says `erasure requested (organisation)`.
 */
export const eraseMigrantData = defineCommand({
  name: 'identity.eraseMigrant',
  roles: ['org_admin'],
  input: Type.Object(
    { migrantId: Id, confirm: Type.Literal(true), reason: Type.String({ minLength: 3, maxLength: 500 }) },
    CLOSED,
  ),
  rule: reachMigrant,
  run: async (ctx, input) => {
    const subject = await subjectOfMigrant(ctx, input.migrantId);
    if (ctx.user && subject.userId === ctx.user.id) throw forbidden('Use /me/erasure for your own account');
    return eraseSubject(ctx, subject, 'erasure requested (organisation)');
  },
});

const ADMINS = ['org_admin', 'platform_admin'] as const;

/** Disables an account (its sessions end at once) or enables it again. */
export const setUserDisabledCommand = defineCommand({
  name: 'identity.setUserDisabled',
  roles: ADMINS,
  input: Type.Object({ userId: Id, disabled: Type.Boolean() }, CLOSED),
  rule: administerUser,
  run: async (ctx, input) => {
    if (input.userId === ctx.user?.id) throw invalid('You cannot disable your own account', 'userId');
    sessionsEnded(ctx, await setUserDisabled(ctx.db, input.userId, input.disabled));
    ctx.audit({ action: 'update', entity: 'app_user', entityId: input.userId, fields: ['disabled_at'] });
    const user = (await getUser(ctx.db, ctx.cipher, input.userId, ctx.config.secretKey))!;
    ctx.changed({ entity: 'app_user', id: user.id, op: 'update', organisationId: user.organisationId });
    return user;
  },
});

/** Lifts an account's sign-in back-off at every address (and an old-style lock). */
export const unlockUserCommand = defineCommand({
  name: 'identity.unlockUser',
  roles: ADMINS,
  input: Type.Object({ userId: Id }, CLOSED),
  rule: administerUser,
  run: async (ctx, input) => {
    const target = await ctx.db
      .updateTable('app_user')
      .set({ failed_logins: 0, locked_until: null })
      .where('id', '=', input.userId)
      .returning(['organisation_id'])
      .executeTakeFirstOrThrow();
    const email = await accountEmail(ctx.db, ctx.cipher, input.userId);
    if (email) await clearLoginThrottle(ctx.db, ctx.config.secretKey, email);
    ctx.audit({ action: 'update', entity: 'app_user', entityId: input.userId, fields: ['locked_until'] });
    ctx.changed({ entity: 'app_user', id: input.userId, op: 'update', organisationId: target.organisation_id });
    return (await getUser(ctx.db, ctx.cipher, input.userId, ctx.config.secretKey))!;
  },
});
