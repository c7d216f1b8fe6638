import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { PopulationGenerator } from './generate.js';
import { MatchIndex } from './match-index.js';
import { DEFAULT_WEIGHTS, type MatchCandidate, type MatchVacancy } from './model.js';
import {
  MatchInputError,
  bruteForceTopCandidates,
  bruteForceTopVacancies,
  creditsFor,
  dayNumber,
  type ReferenceContext,
} from './scoring.js';
import { SkillGraph } from './skill-graph.js';
import { EXAMPLE_RULES } from './rules.js';
import { TEST_RULES, occupationUri, skillUri, syntheticSnapshot, testCandidate, testVacancy } from './testing.js';

const ASOF = '2026-06-01';
const snapshot = syntheticSnapshot({ occupations: 60, skills: 400 });

function refContext(graph: SkillGraph, rules = TEST_RULES): ReferenceContext {
  return { graph, rules, weights: DEFAULT_WEIGHTS, asOfDay: dayNumber(ASOF), credits: creditsFor(DEFAULT_WEIGHTS) };
}

const ids = (rs: Array<{ candidateId: string; score: number }>): Array<[string, number]> =>
  rs.map((r) => [r.candidateId, r.score]);
const vids = (rs: Array<{ vacancyId: string; score: number }>): Array<[string, number]> =>
  rs.map((r) => [r.vacancyId, r.score]);

describe('matching index vs brute-force scorer (10k synthetic profiles)', () => {
  const gen = new PopulationGenerator(snapshot, { seed: 3, asOf: ASOF });
  const graph = SkillGraph.fromSnapshot(snapshot);
  const index = new MatchIndex({ graph, rules: EXAMPLE_RULES });
  const candidates: MatchCandidate[] = [];
  const vacancies: MatchVacancy[] = [];
  beforeAll(() => {
    for (let i = 0; i < 10_000; i++) candidates.push(gen.profile(i).candidate);
    for (let j = 0; j < 400; j++) vacancies.push(gen.vacancy(j));
    for (const c of candidates) index.upsertCandidate(c);
    for (const v of vacancies) index.upsertVacancy(v);
  });

  it('ranks the top 50 candidates of every sampled vacancy exactly like the brute-force scorer', () => {
    const ctx = refContext(graph, EXAMPLE_RULES);
    let nonEmpty = 0;
    for (const v of vacancies.slice(0, 40)) {
      const engine = index.topCandidates(v.id, { k: 50, asOf: ASOF, explain: false });
      const brute = bruteForceTopCandidates(v, candidates, ctx, 50);
      expect(ids(engine)).toEqual(ids(brute));
      if (engine.length > 0) nonEmpty++;
    }
    // The comparison is meaningful only if most vacancies do find people.
    expect(nonEmpty).toBeGreaterThan(30);
  });

  it('ranks the top 20 vacancies of every sampled profile exactly like the brute-force scorer', () => {
    const ctx = refContext(graph, EXAMPLE_RULES);
    let nonEmpty = 0;
    for (const c of candidates.slice(0, 60)) {
      const engine = index.topVacancies(c.id, { k: 20, asOf: ASOF, explain: false });
      expect(vids(engine)).toEqual(vids(bruteForceTopVacancies(c, vacancies, ctx, 20)));
      if (engine.length > 0) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(10);
  });

  it('answers a person’s organisation and evidence levels as their decoded entry holds them', () => {
    const levels = ['certified', 'assessed', 'advisor-checked', 'self-declared'] as const;
    const seen = new Set<string>();
    for (const c of candidates.slice(0, 2000)) {
      const held = index.getCandidate(c.id);
      expect(index.candidateOrganisation(c.id)).toBe(held?.organisationId);
      for (const level of levels) {
        const has = index.candidateHasEvidence(c.id, level);
        expect(has).toBe(!!held?.skills.some((s) => s.evidence === level));
        if (has) seen.add(level);
      }
    }
    expect([...seen].sort()).toEqual([...levels].sort()); // the sample holds every level somewhere
    expect(index.candidateOrganisation('nobody')).toBeUndefined();
    expect(index.candidateHasEvidence('nobody', 'assessed')).toBe(false);
  });

  it('returns explanations whose score is the ranked score', () => {
    const [first] = index.topCandidates(vacancies[0]!.id, { k: 5, asOf: ASOF });
    expect(first?.explanation?.eligibility.ruleId).toBeTruthy();
  });

  it('keeps ranking exactly after many updates, removals and a compaction', () => {
    const ctx = refContext(graph, EXAMPLE_RULES);
    const live = new Map(candidates.map((c) => [c.id, c]));
    for (let i = 0; i < 3000; i++) {
      const c = candidates[i]!;
      if (i % 3 === 0) {
        index.removeCandidate(c.id);
        live.delete(c.id);
      } else {
        const moved = { ...c, skills: c.skills.slice(1), relocation: { willing: true, countries: [] } };
        index.upsertCandidate(moved);
        live.set(c.id, moved);
      }
    }
    index.compact();
    expect(index.stats().deadSlots).toBe(0);
    for (const v of vacancies.slice(0, 15)) {
      expect(ids(index.topCandidates(v.id, { k: 50, asOf: ASOF, explain: false }))).toEqual(
        ids(bruteForceTopCandidates(v, live.values(), ctx, 50)),
      );
    }
  });
});

describe('hard filters', () => {
  const graph = SkillGraph.fromSnapshot(snapshot);
  const strong = { skills: [1, 2, 3, 4].map((i) => ({ uri: skillUri(i), evidence: 'certified' as const })) };
  const weak = { skills: [{ uri: skillUri(1), evidence: 'self-declared' as const }] };

  function ranked(c: MatchCandidate, v: MatchVacancy = testVacancy({ id: 'v1' }), rules = TEST_RULES): string[] {
    const index = new MatchIndex({ graph, rules });
    index.upsertCandidate(testCandidate({ id: 'baseline', ...weak }));
    index.upsertCandidate(c);
    index.upsertVacancy(v);
    const forVacancy = index.topCandidates(v.id, { asOf: ASOF }).map((r) => r.candidateId);
    const forPerson = index.topVacancies(c.id, { asOf: ASOF }).map((r) => r.vacancyId);
    // Both directions must agree on eligibility.
    expect(forPerson.length === 1).toBe(forVacancy.includes(c.id));
    return forVacancy;
  }

  it('ranks an eligible strong candidate first', () => {
    expect(ranked(testCandidate({ id: 'c', ...strong }))).toEqual(['c', 'baseline']);
  });

  const excluded: Array<[string, Partial<MatchCandidate>, Partial<MatchVacancy>?]> = [
    ['no consent to be matched', { consent: { matching: false, shareWithEmployers: true } }],
    ['no consent to share with another organisation', { consent: { matching: true, shareWithEmployers: false } }],
    ['not seeking work', { seeking: false }],
    ['available only long after the start', { availableFrom: '2026-09-15' }, { startDate: '2026-06-10' }],
    ['lives elsewhere and will not move', { location: { country: 'ES', region: 'ES51' } }],
    [
      'will move, but only to another country',
      { location: { country: 'ES', region: 'ES51' }, relocation: { willing: true, countries: ['FR'] } },
    ],
    ['no permit', { permits: [] }],
    ['permit for another country', { permits: [{ country: 'FR', type: 'work', validUntil: null, sectors: [] }] }],
    ['expired permit', { permits: [{ country: 'ES', type: 'work', validUntil: '2026-05-31', sectors: [] }] }],
    [
      'permit expiring before the start date',
      { permits: [{ country: 'ES', type: 'work', validUntil: '2026-07-01', sectors: [] }] },
      { startDate: '2026-07-02' },
    ],
    [
      'permit restricted to another sector',
      { permits: [{ country: 'ES', type: 'work', validUntil: null, sectors: ['A'] }] },
    ],
    [
      'permit type whose rule excludes this sector',
      { permits: [{ country: 'ES', type: 'seasonal', validUntil: null, sectors: [] }] },
    ],
    ['permit type no rule knows', { permits: [{ country: 'ES', type: 'tourist', validUntil: null, sectors: [] }] }],
  ];
  for (const [why, over, vOver] of excluded) {
    it(`excludes a strong candidate: ${why}`, () => {
      const v = testVacancy({ id: 'v1', ...(vOver ?? {}) });
      expect(ranked(testCandidate({ id: 'c', ...strong, ...over }), v)).not.toContain('c');
    });
  }

  it('lets relocation and same-organisation visibility make a candidate eligible', () => {
    expect(
      ranked(
        testCandidate({
          id: 'c',
          ...strong,
          location: { country: 'MA', region: 'capital' },
          relocation: { willing: true, countries: [] },
        }),
      ),
    ).toContain('c');
    expect(
      ranked(
        testCandidate({
          id: 'c',
          ...strong,
          organisationId: 'employer-1',
          consent: { matching: true, shareWithEmployers: false },
        }),
      ),
    ).toContain('c');
  });

  it('excludes closed vacancies', () => {
    expect(ranked(testCandidate({ id: 'c', ...strong }), testVacancy({ id: 'v1', open: false }))).toEqual([]);
  });

  it('follows the rules as data: a seasonal permit fits an agricultural job only once a rule allows it', () => {
    const farm = testVacancy({ id: 'farm', sector: 'A', isco: '6111', occupationUri: occupationUri(10) });
    const seasonal = testCandidate({
      id: 'c',
      ...strong,
      permits: [{ country: 'ES', type: 'seasonal', validUntil: null, sectors: [] }],
    });
    expect(ranked(seasonal, farm)).toContain('c');
    expect(
      ranked(
        seasonal,
        farm,
        TEST_RULES.filter((r) => r.id !== 'es-seasonal'),
      ),
    ).not.toContain('c');
    // ISCO prefixes: the seasonal rule covers ISCO major groups 6 and 9 only.
    expect(ranked(seasonal, { ...farm, isco: '7212' })).not.toContain('c');
  });

  it('never scores away the filters: an ineligible candidate is absent however good the match', () => {
    const index = new MatchIndex({ graph, rules: TEST_RULES });
    index.upsertCandidate(testCandidate({ id: 'best', ...strong, permits: [] }));
    index.upsertVacancy(testVacancy({ id: 'v1' }));
    expect(index.topCandidates('v1', { asOf: ASOF })).toEqual([]);
    expect(index.eligibleCandidates('v1', ASOF)).toEqual([]);
  });
});

describe('scoring', () => {
  const graph = SkillGraph.fromSnapshot(snapshot);

  it('ranks certified > assessed > advisor-checked > self-declared for the same skills', () => {
    const index = new MatchIndex({ graph, rules: TEST_RULES });
    for (const ev of ['self-declared', 'certified', 'advisor-checked', 'assessed'] as const)
      index.upsertCandidate(
        testCandidate({ id: ev, skills: [1, 2, 3].map((i) => ({ uri: skillUri(i), evidence: ev })) }),
      );
    index.upsertVacancy(testVacancy({ id: 'v1' }));
    expect(index.topCandidates('v1', { asOf: ASOF }).map((r) => r.candidateId)).toEqual([
      'certified',
      'assessed',
      'advisor-checked',
      'self-declared',
    ]);
  });

  it('gives partial credit to near skills and says which skill they stand in for', () => {
    const index = new MatchIndex({ graph, rules: TEST_RULES });
    // skill 0 is the parent of skill 1; skill 2 is its sibling.
    index.upsertCandidate(testCandidate({ id: 'near', skills: [{ uri: skillUri(0), evidence: 'certified' }] }));
    index.upsertCandidate(testCandidate({ id: 'exact', skills: [{ uri: skillUri(1), evidence: 'certified' }] }));
    index.upsertCandidate(testCandidate({ id: 'none', skills: [{ uri: skillUri(200), evidence: 'certified' }] }));
    index.upsertVacancy(testVacancy({ id: 'v1', essentialSkills: [skillUri(1)], optionalSkills: [] }));
    const rs = index.topCandidates('v1', { asOf: ASOF });
    expect(rs.map((r) => r.candidateId)).toEqual(['exact', 'near']);
    const near = rs[1]!.explanation!;
    expect(near.near).toEqual([
      { uri: skillUri(0), standsInFor: skillUri(1), kind: 'broader', evidence: 'certified', essential: true },
    ]);
    expect(near.components.essentialSkills).toBe(0.5);
    expect(rs[0]!.explanation!.components.essentialSkills).toBe(1);
  });

  it('scores experience by occupation, ISCO unit and minor group, and counts same-unit experience as relevant', () => {
    const index = new MatchIndex({ graph, rules: TEST_RULES });
    const exp = (id: string, occ: number, isco: string): MatchCandidate =>
      testCandidate({ id, experience: [{ occupationUri: occupationUri(occ), isco }] });
    index.upsertCandidate(exp('same-occupation', 0, '7212'));
    index.upsertCandidate(exp('same-unit', 12, '7212'));
    index.upsertCandidate(exp('same-minor', 1, '7213')); // shares no skill: not relevant on experience alone
    index.upsertVacancy(testVacancy({ id: 'v1', essentialSkills: [skillUri(300)], optionalSkills: [] }));
    const rs = index.topCandidates('v1', { asOf: ASOF });
    expect(rs.map((r) => [r.candidateId, r.explanation!.experience.level])).toEqual([
      ['same-occupation', 'occupation'],
      ['same-unit', 'isco-unit'],
    ]);
    expect(rs[0]!.score).toBeGreaterThan(rs[1]!.score);
  });

  it('explains matched, missing, language and education fit', () => {
    const index = new MatchIndex({ graph, rules: TEST_RULES });
    index.upsertCandidate(
      testCandidate({
        id: 'c',
        skills: [
          { uri: skillUri(1), evidence: 'assessed' },
          { uri: skillUri(4), evidence: 'self-declared' },
        ],
        languages: [{ lang: 'es', level: 'A2' }],
        iscedLevel: 2,
      }),
    );
    index.upsertVacancy(
      testVacancy({
        id: 'v1',
        essentialSkills: [skillUri(1), skillUri(50)],
        optionalSkills: [skillUri(4)],
        languages: [
          { lang: 'es', level: 'B1' },
          { lang: 'fr', level: 'A2' },
        ],
        minIsced: 4,
      }),
    );
    const [r] = index.topCandidates('v1', { asOf: ASOF });
    const e = r!.explanation!;
    expect(e.matched).toEqual([
      { uri: skillUri(1), evidence: 'assessed', essential: true },
      { uri: skillUri(4), evidence: 'self-declared', essential: false },
    ]);
    expect(e.missingEssential).toEqual([skillUri(50)]);
    expect(e.languages).toEqual([
      { lang: 'es', required: 'B1', held: 'A2', fit: 'one-below' },
      { lang: 'fr', required: 'A2', held: null, fit: 'below' },
    ]);
    expect(e.education).toEqual({ required: 4, held: 2, fit: 'below' });
    expect(e.eligibility).toMatchObject({
      ruleId: 'es-work',
      example: true,
      location: 'same-region',
      permitType: 'work',
    });
    expect(e.components).toEqual({
      essentialSkills: 0.45,
      optionalSkills: 0.6,
      experience: 0,
      languages: 0.25,
      education: 0,
    });
  });

  it('refuses bad input with the path of the field, and leaves the index unchanged', () => {
    const index = new MatchIndex({ graph, rules: TEST_RULES });
    const bad = { ...testCandidate({ id: 'c' }), skills: [{ uri: skillUri(1), evidence: 'rumoured' }] };
    expect(() => index.upsertCandidate(bad as unknown as MatchCandidate)).toThrow(MatchInputError);
    expect(() => index.upsertCandidate(bad as unknown as MatchCandidate)).toThrow('/skills/0/evidence');
    expect(() => index.upsertVacancy(testVacancy({ id: 'v', isco: '72' }))).toThrow('/isco');
    expect(() => index.upsertCandidate(testCandidate({ id: 'c', availableFrom: '2026-02-30' }))).toThrow(
      '/availableFrom',
    );
    expect(index.stats().candidates).toBe(0);
    expect(() => index.topCandidates('nope')).toThrow('no vacancy');
  });

  it('makes a written profile matchable at once and a removed one disappear', () => {
    const index = new MatchIndex({ graph, rules: TEST_RULES });
    index.upsertVacancy(testVacancy({ id: 'v1' }));
    expect(index.topCandidates('v1', { asOf: ASOF })).toEqual([]);
    index.upsertCandidate(testCandidate({ id: 'c', skills: [{ uri: skillUri(2), evidence: 'certified' }] }));
    expect(index.topCandidates('v1', { asOf: ASOF }).map((r) => r.candidateId)).toEqual(['c']);
    index.upsertCandidate(testCandidate({ id: 'c', skills: [{ uri: skillUri(300), evidence: 'certified' }] }));
    expect(index.topCandidates('v1', { asOf: ASOF })).toEqual([]);
    index.upsertCandidate(testCandidate({ id: 'c', skills: [{ uri: skillUri(2), evidence: 'certified' }] }));
    index.removeCandidate('c');
    expect(index.topCandidates('v1', { asOf: ASOF })).toEqual([]);
    expect(index.getCandidate('c')).toBeUndefined();
  });
});

describe('protected attributes', () => {
  it('are not part of the engine input types', () => {
    for (const key of [
      'sex',
      'gender',
      'age',
      'birthYear',
      'dateOfBirth',
      'nationality',
      'origin',
      'countryOfBirth',
      'vulnerable',
      'vulnerability',
    ] as const) {
      expectTypeOf<MatchCandidate>().not.toHaveProperty(key);
      expectTypeOf<MatchVacancy>().not.toHaveProperty(key);
    }
  });

  it('changing sex, age, nationality, origin or vulnerability changes no result', () => {
    const graph = SkillGraph.fromSnapshot(snapshot);
    const gen = new PopulationGenerator(snapshot, { seed: 9, asOf: ASOF });
    const build = (flip: boolean): MatchIndex => {
      const index = new MatchIndex({ graph, rules: EXAMPLE_RULES });
      for (let i = 0; i < 2000; i++) {
        const { candidate, demographics } = gen.profile(i);
        // Smuggle the attributes in as extra properties, as a careless adapter might.
        const d = flip
          ? {
              sex: demographics.sex === 'female' ? 'male' : 'female',
              birthYear: 2005 - (demographics.birthYear - 1960),
              nationality: 'XX',
              origin: 'YY',
              vulnerable: !demographics.vulnerable,
            }
          : demographics;
        index.upsertCandidate({ ...candidate, ...d } as MatchCandidate);
      }
      for (let j = 0; j < 100; j++) index.upsertVacancy(gen.vacancy(j));
      return index;
    };
    const a = build(false);
    const b = build(true);
    let compared = 0;
    for (let j = 0; j < 100; j++) {
      const ra = a.topCandidates(`v${j}`, { asOf: ASOF });
      expect(b.topCandidates(`v${j}`, { asOf: ASOF })).toEqual(ra);
      compared += ra.length;
    }
    for (let i = 0; i < 50; i++)
      expect(b.topVacancies(`p${i}`, { asOf: ASOF })).toEqual(a.topVacancies(`p${i}`, { asOf: ASOF }));
    expect(compared).toBeGreaterThan(0);
    // The index keeps only the projection: nothing smuggled in survives.
    expect(Object.keys(a.getCandidate('p0')!)).not.toContain('sex');
  });
});
