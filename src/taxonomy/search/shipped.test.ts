// Search and occupation coding on the shipped ESCO (v1.1.1 en, v1.0 es/fr): accents, typos, languages.
import { beforeAll, describe, expect, it } from 'vitest';
import { readEscoSnapshot, shippedEscoSources } from '../esco/reader.js';
import type { EscoSnapshot } from '../model.js';
import { buildOccupationCoder, type ExplainingOccupationCoder, type OccupationCoder } from '../occupations/coder.js';
import { buildSearchIndex, type SearchIndex } from './index.js';
import { essentialSkillsByRelevance } from './relevance.js';

let snapshot: EscoSnapshot;
let index: SearchIndex;
let coder: OccupationCoder;
beforeAll(() => {
  snapshot = readEscoSnapshot(shippedEscoSources()).snapshot;
  index = buildSearchIndex(snapshot);
  coder = buildOccupationCoder(snapshot);
}, 180_000);

const top = (q: string, opts: Parameters<SearchIndex['search']>[1] = {}) =>
  index.search(q, { type: 'occupation', limit: 3, ...opts }).map((h) => h.label);

describe('search on the shipped ESCO', () => {
  it('matches French and Spanish labels with or without accents', () => {
    expect(top('soudeur', { lang: 'fr' })).toContain('soudeur/soudeuse');
    expect(top('soudeur')[0]).toBe('welder');
    expect(top('electricien', { lang: 'fr' })[0]).toMatch(/^électricien/);
    expect(top('auxiliar de enfermeria', { lang: 'es' })[0]).toBe('auxiliar de enfermería');
  });

  it('forgives typos and completes the word being typed', () => {
    expect(top('weldr')[0]).toBe('welder');
    expect(top('softwre develper')[0]).toBe('software developer');
    expect(top('electricia')[0]).toBe('electrician');
    expect(top('project manag')[0]).toBe('project manager');
  });

  it('prefers the word typed to other words of its stem, and a skill’s own name to another’s alternative label', () => {
    // Spanish stemming of unaccented words makes "camas" (beds) and "cámaras" (cameras) one stem.
    expect(index.search('camas', { type: 'skill', lang: 'es', limit: 1 })[0]!.label).toBe('hacer las camas');
    // "forklift driving" is an alternative label of "drive agricultural machines".
    expect(index.search('forklift', { type: 'skill', limit: 1 })[0]!.label).toBe('operate forklift');
  });

  it('finds skills, and returns occupation codes', () => {
    const python = index.search('python', { type: 'skill', limit: 1 })[0]!;
    expect(python.label).toMatch(/python/i);
    const welder = index.search('welder', { type: 'occupation', limit: 1 })[0]!;
    expect(welder.isco).toBe('7212');
    expect(welder.code).toMatch(/^7212\./);
  });
});

describe('occupation coding on the shipped ESCO', () => {
  const code = (title: string, description?: string) => coder.classify({ title, description }, { top: 5 });

  it('codes plain titles in en/es/fr to the expected ISCO unit group', () => {
    expect(code('Senior Industrial Electrician')[0]!.isco).toBe('7411');
    expect(code('soudeur')[0]!.isco).toBe('7212');
    expect(code('auxiliar de enfermería')[0]!.isco).toMatch(/^53|^32/);
    expect(code('Accountant II (Re-Advertised)')[0]!.isco).toBe('2411');
  });

  it('backs off to the unit group: a vague title is unsure of the occupation, surer of its group', () => {
    const explaining = coder as ExplainingOccupationCoder;
    const [welder] = explaining.explain({ title: 'welder' });
    expect(welder!.confidence).toBeGreaterThan(0.5);
    expect(welder!.iscoConfidence).toBeGreaterThanOrEqual(welder!.confidence);
    // ESCO has dozens of engineers: no one of them is likely, their unit group more so.
    const [engineer] = explaining.explain({ title: 'engineer' });
    expect(engineer!.confidence).toBeLessThan(0.2);
    expect(engineer!.iscoConfidence).toBeGreaterThan(2 * engineer!.confidence);
  });

  it('joins compounds that job ads split', () => {
    expect(code('Book Keeper')[0]!.label).toBe('bookkeeper');
    expect(code('Fork lift operator')[0]!.label).toBe('forklift operator');
  });

  it('expands abbreviations and puts the exact occupation in the top 5', () => {
    expect(code('HR Manager')[0]!.label).toBe('human resources manager');
    expect(code('IT support technician').map((r) => r.isco)).toContain('3512');
  });

  it('shows an English title matched by its English label when a Spanish one scores the same', () => {
    // "astronomer" and Spanish "astrónomo" share a stem; an equal score must not credit the Spanish label.
    const [first] = (coder as ExplainingOccupationCoder).explain({ title: 'astronomer' });
    expect(first).toMatchObject({ label: 'astronomer', matched: { text: 'astronomer', lang: 'en' } });
  });

  it('reads Spanish and French job descriptions, not only English ones', () => {
    // No title to go by: the duties alone, in Spanish or French, point to the right ISCO sub-major group.
    const care = 'Cuido a personas mayores en su domicilio: aseo personal, movilización, medicación y acompañamiento.';
    expect(code('', care)[0]!.isco).toMatch(/^53/);
    const truck = 'Conduzco un camión de reparto y cargo y descargo la mercancía en los almacenes.';
    expect(code('', truck)[0]!.isco).toMatch(/^83/);
    expect(code('', 'Je soude des pièces métalliques à l’arc et je lis des plans de soudage.')[0]!.isco).toMatch(/^72/);
  });

  it('lets the description bring in occupations the title alone does not suggest', () => {
    const title = 'Strong mechanical background';
    const description =
      'Repair and maintain engines, hydraulic systems and drive trains of trucks and heavy vehicles. ' +
      'Diagnose faults and replace worn parts in the workshop.';
    const without = new Set(code(title).map((r) => r.uri));
    const added = code(title, description).filter((r) => !without.has(r.uri));
    expect(added.length).toBeGreaterThan(0);
    expect(added.some((r) => /engine|vehicle|mechanic/.test(r.label))).toBe(true);
  });
});

describe('essential skills by relevance on the shipped ESCO', () => {
  const ranked = (title: string) => {
    const occupation = [...snapshot.occupations.values()].find((o) => o.labels.en?.preferred === title)!;
    return essentialSkillsByRelevance(snapshot, occupation.uri).map(
      (s) => snapshot.skills.get(s.uri)!.labels.en!.preferred,
    );
  };

  it('puts what the job is about before what every job needs, and keeps every skill', () => {
    const welder = ranked('welder');
    expect(welder).toHaveLength(36);
    // Alphabetically these came after the first ten ("f…"): now within the first fifteen.
    for (const skill of ['join metals', 'operate welding equipment', 'welding techniques'])
      expect(welder.indexOf(skill)).toBeLessThan(15);
    expect(welder.indexOf('troubleshoot')).toBeGreaterThan(25);
    const forklift = ranked('forklift operator');
    expect(forklift.indexOf('operate forklift')).toBeLessThan(10);
    expect(forklift.indexOf('apply company policies')).toBeGreaterThan(20);
  });
});
