import { describe, expect, it } from 'vitest';
import { coalesced } from './coalesce.js';

/** A run of the task that the test lets finish (or fail) when it wants. */
function controlledTask() {
  const runs: { started: number; finish: () => void; fail: (err: Error) => void }[] = [];
  let active = 0;
  let overlapped = false;
  const task = () =>
    new Promise<void>((resolve, reject) => {
      if (++active > 1) overlapped = true;
      const done = () => active--;
      runs.push({
        started: runs.length + 1,
        finish: () => (done(), resolve()),
        fail: (err) => (done(), reject(err)),
      });
    });
  return { task, runs, overlapped: () => overlapped };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('coalesced', () => {
  it('runs one at a time; callers arriving before a queued run starts share it, later ones get a new run', async () => {
    const t = controlledTask();
    const refresh = coalesced(t.task);
    const settled: string[] = [];
    const call = (name: string) => refresh().then(() => settled.push(name));

    const a = call('a');
    await tick();
    expect(t.runs).toHaveLength(1); // run 1 started for a
    // b and c arrive while run 1 is in progress: it may have read before their writes, so they wait for run 2.
    const b = call('b');
    const c = call('c');
    await tick();
    expect(t.runs).toHaveLength(1); // run 2 waits for run 1 to end
    t.runs[0]!.finish();
    await a;
    await tick();
    expect(settled).toEqual(['a']);
    expect(t.runs).toHaveLength(2); // one run for b and c together
    // d arrives after run 2 started: a run of its own.
    const d = call('d');
    t.runs[1]!.finish();
    await Promise.all([b, c]);
    expect(settled).toEqual(['a', 'b', 'c']);
    await tick();
    expect(t.runs).toHaveLength(3);
    t.runs[2]!.finish();
    await d;
    expect(settled).toEqual(['a', 'b', 'c', 'd']);
    expect(t.overlapped()).toBe(false);
  });

  it('fails the callers sharing a failed run, and the next call runs again', async () => {
    const t = controlledTask();
    const refresh = coalesced(t.task);
    const first = refresh();
    await tick();
    const shared = [refresh(), refresh()];
    t.runs[0]!.finish();
    await first;
    await tick();
    t.runs[1]!.fail(new Error('database gone'));
    for (const p of shared) await expect(p).rejects.toThrow('database gone');
    const again = refresh();
    await tick();
    expect(t.runs).toHaveLength(3);
    t.runs[2]!.finish();
    await expect(again).resolves.toBeUndefined();
  });
});
