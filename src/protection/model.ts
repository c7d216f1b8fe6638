// Protection: the case of a person (action plan, referrals, follow-ups, outcomes, transfers), the vulnerability
// screening, the fair-recruitment fee log, and the employer's hiring guide. TypeBox schemas: the contract.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Country, Currency, DateString, OccupationUri, Sector, Text } from '../profiles/domain.js';
import { CONTRACT_TYPES, WAGE_PERIODS } from '../vacancies/domain.js';
import { StringEnum, Uuid } from '../shared/typebox.js';
import { ALERTS, ANSWERS, FACTORS, LEVELS, QUESTION_CODES } from './screening.js';
import { COST_CATEGORIES } from './sdg.js';

const Nullable = <T extends TSchema>(t: T) => Type.Union([Type.Null(), t]);
const Version = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
/** An amount of money: never negative, two decimals at most once stored. */
const Money = Type.Number({ minimum: 0, maximum: 1_000_000_000 });
const UserId = Type.String({ pattern: '^[A-Za-z0-9_-]{1,100}$' });
const OrganisationId = Type.String({ pattern: '^[A-Za-z0-9_-]{1,100}$' });

// ---- case management ----

export {
  GOAL_OWNERS,
  GOAL_STATUSES,
  OUTCOME_KINDS,
  REFERRAL_SOURCES,
  REFERRAL_STATUSES,
  SERVICE_CATEGORIES,
  type OutcomeKind,
  type ServiceCategory,
} from './vocabulary.js';
import { GOAL_OWNERS, GOAL_STATUSES, OUTCOME_KINDS, SERVICE_CATEGORIES } from './vocabulary.js';

export const GoalStep = Type.Object(
  { text: Text(500, 1), done: Type.Boolean({ default: false }) },
  { additionalProperties: false },
);

export const GoalInput = Type.Object(
  {
    /** Omit to add a goal (a client-made id makes a retry safe); name an existing one with its version to edit it. */
    id: Type.Optional(Uuid),
    version: Type.Optional(Version),
    title: Text(300, 1),
    steps: Type.Array(GoalStep, { maxItems: 30, default: [] }),
    owner: StringEnum(GOAL_OWNERS),
    /** The staff member answerable for the goal, when the owner is an advisor. */
    ownerUserId: Type.Optional(Nullable(UserId)),
    dueDate: Nullable(DateString),
    status: Type.Optional(StringEnum(GOAL_STATUSES)),
  },
  { additionalProperties: false },
);

export const Goal = Type.Object({
  id: Type.String(),
  title: Type.String(),
  steps: Type.Array(Type.Object({ text: Type.String(), done: Type.Boolean() })),
  owner: Type.String(),
  ownerUserId: Type.Union([Type.String(), Type.Null()]),
  dueDate: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  version: Type.Integer(),
  updatedAt: Type.String(),
});
export type Goal = Static<typeof Goal>;

export const ServiceInput = Type.Object(
  {
    id: Type.Optional(Uuid),
    name: Text(200, 1),
    category: StringEnum(SERVICE_CATEGORIES),
    country: Country,
    region: Type.String({ pattern: '^[A-Z0-9-]{0,12}$', default: '' }),
    /** How to reach it: a phone number, an address, opening hours. */
    contact: Text(1000),
    languages: Type.Array(Type.String({ pattern: '^[a-z]{2}$' }), { maxItems: 20, default: [] }),
  },
  { additionalProperties: false },
);

export const Service = Type.Object({
  id: Type.String(),
  name: Type.String(),
  category: Type.String(),
  country: Type.String(),
  region: Type.String(),
  contact: Type.String(),
  languages: Type.Array(Type.String()),
});
export type Service = Static<typeof Service>;

export const ReferralInput = Type.Object(
  {
    id: Type.Optional(Uuid),
    category: StringEnum(SERVICE_CATEGORIES),
    /** A service of the directory… */
    serviceId: Type.Optional(Nullable(Uuid)),
    /** …or an organisation on this instance (needs the person's consent to share with it). */
    targetOrganisationId: Type.Optional(Nullable(OrganisationId)),
    note: Type.Optional(Nullable(Text(2000))),
    urgent: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);

export const Referral = Type.Object({
  id: Type.String(),
  migrantId: Type.String(),
  category: Type.String(),
  serviceId: Type.Union([Type.String(), Type.Null()]),
  serviceName: Type.Union([Type.String(), Type.Null()]),
  targetOrganisationId: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  urgent: Type.Boolean(),
  source: Type.String(),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Referral = Static<typeof Referral>;

export const FollowUpInput = Type.Object(
  {
    id: Type.Optional(Uuid),
    /** A due date in the past is allowed (a visit recorded late): it is overdue at once. */
    dueDate: DateString,
    purpose: Text(500, 1),
    /** Who should do it; default: the one who schedules it. */
    assignedTo: Type.Optional(Nullable(UserId)),
  },
  { additionalProperties: false },
);

export const FollowUp = Type.Object({
  id: Type.String(),
  migrantId: Type.String(),
  displayName: Type.Optional(Type.String()),
  dueDate: Type.String(),
  purpose: Type.String(),
  assignedTo: Type.Union([Type.String(), Type.Null()]),
  doneAt: Type.Union([Type.String(), Type.Null()]),
  doneNote: Type.Union([Type.String(), Type.Null()]),
  overdue: Type.Boolean(),
  version: Type.Integer(),
});
export type FollowUp = Static<typeof FollowUp>;

export const Wage = Type.Object(
  { amount: Money, currency: Currency, period: StringEnum(WAGE_PERIODS) },
  { additionalProperties: false },
);

export const OutcomeInput = Type.Object(
  {
    id: Type.Optional(Uuid),
    kind: StringEnum(OUTCOME_KINDS),
    /** The day it happened (for "employed": the start date). Not in the future. */
    date: DateString,
    note: Type.Optional(Nullable(Text(2000))),
    /** employed: the placement. */
    employment: Type.Optional(
      Type.Object(
        {
          /** The vacancy filled, when it was posted on Corridor: one of its posts is filled. */
          vacancyId: Type.Optional(Nullable(Uuid)),
          employerName: Text(200, 1),
          occupationUri: OccupationUri,
          sector: Type.Optional(Nullable(Sector)),
          contractType: StringEnum(CONTRACT_TYPES),
          wage: Type.Optional(Nullable(Wage)),
        },
        { additionalProperties: false },
      ),
    ),
    /** training-started / training-completed. */
    training: Type.Optional(Type.Object({ title: Text(300, 1) }, { additionalProperties: false })),
    /** returned: where to. */
    returnedTo: Type.Optional(Country),
  },
  { additionalProperties: false },
);

export const Outcome = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  date: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
  employment: Type.Union([
    Type.Object({
      vacancyId: Type.Union([Type.String(), Type.Null()]),
      employerName: Type.String(),
      occupationUri: Type.String(),
      isco: Type.String(),
      sector: Type.Union([Type.String(), Type.Null()]),
      contractType: Type.String(),
      wage: Type.Union([
        Type.Object({ amount: Type.Number(), currency: Type.String(), period: Type.String() }),
        Type.Null(),
      ]),
    }),
    Type.Null(),
  ]),
  training: Type.Union([Type.Object({ title: Type.String() }), Type.Null()]),
  returnedTo: Type.Union([Type.String(), Type.Null()]),
  /** employed with a vacancy: whether the placement closed the vacancy (its last post). */
  vacancyClosed: Type.Optional(Type.Boolean()),
  createdAt: Type.String(),
});
export type Outcome = Static<typeof Outcome>;

export const TransferInput = Type.Object(
  {
    /** Another advisor of the organisation… */
    toAdvisorId: Type.Optional(Nullable(UserId)),
    /** …or another organisation: the person's consent to share with it must be in force. */
    toOrganisationId: Type.Optional(Nullable(OrganisationId)),
    /** The person agreed to the transfer (asked when they were present). */
    personAgreed: Type.Boolean(),
    note: Type.Optional(Nullable(Text(2000))),
  },
  { additionalProperties: false },
);

export const Transfer = Type.Object({
  id: Type.String(),
  fromOrganisationId: Type.String(),
  toOrganisationId: Type.String(),
  fromAdvisorId: Type.Union([Type.String(), Type.Null()]),
  toAdvisorId: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});

export const CaseSummary = Type.Object({
  migrantId: Type.String(),
  organisationId: Type.String(),
  leadAdvisorId: Type.Union([Type.String(), Type.Null()]),
  advisorIds: Type.Array(Type.String()),
  status: Type.String(),
  version: Type.Integer(),
});

export const CaseView = Type.Object({
  case: Type.Union([CaseSummary, Type.Null()]),
  displayName: Type.String(),
  goals: Type.Array(Goal),
  referrals: Type.Array(Referral),
  followUps: Type.Array(FollowUp),
  outcomes: Type.Array(Outcome),
  transfers: Type.Array(Transfer),
  screenings: Type.Array(Type.Object({ id: Type.String(), screenedOn: Type.String() })),
  /** Confidential reports the person sent, unread first (their text is read on the screening route, audited). */
  reports: Type.Integer(),
  /** Whether the caller may read the screening answers (the case's advisors and their supervisors). */
  mayReadScreening: Type.Boolean(),
});

// ---- vulnerability screening ----

export const ScreeningAnswer = Type.Object(
  {
    question: StringEnum(QUESTION_CODES),
    answer: StringEnum(ANSWERS),
    factor: StringEnum(FACTORS),
    note: Type.Optional(Nullable(Text(2000))),
  },
  { additionalProperties: false },
);

export const ScreeningInput = Type.Object(
  {
    id: Type.Optional(Uuid),
    screenedOn: DateString,
    answers: Type.Array(ScreeningAnswer, { minItems: 1, maxItems: 100 }),
    /** The advisor's judgement in words: the model has no score, and none is made here. */
    judgement: Type.Optional(Nullable(Text(4000))),
  },
  { additionalProperties: false },
);
export type ScreeningInput = Static<typeof ScreeningInput>;

export const Screening = Type.Object({
  id: Type.String(),
  screenedOn: Type.String(),
  answers: Type.Array(
    Type.Object({
      question: Type.String(),
      level: StringEnum(LEVELS),
      answer: Type.String(),
      factor: Type.String(),
      note: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  judgement: Type.Union([Type.String(), Type.Null()]),
  alerts: Type.Array(StringEnum(ALERTS)),
  createdAt: Type.String(),
});
export type Screening = Static<typeof Screening>;

export const REPORT_KINDS = ['fee', 'abuse', 'other'] as const;

export const ReportInput = Type.Object(
  { id: Type.Optional(Uuid), kind: StringEnum(REPORT_KINDS), text: Text(4000, 1) },
  { additionalProperties: false },
);

export const Report = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  text: Type.String(),
  createdAt: Type.String(),
  seenAt: Type.Union([Type.String(), Type.Null()]),
});

// ---- fair recruitment ----

export const LICENCE_STATUSES = ['licensed', 'suspended', 'revoked', 'unlicensed', 'unknown'] as const;

export const RecruiterInput = Type.Object(
  {
    id: Type.Optional(Uuid),
    version: Type.Optional(Version),
    name: Text(200, 1),
    licenceNumber: Type.Optional(Nullable(Text(100))),
    country: Country,
    licenceStatus: StringEnum(LICENCE_STATUSES),
    /** An ethical-recruitment certification (e.g. IRIS), or null. */
    certification: Type.Optional(Nullable(Text(200))),
    complaints: Type.Array(Type.Object({ date: DateString, summary: Text(1000, 1) }, { additionalProperties: false }), {
      maxItems: 200,
      default: [],
    }),
  },
  { additionalProperties: false },
);

export const Recruiter = Type.Object({
  id: Type.String(),
  name: Type.String(),
  licenceNumber: Type.Union([Type.String(), Type.Null()]),
  country: Type.String(),
  licenceStatus: Type.String(),
  certification: Type.Union([Type.String(), Type.Null()]),
  complaints: Type.Array(Type.Object({ date: Type.String(), summary: Type.String() })),
  /** Workers whose fee log names this recruiter with a cost paid by them. */
  workersPaying: Type.Integer(),
  version: Type.Integer(),
});

export const FeeInput = Type.Object(
  {
    id: Type.Optional(Uuid),
    category: StringEnum(COST_CATEGORIES),
    amount: Money,
    currency: Currency,
    paidOn: DateString,
    paidBy: StringEnum(['worker', 'family'] as const),
    /** Money borrowed to pay it, and the interest paid on that loan (same currency). */
    loan: Type.Boolean({ default: false }),
    loanInterest: Type.Number({ minimum: 0, maximum: 1_000_000_000, default: 0 }),
    recruiterId: Type.Optional(Nullable(Uuid)),
    vacancyId: Type.Optional(Nullable(Uuid)),
    note: Type.Optional(Nullable(Text(1000))),
  },
  { additionalProperties: false },
);

export const Fee = Type.Object({
  id: Type.String(),
  category: Type.String(),
  amount: Type.Number(),
  currency: Type.String(),
  paidOn: Type.String(),
  paidBy: Type.String(),
  loan: Type.Boolean(),
  loanInterest: Type.Number(),
  recruiterId: Type.Union([Type.String(), Type.Null()]),
  vacancyId: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});

export const EarningsInput = Type.Object(
  {
    /** YYYY-MM: the first full month worked in the destination. */
    month: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' }),
    /** After taxes and social contributions, with overtime and bonuses. */
    amount: Money,
    currency: Currency,
    /** Country of destination. */
    country: Country,
  },
  { additionalProperties: false },
);

export const FeeLog = Type.Object({
  fees: Type.Array(Fee),
  earnings: Type.Union([
    Type.Object({ month: Type.String(), amount: Type.Number(), currency: Type.String(), country: Type.String() }),
    Type.Null(),
  ]),
  /** SDG 10.7.1 for this worker, when earnings are recorded and every cost converts. */
  indicator: Type.Union([
    Type.Object({ costs: Type.Number(), earnings: Type.Number(), currency: Type.String(), months: Type.Number() }),
    Type.Null(),
  ]),
  /** Why no indicator: no earnings yet, or a missing exchange rate (with the field). */
  indicatorMissing: Type.Union([Type.Object({ code: Type.String(), message: Type.String() }), Type.Null()]),
});

export const ExchangeRateInput = Type.Object(
  {
    currency: Currency,
    validOn: DateString,
    perUsd: Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000_000 }),
    example: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);

export const FlagList = Type.Object({
  vacancies: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      organisationId: Type.String(),
      country: Type.String(),
      employerPaysDeclared: Type.Boolean(),
      workers: Type.Integer(),
    }),
  ),
  recruiters: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      country: Type.String(),
      licenceNumber: Type.Union([Type.String(), Type.Null()]),
      licenceStatus: Type.String(),
      workers: Type.Integer(),
    }),
  ),
});

// ---- hiring guide ----

export const GUIDE_LANGUAGES = ['en', 'es', 'fr', 'ar'] as const;

const GuideText = Type.Object(
  {
    /** What the permit allows, in words (the sectors and occupations come from the eligibility rule itself). */
    allows: Text(2000, 1),
    steps: Type.Array(Text(500, 1), { maxItems: 30 }),
    documents: Type.Array(Text(300, 1), { maxItems: 30 }),
    obligations: Type.Array(Text(500, 1), { maxItems: 30 }),
    incentives: Type.Array(Text(500, 1), { maxItems: 30 }),
    help: Type.Array(Text(500, 1), { maxItems: 30 }),
  },
  { additionalProperties: false },
);
export type GuideText = Static<typeof GuideText>;

export const GuideInput = Type.Object(
  {
    ruleId: Type.String({ minLength: 1, maxLength: 100 }),
    /** The version this edit replaces (0 for the first); a stale one answers 409. */
    baseVersion: Type.Integer({ minimum: 0, maximum: 2_147_483_647 }),
    /** Hours per week the permit allows (null: no limit beyond labour law). */
    hoursPerWeek: Nullable(Type.Integer({ minimum: 1, maximum: 80 })),
    changeOfEmployer: StringEnum(['free', 'with-authorisation', 'not-allowed'] as const),
    /** How long the permit lasts, in months (null: open-ended). */
    durationMonths: Nullable(Type.Integer({ minimum: 1, maximum: 600 })),
    /** When the content must be checked again. */
    reviewBy: DateString,
    example: Type.Boolean(),
    text: Type.Object(
      { en: GuideText, es: Type.Optional(GuideText), fr: Type.Optional(GuideText), ar: Type.Optional(GuideText) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type GuideInput = Static<typeof GuideInput>;

export const HiringGuide = Type.Object({
  ruleId: Type.String(),
  country: Type.String(),
  permitType: Type.String(),
  /** From the eligibility rule: the same data matching applies. */
  sectors: Type.Array(Type.String()),
  iscoPrefixes: Type.Array(Type.String()),
  ruleDescription: Type.String(),
  /** null when nobody has written a guide for this rule yet. */
  version: Type.Union([Type.Integer(), Type.Null()]),
  hoursPerWeek: Type.Union([Type.Integer(), Type.Null()]),
  changeOfEmployer: Type.Union([Type.String(), Type.Null()]),
  durationMonths: Type.Union([Type.Integer(), Type.Null()]),
  reviewBy: Type.Union([Type.String(), Type.Null()]),
  /** Past its review date. */
  reviewOverdue: Type.Boolean(),
  example: Type.Boolean(),
  /** The language given, when the guide has it; else English. */
  lang: Type.String(),
  text: Type.Union([GuideText, Type.Null()]),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
});
export type HiringGuide = Static<typeof HiringGuide>;
