// Protection writes as commands: the case (plan, referrals, follow-ups, outcomes, transfers, supervision), the
// vulnerability screening, the person's confidential reports, the fee log and its register, exchange rates and the
// hiring guide. Each runs in one transaction with its audit and change entries; a failing one leaves nothing.
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { defineCommand, type CommandContext } from '../kernel/command.js';
import { conflict, DomainError, forbidden, invalid, isDomainError, notFound, staleVersion } from '../kernel/errors.js';
import { hasConsent } from '../identity/domain.js';
import {
  setProfileSeeking,
  transferProfile,
  checkUrisExist,
  escoContext,
  occupationFacts,
  checkDate,
} from '../profiles/domain.js';
import { fillVacancyPost, findVacancyRow } from '../vacancies/domain.js';
import { updateVersioned } from '../db/versioned.js';
import { CLOSED, Uuid } from '../shared/typebox.js';
import {
  EarningsInput,
  ExchangeRateInput,
  FeeInput,
  FollowUpInput,
  GoalInput,
  GuideInput,
  OutcomeInput,
  RecruiterInput,
  ReferralInput,
  REFERRAL_STATUSES,
  ReportInput,
  ScreeningInput,
  ServiceInput,
  TransferInput,
  type Outcome,
  type Referral,
} from './model.js';
import { CASE_STAFF, mayReadConfidential, reachPerson, supervisesAny } from './policy.js';
import { sealReport, sealScreening } from './sealed.js';
import { ALERT_CATEGORY, alertsOf, question } from './screening.js';
import {
  checkCurrency,
  checkPastDate,
  checkStaff,
  dayOf,
  ensureCase,
  findReferralRow,
  getReferral,
  insertFee,
  serviceFor,
  setCaseAdvisors,
  toCaseSummary,
  toFollowUp,
  toGoal,
  toOutcome,
  toRecruiter,
  toService,
} from './store.js';
import { StringEnum } from '../shared/typebox.js';

const Person = Type.Object({ migrantId: Uuid });
const person = <T extends Parameters<typeof Type.Composite>[0][number]>(t: T) => Type.Composite([Person, t], CLOSED);

/** The organisation holding the person (the rule checked it exists). */
async function organisationOf(ctx: CommandContext, migrantId: string): Promise<string> {
  const org = await ctx.services.get('migrants').organisationOf(ctx.db, migrantId);
  if (!org) throw notFound('No such person', 'migrantId');
  return org;
}

/** The person's case, opened now if needed (an advisor opening it leads it). */
async function openCase(ctx: CommandContext, migrantId: string) {
  const organisationId = await organisationOf(ctx, migrantId);
  const { row, created } = await ensureCase(ctx.db, {
    id: randomUUID(),
    migrantId,
    organisationId,
    advisorId: ctx.user?.role === 'advisor' ? ctx.user.id : null,
  });
  if (created) record(ctx, 'protection_case', row.id, 'create', row);
  return row;
}

/** One change entry and one audit entry per changed record, both naming the person. */
function record(
  ctx: CommandContext,
  entity: string,
  id: string,
  op: 'create' | 'update' | 'delete',
  row: { organisation_id: string; migrant_id: string },
  fields?: string[],
): void {
  ctx.changed({ entity, id, op, organisationId: row.organisation_id, subjectId: row.migrant_id });
  ctx.audit({ action: op, entity, entityId: id, organisationId: row.organisation_id, fields });
}

const staffRule = (ctx: CommandContext, input: { migrantId: string }) => reachPerson(ctx, input.migrantId);

// ---- action plan ----

export const saveGoal = defineCommand({
  name: 'protection.saveGoal',
  roles: CASE_STAFF,
  input: person(GoalInput),
  rule: staffRule,
  run: async (ctx, input) => {
    const c = await openCase(ctx, input.migrantId);
    checkDate(input.dueDate, 'dueDate');
    if (input.ownerUserId) await checkStaff(ctx.db, c.organisation_id, input.ownerUserId, 'ownerUserId');
    const values = {
      title: input.title,
      steps: JSON.stringify(input.steps),
      owner: input.owner,
      owner_user_id: input.ownerUserId ?? null,
      due_date: input.dueDate,
      status: input.status ?? 'open',
    };
    if (input.version !== undefined) {
      if (!input.id) throw invalid('Name the goal to edit', 'id');
      const row = await updateVersioned(ctx.db, 'protection_goal', {
        id: input.id,
        version: input.version,
        values,
        noun: 'goal',
        missing: () => notFound('No such goal', 'id'),
        where: (eb) => eb('migrant_id', '=', input.migrantId),
      });
      record(ctx, 'protection_goal', row.id, 'update', row);
      return toGoal(row);
    }
    const row = await ctx.db
      .insertInto('protection_goal')
      .values({
        id: input.id ?? randomUUID(),
        organisation_id: c.organisation_id,
        migrant_id: input.migrantId,
        ...values,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw conflict('A goal with this id exists already', 'id', 'exists');
    record(ctx, 'protection_goal', row.id, 'create', row);
    return toGoal(row);
  },
});

// ---- service directory and referrals ----

export const addService = defineCommand({
  name: 'protection.addService',
  roles: CASE_STAFF,
  input: ServiceInput,
  run: async (ctx, input) => {
    if (!ctx.user) throw invalid('A service belongs to an organisation’s directory');
    const row = await ctx.db
      .insertInto('protection_service')
      .values({
        id: input.id ?? randomUUID(),
        organisation_id: ctx.user.organisationId,
        name: input.name,
        category: input.category,
        country: input.country,
        region: input.region,
        contact: input.contact,
        languages: JSON.stringify(input.languages),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw conflict('A service with this id exists already', 'id', 'exists');
    ctx.changed({ entity: 'protection_service', id: row.id, op: 'create', organisationId: row.organisation_id });
    ctx.audit({ action: 'create', entity: 'protection_service', entityId: row.id });
    return toService(row);
  },
});

interface NewReferral {
  id?: string;
  category: string;
  serviceId?: string | null;
  targetOrganisationId?: string | null;
  note?: string | null;
  urgent: boolean;
}

async function insertReferral(
  ctx: CommandContext,
  c: { organisation_id: string; migrant_id: string },
  input: NewReferral,
  source: 'advisor' | 'screening' | 'report',
): Promise<Referral> {
  if (input.serviceId && input.targetOrganisationId) {
    throw invalid('Refer to a directory service or to an organisation, not both', 'targetOrganisationId');
  }
  if (input.serviceId) {
    const s = await ctx.db
      .selectFrom('protection_service')
      .select(['organisation_id', 'category'])
      .where('id', '=', input.serviceId)
      .executeTakeFirst();
    if (!s || s.organisation_id !== c.organisation_id) throw invalid('Not a service of your directory', 'serviceId');
    if (s.category !== input.category) throw invalid(`This service is listed under ${s.category}`, 'serviceId');
  }
  if (input.targetOrganisationId) {
    const org = await ctx.db
      .selectFrom('organisation')
      .select('id')
      .where('id', '=', input.targetOrganisationId)
      .executeTakeFirst();
    if (!org || org.id === c.organisation_id)
      throw invalid('Not another organisation on Corridor', 'targetOrganisationId');
    const agreed = await hasConsent(ctx.db, c.migrant_id, 'share_with_organisation', { organisationId: org.id });
    if (!agreed) {
      throw invalid(
        'The person has not agreed to share their record with this organisation: record their consent first',
        'targetOrganisationId',
        'no_consent',
      );
    }
  }
  const row = await ctx.db
    .insertInto('protection_referral')
    .values({
      id: input.id ?? randomUUID(),
      organisation_id: c.organisation_id,
      migrant_id: c.migrant_id,
      category: input.category,
      service_id: input.serviceId ?? null,
      target_organisation_id: input.targetOrganisationId ?? null,
      note: input.note ?? null,
      status: input.serviceId || input.targetOrganisationId ? 'sent' : 'raised',
      urgent: input.urgent,
      source,
      created_by: ctx.user?.id ?? null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row) throw conflict('A referral with this id exists already', 'id', 'exists');
  record(ctx, 'protection_referral', row.id, 'create', row);
  return getReferral(ctx.db, row.id);
}

export const refer = defineCommand({
  name: 'protection.refer',
  roles: CASE_STAFF,
  input: person(ReferralInput),
  rule: staffRule,
  run: async (ctx, input) => insertReferral(ctx, await openCase(ctx, input.migrantId), input, 'advisor'),
});

/** The referring organisation follows its referral up; the receiving one accepts, declines or completes it. */
export const setReferralStatus = defineCommand({
  name: 'protection.setReferralStatus',
  roles: CASE_STAFF,
  input: Type.Object(
    {
      referralId: Uuid,
      version: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
      status: StringEnum(REFERRAL_STATUSES.filter((s) => s !== 'raised')),
    },
    CLOSED,
  ),
  rule: async (ctx, input) => {
    const r = await findReferralRow(ctx.db, input.referralId);
    if (!r || !ctx.user) return 'not-found';
    return r.organisation_id === ctx.user.organisationId || r.target_organisation_id === ctx.user.organisationId
      ? true
      : 'not-found';
  },
  run: async (ctx, input) => {
    const r = (await findReferralRow(ctx.db, input.referralId))!;
    const receiving = ctx.user !== null && r.target_organisation_id === ctx.user.organisationId;
    if (receiving && input.status === 'sent')
      throw invalid('The receiving organisation accepts, declines or completes', 'status');
    const row = await updateVersioned(ctx.db, 'protection_referral', {
      id: input.referralId,
      version: input.version,
      values: { status: input.status },
      noun: 'referral',
      missing: () => notFound('No such referral', 'referralId'),
    });
    record(ctx, 'protection_referral', row.id, 'update', row);
    return getReferral(ctx.db, row.id);
  },
});

// ---- follow-ups ----

export const scheduleFollowUp = defineCommand({
  name: 'protection.scheduleFollowUp',
  roles: CASE_STAFF,
  input: person(FollowUpInput),
  rule: staffRule,
  run: async (ctx, input) => {
    const c = await openCase(ctx, input.migrantId);
    checkDate(input.dueDate, 'dueDate');
    const assignedTo = input.assignedTo === undefined ? (ctx.user?.id ?? null) : input.assignedTo;
    if (assignedTo) await checkStaff(ctx.db, c.organisation_id, assignedTo, 'assignedTo');
    const row = await ctx.db
      .insertInto('protection_follow_up')
      .values({
        id: input.id ?? randomUUID(),
        organisation_id: c.organisation_id,
        migrant_id: input.migrantId,
        due_date: input.dueDate,
        purpose: input.purpose,
        assigned_to: assignedTo,
        created_by: ctx.user?.id ?? null,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw conflict('A follow-up with this id exists already', 'id', 'exists');
    record(ctx, 'protection_follow_up', row.id, 'create', row);
    return toFollowUp(row, dayOf(ctx.now));
  },
});

export const completeFollowUp = defineCommand({
  name: 'protection.completeFollowUp',
  roles: CASE_STAFF,
  input: Type.Object(
    {
      followUpId: Uuid,
      version: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
      note: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 2000 })])),
    },
    CLOSED,
  ),
  rule: async (ctx, input) => {
    const f = await ctx.db
      .selectFrom('protection_follow_up')
      .select('migrant_id')
      .where('id', '=', input.followUpId)
      .executeTakeFirst();
    return f ? reachPerson(ctx, f.migrant_id) : 'not-found';
  },
  run: async (ctx, input) => {
    const row = await updateVersioned(ctx.db, 'protection_follow_up', {
      id: input.followUpId,
      version: input.version,
      values: { done_at: ctx.now, done_note: input.note ?? null },
      noun: 'follow-up',
      missing: () => notFound('No such follow-up', 'followUpId'),
    });
    record(ctx, 'protection_follow_up', row.id, 'update', row);
    return toFollowUp(row, dayOf(ctx.now));
  },
});

// ---- outcomes ----

/**
 * An outcome with its date. "Employed" is a placement: it fills a post of the vacancy when one is named (the last
 * post closes it) and takes the person out of matching (seeking: false), through those capabilities' commands.
 */
export const recordOutcome = defineCommand({
  name: 'protection.recordOutcome',
  roles: CASE_STAFF,
  input: person(OutcomeInput),
  rule: staffRule,
  run: async (ctx, input): Promise<Outcome> => {
    const c = await openCase(ctx, input.migrantId);
    checkPastDate(input.date, 'date', ctx.now);
    const e = input.employment;
    if (input.kind === 'employed' && !e) throw invalid('Say where the person works', 'employment');
    if (input.kind !== 'employed' && e) throw invalid('Only an "employed" outcome has an employment', 'employment');
    if (input.kind.startsWith('training') && !input.training) throw invalid('Name the training', 'training');
    if (input.kind === 'returned' && !input.returnedTo) throw invalid('Say where the person returned to', 'returnedTo');
    let isco: string | null = null;
    let vacancyClosed: boolean | undefined;
    if (e) {
      const esco = await escoContext(ctx.db);
      await checkUrisExist(ctx.db, esco, [
        { uri: e.occupationUri, path: 'employment.occupationUri', kind: 'occupation' },
      ]);
      isco = (await occupationFacts(ctx.db, esco, e.occupationUri))?.isco ?? '';
      if (e.wage) checkCurrency(e.wage.currency, 'employment.wage.currency');
      if (e.vacancyId) {
        const v = await findVacancyRow(ctx.db, e.vacancyId);
        if (!v) throw invalid('No such vacancy', 'employment.vacancyId');
        if (v.status !== 'open') {
          throw conflict(
            'This vacancy is closed: all its posts are filled or the employer closed it',
            'employment.vacancyId',
          );
        }
        // The vacancy's own command (its policy, audit and change entry); its errors are this field's.
        const filled = await ctx.run(fillVacancyPost, { vacancyId: e.vacancyId }).catch((err: unknown) => {
          throw isDomainError(err) ? new DomainError(err.kind, err.code, err.message, 'employment.vacancyId') : err;
        });
        vacancyClosed = filled.status === 'closed';
      }
    }
    const row = await ctx.db
      .insertInto('protection_outcome')
      .values({
        id: input.id ?? randomUUID(),
        organisation_id: c.organisation_id,
        migrant_id: input.migrantId,
        kind: input.kind,
        occurred_on: input.date,
        note: input.note ?? null,
        vacancy_id: e?.vacancyId ?? null,
        employer_name: e?.employerName ?? null,
        occupation_uri: e?.occupationUri ?? null,
        isco,
        sector: e?.sector ?? null,
        contract_type: e?.contractType ?? null,
        wage_amount: e?.wage ? e.wage.amount.toFixed(2) : null,
        wage_currency: e?.wage?.currency ?? null,
        wage_period: e?.wage?.period ?? null,
        training_title: input.training?.title ?? null,
        returned_to: input.kind === 'returned' ? (input.returnedTo ?? null) : null,
        created_by: ctx.user?.id ?? null,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw conflict('An outcome with this id exists already', 'id', 'exists');
    record(ctx, 'protection_outcome', row.id, 'create', row);
    // Placed or gone home: no longer looking for work, so out of matching.
    if (input.kind === 'employed' || input.kind === 'returned') {
      await ctx.run(setProfileSeeking, { profileId: input.migrantId, seeking: false });
    }
    return { ...toOutcome(row), ...(vacancyClosed === undefined ? {} : { vacancyClosed }) };
  },
});

// ---- who works on the case ----

/** Advisors of the case, their supervisors, and org admins may hand it on; other advisors may not. */
async function mayHandOn(ctx: CommandContext, c: { advisor_ids: string[] }): Promise<boolean> {
  if (!ctx.user) return true;
  if (ctx.user.role === 'org_admin' || c.advisor_ids.includes(ctx.user.id)) return true;
  return supervisesAny(ctx.db, ctx.user.id, c.advisor_ids);
}

export const transferCase = defineCommand({
  name: 'protection.transferCase',
  roles: CASE_STAFF,
  input: person(TransferInput),
  rule: staffRule,
  run: async (ctx, input) => {
    if (!input.personAgreed)
      throw invalid('A case moves only with the person’s agreement', 'personAgreed', 'no_consent');
    const to = input.toAdvisorId ?? null;
    const toOrg = input.toOrganisationId ?? null;
    if ((to === null) === (toOrg === null))
      throw invalid('Name another advisor or another organisation', 'toAdvisorId');
    const c = await openCase(ctx, input.migrantId);
    const unassigned = c.lead_advisor_id === null && c.advisor_ids.length === 0;
    // An unassigned case (e.g. one transferred in) may be taken by any advisor of the organisation.
    const taking = unassigned && to !== null && ctx.user?.id === to;
    if (!taking && !(await mayHandOn(ctx, c))) {
      throw forbidden('Only the case’s advisors, their supervisor or an organisation administrator hand a case on');
    }
    let row = c;
    if (to) {
      await checkStaff(ctx.db, c.organisation_id, to, 'toAdvisorId');
      if (to === c.lead_advisor_id) throw invalid('This advisor already leads the case', 'toAdvisorId');
      // The previous lead hands over: they stop reading the confidential part with the case.
      row = await setCaseAdvisors(ctx.db, c.id, to, [...c.advisor_ids.filter((a) => a !== c.lead_advisor_id), to]);
    } else if (toOrg) {
      if (toOrg === c.organisation_id) throw invalid('The case is already held here', 'toOrganisationId');
      const org = await ctx.db.selectFrom('organisation').select('id').where('id', '=', toOrg).executeTakeFirst();
      if (!org) throw invalid('Not an organisation on Corridor', 'toOrganisationId');
      if (!(await hasConsent(ctx.db, input.migrantId, 'share_with_organisation', { organisationId: toOrg }))) {
        throw invalid(
          'The person’s consent to share their record with this organisation is not in force: record it first',
          'toOrganisationId',
          'no_consent',
        );
      }
      await ctx.run(transferProfile, { profileId: input.migrantId, organisationId: toOrg });
      for (const table of [
        'protection_goal',
        'protection_referral',
        'protection_follow_up',
        'protection_outcome',
        'protection_screening',
        'protection_report',
        'protection_fee',
        'protection_earnings',
      ] as const) {
        await ctx.db
          .updateTable(table)
          .set({ organisation_id: toOrg })
          .where('migrant_id', '=', input.migrantId)
          .execute();
      }
      // The receiving organisation assigns it: nobody there reads the confidential part until then.
      row = await ctx.db
        .updateTable('protection_case')
        .set((eb) => ({
          organisation_id: toOrg,
          lead_advisor_id: null,
          advisor_ids: '[]',
          version: eb('version', '+', 1),
          updated_at: ctx.now,
        }))
        .where('id', '=', c.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    const id = randomUUID();
    await ctx.db
      .insertInto('protection_transfer')
      .values({
        id,
        migrant_id: input.migrantId,
        from_organisation_id: c.organisation_id,
        to_organisation_id: row.organisation_id,
        from_advisor_id: c.lead_advisor_id,
        to_advisor_id: to,
        note: input.note ?? null,
        created_by: ctx.user?.id ?? null,
      })
      .execute();
    record(ctx, 'protection_case', row.id, 'update', row);
    ctx.audit({
      action: 'transfer',
      entity: 'protection_case',
      entityId: row.id,
      organisationId: c.organisation_id,
      reason: toOrg
        ? `to organisation ${toOrg}, with the person’s consent`
        : `to advisor ${to}, with the person’s agreement`,
    });
    return toCaseSummary(row);
  },
});

/** An org admin says whose cases a supervisor oversees (replaces the team). */
export const setTeam = defineCommand({
  name: 'protection.setTeam',
  roles: ['org_admin'],
  input: Type.Object(
    {
      supervisorId: Type.String({ pattern: '^[A-Za-z0-9_-]{1,100}$' }),
      advisorIds: Type.Array(Type.String({ pattern: '^[A-Za-z0-9_-]{1,100}$' }), { maxItems: 200 }),
    },
    CLOSED,
  ),
  rule: async (ctx, input) => {
    const u = await ctx.db
      .selectFrom('app_user')
      .select('organisation_id')
      .where('id', '=', input.supervisorId)
      .executeTakeFirst();
    return u && ctx.user && u.organisation_id === ctx.user.organisationId ? true : 'not-found';
  },
  run: async (ctx, input) => {
    const org =
      ctx.user?.organisationId ??
      (
        await ctx.db
          .selectFrom('app_user')
          .select('organisation_id')
          .where('id', '=', input.supervisorId)
          .executeTakeFirstOrThrow()
      ).organisation_id;
    await checkStaff(ctx.db, org, input.supervisorId, 'supervisorId');
    for (const [i, a] of input.advisorIds.entries()) {
      await checkStaff(ctx.db, org, a, `advisorIds.${i}`);
      if (a === input.supervisorId) throw invalid('A supervisor does not supervise themself', `advisorIds.${i}`);
    }
    await ctx.db.deleteFrom('protection_supervision').where('supervisor_id', '=', input.supervisorId).execute();
    if (input.advisorIds.length) {
      await ctx.db
        .insertInto('protection_supervision')
        .values(
          [...new Set(input.advisorIds)].map((a) => ({
            organisation_id: org,
            supervisor_id: input.supervisorId,
            advisor_id: a,
          })),
        )
        .execute();
    }
    ctx.changed({ entity: 'protection_team', id: input.supervisorId, op: 'update', organisationId: org });
    ctx.audit({ action: 'update', entity: 'protection_team', entityId: input.supervisorId, organisationId: org });
    return { supervisorId: input.supervisorId, advisorIds: [...new Set(input.advisorIds)] };
  },
});

// ---- vulnerability screening ----

/**
 * A screening by one of the case's advisors (an advisor screening an unassigned case takes it). Answers that show
 * trafficking, forced labour, violence or a child at risk raise an urgent referral of the matching category at
 * once, to the directory's service of that category when there is one, unless such a referral is already open.
 */
export const recordScreening = defineCommand({
  name: 'protection.recordScreening',
  roles: ['advisor'],
  input: person(ScreeningInput),
  rule: staffRule,
  run: async (ctx, input) => {
    checkPastDate(input.screenedOn, 'screenedOn', ctx.now);
    const seen = new Set<string>();
    input.answers.forEach((a, i) => {
      if (seen.has(a.question)) throw invalid('This question is answered twice', `answers.${i}.question`);
      seen.add(a.question);
    });
    let c = await openCase(ctx, input.migrantId);
    if (ctx.user && !c.advisor_ids.includes(ctx.user.id)) {
      if (c.advisor_ids.length > 0) throw forbidden('Only the case’s advisors record a screening');
      c = await setCaseAdvisors(ctx.db, c.id, ctx.user.id, [ctx.user.id]);
      record(ctx, 'protection_case', c.id, 'update', c);
    }
    const alerts = alertsOf(input.answers);
    const id = input.id ?? randomUUID();
    const sealer = { db: ctx.db, cipher: ctx.cipher, migrantId: input.migrantId, organisationId: c.organisation_id };
    const sealed = await sealScreening(sealer, id, {
      answers: input.answers.map((a) => ({
        question: a.question,
        level: question(a.question)!.level,
        answer: a.answer,
        factor: a.factor,
        note: a.note ?? null,
      })),
      judgement: input.judgement ?? null,
      alerts,
    });
    const row = await ctx.db
      .insertInto('protection_screening')
      .values({
        id,
        organisation_id: c.organisation_id,
        migrant_id: input.migrantId,
        screened_on: input.screenedOn,
        sealed,
        created_by: ctx.user?.id ?? null,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw conflict('A screening with this id exists already', 'id', 'exists');
    record(ctx, 'protection_screening', row.id, 'create', row, ['answers', 'judgement']);
    const referrals: Referral[] = [];
    for (const alert of alerts) {
      const category = ALERT_CATEGORY[alert];
      const open = await ctx.db
        .selectFrom('protection_referral')
        .select('id')
        .where('migrant_id', '=', input.migrantId)
        .where('category', '=', category)
        .where('status', 'in', ['raised', 'sent', 'accepted'])
        .executeTakeFirst();
      if (open) continue;
      const service = await serviceFor(ctx.db, c.organisation_id, category);
      referrals.push(
        await insertReferral(
          ctx,
          c,
          { category, serviceId: service?.id ?? null, urgent: true, note: null },
          'screening',
        ),
      );
    }
    return { id: row.id, screenedOn: row.screened_on, alerts, referrals };
  },
});

// ---- the person's confidential report ----

export const sendReport = defineCommand({
  name: 'protection.sendReport',
  roles: ['migrant'],
  input: person(ReportInput),
  rule: (ctx, input) => reachPerson(ctx, input.migrantId, true),
  run: async (ctx, input) => {
    const c = await openCase(ctx, input.migrantId);
    const id = input.id ?? randomUUID();
    const sealer = { db: ctx.db, cipher: ctx.cipher, migrantId: input.migrantId, organisationId: c.organisation_id };
    const sealed = await sealReport(sealer, id, input.text);
    const row = await ctx.db
      .insertInto('protection_report')
      .values({
        id,
        organisation_id: c.organisation_id,
        migrant_id: input.migrantId,
        kind: input.kind,
        sealed,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw conflict('A report with this id exists already', 'id', 'exists');
    record(ctx, 'protection_report', row.id, 'create', row, ['text']);
    return { id: row.id, kind: row.kind, createdAt: new Date(row.created_at).toISOString() };
  },
});

/** Reports read on the confidential route are marked seen by the case's advisor who read them. */
export const markReportsSeen = defineCommand({
  name: 'protection.markReportsSeen',
  roles: CASE_STAFF,
  input: Person,
  rule: (ctx, input) => mayReadConfidential(ctx, input.migrantId),
  run: async (ctx, input) => {
    const rows = await ctx.db
      .updateTable('protection_report')
      .set({ seen_at: ctx.now, seen_by: ctx.user?.id ?? null })
      .where('migrant_id', '=', input.migrantId)
      .where('seen_at', 'is', null)
      .returning(['id', 'organisation_id', 'migrant_id'])
      .execute();
    for (const r of rows) record(ctx, 'protection_report', r.id, 'update', r);
    return { seen: rows.length };
  },
});

// ---- fee log ----

const feeRule = (ctx: CommandContext, input: { migrantId: string }) => reachPerson(ctx, input.migrantId, true);

export const recordFee = defineCommand({
  name: 'protection.recordFee',
  roles: [...CASE_STAFF, 'migrant'],
  input: person(FeeInput),
  rule: feeRule,
  run: async (ctx, input) => {
    checkCurrency(input.currency, 'currency');
    checkPastDate(input.paidOn, 'paidOn', ctx.now);
    if (!input.loan && input.loanInterest > 0)
      throw invalid('Interest is paid on a loan: tick "paid with a loan"', 'loanInterest');
    if (input.recruiterId) {
      const r = await ctx.db
        .selectFrom('protection_recruiter')
        .select('id')
        .where('id', '=', input.recruiterId)
        .executeTakeFirst();
      if (!r) throw invalid('No such recruiter in the register', 'recruiterId');
    }
    if (input.vacancyId && !(await findVacancyRow(ctx.db, input.vacancyId)))
      throw invalid('No such vacancy', 'vacancyId');
    const organisationId = await organisationOf(ctx, input.migrantId);
    const fee = await insertFee(
      ctx.db,
      { id: input.id ?? randomUUID(), organisationId, migrantId: input.migrantId, recordedBy: ctx.user?.id ?? null },
      input,
    );
    record(ctx, 'protection_fee', fee.id, 'create', { organisation_id: organisationId, migrant_id: input.migrantId });
    return fee;
  },
});

export const deleteFee = defineCommand({
  name: 'protection.deleteFee',
  roles: [...CASE_STAFF, 'migrant'],
  input: Type.Object({ feeId: Uuid }, CLOSED),
  rule: async (ctx, input) => {
    const f = await ctx.db
      .selectFrom('protection_fee')
      .select('migrant_id')
      .where('id', '=', input.feeId)
      .executeTakeFirst();
    return f ? reachPerson(ctx, f.migrant_id, true) : 'not-found';
  },
  run: async (ctx, input) => {
    const gone = await ctx.db
      .deleteFrom('protection_fee')
      .where('id', '=', input.feeId)
      .returning(['organisation_id', 'migrant_id'])
      .executeTakeFirst();
    if (!gone) throw notFound('No such fee', 'feeId');
    record(ctx, 'protection_fee', input.feeId, 'delete', gone);
    return null;
  },
});

export const recordEarnings = defineCommand({
  name: 'protection.recordEarnings',
  roles: [...CASE_STAFF, 'migrant'],
  input: person(EarningsInput),
  rule: feeRule,
  run: async (ctx, input) => {
    if (!(input.amount > 0)) throw invalid('Earnings must be more than zero', 'amount', 'zero_earnings');
    checkCurrency(input.currency, 'currency');
    if (input.month > dayOf(ctx.now).slice(0, 7)) throw invalid('This month is in the future', 'month', 'future_date');
    const organisationId = await organisationOf(ctx, input.migrantId);
    const values = {
      organisation_id: organisationId,
      month: input.month,
      amount: input.amount.toFixed(2),
      currency: input.currency,
      country: input.country,
      recorded_by: ctx.user?.id ?? null,
      updated_at: ctx.now,
    };
    await ctx.db
      .insertInto('protection_earnings')
      .values({ migrant_id: input.migrantId, ...values })
      .onConflict((oc) => oc.column('migrant_id').doUpdateSet(values))
      .execute();
    record(ctx, 'protection_earnings', input.migrantId, 'update', {
      organisation_id: organisationId,
      migrant_id: input.migrantId,
    });
    return { month: input.month, amount: Number(values.amount), currency: input.currency, country: input.country };
  },
});

export const saveRecruiter = defineCommand({
  name: 'protection.saveRecruiter',
  roles: CASE_STAFF,
  input: RecruiterInput,
  run: async (ctx, input) => {
    input.complaints.forEach((c, i) => checkPastDate(c.date, `complaints.${i}.date`, ctx.now));
    const values = {
      name: input.name,
      licence_number: input.licenceNumber ?? null,
      country: input.country,
      licence_status: input.licenceStatus,
      certification: input.certification ?? null,
      complaints: JSON.stringify(input.complaints),
    };
    let row;
    if (input.version !== undefined) {
      if (!input.id) throw invalid('Name the recruiter to edit', 'id');
      row = await updateVersioned(ctx.db, 'protection_recruiter', {
        id: input.id,
        version: input.version,
        values,
        noun: 'recruiter',
        missing: () => notFound('No such recruiter', 'id'),
      });
    } else {
      if (!ctx.user) throw invalid('A recruiter is recorded by someone of an organisation');
      row = await ctx.db
        .insertInto('protection_recruiter')
        .values({ id: input.id ?? randomUUID(), organisation_id: ctx.user.organisationId, ...values })
        .onConflict((oc) => oc.column('id').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) throw conflict('A recruiter with this id exists already', 'id', 'exists');
    }
    const op = input.version === undefined ? 'create' : 'update';
    ctx.changed({ entity: 'protection_recruiter', id: row.id, op });
    ctx.audit({ action: op, entity: 'protection_recruiter', entityId: row.id });
    return toRecruiter(row, 0);
  },
});

export const putExchangeRate = defineCommand({
  name: 'protection.putExchangeRate',
  roles: ['platform_admin'],
  input: ExchangeRateInput,
  run: async (ctx, input) => {
    checkCurrency(input.currency, 'currency');
    checkDate(input.validOn, 'validOn');
    if (input.currency === 'USD') throw invalid('Rates are per US dollar: USD is always 1', 'currency');
    const values = { per_usd: String(input.perUsd), example: input.example };
    await ctx.db
      .insertInto('protection_exchange_rate')
      .values({ currency: input.currency, valid_on: input.validOn, ...values })
      .onConflict((oc) => oc.columns(['currency', 'valid_on']).doUpdateSet(values))
      .execute();
    const id = `${input.currency}:${input.validOn}`;
    ctx.changed({ entity: 'protection_exchange_rate', id, op: 'update' });
    ctx.audit({ action: 'update', entity: 'protection_exchange_rate', entityId: id });
    return input;
  },
});

// ---- hiring guide ----

/** A new version of a rule's hiring guide (administrators); the older versions stay readable. */
export const putHiringGuide = defineCommand({
  name: 'protection.putHiringGuide',
  roles: ['platform_admin'],
  input: GuideInput,
  run: async (ctx, input) => {
    checkDate(input.reviewBy, 'reviewBy');
    const rule = await ctx.db
      .selectFrom('matching_eligibility_rule')
      .select('id')
      .where('id', '=', input.ruleId)
      .executeTakeFirst();
    if (!rule) throw notFound(`No eligibility rule "${input.ruleId}"`, 'ruleId');
    const latest = await ctx.db
      .selectFrom('protection_hiring_guide')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('rule_id', '=', input.ruleId)
      .executeTakeFirst();
    const current = Number(latest?.v ?? 0);
    if (current !== input.baseVersion) throw staleVersion('hiring guide');
    const version = current + 1;
    // Two editors at once: the primary key (rule, version) refuses the second.
    await ctx.db
      .insertInto('protection_hiring_guide')
      .values({
        rule_id: input.ruleId,
        version,
        hours_per_week: input.hoursPerWeek,
        change_of_employer: input.changeOfEmployer,
        duration_months: input.durationMonths,
        review_by: input.reviewBy,
        example: input.example,
        text: JSON.stringify(input.text),
        updated_by: ctx.user?.id ?? null,
      })
      .onConflict((oc) => oc.columns(['rule_id', 'version']).doNothing())
      .returning('version')
      .executeTakeFirst()
      .then((r) => {
        if (!r) throw staleVersion('hiring guide');
      });
    ctx.changed({ entity: 'protection_hiring_guide', id: input.ruleId, op: 'update', version });
    ctx.audit({ action: 'update', entity: 'protection_hiring_guide', entityId: input.ruleId });
    return { ruleId: input.ruleId, version };
  },
});
