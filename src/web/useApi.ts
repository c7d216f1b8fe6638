import { useEffect, useState, type DependencyList } from 'react';
import { errorKey } from './errors.js';

export type Loaded<T> = { status: 'loading' } | { status: 'error'; key: string } | { status: 'done'; data: T };

/** Loads `fetcher` whenever `deps` change; a superseded request is aborted and its answer ignored. */
export function useApi<T>(fetcher: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  useEffect(() => {
    const ctrl = new AbortController();
    setState({ status: 'loading' });
    fetcher(ctrl.signal).then(
      (data) => {
        if (!ctrl.signal.aborted) setState({ status: 'done', data });
      },
      (err: unknown) => {
        if (!ctrl.signal.aborted) setState({ status: 'error', key: errorKey(err) });
      },
    );
    return () => ctrl.abort();
  }, deps);
  return state;
}
