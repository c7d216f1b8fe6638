// The Arabic lexicon against the shipped ESCO: each English term it gives finds concepts, and common job titles
// typed in Arabic reach the right English occupation first.
import { beforeAll, describe, expect, it } from 'vitest';
import { readEscoSnapshot, shippedEscoSources } from './esco/reader.js';
import { buildSearchIndex, type SearchIndex } from './search/index.js';
import { englishTermsFor, lexiconEntries } from './arabic.js';

let index: SearchIndex;
beforeAll(() => {
  index = buildSearchIndex(readEscoSnapshot(shippedEscoSources()).snapshot);
}, 180_000);

const first = (q: string) => {
  const term = englishTermsFor(q)[0];
  return term ? index.search(term, { type: 'occupation', limit: 1 })[0]?.label : undefined;
};

describe('Arabic lexicon on the shipped ESCO', () => {
  it('every English term is (the start of) a real ESCO label, not a fuzzy near miss', () => {
    const missed = lexiconEntries()
      .flatMap(([, english]) => english)
      .filter((term) => {
        const stem = term.toLowerCase().split(' ')[0]!.slice(0, 4);
        const hit = index.search(term, { limit: 1 })[0];
        return !hit || !`${hit.matchedLabel} ${hit.label}`.toLowerCase().includes(stem);
      });
    expect(missed).toEqual([]);
  });

  it('reaches the right occupation for common titles', () => {
    expect(first('لحام')).toBe('welder');
    expect(first('طباخ')).toBe('cook');
    expect(first('ممرضة')).toBe('nurse responsible for general care');
    expect(first('كهربائي')).toBe('electrician');
    expect(first('سباك')).toBe('plumber');
    expect(first('نجار')).toBe('carpenter');
    expect(first('سائق شاحنة')).toBe('cargo vehicle driver'); // ESCO's alternative label: lorry driver
    expect(first('عامل نظافة')).toBe('building cleaner');
    expect(first('معلمة')).toBe('primary school teacher');
  });
});
