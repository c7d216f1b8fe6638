// Organisations, invitations and password resets as commands. A one-time link's token leaves the command once, in
// its result; the route hands it over (and mails it after the commit). Such results are never kept for a replayed
// Idempotency-Key: the token is stored only hashed.
import { Type } from '@sinclair/typebox';
import { isOwnOrganisation } from '../kernel/access.js';
import { defineCommand, type CommandContext, type Decision } from '../kernel/command.js';
import { notFound } from '../kernel/errors.js';
import type { AuthUser } from '../kernel/auth.js';
import { CLOSED } from '../shared/typebox.js';
import { createSession, hashPassword } from './auth.js';
import { AcceptInvitationBody, InvitationBody, NewOrganisationBody, PasswordResetBody } from './contract.js';
import { createOrganisation, getOrganisation, getUser } from './directory.js';
import { acceptInvitation, invite, revokeInvitation } from './invitations.js';
import { ROLES } from './model.js';
import { completeReset, issueReset } from './password-reset.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const ADMINS = ['org_admin', 'platform_admin'] as const;

async function ownOrganisation(ctx: CommandContext, input: { organisationId: string }): Promise<Decision> {
  return ctx.user ? isOwnOrganisation({ user: ctx.user }, input.organisationId) : true;
}

/**
 * Account administration: own organisation only (404 otherwise), and an org admin may not act on a platform admin's
 * account (403), which would let them take it over.
 */
export async function administerUser(ctx: CommandContext, input: { userId: string }): Promise<Decision> {
  if (!ctx.user) return true;
  const target = await getUser(ctx.db, ctx.cipher, input.userId);
  if (!target) return 'not-found';
  const own = await isOwnOrganisation({ user: ctx.user }, target.organisationId);
  if (own !== true) return own;
  return target.role !== 'platform_admin' || ctx.user.role === 'platform_admin';
}

/** The inviter when the system invites (the command line's first platform admin): the platform itself. */
function inviterOf(ctx: CommandContext, organisationId: string): AuthUser {
  return ctx.user ?? { id: 'system', name: 'system', email: 'system@invalid', role: 'platform_admin', organisationId };
}

export const createOrganisationCommand = defineCommand({
  name: 'identity.createOrganisation',
  roles: ['platform_admin'],
  input: NewOrganisationBody,
  run: async (ctx, input) => {
    const org = await createOrganisation(ctx.db, input);
    ctx.audit({ action: 'create', entity: 'organisation', entityId: org.id, organisationId: org.id });
    ctx.changed({ entity: 'organisation', id: org.id, op: 'create', organisationId: org.id });
    return org;
  },
});

/** Invites someone into an organisation with a role; the result carries the one-time token and its link. */
export const inviteCommand = defineCommand({
  name: 'identity.invite',
  roles: ADMINS,
  input: Type.Composite([Type.Object({ organisationId: Id }), InvitationBody], CLOSED),
  rule: ownOrganisation,
  run: async (ctx, input) => {
    const organisation = await getOrganisation(ctx.db, input.organisationId);
    if (!organisation) throw notFound('No such organisation', 'organisationId');
    const made = await invite({ ...ctx, user: inviterOf(ctx, input.organisationId) }, input, ctx.now);
    return { ...made, acceptUrl: acceptUrlOf(ctx, made.token), organisationName: organisation.name };
  },
});

export const acceptUrlOf = (ctx: Pick<CommandContext, 'config'>, token: string) =>
  `${ctx.config.publicUrl}/invitation#${token}`;

export const revokeInvitationCommand = defineCommand({
  name: 'identity.revokeInvitation',
  roles: ADMINS,
  input: Type.Object({ organisationId: Id, invitationId: Id }, CLOSED),
  rule: ownOrganisation,
  run: async (ctx, input) => {
    await revokeInvitation(ctx, input.organisationId, input.invitationId);
    return null;
  },
});

/**
 * Accepts an invitation (public): the account, a migrant's record and the first session appear together or not at
 * all. The password is hashed before anything is read, so a wrong token costs the same.
 */
export const acceptInvitationCommand = defineCommand({
  name: 'identity.acceptInvitation',
  roles: ROLES,
  input: Type.Composite([AcceptInvitationBody, Type.Object({ userAgent: Type.Optional(Type.String()) })], CLOSED),
  run: async (ctx, input) => {
    const passwordHash = await hashPassword(input.password);
    const user = await acceptInvitation(ctx, { token: input.token, passwordHash, name: input.name }, ctx.now);
    if (user.role === 'migrant') {
      const migrantId = await ctx.services.get('migrants').ensureMigrantForUser(ctx.db, user);
      // Linked to the profile an advisor made, or a new one: followers read it again either way.
      const at = { organisationId: user.organisationId, subjectId: migrantId };
      ctx.changed({ entity: 'profile', id: migrantId, op: 'update', ...at });
    }
    const client = { ip: ctx.ip, userAgent: input.userAgent };
    const session = await createSession(ctx.db, user, ctx.config.sessionTtlHours, client, ctx.now);
    ctx.changed({ entity: 'user_session', id: session.sessionId, op: 'create', organisationId: user.organisationId });
    return { user, ...session };
  },
});

/** Issues a one-time password-reset link (24 h) for a user who forgot their password. */
export const requestPasswordResetCommand = defineCommand({
  name: 'identity.requestPasswordReset',
  roles: ADMINS,
  input: Type.Object({ userId: Id }, CLOSED),
  rule: administerUser,
  run: async (ctx, input) => {
    const target = await getUser(ctx.db, ctx.cipher, input.userId);
    if (!target) throw notFound('No such user', 'userId');
    const { token, expiresAt } = await issueReset(ctx, target, ctx.now);
    const resetUrl = `${ctx.config.publicUrl}/password-reset#${token}`;
    return { token, resetUrl, expiresAt, user: { name: target.name, email: target.email } };
  },
});

/** Sets a new password with a reset link (public): lifts a lock-out and ends every session of the account. */
export const completePasswordResetCommand = defineCommand({
  name: 'identity.completePasswordReset',
  roles: ROLES,
  input: PasswordResetBody,
  run: async (ctx, input) => {
    await completeReset(ctx, { token: input.token, passwordHash: await hashPassword(input.password) }, ctx.now);
    return null;
  },
});
