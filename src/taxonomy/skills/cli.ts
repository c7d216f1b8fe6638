// `corridor extract-skills`: JSON Lines {"id","text"} on stdin → {"id","results":[{uri,label,score,evidence}]}
// on stdout, one line per input line, in order. A bad line gets {"id","error"} and processing continues.
// Streams: one line in flight at a time, and output waits for the pipe to drain (backpressure both ways).
import type { Readable, Writable } from 'node:stream';
import { InvalidArgumentError, type Command } from 'commander';
import { readEscoSnapshot, shippedEscoSources } from '../esco/reader.js';
import type { EscoSnapshot } from '../model.js';
import { buildSkillExtractor, type SkillExtractor } from './extract.js';

export interface ExtractSkillsIo {
  input: Readable;
  output: Writable;
}

/** Handles one input line; never throws (a bad line becomes an error object). */
export function extractLine(extractor: SkillExtractor, line: string, top: number, lang: string): object {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (err) {
    // Salvage the id when it is readable, so the caller can still pair the error with its input.
    const m = /"id"\s*:\s*("(?:[^"\\]|\\.)*")/.exec(line);
    let id: unknown;
    try {
      id = m ? JSON.parse(m[1]!) : null;
    } catch {
      id = null;
    }
    return { id, error: `line is not valid JSON (${(err as Error).message})` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { id: null, error: 'line must be a JSON object {"id": string, "text": string}' };
  }
  const rec = parsed as Record<string, unknown>;
  const id = typeof rec.id === 'string' || typeof rec.id === 'number' ? rec.id : null;
  if (typeof rec.id !== 'string') return { id, error: 'id: expected a string' };
  if (typeof rec.text !== 'string') return { id, error: 'text: expected a string' };
  // An optional per-line "lang" overrides --lang (mixed-language batches).
  if (rec.lang !== undefined && (typeof rec.lang !== 'string' || !extractor.languages.includes(rec.lang))) {
    return { id, error: `lang: expected one of ${extractor.languages.join(', ')}` };
  }
  try {
    return { id, results: extractor.extract(rec.text, { top, lang: (rec.lang as string | undefined) ?? lang }) };
  } catch (err) {
    return { id, error: `extraction failed: ${(err as Error).message}` };
  }
}

/**
 * Lines of a byte or string stream, pulled one chunk at a time: the next chunk is read only when the caller
 * asks for the next line, so at most one chunk (plus one partial line) is held however long the input.
 */
export async function* readLines(input: Readable): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  for await (const chunk of input) {
    rest += typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
    let from = 0;
    let nl: number;
    while ((nl = rest.indexOf('\n', from)) >= 0) {
      const line = rest.slice(from, nl);
      from = nl + 1;
      yield line.endsWith('\r') ? line.slice(0, -1) : line;
    }
    rest = rest.slice(from);
  }
  rest += decoder.decode();
  if (rest) yield rest;
}

function write(output: Writable, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = output.write(chunk, (err) => (err ? reject(err) : undefined));
    if (ok) resolve();
    else output.once('drain', resolve);
  });
}

/** Runs the extraction stream; resolves when the input ends. */
export async function runExtractSkills(
  snapshot: EscoSnapshot,
  options: { top: number; lang: string },
  io: ExtractSkillsIo,
): Promise<{ lines: number; errors: number }> {
  const extractor = buildSkillExtractor(snapshot);
  let lines = 0;
  let errors = 0;
  for await (const raw of readLines(io.input)) {
    const line = raw.trim();
    if (!line) continue;
    lines++;
    const out = extractLine(extractor, line, options.top, options.lang);
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

export function registerExtractSkillsCommand(program: Command): void {
  program
    .command('extract-skills')
    .description(
      'Extract ranked ESCO skills from free text (en/es/fr). Reads JSON Lines {"id": string, "text": string, ' +
        '"lang"?: string} on stdin; writes {"id", "results": [{"uri", "label", "score", "evidence"}]} per line, ' +
        'best first (a bad line gets {"id", "error"}).',
    )
    .option('--top <k>', 'skills per text', parseTop, 5)
    .option('--lang <lang>', 'language of the texts and of the returned labels (en, es, fr)', 'en')
    .action(async (opts: { top: number; lang: string }) => {
      const { snapshot } = readEscoSnapshot(shippedEscoSources());
      if (!snapshot.languages.includes(opts.lang)) {
        throw new Error(`--lang: "${opts.lang}" is not one of ${snapshot.languages.join(', ')}`);
      }
      // A reader that goes away (e.g. `| head`) ends the run quietly.
      process.stdout.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'EPIPE') process.exit(0);
      });
      try {
        await runExtractSkills(snapshot, opts, { input: process.stdin, output: process.stdout });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EPIPE') return;
        throw new Error(`cannot read standard input: ${(err as Error).message}`, { cause: err });
      }
    });
}
