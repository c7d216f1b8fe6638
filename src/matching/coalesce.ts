// One refresh at a time, shared by the requests waiting for it.

/**
 * Runs `task` one call at a time, each run starting after the previous one ended. Callers arriving while a run is
 * queued and not yet started share that run: it starts after they arrived, so it sees whatever a run of their own
 * would have seen, and N concurrent callers cost two runs rather than N. A failed run fails the callers that share
 * it; the next call queues a new run.
 */
export function coalesced(task: () => Promise<void>): () => Promise<void> {
  let last: Promise<unknown> = Promise.resolve();
  let queued: Promise<void> | null = null;
  return () => {
    if (queued) return queued;
    const run = last.then(() => {
      queued = null; // started: later callers queue the next run
      return task();
    });
    queued = run;
    last = run.catch(() => undefined);
    return run;
  };
}
