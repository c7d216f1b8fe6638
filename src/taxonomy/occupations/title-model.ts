// A job-title model learned from ESCO itself: hashed words, stems, word pairs and character n-grams of a title
// are averaged into a small vector, and a softmax down the ISCO-08 tree (major group → sub-major → minor → unit
// group → occupation) turns it into a probability for every unit group and occupation. It is trained
// (train-title-model.ts, `npm run train:title-model`) to map ESCO's preferred, alternative and hidden labels in
// en/es/fr, and the ISCO group names, to their occupation or group. So it learns which words say which occupation
// across all of an occupation's labels, and character n-grams carry it over typos, compounds and inflections the
// label matcher does not know ("salesgirl", "accountant" ~ "accounts"). The coder adds its log-probability to
// its own evidence (coder.ts); the unit-group probabilities say how sure a title is of its group.
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'fflate';
import { isStopWord, stem, tokenize } from '../text.js';

/** Languages whose stop words are dropped from titles (as the coder drops them). */
const STOP_LANGS = ['en', 'es', 'fr'];
export const TITLE_MODEL_FORMAT = 1;

/** The words of a (cleaned) title, folded, without stop words of any title language. */
export function titleWords(title: string): string[] {
  return tokenize(title).filter((t) => !STOP_LANGS.some((l) => isStopWord(t, l)));
}

/** FNV-1a, 32 bits: stable across runs and platforms (the trained model depends on it). */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Feature buckets of a title's words: each word, its English stem, its character 3–5-grams (with boundary
 * marks), each pair of adjacent words, and the last word as the head (English titles are head-final).
 */
export function titleFeatures(words: readonly string[], buckets: number): Int32Array {
  const mask = buckets - 1;
  const out: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    out.push(hash(`w${w}`) & mask, hash(`s${stem(w, 'en')}`) & mask);
    const marked = `<${w}>`;
    for (let n = 3; n <= 5; n++)
      for (let k = 0; k + n <= marked.length; k++) out.push(hash(`c${marked.slice(k, k + n)}`) & mask);
    if (i + 1 < words.length) out.push(hash(`b${w} ${words[i + 1]!}`) & mask);
  }
  if (words.length) out.push(hash(`h${words[words.length - 1]!}`) & mask);
  return Int32Array.from(out);
}

/**
 * The tree the softmax runs down: node 0 is the root, then ISCO groups (keys "isco:2", "isco:25", …, "isco:2512")
 * and occupations (keys: their URIs) as leaves under their unit group. Parents come before children.
 */
export interface TitleTree {
  keys: string[];
  parent: Int32Array;
}

/** The ISCO tree over the given occupations (URI, ISCO-08 unit group), in their order. */
export function buildTitleTree(occupations: readonly { uri: string; isco: string }[]): TitleTree {
  const keys = ['root'];
  const parent = [-1];
  const ids = new Map<string, number>([['root', 0]]);
  const node = (key: string, p: number): number => {
    let id = ids.get(key);
    if (id === undefined) {
      id = keys.length;
      ids.set(key, id);
      keys.push(key);
      parent.push(p);
    }
    return id;
  };
  const groups = [...new Set(occupations.map((o) => o.isco))].sort();
  for (const code of groups) {
    let p = 0;
    for (let k = 1; k <= code.length; k++) p = node(`isco:${code.slice(0, k)}`, p);
  }
  for (const o of occupations) node(o.uri, ids.get(`isco:${o.isco}`) ?? 0);
  return { keys, parent: Int32Array.from(parent) };
}

export interface TitleModelParams {
  dim: number;
  buckets: number;
  tree: TitleTree;
  /** buckets × dim, row-major. */
  embeddings: Float32Array;
  /** nodes × dim: each node's output vector (its score under its parent is vector · title + bias). */
  nodeVectors: Float32Array;
  bias: Float32Array;
}

/** Children lists of a tree, as offsets into one array. */
function childIndex(tree: TitleTree): { start: Int32Array; list: Int32Array } {
  const n = tree.keys.length;
  const count = new Int32Array(n + 1);
  for (let i = 1; i < n; i++) count[tree.parent[i]! + 1]!++;
  for (let i = 0; i < n; i++) count[i + 1]! += count[i]!;
  const list = new Int32Array(Math.max(0, n - 1));
  const fill = count.slice(0, n);
  for (let i = 1; i < n; i++) list[fill[tree.parent[i]!]!++] = i;
  return { start: count, list };
}

export class TitleModel {
  readonly dim: number;
  readonly buckets: number;
  readonly tree: TitleTree;
  readonly embeddings: Float32Array;
  readonly nodeVectors: Float32Array;
  readonly bias: Float32Array;
  private readonly childStart: Int32Array;
  private readonly childList: Int32Array;
  private readonly nodeOf = new Map<string, number>();
  private readonly h: Float32Array;
  private readonly logits: Float64Array;
  /** Log-normaliser of each parent's softmax for the last encoded title (pathLogProb), valid where stamped. */
  private readonly logZ: Float64Array;
  private readonly logZStamp: Uint32Array;
  private stamp = 1;

  constructor(p: TitleModelParams) {
    this.dim = p.dim;
    this.buckets = p.buckets;
    this.tree = p.tree;
    this.embeddings = p.embeddings;
    this.nodeVectors = p.nodeVectors;
    this.bias = p.bias;
    const { start, list } = childIndex(p.tree);
    this.childStart = start;
    this.childList = list;
    p.tree.keys.forEach((k, i) => this.nodeOf.set(k, i));
    this.h = new Float32Array(p.dim);
    this.logits = new Float64Array(p.tree.keys.length);
    this.logZ = new Float64Array(p.tree.keys.length);
    this.logZStamp = new Uint32Array(p.tree.keys.length);
  }

  get nodeCount(): number {
    return this.tree.keys.length;
  }

  /** Node number of an occupation URI or "isco:<code>", undefined when the model does not know it. */
  node(key: string): number | undefined {
    return this.nodeOf.get(key);
  }

  /** The title vector: mean of its feature embeddings (zero for no features). Returns false when empty. */
  encode(words: readonly string[], out: Float32Array = this.h): boolean {
    if (out === this.h) this.stamp++;
    const f = titleFeatures(words, this.buckets);
    out.fill(0);
    if (!f.length) return false;
    const D = this.dim;
    const E = this.embeddings;
    for (let k = 0; k < f.length; k++) {
      const o = f[k]! * D;
      for (let j = 0; j < D; j++) out[j]! += E[o + j]!;
    }
    const inv = 1 / f.length;
    for (let j = 0; j < D; j++) out[j]! *= inv;
    return true;
  }

  /** Score of a node under its parent for the last encoded title. */
  private nodeScore(c: number): number {
    const D = this.dim;
    const V = this.nodeVectors;
    const h = this.h;
    let s0 = this.bias[c]!;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let j = 0;
    for (let o = c * D; j + 3 < D; j += 4, o += 4) {
      s0 += h[j]! * V[o]!;
      s1 += h[j + 1]! * V[o + 1]!;
      s2 += h[j + 2]! * V[o + 2]!;
      s3 += h[j + 3]! * V[o + 3]!;
    }
    for (let o = c * D + j; j < D; j++, o++) s0 += h[j]! * V[o]!;
    return s0 + s1 + s2 + s3;
  }

  /**
   * Log-probability of one node for the words last passed to `encode`: only the softmaxes along its path are
   * computed (each parent's normaliser once per title), which is what a re-ranker of a few candidates needs.
   */
  pathLogProb(node: number): number {
    const parent = this.tree.parent;
    let lp = 0;
    for (let x = node; x > 0; x = parent[x]!) {
      const p = parent[x]!;
      const a = this.childStart[p]!;
      const b = this.childStart[p + 1]!;
      if (b - a < 2) continue;
      const logits = this.logits;
      if (this.logZStamp[p] !== this.stamp) {
        let max = -Infinity;
        for (let k = a; k < b; k++) {
          const c = this.childList[k]!;
          const s = (logits[c] = this.nodeScore(c));
          if (s > max) max = s;
        }
        let sum = 0;
        for (let k = a; k < b; k++) sum += Math.exp(logits[this.childList[k]!]! - max);
        this.logZ[p] = max + Math.log(sum);
        this.logZStamp[p] = this.stamp;
      }
      // The parent's normaliser was computed for this title, and with it every child's logit.
      lp += logits[x]! - this.logZ[p]!;
    }
    return lp;
  }

  /**
   * Log-probability of every node for a title's words (root 0; a group's is the sum over its occupations), into
   * `out` (length nodeCount). Below a node whose log-probability is under `floor`, nothing is computed and every
   * descendant gets −Infinity (the coder counts nothing below its floor, so it need not pay for it). All −Infinity
   * except the root when the title has no features.
   */
  logProbs(words: readonly string[], out: Float32Array, floor = -Infinity): Float32Array {
    if (!this.encode(words)) {
      out.fill(-Infinity);
      out[0] = 0;
      return out;
    }
    const h = this.h;
    const D = this.dim;
    const V = this.nodeVectors;
    const bias = this.bias;
    const logits = this.logits;
    const start = this.childStart;
    const list = this.childList;
    const nodes = this.nodeCount;
    out[0] = 0;
    // Parents come before children, so one pass in node order fills every level.
    for (let p = 0; p < nodes; p++) {
      const a = start[p]!;
      const b = start[p + 1]!;
      if (a === b) continue;
      const lp = out[p]!;
      if (!(lp >= floor)) {
        for (let k = a; k < b; k++) out[list[k]!] = -Infinity;
        continue;
      }
      let max = -Infinity;
      for (let k = a; k < b; k++) {
        const c = list[k]!;
        // Four partial sums: shorter dependency chains, about twice as fast as one.
        let s0 = bias[c]!;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        let j = 0;
        for (let o = c * D; j + 3 < D; j += 4, o += 4) {
          s0 += h[j]! * V[o]!;
          s1 += h[j + 1]! * V[o + 1]!;
          s2 += h[j + 2]! * V[o + 2]!;
          s3 += h[j + 3]! * V[o + 3]!;
        }
        for (let o = c * D + j; j < D; j++, o++) s0 += h[j]! * V[o]!;
        const s = s0 + s1 + s2 + s3;
        logits[k] = s;
        if (s > max) max = s;
      }
      let z = 0;
      for (let k = a; k < b; k++) z += Math.exp(logits[k]! - max);
      const norm = lp - max - Math.log(z);
      for (let k = a; k < b; k++) out[list[k]!] = logits[k]! + norm;
    }
    return out;
  }
}

// Serialised form (gzip): a JSON header line, then int8 rows with one float32 scale per row for the embeddings and
// node vectors, and float32 biases. Quantising to 8 bits costs nothing measurable and makes the file 4× smaller.
interface Header {
  format: number;
  dim: number;
  buckets: number;
  keys: string[];
  parent: number[];
  /** Provenance: what the model was trained on and how (see train-title-model.ts). */
  trainedOn: string;
  options: Record<string, number | string>;
}

function quantise(m: Float32Array, rows: number, dim: number): { q: Int8Array; scale: Float32Array } {
  const q = new Int8Array(rows * dim);
  const scale = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let j = 0; j < dim; j++) max = Math.max(max, Math.abs(m[r * dim + j]!));
    const s = max / 127;
    scale[r] = s;
    if (s > 0) for (let j = 0; j < dim; j++) q[r * dim + j] = Math.round(m[r * dim + j]! / s);
  }
  return { q, scale };
}

function dequantise(q: Int8Array, scale: Float32Array, dim: number): Float32Array {
  const out = new Float32Array(q.length);
  for (let r = 0; r < scale.length; r++) {
    const s = scale[r]!;
    for (let j = 0; j < dim; j++) out[r * dim + j] = q[r * dim + j]! * s;
  }
  return out;
}

/** The model as gzip bytes (deterministic: the same parameters give the same bytes). */
export function serialiseTitleModel(
  model: TitleModel,
  provenance: { trainedOn: string; options: Record<string, number | string> },
): Uint8Array {
  const header: Header = {
    format: TITLE_MODEL_FORMAT,
    dim: model.dim,
    buckets: model.buckets,
    keys: model.tree.keys,
    parent: [...model.tree.parent],
    ...provenance,
  };
  const head = new TextEncoder().encode(`${JSON.stringify(header)}\n`);
  const e = quantise(model.embeddings, model.buckets, model.dim);
  const v = quantise(model.nodeVectors, model.nodeCount, model.dim);
  const parts: Uint8Array[] = [
    head,
    new Uint8Array(e.scale.buffer),
    new Uint8Array(v.scale.buffer),
    new Uint8Array(model.bias.buffer, model.bias.byteOffset, model.bias.byteLength),
    new Uint8Array(e.q.buffer),
    new Uint8Array(v.q.buffer),
  ];
  const total = parts.reduce((n, p) => n + p.length, 0);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return gzipSync(bytes, { level: 9, mtime: 0 });
}

/** Reads a model written by serialiseTitleModel; throws on another format. */
export function parseTitleModel(gz: Uint8Array): { model: TitleModel; header: Omit<Header, 'keys' | 'parent'> } {
  const bytes = gunzipSync(gz);
  const nl = bytes.indexOf(10);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(0, nl))) as Header;
  if (header.format !== TITLE_MODEL_FORMAT) throw new Error(`title model: unknown format ${header.format}`);
  const { dim, buckets } = header;
  const nodes = header.keys.length;
  // Copy into aligned buffers (the header's length is arbitrary).
  let at = nl + 1;
  const take = (n: number) => {
    const out = bytes.slice(at, at + n);
    at += n;
    return out.buffer;
  };
  const eScale = new Float32Array(take(buckets * 4));
  const vScale = new Float32Array(take(nodes * 4));
  const bias = new Float32Array(take(nodes * 4));
  const eq = new Int8Array(take(buckets * dim));
  const vq = new Int8Array(take(nodes * dim));
  if (at !== bytes.length) throw new Error('title model: truncated or trailing data');
  const model = new TitleModel({
    dim,
    buckets,
    tree: { keys: header.keys, parent: Int32Array.from(header.parent) },
    embeddings: dequantise(eq, eScale, dim),
    nodeVectors: dequantise(vq, vScale, dim),
    bias,
  });
  const { keys: _k, parent: _p, ...rest } = header;
  return { model, header: rest };
}

/** Where the shipped model lives (built by `npm run train:title-model`, committed with its training script). */
export const SHIPPED_TITLE_MODEL = new URL('../../../assets/models/occupation-titles.bin.gz', import.meta.url).pathname;

let shipped: TitleModel | null | undefined;

/** The shipped title model, read once; null when the file is absent (the coder then works without it). */
export function shippedTitleModel(): TitleModel | null {
  if (shipped === undefined)
    shipped = existsSync(SHIPPED_TITLE_MODEL) ? parseTitleModel(readFileSync(SHIPPED_TITLE_MODEL)).model : null;
  return shipped;
}
