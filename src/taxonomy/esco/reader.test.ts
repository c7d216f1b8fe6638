import { renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EscoImportError, readEscoSnapshot, shippedEscoSources } from './reader.js';
import { escoFixtureFiles, FIXTURE, writeEscoFixture } from './fixture.js';

function rejection(fn: () => unknown): EscoImportError {
  try {
    fn();
  } catch (err) {
    if (err instanceof EscoImportError) return err;
    throw err;
  }
  throw new Error('expected the import to be rejected');
}

describe('ESCO CSV reader', () => {
  it('reads concepts, labels in several languages, relations and collections from a folder', () => {
    const { snapshot } = readEscoSnapshot([writeEscoFixture()]);
    expect(snapshot.version).toBe('9.9.9');
    expect(snapshot.languages.sort()).toEqual(['en', 'es']);
    const welder = snapshot.occupations.get(FIXTURE.welder)!;
    expect(welder.isco).toBe('7212');
    expect(welder.code).toBe('7212.1');
    expect(welder.labels.en!.alt).toEqual(['soldering operator', 'welding technician']);
    expect(welder.labels.es!.preferred).toBe('soldador/soldadora');
    expect(snapshot.occupationSkills).toContainEqual({
      occupationUri: FIXTURE.welder,
      skillUri: FIXTURE.weld,
      relation: 'essential',
    });
    expect(snapshot.skills.get(FIXTURE.teamwork)!.collections).toEqual(['transversal']);
    expect(snapshot.skillSkills).toHaveLength(1);
  });

  it('rejects a file with a missing column, naming the file and line', () => {
    const files = escoFixtureFiles();
    const err = rejection(() =>
      readEscoSnapshot([
        writeEscoFixture({ 'skills_en.csv': files['skills_en.csv']!.replace('reuseLevel,', 'reuse,') }),
      ]),
    );
    expect(err.file).toMatch(/skills_en\.csv$/);
    expect(err.line).toBe(1);
    expect(err.reason).toContain('missing column(s): reuseLevel');
  });

  it('rejects a bad concept URI with its line number', () => {
    const files = escoFixtureFiles();
    const err = rejection(() =>
      readEscoSnapshot([
        writeEscoFixture({ 'occupations_en.csv': files['occupations_en.csv']!.replace(FIXTURE.nurse, 'not-a-uri') }),
      ]),
    );
    expect(err.file).toMatch(/occupations_en\.csv$/);
    expect(err.line).toBe(4); // the welder row spans lines 2–3 (multi-line altLabels)
    expect(err.reason).toContain('bad URI');
  });

  it('rejects relations that mostly point at concepts the release does not have', () => {
    const ghost = 'http://data.europa.eu/esco/skill/ffffffff-ffff-ffff-ffff-ffffffffffff';
    const rows = Array.from({ length: 8 }, () => `${FIXTURE.welder},essential,knowledge,${ghost}`);
    const err = rejection(() =>
      readEscoSnapshot([
        writeEscoFixture({
          'occupationSkillRelations.csv': ['occupationUri,relationType,skillType,skillUri', ...rows].join('\n'),
        }),
      ]),
    );
    expect(err.reason).toMatch(/broken relations: 8 of 8/);
  });

  it('rejects an unknown relation type', () => {
    const err = rejection(() =>
      readEscoSnapshot([
        writeEscoFixture({
          'occupationSkillRelations.csv': `occupationUri,relationType,skillType,skillUri\n${FIXTURE.welder},mandatory,knowledge,${FIXTURE.weld}`,
        }),
      ]),
    );
    expect(err.line).toBe(2);
    expect(err.reason).toContain('bad relationType "mandatory"');
  });

  it("tells the version from the ESCO portal's download names", () => {
    const dir = writeEscoFixture({}, '1.2.0');
    const portalName = join(dirname(dir), 'ESCO dataset - v1.2.0 - classification - en - csv');
    renameSync(dir, portalName);
    expect(readEscoSnapshot([portalName]).snapshot.version).toBe('1.2.0');
  });

  it('needs a version when the names do not tell it', () => {
    const err = rejection(() => readEscoSnapshot(['/tmp/does-not-exist-folder']));
    expect(err.reason).toContain('version');
  });

  it('reads the shipped ESCO v1.1.1 with Spanish and French labels', () => {
    const { snapshot, warnings } = readEscoSnapshot(shippedEscoSources());
    expect(snapshot.version).toBe('1.1.1');
    expect(snapshot.occupations.size).toBe(3007);
    expect(snapshot.skills.size).toBe(13896);
    expect(snapshot.iscoGroups.size).toBe(619);
    expect(snapshot.languages.sort()).toEqual(['en', 'es', 'fr']);
    // ESCO's own relation file names a few concepts the release lacks; they are skipped and reported.
    expect(snapshot.occupationSkills.length).toBe(123855 - 67);
    expect(warnings.some((w) => w.includes('67 relations'))).toBe(true);
    const withSpanish = [...snapshot.occupations.values()].filter((o) => o.labels.es).length;
    expect(withSpanish).toBeGreaterThan(2900);
  });
});
