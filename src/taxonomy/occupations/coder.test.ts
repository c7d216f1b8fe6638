import { beforeAll, describe, expect, it } from 'vitest';
import { readEscoSnapshot } from '../esco/reader.js';
import { FIXTURE, writeEscoFixture } from '../esco/fixture.js';
import { analyze } from '../text.js';
import {
  buildOccupationCoder,
  CODER_DATA_FORMAT,
  coderFromData,
  type CoderData,
  type OccupationCoder,
} from './coder.js';
import { buildBaselineCoder } from './baseline.js';
import { cleanTitle, titleVariants } from './title.js';
import { expandAbbreviations } from './abbreviations.js';

let coder: OccupationCoder;
beforeAll(() => {
  coder = buildOccupationCoder(readEscoSnapshot([writeEscoFixture()]).snapshot);
});

describe('occupation coder (fixture)', () => {
  it('codes a title to the occupation with ESCO code, ISCO group, label and score', () => {
    const [first] = coder.classify({ title: 'Welder' });
    expect(first).toEqual({
      uri: FIXTURE.welder,
      code: '7212.1',
      isco: '7212',
      label: 'welder',
      score: expect.any(Number),
      confidence: expect.any(Number),
    });
    expect(coder.classify({ title: 'Nursing aide' })[0]!.uri).toBe(FIXTURE.nurse);
  });

  it('ignores grades and seniority, reads plurals, typos and other languages', () => {
    expect(coder.classify({ title: 'Senior Welder II (Re-Advertised)' })[0]!.uri).toBe(FIXTURE.welder);
    expect(coder.classify({ title: 'welding technicians' })[0]!.uri).toBe(FIXTURE.welder);
    expect(coder.classify({ title: 'weldr' })[0]!.uri).toBe(FIXTURE.welder);
    expect(coder.classify({ title: 'Soldadora' })[0]!.uri).toBe(FIXTURE.welder);
  });

  it('uses the description when the title says nothing', () => {
    const res = coder.classify({ title: 'Team member', description: 'You will provide basic patient care.' });
    expect(res[0]!.uri).toBe(FIXTURE.nurse);
    const welding = coder.classify({ title: 'Team member', description: 'Operate welding equipment daily.' });
    expect(welding[0]!.uri).toBe(FIXTURE.welder);
  });

  it('reads a Spanish or French description against the skills of each occupation in that language', () => {
    const f = FIXTURE;
    const esco = writeEscoFixture({
      'occupations_es.csv': [
        'conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,description',
        `Occupation,${f.welder},7212,soldador/soldadora,"soldadora\nsoldador",`,
        `Occupation,${f.nurse},3221,auxiliar de enfermería,,`,
      ].join('\n'),
      'skills_es.csv': [
        'conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,description',
        `KnowledgeSkillCompetence,${f.weld},skill/competence,sector-specific,utilizar equipos de soldadura,"manejar el soplete",`,
        `KnowledgeSkillCompetence,${f.care},skill/competence,sector-specific,prestar cuidados básicos a pacientes,"ayudar a los pacientes con la higiene",`,
      ].join('\n'),
    });
    const snapshot = readEscoSnapshot([esco]).snapshot;
    const local = buildOccupationCoder(snapshot);
    // A title no label matches: the description decides, in its own language.
    const nurse = local.classify({ title: 'Miembro del equipo', description: 'Ayudo a los pacientes con la higiene.' });
    expect(nurse[0]!.uri).toBe(f.nurse);
    const welder = local.classify({ title: 'Miembro del equipo', description: 'Manejo el soplete todos los días.' });
    expect(welder[0]!.uri).toBe(f.welder);
    // Without Spanish profiles (the old behaviour) the Spanish words met nothing in the English ones.
    expect(coder.classify({ title: 'Miembro del equipo', description: 'Manejo el soplete todos los días.' })).toEqual(
      [],
    );
    // A Spanish title is also read against the Spanish profiles: both occupations have the label "auxiliar"
    // here, and only the nurse's skills speak of patients' hygiene.
    const both = writeEscoFixture({
      'occupations_es.csv': [
        'conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,description',
        `Occupation,${f.welder},7212,soldador/soldadora,"auxiliar",`,
        `Occupation,${f.nurse},3221,auxiliar de enfermería,"auxiliar",`,
      ].join('\n'),
      'skills_es.csv': [
        'conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,description',
        `KnowledgeSkillCompetence,${f.care},skill/competence,sector-specific,prestar cuidados básicos a pacientes,"ayudar a los pacientes con la higiene",`,
      ].join('\n'),
    });
    const bothSnapshot = readEscoSnapshot([both]).snapshot;
    const title = { title: 'Auxiliar higiene pacientes' };
    const read = buildOccupationCoder(bothSnapshot).classify(title);
    expect(read[0]!.uri).toBe(f.nurse);
    expect(read[0]!.score).toBeGreaterThan(read[1]!.score);
    const englishOnly = buildOccupationCoder(bothSnapshot, { localTitle: 0 }).classify(title);
    expect(englishOnly[0]!.score).toBe(englishOnly[1]!.score);
    // English descriptions still read the English profiles.
    expect(local.classify({ title: 'Team member', description: 'Operate welding equipment daily.' })[0]!.uri).toBe(
      f.welder,
    );
  });

  it('codes titles in any language an imported ESCO download brings (word for word when there is no stemmer)', () => {
    const esco = writeEscoFixture({
      'occupations_de.csv': [
        'conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,description',
        `Occupation,${FIXTURE.welder},7212,Schweißer/Schweißerin,"Schweißfachkraft",`,
        `Occupation,${FIXTURE.nurse},3221,Pflegehelfer/Pflegehelferin,,`,
      ].join('\n'),
    });
    const withGerman = buildOccupationCoder(readEscoSnapshot([esco]).snapshot);
    expect(withGerman.languages).toContain('de');
    const [first] = withGerman.classify({ title: 'Schweisserin' }, { lang: 'de' });
    expect(first).toMatchObject({ uri: FIXTURE.welder, label: 'Schweißer/Schweißerin' });
    expect(withGerman.classify({ title: 'Pflegehelferin (Teilzeit)' })[0]!.uri).toBe(FIXTURE.nurse);
    // Without the German file there is nothing to match.
    expect(coder.classify({ title: 'Schweisserin' })).toEqual([]);
  });

  it('returns at most top results, best first, labels in the requested language', () => {
    const res = coder.classify({ title: 'welder nurse' }, { top: 1 });
    expect(res).toHaveLength(1);
    const es = coder.classify({ title: 'welder' }, { lang: 'es' })[0]!;
    expect(es.label).toBe('soldador/soldadora');
    // No Spanish label for the nurse: English fallback.
    expect(coder.classify({ title: 'nurse assistant' }, { lang: 'es' })[0]!.label).toBe('nurse assistant');
    const scores = coder.classify({ title: 'welder nurse' }).map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(coder.classify({ title: '' })).toEqual([]);
  });

  it('explains a result by the label the title matched, in the language it matched', () => {
    const explaining = buildOccupationCoder(readEscoSnapshot([writeEscoFixture()]).snapshot);
    const [first] = explaining.explain({ title: 'Soldadora' });
    expect(first).toMatchObject({
      uri: FIXTURE.welder,
      matched: { text: 'soldador/soldadora', kind: 'preferred', lang: 'es', similarity: expect.closeTo(1, 3) },
    });
    // A Spanish label written as the English one: the tie is shown as the English label.
    const tie = buildOccupationCoder(
      readEscoSnapshot([
        writeEscoFixture({
          'occupations_es.csv': [
            'conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,description',
            `Occupation,${FIXTURE.nurse},3221,nurse assistant,,`,
          ].join('\n'),
        }),
      ]).snapshot,
    );
    expect(tie.explain({ title: 'Nurse assistant' })[0]!.matched).toMatchObject({
      text: 'nurse assistant',
      lang: 'en',
    });
    // No title word known: no matched label, the description carries the result.
    const [byDescription] = explaining.explain({ title: 'Team member', description: 'Operate welding equipment.' });
    expect(byDescription!.matched).toBeUndefined();
    expect(byDescription!.desc).toBeGreaterThan(0);
  });

  it("gives each explained result its unit group's confidence: the group's candidates' confidence summed", () => {
    const explaining = buildOccupationCoder(readEscoSnapshot([writeEscoFixture()]).snapshot);
    // Every candidate returned (the fixture has a handful of occupations), so the sums can be checked exactly.
    const results = explaining.explain({ title: 'welding technician nurse' }, { top: 50 });
    expect(results.length).toBeGreaterThan(1);
    for (const r of results) {
      const sum = results.filter((x) => x.isco === r.isco).reduce((a, x) => a + x.confidence, 0);
      expect(r.iscoConfidence).toBeCloseTo(sum, 2);
      expect(r.iscoConfidence).toBeGreaterThanOrEqual(r.confidence);
      expect(r.iscoConfidence).toBeLessThanOrEqual(1);
    }
    expect(explaining.explain({ title: '' })).toEqual([]);
  });

  it('the baseline answers the same shape', () => {
    const baseline = buildBaselineCoder(readEscoSnapshot([writeEscoFixture()]).snapshot);
    expect(baseline.classify({ title: 'welder' })[0]).toMatchObject({ uri: FIXTURE.welder, isco: '7212' });
  });
});

describe('title clean-up', () => {
  it('drops grades, seniority and re-advertisement notes', () => {
    expect(cleanTitle('Senior Industrial Electrician II (Re-Advertised)')).toBe('industrial electrician');
    expect(cleanTitle('Driver - (Re-Advertised)')).toBe('driver -');
  });

  it('splits lists of titles and qualifiers into weighted readings', () => {
    const v = titleVariants('Office Administrator I/Cashier I');
    expect(v[0]).toEqual({ text: 'office administrator / cashier', weight: 1 });
    expect(v.map((x) => x.text)).toEqual(expect.arrayContaining(['office administrator', 'cashier']));
    const d = titleVariants('Manager: Engineering Service');
    expect(d.find((x) => x.text === 'engineering service')!.weight).toBeLessThan(1);
  });

  it('expands common job-ad abbreviations, keeping the abbreviation', () => {
    expect(expandAbbreviations('hr officer')).toBe('hr human resources officer');
    expect(expandAbbreviations('m & e officer')).toContain('monitoring evaluation');
    expect(expandAbbreviations('welder')).toBe('welder');
  });
});

describe('organisational-unit words in titles', () => {
  // A hand-made label set where "division" is rare (high IDF) and "marketing" common, as in ESCO.
  const occupations = [
    ['rooms division manager', '1411'],
    ['marketing manager', '1221'],
    ['marketing assistant', '3322'],
    ['marketing consultant', '2431'],
    ['digital marketing specialist', '2431'],
    ['marketing director', '1221'],
    ['sales manager', '1221'],
    ['hotel manager', '1411'],
  ] as const;
  const data: CoderData = {
    format: CODER_DATA_FORMAT,
    occupations: occupations.map(([label, isco], i) => ({
      uri: `urn:occ:${i}`,
      code: `${isco}.${i}`,
      isco,
      labels: { en: label },
      parent: -1,
    })),
    labels: {
      en: {
        terms: occupations.map(([label]) => analyze(label)),
        text: occupations.map(([label]) => label),
        occ: occupations.map((_, i) => i),
        kind: occupations.map(() => 0),
      },
    },
    profiles: occupations.map(([label]) => analyze(label)),
    groups: { codes: ['1411', '1221', '3322', '2431'], docs: [[], [], [], []] },
    localProfiles: {},
  };

  it('a department or division word does not outweigh the word that says the occupation', () => {
    const title = { title: 'Marketing Division Manager' };
    expect(coderFromData(data).classify(title)[0]!.label).toBe('marketing manager');
    // Counted like any other word, the rare "division" wins: what the down-weighting prevents.
    expect(coderFromData(data, { orgUnit: 1 }).classify(title)[0]!.label).toBe('rooms division manager');
  });

  it('explains which label the title matched', () => {
    const [first] = coderFromData(data).explain({ title: 'Marketing Division Manager' });
    expect(first!.matched).toMatchObject({ text: 'marketing manager', kind: 'preferred', lang: 'en' });
    expect(first!.matched!.similarity).toBeGreaterThan(0.5);
    expect(first!.matched!.similarity).toBeLessThan(1);
    expect(first!.word).toBeGreaterThan(0);
  });
});

describe('titles in other languages', () => {
  it("a Spanish or French stop word does not match an English label's word ('de' of 'chef de partie')", () => {
    const occupations = [
      { en: 'chef de partie', es: 'jefe de partida' },
      { en: 'kiln operator', es: 'operador de horno' },
      { en: 'baker', es: 'panadero/panadera' },
    ];
    const docs = (lang: 'en' | 'es') => {
      const rows = occupations.flatMap((o, i) =>
        (lang === 'es' ? o.es.split('/') : [o.en]).map((form) => ({
          terms: analyze(form, lang),
          text: o[lang],
          occ: i,
        })),
      );
      return {
        terms: rows.map((r) => r.terms),
        text: rows.map((r) => r.text),
        occ: rows.map((r) => r.occ),
        kind: rows.map(() => 0),
      };
    };
    const data: CoderData = {
      format: CODER_DATA_FORMAT,
      occupations: occupations.map((o, i) => ({
        uri: `urn:occ:${i}`,
        code: `${i}`,
        isco: '0000',
        labels: o,
        parent: -1,
      })),
      labels: { en: docs('en'), es: docs('es') },
      profiles: occupations.map((o) => analyze(o.en)),
      groups: { codes: ['0000'], docs: [[]] },
      localProfiles: {},
    };
    const coder = coderFromData(data);
    // "horneador" is no label word anywhere: only "de" could have matched, in English.
    expect(coder.classify({ title: 'ayudante de horneador' }).map((r) => r.label)).not.toContain('chef de partie');
    expect(coder.classify({ title: 'operadora de horno' }, { lang: 'es' })[0]!.label).toBe('operador de horno');
  });
});
