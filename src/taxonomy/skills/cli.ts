// `corridor extract-skills`: JSON Lines {"id","text"} on stdin → {"id","results":[{uri,label,score,evidence}]}
// on stdout, one line per input line, in order. A bad line gets {"id","error"} and processing continues.
// Streams: one line in flight at a time, and output waits for the pipe to drain (backpressure both ways).
import type { Command } from 'commander';
import {
  parseRecord,
  parseTop,
  requireLanguage,
  runJsonLines,
  runOnStdio,
  type LineIo,
} from '../../shared/json-lines.js';
import { readEscoSnapshot, shippedEscoSources } from '../esco/reader.js';
import type { EscoSnapshot } from '../model.js';
import { buildSkillExtractor, type SkillExtractor } from './extract.js';

export type ExtractSkillsIo = LineIo;

/** Handles one input line; never throws (a bad line becomes an error object). */
export function extractLine(extractor: SkillExtractor, line: string, top: number, lang: string): object {
  const parsed = parseRecord(line, '{"id": string, "text": string}');
  if ('error' in parsed) return parsed;
  const { id, record: rec } = parsed;
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

/** Runs the extraction stream; resolves when the input ends. */
export function runExtractSkills(
  snapshot: EscoSnapshot,
  options: { top: number; lang: string },
  io: ExtractSkillsIo,
): Promise<{ lines: number; errors: number }> {
  const extractor = buildSkillExtractor(snapshot);
  return runJsonLines(io, (line) => extractLine(extractor, line, options.top, options.lang));
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
      requireLanguage(opts.lang, snapshot.languages);
      const extractor = buildSkillExtractor(snapshot);
      await runOnStdio((line) => extractLine(extractor, line, opts.top, opts.lang));
    });
}
