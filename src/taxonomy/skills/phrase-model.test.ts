import { beforeAll, describe, expect, it } from 'vitest';
import { readEscoSnapshot } from '../esco/reader.js';
import { FIXTURE, writeEscoFixture } from '../esco/fixture.js';
import type { EscoSnapshot } from '../model.js';
import { parseTitleModel, serialiseTitleModel, titleWords, type TitleModel } from '../occupations/title-model.js';
import { buildSkillExtractor } from './extract.js';
import { benchHeldOutSkillLabels, heldOutSkillLabels } from './held-out.js';
import { buildSkillTree, shippedSkillModel, skillExamples, trainSkillModel } from './phrase-model.js';

const SMALL = { dim: 16, bucketBits: 12, epochs: 100 };
let snapshot: EscoSnapshot;
let model: TitleModel;
beforeAll(() => {
  snapshot = readEscoSnapshot([writeEscoFixture()]).snapshot;
  model = trainSkillModel(snapshot, SMALL);
});

const probability = (m: TitleModel, text: string, uri: string) => {
  const lp = m.logProbs(titleWords(text), new Float32Array(m.nodeCount));
  return Math.exp(lp[m.node(uri)!]!);
};

describe('skill tree', () => {
  it('has every skill as a leaf and every parent before its children', () => {
    const tree = buildSkillTree(snapshot);
    for (const uri of snapshot.skills.keys()) expect(tree.keys).toContain(uri);
    for (let i = 1; i < tree.keys.length; i++) expect(tree.parent[i]!).toBeLessThan(i);
    const leaves = new Set(tree.keys.filter((_, i) => !tree.parent.includes(i)));
    for (const uri of snapshot.skills.keys()) expect(leaves.has(uri)).toBe(true);
  });
});

describe('phrase model trained on ESCO skill labels', () => {
  it('gives a label the most probability to its skill, also for an unseen inflection', () => {
    for (const [text, uri] of [
      ['operate welding equipment', FIXTURE.weld],
      ['teamwork', FIXTURE.teamwork],
      ['caring for patients', FIXTURE.care],
    ] as const) {
      const p = probability(model, text, uri);
      for (const other of snapshot.skills.keys())
        if (other !== uri) expect(p).toBeGreaterThan(probability(model, text, other));
    }
  });

  it('computes one skill’s log-probability along its path as the whole tree does', () => {
    const words = titleWords('welding equipment for patients');
    const all = model.logProbs(words, new Float32Array(model.nodeCount));
    model.encode(words);
    for (const uri of snapshot.skills.keys())
      expect(model.pathLogProb(model.node(uri)!)).toBeCloseTo(all[model.node(uri)!]!, 4);
  });

  it('trains to the same bytes twice and survives serialisation', () => {
    const provenance = { trainedOn: 'fixture', options: {} };
    const a = serialiseTitleModel(model, provenance);
    expect(serialiseTitleModel(trainSkillModel(snapshot, SMALL), provenance)).toEqual(a);
    const back = parseTitleModel(a).model;
    expect(probability(back, 'teamwork', FIXTURE.teamwork)).toBeCloseTo(
      probability(model, 'teamwork', FIXTURE.teamwork),
      1,
    );
  });

  it('never sees the labels it is told to leave out', () => {
    const all = skillExamples(snapshot, model, { languages: ['en'], preferredWeight: 2 });
    const without = skillExamples(
      snapshot,
      model,
      { languages: ['en'], preferredWeight: 2 },
      new Set([`${FIXTURE.care}|en|care for patients`]),
    );
    expect(all.some((e) => e.words.join(' ') === 'care patients')).toBe(true);
    expect(without.some((e) => e.words.join(' ') === 'care patients')).toBe(false);
    expect(without).toHaveLength(all.length - 1);
  });

  it('lifts the skill a sentence reads as, and adds nothing when switched off', () => {
    const text = 'I did welding and cared for patients.';
    const plain = buildSkillExtractor(snapshot, {}, { phraseModel: null }).extract(text, { top: 10 });
    const withModel = buildSkillExtractor(snapshot, { sentencePhraseWeight: 0.05 }, { phraseModel: model }).extract(
      text,
      { top: 10 },
    );
    expect(new Set(withModel.map((r) => r.uri))).toEqual(new Set(plain.map((r) => r.uri)));
    const score = (rs: typeof plain, uri: string) => rs.find((r) => r.uri === uri)?.score ?? 0;
    for (const r of plain) expect(score(withModel, r.uri)).toBeGreaterThanOrEqual(r.score);
    expect(score(withModel, FIXTURE.care)).toBeGreaterThan(score(plain, FIXTURE.care));
  });
});

describe('the shipped phrase model', () => {
  it('is present and covers the shipped ESCO skills (not the fixture’s made-up ones)', () => {
    const m = shippedSkillModel();
    expect(m).not.toBeNull();
    expect(m!.nodeCount).toBeGreaterThan(13_000);
    expect(m!.node(FIXTURE.weld)).toBeUndefined();
  });

  it('draws the bench held-out labels from ESCO alone', () => {
    const a = heldOutSkillLabels(snapshot, 'en');
    expect(heldOutSkillLabels(snapshot, 'en')).toEqual(a);
    for (const h of a) expect(snapshot.skills.get(h.uri)!.labels.en!.alt).toContain(h.label);
    expect(benchHeldOutSkillLabels(snapshot).size).toBe(a.length);
  });
});
