// Reading the statistics records from the tables, and the one rule of who counts.
//
// THE COUNTING RULE (docs/LABOUR-MARKET.md): a person counts in the statistics while an `anonymised_statistics`
// consent of theirs is in force (given and not withdrawn) — whether their profile is live or was erased and kept,
// stripped, for statistics. Without that consent nobody counts, whatever else they agreed to. Vacancies are
// employers' published offers and always count while they exist. Erasure (identity, #11) asks
// `countsInStatistics` before deciding whether a stripped profile row may stay: if the person does not count, nothing
// needs to be kept for statistics.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { openWithWrapped, sealedContext } from '../kernel/person-keys.js';
import type { FieldCipher } from '../shared/crypto.js';
import { recordKey } from './disclosure.js';
import {
  countedCitizenship,
  monthIndex,
  statusCategory,
  type JobSeekerRecord,
  type StatusCategory,
  type VacancyRecord,
} from './statistics.js';

type Db = Kysely<Database>;

export const STATISTICS_PURPOSE = 'anonymised_statistics';
const SKILL_PREFIX = 'http://data.europa.eu/esco/skill/';

/** The people among `migrantIds` who count in the statistics now (the counting rule above). */
export async function countsInStatistics(db: Db, migrantIds: readonly string[]): Promise<Set<string>> {
  const ids = [...new Set(migrantIds)];
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('consent')
    .select('migrant_id')
    .distinct()
    .where('migrant_id', 'in', ids)
    .where('purpose', '=', STATISTICS_PURPOSE)
    .where('withdrawn_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.migrant_id));
}

export interface StatisticsSettings {
  salt: string;
  k: number;
}

export async function readSettings(db: Db): Promise<StatisticsSettings> {
  const row = await db.selectFrom('lm_setting').select(['salt', 'k']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { salt: row.salt, k: row.k };
}

interface PersonRow {
  id: string;
  organisation_id: string;
  sex: string;
  birth_year: number | null;
  highest_isced: number | null;
  origin_country: string;
  citizenships: string[] | null;
  current_country: string;
  current_region: string;
  /** The ICLS category in clear: a statistics remainder's, or a row's written before profiles sealed it. */
  status_category: StatusCategory | null;
  /** The category under the person's key (profiles, migration 0360), and that key as stored (wrapped). */
  status_category_enc: string | null;
  wrapped: string | null;
  permits: string | null;
  occupation: string | null;
  created_at: Date | string;
  seeking: boolean;
  skills: string | null;
}

/**
 * Counted people among `ids`, or among the profiles with after < id <= upTo (a page of the profile table, not of
 * counted people). Codes are read, and of the sealed columns only the ICLS category with the person's wrapped key
 * (joined: still one query per page), which toPerson opens (one unwrap per counted person) — never names, free text
 * or permits. The occupation a person is counted in: the first preferred occupation, else the one of their longest
 * experience (the first listed on a tie).
 *
 * Why this shape (EXPLAIN ANALYZE, docs/BENCHMARKS.md): the consent test is a LATERAL index lookup per profile of
 * the page; as an EXISTS the planner hashed the whole consent table for every page and sorted every counted
 * profile before the LIMIT, so each page cost a full scan and the rebuild grew with the square of the population.
 */
async function personRows(db: Db, opts: { ids: readonly string[] } | { after: string; upTo: string | null }) {
  const where =
    'ids' in opts
      ? sql`p.id IN (${sql.join(opts.ids.length ? opts.ids : [''])})`
      : sql`p.id > ${opts.after} ${opts.upTo !== null ? sql`AND p.id <= ${opts.upTo}` : sql``}`;
  const { rows } = await sql<PersonRow>`
    SELECT p.id, p.organisation_id, p.sex, p.birth_year, p.highest_isced, p.origin_country, p.citizenships,
      p.current_country,
      p.current_region, p.created_at, p.seeking, p.status_category, p.status_category_enc, k.wrapped,
      (SELECT string_agg((x->>'country') || ':' || (x->>'type'), ',') FROM jsonb_array_elements(p.permits) x)
        AS permits,
      COALESCE(p.preferences->'occupations'->>0,
        (SELECT e.value->>'occupationUri' FROM jsonb_array_elements(p.experience) WITH ORDINALITY AS e(value, n)
          ORDER BY (e.value->>'months')::int DESC, e.n LIMIT 1)) AS occupation,
      array_to_string(ARRAY(SELECT substr(s->>'uri', ${SKILL_PREFIX.length + 1}) FROM jsonb_array_elements(p.skills) s),
        ',') AS skills
    FROM profile p
    -- The key of the person, looked up by index per row, only where the category is sealed (a remainder has it in
    -- clear, and no key). LIMIT 1 keeps the planner from flattening it into a join that reads the whole key table
    -- on every page (the same reason as the consent test below).
    LEFT JOIN LATERAL (SELECT k.wrapped FROM person_key k WHERE k.subject_id = p.id AND p.status_category IS NULL
                       LIMIT 1) k ON true
    CROSS JOIN LATERAL (SELECT 1 FROM consent c WHERE c.migrant_id = p.id AND c.purpose = ${STATISTICS_PURPOSE}
                          AND c.withdrawn_at IS NULL LIMIT 1) counted
    WHERE ${where}
    ORDER BY p.id`.execute(db);
  return rows;
}

/**
 * The id ending the page of `size` rows of `table` after `after` (an index-only read), or null when fewer remain:
 * the page is then everything after.
 */
async function pageEnd(db: Db, table: 'profile' | 'vacancy', after: string, size: number): Promise<string | null> {
  const { rows } = await sql<{ id: string }>`
    SELECT id FROM ${sql.table(table)} WHERE id > ${after} ORDER BY id OFFSET ${size - 1} LIMIT 1`.execute(db);
  return rows[0]?.id ?? null;
}

/**
 * Runs one page's query with PostgreSQL's JIT off: the JSONB sub-selects make the planner's cost estimate large
 * enough to compile each page (0.6–2.5 s of JIT per 20,000-row page measured, for a query of about 1 s).
 */
async function withoutJit<T>(db: Db, read: (db: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return read(db);
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL jit = off`.execute(trx);
    return read(trx);
  });
}

/** What opens and keys the records: the statistics salt, and the instance cipher that unwraps the people's keys. */
export interface RecordKeys {
  salt: string;
  cipher: FieldCipher;
}

/**
 * A person's ICLS category: in clear on a remainder (or a row not sealed yet), else opened with their key — one
 * unwrap per counted person — else, with no key or no ciphertext, from the plain permits of a row not sealed yet
 * ('no-permit-recorded' when none is in the country of residence), as before the category was sealed.
 */
function categoryOf(r: PersonRow, cipher: FieldCipher): StatusCategory {
  if (r.status_category !== null) return r.status_category;
  const opened = openWithWrapped(cipher, r.id, r.wrapped, r.status_category_enc, sealedContext.statusCategory(r.id));
  if (opened !== null) return opened as StatusCategory;
  const permits = (r.permits ?? '')
    .split(',')
    .filter(Boolean)
    .map((p) => ({ country: p.slice(0, p.indexOf(':')), type: p.slice(p.indexOf(':') + 1) }));
  return statusCategory(r.origin_country, r.current_country, permits);
}

function toPerson(r: PersonRow, { salt, cipher }: RecordKeys): JobSeekerRecord {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    key: recordKey(salt, r.id),
    sex: r.sex,
    birthYear: r.birth_year,
    isced: r.highest_isced,
    originCountry: r.origin_country,
    citizenship: countedCitizenship(r.citizenships, r.current_country),
    currentCountry: r.current_country,
    currentRegion: r.current_region,
    status: categoryOf(r, cipher),
    occupationUri: r.occupation,
    registeredMonth: monthIndex(new Date(r.created_at)),
    seeking: r.seeking,
    skills: r.skills ? r.skills.split(',').map((s) => SKILL_PREFIX + s) : [],
  };
}

interface VacancyRow {
  id: string;
  organisation_id: string;
  occupation_uri: string;
  isco: string;
  country: string;
  region: string;
  status: string;
  created_at: Date | string;
  updated_at: Date | string;
  skills: string | null;
}

async function vacancyRows(db: Db, opts: { ids: readonly string[] } | { after: string; upTo: string | null }) {
  const where =
    'ids' in opts
      ? sql`v.id IN (${sql.join(opts.ids.length ? opts.ids : [''])})`
      : sql`v.id > ${opts.after} ${opts.upTo !== null ? sql`AND v.id <= ${opts.upTo}` : sql``}`;
  const { rows } = await sql<VacancyRow>`
    SELECT v.id, v.organisation_id, v.occupation_uri, v.isco, v.country, v.region, v.status, v.created_at,
      v.updated_at,
      array_to_string(ARRAY(SELECT substr(x, ${SKILL_PREFIX.length + 1})
        FROM jsonb_array_elements_text(v.essential_skills) x), ',') AS skills
    FROM vacancy v
    WHERE ${where}
    ORDER BY v.id`.execute(db);
  return rows;
}

const DAY = 86_400_000;

function toVacancy(r: VacancyRow, salt: string): VacancyRecord {
  const posted = new Date(r.created_at);
  const open = r.status === 'open';
  return {
    id: r.id,
    organisationId: r.organisation_id,
    key: recordKey(salt, r.id),
    occupationUri: r.occupation_uri,
    isco: r.isco,
    country: r.country,
    region: r.region,
    postedMonth: monthIndex(posted),
    open,
    // Until outcomes record the hiring date, a vacancy is filled when it closes; its last change is the closing.
    daysToClose: open ? null : Math.max(0, Math.floor((new Date(r.updated_at).getTime() - posted.getTime()) / DAY)),
    essentialSkills: r.skills ? r.skills.split(',').map((s) => SKILL_PREFIX + s) : [],
  };
}

/** Every counted person, page by page (bounded memory: one page of the profile table at a time). */
export async function* allJobSeekers(db: Db, keys: RecordKeys, pageSize = 20_000): AsyncGenerator<JobSeekerRecord[]> {
  let after = '';
  for (;;) {
    const page = await withoutJit(db, async (trx) => {
      const upTo = await pageEnd(trx, 'profile', after, pageSize);
      return { upTo, rows: await personRows(trx, { after, upTo }) };
    });
    if (page.rows.length) yield page.rows.map((r) => toPerson(r, keys));
    if (page.upTo === null) return;
    after = page.upTo;
  }
}

export async function* allVacancies(db: Db, salt: string, pageSize = 20_000): AsyncGenerator<VacancyRecord[]> {
  let after = '';
  for (;;) {
    const page = await withoutJit(db, async (trx) => {
      const upTo = await pageEnd(trx, 'vacancy', after, pageSize);
      return { upTo, rows: await vacancyRows(trx, { after, upTo }) };
    });
    if (page.rows.length) yield page.rows.map((r) => toVacancy(r, salt));
    if (page.upTo === null) return;
    after = page.upTo;
  }
}

/** The counted people among these ids (absent: no longer counted, or gone). */
export async function jobSeekersById(db: Db, keys: RecordKeys, ids: readonly string[]): Promise<JobSeekerRecord[]> {
  const out: JobSeekerRecord[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    out.push(...(await personRows(db, { ids: ids.slice(i, i + 1000) })).map((r) => toPerson(r, keys)));
  }
  return out;
}

export async function vacanciesById(db: Db, salt: string, ids: readonly string[]): Promise<VacancyRecord[]> {
  const out: VacancyRecord[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    out.push(...(await vacancyRows(db, { ids: ids.slice(i, i + 1000) })).map((r) => toVacancy(r, salt)));
  }
  return out;
}
