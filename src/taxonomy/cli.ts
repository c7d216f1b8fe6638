// Taxonomy tools on the command line:
//   corridor classify-occupation  JSON Lines {"id","title","description"?} on stdin → ranked ESCO occupations
//   corridor search <words...>    autocomplete over occupations and skills
//   corridor extract-skills       (skills/cli.ts) ESCO skills in free text
// Streams line by line with backpressure: one line in flight, output waits for the pipe to drain.
import type { Command } from 'commander';
import { parseRecord, parseTop, requireLanguage, runJsonLines, runOnStdio, type LineIo } from '../shared/json-lines.js';
import { readEscoSnapshot, shippedEscoSources } from './esco/reader.js';
import type { EscoSnapshot } from './model.js';
import type { OccupationCoder } from './occupations/coder.js';
import { defaultCacheDir, loadOccupationCoder } from './occupations/cache.js';
import { buildSearchIndex, type ConceptType } from './search/index.js';
import { registerExtractSkillsCommand } from './skills/cli.js';

export { readLines } from '../shared/json-lines.js';

/** One input line → one output object; never throws (a bad line becomes {"id", "error"}). */
export function classifyLine(coder: OccupationCoder, line: string, top: number, lang: string): object {
  const parsed = parseRecord(line, '{"id": string, "title": string, "description"?: string}');
  if ('error' in parsed) return parsed;
  const { id, record: rec } = parsed;
  if (typeof rec.title !== 'string') return { id, error: 'title: expected a string' };
  if (rec.description !== undefined && rec.description !== null && typeof rec.description !== 'string') {
    return { id, error: 'description: expected a string' };
  }
  try {
    // Bounded work per line: a title is short, and the coder reads only the head of a description anyway.
    const description = typeof rec.description === 'string' ? rec.description.slice(0, 20_000) : undefined;
    return { id, results: coder.classify({ title: rec.title.slice(0, 500), description }, { top, lang }) };
  } catch (err) {
    return { id, error: `classification failed: ${(err as Error).message}` };
  }
}

/** Runs occupation coding over a JSON Lines stream; resolves when the input ends, rejects if it breaks. */
export function runClassifyOccupation(
  coder: OccupationCoder,
  options: { top: number; lang: string },
  io: LineIo,
): Promise<{ lines: number; errors: number }> {
  return runJsonLines(io, (line) => classifyLine(coder, line, options.top, options.lang));
}

function loadSnapshot(esco: string[] | undefined): EscoSnapshot {
  return readEscoSnapshot(esco && esco.length ? esco : shippedEscoSources()).snapshot;
}

export function registerTaxonomyToolCommands(program: Command): void {
  program
    .command('classify-occupation')
    .description(
      'Code job titles to ESCO occupations (ISCO-08). Reads JSON Lines {"id": string, "title": string, ' +
        '"description"?: string} on stdin; writes {"id", "results": [{"uri", "code", "isco", "label", "score"}]} ' +
        'per line, best first (a bad line gets {"id", "error"} and processing continues).',
    )
    .option('--top <k>', 'occupations per title', parseTop, 5)
    .option('--lang <lang>', 'language of the returned labels (titles may be en, es or fr)', 'en')
    .option('--esco <path...>', 'ESCO CSV download(s) (zip or folder) instead of the shipped copy')
    .option('--no-cache', 'do not read or write the start-up cache ($CORRIDOR_DATA_DIR/cache or the temp folder)')
    .action(async (opts: { top: number; lang: string; esco?: string[]; cache: boolean }) => {
      if (!/^[a-z]{2}$/.test(opts.lang))
        throw new Error(`--lang: expected a two-letter language code, got "${opts.lang}"`);
      const sources = opts.esco && opts.esco.length ? opts.esco : shippedEscoSources();
      const { coder } = loadOccupationCoder(sources, opts.cache ? defaultCacheDir() : null);
      requireLanguage(opts.lang, coder.languages);
      await runOnStdio((line) => classifyLine(coder, line, opts.top, opts.lang));
    });

  program
    .command('search')
    .description('Search ESCO occupations and skills by label (prefix, typo and accent tolerant; en/es/fr).')
    .argument('<words...>', 'what to look for, e.g. "auxiliar de enfermeria"')
    .option('--type <type>', 'occupation or skill (default: both)')
    .option('--lang <lang>', 'language of the returned labels', 'en')
    .option('--limit <n>', 'results', parseTop, 10)
    .option('--esco <path...>', 'ESCO CSV download(s) (zip or folder) instead of the shipped copy')
    .action((words: string[], opts: { type?: string; lang: string; limit: number; esco?: string[] }) => {
      if (opts.type !== undefined && opts.type !== 'occupation' && opts.type !== 'skill') {
        throw new Error(`--type: expected "occupation" or "skill", got "${opts.type}"`);
      }
      const snapshot = loadSnapshot(opts.esco);
      requireLanguage(opts.lang, snapshot.languages);
      const index = buildSearchIndex(snapshot);
      const hits = index.search(words.join(' '), {
        type: opts.type as ConceptType | undefined,
        lang: opts.lang,
        limit: opts.limit,
      });
      for (const h of hits) process.stdout.write(`${JSON.stringify(h)}\n`);
    });

  registerExtractSkillsCommand(program);
}
