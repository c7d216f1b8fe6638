// Issue 10: an advisor gives a person they added an account. The invitation (role migrant, the person's name) is
// linked to the profile, so accepting it opens this profile rather than a new, empty one. The link is shown to hand
// over and, when SMTP is configured, also sent to the address given.
import { Type } from '@sinclair/typebox';
import { invite } from '../identity/domain.js';
import { defineCommand } from '../kernel/command.js';
import { conflict, notFound } from '../kernel/errors.js';
import { commandRoute } from '../kernel/route.js';
import { CLOSED, Uuid } from '../shared/typebox.js';
import { chooseMailLang, mailLangOf, mailLangOfAcceptLanguage, mailText } from '../shared/mail-templates.js';
import { mayReachProfile } from './policy.js';
import { displayNameOf, findProfileRow } from './store.js';

/**
 * Invites the person of a profile to their own account: one invitation (role migrant) linked to the profile. The
 * result carries the one-time link, so it is never kept for a replayed Idempotency-Key.
 */
export const inviteToOwnAccount = defineCommand({
  name: 'profiles.inviteToAccount',
  roles: ['advisor', 'org_admin'],
  input: Type.Object({ profileId: Uuid, email: Type.String({ minLength: 3, maxLength: 320 }) }, CLOSED),
  rule: async (ctx, input) => {
    const row = await findProfileRow(ctx.db, input.profileId);
    return row && ctx.user && mayReachProfile(ctx.user, row) ? true : 'not-found';
  },
  run: async (ctx, input) => {
    const row = await findProfileRow(ctx.db, input.profileId);
    if (!row || !ctx.user) throw notFound('No such profile', 'profileId');
    if (row.user_id) throw conflict('This person has an account already', 'profileId', 'has_account');
    const organisationId = row.organisation_id;
    const made = await invite(
      { ...ctx, user: ctx.user },
      { organisationId, email: input.email, name: await displayNameOf(ctx.db, ctx.cipher, row.id), role: 'migrant' },
      ctx.now,
    );
    const invitationId = made.invitation.id;
    // The link is part of the invitation (same id): its change entry covers both.
    await ctx.db
      .insertInto('profile_invitation')
      .values({ invitation_id: invitationId, profile_id: row.id, organisation_id: organisationId })
      .execute();
    const reason = `account for profile ${row.id}`;
    ctx.audit({ action: 'create', entity: 'invitation', entityId: invitationId, organisationId, reason });
    const acceptUrl = `${ctx.config.publicUrl}/invitation#${made.token}`;
    return { invitation: made.invitation, acceptUrl, contactLanguage: row.contact_language };
  },
});

export const accountRoutes = [
  commandRoute({
    method: 'POST',
    url: '/profiles/:profileId/invitation',
    summary: 'Invite the person to their own account, linked to this profile (one-time link, 7 days)',
    tags: ['profiles'],
    schema: {
      params: Type.Object({ profileId: Uuid }),
      body: Type.Object({ email: Type.String({ minLength: 3, maxLength: 320 }) }, { additionalProperties: false }),
      response: {
        201: Type.Object({ acceptUrl: Type.String(), expiresAt: Type.String(), emailed: Type.Boolean() }),
      },
    },
    command: inviteToOwnAccount,
    replayable: false,
    input: (ctx) => ({ profileId: ctx.params.profileId, email: ctx.body.email }),
    // After the commit, in the person's contact language (chosen with them), else the advisor's interface language.
    output: async ({ invitation, acceptUrl, contactLanguage }, ctx) => {
      const lang = chooseMailLang(mailLangOf(contactLanguage), mailLangOfAcceptLanguage(ctx.acceptLanguage));
      const mail = { to: invitation.email, ...mailText('account', lang, { name: invitation.name, url: acceptUrl }) };
      return { acceptUrl, expiresAt: invitation.expiresAt, emailed: await ctx.services.get('mailer').send(mail) };
    },
    example: async (world) => {
      const { exampleProfile } = await import('./testing.js');
      return {
        params: { profileId: await exampleProfile(world, false) },
        body: { email: `person.${Math.random().toString(36).slice(2)}@example.org` },
      };
    },
  }),
];
