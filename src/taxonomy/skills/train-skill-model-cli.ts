// npm run train:skill-model (this file) — trains the skill phrase model (phrase-model.ts) on the shipped ESCO's
// skill labels and writes assets/models/skill-phrases.bin.gz. One thread, seeded: the same ESCO and options give
// the same bytes (the SHA-256 printed at the end is in docs/TAXONOMY.md). The skill labels the bench holds out
// (held-out.ts) are left out, so its held-out figures do not leak.
// Options as key=value: dim, bucketBits, epochs, learningRate, wordDropout, preferredWeight, seed, languages=en,es;
// out=<path> writes elsewhere; esco=<a.zip,b.zip,…> trains on another ESCO download instead of the shipped copy.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { readEscoSnapshot, shippedEscoSources } from '../esco/reader.js';
import { serialiseTitleModel } from '../occupations/title-model.js';
import { benchHeldOutSkillLabels } from './held-out.js';
import {
  DEFAULT_SKILL_MODEL_OPTIONS,
  SHIPPED_SKILL_MODEL,
  trainSkillModel,
  type SkillModelOptions,
} from './phrase-model.js';

const args = new Map(process.argv.slice(2).map((a) => a.split('=') as [string, string]));
const options: SkillModelOptions = { ...DEFAULT_SKILL_MODEL_OPTIONS };
for (const key of Object.keys(options) as (keyof SkillModelOptions)[]) {
  const v = args.get(key);
  if (v === undefined) continue;
  if (key === 'languages') options.languages = v.split(',');
  else options[key] = Number(v);
}
const out = args.get('out') ?? SHIPPED_SKILL_MODEL;

const t0 = performance.now();
const { snapshot } = readEscoSnapshot(args.get('esco')?.split(',') ?? shippedEscoSources());
const exclude = benchHeldOutSkillLabels(snapshot);
console.log(
  `ESCO ${snapshot.version} read; ${exclude.size} skill labels held out for the bench; options ${JSON.stringify(options)}`,
);
const model = trainSkillModel(snapshot, options, exclude, (epoch, loss) =>
  console.log(
    `epoch ${epoch + 1}/${options.epochs}: loss ${loss.toFixed(3)} (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
  ),
);
const bytes = serialiseTitleModel(model, {
  trainedOn:
    `ESCO ${snapshot.version} skill labels (${options.languages.join('/')}), ` +
    `${args.has('esco') ? 'given download' : 'shipped copy'}; bench held-out labels excluded`,
  options: { ...options, languages: options.languages.join(',') },
});
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, bytes);
const sha = createHash('sha256').update(bytes).digest('hex');
console.log(
  `wrote ${out}: ${(bytes.length / 1e6).toFixed(2)} MB, sha256 ${sha}, ${((performance.now() - t0) / 1000).toFixed(0)} s`,
);
