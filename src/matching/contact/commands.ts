// Contact-request writes as commands: ask (employer), decide (the person, or their advisor for them), record the
// placement (advisor, through protection's outcome command), mark the inbox read. Each one transaction with its
// audit (ids and field names only) and change entries.
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { defineCommand, type CommandContext, type Decision } from '../../kernel/command.js';
import { conflict, DomainError, invalid, isDomainError, notFound } from '../../kernel/errors.js';
import { personCipher, sealedContext } from '../../kernel/person-keys.js';
import { recordOutcome, type Outcome } from '../../protection/domain.js';
import { employerConsents } from '../../profiles/domain.js';
import { mayManageVacancy, findVacancyRow } from '../../vacancies/domain.js';
import { CLOSED } from '../../shared/typebox.js';
import { ContactRequestInput, DecisionInput, PlacementInput, type SharedContact } from './model.js';
import { EMPLOYER_STAFF, HOLDER_STAFF, INBOX_ROLES, partyOf, type Party } from './policy.js';
import {
  contactContext,
  findContactRow,
  findPendingRow,
  listContactRows,
  seenColumn,
  type ContactRow,
} from './store.js';

function record(ctx: CommandContext, row: ContactRow, op: 'create' | 'update', fields?: string[]): void {
  ctx.changed({
    entity: 'contact_request',
    id: row.id,
    op,
    organisationId: row.organisation_id,
    subjectId: row.migrant_id,
  });
  ctx.audit({ action: op, entity: 'contact_request', entityId: row.id, organisationId: row.organisation_id, fields });
}

async function partyOn(
  ctx: CommandContext,
  requestId: string,
): Promise<{ row: ContactRow; party: Party } | 'not-found'> {
  if (!ctx.user) return 'not-found';
  const row = await findContactRow(ctx.db, requestId);
  if (!row) return 'not-found';
  const party = await partyOf({ db: ctx.db, services: ctx.services, user: ctx.user }, row);
  return party ? { row, party } : 'not-found';
}

/** The employer asks to contact a candidate of one of its open vacancies: only someone it may see (consent). */
export const requestContact = defineCommand({
  name: 'contact.request',
  roles: EMPLOYER_STAFF,
  input: ContactRequestInput,
  rule: async (ctx, input): Promise<Decision> => {
    const v = await findVacancyRow(ctx.db, input.vacancyId);
    if (!v || !ctx.user || !mayManageVacancy(ctx.user, v.organisation_id)) return 'not-found';
    // A person the employer may not see does not exist for it (visibility.ts: the consents in force for it).
    const consents = (await employerConsents(ctx.db, [input.migrantId], v.organisation_id))(input.migrantId);
    return consents.length > 0 ? true : 'not-found';
  },
  run: async (ctx, input) => {
    const v = (await findVacancyRow(ctx.db, input.vacancyId))!;
    if (v.status !== 'open') throw conflict('This vacancy is closed', 'vacancyId');
    const holder = await ctx.services.get('migrants').organisationOf(ctx.db, input.migrantId);
    if (!holder) throw notFound('No such candidate', 'migrantId');
    // Asking again while the first is open answers with the first.
    const pending = await findPendingRow(ctx.db, input.vacancyId, input.migrantId);
    if (pending) return { row: pending, created: false };
    const now = ctx.now;
    const id = input.id ?? randomUUID();
    // Sealed under the person's key: erasing them shreds it in every copy.
    const message = input.message?.trim() || null;
    const messageEnc = message
      ? (await personCipher(ctx.db, ctx.cipher, input.migrantId, holder)).encrypt(
          message,
          sealedContext.contactMessage(id),
        )
      : null;
    const row = await ctx.db
      .insertInto('contact_request')
      .values({
        id,
        organisation_id: holder,
        employer_organisation_id: v.organisation_id,
        migrant_id: input.migrantId,
        vacancy_id: input.vacancyId,
        requested_by: ctx.user?.id ?? 'system',
        message: null,
        message_enc: messageEnc,
        status: 'pending',
        decided_on_behalf: false,
        employer_seen_at: now,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw conflict('A contact request with this id exists already', 'id', 'exists');
    record(ctx, row, 'create');
    return { row, created: true };
  },
});

function cleanContact(c: SharedContact | undefined): SharedContact {
  const out: SharedContact = {};
  for (const k of ['name', 'phone', 'email', 'note'] as const) {
    const v = c?.[k]?.trim();
    if (v) out[k] = v;
  }
  if (!out.phone && !out.email && !out.note) {
    throw invalid('Give a phone number, an e-mail address or a note on how to reach you', 'contact.phone');
  }
  if (out.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(out.email)) {
    throw invalid('This is not an e-mail address', 'contact.email');
  }
  if (out.phone && !/^\+?[0-9 ()./-]{5,40}$/.test(out.phone)) {
    throw invalid('Write the phone number with digits (and + for the country code)', 'contact.phone');
  }
  return out;
}

/** The person accepts (giving the details they choose) or declines; their advisor may, saying the person agreed. */
export const decideContact = defineCommand({
  name: 'contact.decide',
  roles: ['migrant', ...HOLDER_STAFF],
  input: DecisionInput,
  rule: async (ctx, input) => {
    const found = await partyOn(ctx, input.requestId);
    if (found === 'not-found') return 'not-found';
    return found.party !== 'employer';
  },
  run: async (ctx, input) => {
    const row = (await findContactRow(ctx.db, input.requestId))!;
    const party: Party = ctx.user?.role === 'migrant' ? 'migrant' : 'holder';
    if (row.status !== 'pending') throw conflict('This request was answered already', 'requestId', 'decided');
    if (party === 'holder' && input.personAgreed !== true) {
      throw invalid('Answer for the person only when they told you so: tick the box', 'personAgreed');
    }
    let contactEnc: string | null = null;
    if (input.accept) {
      // Still visible to this employer? A withdrawn consent closes the door before any detail leaves.
      const consents = (await employerConsents(ctx.db, [row.migrant_id], row.employer_organisation_id))(row.migrant_id);
      if (consents.length === 0) {
        throw conflict('The person no longer shares their profile with this employer', 'requestId', 'no_consent');
      }
      contactEnc = ctx.cipher.encryptJson(cleanContact(input.contact), contactContext(row.id));
    } else if (input.contact) {
      throw invalid('Contact details are given only when accepting', 'contact');
    }
    const now = ctx.now;
    const updated = await ctx.db
      .updateTable('contact_request')
      .set({
        status: input.accept ? 'accepted' : 'declined',
        decided_by: ctx.user?.id ?? null,
        decided_at: now,
        decided_on_behalf: party === 'holder',
        contact_enc: contactEnc,
        updated_at: now,
        [seenColumn(party)]: now,
        version: row.version + 1,
      })
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw conflict('This request changed meanwhile: reload it', 'requestId', 'stale_version');
    record(ctx, updated, 'update', input.accept ? ['status', 'contact'] : ['status']);
    return updated;
  },
});

/**
 * The advisor records the placement that followed an accepted request: protection's outcome command does it (the
 * vacancy's post filled and closed when full, the person out of matching); the request keeps the outcome's id.
 */
export const recordPlacement = defineCommand({
  name: 'contact.recordPlacement',
  // Advisors: the vacancy's post is filled through vacancies' own command, which lets advisors (not another
  // organisation's admin) reach an employer's open vacancy.
  roles: ['advisor'],
  input: PlacementInput,
  rule: async (ctx, input) => {
    const found = await partyOn(ctx, input.requestId);
    if (found === 'not-found') return 'not-found';
    return found.party === 'holder';
  },
  run: async (ctx, input): Promise<{ row: ContactRow; outcome: Outcome }> => {
    const row = (await findContactRow(ctx.db, input.requestId))!;
    if (row.status !== 'accepted')
      throw conflict('Record a placement once the person accepted the contact', 'requestId');
    if (row.outcome_id) throw conflict('A placement is recorded for this request already', 'requestId', 'placed');
    const v = await findVacancyRow(ctx.db, row.vacancy_id);
    if (!v) throw notFound('The vacancy is gone', 'requestId');
    const employer = await ctx.db
      .selectFrom('organisation')
      .select('name')
      .where('id', '=', row.employer_organisation_id)
      .executeTakeFirst();
    const outcome = await ctx
      .run(recordOutcome, {
        migrantId: row.migrant_id,
        kind: 'employed',
        date: input.startDate,
        employment: {
          vacancyId: row.vacancy_id,
          employerName: input.employerName ?? employer?.name ?? v.title,
          occupationUri: input.occupationUri ?? v.occupation_uri,
          sector: v.sector,
          contractType: input.contractType,
        },
      })
      .catch((err: unknown) => {
        // Its errors in this input's terms.
        if (!isDomainError(err)) throw err;
        throw new DomainError(err.kind, err.code, err.message, PLACEMENT_PATHS[err.path ?? ''] ?? 'requestId');
      });
    const now = ctx.now;
    const updated = (await ctx.db
      .updateTable('contact_request')
      .set({ outcome_id: outcome.id, updated_at: now, holder_seen_at: now, version: row.version + 1 })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirst())!;
    record(ctx, updated, 'update', ['outcome']);
    return { row: updated, outcome };
  },
});

/** Where protection's outcome errors land in the placement's input. */
const PLACEMENT_PATHS: Record<string, string> = {
  date: 'startDate',
  'employment.occupationUri': 'occupationUri',
  'employment.contractType': 'contractType',
  'employment.employerName': 'employerName',
};

/** Opening the inbox marks what the caller's party was shown as read (the unread count in the header). */
export const markContactsSeen = defineCommand({
  name: 'contact.markSeen',
  roles: INBOX_ROLES,
  input: Type.Object({}, CLOSED),
  run: async (ctx) => {
    const user = ctx.user;
    if (!user) return { marked: 0 };
    const migrantId =
      user.role === 'migrant' ? await ctx.services.get('migrants').migrantIdForUser(ctx.db, user.id) : undefined;
    const rows = await listContactRows(ctx.db, {
      organisationId: user.organisationId,
      employer: (EMPLOYER_STAFF as readonly string[]).includes(user.role),
      holder: (HOLDER_STAFF as readonly string[]).includes(user.role),
      migrantId,
    });
    let marked = 0;
    for (const row of rows) {
      const party = await partyOf({ db: ctx.db, services: ctx.services, user }, row);
      if (!party) continue;
      const col = seenColumn(party);
      const seen = row[col];
      if (seen && new Date(seen).getTime() >= new Date(row.updated_at).getTime()) continue;
      // Only the reader's own column: not a change to the request itself, so no version bump nor change entry.
      await ctx.db
        .updateTable('contact_request')
        .set({ [col]: ctx.now })
        .where('id', '=', row.id)
        .execute();
      marked++;
    }
    return { marked };
  },
});
