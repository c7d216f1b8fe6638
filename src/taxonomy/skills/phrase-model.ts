// A skill phrase model learned from ESCO itself, the skills' counterpart of the occupation title model
// (occupations/title-model.ts, same features and code): a phrase's words, stems, character 3–5-grams and word
// pairs are averaged into a small vector, and a softmax down ESCO's skill hierarchy (skill groups and knowledge
// fields → skills) gives each skill a probability. It is trained (`npm run train:skill-model`) to map every
// preferred, alternative and hidden skill label to its skill, so it learns which words say which skill across all
// of a skill's labels ("numerate" ~ numeracy, "attention to detail" ~ attend to detail) and, through the
// hierarchy, which skills belong together. The extractor (extract.ts) asks it how well a candidate's evidence
// span, and its sentence, read as that skill, and adds a share of the log-probability to the candidate's score.
import { existsSync, readFileSync } from 'node:fs';
import type { EscoSnapshot } from '../model.js';
import { labelForms } from '../text.js';
import { heldOutForm } from '../occupations/held-out.js';
import { parseTitleModel, titleWords, type TitleModel, type TitleTree } from '../occupations/title-model.js';
import { trainTreeModel, type TitleExample, type TreeTrainOptions } from '../occupations/train-title-model.js';

export interface SkillModelOptions extends TreeTrainOptions {
  /** Weight of a preferred label (alternative and hidden labels weigh 1). */
  preferredWeight: number;
  /** Languages whose labels are examples. */
  languages: string[];
}

export const DEFAULT_SKILL_MODEL_OPTIONS: SkillModelOptions = {
  dim: 32,
  bucketBits: 16,
  epochs: 20,
  learningRate: 0.5,
  wordDropout: 0.2,
  preferredWeight: 2,
  seed: 1,
  languages: ['en', 'es', 'fr'],
};

/**
 * The tree: root → skill groups and knowledge fields (each under its first broader group) → skills (each under
 * its first broader group, or its broader skill's group). Parents come before children; skills in URI order.
 */
export function buildSkillTree(snapshot: EscoSnapshot): TitleTree {
  const groups = snapshot.skillGroups;
  const keys = ['root'];
  const parent = [-1];
  const ids = new Map<string, number>([['root', 0]]);
  const groupNode = (uri: string, depth = 0): number => {
    const have = ids.get(uri);
    if (have !== undefined) return have;
    const up = groups.get(uri)?.broader.find((b) => groups.has(b));
    const p = up && depth < 10 ? groupNode(up, depth + 1) : 0;
    const id = keys.length;
    ids.set(uri, id);
    keys.push(uri);
    parent.push(p);
    return id;
  };
  const groupOf = (uri: string, depth = 0): string | undefined => {
    const s = snapshot.skills.get(uri);
    if (!s || depth > 5) return undefined;
    const g = s.broader.find((b) => groups.has(b));
    if (g) return g;
    for (const b of s.broader) {
      const x = groupOf(b, depth + 1);
      if (x) return x;
    }
    return undefined;
  };
  const skills = [...snapshot.skills.values()].sort((a, b) => (a.uri < b.uri ? -1 : 1));
  for (const s of skills) {
    const g = groupOf(s.uri);
    const p = g ? groupNode(g) : 0;
    ids.set(s.uri, keys.length);
    keys.push(s.uri);
    parent.push(p);
  }
  return { keys, parent: Int32Array.from(parent) };
}

/** Training examples: every label form of every skill in the given languages, minus `exclude` (`uri|lang|label`). */
export function skillExamples(
  snapshot: EscoSnapshot,
  model: { node(key: string): number | undefined },
  options: Pick<SkillModelOptions, 'languages' | 'preferredWeight'>,
  exclude: ReadonlySet<string> = new Set(),
): TitleExample[] {
  const out: TitleExample[] = [];
  const held = heldOutForm(exclude, (form) => titleWords(form));
  const skills = [...snapshot.skills.values()].sort((a, b) => (a.uri < b.uri ? -1 : 1));
  for (const s of skills) {
    const node = model.node(s.uri);
    if (node === undefined) continue;
    for (const lang of options.languages) {
      const l = s.labels[lang];
      if (!l) continue;
      const seen = new Set<string>();
      const forms: [string, number][] = [
        [l.preferred, options.preferredWeight],
        ...[...l.alt, ...l.hidden].map((t): [string, number] => [t, 1]),
      ];
      for (const [text, weight] of forms) {
        if (held(s.uri, lang, text)) continue;
        for (const form of labelForms(text)) {
          const words = titleWords(form);
          const key = words.join(' ');
          if (!words.length || seen.has(key)) continue;
          seen.add(key);
          out.push({ words, node, weight });
        }
      }
    }
  }
  return out;
}

/** Trains the phrase model on ESCO's skill labels; `onEpoch` reports the mean loss of each epoch. */
export function trainSkillModel(
  snapshot: EscoSnapshot,
  options: Partial<SkillModelOptions> = {},
  exclude: ReadonlySet<string> = new Set(),
  onEpoch?: (epoch: number, loss: number) => void,
): TitleModel {
  const O: SkillModelOptions = { ...DEFAULT_SKILL_MODEL_OPTIONS, ...options };
  return trainTreeModel(buildSkillTree(snapshot), (m) => skillExamples(snapshot, m, O, exclude), O, onEpoch);
}

/** Where the shipped model lives (built by `npm run train:skill-model`, committed with its training script). */
export const SHIPPED_SKILL_MODEL = new URL('../../../assets/models/skill-phrases.bin.gz', import.meta.url).pathname;

let shipped: TitleModel | null | undefined;

/** The shipped phrase model, read once; null when the file is absent (the extractor then works without it). */
export function shippedSkillModel(): TitleModel | null {
  if (shipped === undefined)
    shipped = existsSync(SHIPPED_SKILL_MODEL) ? parseTitleModel(readFileSync(SHIPPED_SKILL_MODEL)).model : null;
  return shipped;
}
