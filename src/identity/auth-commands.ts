// Sign-in, sessions, two-step sign-in and passwords as commands. The HTTP edge keeps only what is HTTP: the session
// cookie, the CSRF token and the request's client address and user agent.
import { Type } from '@sinclair/typebox';
import { defineCommand, type CommandContext } from '../kernel/command.js';
import { unauthenticated } from '../kernel/errors.js';
import type { AuthUser } from '../kernel/auth.js';
import { CLOSED } from '../shared/typebox.js';
import {
  changePassword,
  checkCurrentPassword,
  confirmTotp,
  disableTotp,
  endSessions,
  enrolTotp,
  login,
  type LoginOutcome,
  type LoginResult,
} from './auth.js';
import { LoginBody, PasswordBody, PasswordChangeBody, TotpConfirmBody } from './contract.js';
import { ROLES } from './model.js';
import { sessionsEnded } from './writes.js';
import { auditReason } from '../shared/audit-reasons.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
/** The session the request came with (null: a bearer of no cookie session). */
const CurrentSession = Type.Union([Id, Type.Null()]);
/** The client's user agent, kept with the session so its owner can tell their devices apart (cut to 300). */
const UserAgent = Type.Optional(Type.String());

/** The signed-in user a command acts for; the system actor has no session, password or second factor. */
export function signedInUser(ctx: CommandContext): AuthUser {
  if (!ctx.user) throw unauthenticated();
  return ctx.user;
}

/** The answer of a sign-in: the session, or the refusal thrown (after the command committed its back-off count). */
export function signedIn(outcome: LoginOutcome): LoginResult {
  if (!outcome.signedIn) throw outcome.error;
  return outcome;
}

function accountChanged(ctx: CommandContext, user: AuthUser, fields: string[]): void {
  ctx.audit({ action: 'update', entity: 'app_user', entityId: user.id, fields });
  ctx.changed({ entity: 'app_user', id: user.id, op: 'update', organisationId: user.organisationId });
}

/**
 * Signs in (public: anyone may try; a signed-in caller too). A refusal is the result, not an error: see login().
 */
export const signIn = defineCommand({
  name: 'identity.signIn',
  roles: ROLES,
  input: Type.Composite([LoginBody, Type.Object({ userAgent: UserAgent })], CLOSED),
  run: (ctx, input) => login(ctx, ctx.config, ctx.cipher, input, { ip: ctx.ip, userAgent: input.userAgent }, ctx.now),
});

/** Ends the caller's current session (if it is a cookie session) and records the sign-out. */
export const signOut = defineCommand({
  name: 'identity.signOut',
  roles: ROLES,
  input: Type.Object({ sessionId: CurrentSession }, CLOSED),
  run: async (ctx, input) => {
    const user = signedInUser(ctx);
    if (input.sessionId) sessionsEnded(ctx, await endSessions(ctx.db, user.id, { only: input.sessionId }));
    ctx.audit({ action: 'logout', entity: 'app_user', entityId: user.id });
    return null;
  },
});

/** Signs out one of the caller's sessions ({ sessionId }; another's is left alone) or all but the current one. */
export const revokeSessions = defineCommand({
  name: 'identity.revokeSessions',
  roles: ROLES,
  input: Type.Object({ sessionId: Type.Optional(Id), currentSessionId: CurrentSession }, CLOSED),
  run: async (ctx, input) => {
    const user = signedInUser(ctx);
    const which = input.sessionId ? { only: input.sessionId } : { except: input.currentSessionId };
    const ended = await endSessions(ctx.db, user.id, which);
    sessionsEnded(ctx, ended);
    ctx.audit({
      action: 'delete',
      entity: 'user_session',
      entityId: input.sessionId ?? null,
      reason: auditReason('sessionsRevoked', { count: ended.length }),
    });
    return { revoked: ended.length };
  },
});

// Two-step sign-in and the password: the current password is asked again, so a stolen session alone cannot put a
// second factor on the account (and lock the owner out), take it off, or change the password.

export const enrolTotpCommand = defineCommand({
  name: 'identity.enrolTotp',
  roles: ROLES,
  input: PasswordBody,
  run: async (ctx, input) => {
    const user = signedInUser(ctx);
    await checkCurrentPassword(ctx.db, user.id, input.password);
    const enrolment = await enrolTotp(ctx.db, ctx.cipher, user);
    accountChanged(ctx, user, ['totp_secret']);
    return enrolment;
  },
});

export const confirmTotpCommand = defineCommand({
  name: 'identity.confirmTotp',
  roles: ROLES,
  input: TotpConfirmBody,
  run: async (ctx, input) => {
    const user = signedInUser(ctx);
    await checkCurrentPassword(ctx.db, user.id, input.password);
    await confirmTotp(ctx.db, ctx.cipher, user, input.code, ctx.now);
    accountChanged(ctx, user, ['totp_enabled']);
    return null;
  },
});

export const disableTotpCommand = defineCommand({
  name: 'identity.disableTotp',
  roles: ROLES,
  input: PasswordBody,
  run: async (ctx, input) => {
    const user = signedInUser(ctx);
    await checkCurrentPassword(ctx.db, user.id, input.password);
    await disableTotp(ctx.db, user.id);
    accountChanged(ctx, user, ['totp_enabled']);
    return null;
  },
});

/** Changes the caller's password; their other sessions end. */
export const changePasswordCommand = defineCommand({
  name: 'identity.changePassword',
  roles: ROLES,
  input: Type.Composite([PasswordChangeBody, Type.Object({ currentSessionId: CurrentSession })], CLOSED),
  run: async (ctx, input) => {
    const user = signedInUser(ctx);
    const { currentPassword, newPassword, currentSessionId } = input;
    sessionsEnded(ctx, await changePassword(ctx.db, user.id, currentPassword, newPassword, currentSessionId));
    accountChanged(ctx, user, ['password_hash']);
    return null;
  },
});
