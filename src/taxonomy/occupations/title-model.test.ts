import { beforeAll, describe, expect, it } from 'vitest';
import { readEscoSnapshot } from '../esco/reader.js';
import { FIXTURE, writeEscoFixture } from '../esco/fixture.js';
import type { EscoSnapshot } from '../model.js';
import { coderFromData, prepareCoderData } from './coder.js';
import {
  buildTitleTree,
  parseTitleModel,
  serialiseTitleModel,
  type TitleModel,
  titleFeatures,
  titleWords,
} from './title-model.js';
import { titleExamples, trainTitleModel } from './train-title-model.js';

const SMALL = { dim: 16, bucketBits: 12, epochs: 100 };
let snapshot: EscoSnapshot;
let model: TitleModel;
beforeAll(() => {
  snapshot = readEscoSnapshot([writeEscoFixture()]).snapshot;
  model = trainTitleModel(snapshot, SMALL);
});

function probabilityOf(m: TitleModel, title: string, key: string): number {
  const lp = m.logProbs(titleWords(title), new Float32Array(m.nodeCount));
  return Math.exp(lp[m.node(key)!]!);
}

describe('title features', () => {
  it('hashes words, stems, character n-grams, word pairs and the head into the bucket range', () => {
    const f = titleFeatures(['welding', 'technician'], 1024);
    expect(f.every((b) => b >= 0 && b < 1024)).toBe(true);
    // 2 words × (word + stem + n-grams) + 1 pair + 1 head
    expect(f.length).toBeGreaterThan(2 * 2 + 2);
    expect([...titleFeatures(['welding', 'technician'], 1024)]).toEqual([...f]);
    expect(titleFeatures([], 1024).length).toBe(0);
  });

  it('drops the stop words of every title language', () => {
    expect(titleWords('Chef de Partie and Cook')).toEqual(['chef', 'partie', 'cook']);
  });
});

describe('ISCO tree', () => {
  it('puts occupations under their unit group and every parent before its children', () => {
    const tree = buildTitleTree([
      { uri: 'o:a', isco: '7212' },
      { uri: 'o:b', isco: '7213' },
      { uri: 'o:c', isco: '3221' },
    ]);
    const at = (k: string) => tree.keys.indexOf(k);
    expect(tree.parent[at('o:a')]).toBe(at('isco:7212'));
    expect(tree.parent[at('isco:7212')]).toBe(at('isco:721'));
    expect(tree.parent[at('isco:7')]).toBe(0);
    for (let i = 1; i < tree.keys.length; i++) expect(tree.parent[i]!).toBeLessThan(i);
  });
});

describe('title model trained on ESCO labels', () => {
  it('gives the labelled occupation the most probability, also for forms it never saw', () => {
    for (const title of ['welding technician', 'Soldadora', 'welders', 'weldingman']) {
      expect(probabilityOf(model, title, FIXTURE.welder)).toBeGreaterThan(probabilityOf(model, title, FIXTURE.nurse));
    }
    expect(probabilityOf(model, 'nursing aides', FIXTURE.nurse)).toBeGreaterThan(0.5);
  });

  it('gives probabilities that sum to one over the occupations and add up along the ISCO tree', () => {
    const lp = model.logProbs(titleWords('welding technician'), new Float32Array(model.nodeCount));
    const p = (k: string) => Math.exp(lp[model.node(k)!]!);
    expect(p(FIXTURE.welder) + p(FIXTURE.nurse)).toBeCloseTo(1, 5);
    expect(p('isco:7212')).toBeCloseTo(p(FIXTURE.welder), 5);
    expect(p('isco:7') + p('isco:3')).toBeCloseTo(1, 5);
  });

  it('never sees the labels it is told to leave out', () => {
    const all = titleExamples(snapshot, model, { languages: ['en'], preferredWeight: 2, groupWeight: 0 });
    const exclude = new Set([`${FIXTURE.welder}|en|welding technician`]);
    const kept = titleExamples(snapshot, model, { languages: ['en'], preferredWeight: 2, groupWeight: 0 }, exclude);
    const words = (xs: typeof all) => xs.map((e) => e.words.join(' '));
    expect(words(all)).toContain('welding technician');
    expect(words(kept)).not.toContain('welding technician');
    expect(kept).toHaveLength(all.length - 1);
  });

  it('is reproducible: the same ESCO and options give the same bytes', () => {
    const provenance = { trainedOn: 'fixture', options: {} };
    const again = trainTitleModel(snapshot, SMALL);
    expect(serialiseTitleModel(again, provenance)).toEqual(serialiseTitleModel(model, provenance));
    const other = trainTitleModel(snapshot, { ...SMALL, seed: 2 });
    expect(serialiseTitleModel(other, provenance)).not.toEqual(serialiseTitleModel(model, provenance));
  });

  it('survives serialisation (8-bit weights) with the same ranking', () => {
    const bytes = serialiseTitleModel(model, { trainedOn: 'fixture', options: { epochs: 30 } });
    const { model: read, header } = parseTitleModel(bytes);
    expect(header).toMatchObject({ trainedOn: 'fixture', dim: 16, buckets: 4096 });
    for (const title of ['welding technician', 'nursing aide']) {
      for (const key of [FIXTURE.welder, FIXTURE.nurse]) {
        expect(probabilityOf(read, title, key)).toBeCloseTo(probabilityOf(model, title, key), 1);
      }
    }
    expect(() => parseTitleModel(bytes.slice(0, bytes.length - 8))).toThrow();
  });
});

describe('coder with a title model', () => {
  it('finds the occupation of a title no label matches, and gives each result a confidence', () => {
    const data = prepareCoderData(snapshot);
    const title = { title: 'weldingman' };
    expect(coderFromData(data, {}, null).classify(title)).toEqual([]);
    const results = coderFromData(data, {}, model).classify(title);
    expect(results[0]!.uri).toBe(FIXTURE.welder);
    for (const r of results) expect(r.confidence).toBeGreaterThanOrEqual(0);
    expect(results.reduce((a, r) => a + r.confidence, 0)).toBeLessThanOrEqual(1.001);
    expect(results[0]!.confidence).toBeGreaterThan(results[1]?.confidence ?? 0);
  });

  it('is surer of a clear title than of a vague one', () => {
    const coder = coderFromData(prepareCoderData(snapshot), {}, model);
    const clear = coder.classify({ title: 'Welding technician' })[0]!;
    const vague = coder.classify({ title: 'Technician or aide' })[0]!;
    expect(clear.confidence).toBeGreaterThan(vague.confidence);
  });
});
