// Taxonomy routes (/api/v1/taxonomy) and the taxonomy capability: search, occupation coding, skill extraction,
// concept details, reference levels and versions. Reads are open to every signed-in role; search is public (see
// docs/TAXONOMY.md); activating a version is for platform admins.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { defineCapability } from '../kernel/capability.js';
import { commandRoute, defineRoute, ROLES, type AnyRoute, type MatrixWorld } from '../kernel/route.js';
import { notFound } from '../kernel/errors.js';
import { englishTermsFor, isArabicScript } from './arabic.js';
import { referenceData } from './reference/levels.js';
import { essentialSkillsByRelevance } from './search/relevance.js';
import { createTaxonomyRuntime, preferredLabel, type TaxonomyRuntime, type TaxonomyService } from './service.js';
import { guessLanguage } from './text.js';
import { ensureTaxonomyLoaded } from './store/first-start.js';
import { activeVersion, listVersions } from './store/versions.js';
import { activateTaxonomyVersion } from './commands.js';
import {
  ActivateAnswer,
  ClassifyAnswer,
  ClassifyBody,
  ExtractAnswer,
  ExtractBody,
  LabelsAnswer,
  LabelsBody,
  OccupationDetail,
  OccupationParams,
  OccupationQuery,
  ReferenceData,
  ReferenceQuery,
  SearchAnswer,
  SearchQuery,
  SkillDetail,
  SkillParams,
  SkillQuery,
  VersionParams,
  VersionsAnswer,
} from './contract.js';

declare module '../kernel/capability.js' {
  interface ServiceMap {
    taxonomy: TaxonomyRuntime;
  }
}

const TAGS = ['taxonomy'];

/** Labels come in the asked language when the version has it, else English (e.g. Arabic: ESCO has no labels). */
function labelLang(service: TaxonomyService, lang: string | undefined): string {
  return lang && service.languages.includes(lang) ? lang : 'en';
}

/** Route examples need a taxonomy in the matrix's store: import the test fixture once when none is active. */
// Matrix examples import the tiny ESCO fixture through the test fixtures, loaded only when the matrix runs.
const fixtures = () => import('./testing.js');
async function ensureExampleTaxonomy(world: MatrixWorld): Promise<(typeof import('./testing.js'))['FIXTURE']> {
  const f = await fixtures();
  await f.ensureExampleTaxonomy(world);
  return f.FIXTURE;
}

/** The active version's service, or the asked version's (codes stored under an older ESCO version stay readable). */
function serviceFor(runtime: TaxonomyRuntime, db: Kysely<Database>, version: string | undefined) {
  return version ? runtime.version(db, version) : runtime.current(db);
}

/**
 * ESCO has no Arabic labels: an Arabic query is turned into English terms through a hand-checked lexicon
 * (src/taxonomy/arabic.ts), each searched in turn; hits of the earlier (longer, more exact) terms come first.
 */
function searchArabic(
  service: TaxonomyService,
  q: string,
  options: { type?: 'occupation' | 'skill'; lang: string; limit: number },
) {
  const hits = new Map<string, ReturnType<TaxonomyService['search']>[number]>();
  for (const term of englishTermsFor(q).slice(0, 6)) {
    for (const hit of service.search(term, options)) if (!hits.has(hit.uri)) hits.set(hit.uri, hit);
    if (hits.size >= options.limit) break;
  }
  return [...hits.values()].slice(0, options.limit);
}

const uuidOf = (uri: string) => uri.slice(uri.lastIndexOf('/') + 1);
const signedIn = { roles: ROLES } as const;

export const taxonomyRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/taxonomy/search',
    summary: 'Search ESCO occupations and skills by label',
    description:
      'Public: ESCO is open reference data, and job seekers and employers explore it before they have an account. ' +
      'Rate-limited per client address. A query in Arabic script is read through a small hand-checked Arabic ' +
      'lexicon of job titles and skills into English terms (ESCO has no Arabic labels).',
    tags: TAGS,
    schema: {
      querystring: SearchQuery,
      response: { 200: SearchAnswer },
    },
    access: { roles: 'public' },
    rateLimitPerMinute: 120,
    example: async (world) => {
      await ensureExampleTaxonomy(world);
      return { querystring: { q: 'weld' } };
    },
    handler: async (ctx) => {
      const service = await ctx.services.get('taxonomy').current(ctx.db);
      const { q, type, lang, limit } = ctx.query;
      const options = { type, lang: labelLang(service, lang), limit: limit ?? 10 };
      return { results: isArabicScript(q) ? searchArabic(service, q, options) : service.search(q, options) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/taxonomy/classify-occupation',
    summary: 'Code a job title (and description) to ranked ESCO occupations with ISCO-08 unit groups',
    tags: TAGS,
    schema: {
      body: ClassifyBody,
      response: { 200: ClassifyAnswer },
    },
    access: signedIn,
    rateLimitPerMinute: 300,
    example: async (world) => {
      await ensureExampleTaxonomy(world);
      return { body: { title: 'welder' } };
    },
    handler: async (ctx) => {
      const service = await ctx.services.get('taxonomy').current(ctx.db);
      const { title, description, lang, top } = ctx.body;
      const query = description ? { title, description } : { title };
      const options = { lang: labelLang(service, lang), top: top ?? 5, explain: true };
      return { results: service.classifyOccupation(query, options) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/taxonomy/extract-skills',
    summary: 'Extract ranked ESCO skills, with evidence, from free text (CV, job ad, interview notes)',
    description: 'The text is processed in memory and neither stored nor logged.',
    tags: TAGS,
    schema: {
      body: ExtractBody,
      response: { 200: ExtractAnswer },
    },
    access: signedIn,
    rateLimitPerMinute: 300,
    example: async (world) => {
      await ensureExampleTaxonomy(world);
      return { body: { text: 'I use welding equipment every day.' } };
    },
    handler: async (ctx) => {
      const service = await ctx.services.get('taxonomy').current(ctx.db);
      const { text, top } = ctx.body;
      const shownIn = ctx.body.labelLang ? labelLang(service, ctx.body.labelLang) : undefined;
      // Read in the text's own language: French "J'ai" read as English is "AI".
      const lang = ctx.body.lang ? labelLang(service, ctx.body.lang) : guessLanguage(text, service.languages, shownIn);
      const results = service.extractSkills(text, { lang, top: top ?? 10 }).map((r) => {
        const skill = shownIn && shownIn !== lang ? service.snapshot.skills.get(r.uri) : undefined;
        return skill ? { ...r, label: preferredLabel(skill.labels, shownIn!) || r.label } : r;
      });
      return { results, lang, langDetected: !ctx.body.lang };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/taxonomy/occupations/:uuid',
    summary: 'An ESCO occupation with its essential and optional skills',
    description:
      'Skills come in label order; with order=relevance the essential skills come most telling first (specific to ' +
      'few occupations, needed by similar occupations, named in the job title), each with its reuse level.',
    tags: TAGS,
    schema: {
      params: OccupationParams,
      querystring: OccupationQuery,
      response: { 200: OccupationDetail },
    },
    access: signedIn,
    example: async (world) => {
      const FIXTURE = await ensureExampleTaxonomy(world);
      return { params: { uuid: uuidOf(FIXTURE.welder) } };
    },
    handler: async (ctx) => {
      const service = await serviceFor(ctx.services.get('taxonomy'), ctx.db, ctx.query.version);
      const detail = service.occupation(ctx.params.uuid, labelLang(service, ctx.query.lang));
      if (!detail) throw notFound(`No occupation ${ctx.params.uuid} in ESCO ${service.version}`, 'params.uuid');
      if (ctx.query.order !== 'relevance') return { ...detail, version: service.version };
      const labels = new Map(detail.essentialSkills.map((s) => [s.uri, s.label]));
      const essentialSkills = essentialSkillsByRelevance(service.snapshot, detail.uri)
        .filter((s) => labels.has(s.uri))
        .map((s) => ({ ...s, label: labels.get(s.uri)! }));
      return { ...detail, essentialSkills, version: service.version };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/taxonomy/skills/:uuid',
    summary: 'An ESCO skill with related skills and the occupations that need it',
    tags: TAGS,
    schema: {
      params: SkillParams,
      querystring: SkillQuery,
      response: { 200: SkillDetail },
    },
    access: signedIn,
    example: async (world) => {
      const FIXTURE = await ensureExampleTaxonomy(world);
      return { params: { uuid: uuidOf(FIXTURE.weld) } };
    },
    handler: async (ctx) => {
      const service = await serviceFor(ctx.services.get('taxonomy'), ctx.db, ctx.query.version);
      const detail = service.skill(ctx.params.uuid, labelLang(service, ctx.query.lang));
      if (!detail) throw notFound(`No skill ${ctx.params.uuid} in ESCO ${service.version}`, 'params.uuid');
      return { ...detail, version: service.version };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/taxonomy/labels',
    summary: 'Preferred labels of ESCO concepts by URI (e.g. a vacancy’s or a course’s skills), in lang else English',
    description:
      'A read sent as POST because a vacancy can hold hundreds of URIs. URIs the version lacks are left out.',
    tags: TAGS,
    schema: {
      body: LabelsBody,
      response: { 200: LabelsAnswer },
    },
    access: signedIn,
    example: async (world) => {
      const FIXTURE = await ensureExampleTaxonomy(world);
      return { body: { uris: [FIXTURE.weld, FIXTURE.welder], lang: 'es' } };
    },
    handler: async (ctx) => {
      const service = await serviceFor(ctx.services.get('taxonomy'), ctx.db, ctx.body.version);
      const lang = labelLang(service, ctx.body.lang);
      const { skills, occupations } = service.snapshot;
      const labels: Record<string, string> = {};
      for (const uri of ctx.body.uris) {
        const concept = skills.get(uri) ?? occupations.get(uri);
        if (concept) labels[uri] = preferredLabel(concept.labels, lang);
      }
      return { lang, labels };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/taxonomy/reference',
    summary: 'ISCED 2011 levels (with skill bands), CEFR levels and EQF levels, in en/es/fr/ar',
    tags: TAGS,
    schema: {
      querystring: ReferenceQuery,
      response: { 200: ReferenceData },
    },
    access: signedIn,
    handler: async (ctx) => referenceData(ctx.query.lang ?? 'en'),
  }),
  defineRoute({
    method: 'GET',
    url: '/taxonomy/versions',
    summary: 'Imported ESCO versions and the active one',
    tags: TAGS,
    schema: { response: { 200: VersionsAnswer } },
    access: signedIn,
    handler: async (ctx) => ({ versions: await listVersions(ctx.db) }),
  }),
  commandRoute({
    method: 'POST',
    url: '/taxonomy/versions/:version/activate',
    summary: 'Make an imported ESCO version the active one (platform admin)',
    description:
      'Versions are imported with `corridor taxonomy import` on the server (files, not uploads). Other servers ' +
      'sharing the database pick up the new version when restarted.',
    tags: TAGS,
    schema: {
      params: VersionParams,
      response: { 200: ActivateAnswer },
    },
    command: activateTaxonomyVersion,
    input: (ctx) => ({ version: ctx.params.version }),
    // This server serves the new version from the next request on.
    output: async (_result, ctx) => ({ active: (await ctx.services.get('taxonomy').reload(ctx.db)).version }),
    example: async (world) => {
      await ensureExampleTaxonomy(world);
      return { params: { version: (await activeVersion(world.db))! } };
    },
  }),
];

/** The taxonomy capability: holds the active version's service; `corridor serve` imports ESCO on first start. */
export const taxonomyCapability = defineCapability({
  name: 'taxonomy',
  setup(registry) {
    const runtime = createTaxonomyRuntime();
    registry.provide('taxonomy', runtime);
    registry.onServe('taxonomy', async ({ store, log }) => {
      const loaded = await ensureTaxonomyLoaded(store);
      if (loaded.imported) log.info({ version: loaded.version, ms: loaded.ms }, 'imported the shipped ESCO taxonomy');
      const service = loaded.snapshot ? runtime.use(loaded.snapshot) : await runtime.reload(store.db);
      log.info({ version: service.version, languages: service.languages }, 'taxonomy loaded');
      // Build the engines right after the server starts listening rather than on the first user's request.
      setTimeout(() => {
        const started = Date.now();
        service.search('warm-up');
        service.classifyOccupation({ title: 'warm-up' });
        service.extractSkills('warm-up');
        log.info({ ms: Date.now() - started }, 'taxonomy engines built');
      }, 0).unref();
    });
  },
});
