// Taxonomy's API contract: the request and response schemas of src/taxonomy/routes.ts, in one file. The server
// validates and serialises with them, the OpenAPI document is generated from them, and the web app imports their
// types (type-only).
import { Type, type Static } from '@sinclair/typebox';
import { VersionName } from './commands.js';

const Lang = Type.String({ pattern: '^[a-z]{2}$', description: 'ISO 639-1 language of the returned labels' });
const Uuid = Type.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' });
const ConceptType = Type.Union([Type.Literal('occupation'), Type.Literal('skill')]);

/** An ESCO concept named in another's answer (a skill's broader skills, an occupation's optional skills, …). */
export const ConceptRef = Type.Object({ uri: Type.String(), label: Type.String() });
export type ConceptRef = Static<typeof ConceptRef>;

// ---- search ----

export const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 200 }),
  type: Type.Optional(ConceptType),
  lang: Type.Optional(Lang),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
});

export const SearchHit = Type.Object({
  uri: Type.String(),
  type: ConceptType,
  label: Type.String(),
  matchedLabel: Type.String(),
  code: Type.Optional(Type.String()),
  isco: Type.Optional(Type.String()),
  score: Type.Number(),
});
export type SearchHit = Static<typeof SearchHit>;

export const SearchAnswer = Type.Object({ results: Type.Array(SearchHit) });

// ---- occupation coding ----

export const ClassifyBody = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 300 }),
  description: Type.Optional(Type.String({ maxLength: 20_000 })),
  lang: Type.Optional(Lang),
  top: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 5 })),
});

const OccupationResult = Type.Object({
  uri: Type.String(),
  code: Type.String(),
  isco: Type.String(),
  label: Type.String(),
  score: Type.Number(),
  confidence: Type.Number({
    description: 'How likely this is the right occupation, 0..1 (calibrated on held-out data)',
  }),
});

/** How the title matched an ESCO label (as written in ESCO). */
export const MatchedLabelKind = Type.Union([
  Type.Literal('preferred'),
  Type.Literal('alternative'),
  Type.Literal('hidden'),
  Type.Literal('unit group'),
]);
export type MatchedLabelKind = Static<typeof MatchedLabelKind>;

export const OccupationEvidence = Type.Object(
  {
    /** The ESCO label the title matched best; absent when the description alone carried it. */
    titleLabel: Type.Optional(Type.Object({ text: Type.String(), kind: MatchedLabelKind, lang: Type.String() })),
    title: Type.Number({ description: 'Title ↔ label match, 0..1' }),
    /** 0 when no description was sent. */
    description: Type.Number({ description: 'Description fit relative to the best-fitting occupation, 0..1' }),
  },
  { description: 'Why the title was coded here: the ESCO label it matched and how well the description fits' },
);
export type OccupationEvidence = Static<typeof OccupationEvidence>;

export const OccupationSuggestion = Type.Composite([
  OccupationResult,
  Type.Object({
    iscoConfidence: Type.Optional(
      Type.Number({
        description:
          'How likely the ISCO unit group is right, 0..1: the confidence of all its candidate occupations summed ' +
          '(when no single occupation is likely, the group may still be)',
      }),
    ),
    evidence: Type.Optional(OccupationEvidence),
  }),
]);
export type OccupationSuggestion = Static<typeof OccupationSuggestion>;

export const ClassifyAnswer = Type.Object({ results: Type.Array(OccupationSuggestion) });

// ---- skill extraction ----

export const ExtractBody = Type.Object({
  text: Type.String({ minLength: 1, maxLength: 50_000 }),
  /** The text's language; omitted: told from the text (its stop words), else labelLang, else English. */
  lang: Type.Optional(Lang),
  /** Language of the returned labels (the reader's); omitted: the text's. */
  labelLang: Type.Optional(Lang),
  top: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
});

export const SkillSuggestion = Type.Object({
  uri: Type.String(),
  label: Type.String(),
  score: Type.Number(),
  evidence: Type.String(),
});
export type SkillSuggestion = Static<typeof SkillSuggestion>;

export const ExtractAnswer = Type.Object({
  results: Type.Array(SkillSuggestion),
  /** The language the text was read in, and whether it was told from the text. */
  lang: Type.String(),
  langDetected: Type.Boolean(),
});
export type ExtractAnswer = Static<typeof ExtractAnswer>;

// ---- concept details ----

export const OccupationParams = Type.Object({ uuid: Uuid });
export const OccupationQuery = Type.Object({
  lang: Type.Optional(Lang),
  version: Type.Optional(VersionName),
  order: Type.Optional(Type.Union([Type.Literal('label'), Type.Literal('relevance')])),
});

/** An essential skill; with order=relevance also what the ranking went by. */
export const EssentialSkill = Type.Object({
  uri: Type.String(),
  label: Type.String(),
  reuseLevel: Type.Optional(Type.String()),
  skillType: Type.Optional(Type.String()),
  /** Occupations for which the skill is essential. */
  occupations: Type.Optional(Type.Integer()),
  relevance: Type.Optional(Type.Number()),
});
export type EssentialSkill = Static<typeof EssentialSkill>;

export const OccupationDetail = Type.Object({
  uri: Type.String(),
  code: Type.String(),
  isco: Type.String(),
  label: Type.String(),
  altLabels: Type.Array(Type.String()),
  description: Type.String(),
  lang: Type.String(),
  version: Type.String(),
  essentialSkills: Type.Array(EssentialSkill),
  optionalSkills: Type.Array(ConceptRef),
});
export type OccupationDetail = Static<typeof OccupationDetail>;

export const SkillParams = Type.Object({ uuid: Type.String({ pattern: '^[0-9A-Za-z-]{1,64}$' }) });
export const SkillQuery = Type.Object({ lang: Type.Optional(Lang), version: Type.Optional(VersionName) });

export const SkillDetail = Type.Object({
  uri: Type.String(),
  label: Type.String(),
  altLabels: Type.Array(Type.String()),
  description: Type.String(),
  lang: Type.String(),
  version: Type.String(),
  skillType: Type.String(),
  reuseLevel: Type.String(),
  collections: Type.Array(Type.String()),
  broader: Type.Array(ConceptRef),
  relatedSkills: Type.Array(Type.Object({ uri: Type.String(), label: Type.String(), relation: Type.String() })),
  essentialFor: Type.Array(ConceptRef),
  optionalFor: Type.Array(ConceptRef),
  essentialForCount: Type.Integer(),
  optionalForCount: Type.Integer(),
});
export type SkillDetail = Static<typeof SkillDetail>;

// ---- labels ----

export const LabelsBody = Type.Object(
  {
    uris: Type.Array(Type.String({ maxLength: 200 }), { maxItems: 1000 }),
    lang: Type.Optional(Lang),
    version: Type.Optional(VersionName),
  },
  { additionalProperties: false },
);

export const LabelsAnswer = Type.Object({
  lang: Type.String({ description: 'language of the labels: the asked one when ESCO has it, else en' }),
  labels: Type.Record(Type.String(), Type.String()),
});
export type LabelsAnswer = Static<typeof LabelsAnswer>;

// ---- reference levels ----

// Names exist in en/es/fr/ar; any other language gets English, like the concept labels.
export const ReferenceQuery = Type.Object({ lang: Type.Optional(Lang) });

export const ReferenceLevel = Type.Object({
  code: Type.String(),
  band: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  description: Type.String(),
});
export type ReferenceLevel = Static<typeof ReferenceLevel>;

export const ReferenceData = Type.Object({
  lang: Type.String(),
  isced: Type.Array(ReferenceLevel),
  cefr: Type.Array(ReferenceLevel),
  eqf: Type.Array(ReferenceLevel),
});
export type ReferenceData = Static<typeof ReferenceData>;

// ---- versions ----

export const VersionInfo = Type.Object({
  version: Type.String(),
  status: Type.String(),
  active: Type.Boolean(),
  languages: Type.Array(Type.String()),
  occupations: Type.Integer(),
  skills: Type.Integer(),
  relations: Type.Integer(),
  source: Type.String(),
  importedAt: Type.String(),
  activatedAt: Type.Union([Type.String(), Type.Null()]),
});
export type VersionInfo = Static<typeof VersionInfo>;

export const VersionsAnswer = Type.Object({ versions: Type.Array(VersionInfo) });
export const VersionParams = Type.Object({ version: VersionName });
export const ActivateAnswer = Type.Object({ active: Type.String() });
