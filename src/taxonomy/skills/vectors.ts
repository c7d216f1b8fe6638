// Word vectors trained here, on ESCO's own texts: latent semantic analysis of a term × concept matrix
// (log-tf × idf weighting, truncated SVD by randomised range finding). Each skill and occupation (labels and
// description) is one context, so words used to describe the same kind of work end up close together
// ("stakeholders" near "relationships", "motivated" near "enthusiasm"). No outside model, no download:
// built at first use in a few seconds and cached on disk.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TermVectors {
  dim: number;
  /** term → row */
  index: Map<string, number>;
  /** rows × dim, row-major; rows are scaled by the singular values (not normalised). */
  data: Float32Array;
}

export interface VectorOptions {
  dim?: number;
  /** Drop terms in fewer contexts than this. */
  minDf?: number;
  /** Power iterations of the randomised SVD (accuracy of the trailing dimensions). */
  powerIterations?: number;
  seed?: number;
}

/** Deterministic Gaussian numbers (mulberry32 + Box–Muller), so a rebuilt artefact is the same artefact. */
function gaussian(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());
}

/** Sparse matrix in compressed-row form. */
interface Csr {
  rows: number;
  cols: number;
  ptr: Int32Array;
  idx: Int32Array;
  val: Float32Array;
}

/** Y (rows × k) = A X, X is cols × k, all row-major. */
function mulDense(A: Csr, X: Float64Array, k: number): Float64Array {
  const Y = new Float64Array(A.rows * k);
  for (let r = 0; r < A.rows; r++) {
    const yo = r * k;
    for (let p = A.ptr[r]!; p < A.ptr[r + 1]!; p++) {
      const v = A.val[p]!;
      const xo = A.idx[p]! * k;
      for (let j = 0; j < k; j++) Y[yo + j]! += v * X[xo + j]!;
    }
  }
  return Y;
}

/** Z (cols × k) = Aᵀ Y, Y is rows × k. */
function mulDenseT(A: Csr, Y: Float64Array, k: number): Float64Array {
  const Z = new Float64Array(A.cols * k);
  for (let r = 0; r < A.rows; r++) {
    const yo = r * k;
    for (let p = A.ptr[r]!; p < A.ptr[r + 1]!; p++) {
      const v = A.val[p]!;
      const zo = A.idx[p]! * k;
      for (let j = 0; j < k; j++) Z[zo + j]! += v * Y[yo + j]!;
    }
  }
  return Z;
}

/** Orthonormalises the k columns of an n × k row-major matrix in place (modified Gram–Schmidt, twice). */
function orthonormalise(M: Float64Array, n: number, k: number): void {
  const col = new Float64Array(n);
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < k; j++) {
      for (let i = 0; i < n; i++) col[i] = M[i * k + j]!;
      for (let q = 0; q < j; q++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += col[i]! * M[i * k + q]!;
        for (let i = 0; i < n; i++) col[i]! -= dot * M[i * k + q]!;
      }
      let norm = 0;
      for (let i = 0; i < n; i++) norm += col[i]! * col[i]!;
      norm = Math.sqrt(norm) || 1;
      for (let i = 0; i < n; i++) M[i * k + j] = col[i]! / norm;
    }
  }
}

/** Eigen-decomposition of a small symmetric matrix (cyclic Jacobi). Returns values and column eigenvectors. */
function symmetricEigen(S: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const A = Float64Array.from(S);
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += A[p * n + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (A[q * n + q]! - A[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k * n + p]!;
          const akq = A[k * n + q]!;
          A[k * n + p] = c * akp - s * akq;
          A[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p * n + k]!;
          const aqk = A[q * n + k]!;
          A[p * n + k] = c * apk - s * aqk;
          A[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k * n + p]!;
          const vkq = V[k * n + q]!;
          V[k * n + p] = c * vkp - s * vkq;
          V[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = A[i * n + i]!;
  return { values, vectors: V };
}

/**
 * Term vectors from contexts (each an array of analysed terms): rows of U·S of the truncated SVD of the
 * log-tf × idf weighted term × context matrix.
 */
export function trainTermVectors(contexts: readonly (readonly string[])[], options: VectorOptions = {}): TermVectors {
  const dim = options.dim ?? 100;
  const minDf = options.minDf ?? 2;
  const q = options.powerIterations ?? 2;
  const df = new Map<string, number>();
  for (const c of contexts) for (const t of new Set(c)) df.set(t, (df.get(t) ?? 0) + 1);
  const index = new Map<string, number>();
  for (const [t, n] of df) if (n >= minDf) index.set(t, index.size);
  const rows = index.size;
  const cols = contexts.length;
  // Build the term-major sparse matrix.
  const entries: [number, number, number][] = [];
  contexts.forEach((c, j) => {
    const tf = new Map<number, number>();
    for (const t of c) {
      const r = index.get(t);
      if (r !== undefined) tf.set(r, (tf.get(r) ?? 0) + 1);
    }
    for (const [r, n] of tf) entries.push([r, j, n]);
  });
  const termOf = [...index.keys()];
  entries.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const ptr = new Int32Array(rows + 1);
  const idx = new Int32Array(entries.length);
  const val = new Float32Array(entries.length);
  entries.forEach(([r, j, n], p) => {
    ptr[r + 1]!++;
    idx[p] = j;
    val[p] = Math.log1p(n) * Math.log(cols / df.get(termOf[r]!)!);
  });
  for (let r = 0; r < rows; r++) ptr[r + 1]! += ptr[r]!;
  const A: Csr = { rows, cols, ptr, idx, val };

  // Randomised range finder with power iterations (Halko, Martinsson & Tropp 2011).
  const k = Math.min(dim + 10, rows, cols);
  const rand = gaussian(options.seed ?? 7);
  const omega = new Float64Array(cols * k);
  for (let i = 0; i < omega.length; i++) omega[i] = rand();
  let Y = mulDense(A, omega, k);
  orthonormalise(Y, rows, k);
  for (let it = 0; it < q; it++) {
    const Z = mulDenseT(A, Y, k);
    orthonormalise(Z, cols, k);
    Y = mulDense(A, Z, k);
    orthonormalise(Y, rows, k);
  }
  // B = Qᵀ A (k × cols); B Bᵀ = Qᵀ A Aᵀ Q; its eigenvectors W give U = Q W and singular values √λ.
  const Bt = mulDenseT(A, Y, k); // cols × k  (= Bᵀ)
  const BBt = new Float64Array(k * k);
  for (let c = 0; c < cols; c++) {
    const o = c * k;
    for (let i = 0; i < k; i++) {
      const bi = Bt[o + i]!;
      if (bi === 0) continue;
      for (let j = i; j < k; j++) BBt[i * k + j]! += bi * Bt[o + j]!;
    }
  }
  for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) BBt[i * k + j] = BBt[j * k + i]!;
  const { values, vectors } = symmetricEigen(BBt, k);
  const order = [...values.keys()].sort((x, y) => values[y]! - values[x]!).slice(0, Math.min(dim, k));
  const d = order.length;
  // Rows of U·S = Q · (W · diag(σ)), σ = √λ.
  const WS = new Float64Array(k * d);
  order.forEach((e, j) => {
    const sigma = Math.sqrt(Math.max(values[e]!, 0));
    for (let i = 0; i < k; i++) WS[i * d + j] = vectors[i * k + e]! * sigma;
  });
  const data = new Float32Array(rows * d);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < k; i++) {
      const y = Y[r * k + i]!;
      if (y === 0) continue;
      for (let j = 0; j < d; j++) data[r * d + j]! += y * WS[i * d + j]!;
    }
  }
  return { dim: d, index, data };
}

/** Cache folder for artefacts built at first use (CORRIDOR_CACHE_DIR, else the system temp folder). */
export function cacheDir(): string {
  return process.env.CORRIDOR_CACHE_DIR ?? join(tmpdir(), 'corridor-cache');
}

function serialise(v: TermVectors): Buffer {
  const terms = Buffer.from([...v.index.keys()].join('\n'), 'utf8');
  const head = Buffer.alloc(12);
  head.writeUInt32LE(v.dim, 0);
  head.writeUInt32LE(v.index.size, 4);
  head.writeUInt32LE(terms.length, 8);
  return Buffer.concat([head, terms, Buffer.from(v.data.buffer, v.data.byteOffset, v.data.byteLength)]);
}

function deserialise(buf: Buffer): TermVectors {
  const dim = buf.readUInt32LE(0);
  const n = buf.readUInt32LE(4);
  const termBytes = buf.readUInt32LE(8);
  const terms = buf.toString('utf8', 12, 12 + termBytes).split('\n');
  if (terms.length !== n) throw new Error('corrupt vector cache');
  const start = 12 + termBytes;
  const data = new Float32Array(n * dim);
  Buffer.from(data.buffer).set(buf.subarray(start, start + data.byteLength));
  return { dim, index: new Map(terms.map((t, i) => [t, i])), data };
}

/**
 * Term vectors for these contexts, from the disk cache when the same contexts and options were trained before
 * (the key hashes both), else trained now and cached. Cache failures only cost time.
 */
export function cachedTermVectors(
  name: string,
  contexts: readonly (readonly string[])[],
  options: VectorOptions = {},
): TermVectors {
  const h = createHash('sha256');
  h.update(JSON.stringify(options));
  for (const c of contexts) h.update(c.join(' ') + '\n');
  const file = join(cacheDir(), `${name}-${h.digest('hex').slice(0, 16)}.vec`);
  try {
    return deserialise(readFileSync(file));
  } catch {
    // not cached yet (or unreadable): train
  }
  const v = trainTermVectors(contexts, options);
  try {
    mkdirSync(cacheDir(), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, serialise(v));
    renameSync(tmp, file);
  } catch {
    // read-only or full disk: keep going without the cache
  }
  return v;
}
