import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedTermVectors, trainTermVectors, type TermVectors } from './vectors.js';

const CONTEXTS = [
  ['weld', 'metal', 'join', 'torch'],
  ['weld', 'metal', 'steel'],
  ['metal', 'steel', 'join'],
  ['weld', 'torch', 'steel'],
  ['care', 'patient', 'nurse'],
  ['care', 'patient', 'elderly'],
  ['nurse', 'elderly', 'patient'],
  ['care', 'nurse', 'hygiene'],
];

function cosine(v: TermVectors, a: string, b: string): number {
  const i = v.index.get(a)!;
  const j = v.index.get(b)!;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let k = 0; k < v.dim; k++) {
    const x = v.data[i * v.dim + k]!;
    const y = v.data[j * v.dim + k]!;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return dot / Math.sqrt(na * nb);
}

describe('LSA term vectors', () => {
  const saved = process.env.CORRIDOR_CACHE_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.CORRIDOR_CACHE_DIR;
    else process.env.CORRIDOR_CACHE_DIR = saved;
  });

  it('puts words of the same kind of work close together', () => {
    const v = trainTermVectors(CONTEXTS, { dim: 2, minDf: 2 });
    expect(v.dim).toBe(2);
    expect(v.index.has('hygiene')).toBe(false); // in one context only
    expect(cosine(v, 'weld', 'steel')).toBeGreaterThan(0.8);
    expect(cosine(v, 'nurse', 'patient')).toBeGreaterThan(0.8);
    expect(cosine(v, 'weld', 'patient')).toBeLessThan(0.3);
  });

  it('is deterministic and caches to disk', () => {
    process.env.CORRIDOR_CACHE_DIR = mkdtempSync(join(tmpdir(), 'corridor-vec-'));
    const a = cachedTermVectors('test', CONTEXTS, { dim: 2, minDf: 2 });
    expect(readdirSync(process.env.CORRIDOR_CACHE_DIR).filter((f) => f.endsWith('.vec'))).toHaveLength(1);
    const b = cachedTermVectors('test', CONTEXTS, { dim: 2, minDf: 2 });
    expect([...b.index.keys()]).toEqual([...a.index.keys()]);
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
    expect(Array.from(trainTermVectors(CONTEXTS, { dim: 2, minDf: 2 }).data)).toEqual(Array.from(a.data));
  });
});
