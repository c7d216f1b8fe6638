// A plain Okapi BM25 over short documents (taxonomy labels, descriptions), reusable by search, occupation
// coding and skill extraction. Documents are arrays of analysed terms (see text.ts); ids are dense 0..n-1.
// Postings are typed arrays and scoring uses one reusable accumulator, so a query costs only its postings.

export interface Bm25Options {
  /** Term-frequency saturation (default 1.2). */
  k1?: number;
  /** Length normalisation, 0..1 (default 0.75; labels are short, so callers often lower it). */
  b?: number;
}

export interface Bm25Hit {
  doc: number;
  score: number;
}

export class Bm25 {
  readonly k1: number;
  readonly b: number;
  readonly docCount: number;
  readonly avgDocLength: number;
  private readonly termIds = new Map<string, number>();
  private readonly postDocs: Int32Array[] = [];
  private readonly postTf: Float32Array[] = [];
  /** Per posting: idf · tf·(k1+1) / (tf + k1·(1−b+b·len/avg)), i.e. the term's whole BM25 contribution. */
  private readonly postImpact: Float32Array[] = [];
  private readonly idfs: Float64Array;
  private readonly docLength: Float32Array;
  private readonly acc: Float64Array;
  private readonly touched: Int32Array;
  private readonly seen: Uint8Array;

  /** `docs[i]` are the terms of document i; a term repeated counts as higher term frequency (field weighting). */
  constructor(docs: readonly (readonly string[])[], options: Bm25Options = {}) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
    this.docCount = docs.length;
    this.docLength = new Float32Array(docs.length);
    const lists: { docs: number[]; tf: number[] }[] = [];
    let total = 0;
    docs.forEach((terms, d) => {
      this.docLength[d] = terms.length;
      total += terms.length;
      const tf = new Map<string, number>();
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, n] of tf) {
        let id = this.termIds.get(t);
        if (id === undefined) {
          id = lists.length;
          this.termIds.set(t, id);
          lists.push({ docs: [], tf: [] });
        }
        lists[id]!.docs.push(d);
        lists[id]!.tf.push(n);
      }
    });
    this.avgDocLength = docs.length ? total / docs.length || 1 : 1;
    this.idfs = new Float64Array(lists.length);
    const k1 = this.k1;
    const norm = k1 * (1 - this.b);
    const slope = (k1 * this.b) / this.avgDocLength;
    lists.forEach((l, id) => {
      this.postDocs.push(Int32Array.from(l.docs));
      this.postTf.push(Float32Array.from(l.tf));
      // BM25+-style non-negative idf: a term in every document still counts a little.
      const idf = Math.log(1 + (this.docCount - l.docs.length + 0.5) / (l.docs.length + 0.5));
      this.idfs[id] = idf;
      this.postImpact.push(
        Float32Array.from(l.tf, (tf, i) => (idf * tf * (k1 + 1)) / (tf + norm + slope * this.docLength[l.docs[i]!]!)),
      );
    });
    this.acc = new Float64Array(docs.length);
    this.touched = new Int32Array(docs.length);
    this.seen = new Uint8Array(docs.length);
  }

  /** Number of distinct terms. */
  get vocabularySize(): number {
    return this.termIds.size;
  }

  has(term: string): boolean {
    return this.termIds.has(term);
  }

  /** Documents holding the term. */
  df(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.postDocs[id]!.length;
  }

  /** Inverse document frequency (0 for an unknown term). */
  idf(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.idfs[id]!;
  }

  /** Iterates the terms of the vocabulary (e.g. for prefix or fuzzy expansion). */
  terms(): IterableIterator<string> {
    return this.termIds.keys();
  }

  /** Postings of a term: document ids (ascending) and term frequencies. */
  postings(term: string): { docs: Int32Array; tf: Float32Array } | undefined {
    const id = this.termIds.get(term);
    return id === undefined ? undefined : { docs: this.postDocs[id]!, tf: this.postTf[id]! };
  }

  /**
   * Adds BM25 contributions of weighted query terms into `out` (length docCount), returning touched docs
   * when `touched` is given. A query term's weight multiplies its contribution (1 = plain BM25; repeated
   * query terms should be passed once with a higher weight). Terms in more than `maxDf` documents are skipped.
   */
  accumulate(
    query: Iterable<[term: string, weight: number]>,
    out: Float64Array,
    touched?: Set<number>,
    maxDf = Infinity,
  ): void {
    for (const [term, weight] of query) {
      const id = this.termIds.get(term);
      if (id === undefined || weight === 0) continue;
      const docs = this.postDocs[id]!;
      if (docs.length > maxDf) continue;
      const impact = this.postImpact[id]!;
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i]!;
        out[d]! += weight * impact[i]!;
        touched?.add(d);
      }
    }
  }

  /** Top documents for a query (terms may repeat; repeats add weight), best first. */
  search(query: readonly string[], limit = 10): Bm25Hit[] {
    const weights = new Map<string, number>();
    for (const t of query) weights.set(t, (weights.get(t) ?? 0) + 1);
    return this.searchWeighted(weights, limit);
  }

  /** Top documents for weighted query terms, best first. */
  searchWeighted(query: Map<string, number> | Iterable<[string, number]>, limit = 10): Bm25Hit[] {
    const { acc, touched, seen } = this;
    let nTouched = 0;
    for (const [term, weight] of query) {
      const id = this.termIds.get(term);
      if (id === undefined || weight === 0) continue;
      const docs = this.postDocs[id]!;
      const impact = this.postImpact[id]!;
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i]!;
        if (seen[d] === 0) {
          seen[d] = 1;
          touched[nTouched++] = d;
        }
        acc[d]! += weight * impact[i]!;
      }
    }
    const hits: Bm25Hit[] = [];
    for (let i = 0; i < nTouched; i++) {
      const d = touched[i]!;
      hits.push({ doc: d, score: acc[d]! });
      acc[d] = 0;
      seen[d] = 0;
    }
    return topK(hits, limit);
  }
}

/** The k best hits by score (ties by lower doc id), best first. */
export function topK(hits: Bm25Hit[], k: number): Bm25Hit[] {
  hits.sort((x, y) => y.score - x.score || x.doc - y.doc);
  return hits.length > k ? hits.slice(0, k) : hits;
}
