// Sign-in, sign-out, the current user and two-step sign-in (TOTP).
import { Type } from '@sinclair/typebox';
import { defineRoute, ROLES, type AnyRoute, type MatrixWorld, type RouteContext } from '../kernel/route.js';
import type { AuthUser } from '../kernel/auth.js';
import { SESSION_COOKIE } from '../kernel/session-cookie.js';
import {
  changePassword,
  checkCurrentPassword,
  confirmTotp,
  disableTotp,
  endSession,
  enrolTotp,
  hashPassword,
  login,
  PASSWORD_MAX,
  totpCode,
} from './auth.js';
import { createUser, getOrganisation } from './directory.js';
import { StringEnum } from '../shared/typebox.js';

/** Authz-matrix examples: gives the caller a known password (the routes that ask for it again). */
async function matrixPassword(w: MatrixWorld, caller: AuthUser | null | undefined): Promise<string> {
  const password = 'matrix-password-1';
  if (caller) {
    const passwordHash = await hashPassword(password);
    await w.db.updateTable('app_user').set({ password_hash: passwordHash }).where('id', '=', caller.id).execute();
  }
  return password;
}

/** Sets the session cookie after a sign-in (login, invitation acceptance). */
export function setSessionCookie(ctx: Pick<RouteContext, 'reply' | 'config'>, token: string, expires: Date): void {
  ctx.reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    secure: ctx.config.cookieSecure,
    sameSite: 'lax',
    path: '/',
    expires,
  });
}

export const UserView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: StringEnum(ROLES),
  organisationId: Type.String(),
});

const SessionView = Type.Object({ user: UserView, csrfToken: Type.String() });

export const authRoutes: AnyRoute[] = [
  defineRoute({
    method: 'POST',
    url: '/auth/login',
    summary: 'Sign in with email and password (and TOTP code when enabled); sets the session cookie',
    tags: ['identity'],
    schema: {
      body: Type.Object(
        {
          email: Type.String({ minLength: 3, maxLength: 320 }),
          password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX }),
          totp: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
        },
        { additionalProperties: false },
      ),
      response: { 200: SessionView },
    },
    access: { roles: 'public' },
    rateLimitPerMinute: (config) => config.loginRatePerMinute,
    rateLimitShared: true,
    example: async (w) => {
      const email = `matrix.login.${Math.random().toString(36).slice(2)}@example.org`;
      const password = 'matrix-password-1';
      await createUser(w.db, { organisationId: w.orgA.id, role: 'advisor', name: 'Login', email, password });
      return { body: { email, password } };
    },
    handler: async (ctx) => {
      const client = { ip: ctx.ip, userAgent: ctx.userAgent, requestId: ctx.requestId };
      const result = await login(ctx.db, ctx.config, ctx.cipher, ctx.body, client);
      setSessionCookie(ctx, result.token, result.expiresAt);
      const { id, name, role, organisationId } = result.user;
      return { user: { id, name, role, organisationId }, csrfToken: ctx.csrfTokenFor(result.sessionId) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/auth/logout',
    summary: 'Sign out: ends this session and clears the cookie',
    tags: ['identity'],
    schema: { response: { 204: Type.Null() } },
    access: { roles: ROLES },
    handler: async (ctx) => {
      await ctx.transaction(async (tx) => {
        if (ctx.sessionId) await endSession(tx.db, ctx.sessionId);
        await tx.audit({ action: 'logout', entity: 'app_user', entityId: ctx.user.id });
      });
      ctx.reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return null;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/me',
    summary: 'The signed-in user, their organisation and a fresh CSRF token',
    tags: ['identity'],
    schema: {
      response: {
        200: Type.Object({
          user: Type.Composite([UserView, Type.Object({ email: Type.String() })]),
          /**
           * A migrant account's own migrant record (its profile id when profiles are served: for the consent, export
           * and profile routes, without another request), else null. Never another person's: staff get null.
           */
          migrantId: Type.Union([Type.String(), Type.Null()]),
          organisation: Type.Object({ id: Type.String(), name: Type.String(), type: Type.String() }),
          csrfToken: Type.String(),
        }),
      },
    },
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
  defineRoute({
    method: 'POST',
    url: '/me/totp',
    summary: 'Start two-step sign-in (asks for the password): returns a secret and otpauth:// URL',
    tags: ['identity'],
    schema: {
      body: Type.Object(
        { password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX }) },
        { additionalProperties: false },
      ),
      response: { 200: Type.Object({ secret: Type.String(), otpauthUrl: Type.String() }) },
    },
    access: { roles: ROLES },
    example: async (w, caller) => ({ body: { password: await matrixPassword(w, caller) } }),
    // Re-authentication: a stolen session alone cannot put a second factor on the account and lock the owner out.
    handler: async (ctx) =>
      checkCurrentPassword(ctx.db, ctx.user.id, ctx.body.password).then(() =>
        ctx.transaction(async (tx) => {
          const result = await enrolTotp(tx.db, ctx.cipher, ctx.user);
          await tx.audit({ action: 'update', entity: 'app_user', entityId: ctx.user.id, fields: ['totp_secret'] });
          return result;
        }),
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/me/totp/confirm',
    summary: 'Confirm two-step sign-in with a first code; later sign-ins require a code',
    tags: ['identity'],
    schema: {
      body: Type.Object(
        {
          code: Type.String({ pattern: '^[0-9]{6}$' }),
          password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX }),
        },
        { additionalProperties: false },
      ),
      response: { 204: Type.Null() },
    },
    access: { roles: ROLES },
    example: async (w, caller) => {
      const password = await matrixPassword(w, caller);
      if (!caller) return { body: { code: '000000', password } };
      const { secret } = await enrolTotp(w.db, w.cipher, caller);
      return { body: { code: totpCode(secret), password } };
    },
    handler: async (ctx) => {
      await checkCurrentPassword(ctx.db, ctx.user.id, ctx.body.password);
      await ctx.transaction(async (tx) => {
        await confirmTotp(tx.db, ctx.cipher, ctx.user, ctx.body.code);
        await tx.audit({ action: 'update', entity: 'app_user', entityId: ctx.user.id, fields: ['totp_enabled'] });
      });
      return null;
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/me/totp/disable',
    summary: 'Turn two-step sign-in off (asks for the password again)',
    tags: ['identity'],
    schema: {
      body: Type.Object(
        { password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX }) },
        { additionalProperties: false },
      ),
      response: { 204: Type.Null() },
    },
    access: { roles: ROLES },
    example: async (w, caller) => ({ body: { password: await matrixPassword(w, caller) } }),
    handler: async (ctx) => {
      await checkCurrentPassword(ctx.db, ctx.user.id, ctx.body.password);
      await ctx.transaction(async (tx) => {
        await disableTotp(tx.db, ctx.user.id);
        await tx.audit({ action: 'update', entity: 'app_user', entityId: ctx.user.id, fields: ['totp_enabled'] });
      });
      return null;
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/me/password',
    summary: 'Change my password (other sessions end)',
    tags: ['identity'],
    schema: {
      body: Type.Object(
        {
          currentPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX }),
          newPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX }),
        },
        { additionalProperties: false },
      ),
      response: { 204: Type.Null() },
    },
    access: { roles: ROLES },
    example: async (w, caller) => {
      const currentPassword = 'matrix-password-1';
      if (caller) {
        const passwordHash = await hashPassword(currentPassword);
        await w.db.updateTable('app_user').set({ password_hash: passwordHash }).where('id', '=', caller.id).execute();
      }
      return { body: { currentPassword, newPassword: 'matrix-password-2' } };
    },
    handler: async (ctx) => {
      await ctx.transaction(async (tx) => {
        await changePassword(tx.db, ctx.user.id, ctx.body.currentPassword, ctx.body.newPassword, ctx.sessionId);
        await tx.audit({ action: 'update', entity: 'app_user', entityId: ctx.user.id, fields: ['password_hash'] });
      });
      return null;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/me/sessions',
    summary: 'My open sessions (devices), newest first',
    tags: ['identity'],
    schema: {
      response: {
        200: Type.Object({
          sessions: Type.Array(
            Type.Object({
              id: Type.String(),
              createdAt: Type.String(),
              expiresAt: Type.String(),
              ip: Type.Union([Type.String(), Type.Null()]),
              userAgent: Type.Union([Type.String(), Type.Null()]),
              current: Type.Boolean(),
            }),
          ),
        }),
      },
    },
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
  defineRoute({
    method: 'POST',
    url: '/me/sessions/revoke',
    summary: 'Sign out one of my other sessions ({ sessionId }) or all of them but this one ({})',
    tags: ['identity'],
    schema: {
      body: Type.Object(
        { sessionId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) },
        { additionalProperties: false },
      ),
      response: { 200: Type.Object({ revoked: Type.Integer() }) },
    },
    access: { roles: ROLES },
    example: async () => ({ body: {} }),
    handler: async (ctx) =>
      ctx.transaction(async (tx) => {
        let q = tx.db.deleteFrom('user_session').where('user_id', '=', ctx.user.id);
        if (ctx.body.sessionId) q = q.where('id', '=', ctx.body.sessionId);
        else if (ctx.sessionId) q = q.where('id', '<>', ctx.sessionId);
        const revoked = Number((await q.executeTakeFirst()).numDeletedRows);
        await tx.audit({
          action: 'delete',
          entity: 'user_session',
          entityId: ctx.body.sessionId ?? null,
          reason: `revoked ${revoked}`,
        });
        return { revoked };
      }),
  }),
];
