// Organisations, their users, invitations and the audit log.
import { Type } from '@sinclair/typebox';
import { isOwnOrganisation } from '../kernel/access.js';
import {
  commandRoute,
  defineRoute,
  ROLES,
  type AnyRoute,
  type AuthUser,
  type MatrixWorld,
  type RouteContext,
} from '../kernel/route.js';
import { completePasswordReset, issuePasswordReset } from './password-reset.js';
import { notFound } from '../kernel/errors.js';
import '../shared/formats.js'; // country-code
import { StringEnum } from '../shared/typebox.js';
import { chooseMailLang, mailLangOfAcceptLanguage, mailText } from '../shared/mail-templates.js';
import { listAudit } from '../kernel/audit.js';
import { createSession, PASSWORD_MAX } from './auth.js';
import { setUserDisabledCommand, unlockUserCommand } from './commands.js';
import { setSessionCookie } from './auth-routes.js';
import { createOrganisation, createUser, getOrganisation, getUser, listOrganisations, listUsers } from './directory.js';
import { acceptInvitation, createInvitation, listInvitations, revokeInvitation } from './invitations.js';
import { ORGANISATION_TYPES } from './model.js';

const RoleSchema = StringEnum(ROLES);
const Id = Type.String({ minLength: 1, maxLength: 64 });

const OrganisationView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  type: StringEnum(ORGANISATION_TYPES),
  licenceNumber: Type.Union([Type.String(), Type.Null()]),
  country: Type.Union([Type.String(), Type.Null()]),
});

const UserSummaryView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  role: RoleSchema,
  organisationId: Type.String(),
  totpEnabled: Type.Boolean(),
  locked: Type.Boolean(),
  disabled: Type.Boolean(),
  createdAt: Type.String(),
});

const InvitationView = Type.Object({
  id: Type.String(),
  organisationId: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  expiresAt: Type.String(),
  acceptedAt: Type.Union([Type.String(), Type.Null()]),
});

const orgParams = Type.Object({ organisationId: Id });

/**
 * Account administration: own organisation only (404 otherwise), and an org admin may not act on a platform
 * admin's account (403), which would let them take it over.
 */
async function canAdministerUser(ctx: { db: RouteContext['db']; user: AuthUser }, userId: string) {
  const target = await getUser(ctx.db, userId);
  if (!target) return 'not-found' as const;
  const own = await isOwnOrganisation(ctx, target.organisationId);
  if (own !== true) return own;
  return target.role !== 'platform_admin' || ctx.user.role === 'platform_admin';
}
const orgExample = async (w: MatrixWorld) => ({ params: { organisationId: w.orgA.id } });
const ADMINS = ['org_admin', 'platform_admin'] as const;

export const adminRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/organisations',
    summary: 'Directory of organisations (names and types are not confidential; needed to name sharing partners)',
    tags: ['identity'],
    schema: { response: { 200: Type.Object({ organisations: Type.Array(OrganisationView) }) } },
    access: { roles: ROLES },
    handler: async (ctx) => ({ organisations: await listOrganisations(ctx.db) }),
  }),
  defineRoute({
    method: 'POST',
    url: '/organisations',
    summary: 'Create an organisation (a recruitment agency needs its licence number)',
    tags: ['identity'],
    schema: {
      body: Type.Object(
        {
          name: Type.String({ minLength: 1, maxLength: 200 }),
          type: StringEnum(ORGANISATION_TYPES),
          licenceNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$', format: 'country-code' })),
        },
        { additionalProperties: false },
      ),
      response: { 201: OrganisationView },
    },
    access: { roles: ['platform_admin'] },
    example: async () => ({ body: { name: `Matrix org ${Math.random().toString(36).slice(2)}`, type: 'ngo' } }),
    handler: async (ctx) =>
      ctx.transaction(async (tx) => {
        const org = await createOrganisation(tx.db, ctx.body);
        await tx.audit({ action: 'create', entity: 'organisation', entityId: org.id, organisationId: org.id });
        return org;
      }),
  }),
  defineRoute({
    method: 'GET',
    url: '/organisations/:organisationId',
    summary: 'One organisation',
    tags: ['identity'],
    schema: { params: orgParams, response: { 200: OrganisationView } },
    access: { roles: ROLES },
    example: orgExample,
    handler: async (ctx) => {
      const org = await getOrganisation(ctx.db, ctx.params.organisationId);
      if (!org) throw notFound('No such organisation', 'params.organisationId');
      return org;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/organisations/:organisationId/users',
    summary: "An organisation's user accounts",
    tags: ['identity'],
    schema: { params: orgParams, response: { 200: Type.Object({ users: Type.Array(UserSummaryView) }) } },
    access: { roles: ADMINS, rule: (ctx) => isOwnOrganisation(ctx, ctx.params.organisationId) },
    example: orgExample,
    handler: async (ctx) => ({ users: await listUsers(ctx.db, ctx.params.organisationId, ctx.config.secretKey) }),
  }),
  commandRoute({
    method: 'POST',
    url: '/users/:userId/unlock',
    summary: 'Lift a sign-in back-off (at every address) before it expires',
    tags: ['identity'],
    schema: { params: Type.Object({ userId: Id }), response: { 200: UserSummaryView } },
    command: unlockUserCommand,
    input: (ctx) => ({ userId: ctx.params.userId }),
    example: async (w) => ({ params: { userId: w.orgA.users.advisor.id } }),
  }),
  commandRoute({
    method: 'POST',
    url: '/users/:userId/disable',
    summary: 'Disable an account (its sessions end at once) or, with { "disabled": false }, enable it again',
    tags: ['identity'],
    schema: {
      params: Type.Object({ userId: Id }),
      body: Type.Object({ disabled: Type.Boolean() }, { additionalProperties: false }),
      response: { 200: UserSummaryView },
    },
    command: setUserDisabledCommand,
    input: (ctx) => ({ userId: ctx.params.userId, disabled: ctx.body.disabled }),
    // A fresh account each time: disabling the world's own advisor would change later callers' answers.
    example: async (w) => {
      const email = `matrix.disable.${Math.random().toString(36).slice(2)}@example.org`;
      const user = await createUser(w.db, { organisationId: w.orgA.id, role: 'advisor', name: 'D', email });
      return { params: { userId: user.id }, body: { disabled: true } };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/users/:userId/password-reset',
    summary: 'Issue a one-time password-reset link (24 h) for a user who forgot their password',
    tags: ['identity'],
    schema: {
      params: Type.Object({ userId: Id }),
      response: {
        201: Type.Object({
          token: Type.String(),
          resetUrl: Type.String(),
          expiresAt: Type.String(),
          /** Whether the link was also sent by e-mail (an SMTP server is configured and accepted it). */
          emailed: Type.Boolean(),
        }),
      },
    },
    access: { roles: ADMINS, rule: (ctx) => canAdministerUser(ctx, ctx.params.userId) },
    example: async (w) => ({ params: { userId: w.orgA.users.advisor.id } }),
    handler: async (ctx) => {
      const target = (await getUser(ctx.db, ctx.params.userId))!;
      const { token, expiresAt } = await ctx.transaction((tx) => issuePasswordReset(tx, target));
      const resetUrl = `${ctx.config.publicUrl}/password-reset#${token}`;
      // After the commit: a mail that fails leaves the link to hand over, as without SMTP.
      // Users have no stored language: the administrator's interface language, which they share with the user.
      const lang = chooseMailLang(mailLangOfAcceptLanguage(ctx.acceptLanguage));
      const emailed = await ctx.services.get('mailer').send({
        to: target.email,
        ...mailText('passwordReset', lang, { name: target.name, url: resetUrl }),
      });
      return { token, resetUrl, expiresAt: expiresAt.toISOString(), emailed };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/auth/password-reset',
    summary: 'Set a new password with a reset link (lifts a lock-out, ends every session)',
    tags: ['identity'],
    schema: {
      body: Type.Object(
        {
          token: Type.String({ minLength: 10, maxLength: 100 }),
          password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX }),
        },
        { additionalProperties: false },
      ),
      response: { 204: Type.Null() },
    },
    access: { roles: 'public' },
    rateLimitPerMinute: (config) => config.loginRatePerMinute,
    rateLimitShared: true,
    example: async (w) => {
      const { token } = await issuePasswordReset({ db: w.db, user: w.orgA.users.org_admin }, w.orgA.users.analyst);
      return { body: { token, password: 'matrix-password-3' } };
    },
    handler: async (ctx) => {
      await completePasswordReset(ctx.db, ctx.body, { requestId: ctx.requestId, ip: ctx.ip });
      return null;
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/organisations/:organisationId/invitations/:invitationId',
    summary: 'Revoke a pending invitation',
    tags: ['identity'],
    schema: { params: Type.Object({ organisationId: Id, invitationId: Id }), response: { 204: Type.Null() } },
    access: { roles: ADMINS, rule: (ctx) => isOwnOrganisation(ctx, ctx.params.organisationId) },
    example: async (w) => {
      const email = `matrix.revoke.${Math.random().toString(36).slice(2)}@example.org`;
      const actor = { db: w.db, user: w.orgA.users.org_admin };
      const { invitation } = await createInvitation(actor, {
        organisationId: w.orgA.id,
        email,
        name: 'R',
        role: 'advisor',
      });
      return { params: { organisationId: w.orgA.id, invitationId: invitation.id } };
    },
    handler: async (ctx) => {
      await ctx.transaction((tx) => revokeInvitation(tx, ctx.params.organisationId, ctx.params.invitationId));
      return null;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/organisations/:organisationId/invitations',
    summary: 'Invitations sent by an organisation',
    tags: ['identity'],
    schema: { params: orgParams, response: { 200: Type.Object({ invitations: Type.Array(InvitationView) }) } },
    access: { roles: ADMINS, rule: (ctx) => isOwnOrganisation(ctx, ctx.params.organisationId) },
    example: orgExample,
    handler: async (ctx) => ({ invitations: await listInvitations(ctx.db, ctx.params.organisationId) }),
  }),
  defineRoute({
    method: 'POST',
    url: '/organisations/:organisationId/invitations',
    summary: 'Invite someone with a role; the response carries the one-time link (shown once)',
    tags: ['identity'],
    schema: {
      params: orgParams,
      body: Type.Object(
        {
          email: Type.String({ minLength: 3, maxLength: 320 }),
          name: Type.String({ minLength: 1, maxLength: 200 }),
          role: RoleSchema,
        },
        { additionalProperties: false },
      ),
      response: {
        201: Type.Object({
          invitation: InvitationView,
          token: Type.String(),
          acceptUrl: Type.String(),
          /** Whether the link was also sent by e-mail (an SMTP server is configured and accepted it). */
          emailed: Type.Boolean(),
        }),
      },
    },
    access: { roles: ADMINS, rule: (ctx) => isOwnOrganisation(ctx, ctx.params.organisationId) },
    example: async (w) => ({
      params: { organisationId: w.orgA.id },
      body: { email: `matrix.${Math.random().toString(36).slice(2)}@example.org`, name: 'Invitee', role: 'advisor' },
    }),
    handler: async (ctx) => {
      if (!(await getOrganisation(ctx.db, ctx.params.organisationId))) {
        throw notFound('No such organisation', 'params.organisationId');
      }
      const { invitation, token } = await ctx.transaction((tx) =>
        createInvitation(tx, { ...ctx.body, organisationId: ctx.params.organisationId }),
      );
      const acceptUrl = `${ctx.config.publicUrl}/invitation#${token}`;
      const organisation = await getOrganisation(ctx.db, ctx.params.organisationId);
      // The invited person has chosen no language yet: the inviter's interface language.
      const lang = chooseMailLang(mailLangOfAcceptLanguage(ctx.acceptLanguage));
      const emailed = await ctx.services.get('mailer').send({
        to: invitation.email,
        ...mailText('invitation', lang, { name: invitation.name, organisation: organisation!.name, url: acceptUrl }),
      });
      return { invitation, token, acceptUrl, emailed };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/auth/invitations/accept',
    summary: 'Accept an invitation: choose a password; signs in like /auth/login',
    tags: ['identity'],
    schema: {
      body: Type.Object(
        {
          token: Type.String({ minLength: 10, maxLength: 100 }),
          password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX }),
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
        },
        { additionalProperties: false },
      ),
      response: {
        201: Type.Object({
          user: Type.Object({
            id: Type.String(),
            name: Type.String(),
            role: RoleSchema,
            organisationId: Type.String(),
          }),
          csrfToken: Type.String(),
        }),
      },
    },
    access: { roles: 'public' },
    rateLimitPerMinute: (config) => config.loginRatePerMinute,
    rateLimitShared: true,
    example: async (w) => {
      const email = `matrix.invitee.${Math.random().toString(36).slice(2)}@example.org`;
      const actor = { db: w.db, user: w.orgA.users.org_admin };
      const { token } = await createInvitation(actor, {
        organisationId: w.orgA.id,
        email,
        name: 'Invitee',
        role: 'migrant',
      });
      return { body: { token, password: 'matrix-password-1' } };
    },
    handler: async (ctx) => {
      // Account, migrant record and session appear together or not at all.
      const { user, session } = await ctx.transaction(async (tx) => {
        const user = await acceptInvitation(tx.db, ctx.body, { requestId: ctx.requestId, ip: ctx.ip });
        if (user.role === 'migrant') await ctx.services.get('migrants').ensureMigrantForUser(tx.db, user);
        const client = { ip: ctx.ip, userAgent: ctx.userAgent };
        return { user, session: await createSession(tx.db, user, ctx.config.sessionTtlHours, client) };
      });
      setSessionCookie(ctx, session.token, session.expiresAt);
      const { id, name, role, organisationId } = user;
      return { user: { id, name, role, organisationId }, csrfToken: ctx.csrfTokenFor(session.sessionId) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/audit',
    summary: 'Audit log, newest first (an org admin sees their organisation; a platform admin any)',
    tags: ['identity'],
    schema: {
      querystring: Type.Object({
        organisationId: Type.Optional(Id),
        entity: Type.Optional(Type.String({ maxLength: 64 })),
        entityId: Type.Optional(Type.String({ maxLength: 128 })),
        actorUserId: Type.Optional(Id),
        before: Type.Optional(Type.Integer({ minimum: 1 })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
      }),
      response: {
        200: Type.Object({
          entries: Type.Array(
            Type.Object({
              id: Type.Integer(),
              at: Type.String(),
              organisationId: Type.Union([Type.String(), Type.Null()]),
              actorUserId: Type.Union([Type.String(), Type.Null()]),
              actorRole: Type.Union([Type.String(), Type.Null()]),
              action: Type.String(),
              entity: Type.String(),
              entityId: Type.Union([Type.String(), Type.Null()]),
              fields: Type.Union([Type.Array(Type.String()), Type.Null()]),
              reason: Type.Union([Type.String(), Type.Null()]),
              requestId: Type.Union([Type.String(), Type.Null()]),
            }),
          ),
        }),
      },
    },
    access: { roles: ADMINS },
    handler: async (ctx) => {
      // An org admin's view is pinned to their organisation whatever the query says.
      const organisationId = ctx.user.role === 'platform_admin' ? ctx.query.organisationId : ctx.user.organisationId;
      return { entries: await listAudit(ctx.db, { ...ctx.query, organisationId }) };
    },
  }),
];
