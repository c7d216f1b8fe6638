import { describe, expect, it } from 'vitest';
import { terminalProgress } from './progress.js';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  const stream = { isTTY, write: (s: string) => (written.push(s), true) } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe('terminal progress when stderr is not a terminal', () => {
  it('prints a plain line per stage and per quarter, not one per update', () => {
    const { stream, written } = fakeStream(false);
    const p = terminalProgress(stream);
    for (let done = 0; done <= 1000; done += 10)
      p.update('writing taxonomy', done < 500 ? 'labels' : 'relations', done, 1000);
    p.stop();
    expect(written.every((l) => /^writing taxonomy: (labels|relations) \d+\/1000 \(\d+%\)\n$/.test(l))).toBe(true);
    expect(written.length).toBeGreaterThanOrEqual(5);
    expect(written.length).toBeLessThanOrEqual(7);
    expect(written.at(-1)).toBe('writing taxonomy: relations 1000/1000 (100%)\n');
  });
});
