// JSON Lines streaming shared by the batch commands (classify-occupation, extract-skills): one line in flight,
// output waits for the pipe to drain, and a bad line becomes {"id", "error"} instead of stopping the run.
import { StringDecoder } from 'node:string_decoder';
import type { Readable, Writable } from 'node:stream';
import { InvalidArgumentError } from 'commander';

export interface LineIo {
  input: Readable;
  output: Writable;
}

export type LineId = string | number | null;

/**
 * Lines of a stream, pulled one chunk at a time: the next chunk is read only when the consumer asks for more
 * lines, so a fast producer cannot fill memory (readline's async iterator queues every line it has read).
 */
export async function* readLines(input: Readable): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of input) {
    const text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      const line = text.slice(start, nl);
      yield line.endsWith('\r') ? line.slice(0, -1) : line;
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  rest += decoder.end();
  if (rest) yield rest;
}

function writeLine(output: Writable, value: object): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = output.write(`${JSON.stringify(value)}\n`, (err) => (err ? reject(err) : undefined));
    if (ok) resolve();
    else output.once('drain', resolve);
  });
}

/** The id of a line that is not valid JSON, when it can still be read, so the error pairs with its input. */
function salvageId(line: string): LineId {
  const m = /"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)/.exec(line);
  if (!m) return null;
  try {
    return JSON.parse(m[1]!) as string | number;
  } catch {
    return null;
  }
}

/** Parses one line into an object with a string id, or the error object to print for it. */
export function parseRecord(
  line: string,
  shape: string,
): { id: string; record: Record<string, unknown> } | { id: LineId; error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (err) {
    return { id: salvageId(line), error: `line is not valid JSON (${(err as Error).message})` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { id: null, error: `line must be a JSON object ${shape}` };
  }
  const record = parsed as Record<string, unknown>;
  if (typeof record.id !== 'string') {
    return { id: typeof record.id === 'number' ? record.id : null, error: 'id: expected a string' };
  }
  return { id: record.id, record };
}

/** Runs `handle` over every non-blank line; resolves with counts when the input ends, rejects if it breaks. */
export async function runJsonLines(
  io: LineIo,
  handle: (line: string) => object,
): Promise<{ lines: number; errors: number }> {
  let lines = 0;
  let errors = 0;
  for await (const raw of readLines(io.input)) {
    const line = raw.trim();
    if (!line) continue;
    lines++;
    const out = handle(line);
    if ('error' in out) errors++;
    await writeLine(io.output, out);
  }
  return { lines, errors };
}

/** Streams stdin → stdout; a reader that goes away (`| head`) ends quietly, a broken stdin is a one-line error. */
export async function runOnStdio(handle: (line: string) => object): Promise<void> {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
  });
  try {
    await runJsonLines({ input: process.stdin, output: process.stdout }, handle);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EPIPE') return;
    throw new Error(`cannot read standard input: ${(err as Error).message}`, { cause: err });
  }
}

/** `--top K` / `--limit N`: an integer from 1 to 1000. */
export function parseTop(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InvalidArgumentError('expected an integer from 1 to 1000');
  return n;
}

/** `--lang L` checked against the languages the data has (taken after loading it): a clear error, not English. */
export function requireLanguage(lang: string, languages: readonly string[]): void {
  if (!languages.includes(lang)) throw new Error(`--lang: "${lang}" is not one of ${languages.join(', ')}`);
}
