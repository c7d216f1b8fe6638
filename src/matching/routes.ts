// Matching over HTTP: a vacancy's ranked candidates (employers of the vacancy: consenting people only, cut to the
// fields each agreed to share; advisors: their own caseload), a person's matching vacancies, and a person's skill
// gap for a vacancy or an occupation with the training offers that teach it. Explanations come structured and as
// text in ?lang (en/es/fr/ar). The index is built once per store on first use and kept current before each query
// (MatchingService.sync for profile/vacancy writes, plus consents given or withdrawn since the last query).
import { Type } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Store } from '../db/database.js';
import { auditMany, type AuditEntry } from '../identity/audit.js';
import { activeConsents, giveConsent, type Consent } from '../identity/consent.js';
import { getOrganisation } from '../identity/directory.js';
import { CANDIDATE_FIELDS, CandidateView, DEFAULT_CANDIDATE_FIELDS, type CandidateField } from '../profiles/model.js';
import { getProfiles } from '../profiles/batch.js';
import {
  candidateView,
  createProfile,
  findProfileRow,
  listProfilesForMatching,
  profileIdForUser,
} from '../profiles/store.js';
import { sampleProfile } from '../profiles/testing.js';
import { exampleCodes } from '../profiles/esco.js';
import { defineRoute, type AnyRoute, type AuthUser, type MatrixWorld, type RouteContext } from '../server/route.js';
import { badRequest, CorridorError, notFound, serviceUnavailable } from '../shared/errors.js';
import { readEscoSnapshot } from '../taxonomy/esco/reader.js';
import { writeEscoFixture } from '../taxonomy/esco/fixture.js';
import type { EscoSnapshot } from '../taxonomy/model.js';
import type { TaxonomyService } from '../taxonomy/service.js';
import { importEscoSnapshot } from '../taxonomy/store/import.js';
import { activeVersion } from '../taxonomy/store/versions.js';
import { getTrainingOffer, listTrainingOffersForPlanning } from '../training/store.js';
import { TrainingOfferRecord } from '../training/model.js';
import { Vacancy } from '../vacancies/model.js';
import { getVacancies } from '../vacancies/batch.js';
import { createVacancy, findVacancyRow, listVacanciesForMatching } from '../vacancies/store.js';
import { sampleVacancy } from '../vacancies/routes.js';
import { EXPLANATION_LANGUAGES, explanationText, snapshotLabels, type ExplanationLanguage } from './explain-text.js';
import { auditAttributes, auditVacancies } from './fairness.js';
import { occupationTarget, rankTraining, skillGap, trainingPlan, vacancyTarget, type GapTarget } from './gap.js';
import type { MatchCandidate, MatchExplanation, MatchResult } from './model.js';
import { MatchInputError } from './scoring.js';
import { coalesced } from './coalesce.js';
import { MatchingService, vacancyWithIsco, withIsco } from './store.js';

type Db = Kysely<Database>;

const Uuid = Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' });
const Lang = Type.Union(
  EXPLANATION_LANGUAGES.map((l) => Type.Literal(l)),
  { description: 'language of labels and explanation texts' },
);
const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 500 })),
};
/** Advisors see the candidates of their own caseload: ranked among this many of the best overall. */
const ADVISOR_POOL = 2000;
const MANAGERS: readonly string[] = ['employer', 'org_admin'];

// ---- the index, per store ----

interface Runtime {
  service: MatchingService;
  snapshot: EscoSnapshot;
  /** Consents given or withdrawn after this moment are re-read before the next query. */
  consentsSeen: Date;
  /**
   * Brings the index up to date for a request: one refresh at a time, and the requests that arrive while one runs
   * share the next (which starts after they arrived), instead of queueing a refresh each.
   */
  refresh: () => Promise<void>;
  /** When hard-deleted rows were last dropped from the index (ms since the epoch). */
  reconciledAt: number;
}

const runtimes = new WeakMap<Store, Promise<Runtime>>();
/** How often a refresh also drops rows deleted outright (sync() cannot see them; one id scan per table). */
export const RECONCILE_EVERY_MS = 10 * 60_000;

async function taxonomyOf(ctx: RouteContext<object, AuthUser>): Promise<TaxonomyService> {
  try {
    return await ctx.services.get('taxonomy').current(ctx.db);
  } catch (err) {
    if (err instanceof CorridorError) throw err;
    throw serviceUnavailable('No ESCO taxonomy is loaded yet', 'taxonomy_not_loaded');
  }
}

async function openRuntime(db: Db, snapshot: EscoSnapshot): Promise<Runtime> {
  const started = new Date();
  const { service } = await MatchingService.open(db, snapshot);
  const rt: Runtime = {
    service,
    snapshot,
    consentsSeen: started,
    refresh: () => Promise.resolve(),
    reconciledAt: started.getTime(),
  };
  rt.refresh = coalesced(() => refresh(rt, db));
  return rt;
}

/** Re-reads what changed since the last query: profiles and vacancies (sync) and consents. */
async function refresh(rt: Runtime, db: Db): Promise<void> {
  const started = new Date();
  const since = new Date(rt.consentsSeen.getTime() - 2000); // in-flight transactions margin, as sync() uses
  await rt.service.sync();
  const changed = await db
    .selectFrom('consent')
    .select('migrant_id')
    .where((eb) => eb.or([eb('given_at', '>', since), eb('withdrawn_at', '>', since)]))
    .execute();
  await rt.service.profilesWritten([...new Set(changed.map((r) => r.migrant_id))]);
  rt.consentsSeen = started;
  if (started.getTime() - rt.reconciledAt >= RECONCILE_EVERY_MS) {
    await rt.service.dropDeleted();
    rt.reconciledAt = started.getTime();
  }
}

/** The matching index of this store, current as of now. */
async function matching(ctx: RouteContext<object, AuthUser>): Promise<Runtime> {
  const taxonomy = await taxonomyOf(ctx);
  const db = ctx.store.db;
  let pending = runtimes.get(ctx.store);
  const rt = pending ? await pending.catch(() => null) : null;
  if (!rt || rt.snapshot !== taxonomy.snapshot) {
    pending = openRuntime(db, taxonomy.snapshot);
    runtimes.set(ctx.store, pending);
    pending.catch(() => runtimes.delete(ctx.store));
    return pending;
  }
  await rt.refresh();
  return rt;
}

// ---- shared pieces ----

const OrganisationRef = Type.Object({
  id: Type.String(),
  name: Type.String(),
  type: Type.String(),
  country: Type.Union([Type.String(), Type.Null()]),
});

const Explanation = Type.Object({
  eligibility: Type.Object({
    ruleId: Type.String(),
    ruleDescription: Type.String(),
    example: Type.Boolean(),
    permitType: Type.String(),
    country: Type.String(),
    sector: Type.String(),
    location: Type.String(),
  }),
  matched: Type.Array(Type.Object({ uri: Type.String(), evidence: Type.String(), essential: Type.Boolean() })),
  near: Type.Array(
    Type.Object({
      uri: Type.String(),
      standsInFor: Type.String(),
      kind: Type.String(),
      evidence: Type.String(),
      essential: Type.Boolean(),
    }),
  ),
  missingEssential: Type.Array(Type.String()),
  languages: Type.Array(
    Type.Object({
      lang: Type.String(),
      required: Type.String(),
      held: Type.Union([Type.String(), Type.Null()]),
      fit: Type.String(),
    }),
  ),
  education: Type.Object({
    required: Type.Union([Type.Integer(), Type.Null()]),
    held: Type.Union([Type.Integer(), Type.Null()]),
    fit: Type.String(),
  }),
  experience: Type.Object({ occupationUri: Type.Union([Type.String(), Type.Null()]), level: Type.String() }),
  /** Parts left out because the person did not agree to share the profile field they come from. */
  withheld: Type.Array(Type.String()),
});

const Labels = Type.Record(Type.String(), Type.String(), { description: 'ESCO URI → label in lang (else English)' });

/** Organisations by id, read once per request. */
function organisations(db: Db) {
  const seen = new Map<string, Promise<{ id: string; name: string; type: string; country: string | null }>>();
  return (id: string) => {
    let p = seen.get(id);
    if (!p) {
      p = getOrganisation(db, id).then((o) => ({
        id,
        name: o?.name ?? '',
        type: o?.type ?? '',
        country: o?.country ?? null,
      }));
      seen.set(id, p);
    }
    return p;
  };
}

/** Labels of every ESCO URI mentioned, in `lang` when the taxonomy has it, else English. */
function labelsFor(snapshot: EscoSnapshot, lang: string, uris: Iterable<string>): Record<string, string> {
  const label = snapshotLabels(snapshot);
  const out: Record<string, string> = {};
  for (const uri of uris) out[uri] = label(uri, lang);
  return out;
}

function urisOf(e: MatchExplanation | undefined): string[] {
  if (!e) return [];
  return [
    ...e.matched.map((m) => m.uri),
    ...e.near.flatMap((n) => [n.uri, n.standsInFor]),
    ...e.missingEssential,
    ...(e.experience.occupationUri ? [e.experience.occupationUri] : []),
  ];
}

/**
 * The explanation cut to what the person agreed to share. Without workAuthorization the permit type and the rule
 * are withheld too: a type such as "international-protection" would reveal the migration status. What remains
 * says the person is legally eligible for the vacancy's country and sector (the engine checked it).
 */
function redact(e: MatchExplanation, fields: readonly string[]) {
  const withheld = (['skills', 'languages', 'education', 'experience', 'workAuthorization'] as const).filter(
    (f) => !fields.includes(f),
  );
  const w = new Set<string>(withheld);
  return {
    eligibility: w.has('workAuthorization')
      ? { ...e.eligibility, ruleId: '', ruleDescription: '', permitType: '' }
      : e.eligibility,
    matched: w.has('skills') ? [] : e.matched,
    near: w.has('skills') ? [] : e.near,
    missingEssential: e.missingEssential,
    languages: w.has('languages') ? [] : e.languages,
    education: w.has('education') ? { required: e.education.required, held: null, fit: 'unknown' } : e.education,
    experience: w.has('experience') ? { occupationUri: null, level: 'none' } : e.experience,
    withheld,
  };
}

/** Purposes under which an employer's organisation may see a person (as GET /profiles/:id/candidate-view). */
const EMPLOYER_PURPOSES = ['matching_with_employers', 'share_with_organisation'] as const;

/**
 * Per candidate, the consents under which the employer's organisation may see them: the general one and the one
 * naming that organisation (as GET /profiles/:id/candidate-view), for a whole page in one query. Read on every
 * request, never cached: a withdrawal counts from the next page.
 */
async function employerConsents(
  db: Db,
  migrantIds: readonly string[],
  employerOrg: string,
): Promise<(migrantId: string) => Consent[]> {
  const held = await activeConsents(db, migrantIds, EMPLOYER_PURPOSES, { organisationId: employerOrg });
  return (migrantId) => {
    const mine = held.get(migrantId) ?? {};
    return EMPLOYER_PURPOSES.map((p) => mine[p]).filter((c): c is Consent => c !== undefined);
  };
}

function consentedFields(consents: Consent[]): CandidateField[] {
  const fields = new Set<string>();
  for (const c of consents) for (const f of c.fieldScopes ?? DEFAULT_CANDIDATE_FIELDS) fields.add(f);
  return CANDIDATE_FIELDS.filter((f) => fields.has(f));
}

/** The ranking, or why the engine refuses the record (e.g. it has no region): said to the caller, not a failure. */
function rankOrRefusal(rank: () => MatchResult[]): MatchResult[] | string {
  try {
    return rank();
  } catch (err) {
    if (err instanceof MatchInputError) return err.message;
    throw err;
  }
}

/** The empty page of a record the engine refuses. */
const unmatchable = (reason: string) => ({ hasMore: false, items: [], labels: {}, unmatchable: reason });

/** One page of ranked results (`ranked` holds one more than the page when another page follows). */
function rankedPage<T>(
  ranked: readonly unknown[],
  page: { offset: number; limit: number },
  items: T[],
  labels: { snapshot: EscoSnapshot; lang: string; uris: Iterable<string> },
) {
  return {
    hasMore: ranked.length > page.offset + page.limit,
    items,
    labels: labelsFor(labels.snapshot, labels.lang, labels.uris),
    unmatchable: null,
  };
}

/** The person as the engine sees them, fresh from the store (ISCO units from the taxonomy). */
async function candidateOf(db: Db, snapshot: EscoSnapshot, profileId: string): Promise<MatchCandidate> {
  const [c] = await listProfilesForMatching(db, { ids: [profileId] });
  if (!c) throw notFound('No such profile', 'params.profileId');
  return withIsco(c, snapshot);
}

// ---- access ----

const VacancyParams = Type.Object({ vacancyId: Uuid });
const ProfileParams = Type.Object({ profileId: Uuid });

/** Employers and org admins: their own vacancies; advisors: open vacancies (for their caseload). */
async function mayShortlist(ctx: RouteContext<{ params: typeof VacancyParams }>): Promise<true | 'not-found'> {
  const row = await findVacancyRow(ctx.db, ctx.params.vacancyId);
  if (!row) return 'not-found';
  if (MANAGERS.includes(ctx.user.role)) return row.organisation_id === ctx.user.organisationId ? true : 'not-found';
  return row.status === 'open' ? true : 'not-found';
}

/** A migrant: their own profile; staff: their organisation's caseload. */
async function ownsProfile(ctx: RouteContext<{ params: typeof ProfileParams }>): Promise<true | 'not-found'> {
  const row = await findProfileRow(ctx.db, ctx.params.profileId);
  if (!row) return 'not-found';
  const mine =
    ctx.user.role === 'migrant' ? row.user_id === ctx.user.id : row.organisation_id === ctx.user.organisationId;
  return mine ? true : 'not-found';
}

// ---- matrix examples ----

async function ensureTaxonomy(db: Db): Promise<void> {
  if (await activeVersion(db)) return;
  const { snapshot } = readEscoSnapshot([writeEscoFixture({}, '0.0.1')]);
  await importEscoSnapshot(db, snapshot, { activate: true, source: 'test fixture' }).catch(async (err) => {
    if (!(await activeVersion(db))) throw err;
  });
}

async function exampleVacancy(world: MatrixWorld): Promise<string> {
  await ensureTaxonomy(world.db);
  const codes = await exampleCodes(world.db);
  const v = await createVacancy(
    { db: world.db, user: world.orgA.users.employer },
    world.orgA.id,
    sampleVacancy({ essentialSkills: [codes.skills[0]], optionalSkills: [] }, codes),
  );
  return v.id;
}

async function exampleProfile(world: MatrixWorld): Promise<string> {
  await ensureTaxonomy(world.db);
  const migrant = world.orgA.users.migrant;
  const existing = await profileIdForUser(world.db, migrant.id);
  if (existing) return existing;
  const write = { db: world.db, user: world.orgA.users.advisor, cipher: world.cipher };
  const codes = await exampleCodes(world.db);
  const p = await createProfile(write, world.orgA.id, sampleProfile({ userId: migrant.id }, codes));
  await giveConsent(
    { db: world.db, user: world.orgA.users.advisor },
    { migrantId: p.id, organisationId: world.orgA.id, purpose: 'matching_with_employers' },
  );
  return p.id;
}

// ---- routes ----

const CandidateItem = Type.Object({
  rank: Type.Integer(),
  score: Type.Number(),
  candidate: CandidateView,
  /** The employment service holding the profile: whom an employer contacts about the person. */
  organisation: OrganisationRef,
  explanation: Explanation,
  /** The explanation as text in lang; empty when parts are withheld. */
  text: Type.Array(Type.String()),
});

const VacancyItem = Type.Object({
  rank: Type.Integer(),
  score: Type.Number(),
  vacancy: Vacancy,
  employer: OrganisationRef,
  explanation: Explanation,
  text: Type.Array(Type.String()),
});

const TrainingItem = Type.Object({
  offer: TrainingOfferRecord,
  provider: Type.Union([OrganisationRef, Type.Null()]),
  /** Gap skills the offer teaches: missing essential first, then near-only, then optional. */
  covers: Type.Array(Type.String()),
  /** Weighted share of the gap covered, 0–1. */
  coverage: Type.Number(),
});

const FairnessRow = Type.Object({
  group: Type.String({ description: 'sex, or country of origin (ISO 3166-1); "not recorded" when unknown' }),
  pool: Type.Union([Type.Integer(), Type.Null()]),
  shortlisted: Type.Union([Type.Integer(), Type.Null()]),
  rate: Type.Union([Type.Number(), Type.Null()]),
  ratio: Type.Union([Type.Number(), Type.Null()]),
  adverse: Type.Boolean(),
  suppressed: Type.Boolean(),
});

const FairnessReport = Type.Object({
  vacancies: Type.Integer(),
  pool: Type.Integer(),
  shortlisted: Type.Integer(),
  top: Type.Integer(),
  minCell: Type.Integer(),
  threshold: Type.Number(),
  sex: Type.Array(FairnessRow),
  nationalityGroup: Type.Array(FairnessRow),
});

export const matchingRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/vacancies/:vacancyId/candidates',
    summary: 'Ranked, explained candidates for a vacancy (consenting job seekers who can legally take it)',
    description:
      'Employers (and org admins) of the vacancy see people who agreed to be matched with employers, each cut to ' +
      'the fields they agreed to share (as GET /profiles/:id/candidate-view; every view is audited). Advisors see ' +
      'the candidates of their own caseload for an open vacancy. hasMore says whether another page exists.',
    tags: ['matching'],
    schema: {
      params: VacancyParams,
      querystring: Type.Object({ lang: Type.Optional(Lang), ...Paging }),
      response: {
        200: Type.Object({
          vacancyId: Type.String(),
          lang: Type.String(),
          hasMore: Type.Boolean(),
          items: Type.Array(CandidateItem),
          labels: Labels,
          /** Why the engine cannot match this vacancy (e.g. its region is missing); null when it can. */
          unmatchable: Type.Union([Type.String(), Type.Null()]),
        }),
      },
    },
    access: { roles: ['employer', 'org_admin', 'advisor'], rule: mayShortlist },
    example: async (world, caller) => ({
      params: { vacancyId: await exampleVacancy(world) },
      otherOrganisation: caller?.role === 'advisor' ? 'allowed' : 'denied',
    }),
    handler: async (ctx) => {
      const lang: ExplanationLanguage = ctx.query.lang ?? 'en';
      const limit = ctx.query.limit ?? 20;
      const offset = ctx.query.offset ?? 0;
      const rt = await matching(ctx);
      const [stored] = await listVacanciesForMatching(ctx.db, { ids: [ctx.params.vacancyId] });
      if (!stored) throw notFound('No such vacancy', 'params.vacancyId');
      const employer = MANAGERS.includes(ctx.user.role);
      let results = rankOrRefusal(() =>
        rt.service.index.topCandidates(vacancyWithIsco(stored, rt.snapshot), {
          k: employer ? offset + limit + 1 : ADVISOR_POOL,
        }),
      );
      if (typeof results === 'string') return { vacancyId: ctx.params.vacancyId, lang, ...unmatchable(results) };
      if (!employer)
        results = results.filter(
          (r) => rt.service.index.getCandidate(r.candidateId)?.organisationId === ctx.user.organisationId,
        );
      const page = results.slice(offset, offset + limit);
      const label = snapshotLabels(rt.snapshot);
      const uris = new Set<string>();
      // One transaction: the audit entries are written with the reads they record (and PGlite has one connection).
      const items = await ctx.transaction(async (tx) => {
        const orgOf = organisations(tx.db);
        const out = [];
        const shown: AuditEntry[] = [];
        // The page's consents, then the profiles of those still consenting: two queries, not three per person.
        const ids = page.map((r) => r.candidateId);
        const consentsOf = employer ? await employerConsents(tx.db, ids, tx.user.organisationId) : null;
        const fieldsOf = (id: string): CandidateField[] =>
          consentsOf ? consentedFields(consentsOf(id)) : [...CANDIDATE_FIELDS];
        const profiles = await getProfiles(
          tx.db,
          tx.cipher,
          ids.filter((id) => fieldsOf(id).length > 0),
        );
        for (const [i, r] of page.entries()) {
          const fields = fieldsOf(r.candidateId);
          // The engine only ranks people with a matching consent; a consent withdrawn a moment ago is re-checked.
          if (fields.length === 0) continue;
          const profile = profiles.get(r.candidateId);
          if (!profile) throw notFound('No such profile', 'params.profileId'); // as getProfile answered
          if (employer)
            shown.push({
              action: 'read',
              entity: 'profile',
              entityId: profile.id,
              organisationId: profile.organisationId,
              fields,
              reason: `candidate shortlist of vacancy ${tx.params.vacancyId}`,
            });
          const view = candidateView(profile, fields);
          const explanation = redact(r.explanation!, fields);
          for (const u of urisOf(r.explanation)) uris.add(u);
          for (const x of view.experience ?? []) uris.add(x.occupationUri);
          out.push({
            rank: offset + i + 1,
            score: r.score,
            candidate: view,
            organisation: await orgOf(profile.organisationId),
            explanation,
            text: explanation.withheld.length ? [] : explanationText(r, lang, label),
          });
        }
        // Every candidate shown, audited in one INSERT (one row each) rather than a round trip per person.
        await auditMany(tx, shown);
        return out;
      });
      return {
        vacancyId: ctx.params.vacancyId,
        lang,
        ...rankedPage(results, { offset, limit }, items, { snapshot: rt.snapshot, lang, uris }),
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/profiles/:profileId/matches',
    summary: 'Open vacancies a person could legally take, ranked and explained',
    description:
      'For the person themself and the advisors of their organisation. Consent to be shown to employers is not ' +
      'needed to look at vacancies: nothing about the person leaves their organisation here.',
    tags: ['matching'],
    schema: {
      params: ProfileParams,
      querystring: Type.Object({ lang: Type.Optional(Lang), ...Paging }),
      response: {
        200: Type.Object({
          profileId: Type.String(),
          lang: Type.String(),
          hasMore: Type.Boolean(),
          items: Type.Array(VacancyItem),
          labels: Labels,
          /** Why the engine cannot match this person (e.g. no region where they live); null when it can. */
          unmatchable: Type.Union([Type.String(), Type.Null()]),
        }),
      },
    },
    access: { roles: ['advisor', 'org_admin', 'migrant'], rule: ownsProfile },
    example: async (world) => ({ params: { profileId: await exampleProfile(world) } }),
    handler: async (ctx) => {
      const lang: ExplanationLanguage = ctx.query.lang ?? 'en';
      const limit = ctx.query.limit ?? 20;
      const offset = ctx.query.offset ?? 0;
      const rt = await matching(ctx);
      const stored = await candidateOf(ctx.db, rt.snapshot, ctx.params.profileId);
      const candidate = { ...stored, consent: { matching: true, shareWithEmployers: true } };
      const results = rankOrRefusal(() => rt.service.index.topVacancies(candidate, { k: offset + limit + 1 }));
      if (typeof results === 'string') return { profileId: ctx.params.profileId, lang, ...unmatchable(results) };
      // The page's vacancies in one query, not one per vacancy.
      const page = results.slice(offset, offset + limit);
      const vacancies = await getVacancies(
        ctx.db,
        page.map((r) => r.vacancyId),
      );
      const orgOf = organisations(ctx.db);
      const label = snapshotLabels(rt.snapshot);
      const uris = new Set<string>();
      const items = [];
      for (const r of page) {
        const vacancy = vacancies.get(r.vacancyId);
        if (!vacancy) continue; // deleted while this request ran
        for (const u of urisOf(r.explanation)) uris.add(u);
        items.push({
          rank: offset + items.length + 1,
          score: r.score,
          vacancy,
          employer: await orgOf(vacancy.organisationId),
          explanation: { ...r.explanation!, withheld: [] },
          text: explanationText(r, lang, label),
        });
      }
      return {
        profileId: ctx.params.profileId,
        lang,
        ...rankedPage(results, { offset, limit }, items, { snapshot: rt.snapshot, lang, uris }),
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/profiles/:profileId/gaps',
    summary: 'Skills a person lacks for a vacancy or an ESCO occupation, and the training offers that teach them',
    description:
      'Give exactly one of vacancy (an open vacancy, or one of your organisation) or occupation (ESCO URI). ' +
      'Training offers are ranked by how much of the gap they cover, then duration, then cost; plan is a greedy ' +
      'cover of the missing essential skills and lists what no offer teaches.',
    tags: ['matching'],
    schema: {
      params: ProfileParams,
      querystring: Type.Object({
        vacancy: Type.Optional(Uuid),
        occupation: Type.Optional(
          Type.String({ pattern: '^http://data\\.europa\\.eu/esco/occupation/[0-9a-f-]{36}$' }),
        ),
        lang: Type.Optional(Lang),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
      }),
      response: {
        200: Type.Object({
          profileId: Type.String(),
          lang: Type.String(),
          target: Type.Object({
            kind: Type.Union([Type.Literal('vacancy'), Type.Literal('occupation')]),
            id: Type.String(),
            label: Type.String(),
          }),
          missingEssential: Type.Array(Type.String()),
          nearOnly: Type.Array(Type.Object({ uri: Type.String(), heldInstead: Type.String(), kind: Type.String() })),
          missingOptional: Type.Array(Type.String()),
          training: Type.Array(TrainingItem),
          plan: Type.Object({ offerIds: Type.Array(Type.String()), uncovered: Type.Array(Type.String()) }),
          labels: Labels,
        }),
      },
    },
    access: { roles: ['advisor', 'org_admin', 'migrant'], rule: ownsProfile },
    example: async (world) => ({
      params: { profileId: await exampleProfile(world) },
      querystring: { vacancy: await exampleVacancy(world) },
    }),
    handler: async (ctx) => {
      const { vacancy: vacancyId, occupation } = ctx.query;
      if (!!vacancyId === !!occupation)
        throw badRequest('Give exactly one of vacancy or occupation', 'querystring.vacancy');
      const lang: ExplanationLanguage = ctx.query.lang ?? 'en';
      const rt = await matching(ctx);
      const candidate = await candidateOf(ctx.db, rt.snapshot, ctx.params.profileId);
      const label = snapshotLabels(rt.snapshot);
      let target: GapTarget;
      let targetRef: { kind: 'vacancy' | 'occupation'; id: string; label: string };
      if (vacancyId) {
        const row = await findVacancyRow(ctx.db, vacancyId);
        if (!row || (row.status !== 'open' && row.organisation_id !== ctx.user.organisationId))
          throw notFound('No such vacancy', 'querystring.vacancy');
        const [stored] = await listVacanciesForMatching(ctx.db, { ids: [vacancyId] });
        target = vacancyTarget(vacancyWithIsco(stored!, rt.snapshot));
        targetRef = { kind: 'vacancy', id: vacancyId, label: row.title };
      } else {
        try {
          target = occupationTarget(rt.snapshot, occupation!);
        } catch (err) {
          if (err instanceof MatchInputError) throw notFound(err.message, 'querystring.occupation');
          throw err;
        }
        targetRef = { kind: 'occupation', id: occupation!, label: label(occupation!, lang) };
      }
      const gap = skillGap(candidate, target, rt.service.index.graph);
      const wanted = [...gap.missingEssential, ...gap.nearOnly.map((x) => x.uri), ...gap.missingOptional];
      const offers = await listTrainingOffersForPlanning(ctx.db, { skills: wanted });
      const ranked = rankTraining(gap, offers).slice(0, ctx.query.limit ?? 10);
      const plan = trainingPlan(gap, offers);
      const orgOf = organisations(ctx.db);
      const training = [];
      for (const s of ranked) {
        const offer = await getTrainingOffer(ctx.db, s.offer.id);
        training.push({ offer, provider: await orgOf(offer.organisationId), covers: s.covers, coverage: s.coverage });
      }
      const uris = [
        ...wanted,
        ...gap.nearOnly.map((x) => x.heldInstead),
        ...plan.uncovered,
        ...training.flatMap((x) => x.covers),
      ];
      return {
        profileId: ctx.params.profileId,
        lang,
        target: targetRef,
        missingEssential: gap.missingEssential,
        nearOnly: gap.nearOnly,
        missingOptional: gap.missingOptional,
        training,
        plan: { offerIds: plan.offers.map((o) => o.id), uncovered: plan.uncovered },
        labels: labelsFor(rt.snapshot, lang, uris),
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/matching/fairness',
    summary: 'Fairness audit: shortlist rates by sex and nationality group against the eligible pool (aggregates)',
    description:
      'Runs matching for open vacancies (all, or one) and compares who reaches the top k with who was eligible, ' +
      'per group, with the four-fifths rule. Only counts are returned, and a group smaller than minCell (at least ' +
      '10) is suppressed. The engine never sees sex or origin; they are joined here, in aggregate.',
    tags: ['matching'],
    schema: {
      querystring: Type.Object({
        vacancy: Type.Optional(Uuid),
        top: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        minCell: Type.Optional(Type.Integer({ minimum: 10, maximum: 1000 })),
        /** Open vacancies audited at most (a deterministic sample: lowest ids first). */
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000 })),
      }),
      response: { 200: FairnessReport },
    },
    access: { roles: ['analyst', 'platform_admin'] },
    handler: async (ctx) => {
      const rt = await matching(ctx);
      const index = rt.service.index;
      const { vacancy, top = 50, minCell = 10, limit = 500 } = ctx.query;
      let ids: string[];
      if (vacancy) {
        if (!index.hasVacancy(vacancy) || !index.getVacancy(vacancy)!.open)
          throw notFound('No open vacancy with this id', 'querystring.vacancy');
        ids = [vacancy];
      } else {
        const open = index.vacancyIds().filter((id) => index.getVacancy(id)!.open);
        ids = open.sort().slice(0, limit);
      }
      const attrs = await auditAttributes(ctx.db);
      const report = auditVacancies(index, ids, (id) => attrs.get(id), { k: top, minCell });
      return { ...report, top };
    },
  }),
];
