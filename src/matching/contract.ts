// The matching API's contract: the request and response schemas of src/matching/routes.ts and of the contact
// requests (src/matching/contact), in one file. The server validates and serialises with them, the OpenAPI document
// is generated from them, and the web app imports their types (type-only), so the three cannot drift apart.
import { Type, type Static } from '@sinclair/typebox';
import { CandidateView, Evidence } from '../profiles/domain.js';
import { Uuid } from '../shared/typebox.js';
import { TrainingOfferRecord } from '../training/domain.js';
import { Vacancy } from '../vacancies/domain.js';
import { EXPLANATION_LANGUAGES } from './explain-text.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const Lang = Type.Union(
  EXPLANATION_LANGUAGES.map((l) => Type.Literal(l)),
  { description: 'language of labels and explanation texts' },
);
export const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 500 })),
};
export const VacancyParams = Type.Object({ vacancyId: Uuid });
export const ProfileParams = Type.Object({ profileId: Uuid });

export const OrganisationRef = Type.Object({
  id: Type.String(),
  name: Type.String(),
  type: Type.String(),
  country: Type.Union([Type.String(), Type.Null()]),
});
export type OrganisationRef = Static<typeof OrganisationRef>;

const LevelFit = literals(['meets', 'one-below', 'below', 'unknown', 'not-asked'] as const);
const NearKind = literals(['broader', 'narrower', 'sibling', 'related'] as const);

export const Explanation = Type.Object({
  eligibility: Type.Object({
    ruleId: Type.String(),
    ruleDescription: Type.String(),
    example: Type.Boolean(),
    permitType: Type.String(),
    country: Type.String(),
    sector: Type.String(),
    /** '' when the person did not share where they live. */
    location: literals(['same-region', 'relocation', ''] as const),
  }),
  matched: Type.Array(Type.Object({ uri: Type.String(), evidence: Evidence, essential: Type.Boolean() })),
  near: Type.Array(
    Type.Object({
      uri: Type.String(),
      standsInFor: Type.String(),
      kind: NearKind,
      evidence: Evidence,
      essential: Type.Boolean(),
    }),
  ),
  missingEssential: Type.Array(Type.String()),
  languages: Type.Array(
    Type.Object({
      lang: Type.String(),
      required: Type.String(),
      held: Type.Union([Type.String(), Type.Null()]),
      fit: LevelFit,
    }),
  ),
  education: Type.Object({
    required: Type.Union([Type.Integer(), Type.Null()]),
    held: Type.Union([Type.Integer(), Type.Null()]),
    fit: LevelFit,
  }),
  experience: Type.Object({
    occupationUri: Type.Union([Type.String(), Type.Null()]),
    level: literals(['occupation', 'isco-unit', 'isco-minor', 'none'] as const),
  }),
  /** Parts left out because the person did not agree to share the profile field they come from. */
  withheld: Type.Array(Type.String()),
});
export type Explanation = Static<typeof Explanation>;

export const Labels = Type.Record(Type.String(), Type.String(), {
  description: 'ESCO URI → label in lang (else English)',
});

export const CandidateItem = Type.Object({
  rank: Type.Integer(),
  score: Type.Number(),
  candidate: CandidateView,
  /** The employment service holding the profile: whom an employer contacts about the person. */
  organisation: OrganisationRef,
  explanation: Explanation,
  /** The explanation as text in lang; empty when parts are withheld. */
  text: Type.Array(Type.String()),
});
export type CandidateItem = Static<typeof CandidateItem>;

export const VacancyItem = Type.Object({
  rank: Type.Integer(),
  score: Type.Number(),
  vacancy: Vacancy,
  employer: OrganisationRef,
  explanation: Explanation,
  text: Type.Array(Type.String()),
});
export type VacancyItem = Static<typeof VacancyItem>;

export const TrainingItem = Type.Object({
  offer: TrainingOfferRecord,
  provider: Type.Union([OrganisationRef, Type.Null()]),
  /** Gap skills the offer teaches: missing essential first, then near-only, then optional. */
  covers: Type.Array(Type.String()),
  /** Weighted share of the gap covered, 0–1. */
  coverage: Type.Number(),
});
export type TrainingItem = Static<typeof TrainingItem>;

/** GET /vacancies/:vacancyId/candidates */
export const Shortlist = Type.Object({
  vacancyId: Type.String(),
  lang: Type.String(),
  hasMore: Type.Boolean(),
  items: Type.Array(CandidateItem),
  labels: Labels,
  /** Why the engine cannot match this vacancy (e.g. its region is missing); null when it can. */
  unmatchable: Type.Union([Type.String(), Type.Null()]),
});
export type Shortlist = Static<typeof Shortlist>;

/** GET /profiles/:profileId/matches */
export const VacancyMatches = Type.Object({
  profileId: Type.String(),
  lang: Type.String(),
  hasMore: Type.Boolean(),
  items: Type.Array(VacancyItem),
  labels: Labels,
  /** Why the engine cannot match this person (e.g. no region where they live); null when it can. */
  unmatchable: Type.Union([Type.String(), Type.Null()]),
});
export type VacancyMatches = Static<typeof VacancyMatches>;

/** GET /profiles/:profileId/gaps — exactly one of vacancy or occupation. */
export const GapQuery = Type.Object({
  vacancy: Type.Optional(Uuid),
  occupation: Type.Optional(Type.String({ pattern: '^http://data\\.europa\\.eu/esco/occupation/[0-9a-f-]{36}$' })),
  lang: Type.Optional(Lang),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
});

export const SkillGap = Type.Object({
  profileId: Type.String(),
  lang: Type.String(),
  target: Type.Object({
    kind: Type.Union([Type.Literal('vacancy'), Type.Literal('occupation')]),
    id: Type.String(),
    label: Type.String(),
  }),
  missingEssential: Type.Array(Type.String()),
  nearOnly: Type.Array(Type.Object({ uri: Type.String(), heldInstead: Type.String(), kind: NearKind })),
  missingOptional: Type.Array(Type.String()),
  training: Type.Array(TrainingItem),
  plan: Type.Object({ offerIds: Type.Array(Type.String()), uncovered: Type.Array(Type.String()) }),
  labels: Labels,
});
export type SkillGap = Static<typeof SkillGap>;

const FairnessRow = Type.Object({
  group: Type.String({ description: 'sex, or country of origin (ISO 3166-1); "not recorded" when unknown' }),
  pool: Type.Union([Type.Integer(), Type.Null()]),
  shortlisted: Type.Union([Type.Integer(), Type.Null()]),
  rate: Type.Union([Type.Number(), Type.Null()]),
  ratio: Type.Union([Type.Number(), Type.Null()]),
  adverse: Type.Boolean(),
  suppressed: Type.Boolean(),
});

/** GET /matching/fairness */
export const FairnessReport = Type.Object({
  vacancies: Type.Integer(),
  pool: Type.Integer(),
  shortlisted: Type.Integer(),
  top: Type.Integer(),
  minCell: Type.Integer(),
  threshold: Type.Number(),
  sex: Type.Array(FairnessRow),
  nationalityGroup: Type.Array(FairnessRow),
});
export type FairnessReport = Static<typeof FairnessReport>;

export const FairnessQuery = Type.Object({
  vacancy: Type.Optional(Uuid),
  top: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  minCell: Type.Optional(Type.Integer({ minimum: 10, maximum: 1000 })),
  /** Open vacancies audited at most (a deterministic sample: lowest ids first). */
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000 })),
});

// ---- contact requests (src/matching/contact/routes.ts) ----
// Declared beside the contact commands, which validate with them too; named here so the contract is one file.
export {
  ContactRequestInput,
  ContactRequestView,
  DecisionInput,
  Inbox,
  PlacementInput,
  SharedContact,
} from './contact/model.js';
