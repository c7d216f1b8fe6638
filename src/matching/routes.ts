// Matching over HTTP: a vacancy's ranked candidates (employers of the vacancy: consenting people only, cut to the
// fields each agreed to share; advisors: their own caseload), a person's matching vacancies, and a person's skill
// gap for a vacancy or an occupation with the training offers that teach it. Explanations come structured and as
// text in ?lang (en/es/fr/ar). The index (engine.ts) is built on first use and follows the change log.
import { Type } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { auditMany, type AuditEntry } from '../kernel/audit.js';
import { defineCapability } from '../kernel/capability.js';
import { instanceCipher } from '../kernel/person-keys.js';
import type { FieldCipher } from '../shared/crypto.js';
import { getOrganisation } from '../identity/domain.js';
import {
  CANDIDATE_FIELDS,
  type CandidateField,
  candidateView,
  cardProfile,
  findCardRows,
  findProfileAccess,
  listProfilesForMatching,
  mayReachProfile,
  actsForSomeoneElse,
  fieldsOfScopes,
  requireProfiling,
  requireProfilingState,
  type ProfilingState,
} from '../profiles/domain.js';
import { defineRoute, type AnyRoute, type AuthUser, type RouteContext } from '../kernel/route.js';
import { invalid, DomainError, notFound, unavailable } from '../kernel/errors.js';
import type { EscoSnapshot, TaxonomyService } from '../taxonomy/domain.js';
import { getTrainingOffer, listTrainingOffersForPlanning } from '../training/domain.js';
import { assessedSkillsFor } from '../recognition/domain.js';
import { getVacancies, findVacancyRow, listVacanciesForMatching, toMatchVacancy } from '../vacancies/domain.js';
import {
  Explanation,
  FairnessQuery,
  FairnessReport,
  GapQuery,
  Lang,
  Paging,
  ProfileParams,
  Shortlist,
  SkillGap,
  VacancyMatches,
  VacancyParams,
} from './contract.js';
import { MatchingEngine } from './engine.js';
import { contactRoutes, registerContactPersonalData } from './contact/routes.js';
import { explanationText, snapshotLabels, type ExplanationLanguage } from './explain-text.js';
import { auditAttributes, auditVacancies } from './fairness.js';
import { occupationTarget, rankTraining, skillGap, trainingPlan, vacancyTarget, type GapTarget } from './gap.js';
import type { MatchCandidate, MatchExplanation, MatchResult, MatchVacancy } from './model.js';
import { MatchInputError } from './scoring.js';
import { vacancyWithIsco, withIsco, type MatchingService } from './store.js';
import { auditReason } from '../shared/audit-reasons.js';

type Db = Kysely<Database>;

/** Advisors see the candidates of their own caseload: ranked among this many of the best overall. */
const ADVISOR_POOL = 2000;
const MANAGERS: readonly string[] = ['employer', 'org_admin'];

// ---- the index ----

declare module '../kernel/capability.js' {
  interface ServiceMap {
    /** This process's matching engine (the index, following the change log). */
    matching: MatchingEngine;
  }
}

async function taxonomyOf(ctx: RouteContext<object, AuthUser>): Promise<TaxonomyService> {
  try {
    return await ctx.services.get('taxonomy').current(ctx.db);
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw unavailable('No ESCO taxonomy is loaded yet', 'taxonomy_not_loaded');
  }
}

/** The index for the active taxonomy, having applied this process's writes made before the request. */
async function matching(ctx: RouteContext<object, AuthUser>) {
  return ctx.services.get('matching').index((await taxonomyOf(ctx)).snapshot);
}

/** The matching capability: one engine per server, stopped when the server closes. */
export const matchingCapability = defineCapability({
  name: 'matching',
  setup(registry) {
    const engine = new MatchingEngine(registry.env.db, registry.env.feed, instanceCipher(registry.env.config));
    registry.provide('matching', engine);
    registry.onClose(() => engine.close());
    registerContactPersonalData(registry);
  },
});

// ---- shared pieces ----

type OrganisationCard = { id: string; name: string; type: string; country: string | null };

/**
 * Organisations as results name them (name, type, country), kept for a minute per process: nothing in Corridor
 * changes an organisation once created (identity only inserts them), so this spares a query per page of matches;
 * the minute bounds how long an edit made outside the application (SQL) would take to show.
 */
const ORGANISATION_TTL_MS = 60_000;
const ORGANISATIONS_CAP = 10_000;
const organisationCache = new Map<string, { until: number; card: OrganisationCard }>();

/** Organisations by id: from the cache above, else read (each at most once per request). */
function organisations(db: Db) {
  const seen = new Map<string, Promise<OrganisationCard>>();
  return (id: string) => {
    const now = Date.now();
    const cached = organisationCache.get(id);
    if (cached && cached.until > now) return Promise.resolve(cached.card);
    let p = seen.get(id);
    if (!p) {
      p = getOrganisation(db, id).then((o) => {
        const card = { id, name: o?.name ?? '', type: o?.type ?? '', country: o?.country ?? null };
        // An organisation not found is not kept: it may be being created.
        if (o) {
          if (organisationCache.size >= ORGANISATIONS_CAP) organisationCache.clear();
          organisationCache.set(id, { until: now + ORGANISATION_TTL_MS, card });
        }
        return card;
      });
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

function urisOf(
  e:
    | {
        matched: readonly { uri: string }[];
        near: readonly { uri: string; standsInFor: string }[];
        missingEssential: readonly string[];
        experience: { occupationUri: string | null };
      }
    | undefined,
): string[] {
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
function redact(e: MatchExplanation, fields: readonly string[]): Explanation {
  const withheld = (
    ['skills', 'languages', 'education', 'experience', 'workAuthorization', 'location'] as const
  ).filter((f) => !fields.includes(f));
  const w = new Set<string>(withheld);
  const eligibility = w.has('workAuthorization')
    ? { ...e.eligibility, ruleId: '', ruleDescription: '', permitType: '' }
    : e.eligibility;
  return {
    // same-region / relocation says where the person lives or would move: only with location shared.
    eligibility: w.has('location') ? { ...eligibility, location: '' } : eligibility,
    matched: w.has('skills') ? [] : e.matched,
    near: w.has('skills') ? [] : e.near,
    // What the person lacks is read off their skills: withheld with them.
    missingEssential: w.has('skills') ? [] : e.missingEssential,
    languages: w.has('languages') ? [] : e.languages,
    education: w.has('education') ? { required: e.education.required, held: null, fit: 'unknown' } : e.education,
    experience: w.has('experience') ? { occupationUri: null, level: 'none' } : e.experience,
    withheld,
  };
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
async function candidateOf(
  db: Db,
  cipher: FieldCipher,
  snapshot: EscoSnapshot,
  profileId: string,
): Promise<MatchCandidate> {
  const [c] = await listProfilesForMatching(db, cipher, { ids: [profileId] });
  if (!c) throw notFound('No such profile', 'params.profileId');
  return withIsco(c, snapshot);
}

/**
 * The person as the engine ranks them for their matches: the index's own entry, as current as the vacancies it is
 * ranked against (every write this process committed before the request is applied; another instance's within a
 * poll), so no profile read and no permit decryption per request. A person the index does not hold (one the engine
 * refused, e.g. with no region, or one written on another instance a moment ago) is read from the store, and a
 * refusal is said as before.
 */
async function rankedAs(
  ctx: RouteContext<object, AuthUser>,
  rt: { service: MatchingService; snapshot: EscoSnapshot },
  profileId: string,
): Promise<MatchCandidate> {
  return rt.service.index.getCandidate(profileId) ?? candidateOf(ctx.db, ctx.cipher, rt.snapshot, profileId);
}

/**
 * What an employer's page showed, for the audit log: one entry per holding organisation and set of fields shown,
 * naming the people (ids only) in page order. Each entry goes to the holding organisation's log (and chain), so an
 * organisation sees who was shown its people and which fields, without a row per person per page.
 */
class ShownToEmployer {
  private readonly groups = new Map<string, { organisationId: string; fields: CandidateField[]; ids: string[] }>();

  add(organisationId: string, fields: CandidateField[], profileId: string): void {
    const key = `${organisationId} ${fields.join(',')}`;
    const group = this.groups.get(key);
    if (group) group.ids.push(profileId);
    else this.groups.set(key, { organisationId, fields, ids: [profileId] });
  }

  entries(vacancyId: string): AuditEntry[] {
    return [...this.groups.values()].map((g) => ({
      action: 'read',
      entity: 'profile',
      entityId: null,
      organisationId: g.organisationId,
      fields: g.fields,
      reason: auditReason('employerShortlist', { vacancy: vacancyId }),
      subjectIds: g.ids,
    }));
  }
}

// ---- access ----

/**
 * The vacancy as the engine ranks it: the index's own entry (open or closed, as current as the candidates it is
 * ranked against), else read from the store (one created on another instance a moment ago, or no taxonomy yet).
 */
async function vacancyToRank(ctx: RouteContext<object, AuthUser>, id: string): Promise<MatchVacancy | undefined> {
  const indexed = await matching(ctx).then(
    (rt) => rt.service.index.getVacancy(id),
    () => undefined,
  );
  if (indexed) return indexed;
  const row = await findVacancyRow(ctx.db, id);
  return row && toMatchVacancy(row);
}

/** The vacancy the access rule found, reused by the handler of the same request. */
const shortlisted = new WeakMap<object, MatchVacancy>();

/** Employers and org admins: their own vacancies; advisors: open vacancies (for their caseload). */
async function mayShortlist(ctx: RouteContext<{ params: typeof VacancyParams }>): Promise<true | 'not-found'> {
  const vacancy = await vacancyToRank(ctx, ctx.params.vacancyId);
  if (!vacancy) return 'not-found';
  const allowed = MANAGERS.includes(ctx.user.role)
    ? vacancy.employerOrganisationId === ctx.user.organisationId
    : vacancy.open;
  if (!allowed) return 'not-found';
  shortlisted.set(ctx, vacancy);
  return true;
}

/** Where the person's profiling consent stood when the access rule read the profile, for the handler of the request. */
const profilingOf = new WeakMap<object, ProfilingState>();

/** A migrant: their own profile; staff: their organisation's caseload. */
async function ownsProfile(ctx: RouteContext<{ params: typeof ProfileParams }>): Promise<true | 'not-found'> {
  // The owner columns and the profiling consent in one query (the matches route needs both).
  const row = await findProfileAccess(ctx.db, ctx.params.profileId);
  if (!row || !mayReachProfile(ctx.user, row)) return 'not-found';
  profilingOf.set(ctx, row.profiling);
  return true;
}

// Matrix examples build records through the capabilities' test fixtures, loaded only when the matrix runs.
const fixtures = () => import('./testing.js');

// ---- routes ----

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
      response: { 200: Shortlist },
    },
    access: { roles: ['employer', 'org_admin', 'advisor'], rule: mayShortlist },
    example: async (world, caller) => ({
      params: { vacancyId: await (await fixtures()).matchingExampleVacancy(world) },
      otherOrganisation: caller?.role === 'advisor' ? 'allowed' : 'denied',
    }),
    handler: async (ctx) => {
      const lang: ExplanationLanguage = ctx.query.lang ?? 'en';
      const limit = ctx.query.limit ?? 20;
      const offset = ctx.query.offset ?? 0;
      const rt = await matching(ctx);
      const stored = shortlisted.get(ctx) ?? (await vacancyToRank(ctx, ctx.params.vacancyId));
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
          (r) => rt.service.index.candidateOrganisation(r.candidateId) === ctx.user.organisationId,
        );
      const page = results.slice(offset, offset + limit);
      const label = snapshotLabels(rt.snapshot);
      const uris = new Set<string>();
      const ids = page.map((r) => r.candidateId);
      // One read for the page's cards: each person's row with their wrapped key, their organisation and, for an
      // employer, the consents in force for the employer's organisation (re-read on every request: the engine only
      // ranks people with a matching consent, and one withdrawn a moment ago must count; a row of someone who no
      // longer consents is dropped unseen). At the same time, who assessed the skills of people the index holds with
      // assessed skills (a card shows that with the skills).
      const assessed = ids.filter((id) => rt.service.index.candidateHasEvidence(id, 'assessed'));
      const [cards, provenance] = await Promise.all([
        findCardRows(ctx.db, ids, employer ? { employerOrganisationId: ctx.user.organisationId } : {}),
        assessedSkillsFor(ctx.db, assessed),
      ]);
      const shown = new ShownToEmployer();
      const items = [];
      for (const [i, r] of page.entries()) {
        const card = cards.get(r.candidateId);
        if (!card) continue; // erased since the index ranked them
        const fields = employer ? fieldsOfScopes(card.employer_scopes) : [...CANDIDATE_FIELDS];
        if (fields.length === 0) continue;
        // Permits and name are opened only for a card that shows them (the person shares them).
        const profile = cardProfile(
          card,
          ctx.cipher,
          fields.includes('workAuthorization'),
          fields.includes('displayName'),
        );
        if (employer) shown.add(profile.organisationId, fields, profile.id);
        const view = candidateView(
          profile,
          fields,
          new Map((provenance.get(profile.id) ?? []).map((x) => [x.skillUri, x])),
        );
        const explanation = redact(r.explanation!, fields);
        // Labels only of what is shown: a label list is as telling as the list it labels.
        for (const u of urisOf(explanation)) uris.add(u);
        for (const x of view.experience ?? []) uris.add(x.occupationUri);
        items.push({
          rank: offset + i + 1,
          score: r.score,
          candidate: view,
          // The organisation holding the profile, read with it.
          organisation: {
            id: card.organisation_id,
            name: card.organisation_name ?? '',
            type: card.organisation_type ?? '',
            country: card.organisation_country ?? null,
          },
          explanation,
          text: explanation.withheld.length ? [] : explanationText(r, lang, label),
        });
      }
      // No transaction: reads, then the audit INSERT; if the audit cannot be written, nothing is answered.
      await auditMany(ctx, shown.entries(ctx.params.vacancyId));
      // An advisor's view of their caseload's candidates: one entry for the request, naming the people (ids only).
      if (!employer && items.length) {
        await auditMany(ctx, [
          {
            action: 'read',
            entity: 'profile',
            entityId: null,
            fields: [...CANDIDATE_FIELDS],
            reason: auditReason('advisorShortlist'),
            subjectIds: items.map((o) => o.candidate.id),
          },
        ]);
      }
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
      response: { 200: VacancyMatches },
    },
    access: { roles: ['advisor', 'org_admin', 'migrant'], rule: ownsProfile },
    example: async (world) => ({ params: { profileId: await (await fixtures()).matchingExampleProfile(world) } }),
    handler: async (ctx) => {
      const lang: ExplanationLanguage = ctx.query.lang ?? 'en';
      const limit = ctx.query.limit ?? 20;
      const offset = ctx.query.offset ?? 0;
      // Matching a person is profiling: only with that consent in force (409 with the reason otherwise).
      if (actsForSomeoneElse(ctx.user)) {
        const state = profilingOf.get(ctx);
        if (state) requireProfilingState(state, 'params.profileId');
        else await requireProfiling(ctx.db, ctx.params.profileId, 'params.profileId');
      }
      const rt = await matching(ctx);
      const stored = await rankedAs(ctx, rt, ctx.params.profileId);
      const candidate = { ...stored, consent: { matching: true, shareWithEmployers: true } };
      const results = rankOrRefusal(() => rt.service.index.topVacancies(candidate, { k: offset + limit + 1 }));
      if (typeof results === 'string') return { profileId: ctx.params.profileId, lang, ...unmatchable(results) };
      const page = results.slice(offset, offset + limit);
      // The page's vacancies in one query, each shown as read on its own; their employers mostly from the cache.
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
      querystring: GapQuery,
      response: { 200: SkillGap },
    },
    access: { roles: ['advisor', 'org_admin', 'migrant'], rule: ownsProfile },
    example: async (world) => ({
      params: { profileId: await (await fixtures()).matchingExampleProfile(world) },
      querystring: { vacancy: await (await fixtures()).matchingExampleVacancy(world) },
    }),
    handler: async (ctx) => {
      const { vacancy: vacancyId, occupation } = ctx.query;
      if (!!vacancyId === !!occupation)
        throw invalid('Give exactly one of vacancy or occupation', 'querystring.vacancy');
      const lang: ExplanationLanguage = ctx.query.lang ?? 'en';
      const rt = await matching(ctx);
      const candidate = await candidateOf(ctx.db, ctx.cipher, rt.snapshot, ctx.params.profileId);
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
      querystring: FairnessQuery,
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
  // Contact requests (issue 10): src/matching/contact.
  ...contactRoutes,
];
