import { describe, expect, it } from 'vitest';
import { EXPLANATION_LANGUAGES, explanationText, snapshotLabels } from './explain-text.js';
import { fairnessAudit, auditVacancies } from './fairness.js';
import { occupationTarget, rankTraining, skillGap, trainingPlan, vacancyTarget } from './gap.js';
import { MatchIndex } from './match-index.js';
import type { TrainingOffer } from './model.js';
import { EXAMPLE_RULES } from './rules.js';
import { SkillGraph } from './skill-graph.js';
import { TEST_RULES, occupationUri, skillUri, syntheticSnapshot, testCandidate, testVacancy } from './testing.js';

const ASOF = '2026-06-01';
const snapshot = syntheticSnapshot();
const graph = SkillGraph.fromSnapshot(snapshot);

describe('explanation text', () => {
  const index = new MatchIndex({ graph, rules: TEST_RULES });
  index.upsertCandidate(
    testCandidate({
      id: 'c',
      skills: [
        { uri: skillUri(1), evidence: 'certified' },
        { uri: skillUri(8), evidence: 'self-declared' }, // sibling of 7
      ],
      experience: [{ occupationUri: occupationUri(0), isco: '7212' }],
    }),
  );
  index.upsertVacancy(testVacancy({ id: 'v', essentialSkills: [skillUri(1), skillUri(7), skillUri(40)] }));
  const [result] = index.topCandidates('v', { asOf: ASOF });

  it('renders the same facts in en, es, fr and ar', () => {
    const label = snapshotLabels(snapshot);
    const texts = EXPLANATION_LANGUAGES.map((lang) => explanationText(result!, lang, label));
    for (const lines of texts) {
      const all = lines.join('\n');
      // Facts are the same in every language: rule, skills held / standing in / missing, occupation.
      // A rule Corridor has no words for (an admin's) keeps its stored description.
      for (const fact of ['Work permit: any sector', 'skill 1', 'skill 8', 'skill 7', 'skill 40', 'occupation 0'])
        expect(all).toContain(fact);
      expect(lines.length).toBe(texts[0]!.length);
    }
    expect(texts[0]!.join('\n')).toContain('Missing essential skills');
    expect(texts[1]!.join('\n')).toContain('Competencias esenciales que faltan');
    expect(texts[2]!.join('\n')).toContain('Compétences essentielles manquantes');
    expect(texts[3]!.join('\n')).toContain('مهارات أساسية ناقصة');
    expect(texts[0]!.join('\n')).toContain('example data');
    // No untranslated keys leak through.
    for (const lines of texts)
      expect(lines.join('\n')).not.toMatch(/\b(fit|evidence|kind|experience|location)_[a-z-]+/);
  });
});

describe('explanation text in words', () => {
  // The example rules as shipped, a Spanish work permit, a manufacturing vacancy asking Spanish and Fula.
  const index = new MatchIndex({ graph, rules: EXAMPLE_RULES });
  index.upsertCandidate(
    testCandidate({
      id: 'c',
      permits: [{ country: 'ES', type: 'work-general', validUntil: null, sectors: [] }],
      skills: [1, 2, 3].map((i) => ({ uri: skillUri(i), evidence: 'assessed' as const })),
      languages: [
        { lang: 'es', level: 'B2' },
        { lang: 'ff', level: 'native' },
      ],
    }),
  );
  index.upsertVacancy(
    testVacancy({
      id: 'v',
      sector: 'C',
      languages: [
        { lang: 'es', level: 'B1' },
        { lang: 'ff', level: 'B1' },
      ],
    }),
  );
  const [result] = index.topCandidates('v', { asOf: ASOF });

  it('names the permit, country, sector, rule and languages, and shows no code, in every language', () => {
    expect(result!.explanation!.eligibility).toMatchObject({ ruleId: 'es-work-general', sector: 'C' });
    const label = snapshotLabels(snapshot);
    const text = (lang: (typeof EXPLANATION_LANGUAGES)[number]) => explanationText(result!, lang, label).join('\n');
    expect(text('es')).toContain(
      'Puede aceptar legalmente el empleo con: Permiso de trabajo (España). Sector del empleo: Industrias manufactureras. Regla aplicada: Permiso de trabajo (general): cualquier sector.',
    );
    expect(text('es')).toContain('Idioma fula (pulaar, fulfulde)');
    expect(text('fr')).toContain('Permis de travail (Espagne)');
    expect(text('fr')).toContain('Langue peul (pulaar, fulfulde)');
    expect(text('ar')).toContain('تصريح عمل (إسبانيا)');
    expect(text('ar')).toContain('الصناعة التحويلية');
    expect(text('en')).toContain('Language Fula (Pulaar, Fulfulde)');
    for (const lang of EXPLANATION_LANGUAGES) {
      const all = text(lang);
      // ("es" alone is a Spanish word: language codes are looked for where a language is named.)
      expect(all.match(/work-general|es-work|\bES\b|\bff\b|(?:Idioma|Language|Langue|اللغة) es\b|\bC\b/g)).toBeNull();
    }
  });
});

describe('gap → training', () => {
  const offer = (id: string, skills: number[], durationHours: number, cost: number): TrainingOffer => ({
    id,
    title: id,
    skills: skills.map(skillUri),
    durationHours,
    cost,
    currency: 'EUR',
  });
  const person = testCandidate({
    id: 'c',
    skills: [
      { uri: skillUri(1), evidence: 'certified' },
      { uri: skillUri(13), evidence: 'assessed' },
    ],
  });
  const target = vacancyTarget(
    testVacancy({
      id: 'v',
      essentialSkills: [skillUri(1), skillUri(2), skillUri(50), skillUri(60)],
      optionalSkills: [skillUri(70)],
    }),
  );

  it('lists missing essential skills, near-only ones and missing optional ones', () => {
    const gap = skillGap(person, target, graph);
    expect(gap.missingEssential).toEqual([skillUri(50), skillUri(60)]);
    expect(gap.nearOnly).toEqual([{ uri: skillUri(2), heldInstead: skillUri(1), kind: 'sibling' }]);
    expect(gap.missingOptional).toEqual([skillUri(70)]);
  });

  it('ranks offers by coverage, then duration, then cost, and plans a cover', () => {
    const gap = skillGap(person, target, graph);
    const offers = [
      offer('long-both', [50, 60], 200, 0),
      offer('short-both', [50, 60], 80, 500),
      offer('short-both-cheap', [50, 60], 80, 100),
      offer('one', [50], 10, 0),
      offer('optional-only', [70], 5, 0),
      offer('irrelevant', [99], 1, 0),
    ];
    expect(rankTraining(gap, offers).map((s) => s.offer.id)).toEqual([
      'short-both-cheap',
      'short-both',
      'long-both',
      'one',
      'optional-only',
    ]);
    expect(trainingPlan(gap, offers)).toEqual({ offers: [offers[2]], uncovered: [] });
    expect(trainingPlan(gap, [offers[3]!]).uncovered).toEqual([skillUri(60)]);
  });

  it('targets an occupation from the taxonomy, and refuses an unknown one', () => {
    const t = occupationTarget(snapshot, occupationUri(3));
    expect(t.essential.length).toBeGreaterThan(0);
    expect(() => occupationTarget(snapshot, 'http://example.org/nope')).toThrow('unknown ESCO occupation');
  });
});

describe('fairness audit', () => {
  it('computes shortlist rates per group against the pool, flags four-fifths breaches, suppresses small cells', () => {
    const attrs = new Map<string, { sex: string; nationalityGroup: string }>();
    const eligible: string[] = [];
    const shortlisted: string[] = [];
    const add = (n: number, sex: string, nat: string, picked: number): void => {
      for (let i = 0; i < n; i++) {
        const id = `${sex}-${nat}-${i}`;
        attrs.set(id, { sex, nationalityGroup: nat });
        eligible.push(id);
        if (i < picked) shortlisted.push(id);
      }
    };
    add(100, 'female', 'A', 20);
    add(100, 'male', 'A', 40);
    add(5, 'other', 'B', 1);
    const r = fairnessAudit([{ eligible, shortlisted }], (id) => attrs.get(id));
    expect(r.pool).toBe(205);
    expect(r.shortlisted).toBe(61);
    const bySex = Object.fromEntries(r.sex.map((x) => [x.group, x]));
    expect(bySex.male).toMatchObject({ pool: 100, shortlisted: 40, rate: 0.4, ratio: 1, adverse: false });
    expect(bySex.female).toMatchObject({ pool: 100, shortlisted: 20, rate: 0.2, ratio: 0.5, adverse: true });
    expect(bySex.other).toMatchObject({ pool: null, shortlisted: null, rate: null, suppressed: true });
    expect(r.nationalityGroup.find((x) => x.group === 'B')!.suppressed).toBe(true);
  });

  it('audits the engine shortlist of a vacancy without the engine seeing the attributes', () => {
    const index = new MatchIndex({ graph, rules: TEST_RULES });
    const attrs = new Map<string, { sex: string; nationalityGroup: string }>();
    for (let i = 0; i < 40; i++) {
      index.upsertCandidate(
        testCandidate({ id: `c${i}`, skills: [{ uri: skillUri(1 + (i % 3)), evidence: 'certified' }] }),
      );
      attrs.set(`c${i}`, { sex: i % 2 ? 'female' : 'male', nationalityGroup: 'A' });
    }
    index.upsertVacancy(testVacancy({ id: 'v' }));
    const r = auditVacancies(index, ['v'], (id) => attrs.get(id), { k: 20, asOf: ASOF, minCell: 1 });
    expect(r.pool).toBe(40);
    expect(r.shortlisted).toBe(20);
    expect(r.sex.map((x) => x.pool)).toEqual([20, 20]);
    expect(r.sex.reduce((n, x) => n + x.shortlisted!, 0)).toBe(20);
  });

  it('refuses a shortlist that is not drawn from the pool', () => {
    expect(() => fairnessAudit([{ eligible: ['a'], shortlisted: ['b'] }], () => undefined)).toThrow(
      'not in the eligible pool',
    );
  });
});
