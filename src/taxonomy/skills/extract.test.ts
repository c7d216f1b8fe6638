import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE, writeEscoFixture } from '../esco/fixture.js';
import { readEscoSnapshot, shippedEscoSources } from '../esco/reader.js';
import { buildSkillExtractor, labelKey, type SkillExtractor } from './extract.js';
import { splitSentences } from './sentences.js';

describe('sentence splitting', () => {
  it('splits on full stops, line breaks and bullets, keeping offsets into the text', () => {
    const text = 'Welded pipes. Cared for patients!\n• Team player • Driving licence';
    const parts = splitSentences(text).map((s) => text.slice(s.start, s.end));
    expect(parts).toEqual(['Welded pipes.', 'Cared for patients!', 'Team player', 'Driving licence']);
  });

  it('cuts very long sentences at commas or spaces, covering the text without overlap', () => {
    const text = Array.from({ length: 300 }, (_, i) => `skill number ${i}`).join(', ');
    const spans = splitSentences(text);
    expect(spans.length).toBeGreaterThan(10);
    for (const s of spans) expect(s.end - s.start).toBeLessThanOrEqual(400);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
    expect(text.slice(spans.at(-1)!.start, spans.at(-1)!.end)).toMatch(/skill number 299$/);
  });

  it('returns nothing for text without words', () => {
    expect(splitSentences('  ...  \n - ')).toEqual([]);
  });
});

describe('label index terms', () => {
  it('are stems, except where a short stem would join unrelated words: then the word, less a plural "s"', () => {
    // Spanish Snowball takes both "camas" (beds) and "cámaras" (cameras) to "cam".
    expect(labelKey('camas', 'cam')).toBe('cama');
    expect(labelKey('cama', 'cam')).toBe('cama');
    expect(labelKey('camaras', 'cam')).toBe('camara');
    expect(labelKey('camara', 'cam')).toBe('camara');
    expect(labelKey('cutting', 'cut')).toBe('cutting');
    expect(labelKey('cut', 'cut')).toBe('cut');
    expect(labelKey('pigs', 'pig')).toBe('pig');
    expect(labelKey('boxes', 'box')).toBe('box');
    expect(labelKey('welding', 'weld')).toBe('weld');
  });
});

describe('skill extraction on the fixture', () => {
  let extractor: SkillExtractor;
  beforeAll(() => {
    extractor = buildSkillExtractor(readEscoSnapshot([writeEscoFixture()]).snapshot);
  });

  it('finds a literal label in any inflection, with the matched span as evidence', () => {
    const text = 'Last year I operated the welding equipment at a shipyard.';
    const [first] = extractor.extract(text);
    expect(first!.uri).toBe(FIXTURE.weld);
    expect(first!.label).toBe('use welding equipment');
    expect(first!.evidence).toBe('operated the welding equipment');
  });

  it('ranks by strength of evidence and honours top', () => {
    const text = 'Teamwork matters to me. I also cared for patients in a care home.';
    const all = extractor.extract(text, { top: 10 });
    expect(
      all
        .map((r) => r.uri)
        .slice(0, 2)
        .sort(),
    ).toEqual([FIXTURE.care, FIXTURE.teamwork].sort());
    for (let i = 1; i < all.length; i++) expect(all[i]!.score).toBeLessThanOrEqual(all[i - 1]!.score);
    expect(extractor.extract(text, { top: 1 })).toHaveLength(1);
    for (const r of all) expect(text).toContain(r.evidence);
  });

  it('returns nothing for empty or skill-less text', () => {
    expect(extractor.extract('')).toEqual([]);
    expect(extractor.extract('the of and')).toEqual([]);
  });

  it('falls back to English labels for a language without skill labels', () => {
    const [first] = extractor.extract('Experiencia con welding equipment.', { lang: 'es' });
    expect(first!.uri).toBe(FIXTURE.weld);
    expect(first!.label).toBe('use welding equipment');
  });
});

describe('skill extraction on the shipped ESCO', () => {
  let extractor: SkillExtractor;
  const prefLabel = (text: string, lang = 'en', top = 5) => extractor.extract(text, { lang, top }).map((r) => r.label);

  beforeAll(() => {
    extractor = buildSkillExtractor(readEscoSnapshot(shippedEscoSources()).snapshot);
  }, 120_000);

  it('finds literal mentions, disambiguated labels included', () => {
    const results = extractor.extract('Five years of experience with Python and SQL.');
    expect(results.slice(0, 2).map((r) => r.label)).toEqual(['Python (computer programming)', 'SQL']);
    expect(results[0]!.evidence).toBe('Python');
  });

  it('finds inflected mentions', () => {
    const [first] = extractor.extract('I repaired engines for a bus company.');
    expect(first!.label).toBe('repair engines');
    expect(first!.evidence).toBe('repaired engines');
  });

  it('finds implicit mentions through derived words and joined compounds', () => {
    expect(prefLabel('A good communicator.', 'en', 3)).toContain('communication');
    expect(prefLabel('Enjoys teamwork.', 'en', 3)).toContain('work in teams');
    expect(prefLabel('A team player.', 'en', 1)).toEqual(['work in teams']);
    expect(prefLabel('Works without supervision.', 'en', 1)).toEqual(['work independently']);
    expect(prefLabel('I looked after elderly people.', 'en', 1)).toEqual(['tend to elderly people']);
    // "Excel" shares its stem with the filler word "excellent" but is not filler.
    expect(prefLabel('Experience with Microsoft Excel.', 'en', 1)).toEqual(['use spreadsheets software']);
  });

  it('reads Spanish and French with labels in that language', () => {
    expect(prefLabel('Tengo experiencia en el cuidado de personas mayores.', 'es', 1)).toEqual([
      'cuidar a las personas mayores',
    ]);
    const fr = prefLabel('Je parle couramment anglais et je sais utiliser un tableur.', 'fr');
    expect(fr).toContain('utiliser un tableur');
    expect(fr).toContain('anglais');
  });

  it('does not take a word for another of the same short stem ("camas" are beds, not cameras)', () => {
    const labels = prefLabel('Sé hacer camas y limpiar habitaciones.', 'es', 4);
    expect(labels[0]).toBe('hacer las camas');
    expect(labels.filter((l) => /c[aá]mara/.test(l))).toEqual([]);
    expect(prefLabel('Manejo cámaras de vídeo.', 'es', 2)).toContain('manejar una cámara');
    // A plural still finds its singular in full.
    expect(prefLabel('I want to work with pigs.', 'en', 5).some((l) => /\bpigs?\b/.test(l))).toBe(true);
  });

  it('gives evidence that is a substring of the input, on every result', () => {
    const text =
      'Responsibilities:\n- Maintain wind turbines and inspect blades.\n- Liaise with colleagues; report to the site manager.';
    const results = extractor.extract(text, { top: 10 });
    expect(results.length).toBe(10);
    for (const r of results) {
      expect(text).toContain(r.evidence);
      expect(r.uri).toMatch(/^http:\/\/data\.europa\.eu\/esco\/skill\//);
    }
    expect(results.map((r) => r.label)).toContain('maintain wind turbines');
  });
});
