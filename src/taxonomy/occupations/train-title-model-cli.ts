// npm run train:title-model (this file) — trains the occupation title model on the shipped ESCO (en/es/fr labels and ISCO
// group names) and writes assets/models/occupation-titles.bin.gz. One thread, seeded: the same ESCO and options
// give the same bytes (the SHA-256 printed at the end is in docs/TAXONOMY.md). The labels the bench holds out
// (bench/taxonomy.ts, src/taxonomy/occupations/held-out.ts) are left out, so its held-out figures do not leak.
// Options as key=value: dim, bucketBits, epochs, learningRate, wordDropout, preferredWeight, groupWeight, seed;
// out=<path> writes elsewhere; esco=<a.zip,b.zip,…> trains on another ESCO download instead of the shipped copy.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { readEscoSnapshot, shippedEscoSources } from '../esco/reader.js';
import { prepareCoderData } from './coder.js';
import { benchHeldOutLabels } from './held-out.js';
import { SHIPPED_TITLE_MODEL, serialiseTitleModel } from './title-model.js';
import { DEFAULT_TRAIN_OPTIONS, trainTitleModel, type TitleTrainOptions } from './train-title-model.js';

const args = new Map(process.argv.slice(2).map((a) => a.split('=') as [string, string]));
const options: TitleTrainOptions = { ...DEFAULT_TRAIN_OPTIONS };
for (const key of Object.keys(options) as (keyof TitleTrainOptions)[]) {
  const v = args.get(key);
  if (v !== undefined && key !== 'languages') options[key] = Number(v);
}
const out = args.get('out') ?? SHIPPED_TITLE_MODEL;

const t0 = performance.now();
const sources = args.get('esco')?.split(',') ?? shippedEscoSources();
const { snapshot } = readEscoSnapshot(sources);
const exclude = benchHeldOutLabels(snapshot, prepareCoderData(snapshot));
console.log(
  `ESCO ${snapshot.version} read; ${exclude.size} labels held out for the bench; options ${JSON.stringify(options)}`,
);
const model = trainTitleModel(snapshot, options, exclude, (epoch, loss) =>
  console.log(
    `epoch ${epoch + 1}/${options.epochs}: loss ${loss.toFixed(3)} (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
  ),
);
const bytes = serialiseTitleModel(model, {
  trainedOn:
    `ESCO ${snapshot.version} (${snapshot.languages.join('/')}), ` +
    `${args.has('esco') ? 'given download' : 'shipped copy'}; bench held-out labels excluded`,
  options: { ...options, languages: options.languages.join(',') },
});
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, bytes);
const sha = createHash('sha256').update(bytes).digest('hex');
console.log(
  `wrote ${out}: ${(bytes.length / 1e6).toFixed(2)} MB, sha256 ${sha}, ${((performance.now() - t0) / 1000).toFixed(0)} s`,
);
