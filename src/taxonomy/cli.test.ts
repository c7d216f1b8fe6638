import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readEscoSnapshot } from './esco/reader.js';
import { FIXTURE, writeEscoFixture } from './esco/fixture.js';
import { classifyLine, readLines, runClassifyOccupation } from './cli.js';
import { buildOccupationCoder } from './occupations/coder.js';

const ROOT = new URL('../../', import.meta.url).pathname;

function runCli(args: string[], stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/corridor.mjs', ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('corridor classify-occupation (contract)', () => {
  it('answers one JSON line per input line, errors in place, and exits 0', async () => {
    const esco = writeEscoFixture();
    const input = [
      JSON.stringify({ id: 'a', title: 'Senior Welder' }),
      'this is not json',
      JSON.stringify({ id: 'b' }),
      '',
      JSON.stringify({ id: 'c', title: 'Nursing aide', description: 'Provide basic patient care.' }),
      JSON.stringify({ id: 7, title: 'welder' }),
    ].join('\n');
    const { code, stdout } = await runCli(['classify-occupation', '--top', '2', '--esco', esco], input);
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatchObject({ id: 'a', results: [{ uri: FIXTURE.welder, code: '7212.1', isco: '7212' }] });
    const first = (lines[0]!.results as Record<string, unknown>[])[0]!;
    expect(Object.keys(first).sort()).toEqual(['code', 'confidence', 'isco', 'label', 'score', 'uri']);
    expect((lines[0]!.results as unknown[]).length).toBeLessThanOrEqual(2);
    expect(lines[1]).toMatchObject({ id: null, error: expect.stringContaining('not valid JSON') });
    expect(lines[2]).toMatchObject({ id: 'b', error: expect.stringContaining('title') });
    expect(lines[3]).toMatchObject({ id: 'c', results: [{ uri: FIXTURE.nurse }] });
    expect(lines[4]).toMatchObject({ id: 7, error: expect.stringContaining('id') });
  });

  it('corridor search prints one JSON hit per line', async () => {
    const { code, stdout } = await runCli(
      ['search', 'weldr', '--type', 'occupation', '--esco', writeEscoFixture()],
      '',
    );
    expect(code).toBe(0);
    const hits = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(hits[0]).toMatchObject({ uri: FIXTURE.welder, type: 'occupation', label: 'welder', isco: '7212' });
  });

  it('rejects a bad option with a one-line message and a non-zero exit', async () => {
    const { code, stderr } = await runCli(['classify-occupation', '--top', 'zero'], '');
    expect(code).not.toBe(0);
    expect(stderr).toContain('--top');
    expect(stderr).not.toContain('    at ');
  });

  it('rejects a --lang the taxonomy has no occupation labels in, instead of answering in English', async () => {
    const esco = writeEscoFixture();
    const input = JSON.stringify({ id: 'a', title: 'welder' });
    const { code, stdout, stderr } = await runCli(
      ['classify-occupation', '--lang', 'de', '--esco', esco, '--no-cache'],
      input,
    );
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/--lang: "de" is not one of en/);
    expect(stderr).not.toContain('    at ');
  });
});

describe('classification stream', () => {
  const coder = buildOccupationCoder(readEscoSnapshot([writeEscoFixture()]).snapshot);

  it('salvages the id of a broken line and validates fields', () => {
    expect(classifyLine(coder, '{"id": "x1", "title": ', 5, 'en')).toMatchObject({
      id: 'x1',
      error: expect.any(String),
    });
    expect(classifyLine(coder, '[1,2]', 5, 'en')).toMatchObject({ id: null });
    expect(classifyLine(coder, '{"id":"d","title":"welder","description":3}', 5, 'en')).toMatchObject({
      id: 'd',
      error: expect.stringContaining('description'),
    });
  });

  it('keeps output in input order and counts errors', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (d: Buffer) => (text += d.toString()));
    const done = runClassifyOccupation(coder, { top: 1, lang: 'en' }, { input, output });
    for (let i = 0; i < 50; i++)
      input.write(`${JSON.stringify({ id: String(i), title: i % 2 ? 'welder' : 'nurse' })}\n`);
    input.end('{bad\n');
    expect(await done).toEqual({ lines: 51, errors: 1 });
    const ids = text
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { id: unknown }).id);
    expect(ids.slice(0, 50)).toEqual(Array.from({ length: 50 }, (_, i) => String(i)));
  });

  it('fails (does not hang or pretend success) when the input stream breaks', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    output.resume();
    const done = runClassifyOccupation(coder, { top: 1, lang: 'en' }, { input, output });
    input.write(`${JSON.stringify({ id: 'a', title: 'welder' })}\n`);
    setTimeout(() => input.destroy(new Error('EIO: i/o error, read')), 20);
    await expect(done).rejects.toThrow(/EIO/);
  });

  it('splits lines across chunks, keeps multi-byte characters whole, drops CR of CRLF, and yields a last line without newline', async () => {
    const input = new PassThrough();
    const bytes = Buffer.from('{"title":"électricien"}\r\nsecond\nthird', 'utf8');
    const cut = bytes.indexOf(0xa9); // inside "é" (0xC3 0xA9)
    input.write(bytes.subarray(0, cut));
    input.end(bytes.subarray(cut));
    const got: string[] = [];
    for await (const line of readLines(input)) got.push(line);
    expect(got).toEqual(['{"title":"électricien"}', 'second', 'third']);
  });
});
