// Issue 10: an advisor gives a person they added an account. The invitation (role migrant, the person's name) is
// linked to the profile, so accepting it opens this profile rather than a new, empty one. The link is shown to hand
// over and, when SMTP is configured, also sent to the address given.
import { Type } from '@sinclair/typebox';
import { createInvitation } from '../identity/domain.js';
import { conflict } from '../kernel/errors.js';
import { defineRoute } from '../kernel/route.js';
import { Uuid } from '../shared/typebox.js';
import { chooseMailLang, mailLangOf, mailLangOfAcceptLanguage, mailText } from '../shared/mail-templates.js';
import { mayReachProfile } from './policy.js';
import { findProfileRow } from './store.js';

const Params = Type.Object({ profileId: Uuid });

export const accountRoutes = [
  defineRoute({
    method: 'POST',
    url: '/profiles/:profileId/invitation',
    summary: 'Invite the person to their own account, linked to this profile (one-time link, 7 days)',
    tags: ['profiles'],
    schema: {
      params: Params,
      body: Type.Object({ email: Type.String({ minLength: 3, maxLength: 320 }) }, { additionalProperties: false }),
      response: {
        201: Type.Object({ acceptUrl: Type.String(), expiresAt: Type.String(), emailed: Type.Boolean() }),
      },
    },
    access: {
      roles: ['advisor', 'org_admin'],
      rule: async (ctx) => {
        const row = await findProfileRow(ctx.db, ctx.params.profileId);
        return row && mayReachProfile(ctx.user, row) ? true : 'not-found';
      },
    },
    example: async (world) => {
      const { exampleProfile } = await import('./testing.js');
      return {
        params: { profileId: await exampleProfile(world, false) },
        body: { email: `person.${Math.random().toString(36).slice(2)}@example.org` },
      };
    },
    handler: async (ctx) => {
      const row = (await findProfileRow(ctx.db, ctx.params.profileId))!;
      if (row.user_id) throw conflict('This person has an account already', 'params.profileId', 'has_account');
      const { invitation, token } = await ctx.transaction(async (tx) => {
        const made = await createInvitation(
          { db: tx.db, user: ctx.user, requestId: ctx.requestId, ip: ctx.ip },
          { organisationId: row.organisation_id, email: ctx.body.email, name: row.display_name, role: 'migrant' },
        );
        await tx.db
          .insertInto('profile_invitation')
          .values({ invitation_id: made.invitation.id, profile_id: row.id, organisation_id: row.organisation_id })
          .execute();
        await tx.audit({
          action: 'create',
          entity: 'invitation',
          entityId: made.invitation.id,
          organisationId: row.organisation_id,
          reason: `account for profile ${row.id}`,
        });
        return made;
      });
      const acceptUrl = `${ctx.config.publicUrl}/invitation#${token}`;
      // The person's contact language (chosen with them), else the advisor's interface language.
      const lang = chooseMailLang(mailLangOf(row.contact_language), mailLangOfAcceptLanguage(ctx.acceptLanguage));
      const emailed = await ctx.services.get('mailer').send({
        to: invitation.email,
        ...mailText('account', lang, { name: invitation.name, url: acceptUrl }),
      });
      return { acceptUrl, expiresAt: invitation.expiresAt, emailed };
    },
  }),
];
