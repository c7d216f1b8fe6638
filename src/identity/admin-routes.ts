// Organisations, their users, invitations and the audit log. Every write is a command (account-commands.ts,
// commands.ts); a route adapts HTTP to it and back.
import { Type } from '@sinclair/typebox';
import { isOwnOrganisation } from '../kernel/access.js';
import { commandRoute, defineRoute, ROLES, type AnyRoute, type MatrixWorld } from '../kernel/route.js';
import { notFound } from '../kernel/errors.js';
import { listAudit } from '../kernel/audit.js';
import {
  acceptInvitationCommand,
  completePasswordResetCommand,
  createOrganisationCommand,
  inviteCommand,
  requestPasswordResetCommand,
  revokeInvitationCommand,
} from './account-commands.js';
import { setUserDisabledCommand, unlockUserCommand } from './commands.js';
import {
  AcceptInvitationBody,
  AuditPage,
  AuditQuery,
  DisableBody,
  InvitationBody,
  InvitationList,
  InvitationParams,
  InvitationSent,
  NewOrganisationBody,
  OrganisationList,
  OrganisationParams,
  OrganisationView,
  PasswordResetBody,
  PasswordResetIssued,
  SessionView,
  UserList,
  UserParams,
  UserSummaryView,
} from './contract.js';
import { signInAnswer } from './auth-routes.js';
import { createUser, getOrganisation, listOrganisations, listUsers } from './directory.js';
import { createInvitation, listInvitations } from './invitations.js';
import { mailLink } from './mail.js';
import { issuePasswordReset } from './password-reset.js';

const orgExample = async (w: MatrixWorld) => ({ params: { organisationId: w.orgA.id } });
const ADMINS = ['org_admin', 'platform_admin'] as const;

/** Authz-matrix examples: a pending invitation of organisation A. */
async function matrixInvitation(w: MatrixWorld, role: 'advisor' | 'migrant') {
  const email = `matrix.invitee.${Math.random().toString(36).slice(2)}@example.org`;
  const actor = { db: w.db, user: w.orgA.users.org_admin };
  return createInvitation(actor, { organisationId: w.orgA.id, email, name: 'Invitee', role });
}

export const adminRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/organisations',
    summary: 'Directory of organisations (names and types are not confidential; needed to name sharing partners)',
    tags: ['identity'],
    schema: { response: { 200: OrganisationList } },
    access: { roles: ROLES },
    handler: async (ctx) => ({ organisations: await listOrganisations(ctx.db) }),
  }),
  commandRoute({
    method: 'POST',
    url: '/organisations',
    summary: 'Create an organisation (a recruitment agency needs its licence number)',
    tags: ['identity'],
    schema: { body: NewOrganisationBody, response: { 201: OrganisationView } },
    command: createOrganisationCommand,
    input: (ctx) => ctx.body,
    example: async () => ({ body: { name: `Matrix org ${Math.random().toString(36).slice(2)}`, type: 'ngo' } }),
  }),
  defineRoute({
    method: 'GET',
    url: '/organisations/:organisationId',
    summary: 'One organisation',
    tags: ['identity'],
    schema: { params: OrganisationParams, response: { 200: OrganisationView } },
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
    schema: { params: OrganisationParams, response: { 200: UserList } },
    access: { roles: ADMINS, rule: (ctx) => isOwnOrganisation(ctx, ctx.params.organisationId) },
    example: orgExample,
    handler: async (ctx) => ({
      users: await listUsers(ctx.db, ctx.cipher, ctx.params.organisationId, ctx.config.secretKey),
    }),
  }),
  commandRoute({
    method: 'POST',
    url: '/users/:userId/unlock',
    summary: 'Lift a sign-in back-off (at every address) before it expires',
    tags: ['identity'],
    schema: { params: UserParams, response: { 200: UserSummaryView } },
    command: unlockUserCommand,
    input: (ctx) => ({ userId: ctx.params.userId }),
    example: async (w) => ({ params: { userId: w.orgA.users.advisor.id } }),
  }),
  commandRoute({
    method: 'POST',
    url: '/users/:userId/disable',
    summary: 'Disable an account (its sessions end at once) or, with { "disabled": false }, enable it again',
    tags: ['identity'],
    schema: { params: UserParams, body: DisableBody, response: { 200: UserSummaryView } },
    command: setUserDisabledCommand,
    input: (ctx) => ({ userId: ctx.params.userId, disabled: ctx.body.disabled }),
    // A fresh account each time: disabling the world's own advisor would change later callers' answers.
    example: async (w) => {
      const email = `matrix.disable.${Math.random().toString(36).slice(2)}@example.org`;
      const user = await createUser(w.db, { organisationId: w.orgA.id, role: 'advisor', name: 'D', email });
      return { params: { userId: user.id }, body: { disabled: true } };
    },
  }),
  commandRoute({
    method: 'POST',
    url: '/users/:userId/password-reset',
    summary: 'Issue a one-time password-reset link (24 h) for a user who forgot their password',
    tags: ['identity'],
    schema: { params: UserParams, response: { 201: PasswordResetIssued } },
    command: requestPasswordResetCommand,
    replayable: false,
    input: (ctx) => ({ userId: ctx.params.userId }),
    output: async ({ token, resetUrl, expiresAt, user }, ctx) => {
      const emailed = await mailLink(ctx, 'passwordReset', user.email, { name: user.name, url: resetUrl });
      return { token, resetUrl, expiresAt: expiresAt.toISOString(), emailed };
    },
    example: async (w) => ({ params: { userId: w.orgA.users.advisor.id } }),
  }),
  defineRoute({
    method: 'POST',
    url: '/auth/password-reset',
    summary: 'Set a new password with a reset link (lifts a lock-out, ends every session)',
    tags: ['identity'],
    schema: { body: PasswordResetBody, response: { 204: Type.Null() } },
    access: { roles: 'public' },
    rateLimitPerMinute: (config) => config.loginRatePerMinute,
    rateLimitShared: true,
    example: async (w) => {
      const { token } = await issuePasswordReset({ db: w.db, user: w.orgA.users.org_admin }, w.orgA.users.analyst);
      return { body: { token, password: 'matrix-password-3' } };
    },
    handler: async (ctx) => ctx.execute(completePasswordResetCommand, ctx.body),
  }),
  commandRoute({
    method: 'DELETE',
    url: '/organisations/:organisationId/invitations/:invitationId',
    summary: 'Revoke a pending invitation',
    tags: ['identity'],
    schema: { params: InvitationParams, response: { 204: Type.Null() } },
    command: revokeInvitationCommand,
    input: (ctx) => ctx.params,
    example: async (w) => {
      const { invitation } = await matrixInvitation(w, 'advisor');
      return { params: { organisationId: w.orgA.id, invitationId: invitation.id } };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/organisations/:organisationId/invitations',
    summary: 'Invitations sent by an organisation',
    tags: ['identity'],
    schema: { params: OrganisationParams, response: { 200: InvitationList } },
    access: { roles: ADMINS, rule: (ctx) => isOwnOrganisation(ctx, ctx.params.organisationId) },
    example: orgExample,
    handler: async (ctx) => ({ invitations: await listInvitations(ctx.db, ctx.cipher, ctx.params.organisationId) }),
  }),
  commandRoute({
    method: 'POST',
    url: '/organisations/:organisationId/invitations',
    summary: 'Invite someone with a role; the response carries the one-time link (shown once)',
    tags: ['identity'],
    schema: { params: OrganisationParams, body: InvitationBody, response: { 201: InvitationSent } },
    command: inviteCommand,
    replayable: false,
    input: (ctx) => ({ ...ctx.body, organisationId: ctx.params.organisationId }),
    output: async ({ invitation, token, acceptUrl, organisationName: organisation }, ctx) => {
      const vars = { name: invitation.name, organisation, url: acceptUrl };
      return { invitation, token, acceptUrl, emailed: await mailLink(ctx, 'invitation', invitation.email, vars) };
    },
    example: async (w) => ({
      params: { organisationId: w.orgA.id },
      body: { email: `matrix.${Math.random().toString(36).slice(2)}@example.org`, name: 'Invitee', role: 'advisor' },
    }),
  }),
  defineRoute({
    method: 'POST',
    url: '/auth/invitations/accept',
    summary: 'Accept an invitation: choose a password; signs in like /auth/login',
    tags: ['identity'],
    schema: { body: AcceptInvitationBody, response: { 201: SessionView } },
    access: { roles: 'public' },
    rateLimitPerMinute: (config) => config.loginRatePerMinute,
    rateLimitShared: true,
    example: async (w) => ({
      body: { token: (await matrixInvitation(w, 'migrant')).token, password: 'matrix-password-1' },
    }),
    handler: async (ctx) =>
      signInAnswer(ctx, await ctx.execute(acceptInvitationCommand, { ...ctx.body, userAgent: ctx.userAgent })),
  }),
  defineRoute({
    method: 'GET',
    url: '/audit',
    summary: 'Audit log, newest first (an org admin sees their organisation; a platform admin any)',
    tags: ['identity'],
    schema: { querystring: AuditQuery, response: { 200: AuditPage } },
    access: { roles: ADMINS },
    handler: async (ctx) => {
      // An org admin's view is pinned to their organisation whatever the query says.
      const organisationId = ctx.user.role === 'platform_admin' ? ctx.query.organisationId : ctx.user.organisationId;
      return { entries: await listAudit(ctx.db, { ...ctx.query, organisationId }) };
    },
  }),
];
