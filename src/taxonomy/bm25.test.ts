import { describe, expect, it } from 'vitest';
import { Bm25 } from './bm25.js';

const docs = [['welder', 'metal'], ['nurse', 'assist'], ['pipe', 'welder', 'welder', 'metal', 'fabric'], ['teacher']];

describe('BM25', () => {
  it('ranks documents by matching terms, rarer terms weighing more', () => {
    const index = new Bm25(docs);
    const hits = index.search(['welder', 'pipe']);
    expect(hits.map((h) => h.doc)).toEqual([2, 0]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    expect(index.idf('pipe')).toBeGreaterThan(index.idf('welder'));
    expect(index.search(['unknown'])).toEqual([]);
  });

  it('prefers shorter documents for the same match (length normalisation)', () => {
    const index = new Bm25(docs, { b: 0.75 });
    const [first] = index.search(['metal']);
    expect(first!.doc).toBe(0);
    const flat = new Bm25(docs, { b: 0 });
    expect(flat.search(['metal'])[0]!.score).toBeCloseTo(flat.search(['metal'])[1]!.score);
  });

  it('is reusable across queries and honours weights and limits', () => {
    const index = new Bm25(docs);
    const a = index.search(['teacher']);
    const b = index.search(['teacher']);
    expect(a).toEqual(b);
    const w = index.searchWeighted(new Map([['nurse', 2]]), 1);
    expect(w).toHaveLength(1);
    expect(w[0]!.score).toBeCloseTo(2 * index.search(['nurse'])[0]!.score);
    expect(index.df('welder')).toBe(2);
    expect(index.postings('welder')!.tf[1]).toBe(2);
  });
});
