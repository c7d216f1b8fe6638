// The labour-market API's contract: the request and response schemas of src/labour-market/routes.ts, in one file.
// The server validates and serialises with them, the OpenAPI document is generated from them, and the web app
// imports their types (type-only), so the three cannot drift apart.
import { Type, type Static } from '@sinclair/typebox';
import { CLOSED, StringEnum } from '../shared/typebox.js';
import { DIMENSIONS, MEASURES } from './dimensions.js';
import { K_FLOOR } from './disclosure.js';
import { DURATION_LEVELS, SHORTAGE_LEVELS, SKILL_LEVELS } from './figures.js';
import { IMPORT_KINDS } from './imports.js';
import { LABEL_LANGS } from './labels.js';
import { PLACEMENT_LEVELS } from './outcomes.js';
import { COST_DIMENSIONS } from './protection-figures.js';

export const SCOPES = ['organisation', 'platform'] as const;

/** filter.<dimension>=<code>: any name here; an unknown dimension is refused by the route with its parameter name. */
const FILTERS = { patternProperties: { '^filter\\.': Type.String({ maxLength: 120 }) }, additionalProperties: false };
const Scope = Type.Optional(StringEnum(SCOPES));
const Lang = Type.Optional(StringEnum(LABEL_LANGS));
const Limit = Type.Optional(Type.Integer({ minimum: 1, maximum: 500 }));
const Rate = Type.Union([Type.Number(), Type.Null()]);
const Format = StringEnum(['csv', 'xlsx'] as const);

// ---- protected values ----

/** A published count: a number, zero, or null with status "suppressed" (n.p.). */
export const FigureValueSchema = Type.Object({
  value: Type.Union([Type.Number(), Type.Null()]),
  status: StringEnum(['shown', 'zero', 'suppressed'] as const),
});
export type FigureValue = Static<typeof FigureValueSchema>;

export const Coded = Type.Object({ code: Type.String(), label: Type.String() });
export type Coded = Static<typeof Coded>;

/** The disclosure parameters every answer is published under. */
export const Disclosure = Type.Object({
  k: Type.Integer(),
  maxNoise: Type.Integer(),
  tail: Type.Number(),
  method: Type.String(),
});
export type Disclosure = Static<typeof Disclosure>;

/** A file download (CSV, XLSX, PDF). */
export const Binary = (type: string) => Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: type });
export const SHEET = 'text/csv or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// ---- tables ----

/** Query parameters of a table: predefined dimensions only; filters as filter.<dimension>=<code>. */
export const TableQueryString = Type.Object(
  {
    measure: StringEnum(MEASURES),
    rows: StringEnum(DIMENSIONS),
    cols: Type.Optional(StringEnum(DIMENSIONS)),
    scope: Scope,
    lang: Lang,
    limit: Limit,
  },
  FILTERS,
);
export const ExportQuery = Type.Object({ ...TableQueryString.properties, format: Format }, FILTERS);

const Axis = Type.Object({ dimension: Type.String(), name: Type.String(), values: Type.Array(Coded) });
export const TableAnswer = Type.Object({
  measure: Type.String(),
  scope: StringEnum(SCOPES),
  rows: Axis,
  cols: Type.Union([Axis, Type.Null()]),
  filters: Type.Array(
    Type.Object({ dimension: Type.String(), name: Type.String(), code: Type.String(), label: Type.String() }),
  ),
  cells: Type.Array(Type.Array(FigureValueSchema)),
  rowTotals: Type.Array(FigureValueSchema),
  colTotals: Type.Array(FigureValueSchema),
  total: FigureValueSchema,
  additive: Type.Boolean(),
  rowsOmitted: Type.Integer(),
  disclosure: Disclosure,
  attribution: Type.String(),
});
export type TableAnswer = Static<typeof TableAnswer>;

/** Shortages, skill gaps and durations: a level and the same filters as a table. */
export const LevelFilters = (levels: readonly string[]) =>
  Type.Object({ level: StringEnum(levels), scope: Scope, lang: Lang, limit: Limit }, FILTERS);

// ---- shortages, skill gaps, time to fill, placements ----

export const ShortageAnswer = Type.Object({
  level: Type.String(),
  rows: Type.Array(
    Type.Object({
      code: Type.String(),
      label: Type.String(),
      supply: FigureValueSchema,
      demand: FigureValueSchema,
      ratio: Rate,
      assessment: Type.String(),
      officialList: Type.Boolean(),
    }),
  ),
  disclosure: Disclosure,
  attribution: Type.String(),
});
export type ShortageAnswer = Static<typeof ShortageAnswer>;
export const ShortageQuery = LevelFilters(SHORTAGE_LEVELS);

export const SkillGapQuery = LevelFilters(SKILL_LEVELS);
export const SkillGapAnswer = Type.Object({
  level: Type.String(),
  jobSeekers: FigureValueSchema,
  vacancies: FigureValueSchema,
  rows: Type.Array(
    Type.Object({
      code: Type.String(),
      label: Type.String(),
      held: FigureValueSchema,
      demanded: FigureValueSchema,
      heldShare: Rate,
      demandedShare: Rate,
      gap: Rate,
    }),
  ),
  disclosure: Disclosure,
  attribution: Type.String(),
});
export type SkillGapAnswer = Static<typeof SkillGapAnswer>;

export const TimeToFillQuery = LevelFilters(DURATION_LEVELS);
export const TimeToFillAnswer = Type.Object({
  level: Type.String(),
  rows: Type.Array(
    Type.Object({
      code: Type.String(),
      label: Type.String(),
      count: FigureValueSchema,
      medianDays: Rate,
      meanDays: Rate,
      withheld: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  disclosure: Disclosure,
});
export type TimeToFillAnswer = Static<typeof TimeToFillAnswer>;

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
export const PlacementQuery = Type.Object(
  { level: StringEnum(PLACEMENT_LEVELS), from: Day, to: Day, scope: Scope, lang: Lang },
  CLOSED,
);
export const PlacementAnswer = Type.Object({
  available: Type.Boolean(),
  reason: Type.Union([Type.String(), Type.Null()]),
  total: Type.Union([FigureValueSchema, Type.Null()]),
  rows: Type.Array(
    Type.Object({
      code: Type.String(),
      label: Type.String(),
      placements: FigureValueSchema,
      medianDaysToPlacement: Rate,
      meanDaysToPlacement: Rate,
    }),
  ),
});
export type PlacementAnswer = Static<typeof PlacementAnswer>;

// ---- the corridor view ----

export const CorridorQuery = Type.Object(
  {
    origin: Type.String({ pattern: '^[A-Z]{2}$' }),
    destination: Type.String({ pattern: '^[A-Z]{2}$' }),
    scope: Scope,
    lang: Lang,
  },
  CLOSED,
);

export const CountBySex = Type.Object({
  total: FigureValueSchema,
  bySex: Type.Record(Type.String(), FigureValueSchema),
});
export type CountBySex = Static<typeof CountBySex>;

export const CorridorAnswer = Type.Object({
  origin: Type.String(),
  destination: Type.String(),
  originName: Type.String(),
  destinationName: Type.String(),
  pool: CountBySex,
  occupations: Type.Array(
    Type.Object({
      isco: Type.String(),
      label: Type.String(),
      sources: Type.Array(Type.String()),
      officialTitle: Type.Union([Type.String(), Type.Null()]),
      demand: FigureValueSchema,
      ratio: Rate,
      covered: CountBySex,
      oneTrainingAway: CountBySex,
    }),
  ),
  disclosure: Disclosure,
  attribution: Type.String(),
});
export type CorridorAnswer = Static<typeof CorridorAnswer>;

// ---- protection's figures: SDG 10.7.1 and screenings ----

export const CostQuery = Type.Object(
  {
    by: Type.Optional(Type.String({ pattern: '^[a-zA-Z]+(,[a-zA-Z]+){0,5}$', description: COST_DIMENSIONS.join(',') })),
    scope: Scope,
    lang: Lang,
  },
  CLOSED,
);
export const CostExportQuery = Type.Object({ ...CostQuery.properties, format: Format }, CLOSED);

export const CostAnswer = Type.Object({
  available: Type.Boolean(),
  reason: Type.Union([Type.String(), Type.Null()]),
  scope: StringEnum(SCOPES),
  dimensions: Type.Array(Type.Object({ dimension: Type.String(), name: Type.String() })),
  cells: Type.Array(
    Type.Object({
      dimension: Type.String(),
      group: Type.String(),
      label: Type.String(),
      workers: FigureValueSchema,
      mean: Rate,
      median: Rate,
      p80: Rate,
      withheld: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  disclosure: Disclosure,
});
export type CostAnswer = Static<typeof CostAnswer>;

export const ScreeningQuery = Type.Object({ scope: Scope }, CLOSED);
export const ScreeningAnswer = Type.Object({
  available: Type.Boolean(),
  scope: StringEnum(SCOPES),
  people: FigureValueSchema,
  groups: Type.Array(Type.Object({ group: Type.String(), people: FigureValueSchema })),
  disclosure: Disclosure,
});
export type ScreeningAnswer = Static<typeof ScreeningAnswer>;

// ---- settings and outside figures ----

export const SettingsAnswer = Type.Object({
  k: Type.Integer(),
  kFloor: Type.Integer(),
  maxNoise: Type.Integer(),
  tail: Type.Number(),
});
// Any whole number, so that a k below the floor gets the disclosure module's own message.
export const SettingsInput = Type.Object(
  { k: Type.Integer({ minimum: 0, maximum: 1000, description: `at least ${K_FLOOR}` }) },
  CLOSED,
);
export const SettingsSet = Type.Object({ k: Type.Integer() });

/** An import of outside figures (docs/LABOUR-MARKET.md, "Outside figures: CSV format"). */
export const ImportInput = Type.Object(
  {
    kind: StringEnum(IMPORT_KINDS),
    /** Publisher and table, shown beside the figures. */
    source: Type.String({ minLength: 3, maxLength: 300 }),
    /** The CSV text (UTF-8, comma-separated, header line first). */
    csv: Type.String({ minLength: 1, maxLength: 5_000_000 }),
  },
  CLOSED,
);
export type ImportInput = Static<typeof ImportInput>;

export const ImportRecord = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  source: Type.String(),
  rows: Type.Integer(),
  importedAt: Type.String(),
});
export type ImportRecord = Static<typeof ImportRecord>;
export const ImportList = Type.Object({ items: Type.Array(ImportRecord) });
export const ImportDeleted = Type.Object({ deleted: Type.String() });
export const ImportParams = Type.Object({ importId: Type.String({ minLength: 1, maxLength: 64 }) }, CLOSED);

export const OutsideQuery = Type.Object(
  {
    country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
    indicator: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9-]{1,60}$' })),
  },
  CLOSED,
);
export const OutsideFigure = Type.Object({
  importId: Type.String(),
  source: Type.String(),
  country: Type.String(),
  indicator: Type.String(),
  period: Type.String(),
  isco: Type.String(),
  sex: Type.String(),
  ageGroup: Type.String(),
  iscedBand: Type.String(),
  value: Type.Number(),
  unit: Type.String(),
});
export type OutsideFigure = Static<typeof OutsideFigure>;
export const OutsideFigures = Type.Object({ items: Type.Array(OutsideFigure) });
export type OutsideFigures = Static<typeof OutsideFigures>;
