// Taxonomy tools on the command line:
//   corridor classify-occupation  JSON Lines {"id","title","description"?} on stdin → ranked ESCO occupations
//   corridor search <words...>    autocomplete over occupations and skills
//   corridor extract-skills       (skills/cli.ts) ESCO skills in free text
// Streams line by line with backpressure: one line in flight, output waits for the pipe to drain.
import { StringDecoder } from 'node:string_decoder';
import type { Readable, Writable } from 'node:stream';
import { InvalidArgumentError, type Command } from 'commander';
import { readEscoSnapshot, shippedEscoSources } from './esco/reader.js';
import type { EscoSnapshot } from './model.js';
import type { OccupationCoder } from './occupations/coder.js';
import { defaultCacheDir, loadOccupationCoder } from './occupations/cache.js';
import { buildSearchIndex, type ConceptType } from './search/index.js';
import { registerExtractSkillsCommand } from './skills/cli.js';

export interface LineIo {
  input: Readable;
  output: Writable;
}

function salvageId(line: string): string | number | null {
  const m = /"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)/.exec(line);
  if (!m) return null;
  try {
    return JSON.parse(m[1]!) as string | number;
  } catch {
    return null;
  }
}

/** One input line → one output object; never throws (a bad line becomes {"id", "error"}). */
export function classifyLine(coder: OccupationCoder, line: string, top: number, lang: string): object {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (err) {
    return { id: salvageId(line), error: `line is not valid JSON (${(err as Error).message})` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { id: null, error: 'line must be a JSON object {"id": string, "title": string, "description"?: string}' };
  }
  const rec = parsed as Record<string, unknown>;
  const id = typeof rec.id === 'string' || typeof rec.id === 'number' ? rec.id : null;
  if (typeof rec.id !== 'string') return { id, error: 'id: expected a string' };
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

function write(output: Writable, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = output.write(chunk, (err) => (err ? reject(err) : undefined));
    if (ok) resolve();
    else output.once('drain', resolve);
  });
}

/**
 * Lines of a stream, one at a time: the next chunk is read only when the consumer asks for more lines, so a fast
 * producer cannot fill memory while the coder works (readline's async iterator queues every line it has read).
 */
export async function* readLines(input: Readable): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of input) {
    const text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      yield text.slice(start, nl);
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  rest += decoder.end();
  if (rest) yield rest;
}

/** Runs occupation coding over a JSON Lines stream; resolves when the input ends, rejects if it breaks. */
export async function runClassifyOccupation(
  coder: OccupationCoder,
  options: { top: number; lang: string },
  io: LineIo,
): Promise<{ lines: number; errors: number }> {
  let lines = 0;
  let errors = 0;
  for await (const raw of readLines(io.input)) {
    const line = raw.trim();
    if (!line) continue;
    lines++;
    const out = classifyLine(coder, line, options.top, options.lang);
    if ('error' in out) errors++;
    await write(io.output, `${JSON.stringify(out)}\n`);
  }
  return { lines, errors };
}

function parseTop(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InvalidArgumentError('expected an integer from 1 to 1000');
  return n;
}

function loadSnapshot(esco: string[] | undefined): EscoSnapshot {
  return readEscoSnapshot(esco && esco.length ? esco : shippedEscoSources()).snapshot;
}

function checkLang(snapshot: EscoSnapshot, lang: string): void {
  if (!snapshot.languages.includes(lang)) {
    throw new Error(`--lang: "${lang}" is not one of ${snapshot.languages.join(', ')}`);
  }
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
      // A reader that goes away (e.g. `| head`) ends the run quietly.
      process.stdout.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'EPIPE') process.exit(0);
      });
      try {
        await runClassifyOccupation(coder, opts, { input: process.stdin, output: process.stdout });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EPIPE') return;
        throw new Error(`cannot read standard input: ${(err as Error).message}`, { cause: err });
      }
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
      checkLang(snapshot, opts.lang);
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
