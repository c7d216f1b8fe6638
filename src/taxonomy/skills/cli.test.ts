import { spawn } from 'node:child_process';
import { PassThrough, Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIXTURE, writeEscoFixture } from '../esco/fixture.js';
import { readEscoSnapshot } from '../esco/reader.js';
import { runExtractSkills } from './cli.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

async function runInProcess(input: string, top = 5): Promise<{ out: object[]; lines: number; errors: number }> {
  const { snapshot } = readEscoSnapshot([writeEscoFixture()]);
  const inStream = new PassThrough();
  const outStream = new PassThrough();
  const chunks: string[] = [];
  outStream.on('data', (c: Buffer) => chunks.push(c.toString()));
  inStream.end(input);
  const stats = await runExtractSkills(snapshot, { top, lang: 'en' }, { input: inStream, output: outStream });
  const out = chunks
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as object);
  return { out, ...stats };
}

describe('extract-skills stream', () => {
  it('answers every line in order; bad lines get an error and processing continues', async () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'I operate welding equipment every day.' }),
      '{not json',
      JSON.stringify({ id: 'b' }),
      JSON.stringify({ id: 7, text: 'x' }),
      '[1,2]',
      '',
      JSON.stringify({ id: 'c', text: 'Teamwork and patient care.' }),
      JSON.stringify({ id: 'd', text: 'Welding equipment.', lang: 'xx' }),
      JSON.stringify({ id: 'e', text: 'Welding equipment.', lang: 'es' }),
    ].join('\n');
    const { out, lines, errors } = await runInProcess(input, 2);
    expect(lines).toBe(8);
    expect(errors).toBe(5);
    expect(out).toHaveLength(8);
    const [a, bad, b, seven, arr, c, d, e] = out as Record<string, unknown>[];
    expect(d).toMatchObject({ id: 'd', error: expect.stringContaining('lang') });
    // Per-line language: the fixture has no Spanish skill labels, so English labels come back.
    expect((e!.results as { uri: string }[])[0]!.uri).toBe(FIXTURE.weld);
    expect(a!.id).toBe('a');
    const results = a!.results as { uri: string; label: string; score: number; evidence: string }[];
    expect(results[0]).toMatchObject({ uri: FIXTURE.weld, label: 'use welding equipment' });
    expect(typeof results[0]!.score).toBe('number');
    expect(results[0]!.evidence).toBe('operate welding equipment');
    expect(bad).toMatchObject({ id: null, error: expect.stringContaining('JSON') });
    expect(b).toMatchObject({ id: 'b', error: expect.stringContaining('text') });
    expect(seven).toMatchObject({ id: 7, error: expect.stringContaining('id') });
    expect(arr).toMatchObject({ id: null, error: expect.any(String) });
    expect(c!.id).toBe('c');
    expect((c!.results as unknown[]).length).toBe(2);
  });
});

function runCli(args: string[], stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/corridor.mjs', ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('corridor extract-skills (CLI contract)', () => {
  it('reads JSON Lines on stdin and writes results or errors per line, exit 0', async () => {
    const input = [
      JSON.stringify({ id: 'cv-1', text: 'Five years of experience with Python and SQL. Good communicator.' }),
      'this is not json',
      JSON.stringify({ id: 'cv-2', text: 'Trabajé en el cuidado de personas mayores.' }),
    ].join('\n');
    const { code, stdout, stderr } = await runCli(['extract-skills', '--top', '3'], input);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines[0]!.id).toBe('cv-1');
    const results = lines[0]!.results as { uri: string; label: string; score: number; evidence: string }[];
    expect(results).toHaveLength(3);
    expect(results[0]!.label).toBe('Python (computer programming)');
    for (const r of results) {
      expect(Object.keys(r).sort()).toEqual(['evidence', 'label', 'score', 'uri']);
      expect(r.uri).toMatch(/^http:\/\/data\.europa\.eu\/esco\/skill\//);
    }
    expect(lines[1]).toMatchObject({ id: null, error: expect.any(String) });
    expect(lines[2]!.id).toBe('cv-2');
  }, 120_000);

  it('takes --lang for the texts and labels, and rejects a bad --top with a one-line message', async () => {
    const fr = await runCli(
      ['extract-skills', '--lang', 'fr', '--top', '1'],
      '{"id":"1","text":"Je parle anglais."}\n',
    );
    expect(fr.code).toBe(0);
    const line = JSON.parse(fr.stdout) as { results: { label: string }[] };
    expect(line.results[0]!.label).toBe('anglais');
    const bad = await runCli(['extract-skills', '--top', 'zero'], '');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/top/);
    expect(bad.stdout).toBe('');
  }, 120_000);

  it('prints help', async () => {
    const { code, stdout } = await runCli(['extract-skills', '--help'], '');
    expect(code).toBe(0);
    expect(stdout).toMatch(/--top/);
    expect(stdout).toMatch(/--lang/);
  }, 120_000);
});

describe('extract-skills backpressure', () => {
  it('reads ahead only a bounded number of lines while the output is slow', async () => {
    const { snapshot } = readEscoSnapshot([writeEscoFixture()]);
    const total = 3000;
    let produced = 0;
    let written = 0;
    let maxAhead = 0;
    const input = Readable.from(
      (function* () {
        for (let i = 0; i < total; i++) {
          produced++;
          yield `${JSON.stringify({ id: String(i), text: 'I operate welding equipment and care for patients.' })}\n`;
        }
      })(),
    );
    const output = new Writable({
      highWaterMark: 64,
      write(_chunk, _enc, done) {
        written++;
        maxAhead = Math.max(maxAhead, produced - written);
        setImmediate(done);
      },
    });
    const stats = await runExtractSkills(snapshot, { top: 2, lang: 'en' }, { input, output });
    expect(stats.lines).toBe(total);
    expect(written).toBe(total);
    expect(maxAhead).toBeLessThan(200);
  });
});
