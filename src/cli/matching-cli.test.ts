import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from './main.js';

// Bad input is refused before any store is opened: one line on stderr, non-zero exit, no stack trace.
describe('matching CLI input errors', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  const run = async (argv: string[]): Promise<string> => {
    let err = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      err += String(chunk);
      return true;
    });
    await main(argv);
    return err;
  };

  it.each([
    [['match'], 'give exactly one of --vacancy <id> or --profile <id>'],
    [['match', '--vacancy', 'a', '--profile', 'b'], 'give exactly one of'],
    [['match', '--vacancy', 'a', '--top', 'many'], '--top: expected an integer'],
    [['match', '--vacancy', 'a', '--lang', 'de'], '--lang: expected one of en, es, fr, ar'],
    [['match-gap', '--profile', 'p'], 'give exactly one of --vacancy <id> or --occupation <uri>'],
    [['generate', '--profiles', '-3', '--vacancies', '1'], '--profiles: expected an integer'],
  ])('%j', async (argv, message) => {
    const err = await run(argv);
    expect(err).toContain(message);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).not.toMatch(/\n\s+at /);
    expect(process.exitCode).not.toBe(0);
  });
});
