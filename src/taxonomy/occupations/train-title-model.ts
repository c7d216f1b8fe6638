// Training the title model (title-model.ts) on ESCO: every preferred, alternative and hidden occupation label in
// en/es/fr (each gendered form on its own, cleaned as titles are) is an example of its occupation, and every ISCO
// group name an example of its group, whose softmax path stops at the group. Plain SGD on the softmax down the
// ISCO tree, one thread, seeded: the same ESCO and options give the same model, byte for byte.
// Word dropout (one word of a multi-word label left out now and then) teaches partial titles ("Marketing" for
// "marketing assistant"); labels listed in `exclude` (the bench's held-out labels) are never seen.
import type { EscoSnapshot } from '../model.js';
import { labelForms } from '../text.js';
import { heldOutForm } from './held-out.js';
import { cleanTitle } from './title.js';
import { buildTitleTree, TitleModel, titleFeatures, titleWords, type TitleTree } from './title-model.js';

export interface TitleTrainOptions {
  dim: number;
  /** log2 of the number of feature buckets. */
  bucketBits: number;
  epochs: number;
  /** Initial learning rate, decayed linearly to 0. */
  learningRate: number;
  /** Chance that a multi-word example loses one word in an epoch. */
  wordDropout: number;
  /** Weight of a preferred label (alternative and hidden labels weigh 1). */
  preferredWeight: number;
  /** Weight of an ISCO group name as an example of its group (0: none). */
  groupWeight: number;
  seed: number;
  /** Languages whose labels are examples. */
  languages: string[];
}

export const DEFAULT_TRAIN_OPTIONS: TitleTrainOptions = {
  dim: 32,
  bucketBits: 16,
  epochs: 20,
  learningRate: 0.5,
  wordDropout: 0.2,
  preferredWeight: 2,
  groupWeight: 0.5,
  seed: 1,
  languages: ['en', 'es', 'fr'],
};

export interface TitleExample {
  words: string[];
  /** Tree node the example names (an occupation or an ISCO group). */
  node: number;
  weight: number;
}

/** A seeded uniform generator in [0, 1) (mulberry32). */
function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Occupations in URI order, as the coder holds them. */
function sortedOccupations(snapshot: EscoSnapshot) {
  return [...snapshot.occupations.values()].sort((a, b) => (a.uri < b.uri ? -1 : 1));
}

/**
 * The training examples: labels of every occupation and ISCO group in the given languages, minus `exclude`
 * (entries `uri|lang|label text`, labels as ESCO writes them) and any label repeating one of their forms.
 */
export function titleExamples(
  snapshot: EscoSnapshot,
  model: { node(key: string): number | undefined },
  options: Pick<TitleTrainOptions, 'languages' | 'preferredWeight' | 'groupWeight'>,
  exclude: ReadonlySet<string> = new Set(),
): TitleExample[] {
  const out: TitleExample[] = [];
  const wordsOf = (form: string) => titleWords(cleanTitle(form));
  const held = heldOutForm(exclude, wordsOf);
  const add = (node: number | undefined, text: string, weight: number, seen: Set<string>) => {
    if (node === undefined || weight <= 0) return;
    for (const form of labelForms(text)) {
      const words = wordsOf(form);
      const key = words.join(' ');
      if (!words.length || seen.has(key)) continue;
      seen.add(key);
      out.push({ words, node, weight });
    }
  };
  for (const o of sortedOccupations(snapshot)) {
    const node = model.node(o.uri);
    for (const lang of options.languages) {
      const l = o.labels[lang];
      if (!l) continue;
      const seen = new Set<string>();
      const keep = (t: string) => !held(o.uri, lang, t);
      if (keep(l.preferred)) add(node, l.preferred, options.preferredWeight, seen);
      for (const t of [...l.alt, ...l.hidden].filter(keep)) add(node, t, 1, seen);
    }
  }
  const groups = [...snapshot.iscoGroups.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
  for (const g of groups) {
    const node = model.node(`isco:${g.code}`);
    for (const lang of options.languages) {
      const l = g.labels[lang];
      if (!l) continue;
      const seen = new Set<string>();
      for (const t of [l.preferred, ...l.alt]) add(node, t, options.groupWeight, seen);
    }
  }
  return out;
}

/** Trains a title model on ESCO (see the file comment); `onEpoch` reports the mean loss of each epoch. */
export function trainTitleModel(
  snapshot: EscoSnapshot,
  options: Partial<TitleTrainOptions> = {},
  exclude: ReadonlySet<string> = new Set(),
  onEpoch?: (epoch: number, loss: number) => void,
): TitleModel {
  const O: TitleTrainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const tree = buildTitleTree(sortedOccupations(snapshot));
  return trainTreeModel(tree, (model) => titleExamples(snapshot, model, O, exclude), O, onEpoch);
}

export type TreeTrainOptions = Pick<
  TitleTrainOptions,
  'dim' | 'bucketBits' | 'epochs' | 'learningRate' | 'wordDropout' | 'seed'
>;

/**
 * Plain SGD on the softmax down `tree` (one thread, seeded: the same tree, examples and options give the same
 * model): each example's words, as hashed features, should name its node. Shared by the title model and the
 * skill phrase model (skills/phrase-model.ts).
 */
export function trainTreeModel(
  tree: TitleTree,
  makeExamples: (model: TitleModel) => TitleExample[],
  O: TreeTrainOptions,
  onEpoch?: (epoch: number, loss: number) => void,
): TitleModel {
  const D = O.dim;
  const buckets = 2 ** O.bucketBits;
  const nodes = tree.keys.length;
  const rnd = uniform(O.seed);
  const embeddings = new Float32Array(buckets * D);
  for (let i = 0; i < embeddings.length; i++) embeddings[i] = ((rnd() - 0.5) * 0.2) / D;
  const model = new TitleModel({
    dim: D,
    buckets,
    tree,
    embeddings,
    nodeVectors: new Float32Array(nodes * D),
    bias: new Float32Array(nodes),
  });
  const examples = makeExamples(model);
  const features = examples.map((e) => titleFeatures(e.words, buckets));
  // Each example's path from the root's child down to its node.
  const paths = examples.map((e) => {
    const p: number[] = [];
    for (let x = e.node; x > 0; x = tree.parent[x]!) p.unshift(x);
    return Int32Array.from(p);
  });
  const children: number[][] = Array.from({ length: nodes }, () => []);
  for (let i = 1; i < nodes; i++) children[tree.parent[i]!]!.push(i);
  const V = model.nodeVectors;
  const bias = model.bias;
  const h = new Float32Array(D);
  const grad = new Float32Array(D);
  const logits = new Float64Array(nodes);
  const order = examples.map((_, i) => i);
  const total = O.epochs * examples.length;
  let step = 0;
  for (let epoch = 0; epoch < O.epochs; epoch++) {
    for (let k = order.length - 1; k > 0; k--) {
      const j = Math.floor(rnd() * (k + 1));
      [order[k], order[j]] = [order[j]!, order[k]!];
    }
    let loss = 0;
    for (const i of order) {
      const ex = examples[i]!;
      const lr = O.learningRate * (1 - step++ / total);
      let f = features[i]!;
      if (O.wordDropout > 0 && ex.words.length > 1 && rnd() < O.wordDropout) {
        const drop = Math.floor(rnd() * ex.words.length);
        f = titleFeatures(
          ex.words.filter((_, w) => w !== drop),
          buckets,
        );
      }
      h.fill(0);
      for (let k = 0; k < f.length; k++) {
        const o = f[k]! * D;
        for (let j = 0; j < D; j++) h[j]! += embeddings[o + j]!;
      }
      const inv = 1 / f.length;
      for (let j = 0; j < D; j++) h[j]! *= inv;
      grad.fill(0);
      let parent = 0;
      for (const target of paths[i]!) {
        const ch = children[parent]!;
        parent = target;
        if (ch.length < 2) continue;
        let max = -Infinity;
        for (const c of ch) {
          let s = bias[c]!;
          const o = c * D;
          for (let j = 0; j < D; j++) s += h[j]! * V[o + j]!;
          logits[c] = s;
          if (s > max) max = s;
        }
        let z = 0;
        for (const c of ch) z += Math.exp(logits[c]! - max);
        for (const c of ch) {
          const p = Math.exp(logits[c]! - max) / z;
          const g = (p - (c === target ? 1 : 0)) * ex.weight;
          if (c === target) loss -= Math.log(Math.max(p, 1e-12)) * ex.weight;
          const o = c * D;
          for (let j = 0; j < D; j++) {
            grad[j]! += g * V[o + j]!;
            V[o + j]! -= lr * g * h[j]!;
          }
          bias[c]! -= lr * g;
        }
      }
      for (let k = 0; k < f.length; k++) {
        const o = f[k]! * D;
        for (let j = 0; j < D; j++) embeddings[o + j]! -= lr * grad[j]! * inv;
      }
    }
    onEpoch?.(epoch, loss / examples.length);
  }
  return model;
}
