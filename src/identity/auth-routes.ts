// Sign-in, the signed-in user, two-step sign-in, the password and sessions. Every write is a command
// (auth-commands.ts); a route adds what is HTTP: the session cookie, the CSRF token, the client's user agent.
import { Type } from '@sinclair/typebox';
import {
  commandRoute,
  defineRoute,
  ROLES,
  type AnyRoute,
  type MatrixWorld,
  type RouteContext,
} from '../kernel/route.js';
import type { AuthUser } from '../kernel/auth.js';
import { SESSION_COOKIE } from '../kernel/session-cookie.js';
import { enrolTotp, hashPassword, totpCode, type LoginResult } from './auth.js';
import {
  changePasswordCommand,
  confirmTotpCommand,
  disableTotpCommand,
  enrolTotpCommand,
  revokeSessions,
  signedIn,
  signIn,
  signOut,
} from './auth-commands.js';
import {
  LoginBody,
  MeView,
  PasswordBody,
  PasswordChangeBody,
  Revoked,
  RevokeSessionsBody,
  SessionList,
  SessionView,
  TotpConfirmBody,
  TotpEnrolment,
} from './contract.js';
import { createUser, getOrganisation } from './directory.js';

/** Authz-matrix examples: gives the caller a known password (the routes that ask for it again). */
async function matrixPassword(w: MatrixWorld, caller: AuthUser | null | undefined): Promise<string> {
  const password = 'matrix-password-1';
  if (caller) {
    const passwordHash = await hashPassword(password);
    await w.db.updateTable('app_user').set({ password_hash: passwordHash }).where('id', '=', caller.id).execute();
  }
  return password;
}

/** After a sign-in (login, invitation acceptance): sets the session cookie and answers with the user and CSRF token. */
export function signInAnswer(
  ctx: Pick<RouteContext, 'reply' | 'config' | 'csrfTokenFor'>,
  session: Omit<LoginResult, 'user'> & { user: AuthUser },
) {
  ctx.reply.setCookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    secure: ctx.config.cookieSecure,
    sameSite: 'lax',
    path: '/',
    expires: session.expiresAt,
  });
  const { id, name, role, organisationId } = session.user;
  return { user: { id, name, role, organisationId }, csrfToken: ctx.csrfTokenFor(session.sessionId) };
}

export const authRoutes: AnyRoute[] = [
  defineRoute({
    method: 'POST',
    url: '/auth/login',
    summary: 'Sign in with email and password (and TOTP code when enabled); sets the session cookie',
    tags: ['identity'],
    schema: { body: LoginBody, response: { 200: SessionView } },
    access: { roles: 'public' },
    rateLimitPerMinute: (config) => config.loginRatePerMinute,
    rateLimitShared: true,
    example: async (w) => {
      const email = `matrix.login.${Math.random().toString(36).slice(2)}@example.org`;
      const password = 'matrix-password-1';
      await createUser(w.db, { organisationId: w.orgA.id, role: 'advisor', name: 'Login', email, password });
      return { body: { email, password } };
    },
    // A refused sign-in commits its back-off count and audit entry, then answers 401 (signedIn throws).
    handler: async (ctx) =>
      signInAnswer(ctx, signedIn(await ctx.execute(signIn, { ...ctx.body, userAgent: ctx.userAgent }))),
  }),
  defineRoute({
    method: 'POST',
    url: '/auth/logout',
    summary: 'Sign out: ends this session and clears the cookie',
    tags: ['identity'],
    schema: { response: { 204: Type.Null() } },
    access: { roles: ROLES },
    handler: async (ctx) => {
      await ctx.execute(signOut, { sessionId: ctx.sessionId });
      ctx.reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return null;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/me',
    summary: 'The signed-in user, their organisation and a fresh CSRF token',
    tags: ['identity'],
    schema: { response: { 200: MeView } },
    access: { roles: ROLES },
    handler: async (ctx) => {
      const org = await getOrganisation(ctx.db, ctx.user.organisationId);
      return {
        user: ctx.user,
        migrantId:
          ctx.user.role === 'migrant' ? await ctx.services.get('migrants').migrantIdForUser(ctx.db, ctx.user.id) : null,
        organisation: { id: ctx.user.organisationId, name: org?.name ?? '', type: org?.type ?? '' },
        csrfToken: ctx.sessionId ? ctx.csrfTokenFor(ctx.sessionId) : '',
      };
    },
  }),
  commandRoute({
    method: 'POST',
    url: '/me/totp',
    summary: 'Start two-step sign-in (asks for the password): returns a secret and otpauth:// URL',
    tags: ['identity'],
    schema: { body: PasswordBody, response: { 200: TotpEnrolment } },
    command: enrolTotpCommand,
    // The answer holds the new secret: not kept for a replay.
    replayable: false,
    input: (ctx) => ctx.body,
    example: async (w, caller) => ({ body: { password: await matrixPassword(w, caller) } }),
  }),
  commandRoute({
    method: 'POST',
    url: '/me/totp/confirm',
    summary: 'Confirm two-step sign-in with a first code; later sign-ins require a code',
    tags: ['identity'],
    schema: { body: TotpConfirmBody, response: { 204: Type.Null() } },
    command: confirmTotpCommand,
    input: (ctx) => ctx.body,
    example: async (w, caller) => {
      const password = await matrixPassword(w, caller);
      if (!caller) return { body: { code: '000000', password } };
      const { secret } = await enrolTotp(w.db, w.cipher, caller);
      return { body: { code: totpCode(secret), password } };
    },
  }),
  commandRoute({
    method: 'POST',
    url: '/me/totp/disable',
    summary: 'Turn two-step sign-in off (asks for the password again)',
    tags: ['identity'],
    schema: { body: PasswordBody, response: { 204: Type.Null() } },
    command: disableTotpCommand,
    input: (ctx) => ctx.body,
    example: async (w, caller) => ({ body: { password: await matrixPassword(w, caller) } }),
  }),
  commandRoute({
    method: 'POST',
    url: '/me/password',
    summary: 'Change my password (other sessions end)',
    tags: ['identity'],
    schema: { body: PasswordChangeBody, response: { 204: Type.Null() } },
    command: changePasswordCommand,
    input: (ctx) => ({ ...ctx.body, currentSessionId: ctx.sessionId }),
    example: async (w, caller) => {
      const currentPassword = await matrixPassword(w, caller);
      return { body: { currentPassword, newPassword: 'matrix-password-2' } };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/me/sessions',
    summary: 'My open sessions (devices), newest first',
    tags: ['identity'],
    schema: { response: { 200: SessionList } },
    access: { roles: ROLES },
    handler: async (ctx) => {
      const rows = await ctx.db
        .selectFrom('user_session')
        .select(['id', 'created_at', 'expires_at', 'ip', 'user_agent'])
        .where('user_id', '=', ctx.user.id)
        .where('expires_at', '>', new Date())
        .orderBy('created_at', 'desc')
        .execute();
      return {
        sessions: rows.map((r) => ({
          id: r.id,
          createdAt: new Date(r.created_at).toISOString(),
          expiresAt: new Date(r.expires_at).toISOString(),
          ip: r.ip,
          userAgent: r.user_agent,
          current: r.id === ctx.sessionId,
        })),
      };
    },
  }),
  commandRoute({
    method: 'POST',
    url: '/me/sessions/revoke',
    summary: 'Sign out one of my other sessions ({ sessionId }) or all of them but this one ({})',
    tags: ['identity'],
    schema: { body: RevokeSessionsBody, response: { 200: Revoked } },
    command: revokeSessions,
    input: (ctx) => ({ ...ctx.body, currentSessionId: ctx.sessionId }),
    example: async () => ({ body: {} }),
  }),
];
