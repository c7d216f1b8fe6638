// Vacancy storage and rules. No Fastify here.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { updateVersioned } from '../db/versioned.js';
import type { AuthUser } from '../identity/model.js';
import type { CefrLevel, MatchVacancy } from '../matching/model.js';
import { badRequest, notFound } from '../shared/errors.js';
import { checkDate, checkUnique, pageOf } from '../profiles/codes.js';
import { checkUrisExist, escoContext, occupationFacts } from '../profiles/esco.js';
import { parseInput } from '../profiles/validate.js';
import { VacancyInput, VacancyUpdate, type Vacancy } from './model.js';

type Db = Kysely<Database>;
type VacancyRow = NonNullable<Awaited<ReturnType<typeof selectRow>>>;

export interface VacancyWriteContext {
  db: Db;
  user: AuthUser | null;
}

function selectRow(db: Db, id: string) {
  return db.selectFrom('vacancy').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findVacancyRow(db: Db, id: string): Promise<VacancyRow | undefined> {
  if (id.length > 100) return undefined;
  return selectRow(db, id);
}

function checkVacancy(input: VacancyInput): void {
  // Matching compares the job's region with where people live: a vacancy without one could never be matched.
  if (!input.location.region.trim()) {
    throw badRequest(
      'A vacancy needs the region where the work is (NUTS or ISO 3166-2 code): matching needs it',
      'body.location.region',
    );
  }
  checkUnique(input.essentialSkills ?? [], (s) => s, 'body.essentialSkills', 'skill');
  checkUnique(input.optionalSkills ?? [], (s) => s, 'body.optionalSkills', 'skill');
  const essential = new Set(input.essentialSkills ?? []);
  (input.optionalSkills ?? []).forEach((s, i) => {
    if (essential.has(s)) throw badRequest('Skill is already essential', `body.optionalSkills.${i}`);
  });
  checkUnique(input.languages, (l) => l.lang, 'body.languages', 'language');
  checkDate(input.startDate, 'body.startDate');
}

/** Validates, fills skills and ISCO from ESCO when the taxonomy is loaded, and gives the column values. */
async function columns(db: Db, input: VacancyInput) {
  checkVacancy(input);
  const esco = await escoContext(db);
  await checkUrisExist(db, esco, [
    { uri: input.occupationUri, path: 'body.occupationUri', kind: 'occupation' },
    ...(input.essentialSkills ?? []).map((uri, i) => ({
      uri,
      path: `body.essentialSkills.${i}`,
      kind: 'skill' as const,
    })),
    ...(input.optionalSkills ?? []).map((uri, i) => ({
      uri,
      path: `body.optionalSkills.${i}`,
      kind: 'skill' as const,
    })),
  ]);
  const facts = await occupationFacts(db, esco, input.occupationUri);
  const prefill = input.essentialSkills === undefined && input.optionalSkills === undefined && facts !== null;
  const essential = input.essentialSkills ?? (prefill ? facts.essentialSkills : []);
  const optional = input.optionalSkills ?? (prefill ? facts.optionalSkills : []);
  return {
    title: input.title,
    description: input.description ?? null,
    occupation_uri: input.occupationUri,
    isco: facts?.isco ?? '',
    sector: input.sector,
    essential_skills: JSON.stringify(essential),
    optional_skills: JSON.stringify(optional),
    skills_from_esco: prefill,
    min_isced: input.minIscedLevel ?? null,
    languages: JSON.stringify(input.languages),
    country: input.location.country,
    region: input.location.region,
    posts: input.posts,
    contract_type: input.contractType,
    hours_per_week: input.hoursPerWeek ?? null,
    wage_amount: input.wage ? input.wage.amount.toFixed(2) : null,
    wage_currency: input.wage?.currency ?? null,
    wage_period: input.wage?.period ?? null,
    start_date: input.startDate ?? null,
    employer_sponsors_permit: input.employerSponsorsPermit,
    employer_pays_recruitment_fees: input.employerPaysRecruitmentFees,
    status: input.status,
    taxonomy_version: esco.version,
  };
}

export async function createVacancy(ctx: VacancyWriteContext, organisationId: string, body: unknown): Promise<Vacancy> {
  const input = parseInput(VacancyInput, body);
  const values = await columns(ctx.db, input);
  const row = await ctx.db
    .insertInto('vacancy')
    .values({ id: randomUUID(), organisation_id: organisationId, created_by: ctx.user?.id ?? null, ...values })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toVacancy(row);
}

export async function updateVacancy(ctx: VacancyWriteContext, id: string, body: unknown): Promise<Vacancy> {
  const { version, ...input } = parseInput(VacancyUpdate, body);
  const values = await columns(ctx.db, input);
  const row = await updateVersioned(ctx.db, 'vacancy', {
    id,
    version,
    values,
    noun: 'vacancy',
    missing: () => notFound('No such vacancy', 'params.vacancyId'),
  });
  return toVacancy(row);
}

/** How long a deletion is remembered for other nodes' sync(); one that slept longer reconciles by a full scan. */
export const DELETION_MEMORY_MS = 24 * 60 * 60_000;

/**
 * Deletes a vacancy and records the deletion (call inside the route's transaction, so both or neither happen);
 * deletions older than DELETION_MEMORY_MS are forgotten on the way.
 */
export async function deleteVacancy(db: Db, id: string): Promise<boolean> {
  const gone = await db.deleteFrom('vacancy').where('id', '=', id).returning('organisation_id').executeTakeFirst();
  if (!gone) return false;
  await db
    .insertInto('vacancy_deletion')
    .values({ id, organisation_id: gone.organisation_id })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await db
    .deleteFrom('vacancy_deletion')
    .where('deleted_at', '<', new Date(Date.now() - DELETION_MEMORY_MS))
    .execute();
  return true;
}

/** Ids of vacancies deleted after `since` (matching's sync() drops them from its index). */
export async function vacanciesDeletedSince(db: Db, since: Date): Promise<string[]> {
  const rows = await db.selectFrom('vacancy_deletion').select('id').where('deleted_at', '>', since).execute();
  return rows.map((r) => r.id);
}

export async function getVacancy(db: Db, id: string): Promise<Vacancy> {
  const row = await findVacancyRow(db, id);
  if (!row) throw notFound('No such vacancy', 'params.vacancyId');
  return toVacancy(row);
}

export function toVacancy(row: VacancyRow): Vacancy {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    title: row.title,
    description: row.description,
    occupationUri: row.occupation_uri,
    isco: row.isco,
    sector: row.sector,
    essentialSkills: row.essential_skills,
    optionalSkills: row.optional_skills,
    skillsFromEsco: row.skills_from_esco,
    minIscedLevel: row.min_isced,
    languages: row.languages,
    location: { country: row.country, region: row.region },
    posts: row.posts,
    contractType: row.contract_type,
    hoursPerWeek: row.hours_per_week === null ? null : Number(row.hours_per_week),
    wage:
      row.wage_amount === null
        ? null
        : { amount: Number(row.wage_amount), currency: row.wage_currency ?? '', period: row.wage_period ?? '' },
    startDate: row.start_date,
    employerSponsorsPermit: row.employer_sponsors_permit,
    employerPaysRecruitmentFees: row.employer_pays_recruitment_fees,
    status: row.status,
    taxonomyVersion: row.taxonomy_version,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export interface VacancyListQuery {
  /** Only this employer's vacancies. */
  organisationId?: string;
  status?: 'open' | 'closed';
  country?: string;
  occupationUri?: string;
  limit?: number;
  offset?: number;
}

export async function listVacancies(db: Db, q: VacancyListQuery = {}): Promise<Vacancy[]> {
  let query = db
    .selectFrom('vacancy')
    .selectAll()
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .limit(pageOf(q).limit)
    .offset(pageOf(q).offset);
  if (q.organisationId) query = query.where('organisation_id', '=', q.organisationId);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.country) query = query.where('country', '=', q.country);
  if (q.occupationUri) query = query.where('occupation_uri', '=', q.occupationUri);
  return (await query.execute()).map(toVacancy);
}

/** Vacancies as the matching engine sees them (MatchVacancy). */
export async function listVacanciesForMatching(
  db: Db,
  q: { ids?: string[]; organisationId?: string; openOnly?: boolean } = {},
): Promise<MatchVacancy[]> {
  if (q.ids && q.ids.length === 0) return [];
  let query = db.selectFrom('vacancy').selectAll().orderBy('id');
  if (q.ids) query = query.where('id', 'in', q.ids);
  if (q.organisationId) query = query.where('organisation_id', '=', q.organisationId);
  if (q.openOnly) query = query.where('status', '=', 'open');
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    employerOrganisationId: r.organisation_id,
    occupationUri: r.occupation_uri,
    isco: r.isco,
    sector: r.sector,
    essentialSkills: r.essential_skills,
    optionalSkills: r.optional_skills,
    minIsced: r.min_isced,
    languages: r.languages.map((l) => ({ lang: l.lang, level: l.level as CefrLevel })),
    location: { country: r.country, region: r.region },
    startDate: r.start_date,
    open: r.status === 'open',
  }));
}
