// The documented bulk path of `corridor generate --bulk`: the same synthetic population as the command path, written
// as rows in one transaction (json_populate_recordset, 5,000 rows a statement) instead of one command per record,
// for benchmarks at a million people. What the commands would check holds by construction (the generator draws
// valid ESCO codes, countries, levels and dates; generate.db.test.ts runs the same records through the commands).
// It appends ONE audit entry and ONE `reset` change entry in that transaction: every follower of the change log
// (the matching index, the labour-market statistics) rebuilds from the tables, so nothing is missed.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { createOrganisation, createUser } from '../identity/domain.js';
import { auditMany } from '../kernel/audit.js';
import { appendChanges, type ChangeFeed } from '../kernel/changes.js';
import type { EscoSnapshot } from '../taxonomy/domain.js';
import { PopulationGenerator, type GeneratedProfile } from './generate.js';
import type { MatchVacancy } from './model.js';

type Db = Kysely<Database>;

function hash(seed: number, i: number): number {
  let x = (Math.imul(seed ^ 0x27d4eb2d, 0x9e3779b1) ^ i) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * Dates a registration log would have, a pure function of (seed, i): registration up to two years before the
 * reference day, publication up to a year before it, 7–120 days from publication to closing.
 */
export function syntheticDates(asOf: Date, seed: number, i: number) {
  const h = hash(seed, i);
  const day = 86_400_000;
  return {
    registered: new Date(asOf.getTime() - (h % 730) * day),
    posted: new Date(asOf.getTime() - ((h >>> 10) % 365) * day),
    daysToClose: 7 + ((h >>> 20) % 114),
  };
}

/** Whether generated person i agrees to anonymised statistics (85 %, independent of the generator's draws). */
export function givesStatisticsConsent(seed: number, i: number): boolean {
  return hash(seed ^ 0x5a5a, i) % 100 < 85;
}

const SOURCE = {
  certified: 'certificate',
  assessed: 'assessment',
  'advisor-checked': 'interview',
  'self-declared': 'self-declared',
} as const;

function profileRow(
  g: GeneratedProfile,
  i: number,
  ids: { id: string; org: string; advisor: string; version: string },
  at: Date,
) {
  const c = g.candidate;
  const iso = at.toISOString();
  return {
    id: ids.id,
    organisation_id: ids.org,
    user_id: null,
    // In clear, as the permits: a bulk load holds no keys; `corridor serve` seals both before it listens
    // (profiles' sealLegacyNames and sealLegacyProfiles), the advisor's name and e-mail too (sealLegacyAccounts).
    display_name: `Synthetic person ${i}`,
    origin_country: g.demographics.nationality,
    citizenships: g.demographics.citizenships,
    current_country: c.location.country,
    current_region: c.location.region,
    sex: g.demographics.sex,
    birth_year: g.demographics.birthYear,
    languages: c.languages.map((l) =>
      l.level === 'native'
        ? { lang: l.lang, native: true, listening: null, reading: null, speaking: null, writing: null }
        : { lang: l.lang, native: false, listening: l.level, reading: null, speaking: l.level, writing: null },
    ),
    education:
      c.iscedLevel === null
        ? []
        : [
            {
              iscedLevel: c.iscedLevel,
              field: null,
              title: `ISCED ${c.iscedLevel} (synthetic)`,
              institution: null,
              country: null,
              completed: true,
              yearCompleted: null,
            },
          ],
    qualifications: [],
    experience: c.experience.map((x) => ({
      occupationUri: x.occupationUri,
      title: null,
      country: g.demographics.nationality,
      months: 24,
      formal: true,
      description: null,
    })),
    skills: c.skills.map((s) => ({ uri: s.uri, evidence: s.evidence, source: SOURCE[s.evidence] })),
    permits: c.permits.map((p) => ({
      country: p.country,
      type: p.type,
      validFrom: null,
      validUntil: p.validUntil,
      sectors: p.sectors,
      documentNumberEnc: null,
    })),
    migration_status_enc: null,
    preferences: {
      occupations: [],
      regions: [],
      willingToRelocate: c.relocation.willing,
      relocationCountries: c.relocation.countries,
    },
    seeking: c.seeking,
    available_from: c.availableFrom,
    highest_isced: c.iscedLevel,
    contact_language: null,
    interview_step: null,
    taxonomy_version: ids.version,
    version: 1,
    created_by: ids.advisor,
    created_at: iso,
    updated_at: iso,
    erased_at: null,
  };
}

function vacancyRow(
  v: MatchVacancy,
  snapshot: EscoSnapshot,
  ids: { id: string; org: string },
  posted: Date,
  closed: Date,
) {
  const occ = snapshot.occupations.get(v.occupationUri);
  return {
    id: ids.id,
    organisation_id: ids.org,
    title: `${occ?.labels.en?.preferred ?? 'Job'} (synthetic)`,
    description: null,
    occupation_uri: v.occupationUri,
    isco: v.isco,
    sector: v.sector,
    essential_skills: v.essentialSkills,
    optional_skills: v.optionalSkills,
    skills_from_esco: false,
    min_isced: v.minIsced,
    languages: v.languages.map((l) => ({ lang: l.lang, level: l.level === 'native' ? 'C2' : l.level })),
    country: v.location.country,
    region: v.location.region,
    posts: 1,
    posts_filled: 0,
    contract_type: 'permanent',
    hours_per_week: null,
    wage_amount: null,
    wage_currency: null,
    wage_period: null,
    start_date: v.startDate,
    employer_sponsors_permit: true,
    employer_pays_recruitment_fees: true,
    status: v.open ? 'open' : 'closed',
    taxonomy_version: snapshot.version,
    version: 1,
    created_by: null,
    created_at: posted.toISOString(),
    updated_at: (v.open ? posted : closed).toISOString(),
  };
}

async function insertJson(trx: Db, table: 'profile' | 'consent' | 'vacancy', rows: object[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`INSERT INTO ${sql.table(table)} SELECT * FROM json_populate_recordset(NULL::${sql.table(table)}, ${JSON.stringify(rows)}::json)`.execute(
    trx,
  );
}

export interface BulkReport {
  profiles: number;
  vacancies: number;
  consents: number;
  organisationId: string;
  employers: number;
}

/** Writes the population in one transaction with one audit entry and one reset change entry. */
export async function generateBulk(
  db: Db,
  snapshot: EscoSnapshot,
  opts: {
    profiles: number;
    vacancies: number;
    seed: number;
    asOf?: string;
    onProgress?: (done: number, total: number) => void;
  },
  feed?: ChangeFeed,
): Promise<BulkReport> {
  const asOf = new Date(`${opts.asOf ?? '2026-06-01'}T00:00:00Z`);
  const gen = new PopulationGenerator(snapshot, { seed: opts.seed, asOf: asOf.toISOString().slice(0, 10) });
  const run = new Date().toISOString();
  const CHUNK = 5000;
  let consents = 0;
  const result = await db.transaction().execute(async (trx) => {
    const org = await createOrganisation(trx, {
      name: `Synthetic population (seed ${opts.seed}, ${run}, bulk)`,
      type: 'ngo',
      country: 'ES',
    });
    const advisor = await createUser(trx, {
      organisationId: org.id,
      email: `generator-${Date.now().toString(36)}@synthetic.invalid`,
      name: 'Synthetic population generator',
      role: 'advisor',
    });
    const employers: string[] = [];
    for (let e = 0; e < 5; e++) {
      employers.push(
        (
          await createOrganisation(trx, {
            name: `Synthetic employer ${e + 1} (${run})`,
            type: 'employer',
            country: 'ES',
          })
        ).id,
      );
    }
    const total = opts.profiles + opts.vacancies;
    for (let from = 0; from < opts.profiles; from += CHUNK) {
      const people: object[] = [];
      const given: object[] = [];
      for (let i = from; i < Math.min(opts.profiles, from + CHUNK); i++) {
        const g = gen.profile(i);
        const id = randomUUID();
        const at = syntheticDates(asOf, opts.seed, i).registered;
        people.push(profileRow(g, i, { id, org: org.id, advisor: advisor.id, version: snapshot.version }, at));
        const consent = (purpose: string) => ({
          id: randomUUID(),
          organisation_id: org.id,
          migrant_id: id,
          purpose,
          target_organisation_id: null,
          field_scopes: null,
          note: null,
          given_at: at.toISOString(),
          recorded_by: advisor.id,
          withdrawn_at: null,
          withdrawn_by: null,
        });
        given.push(consent('profiling')); // as the create command records it
        if (g.candidate.consent.matching) given.push(consent('matching_with_employers'));
        if (givesStatisticsConsent(opts.seed, i)) given.push(consent('anonymised_statistics'));
      }
      await insertJson(trx, 'profile', people);
      await insertJson(trx, 'consent', given);
      consents += given.length;
      opts.onProgress?.(Math.min(opts.profiles, from + CHUNK), total);
    }
    for (let from = 0; from < opts.vacancies; from += CHUNK) {
      const rows: object[] = [];
      for (let j = from; j < Math.min(opts.vacancies, from + CHUNK); j++) {
        const d = syntheticDates(asOf, opts.seed + 1, j);
        const closed = new Date(d.posted.getTime() + d.daysToClose * 86_400_000);
        rows.push(
          vacancyRow(
            gen.vacancy(j),
            snapshot,
            { id: randomUUID(), org: employers[j % employers.length]! },
            d.posted,
            closed,
          ),
        );
      }
      await insertJson(trx, 'vacancy', rows);
      opts.onProgress?.(opts.profiles + Math.min(opts.vacancies, from + CHUNK), total);
    }
    await auditMany({ db: trx, user: null }, [
      {
        action: 'create',
        entity: 'bulk_load',
        entityId: org.id,
        organisationId: org.id,
        reason: `corridor generate --bulk: ${opts.profiles} profiles, ${consents} consents, ${opts.vacancies} vacancies (seed ${opts.seed})`,
      },
    ]);
    const tx = await appendChanges(trx, [{ entity: 'bulk_load', id: org.id, op: 'reset', organisationId: org.id }]);
    return { tx, org: org.id, employers: employers.length };
  });
  feed?.notify(result.tx);
  return {
    profiles: opts.profiles,
    vacancies: opts.vacancies,
    consents,
    organisationId: result.org,
    employers: result.employers,
  };
}
