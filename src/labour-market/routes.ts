// Labour-market figures over HTTP. Staff (/labour-market/…): analysts, org admins and advisors see their own
// organisation's figures (an advisor: the caseload) or the platform's across organisations; platform admins the
// platform's. The public (/open-data/…): platform figures only, anonymous. Every answer — table, shortage list, skill
// gaps, durations, corridor, CSV, XLSX, PDF — is computed by figures.ts/corridor.ts through disclosure.ts with the
// k in force: there is no route to a true count.
import type { TSchema } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { defineCapability, type Services } from '../kernel/capability.js';
import { DomainError, invalid, unavailable } from '../kernel/errors.js';
import { instanceCipher } from '../kernel/person-keys.js';
import { commandRoute, defineRoute, type AnyRoute, type AuthUser, type RouteContext } from '../kernel/route.js';
import { renderCorridorBrief } from './brief.js';
import { deleteImport, importOutsideFigures, setMinimumCellSize } from './commands.js';
import {
  Binary,
  CorridorAnswer,
  CorridorQuery,
  CostAnswer,
  CostExportQuery,
  CostQuery,
  ExportQuery,
  ImportDeleted,
  ImportInput,
  ImportList,
  ImportParams,
  ImportRecord,
  OutsideFigures,
  OutsideQuery,
  PlacementAnswer,
  PlacementQuery,
  ScreeningAnswer,
  ScreeningQuery,
  SettingsAnswer,
  SettingsInput,
  SettingsSet,
  SHEET,
  ShortageAnswer,
  ShortageQuery,
  SkillGapAnswer,
  SkillGapQuery,
  TableAnswer,
  TableQueryString,
  TimeToFillAnswer,
  TimeToFillQuery,
} from './contract.js';
import { corridorView, type CorridorView } from './corridor.js';
import { isDimension, type Dimension } from './dimensions.js';
import { disclosurePolicy, type DisclosurePolicy } from './disclosure.js';
import { LabourMarketEngine } from './engine.js';
import { toCsv, toXlsx, type Sheet } from './export.js';
import {
  DURATION_LEVELS,
  SHORTAGE_LEVELS,
  SKILL_LEVELS,
  shortages,
  skillGaps,
  table,
  timeToFill,
  type FigureContext,
  type FigureTable,
  type FigureValue,
  type Scope,
  type TableQuery,
} from './figures.js';
import { DIMENSION_NAMES, ESCO_ATTRIBUTION, countryName, labelLang, valueLabel, type LabelLang } from './labels.js';
import { PLACEMENT_LEVELS, placementFigures } from './outcomes.js';
import {
  COST_DIMENSIONS,
  countedWorkers,
  recruitmentCostFigures,
  screeningFigures,
  type CostDimension,
} from './protection-figures.js';
import { readSettings } from './store.js';
import { statisticsTaxonomy, type StatisticsTaxonomy } from './taxonomy.js';
import { auditReason } from '../shared/audit-reasons.js';

declare module '../kernel/capability.js' {
  interface ServiceMap {
    /** This process's labour-market statistics (the model following the change log). */
    labourMarket: LabourMarketEngine;
  }
}

export const labourMarketCapability = defineCapability({
  name: 'labour-market',
  setup(registry) {
    // The instance cipher opens each counted person's ICLS category (sealed under their key).
    const engine = new LabourMarketEngine(registry.env.db, registry.env.feed, instanceCipher(registry.env.config));
    registry.provide('labourMarket', engine);
    registry.onClose(() => engine.close());
  },
});

/** Staff who read figures. Migrants read none: figures are about groups, not about them. */
export const FIGURE_READERS = ['analyst', 'advisor', 'org_admin', 'platform_admin', 'employer'] as const;

// ---- shared pieces ----

interface Figures {
  ctx: FigureContext;
  taxonomy: StatisticsTaxonomy;
  policy: DisclosurePolicy;
  salt: string;
}

async function figuresFor(db: Kysely<Database>, services: Services): Promise<Figures> {
  let snapshot;
  try {
    snapshot = (await services.get('taxonomy').current(db)).snapshot;
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw unavailable('No ESCO taxonomy is loaded yet', 'taxonomy_not_loaded');
  }
  const settings = await readSettings(db);
  const ctx = await services.get('labourMarket').figures(snapshot);
  return {
    ctx,
    taxonomy: statisticsTaxonomy(snapshot),
    policy: disclosurePolicy({ k: settings.k }),
    salt: settings.salt,
  };
}

/** Labels without a loaded taxonomy: codes only. */
const NO_TAXONOMY: StatisticsTaxonomy = {
  version: '',
  iscoOf: () => null,
  skillGroupOf: () => '',
  collectionsOf: () => 0,
  occupationsIn: () => [],
  essentialSkills: () => [],
  label: () => null,
  iscoLabel: () => null,
  hasIsco: () => false,
};

/** The k in force and the salt, without building the model: for figures from other capabilities' records. */
async function protectionFor(db: Kysely<Database>, services: Services) {
  const settings = await readSettings(db);
  let taxonomy: StatisticsTaxonomy = NO_TAXONOMY;
  try {
    taxonomy = statisticsTaxonomy((await services.get('taxonomy').current(db)).snapshot);
  } catch {
    // no taxonomy loaded: ISCO groups are labelled by their code
  }
  return { policy: disclosurePolicy({ k: settings.k }), salt: settings.salt, taxonomy };
}

/**
 * Whose records a caller's figures count: their organisation's (advisors: the caseload; employers: their vacancies),
 * or every organisation's (platform level). Platform administrators belong to no tenant: platform only.
 */
function scopeFor(user: AuthUser | null, requested: string | undefined): Scope {
  if (!user || user.role === 'platform_admin') {
    if (requested === 'organisation') throw invalid('Platform figures only for this caller', 'querystring.scope');
    return { organisationId: null };
  }
  return requested === 'platform' ? { organisationId: null } : { organisationId: user.organisationId };
}

function disclosureOf(policy: DisclosurePolicy) {
  return {
    k: policy.k,
    maxNoise: policy.maxNoise,
    tail: policy.tail,
    method:
      `Counts of 1–${policy.k - 1} are not published (n.p.), nor cells that would let them be worked out from totals; ` +
      `every other count carries fixed noise (within ±${policy.maxNoise} for ${Math.round((1 - policy.tail) * 100)}% of cells) ` +
      'that stays the same whenever the same cell is asked for; rates use published counts.',
  };
}

/** filter.<dimension> parameters; an unknown dimension is refused by checkQuery with its parameter name. */
function filtersOf(query: object): Partial<Record<Dimension, string>> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (k.startsWith('filter.') && typeof v === 'string') out[k.slice(7)] = v;
  return out as Partial<Record<Dimension, string>>;
}

/** Refuses a filter naming an unknown dimension before any figure is computed. */
function checkFilterNames(filters: Record<string, string | undefined>): void {
  for (const d of Object.keys(filters)) {
    if (!isDimension(d)) throw invalid(`Unknown dimension "${d}"`, `querystring.filter.${d}`);
  }
}

function labelled(t: FigureTable, scope: Scope, lang: LabelLang, f: Figures) {
  const dim = (d: Dimension, codes: string[]) => ({
    dimension: d,
    name: DIMENSION_NAMES[d][lang],
    values: codes.map((code) => ({ code, label: valueLabel(d, code, lang, f.taxonomy) })),
  });
  return {
    measure: t.measure,
    scope: scope.organisationId === null ? ('platform' as const) : ('organisation' as const),
    rows: dim(t.rows, t.rowCodes),
    cols: t.cols ? dim(t.cols, t.colCodes) : null,
    filters: (Object.entries(t.filters) as [Dimension, string][]).map(([d, code]) => ({
      dimension: d,
      name: DIMENSION_NAMES[d][lang],
      code,
      label: valueLabel(d, code, lang, f.taxonomy),
    })),
    cells: t.cells,
    rowTotals: t.rowTotals,
    colTotals: t.colTotals,
    total: t.total,
    additive: t.additive,
    rowsOmitted: t.rowsOmitted,
    disclosure: disclosureOf(f.policy),
    attribution: ESCO_ATTRIBUTION,
  };
}

async function tableAnswer(
  ctx: Pick<RouteContext, 'db' | 'services'>,
  query: Record<string, unknown>,
  user: AuthUser | null,
) {
  const filters = filtersOf(query);
  checkFilterNames(filters);
  const q: TableQuery = {
    measure: query.measure as TableQuery['measure'],
    rows: query.rows as Dimension,
    cols: (query.cols as Dimension | undefined) ?? null,
    filters,
    limit: query.limit as number | undefined,
  };
  const scope = scopeFor(user, query.scope as string | undefined);
  const f = await figuresFor(ctx.db, ctx.services);
  const lang = labelLang(query.lang as string | undefined);
  return labelled(table(f.ctx, q, scope, f.policy), scope, lang, f);
}

/** A protected value as a spreadsheet cell: the number, or empty for n.p. */
const sheetValue = (v: FigureValue) => (v.status === 'suppressed' ? null : v.value);
const NP: Record<LabelLang, string> = {
  en: 'Empty cells: n.p. (not published, to protect people).',
  es: 'Celdas vacías: n.p. (no publicado, para proteger a las personas).',
  fr: 'Cellules vides : n.p. (non publié, pour protéger les personnes).',
  ar: 'الخلايا الفارغة: غير منشورة حمايةً للأشخاص.',
};
const TOTAL: Record<LabelLang, string> = { en: 'Total', es: 'Total', fr: 'Total', ar: 'المجموع' };

function sheetOf(answer: ReturnType<typeof labelled>, lang: LabelLang): Sheet {
  const title = `${answer.measure === 'supply' ? 'Job seekers' : 'Open vacancies'} — ${answer.rows.name}${answer.cols ? ` × ${answer.cols.name}` : ''}`;
  const header = [
    answer.rows.name,
    'code',
    ...(answer.cols ? answer.cols.values.map((c) => c.label) : []),
    TOTAL[lang],
  ];
  const rows = answer.rows.values.map((r, i) => [
    r.label,
    r.code,
    ...(answer.cols ? answer.cells[i]!.map(sheetValue) : []),
    sheetValue(answer.rowTotals[i]!),
  ]);
  if (answer.cols || answer.additive) {
    rows.push([TOTAL[lang], '', ...(answer.cols ? answer.colTotals.map(sheetValue) : []), sheetValue(answer.total)]);
  }
  return {
    title,
    header,
    rows,
    notes: [
      ...answer.filters.map((f) => `${f.name}: ${f.label}`),
      `Scope: ${answer.scope}`,
      NP[lang],
      answer.disclosure.method,
      answer.attribution,
    ],
  };
}

async function exportAnswer(ctx: RouteContext<{ querystring: typeof ExportQuery }, AuthUser | null>) {
  const answer = await tableAnswer(ctx, ctx.query as Record<string, unknown>, ctx.user);
  const lang = labelLang(ctx.query.lang);
  const sheet = sheetOf(answer, lang);
  const name = `corridor-${answer.measure}-${answer.rows.dimension}${answer.cols ? `-${answer.cols.dimension}` : ''}`;
  if (ctx.query.format === 'csv') {
    ctx.reply.header('content-type', 'text/csv; charset=utf-8');
    ctx.reply.header('content-disposition', `attachment; filename="${name}.csv"`);
    return Buffer.from(toCsv(sheet), 'utf8');
  }
  ctx.reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  ctx.reply.header('content-disposition', `attachment; filename="${name}.xlsx"`);
  return Buffer.from(toXlsx(sheet));
}

async function officialShortages(db: Kysely<Database>, country: string | undefined) {
  if (!country) return [];
  return db
    .selectFrom('lm_shortage_occupation')
    .select(['isco', 'title', 'region', 'period'])
    .where('country', '=', country)
    .orderBy('isco')
    .execute();
}

async function shortageAnswer(
  ctx: Pick<RouteContext, 'db' | 'services'>,
  query: Record<string, unknown>,
  user: AuthUser | null,
) {
  const filters = filtersOf(query);
  checkFilterNames(filters);
  const scope = scopeFor(user, query.scope as string | undefined);
  const f = await figuresFor(ctx.db, ctx.services);
  const lang = labelLang(query.lang as string | undefined);
  const level = query.level as (typeof SHORTAGE_LEVELS)[number];
  const rows = shortages(f.ctx, level, filters, scope, f.policy);
  const official = await officialShortages(ctx.db, filters.country ?? filters.region?.split(':')[0]);
  return {
    level,
    rows: rows.map((r) => ({
      ...r,
      label: valueLabel(level, r.code, lang, f.taxonomy),
      officialList:
        level !== 'occupation' && official.some((o) => r.code.startsWith(o.isco) || o.isco.startsWith(r.code)),
    })),
    disclosure: disclosureOf(f.policy),
    attribution: ESCO_ATTRIBUTION,
  };
}

async function corridorAnswer(
  ctx: Pick<RouteContext, 'db' | 'services'>,
  query: { origin: string; destination: string; scope?: string; lang?: string },
  user: AuthUser | null,
) {
  if (query.origin === query.destination)
    throw invalid('Origin and destination must differ', 'querystring.destination');
  const scope = scopeFor(user, query.scope);
  const f = await figuresFor(ctx.db, ctx.services);
  const lang = labelLang(query.lang);
  const official = await officialShortages(ctx.db, query.destination);
  const training = await ctx.db
    .selectFrom('training_offer')
    .select(['id', 'skills'])
    .where('status', '=', 'open')
    .execute();
  const view: CorridorView = corridorView(
    f.ctx.model,
    {
      origin: query.origin,
      destination: query.destination,
      officialShortages: official.map((o) => ({ isco: o.isco, title: o.title })),
      training: training.map((t) => ({ id: t.id, skills: t.skills as string[] })),
    },
    scope,
    f.policy,
  );
  return {
    ...view,
    originName: valueLabel('country', view.origin, lang, f.taxonomy),
    destinationName: valueLabel('country', view.destination, lang, f.taxonomy),
    occupations: view.occupations.map((o) => ({ ...o, label: valueLabel('isco4', o.isco, lang, f.taxonomy) })),
    disclosure: disclosureOf(f.policy),
    attribution: ESCO_ATTRIBUTION,
  };
}

// ---- SDG 10.7.1 recruitment costs and screening factors (records from protection, protected here) ----

const COST_DIMENSION_NAMES: Record<CostDimension, Record<LabelLang, string>> = {
  corridor: { en: 'Corridor', es: 'Corredor', fr: 'Corridor', ar: 'الممر' },
  sex: DIMENSION_NAMES.sex,
  ageGroup: DIMENSION_NAMES.ageGroup,
  education: DIMENSION_NAMES.iscedBand,
  occupation: DIMENSION_NAMES.isco1,
  sector: {
    en: 'Sector (ISIC section)',
    es: 'Sector (sección CIIU)',
    fr: 'Secteur (section CITI)',
    ar: 'القطاع (ISIC)',
  },
};
const ALL_WORKERS: Record<LabelLang, string> = {
  en: 'All workers',
  es: 'Todos los trabajadores',
  fr: 'Tous les travailleurs',
  ar: 'جميع العمال',
};

function costGroupLabel(d: CostDimension | 'all', code: string, lang: LabelLang, taxonomy: StatisticsTaxonomy) {
  switch (d) {
    case 'all':
      return ALL_WORKERS[lang];
    case 'corridor': {
      const [from, to] = code.split('-') as [string, string];
      return `${countryName(from, lang)} → ${countryName(to, lang)}`;
    }
    case 'education':
      return valueLabel('iscedBand', code, lang, taxonomy);
    case 'occupation':
      return valueLabel('isco1', code, lang, taxonomy);
    case 'sector':
      return code === 'unknown' ? valueLabel('isco1', code, lang, taxonomy) : `ISIC ${code}`;
    default:
      return valueLabel(d, code, lang, taxonomy);
  }
}

async function recruitmentCostAnswer(
  ctx: Pick<RouteContext, 'db' | 'services'>,
  query: { by?: string; scope?: string; lang?: string },
  user: AuthUser | null,
) {
  const asked = (query.by ?? 'corridor,sex').split(',');
  for (const d of asked) {
    if (!(COST_DIMENSIONS as readonly string[]).includes(d)) {
      throw invalid(`Unknown dimension "${d}": use ${COST_DIMENSIONS.join(', ')}`, 'querystring.by');
    }
  }
  const dimensions = [...new Set(asked)] as CostDimension[];
  const scope = scopeFor(user, query.scope);
  const lang = labelLang(query.lang);
  const f = await protectionFor(ctx.db, ctx.services);
  const base = {
    scope: scope.organisationId === null ? ('platform' as const) : ('organisation' as const),
    dimensions: dimensions.map((d) => ({ dimension: d, name: COST_DIMENSION_NAMES[d][lang] })),
    disclosure: disclosureOf(f.policy),
  };
  if (!ctx.services.has('recruitmentCosts')) {
    return { ...base, available: false, reason: 'No fee log on this instance (protection).', cells: [] };
  }
  const workers = await countedWorkers(ctx.db, ctx.services.get('recruitmentCosts'), scope);
  const cells = recruitmentCostFigures(workers, dimensions, f.salt, f.policy);
  return {
    ...base,
    available: true,
    reason: null,
    cells: cells.map((c) => ({ ...c, label: costGroupLabel(c.dimension, c.group, lang, f.taxonomy) })),
  };
}

const COST_HEADER: Record<LabelLang, string[]> = {
  en: ['Group', 'Workers', 'Mean (months of earnings)', 'Median', '80th percentile'],
  es: ['Grupo', 'Trabajadores', 'Media (meses de ingresos)', 'Mediana', 'Percentil 80'],
  fr: ['Groupe', 'Travailleurs', 'Moyenne (mois de revenus)', 'Médiane', '80e centile'],
  ar: ['الفئة', 'العمال', 'المتوسط (أشهر من الدخل)', 'الوسيط', 'المئين 80'],
};

async function recruitmentCostExport(
  ctx: RouteContext<{ querystring: typeof CostExportQuery }, AuthUser | null>,
  user: AuthUser | null,
) {
  const answer = await recruitmentCostAnswer(ctx, ctx.query, user);
  const lang = labelLang(ctx.query.lang);
  const name = (d: string) => (d === 'all' ? '' : `${COST_DIMENSION_NAMES[d as CostDimension][lang]}: `);
  const sheet: Sheet = {
    title: 'SDG 10.7.1 — recruitment cost in months of first-month earnings',
    header: COST_HEADER[lang],
    rows: answer.cells.map((c) => [`${name(c.dimension)}${c.label}`, sheetValue(c.workers), c.mean, c.median, c.p80]),
    notes: [
      `Scope: ${answer.scope}`,
      'Workers whose consent to anonymised statistics is in force, with first-month earnings and every cost convertible at the dated rates.',
      NP[lang],
      answer.disclosure.method,
      'Mean, median and percentile carry fixed noise of up to ±5 % and are withheld when one worker dominates the mean.',
    ],
  };
  const file = `corridor-recruitment-costs-${answer.dimensions.map((d) => d.dimension).join('-')}`;
  if (ctx.query.format === 'csv') {
    ctx.reply.header('content-type', 'text/csv; charset=utf-8');
    ctx.reply.header('content-disposition', `attachment; filename="${file}.csv"`);
    return Buffer.from(toCsv(sheet), 'utf8');
  }
  ctx.reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  ctx.reply.header('content-disposition', `attachment; filename="${file}.xlsx"`);
  return Buffer.from(toXlsx(sheet));
}

const fixtures = () => import('./route-examples.js');

function staffTableRoute(
  path: string,
  summary: string,
  schema: { querystring: TSchema; response: Record<number, TSchema> },
  handler: (ctx: RouteContext<never, AuthUser>) => Promise<unknown>,
  example: Record<string, string>,
): AnyRoute {
  return defineRoute({
    method: 'GET',
    url: path,
    summary,
    tags: ['labour-market'],
    schema,
    access: { roles: FIGURE_READERS },
    rateLimitPerMinute: 240,
    example: async () => ({ querystring: example }),
    handler: handler as never,
  });
}

function publicRoute(
  path: string,
  summary: string,
  schema: { querystring: TSchema; response: Record<number, TSchema> },
  handler: (ctx: RouteContext<never, AuthUser | null>) => Promise<unknown>,
  example: Record<string, string>,
): AnyRoute {
  return defineRoute({
    method: 'GET',
    url: path,
    summary,
    description: 'Anonymous. Platform-level figures only, under the same disclosure control as every other figure.',
    tags: ['open-data'],
    schema,
    access: { roles: 'public' },
    rateLimitPerMinute: 120,
    example: async () => ({ querystring: example }),
    handler: handler as never,
  });
}

async function outsideFigures(db: Kysely<Database>, country?: string, indicator?: string) {
  let q = db
    .selectFrom('lm_outside_figure as f')
    .innerJoin('lm_import as i', 'i.id', 'f.import_id')
    .select([
      'f.import_id',
      'i.source',
      'f.country',
      'f.indicator',
      'f.period',
      'f.isco',
      'f.sex',
      'f.age_group',
      'f.isced_band',
      'f.value',
      'f.unit',
    ])
    .orderBy('f.country')
    .orderBy('f.indicator')
    .orderBy('f.period')
    .orderBy('f.line')
    .limit(2000);
  if (country) q = q.where('f.country', '=', country);
  if (indicator) q = q.where('f.indicator', '=', indicator);
  const rows = await q.execute();
  return rows.map((r) => ({
    importId: r.import_id,
    source: r.source,
    country: r.country,
    indicator: r.indicator,
    period: r.period,
    isco: r.isco,
    sex: r.sex,
    ageGroup: r.age_group,
    iscedBand: r.isced_band,
    value: Number(r.value),
    unit: r.unit,
  }));
}

const TABLE_EXAMPLE = { measure: 'supply', rows: 'isco1', cols: 'sex' };

export const labourMarketRoutes: AnyRoute[] = [
  staffTableRoute(
    '/labour-market/figures',
    'Job seekers or open vacancies by up to two predefined dimensions, filtered, protected',
    { querystring: TableQueryString, response: { 200: TableAnswer } },
    (ctx) => tableAnswer(ctx, ctx.query as Record<string, unknown>, ctx.user),
    TABLE_EXAMPLE,
  ),
  staffTableRoute(
    '/labour-market/figures/export',
    'The same table as CSV or XLSX',
    {
      querystring: ExportQuery,
      response: { 200: Binary(SHEET) },
    },
    (ctx) => exportAnswer(ctx as never),
    { ...TABLE_EXAMPLE, format: 'csv' },
  ),
  staffTableRoute(
    '/labour-market/shortages',
    'Supply and demand by occupation, their ratio, and shortage or surplus occupations (with imported official lists)',
    { querystring: ShortageQuery, response: { 200: ShortageAnswer } },
    (ctx) => shortageAnswer(ctx, ctx.query as Record<string, unknown>, ctx.user),
    { level: 'isco2', 'filter.country': 'ES' },
  ),
  staffTableRoute(
    '/labour-market/skill-gaps',
    'Skills demanded by open vacancies against skills held by job seekers, in a place',
    {
      querystring: SkillGapQuery,
      response: { 200: SkillGapAnswer },
    },
    async (ctx) => {
      const query = ctx.query as Record<string, unknown>;
      const filters = filtersOf(query);
      checkFilterNames(filters);
      const scope = scopeFor(ctx.user, query.scope as string | undefined);
      const f = await figuresFor(ctx.db, ctx.services);
      const lang = labelLang(query.lang as string | undefined);
      const level = query.level as (typeof SKILL_LEVELS)[number];
      const gaps = skillGaps(f.ctx, level, filters, scope, f.policy, (query.limit as number | undefined) ?? 30);
      return {
        level,
        ...gaps,
        rows: gaps.rows.map((r) => ({ ...r, label: valueLabel(level, r.code, lang, f.taxonomy) })),
        disclosure: disclosureOf(f.policy),
        attribution: ESCO_ATTRIBUTION,
      };
    },
    { level: 'skillCollection', 'filter.country': 'ES' },
  ),
  staffTableRoute(
    '/labour-market/time-to-fill',
    'Days from publication to closing of closed vacancies: median and mean, protected',
    {
      querystring: TimeToFillQuery,
      response: { 200: TimeToFillAnswer },
    },
    async (ctx) => {
      const query = ctx.query as Record<string, unknown>;
      const filters = filtersOf(query);
      checkFilterNames(filters);
      const scope = scopeFor(ctx.user, query.scope as string | undefined);
      const f = await figuresFor(ctx.db, ctx.services);
      const lang = labelLang(query.lang as string | undefined);
      const level = query.level as (typeof DURATION_LEVELS)[number];
      const rows = timeToFill(f.ctx, level, filters, scope, f.policy);
      return {
        level,
        rows: rows.map((r) => ({ ...r, label: valueLabel(level, r.code, lang, f.taxonomy) })),
        disclosure: disclosureOf(f.policy),
      };
    },
    { level: 'isco1' },
  ),
  staffTableRoute(
    '/labour-market/placements',
    'Placements by occupation and days from registration to placement, once outcomes are recorded',
    {
      querystring: PlacementQuery,
      response: { 200: PlacementAnswer },
    },
    async (ctx) => {
      const query = ctx.query as {
        level: (typeof PLACEMENT_LEVELS)[number];
        from: string;
        to: string;
        scope?: string;
        lang?: string;
      };
      const scope = scopeFor(ctx.user, query.scope);
      if (!ctx.services.has('placements')) {
        return {
          available: false,
          reason: 'No outcomes are recorded yet: placements appear once the outcome log (protection) provides them.',
          total: null,
          rows: [],
        };
      }
      const f = await protectionFor(ctx.db, ctx.services);
      const lang = labelLang(query.lang);
      const range = { from: new Date(`${query.from}T00:00:00Z`), to: new Date(`${query.to}T00:00:00Z`) };
      if (!(range.from < range.to)) throw invalid('from must be before to', 'querystring.to');
      const result = await placementFigures(
        ctx.db,
        ctx.services.get('placements'),
        range,
        query.level,
        f.taxonomy,
        f.salt,
        f.policy,
        scope,
      );
      return {
        available: true,
        reason: null,
        total: result.total,
        rows: result.rows.map((r) => ({ ...r, label: valueLabel(query.level, r.code, lang, f.taxonomy) })),
      };
    },
    { level: 'isco1', from: '2026-01-01', to: '2027-01-01' },
  ),
  staffTableRoute(
    '/labour-market/corridors',
    'An origin country’s pool of job seekers against a destination’s shortage occupations, by sex',
    { querystring: CorridorQuery, response: { 200: CorridorAnswer } },
    (ctx) => corridorAnswer(ctx, ctx.query as never, ctx.user),
    { origin: 'MA', destination: 'ES' },
  ),
  staffTableRoute(
    '/labour-market/recruitment-costs',
    'SDG 10.7.1: mean, median and 80th percentile of the recruitment cost in months of earnings, by group',
    { querystring: CostQuery, response: { 200: CostAnswer } },
    (ctx) => recruitmentCostAnswer(ctx, ctx.query as never, ctx.user),
    { by: 'corridor,sex' },
  ),
  staffTableRoute(
    '/labour-market/recruitment-costs/export',
    'SDG 10.7.1 recruitment costs as CSV or XLSX (the same protected figures)',
    {
      querystring: CostExportQuery,
      response: { 200: Binary(SHEET) },
    },
    (ctx) => recruitmentCostExport(ctx as never, ctx.user),
    { by: 'corridor', format: 'csv' },
  ),
  defineRoute({
    method: 'GET',
    url: '/labour-market/screenings',
    summary: 'How many counted people’s latest vulnerability screening records each kind of factor and alert',
    description:
      'Analysts only. Counts of people through the disclosure control; the answers are decrypted to be counted, ' +
      'so every call is audited.',
    tags: ['labour-market'],
    schema: {
      querystring: ScreeningQuery,
      response: { 200: ScreeningAnswer },
    },
    access: { roles: ['analyst'] },
    rateLimitPerMinute: 60,
    handler: async (ctx) => {
      const scope = scopeFor(ctx.user, ctx.query.scope);
      const f = await protectionFor(ctx.db, ctx.services);
      const base = {
        scope: scope.organisationId === null ? ('platform' as const) : ('organisation' as const),
        disclosure: disclosureOf(f.policy),
      };
      if (!ctx.services.has('screenings')) {
        return { ...base, available: false, people: { value: 0, status: 'zero' as const }, groups: [] };
      }
      return ctx.transaction(async (tx) => {
        const figures = await screeningFigures(
          tx.db,
          tx.cipher,
          ctx.services.get('screenings'),
          scope,
          f.salt,
          f.policy,
        );
        // Decrypting consenting people's answers to count them is itself a read worth recording (ids only: none).
        await tx.audit({
          action: 'read',
          entity: 'protection_screening',
          reason: auditReason('statisticsAggregate'),
        });
        return { ...base, available: true, ...figures };
      });
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/labour-market/corridors/brief.pdf',
    summary: 'The corridor view as a short brief (PDF) for a skills mobility partnership',
    tags: ['labour-market'],
    schema: { querystring: CorridorQuery, response: { 200: Binary('application/pdf') } },
    access: { roles: FIGURE_READERS },
    rateLimitPerMinute: 30,
    example: async () => ({ querystring: { origin: 'MA', destination: 'ES' } }),
    handler: async (ctx) => {
      const answer = await corridorAnswer(ctx, ctx.query, ctx.user);
      const pdf = await renderCorridorBrief(answer, labelLang(ctx.query.lang), new Date());
      ctx.reply.header('content-type', 'application/pdf');
      ctx.reply.header(
        'content-disposition',
        `attachment; filename="corridor-${answer.origin}-${answer.destination}.pdf"`,
      );
      return pdf;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/labour-market/settings',
    summary: 'The disclosure parameters in force',
    tags: ['labour-market'],
    schema: {
      response: { 200: SettingsAnswer },
    },
    access: { roles: FIGURE_READERS },
    handler: async (ctx) => {
      const { k } = await readSettings(ctx.db);
      const policy = disclosurePolicy({ k });
      return { k, kFloor: 3, maxNoise: policy.maxNoise, tail: policy.tail };
    },
  }),
  commandRoute({
    method: 'PUT',
    url: '/labour-market/settings',
    summary: 'Set the minimum cell size k (3 or more)',
    tags: ['labour-market'],
    schema: {
      body: SettingsInput,
      response: { 200: SettingsSet },
    },
    command: setMinimumCellSize,
    input: (ctx) => ctx.body,
    example: async () => ({ body: { k: 5 } }),
  }),
  defineRoute({
    method: 'GET',
    url: '/labour-market/imports',
    summary: 'Imported outside figures (shortage lists, labour-force-survey tables)',
    tags: ['labour-market'],
    schema: { response: { 200: ImportList } },
    access: { roles: FIGURE_READERS },
    handler: async (ctx) => {
      const rows = await ctx.db.selectFrom('lm_import').selectAll().orderBy('imported_at', 'desc').limit(200).execute();
      return {
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          source: r.source,
          rows: r.rows,
          importedAt: new Date(r.imported_at).toISOString(),
        })),
      };
    },
  }),
  commandRoute({
    method: 'POST',
    url: '/labour-market/imports',
    summary: 'Import a shortage-occupation list or labour-force-survey table (CSV; all lines or none)',
    tags: ['labour-market'],
    schema: {
      body: ImportInput,
      response: { 201: ImportRecord },
    },
    command: importOutsideFigures,
    input: (ctx) => ctx.body,
    example: async (world) => ({ body: await (await fixtures()).exampleImport(world) }),
  }),
  commandRoute({
    method: 'DELETE',
    url: '/labour-market/imports/:importId',
    summary: 'Remove an import and its lines',
    tags: ['labour-market'],
    schema: {
      params: ImportParams,
      response: { 200: ImportDeleted },
    },
    command: deleteImport,
    input: (ctx) => ({ importId: ctx.params.importId }),
    example: async (world) => ({ params: { importId: await (await fixtures()).exampleImportId(world) } }),
  }),
  defineRoute({
    method: 'GET',
    url: '/labour-market/outside-figures',
    summary: 'Imported labour-force-survey figures, as published by their source',
    tags: ['labour-market'],
    schema: { querystring: OutsideQuery, response: { 200: OutsideFigures } },
    access: { roles: FIGURE_READERS },
    handler: async (ctx) => ({ items: await outsideFigures(ctx.db, ctx.query.country, ctx.query.indicator) }),
  }),

  // ---- open data ----
  publicRoute(
    '/open-data/figures',
    'Open data: job seekers or open vacancies by predefined dimensions (platform level, protected)',
    { querystring: TableQueryString, response: { 200: TableAnswer } },
    (ctx) => tableAnswer(ctx, ctx.query as Record<string, unknown>, null),
    TABLE_EXAMPLE,
  ),
  publicRoute(
    '/open-data/figures/export',
    'Open data: the same table as CSV or XLSX',
    {
      querystring: ExportQuery,
      response: { 200: Binary(SHEET) },
    },
    (ctx) => exportAnswer(ctx as never),
    { ...TABLE_EXAMPLE, format: 'xlsx' },
  ),
  publicRoute(
    '/open-data/shortages',
    'Open data: shortage and surplus occupations (platform level, protected)',
    { querystring: ShortageQuery, response: { 200: ShortageAnswer } },
    (ctx) => shortageAnswer(ctx, ctx.query as Record<string, unknown>, null),
    { level: 'isco1' },
  ),
  publicRoute(
    '/open-data/recruitment-costs',
    'Open data: SDG 10.7.1 recruitment costs in months of earnings by group (platform level, protected)',
    { querystring: CostQuery, response: { 200: CostAnswer } },
    (ctx) => recruitmentCostAnswer(ctx, ctx.query as never, null),
    { by: 'corridor,sex' },
  ),
  publicRoute(
    '/open-data/recruitment-costs/export',
    'Open data: SDG 10.7.1 recruitment costs as CSV or XLSX',
    {
      querystring: CostExportQuery,
      response: { 200: Binary(SHEET) },
    },
    (ctx) => recruitmentCostExport(ctx as never, null),
    { by: 'corridor', format: 'xlsx' },
  ),
  publicRoute(
    '/open-data/outside-figures',
    'Open data: imported official figures, as published by their source',
    { querystring: OutsideQuery, response: { 200: OutsideFigures } },
    async (ctx) => ({
      items: await outsideFigures(
        ctx.db,
        (ctx.query as { country?: string }).country,
        (ctx.query as { indicator?: string }).indicator,
      ),
    }),
    {},
  ),
];
