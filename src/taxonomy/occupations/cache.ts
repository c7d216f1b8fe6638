// Start-up cache for the occupation coder: reading the ESCO CSV files and analysing every label, description and
// skill takes seconds; the analysed data (CoderData) is cached as JSON, keyed by a hash of the ESCO files' bytes
// and of the analysis code, so a changed download or a changed stemmer never reads a stale cache.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEscoSnapshot } from '../esco/reader.js';
import { CODER_DATA_FORMAT, type CoderData, coderFromData, type OccupationCoder, prepareCoderData } from './coder.js';

const ANALYSIS_CODE = ['../text.ts', './coder.ts'].map((p) => new URL(p, import.meta.url));

function hashPath(hash: ReturnType<typeof createHash>, path: string): void {
  const st = statSync(path);
  if (st.isDirectory()) {
    for (const name of readdirSync(path).sort()) hashPath(hash, join(path, name));
  } else {
    hash.update(path.split('/').pop() ?? '');
    hash.update(readFileSync(path));
  }
}

/** Cache key of a set of ESCO sources: their bytes, the data format, and the analysis code. */
export function coderCacheKey(sources: string[]): string {
  const hash = createHash('sha256');
  hash.update(`format ${CODER_DATA_FORMAT}\n`);
  for (const s of sources) hashPath(hash, s);
  for (const url of ANALYSIS_CODE) {
    try {
      hash.update(readFileSync(url));
    } catch {
      // Running from a bundle without sources: the format number alone keys the code.
    }
  }
  return hash.digest('hex').slice(0, 32);
}

/** Where caches go: $CORRIDOR_DATA_DIR/cache when that is a folder, else the system temp folder. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const dataDir = env.CORRIDOR_DATA_DIR;
  if (dataDir && !dataDir.includes('://')) return join(dataDir, 'cache');
  return join(tmpdir(), 'corridor-cache');
}

export interface LoadCoderResult {
  coder: OccupationCoder;
  /** True when the analysed data came from the cache. */
  cached: boolean;
}

/** The occupation coder for ESCO sources, through the cache (cacheDir null: no cache). */
export function loadOccupationCoder(sources: string[], cacheDir: string | null = defaultCacheDir()): LoadCoderResult {
  let file: string | undefined;
  if (cacheDir) {
    file = join(cacheDir, `occupation-coder-${coderCacheKey(sources)}.json`);
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as CoderData;
      if (data.format === CODER_DATA_FORMAT) return { coder: coderFromData(data), cached: true };
    } catch {
      // Missing or unreadable cache: rebuild below.
    }
  }
  const data = prepareCoderData(readEscoSnapshot(sources).snapshot);
  if (file && cacheDir) {
    try {
      mkdirSync(cacheDir, { recursive: true });
      // Write then rename: a concurrent reader never sees half a file.
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(data));
      renameSync(tmp, file);
    } catch {
      // A read-only or full disk costs only speed.
    }
  }
  return { coder: coderFromData(data), cached: false };
}
