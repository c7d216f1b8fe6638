import { beforeAll, describe, expect, it } from 'vitest';
import { readEscoSnapshot } from '../esco/reader.js';
import { FIXTURE, writeEscoFixture } from '../esco/fixture.js';
import { buildSearchIndex, type SearchIndex } from './index.js';

let index: SearchIndex;
beforeAll(() => {
  index = buildSearchIndex(readEscoSnapshot([writeEscoFixture()]).snapshot);
});

describe('search index (fixture)', () => {
  it('finds occupations and skills by preferred and alternative labels', () => {
    expect(index.search('welder')[0]).toMatchObject({
      uri: FIXTURE.welder,
      type: 'occupation',
      label: 'welder',
      matchedLabel: 'welder',
      code: '7212.1',
      isco: '7212',
    });
    expect(index.search('nursing aide')[0]).toMatchObject({ uri: FIXTURE.nurse, matchedLabel: 'nursing aide' });
    expect(index.search('teamwork')[0]).toMatchObject({ uri: FIXTURE.teamwork, type: 'skill' });
  });

  it('completes the word being typed', () => {
    expect(index.search('wel')[0]!.uri).toBe(FIXTURE.welder);
    expect(index.search('nursing ai')[0]!.uri).toBe(FIXTURE.nurse);
    // A finished word (trailing space) is not a prefix any more.
    expect(index.search('wel ')).toEqual([]);
  });

  it('tolerates typos and missing accents, and answers in the requested language', () => {
    expect(index.search('weldr')[0]!.uri).toBe(FIXTURE.welder);
    expect(index.search('weldng technician')[0]!.uri).toBe(FIXTURE.welder);
    const es = index.search('SOLDADORA', { lang: 'es' })[0]!;
    expect(es).toMatchObject({ uri: FIXTURE.welder, label: 'soldador/soldadora' });
    // Spanish label matched, English requested: the English preferred label is returned.
    expect(index.search('soldador', { lang: 'en' })[0]!.label).toBe('welder');
  });

  it('filters by type, limits, and ranks the closer label first', () => {
    expect(index.search('weld', { type: 'skill' }).every((h) => h.type === 'skill')).toBe(true);
    expect(index.search('weld', { type: 'skill' })[0]!.uri).toBe(FIXTURE.weld);
    expect(index.search('w', { limit: 1 })).toHaveLength(1);
    const hits = index.search('welding');
    expect(hits.map((h) => h.uri)).toContain(FIXTURE.weld);
    expect(hits[0]!.score).toBeGreaterThanOrEqual(hits[hits.length - 1]!.score);
  });

  it('finds occupations by ESCO or ISCO code prefix, and returns nothing for noise', () => {
    expect(index.search('7212')[0]!.uri).toBe(FIXTURE.welder);
    expect(index.search('3221.1')[0]!.uri).toBe(FIXTURE.nurse);
    expect(index.search('   ')).toEqual([]);
    expect(index.search('qqqqzzzz')).toEqual([]);
  });
});
