// Answers typed into a form but not saved yet, kept while the person moves around the app (another step of the
// interview, back to the profile, browser back and forward) so nothing typed is lost. Kept in memory only: a shared
// office computer must not keep a person's answers on disk; reloading or closing the tab asks first (beforeunload).
import { useCallback, useState, useSyncExternalStore, type Dispatch, type SetStateAction } from 'react';

const drafts = new Map<string, unknown>();
const listeners = new Set<() => void>();
let version = 0;

function changed(): void {
  version++;
  listeners.forEach((l) => l());
}

/** Like useState, but the value outlives the component under `key` until the draft is cleared. */
export function useDraft<T>(key: string, initial: () => T): [T, Dispatch<SetStateAction<T>>] {
  const [value, setValue] = useState<T>(() => (drafts.has(key) ? (drafts.get(key) as T) : initial()));
  const set = useCallback<Dispatch<SetStateAction<T>>>(
    (next) =>
      setValue((prev) => {
        const value = typeof next === 'function' ? (next as (p: T) => T)(prev) : next;
        drafts.set(key, value);
        queueMicrotask(changed);
        return value;
      }),
    [key],
  );
  return [value, set];
}

/** Forgets the drafts whose key starts with `prefix` (a step was saved, or reloaded after a conflict). */
export function clearDrafts(prefix = ''): void {
  let any = false;
  for (const k of [...drafts.keys()])
    if (k.startsWith(prefix)) {
      drafts.delete(k);
      any = true;
    }
  if (any) changed();
}

export function hasDrafts(prefix: string): boolean {
  for (const k of drafts.keys()) if (k.startsWith(prefix)) return true;
  return false;
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Whether unsaved drafts exist under `prefix`; re-renders when that changes. */
export function useHasDrafts(prefix: string): boolean {
  useSyncExternalStore(subscribe, () => version);
  return hasDrafts(prefix);
}
