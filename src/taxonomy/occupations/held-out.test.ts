import { describe, expect, it } from 'vitest';
import { readEscoSnapshot } from '../esco/reader.js';
import { escoFixtureFiles, writeEscoFixture } from '../esco/fixture.js';
import { analyze } from '../text.js';
import { prepareCoderData } from './coder.js';
import { benchHeldOutLabels, heldOutForm, heldOutLabels } from './held-out.js';

/** The fixture with 40 more occupations, each with two alternative labels, so that ~20 % get one held out. */
function biggerSnapshot() {
  const files = escoFixtureFiles();
  const rows = Array.from({ length: 40 }, (_, i) => {
    const uri = `http://data.europa.eu/esco/occupation/00000000-0000-0000-0000-${String(i).padStart(12, '0')}`;
    return `Occupation,${uri},7212,metal worker ${i},"metal hand ${i}\nsteel worker ${i}",,released,,,,,,"Works metal.",7212.${i + 10}`;
  });
  const occupations = `${files['occupations_en.csv']!}\n${rows.join('\n')}`;
  return readEscoSnapshot([writeEscoFixture({ 'occupations_en.csv': occupations })]).snapshot;
}

describe('held-out ESCO labels', () => {
  it('takes each held-out label out of the coder data and lists it for the trainer to skip', () => {
    const snapshot = biggerSnapshot();
    const data = prepareCoderData(snapshot);
    const set = heldOutLabels(snapshot, data, 'en');
    expect(set.examples.length).toBeGreaterThan(2);
    expect(set.examples.length).toBeLessThan(20);
    const all = benchHeldOutLabels(snapshot, data);
    for (const { uri, text } of set.labels) {
      expect(all.has(`${uri}|en|${text}`)).toBe(true);
      const occ = data.occupations.findIndex((o) => o.uri === uri);
      const L = set.heldOut.labels.en!;
      expect(L.text.some((t, d) => L.occ[d] === occ && t === text)).toBe(false);
      // Still in the full data: only the held-out copy lost it.
      expect(data.labels.en!.text.some((t, d) => data.labels.en!.occ[d] === occ && t === text)).toBe(true);
    }
    // The same sets on every run.
    expect(heldOutLabels(snapshot, data, 'en').labels).toEqual(set.labels);
  });

  it('recognises a label that repeats a gendered form of a held-out label', () => {
    const held = heldOutForm(new Set(['o:1|es|soldador/soldadora de tuberías']), (f, l) => analyze(f, l));
    expect(held('o:1', 'es', 'soldadora de tuberías')).toBe(true);
    expect(held('o:1', 'es', 'soldador/soldadora de tuberías')).toBe(true);
    expect(held('o:1', 'es', 'soldador de barcos')).toBe(false);
    expect(held('o:2', 'es', 'soldadora de tuberías')).toBe(false);
    expect(held('o:1', 'fr', 'soldadora de tuberías')).toBe(false);
  });
});
