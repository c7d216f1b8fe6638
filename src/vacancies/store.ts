// Vacancy storage: rows in and out, the checks a schema cannot express. Commands (commands.ts) call it inside
// their transaction; other capabilities read through the public entry (index.ts).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { updateVersioned } from '../db/versioned.js';
import type { MatchVacancy } from '../shared/projections.js';
import type { CefrLevel } from '../shared/vocabulary.js';
import { conflict, invalid, notFound } from '../kernel/errors.js';
import { checkDate, checkUnique, pageOf, checkUrisExist, escoContext, occupationFacts } from '../profiles/domain.js';
import type { Vacancy, VacancyInput } from './model.js';

type Db = Kysely<Database>;
type VacancyRow = NonNullable<Awaited<ReturnType<typeof selectRow>>>;

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
    throw invalid(
      'A vacancy needs the region where the work is (NUTS or ISO 3166-2 code): matching needs it',
      'location.region',
    );
  }
  checkUnique(input.essentialSkills ?? [], (s) => s, 'essentialSkills', 'skill');
  checkUnique(input.optionalSkills ?? [], (s) => s, 'optionalSkills', 'skill');
  const essential = new Set(input.essentialSkills ?? []);
  (input.optionalSkills ?? []).forEach((s, i) => {
    if (essential.has(s)) throw invalid('Skill is already essential', `optionalSkills.${i}`);
  });
  checkUnique(input.languages, (l) => l.lang, 'languages', 'language');
  checkDate(input.startDate, 'startDate');
}

/** Validates, fills skills and ISCO from ESCO when the taxonomy is loaded, and gives the column values. */
async function columns(db: Db, input: VacancyInput) {
  checkVacancy(input);
  const esco = await escoContext(db);
  await checkUrisExist(db, esco, [
    { uri: input.occupationUri, path: 'occupationUri', kind: 'occupation' },
    ...(input.essentialSkills ?? []).map((uri, i) => ({
      uri,
      path: `essentialSkills.${i}`,
      kind: 'skill' as const,
    })),
    ...(input.optionalSkills ?? []).map((uri, i) => ({
      uri,
      path: `optionalSkills.${i}`,
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

/** Inserts a validated vacancy (the create command's storage step). */
export async function insertVacancy(
  db: Db,
  row: { id: string; organisationId: string; createdBy: string | null },
  input: VacancyInput,
): Promise<Vacancy> {
  const values = await columns(db, input);
  const inserted = await db
    .insertInto('vacancy')
    .values({ id: row.id, organisation_id: row.organisationId, created_by: row.createdBy, ...values })
    .onConflict((oc) => oc.column('id').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!inserted) throw conflict('A vacancy with this id exists already', 'id', 'exists');
  return toVacancy(inserted);
}

/** Replaces a vacancy if it is still at `version` (the update command's storage step). */
export async function replaceVacancy(db: Db, id: string, version: number, input: VacancyInput): Promise<Vacancy> {
  const values = await columns(db, input);
  const row = await updateVersioned(db, 'vacancy', {
    id,
    version,
    values,
    noun: 'vacancy',
    missing: () => notFound('No such vacancy', 'vacancyId'),
  });
  return toVacancy(row);
}

/** Deletes a vacancy; false when there was none. */
export async function removeVacancy(db: Db, id: string): Promise<{ organisationId: string } | null> {
  const gone = await db.deleteFrom('vacancy').where('id', '=', id).returning('organisation_id').executeTakeFirst();
  return gone ? { organisationId: gone.organisation_id } : null;
}

/**
 * Fills one post of an open vacancy (a placement) and closes it when that was the last one. One UPDATE, so two
 * placements recorded at once cannot both take the last post. Null when the vacancy is gone or not open.
 */
export async function fillPost(db: Db, id: string): Promise<Vacancy | null> {
  const row = await db
    .updateTable('vacancy')
    .set((eb) => ({
      posts_filled: eb('posts_filled', '+', 1),
      status: sql<string>`CASE WHEN posts_filled + 1 >= posts THEN 'closed' ELSE status END`,
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returningAll()
    .executeTakeFirst();
  return row ? toVacancy(row) : null;
}

export async function getVacancy(db: Db, id: string): Promise<Vacancy> {
  const row = await findVacancyRow(db, id);
  if (!row) throw notFound('No such vacancy', 'vacancyId');
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
    postsFilled: row.posts_filled,
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
  return (await query.execute()).map(toMatchVacancy);
}

/** A vacancy row as the matching engine sees it (MatchVacancy). */
export function toMatchVacancy(r: VacancyRow): MatchVacancy {
  return {
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
  };
}
