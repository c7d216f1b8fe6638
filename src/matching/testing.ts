// Test helpers: a small synthetic ESCO-shaped taxonomy and builders for hand-made candidates and vacancies.
import { PostgresQueryCompiler, type Kysely, type KyselyPlugin } from 'kysely';
import type { EscoSnapshot, Occupation, Skill } from '../taxonomy/domain.js';
import type { EligibilityRule, MatchCandidate, MatchVacancy } from './model.js';
import type { Database } from '../db/schema.js';
import { recordConsent } from '../identity/domain.js';
import type { MatrixWorld } from '../kernel/route.js';
import { exampleCodes, profileIdForUser } from '../profiles/domain.js';
import { exampleProfile } from '../profiles/testing.js';
import { exampleVacancy } from '../vacancies/testing.js';

// URIs shaped like ESCO's (UUIDs), so the profile and vacancy stores accept them.
const uuid = (kind: number, i: number): string => `0000000${kind}-0000-4000-8000-${String(i).padStart(12, '0')}`;
export const skillUri = (i: number): string => `http://data.europa.eu/esco/skill/${uuid(1, i)}`;
export const occupationUri = (i: number): string => `http://data.europa.eu/esco/occupation/${uuid(2, i)}`;

const UNITS = ['7212', '7213', '7221', '5131', '5132', '5120', '3221', '5321', '9112', '9211', '6111', '2512'];

/** Deterministic synthetic taxonomy: skills in small families (hierarchy), some skill↔skill relations. */
export function syntheticSnapshot(opts: { occupations?: number; skills?: number; seed?: number } = {}): EscoSnapshot {
  const nOcc = opts.occupations ?? 40;
  const nSkill = opts.skills ?? 300;
  let x = opts.seed ?? 7;
  const rnd = (n: number): number => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return (x >>> 8) % n;
  };
  const label = (s: string): Skill['labels'] => ({ en: { preferred: s, alt: [], hidden: [] } });
  const skills = new Map<string, Skill>();
  for (let i = 0; i < nSkill; i++) {
    // Every 6th skill is the parent of the next five; the last 10 are transversal.
    const parent = i % 6 === 0 ? [] : [skillUri(i - (i % 6))];
    skills.set(skillUri(i), {
      uri: skillUri(i),
      skillType: 'skill/competence',
      reuseLevel: i >= nSkill - 10 ? 'transversal' : 'sector-specific',
      labels: label(`skill ${i}`),
      broader: parent,
      collections: [],
    });
  }
  const occupations = new Map<string, Occupation>();
  const occupationSkills: EscoSnapshot['occupationSkills'] = [];
  for (let i = 0; i < nOcc; i++) {
    const isco = UNITS[i % UNITS.length]!;
    occupations.set(occupationUri(i), {
      uri: occupationUri(i),
      code: `${isco}.${i}`,
      isco,
      labels: { en: { preferred: `occupation ${i}`, alt: [], hidden: [] } },
      broader: [],
    });
    const used = new Set<number>();
    const pick = (): number => {
      let s = rnd(nSkill);
      while (used.has(s)) s = (s + 1) % nSkill;
      used.add(s);
      return s;
    };
    for (let k = 0, n = 4 + rnd(5); k < n; k++)
      occupationSkills.push({ occupationUri: occupationUri(i), skillUri: skillUri(pick()), relation: 'essential' });
    for (let k = 0, n = 3 + rnd(5); k < n; k++)
      occupationSkills.push({ occupationUri: occupationUri(i), skillUri: skillUri(pick()), relation: 'optional' });
  }
  const skillSkills: EscoSnapshot['skillSkills'] = [];
  for (let k = 0; k < nSkill / 3; k++)
    skillSkills.push({ fromUri: skillUri(rnd(nSkill)), toUri: skillUri(rnd(nSkill)), relation: 'optional' });
  return {
    version: 'test',
    languages: ['en'],
    occupations,
    skills,
    iscoGroups: new Map(),
    skillGroups: new Map(),
    occupationSkills,
    skillSkills,
  };
}

export const TEST_RULES: EligibilityRule[] = [
  {
    id: 'es-work',
    country: 'ES',
    permitType: 'work',
    sectors: ['*'],
    iscoPrefixes: [],
    description: 'Work permit: any sector',
    example: true,
  },
  {
    id: 'es-seasonal',
    country: 'ES',
    permitType: 'seasonal',
    sectors: ['A'],
    iscoPrefixes: ['6', '9'],
    description: 'Seasonal: agriculture',
    example: true,
  },
];

export function testCandidate(over: Partial<MatchCandidate> & { id: string }): MatchCandidate {
  return {
    organisationId: 'org-a',
    skills: [],
    experience: [],
    languages: [{ lang: 'es', level: 'B2' }],
    iscedLevel: 3,
    permits: [{ country: 'ES', type: 'work', validUntil: null, sectors: [] }],
    location: { country: 'ES', region: 'ES30' },
    relocation: { willing: false, countries: [] },
    seeking: true,
    availableFrom: null,
    consent: { matching: true, shareWithEmployers: true },
    ...over,
  };
}

export function testVacancy(over: Partial<MatchVacancy> & { id: string }): MatchVacancy {
  return {
    employerOrganisationId: 'employer-1',
    occupationUri: occupationUri(0),
    isco: '7212',
    sector: 'C',
    essentialSkills: [skillUri(1), skillUri(2), skillUri(3)],
    optionalSkills: [skillUri(4)],
    minIsced: 3,
    languages: [{ lang: 'es', level: 'B1' }],
    location: { country: 'ES', region: 'ES30' },
    startDate: null,
    open: true,
    ...over,
  };
}

/**
 * The same database with every statement built through it recorded as SQL text (values left out), in order: for
 * tests that a path reads in batches. Raw sql`` run on the returned instance is recorded too.
 */
export function recordingStatements<DB>(db: Kysely<DB>): { db: Kysely<DB>; statements: string[] } {
  const statements: string[] = [];
  const compiler = new PostgresQueryCompiler();
  const plugin: KyselyPlugin = {
    transformQuery: ({ node, queryId }) => {
      statements.push(compiler.compileQuery(node, queryId).sql);
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  return { db: db.withPlugin(plugin), statements };
}

// ---- authorization-matrix examples (loaded only when the matrix runs) ----

/** The matrix needs some taxonomy for matching: the small test fixture when none is active. */
export async function ensureTaxonomy(db: Kysely<Database>): Promise<void> {
  const { activeVersion } = await import('../taxonomy/domain.js');
  if (await activeVersion(db)) return;
  const { readEscoSnapshot } = await import('../taxonomy/domain.js');
  const { writeEscoFixture } = await import('../taxonomy/testing.js');
  const { importEscoSnapshot } = await import('../taxonomy/domain.js');
  const { snapshot } = readEscoSnapshot([writeEscoFixture({}, '0.0.1')]);
  await importEscoSnapshot(db, snapshot, { activate: true, source: 'test fixture' }).catch(async (err) => {
    if (!(await activeVersion(db))) throw err;
  });
}

/** An open vacancy of organisation A asking one skill. */
export async function matchingExampleVacancy(world: MatrixWorld): Promise<string> {
  await ensureTaxonomy(world.db);
  const codes = await exampleCodes(world.db);
  return exampleVacancy(world, { essentialSkills: [codes.skills[0]], optionalSkills: [] });
}

/** Organisation A's migrant's profile, consenting to be matched with employers. */
export async function matchingExampleProfile(world: MatrixWorld): Promise<string> {
  await ensureTaxonomy(world.db);
  const existing = await profileIdForUser(world.db, world.orgA.users.migrant.id);
  if (existing) return exampleProfile(world); // records the profiling consent when missing
  const id = await exampleProfile(world);
  await world.kernel.execute(
    recordConsent,
    { user: world.orgA.users.advisor },
    { migrantId: id, purpose: 'matching_with_employers' },
  );
  return id;
}
