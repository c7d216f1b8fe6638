// Protection over HTTP (/api/v1/protection) and the protection capability. Writes are commands; reads say who may
// (policy.ts). Every read of screening answers or reports writes an audit entry in the same transaction.
import { Type, type TProperties } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { defineCapability, type PersonalDataContext } from '../kernel/capability.js';
import { ROLES, commandRoute, defineRoute, type AnyRoute, type MatrixWorld } from '../kernel/route.js';
import { Country } from '../profiles/domain.js';
import { accountNames } from '../identity/domain.js';
import { StringEnum, Uuid } from '../shared/typebox.js';
import {
  addService,
  completeFollowUp,
  deleteFee,
  markReportsSeen,
  putExchangeRate,
  putHiringGuide,
  recordEarnings,
  recordFee,
  recordOutcome,
  recordScreening,
  refer,
  saveGoal,
  saveRecruiter,
  scheduleFollowUp,
  sendReport,
  setReferralStatus,
  setTeam,
  transferCase,
} from './commands.js';
import { guideForRule, guidesForCountry, guideVersions } from './guide.js';
import {
  CaseSummary,
  CaseView,
  EarningsInput,
  ExchangeRateInput,
  Fee,
  FeeInput,
  FeeLog,
  FlagList,
  FollowUp,
  FollowUpInput,
  Goal,
  GoalInput,
  GuideInput,
  HiringGuide,
  Outcome,
  OutcomeInput,
  Recruiter,
  RecruiterInput,
  Referral,
  ReferralInput,
  Report,
  ReportInput,
  Screening,
  ScreeningInput,
  Service,
  ServiceInput,
  TransferInput,
} from './model.js';
import { CASE_STAFF, REGISTER_READERS, isCaseStaff, mayReadConfidential, reachPerson } from './policy.js';
import { placementSource, recruitmentCostSource, screeningSource } from './statistics.js';
import {
  caseView,
  confidential,
  dayOf,
  fairRecruitmentFlags,
  feeLog,
  incomingReferrals,
  listRecruiters,
  listServices,
  overdueFollowUps,
  teamCaseload,
  toRate,
  unreadReports,
} from './store.js';
import { ALERTS } from './screening.js';

type Db = Kysely<Database>;

import { TeamCase } from './contract.js';

const fixtures = () => import('./testing.js');
const PersonParams = Type.Object({ migrantId: Uuid });
const Lang = Type.Optional(StringEnum(['en', 'es', 'fr', 'ar'] as const));
const CONFIDENTIAL_FIELDS = ['screening.answers', 'screening.notes', 'screening.judgement', 'reports.text'];

const today = () => dayOf(new Date());
/** A body naming the version it was read at (a stale version answers 409). */
function versioned<P extends TProperties>(properties: P) {
  return Type.Object(
    { version: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), ...properties },
    { additionalProperties: false },
  );
}

const personExample = async (world: MatrixWorld) => ({
  params: { migrantId: await (await fixtures()).exampleCase(world) },
});
/** The example of a route about a person's case: the example case and this body (or what makes it). */
const personBodyExample = (body: object | (() => Promise<unknown>)) => async (world: MatrixWorld) => ({
  ...(await personExample(world)),
  body: typeof body === 'function' ? await body() : body,
});

export const protectionRoutes: AnyRoute[] = [
  // ---- the case ----
  defineRoute({
    method: 'GET',
    url: '/protection/cases/:migrantId',
    summary: 'A person’s case: action plan, referrals, follow-ups, outcomes, transfers (no screening answers)',
    tags: ['protection'],
    schema: { params: PersonParams, response: { 200: CaseView } },
    access: { roles: CASE_STAFF, rule: (ctx) => reachPerson(ctx, ctx.params.migrantId) },
    example: personExample,
    handler: async (ctx) => {
      const view = await caseView(ctx.db, ctx.cipher, ctx.params.migrantId, today());
      const mayRead = (await mayReadConfidential(ctx, ctx.params.migrantId)) === true;
      return { ...view, mayReadScreening: mayRead };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/protection/cases/:migrantId/confidential',
    summary: 'Screening answers and the person’s reports: the case’s advisors, their supervisors, the person',
    description: 'Every read is audited. Reading as the case’s staff marks the person’s reports seen.',
    tags: ['protection'],
    schema: {
      params: PersonParams,
      response: { 200: Type.Object({ screenings: Type.Array(Screening), reports: Type.Array(Report) }) },
    },
    access: { roles: [...CASE_STAFF, 'migrant'], rule: (ctx) => mayReadConfidential(ctx, ctx.params.migrantId) },
    example: async (world) => ({ params: { migrantId: await (await fixtures()).exampleScreenedCase(world) } }),
    handler: (ctx) =>
      ctx.transaction(async (tx) => {
        const result = await confidential(tx.db, tx.cipher, tx.params.migrantId);
        await tx.audit({
          action: 'read',
          entity: 'protection_screening',
          entityId: tx.params.migrantId,
          organisationId: await tx.services.get('migrants').organisationOf(tx.db, tx.params.migrantId),
          fields: CONFIDENTIAL_FIELDS,
          reason: tx.user.role === 'migrant' ? 'the person reads their own record' : 'case work',
        });
        if (isCaseStaff(tx.user) && result.reports.some((r) => r.seenAt === null)) {
          await tx.execute(markReportsSeen, { migrantId: tx.params.migrantId });
        }
        return result;
      }),
  }),
  commandRoute({
    method: 'POST',
    url: '/protection/cases/:migrantId/goals',
    summary: 'Add a goal to the action plan, or edit one (send its id and version)',
    tags: ['protection'],
    schema: { params: PersonParams, body: GoalInput, response: { 200: Goal } },
    command: saveGoal,
    input: (ctx) => ({ ...ctx.body, migrantId: ctx.params.migrantId }),
    example: personBodyExample({
      title: 'Get the driving licence recognised',
      owner: 'person',
      dueDate: '2026-09-01',
      steps: [{ text: 'Book the test' }],
    }),
  }),
  commandRoute({
    method: 'POST',
    url: '/protection/cases/:migrantId/referrals',
    summary: 'Refer the person to a directory service or an organisation on Corridor (with their consent)',
    tags: ['protection'],
    schema: { params: PersonParams, body: ReferralInput, response: { 201: Referral } },
    command: refer,
    input: (ctx) => ({ ...ctx.body, migrantId: ctx.params.migrantId }),
    example: personBodyExample({ category: 'legal-aid', urgent: false }),
  }),
  commandRoute({
    method: 'POST',
    url: '/protection/referrals/:referralId/status',
    summary: 'Follow a referral up (sent, accepted, completed, declined); the receiving organisation answers it too',
    tags: ['protection'],
    schema: {
      params: Type.Object({ referralId: Uuid }),
      body: versioned({
        status: StringEnum(['sent', 'accepted', 'completed', 'declined'] as const),
      }),
      response: { 200: Referral },
    },
    command: setReferralStatus,
    input: (ctx) => ({ ...ctx.body, referralId: ctx.params.referralId }),
    example: async (world) => ({
      params: { referralId: await (await fixtures()).exampleReferral(world) },
      body: { version: 1, status: 'accepted' },
    }),
  }),
  defineRoute({
    method: 'GET',
    url: '/protection/referrals/incoming',
    summary: 'Referrals other organisations sent to yours',
    tags: ['protection'],
    schema: {
      response: {
        200: Type.Object({
          items: Type.Array(Type.Composite([Referral, Type.Object({ displayName: Type.String() })])),
        }),
      },
    },
    access: { roles: CASE_STAFF },
    handler: async (ctx) => ({ items: await incomingReferrals(ctx.db, ctx.cipher, ctx.user.organisationId) }),
  }),
  commandRoute({
    method: 'POST',
    url: '/protection/cases/:migrantId/follow-ups',
    summary: 'Schedule a follow-up (due date, purpose, who does it)',
    tags: ['protection'],
    schema: { params: PersonParams, body: FollowUpInput, response: { 201: FollowUp } },
    command: scheduleFollowUp,
    input: (ctx) => ({ ...ctx.body, migrantId: ctx.params.migrantId }),
    example: personBodyExample({ dueDate: '2026-03-01', purpose: 'Ask how the first week went' }),
  }),
  commandRoute({
    method: 'POST',
    url: '/protection/follow-ups/:followUpId/done',
    summary: 'Mark a follow-up done, with a note',
    tags: ['protection'],
    schema: {
      params: Type.Object({ followUpId: Uuid }),
      body: versioned({
        note: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 2000 })])),
      }),
      response: { 200: FollowUp },
    },
    command: completeFollowUp,
    input: (ctx) => ({ ...ctx.body, followUpId: ctx.params.followUpId }),
    example: async (world) => ({
      params: { followUpId: await (await fixtures()).exampleFollowUp(world) },
      body: { version: 1, note: 'Reached by phone' },
    }),
  }),
  commandRoute({
    method: 'POST',
    url: '/protection/cases/:migrantId/outcomes',
    summary: 'Record an outcome; "employed" fills a post of the vacancy named and takes the person out of matching',
    tags: ['protection'],
    schema: { params: PersonParams, body: OutcomeInput, response: { 201: Outcome } },
    command: recordOutcome,
    input: (ctx) => ({ ...ctx.body, migrantId: ctx.params.migrantId }),
    example: personBodyExample({ kind: 'training-started', date: '2025-09-01', training: { title: 'Food hygiene' } }),
  }),
  commandRoute({
    method: 'POST',
    url: '/protection/cases/:migrantId/transfer',
    summary: 'Hand the case to another advisor, or to another organisation under the person’s consent',
    tags: ['protection'],
    schema: { params: PersonParams, body: TransferInput, response: { 200: CaseSummary } },
    command: transferCase,
    input: (ctx) => ({ ...ctx.body, migrantId: ctx.params.migrantId }),
    example: async (world) => {
      const { params } = await personExample(world);
      // Each caller hands it on to whoever does not lead it now (an earlier caller may have moved it).
      const c = await world.db
        .selectFrom('protection_case')
        .select('lead_advisor_id')
        .where('migrant_id', '=', params.migrantId)
        .executeTakeFirst();
      const { advisor, org_admin } = world.orgA.users;
      const to = c?.lead_advisor_id === org_admin.id ? advisor.id : org_admin.id;
      return { params, body: { toAdvisorId: to, personAgreed: true } };
    },
  }),
  commandRoute({
    method: 'PUT',
    url: '/protection/teams/:supervisorId',
    summary: 'Set whose cases a supervisor oversees (org admins)',
    tags: ['protection'],
    schema: {
      params: Type.Object({ supervisorId: Type.String({ pattern: '^[A-Za-z0-9_-]{1,100}$' }) }),
      body: Type.Object(
        { advisorIds: Type.Array(Type.String({ pattern: '^[A-Za-z0-9_-]{1,100}$' }), { maxItems: 200 }) },
        { additionalProperties: false },
      ),
      response: { 200: Type.Object({ supervisorId: Type.String(), advisorIds: Type.Array(Type.String()) }) },
    },
    command: setTeam,
    input: (ctx) => ({ ...ctx.body, supervisorId: ctx.params.supervisorId }),
    example: async (world) => ({
      params: { supervisorId: world.orgA.users.org_admin.id },
      body: { advisorIds: [world.orgA.users.advisor.id] },
    }),
  }),
  defineRoute({
    method: 'GET',
    url: '/protection/team',
    summary: 'A supervisor’s view: the cases of their team and the unassigned ones (org admins: all)',
    tags: ['protection'],
    schema: {
      response: {
        200: Type.Object({
          items: Type.Array(TeamCase),
        }),
      },
    },
    access: { roles: CASE_STAFF },
    handler: async (ctx) => ({ items: await teamCaseload(ctx.db, ctx.cipher, ctx.user, today()) }),
  }),
  defineRoute({
    method: 'GET',
    url: '/protection/attention',
    summary: 'What needs the advisor now: their overdue follow-ups and unread reports from their cases',
    tags: ['protection'],
    schema: {
      response: {
        200: Type.Object({
          overdue: Type.Array(FollowUp),
          reports: Type.Array(
            Type.Object({ migrantId: Type.String(), displayName: Type.String(), count: Type.Integer() }),
          ),
        }),
      },
    },
    access: { roles: CASE_STAFF },
    handler: async (ctx) => ({
      overdue: await overdueFollowUps(ctx.db, ctx.cipher, ctx.user, today()),
      reports: await unreadReports(ctx.db, ctx.cipher, ctx.user.id),
    }),
  }),
  defineRoute({
    method: 'GET',
    url: '/protection/colleagues',
    summary: 'Advisors and org admins of your organisation (to assign a follow-up or hand a case on)',
    tags: ['protection'],
    schema: {
      response: {
        200: Type.Object({
          items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), role: Type.String() })),
        }),
      },
    },
    access: { roles: CASE_STAFF },
    handler: async (ctx) => {
      const staff = await ctx.db
        .selectFrom('app_user')
        .select(['id', 'role'])
        .where('organisation_id', '=', ctx.user.organisationId)
        .where('role', 'in', ['advisor', 'org_admin'])
        .where('disabled_at', 'is', null)
        .execute();
      // Names are sealed under each account's key: opened and sorted here (one organisation's staff).
      const names = await accountNames(
        ctx.db,
        ctx.cipher,
        staff.map((s) => s.id),
      );
      const items = staff.map((s) => ({ ...s, name: names.get(s.id) ?? '' }));
      return { items: items.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)) };
    },
  }),

  // ---- services ----
  defineRoute({
    method: 'GET',
    url: '/protection/services',
    summary: 'Your organisation’s service directory',
    tags: ['protection'],
    schema: { response: { 200: Type.Object({ items: Type.Array(Service) }) } },
    access: { roles: CASE_STAFF },
    handler: async (ctx) => ({ items: await listServices(ctx.db, ctx.user.organisationId) }),
  }),
  commandRoute({
    method: 'POST',
    url: '/protection/services',
    summary: 'Add a service to your organisation’s directory',
    tags: ['protection'],
    schema: { body: ServiceInput, response: { 201: Service } },
    command: addService,
    input: (ctx) => ctx.body,
    example: async () => ({
      body: {
        name: 'Legal clinic',
        category: 'legal-aid',
        country: 'ES',
        contact: '+34 900 000 000',
        languages: ['es', 'ar'],
      },
    }),
  }),

  // ---- screening and reports ----
  commandRoute({
    method: 'POST',
    url: '/protection/cases/:migrantId/screenings',
    summary: 'Record a vulnerability screening (IOM DoMV factors; alerts raise urgent referrals at once)',
    tags: ['protection'],
    schema: {
      params: PersonParams,
      body: ScreeningInput,
      response: {
        201: Type.Object({
          id: Type.String(),
          screenedOn: Type.String(),
          alerts: Type.Array(StringEnum(ALERTS)),
          referrals: Type.Array(Referral),
        }),
      },
    },
    command: recordScreening,
    input: (ctx) => ({ ...ctx.body, migrantId: ctx.params.migrantId }),
    example: personBodyExample({
      screenedOn: '2025-06-01',
      answers: [{ question: 'family-support', answer: 'yes', factor: 'protective' }],
    }),
  }),
  commandRoute({
    method: 'POST',
    url: '/protection/cases/:migrantId/reports',
    summary: 'The person tells their advisor, confidentially, of a fee they were asked to pay or an abuse',
    tags: ['protection'],
    schema: {
      params: PersonParams,
      body: ReportInput,
      response: { 201: Type.Object({ id: Type.String(), kind: Type.String(), createdAt: Type.String() }) },
    },
    command: sendReport,
    input: (ctx) => ({ ...ctx.body, migrantId: ctx.params.migrantId }),
    example: personBodyExample({ kind: 'fee', text: 'The agent asks 300 euros' }),
  }),

  // ---- fair recruitment ----
  defineRoute({
    method: 'GET',
    url: '/protection/cases/:migrantId/fees',
    summary: 'The person’s recruitment costs, first month’s earnings and SDG 10.7.1 indicator',
    tags: ['protection'],
    schema: { params: PersonParams, response: { 200: FeeLog } },
    access: { roles: [...CASE_STAFF, 'migrant'], rule: (ctx) => reachPerson(ctx, ctx.params.migrantId, true) },
    example: personExample,
    handler: async (ctx) => feeLog(ctx.db, ctx.params.migrantId),
  }),
  commandRoute({
    method: 'POST',
    url: '/protection/cases/:migrantId/fees',
    summary: 'Record a recruitment cost the worker or their family paid',
    tags: ['protection'],
    schema: { params: PersonParams, body: FeeInput, response: { 201: Fee } },
    command: recordFee,
    input: (ctx) => ({ ...ctx.body, migrantId: ctx.params.migrantId }),
    example: personBodyExample(async () => (await fixtures()).sampleFee()),
  }),
  commandRoute({
    method: 'DELETE',
    url: '/protection/fees/:feeId',
    summary: 'Remove a cost recorded by mistake',
    tags: ['protection'],
    schema: { params: Type.Object({ feeId: Uuid }), response: { 204: Type.Null() } },
    command: deleteFee,
    input: (ctx) => ({ feeId: ctx.params.feeId }),
    example: async (world) => {
      const f = await fixtures();
      const migrantId = await f.exampleCase(world);
      const fee = await world.kernel.execute(
        recordFee,
        { user: world.orgA.users.advisor },
        { migrantId, ...f.sampleFee() },
      );
      return { params: { feeId: fee.id } };
    },
  }),
  commandRoute({
    method: 'PUT',
    url: '/protection/cases/:migrantId/earnings',
    summary: 'Record the first full month’s earnings in the destination (net, with overtime and bonuses)',
    tags: ['protection'],
    schema: {
      params: PersonParams,
      body: EarningsInput,
      response: {
        200: Type.Object({
          month: Type.String(),
          amount: Type.Number(),
          currency: Type.String(),
          country: Type.String(),
        }),
      },
    },
    command: recordEarnings,
    input: (ctx) => ({ ...ctx.body, migrantId: ctx.params.migrantId }),
    example: personBodyExample({ month: '2025-05', amount: 1250, currency: 'EUR', country: 'ES' }),
  }),
  defineRoute({
    method: 'GET',
    url: '/protection/recruiters',
    summary: 'The register of recruiters and agencies (licence, status, certification, complaints)',
    tags: ['protection'],
    schema: { response: { 200: Type.Object({ items: Type.Array(Recruiter) }) } },
    access: { roles: REGISTER_READERS },
    handler: async (ctx) => ({ items: await listRecruiters(ctx.db) }),
  }),
  commandRoute({
    method: 'POST',
    url: '/protection/recruiters',
    summary: 'Add a recruiter or agency to the register, or edit one (send its id and version)',
    tags: ['protection'],
    schema: { body: RecruiterInput, response: { 200: Recruiter } },
    command: saveRecruiter,
    input: (ctx) => ctx.body,
    example: async () => ({
      body: {
        name: 'Atlas Recrutement',
        licenceNumber: 'MA-123',
        country: 'MA',
        licenceStatus: 'licensed',
        complaints: [],
      },
    }),
  }),
  defineRoute({
    method: 'GET',
    url: '/protection/fair-recruitment/flags',
    summary: 'Vacancies and recruiters linked to recruitment costs paid by workers (counts of workers only)',
    tags: ['protection'],
    schema: { response: { 200: FlagList } },
    access: { roles: REGISTER_READERS },
    handler: async (ctx) => fairRecruitmentFlags(ctx.db),
  }),
  defineRoute({
    method: 'GET',
    url: '/protection/exchange-rates',
    summary: 'The dated exchange rates the indicator converts with (units per US dollar)',
    tags: ['protection'],
    schema: {
      response: {
        200: Type.Object({
          items: Type.Array(
            Type.Object({
              currency: Type.String(),
              validOn: Type.String(),
              perUsd: Type.Number(),
              example: Type.Boolean(),
            }),
          ),
        }),
      },
    },
    access: { roles: ROLES },
    handler: async (ctx) => ({
      items: (
        await ctx.db
          .selectFrom('protection_exchange_rate')
          .selectAll()
          .orderBy('currency')
          .orderBy('valid_on')
          .execute()
      ).map(toRate),
    }),
  }),
  commandRoute({
    method: 'PUT',
    url: '/protection/exchange-rates',
    summary: 'Add or correct a dated exchange rate (platform admins)',
    tags: ['protection'],
    schema: { body: ExchangeRateInput, response: { 200: ExchangeRateInput } },
    command: putExchangeRate,
    input: (ctx) => ctx.body,
    example: async () => ({ body: { currency: 'MAD', validOn: '2025-01-01', perUsd: 9.9, example: false } }),
  }),

  // ---- hiring guide ----
  defineRoute({
    method: 'GET',
    url: '/protection/guides',
    summary: 'The hiring guide of each permit type of a destination country (the eligibility rules matching applies)',
    tags: ['protection'],
    schema: {
      querystring: Type.Object({ country: Country, lang: Lang }),
      response: { 200: Type.Object({ items: Type.Array(HiringGuide) }) },
    },
    access: { roles: ROLES },
    example: async () => ({ querystring: { country: 'ES', lang: 'es' } }),
    handler: async (ctx) => ({
      items: await guidesForCountry(ctx.db, ctx.query.country, ctx.query.lang ?? 'en', today()),
    }),
  }),
  defineRoute({
    method: 'GET',
    url: '/protection/guides/:ruleId',
    summary: 'The hiring guide of one permit type ("you can hire this person under permit X — the steps")',
    tags: ['protection'],
    schema: {
      params: Type.Object({ ruleId: Type.String({ minLength: 1, maxLength: 100 }) }),
      querystring: Type.Object({ lang: Lang }),
      response: { 200: HiringGuide },
    },
    access: { roles: ROLES },
    example: async () => ({ params: { ruleId: 'es-work-general' } }),
    handler: async (ctx) => guideForRule(ctx.db, ctx.params.ruleId, ctx.query.lang ?? 'en', today()),
  }),
  defineRoute({
    method: 'GET',
    url: '/protection/guides/:ruleId/versions',
    summary: 'Every version of a hiring guide (platform admins)',
    tags: ['protection'],
    schema: {
      params: Type.Object({ ruleId: Type.String({ minLength: 1, maxLength: 100 }) }),
      response: {
        200: Type.Object({
          items: Type.Array(
            Type.Object({
              version: Type.Integer(),
              hoursPerWeek: Type.Union([Type.Integer(), Type.Null()]),
              changeOfEmployer: Type.String(),
              durationMonths: Type.Union([Type.Integer(), Type.Null()]),
              reviewBy: Type.String(),
              example: Type.Boolean(),
              text: Type.Unknown(),
              updatedBy: Type.Union([Type.String(), Type.Null()]),
              createdAt: Type.String(),
            }),
          ),
        }),
      },
    },
    access: { roles: ['platform_admin'] },
    example: async () => ({ params: { ruleId: 'es-seasonal' } }),
    handler: async (ctx) => ({ items: await guideVersions(ctx.db, ctx.params.ruleId) }),
  }),
  commandRoute({
    method: 'PUT',
    url: '/protection/guides/:ruleId',
    summary: 'Publish a new version of a hiring guide (platform admins; send the version you edited)',
    tags: ['protection'],
    schema: {
      params: Type.Object({ ruleId: Type.String({ minLength: 1, maxLength: 100 }) }),
      body: Type.Omit(GuideInput, ['ruleId']),
      response: { 200: Type.Object({ ruleId: Type.String(), version: Type.Integer() }) },
    },
    command: putHiringGuide,
    input: (ctx) => ({ ...ctx.body, ruleId: ctx.params.ruleId }),
    example: async (world) => {
      const latest = await world.db
        .selectFrom('protection_hiring_guide')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('rule_id', '=', 'de-resident')
        .executeTakeFirst();
      const text = { allows: 'Any sector', steps: [], documents: [], obligations: [], incentives: [], help: [] };
      return {
        params: { ruleId: 'de-resident' },
        body: {
          baseVersion: Number(latest?.v ?? 0),
          hoursPerWeek: null,
          changeOfEmployer: 'free',
          durationMonths: null,
          reviewBy: '2027-01-01',
          example: true,
          text: { en: text },
        },
      };
    },
  }),
];

// ---- personal data ----

const PERSON_TABLES = [
  'protection_goal',
  'protection_referral',
  'protection_follow_up',
  'protection_outcome',
  'protection_transfer',
  'protection_screening',
  'protection_report',
  'protection_fee',
  'protection_earnings',
  'protection_case',
] as const;

async function subjectOf(ctx: PersonalDataContext): Promise<string | null> {
  if (ctx.subject.migrantId) return ctx.subject.migrantId;
  return ctx.subject.userId ? ctx.services.get('migrants').migrantIdForUser(ctx.db, ctx.subject.userId) : null;
}

async function exportProtection(db: Db, ctx: PersonalDataContext, migrantId: string) {
  return {
    case: await caseView(db, ctx.cipher, migrantId, today()),
    confidential: await confidential(db, ctx.cipher, migrantId),
    fees: await feeLog(db, migrantId),
  };
}

/** The protection capability: its personal data (export, and erasure of every row about the person). */
export const protectionCapability = defineCapability({
  name: 'protection',
  setup(registry) {
    // Records for the labour-market figures, which count and protect them (protection publishes no aggregate).
    registry.provide('placements', placementSource);
    registry.provide('recruitmentCosts', recruitmentCostSource);
    registry.provide('screenings', screeningSource);
    registry.personalData({
      name: 'protection',
      exportPersonalData: async (ctx) => {
        const migrantId = await subjectOf(ctx);
        return migrantId ? exportProtection(ctx.db, ctx, migrantId) : null;
      },
      // Everything goes, screenings and reports first among equals: once consent is erased the person cannot be
      // counted in statistics, so no anonymised remainder is kept.
      erasePersonalData: async (ctx) => {
        const migrantId = await subjectOf(ctx);
        if (!migrantId) return { erased: 0 };
        let erased = 0;
        for (const table of PERSON_TABLES) {
          const gone = await ctx.db
            .deleteFrom(table)
            .where('migrant_id', '=', migrantId)
            .returning('migrant_id')
            .execute();
          erased += gone.length;
        }
        if (erased > 0) {
          ctx.changed({
            entity: 'protection_case',
            id: migrantId,
            op: 'delete',
            organisationId: ctx.subject.organisationId,
            subjectId: migrantId,
          });
        }
        return { erased };
      },
      // Compacted after an erasure (no old row version keeps a screening answer or a note).
      tables: PERSON_TABLES,
      sensitiveFields: ['protection.confidential'],
    });
  },
});
