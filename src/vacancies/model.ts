// A vacancy as an employer records it: the ESCO occupation, essential and optional skills (pre-filled from the
// occupation's ESCO relations, editable), minimum education, languages, place, posts, and the terms that decent-
// work and fair-recruitment checks read (contract, hours, wage, permit sponsorship, who pays recruitment fees).
import { Type, type Static } from '@sinclair/typebox';
import {
  Currency,
  DateString,
  IscedLevel,
  LanguageRequirement,
  OccupationUri,
  Place,
  Sector,
  SkillUri,
  Text,
} from '../profiles/domain.js';
import { Uuid } from '../shared/typebox.js';

import { CONTRACT_TYPES, WAGE_PERIODS, VACANCY_STATUSES } from '../shared/vocabulary.js';

export { CONTRACT_TYPES, WAGE_PERIODS, VACANCY_STATUSES };

export const Wage = Type.Object(
  {
    /** Gross amount per period, in currency. */
    amount: Type.Number({ minimum: 0, maximum: 100_000_000 }),
    currency: Currency,
    period: Type.Union(WAGE_PERIODS.map((p) => Type.Literal(p))),
  },
  { additionalProperties: false },
);

const vacancyFields = {
  title: Text(200, 1),
  description: Type.Optional(Type.Union([Text(10_000), Type.Null()])),
  occupationUri: OccupationUri,
  /** ISIC Rev.4 section of the employer's activity (eligibility rules are by sector). */
  sector: Sector,
  /** Omit to pre-fill from the occupation's essential skills in the loaded ESCO version. */
  essentialSkills: Type.Optional(Type.Array(SkillUri, { maxItems: 300 })),
  optionalSkills: Type.Optional(Type.Array(SkillUri, { maxItems: 300 })),
  minIscedLevel: Type.Optional(Type.Union([IscedLevel, Type.Null()])),
  languages: Type.Array(LanguageRequirement, { maxItems: 10, default: [] }),
  location: Place,
  posts: Type.Integer({ minimum: 1, maximum: 10_000 }),
  contractType: Type.Union(CONTRACT_TYPES.map((c) => Type.Literal(c))),
  hoursPerWeek: Type.Optional(Type.Union([Type.Number({ minimum: 1, maximum: 80 }), Type.Null()])),
  wage: Type.Optional(Type.Union([Wage, Type.Null()])),
  startDate: Type.Optional(Type.Union([DateString, Type.Null()])),
  /** The employer applies for / sponsors the work permit. */
  employerSponsorsPermit: Type.Boolean(),
  /** Employer-pays principle: the worker pays no recruitment fees or related costs. */
  employerPaysRecruitmentFees: Type.Boolean(),
  status: Type.Union(
    VACANCY_STATUSES.map((s) => Type.Literal(s)),
    { default: 'open' },
  ),
};

export const VacancyInput = Type.Object(
  {
    /** A client-made id makes a retried create safe (with an Idempotency-Key, the retry returns the first answer). */
    id: Type.Optional(Uuid),
    ...vacancyFields,
  },
  { additionalProperties: false },
);
export type VacancyInput = Static<typeof VacancyInput>;

export const VacancyUpdate = Type.Object(
  { ...vacancyFields, version: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) },
  { additionalProperties: false },
);
export type VacancyUpdate = Static<typeof VacancyUpdate>;

export const Vacancy = Type.Object({
  id: Type.String(),
  organisationId: Type.String(),
  title: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  occupationUri: Type.String(),
  /** ISCO-08 unit of the occupation ('' when no taxonomy is loaded). */
  isco: Type.String(),
  sector: Type.String(),
  essentialSkills: Type.Array(Type.String()),
  optionalSkills: Type.Array(Type.String()),
  /** True when the skills were pre-filled from ESCO and not edited. */
  skillsFromEsco: Type.Boolean(),
  minIscedLevel: Type.Union([Type.Integer(), Type.Null()]),
  languages: Type.Array(Type.Object({ lang: Type.String(), level: Type.String() })),
  location: Type.Object({ country: Type.String(), region: Type.String() }),
  posts: Type.Integer(),
  /** Posts filled by recorded placements; the vacancy closes when all are filled. */
  postsFilled: Type.Integer(),
  contractType: Type.String(),
  hoursPerWeek: Type.Union([Type.Number(), Type.Null()]),
  wage: Type.Union([
    Type.Object({ amount: Type.Number(), currency: Type.String(), period: Type.String() }),
    Type.Null(),
  ]),
  startDate: Type.Union([Type.String(), Type.Null()]),
  employerSponsorsPermit: Type.Boolean(),
  employerPaysRecruitmentFees: Type.Boolean(),
  status: Type.String(),
  taxonomyVersion: Type.String(),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Vacancy = Static<typeof Vacancy>;
