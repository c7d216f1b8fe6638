// First start: when no taxonomy version is ready, import the ESCO copy shipped in assets/esco; later starts find
// the ready version and skip the import.
import type { Store } from '../../db/database.js';
import { readEscoSnapshot, shippedEscoSources } from '../esco/reader.js';
import type { EscoSnapshot } from '../model.js';
import { importEscoSnapshot } from './import.js';
import { terminalProgress, type ProgressReporter } from './progress.js';
import { activateVersion, activeVersion, listVersions } from './versions.js';

export interface EnsureLoadedOptions {
  /** Defaults to a progress bar on stderr (plain lines when stderr is not a terminal). */
  progress?: ProgressReporter;
  /** Sources to import when the store is empty; defaults to the shipped ESCO. */
  sources?: string[];
}

export interface EnsureLoadedResult {
  /** The active version after the call. */
  version: string;
  /** True when this call imported it (first start). */
  imported: boolean;
  ms: number;
  warnings: string[];
  /** The imported snapshot when this call imported it, so the caller need not load it back from the store. */
  snapshot?: EscoSnapshot;
}

export async function ensureTaxonomyLoaded(
  store: Store,
  options: EnsureLoadedOptions = {},
): Promise<EnsureLoadedResult> {
  const started = Date.now();
  const current = await activeVersion(store.db);
  if (current) return { version: current, imported: false, ms: Date.now() - started, warnings: [] };
  // Versions imported but none active (e.g. activation undone by hand): activate the newest rather than re-import.
  const newest = (await listVersions(store.db)).find((v) => v.status === 'ready');
  if (newest) {
    await activateVersion(store.db, newest.version);
    return { version: newest.version, imported: false, ms: Date.now() - started, warnings: [] };
  }

  const progress = options.progress ?? terminalProgress();
  try {
    const { snapshot, warnings } = readEscoSnapshot(options.sources ?? shippedEscoSources(), {
      onProgress: (stage, done, total) => progress.update('reading ESCO', stage, done, total),
    });
    try {
      const result = await importEscoSnapshot(store.db, snapshot, {
        activate: true,
        source: (options.sources ?? shippedEscoSources()).map((s) => s.split('/').pop()).join(', '),
        onProgress: (stage, done, total) => progress.update('writing taxonomy', stage, done, total),
      });
      return { version: result.version, imported: true, ms: Date.now() - started, warnings, snapshot };
    } catch (err) {
      // Another server sharing the database imported it meanwhile: use theirs.
      const now = await activeVersion(store.db);
      if (now) return { version: now, imported: false, ms: Date.now() - started, warnings };
      throw err;
    }
  } finally {
    progress.stop();
  }
}
