// Contact requests over HTTP: the employer asks from a shortlist, each party's inbox (with an unread count for the
// header), the person's or their advisor's answer, the placement. E-mail, when an SMTP server is configured, only
// says there is something in the inbox: names of people and their contact details never go by e-mail.
import { Type } from '@sinclair/typebox';
import type { AuthUser } from '../../kernel/auth.js';
import type { CapabilityRegistry, PersonalDataContext } from '../../kernel/capability.js';
import { commandRoute, defineRoute, type RouteContext } from '../../kernel/route.js';
import { Outcome } from '../../protection/domain.js';
import { CLOSED, Uuid } from '../../shared/typebox.js';
import { chooseMailLang, mailLangOf, mailLangOfCountry, mailText, type MailLang } from '../../shared/mail-templates.js';
import { decideContact, markContactsSeen, recordPlacement, requestContact } from './commands.js';
import { ContactRequestInput, ContactRequestView, DecisionInput, Inbox, PlacementInput } from './model.js';
import { EMPLOYER_STAFF, HOLDER_STAFF, INBOX_ROLES, partyOf, type Party } from './policy.js';
import { isUnread, listContactRows, sealLegacyContactMessages, toViews, type ContactRow } from './store.js';
import { compactTables } from '../../db/compact.js';
import { instanceCipher } from '../../kernel/person-keys.js';
import { accountEmail } from '../../identity/domain.js';

type Ctx = RouteContext<object, AuthUser>;

async function viewOf(ctx: Ctx, row: ContactRow, party: Party) {
  return (await toViews(ctx.db, ctx.cipher, [{ row, party }]))[0]!;
}

/** The caller's requests, each with the caller's party on it. */
async function inboxRows(ctx: Ctx): Promise<{ row: ContactRow; party: Party }[]> {
  const user = ctx.user;
  const migrantId =
    user.role === 'migrant' ? await ctx.services.get('migrants').migrantIdForUser(ctx.db, user.id) : undefined;
  const rows = await listContactRows(ctx.db, {
    organisationId: user.organisationId,
    employer: (EMPLOYER_STAFF as readonly string[]).includes(user.role),
    holder: (HOLDER_STAFF as readonly string[]).includes(user.role),
    migrantId,
  });
  const out: { row: ContactRow; party: Party }[] = [];
  for (const row of rows) {
    const party = await partyOf(ctx, row);
    if (party) out.push({ row, party });
  }
  return out;
}

/**
 * The e-mail address of a user account (active) and the language to write to them in: their own when known
 * (`ownLanguage`, a person's contact language), else their organisation's country's (staff have no stored language,
 * and the caller's interface language is the other party's, not theirs). Null without an active account.
 */
async function recipientOf(
  ctx: Ctx,
  userId: string | null,
  ownLanguage?: string | null,
): Promise<{ email: string; lang: MailLang } | null> {
  if (!userId) return null;
  const u = await ctx.db
    .selectFrom('app_user')
    .leftJoin('organisation', 'organisation.id', 'app_user.organisation_id')
    .select(['app_user.disabled_at', 'organisation.country'])
    .where('app_user.id', '=', userId)
    .executeTakeFirst();
  if (!u || u.disabled_at) return null;
  // Opened only to send this message (the account's key, one unwrap).
  const email = await accountEmail(ctx.db, ctx.cipher, userId);
  if (!email) return null;
  return { email, lang: chooseMailLang(mailLangOf(ownLanguage), mailLangOfCountry(u.country)) };
}

/** After the commit: a short note that the inbox has something, to whoever should answer. Failures only logged. */
async function mailNewRequest(ctx: Ctx, row: ContactRow): Promise<void> {
  const mailer = ctx.services.get('mailer');
  if (!mailer.enabled) return;
  const inbox = `${ctx.config.publicUrl}/inbox`;
  const profile = await ctx.db
    .selectFrom('profile')
    .select(['user_id', 'created_by', 'contact_language'])
    .where('id', '=', row.migrant_id)
    .executeTakeFirst();
  const person = await recipientOf(ctx, profile?.user_id ?? null, profile?.contact_language);
  if (person) {
    await mailer.send({ to: person.email, ...mailText('contactRequestPerson', person.lang, { url: inbox }) });
  }
  const advisor = await recipientOf(ctx, profile?.created_by ?? null);
  if (advisor && advisor.email !== person?.email) {
    await mailer.send({ to: advisor.email, ...mailText('contactRequestAdvisor', advisor.lang, { url: inbox }) });
  }
}

async function mailDecision(ctx: Ctx, row: ContactRow): Promise<void> {
  const mailer = ctx.services.get('mailer');
  const to = mailer.enabled ? await recipientOf(ctx, row.requested_by) : null;
  if (!to) return;
  await mailer.send({
    to: to.email,
    ...mailText('contactAnswered', to.lang, { url: `${ctx.config.publicUrl}/inbox` }),
  });
}

const RequestParams = Type.Object({ requestId: Uuid });

export const contactRoutes = [
  defineRoute({
    method: 'GET',
    url: '/contact-requests',
    summary: 'The caller’s contact requests (employer: asked; advisor: about their people; migrant: about them)',
    tags: ['matching'],
    schema: { response: { 200: Inbox } },
    access: { roles: INBOX_ROLES },
    handler: async (ctx) => {
      const rows = await inboxRows(ctx);
      const requests = await toViews(ctx.db, ctx.cipher, rows);
      // Who read which request (ids only).
      for (const r of requests) {
        await ctx.audit({
          action: 'read',
          entity: 'contact_request',
          entityId: r.id,
          fields: r.contact ? ['contact'] : [],
        });
      }
      return { requests, unread: requests.filter((r) => r.unread).length };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/contact-requests/unread',
    summary: 'How many of the caller’s contact requests changed since they last opened the inbox (a count only)',
    tags: ['matching'],
    schema: { response: { 200: Type.Object({ unread: Type.Integer() }) } },
    access: { roles: INBOX_ROLES },
    handler: async (ctx) => ({ unread: (await inboxRows(ctx)).filter((r) => isUnread(r.row, r.party)).length }),
  }),
  commandRoute({
    method: 'POST',
    url: '/contact-requests',
    summary: 'Ask to contact a candidate of one of your vacancies (only someone whose consent lets you see them)',
    tags: ['matching'],
    schema: { body: ContactRequestInput, response: { 201: ContactRequestView } },
    command: requestContact,
    input: (ctx) => ctx.body,
    output: async ({ row, created }, ctx) => {
      if (created) await mailNewRequest(ctx, row);
      return viewOf(ctx, row, 'employer');
    },
    example: async (world) => {
      const { matchingExampleVacancy } = await import('../testing.js');
      const { consentingCandidate } = await import('./testing.js');
      return {
        body: { vacancyId: await matchingExampleVacancy(world), migrantId: await consentingCandidate(world) },
      };
    },
  }),
  commandRoute({
    method: 'POST',
    url: '/contact-requests/:requestId/decision',
    summary: 'Accept (with the contact details the person chooses) or decline; staff answer only for the person',
    tags: ['matching'],
    schema: {
      params: RequestParams,
      body: Type.Omit(DecisionInput, ['requestId'], CLOSED),
      response: { 200: ContactRequestView },
    },
    command: decideContact,
    input: (ctx) => ({ ...ctx.body, requestId: ctx.params.requestId }),
    output: async (row, ctx) => {
      await mailDecision(ctx, row);
      return viewOf(ctx, row, ctx.user.role === 'migrant' ? 'migrant' : 'holder');
    },
    example: async (world) => {
      const { exampleContactRequest } = await import('./testing.js');
      return {
        params: { requestId: await exampleContactRequest(world) },
        body: { accept: true, personAgreed: true, contact: { phone: '+34 600 111 222' } },
      };
    },
  }),
  commandRoute({
    method: 'POST',
    url: '/contact-requests/:requestId/placement',
    summary: 'Record the placement that followed an accepted request (fills a post of the vacancy; out of matching)',
    tags: ['matching'],
    schema: {
      params: RequestParams,
      body: Type.Omit(PlacementInput, ['requestId'], CLOSED),
      response: { 201: Type.Object({ request: ContactRequestView, outcome: Outcome }) },
    },
    command: recordPlacement,
    input: (ctx) => ({ ...ctx.body, requestId: ctx.params.requestId }),
    output: async ({ row, outcome }, ctx) => ({ request: await viewOf(ctx, row, 'holder'), outcome }),
    example: async (world) => {
      const { exampleContactRequest } = await import('./testing.js');
      return {
        params: { requestId: await exampleContactRequest(world, { accepted: true }) },
        body: { startDate: '2025-10-01', contractType: 'permanent' },
      };
    },
  }),
  commandRoute({
    method: 'POST',
    url: '/contact-requests/seen',
    summary: 'Mark the caller’s contact requests as read (opening the inbox)',
    tags: ['matching'],
    schema: { body: Type.Object({}, CLOSED), response: { 200: Type.Object({ marked: Type.Integer() }) } },
    command: markContactsSeen,
    input: () => ({}),
    example: async () => ({ body: {} }),
  }),
];

/** Export and erasure of a person's contact requests (the details they gave are theirs). */
export function registerContactPersonalData(registry: CapabilityRegistry): void {
  // Messages left in clear (written before migration 0552) go under their people's keys before the server listens;
  // the table is then rewritten so no old row version keeps them.
  registry.onServe('seal contact messages', async ({ store, config, log }) => {
    const sealed = await sealLegacyContactMessages(store.db, instanceCipher(config));
    if (sealed > 0) {
      const failed = await compactTables(store, ['contact_request']);
      log.info({ sealed, compacted: failed.length === 0 }, 'contact messages sealed');
    }
  });
  const subjectOf = async (ctx: PersonalDataContext) =>
    ctx.subject.migrantId ??
    (ctx.subject.userId ? await ctx.services.get('migrants').migrantIdForUser(ctx.db, ctx.subject.userId) : null);
  registry.personalData({
    name: 'contactRequests',
    exportPersonalData: async (ctx) => {
      const migrantId = await subjectOf(ctx);
      if (!migrantId) return [];
      const rows = await ctx.db.selectFrom('contact_request').selectAll().where('migrant_id', '=', migrantId).execute();
      return toViews(
        ctx.db,
        ctx.cipher,
        rows.map((row) => ({ row, party: 'migrant' as const })),
      );
    },
    // The requests go: who asked whom about which job is personal data, and no statistic needs it.
    erasePersonalData: async (ctx) => {
      const migrantId = await subjectOf(ctx);
      if (!migrantId) return { erased: 0 };
      const gone = await ctx.db
        .deleteFrom('contact_request')
        .where('migrant_id', '=', migrantId)
        .returning('id')
        .execute();
      for (const { id } of gone) {
        ctx.changed({ entity: 'contact_request', id, op: 'delete', subjectId: migrantId });
      }
      return { erased: gone.length };
    },
  });
}
