// A training offer: which ESCO skills a course teaches, how long it takes, what it costs the learner, where (or
// online) and in which language. The gap → training planner reads these.
import { Type, type Static } from '@sinclair/typebox';
import { Currency, DateString, Lang, Place, SkillUri, Text } from '../profiles/domain.js';

export const TRAINING_MODES = ['in-person', 'online', 'blended'] as const;
export const OFFER_STATUSES = ['open', 'closed'] as const;

const offerFields = {
  title: Text(200, 1),
  description: Type.Optional(Type.Union([Text(10_000), Type.Null()])),
  skills: Type.Array(SkillUri, { minItems: 1, maxItems: 200 }),
  durationHours: Type.Number({ minimum: 0.5, maximum: 10_000 }),
  /** Cost to the learner; 0 = free. */
  cost: Type.Number({ minimum: 0, maximum: 10_000_000 }),
  currency: Currency,
  mode: Type.Union(TRAINING_MODES.map((m) => Type.Literal(m))),
  /** Where it takes place; required unless online. */
  location: Type.Optional(Type.Union([Place, Type.Null()])),
  /** Language of instruction. */
  language: Lang,
  startDate: Type.Optional(Type.Union([DateString, Type.Null()])),
  seats: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 100_000 }), Type.Null()])),
  status: Type.Union(
    OFFER_STATUSES.map((s) => Type.Literal(s)),
    { default: 'open' },
  ),
};

export const TrainingOfferInput = Type.Object(offerFields, { additionalProperties: false });
export type TrainingOfferInput = Static<typeof TrainingOfferInput>;
export const TrainingOfferUpdate = Type.Object(
  { ...offerFields, version: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) },
  { additionalProperties: false },
);

export const TrainingOfferRecord = Type.Object({
  id: Type.String(),
  /** The provider organisation. */
  organisationId: Type.String(),
  title: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  skills: Type.Array(Type.String()),
  durationHours: Type.Number(),
  cost: Type.Number(),
  currency: Type.String(),
  mode: Type.String(),
  location: Type.Union([Type.Object({ country: Type.String(), region: Type.String() }), Type.Null()]),
  language: Type.String(),
  startDate: Type.Union([Type.String(), Type.Null()]),
  seats: Type.Union([Type.Integer(), Type.Null()]),
  status: Type.String(),
  taxonomyVersion: Type.String(),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type TrainingOfferRecord = Static<typeof TrainingOfferRecord>;
