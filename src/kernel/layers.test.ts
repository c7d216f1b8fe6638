// The layers hold: plumbing (kernel, db, shared) imports no capability and no shell; capabilities import no shell.
// Read from the source, so a new import that breaks a layer fails here with the file that made it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '..');
const PLUMBING = ['kernel', 'db', 'shared'];
const SHELLS = ['server', 'cli', 'testing'];
const ROOTS = ['migrations.ts'];
/**
 * Deliberate exceptions: a test store migrates every capability's tables; the Database type names every
 * capability's tables (type-only imports, so Kysely checks every query against the whole schema).
 */
const ALLOWED = new Set(['db/testing.ts', 'db/schema.ts']);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The src-relative files a module imports (relative imports only; packages are not layers). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from\s+|import\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
  return specs.map((s) => relative(SRC, resolve(dirname(file), s)).replace(/\.js$/, '.ts'));
}

const top = (path: string) => path.split('/')[0]!;
const capabilities = readdirSync(SRC).filter(
  (name) => statSync(join(SRC, name)).isDirectory() && ![...PLUMBING, ...SHELLS, 'web'].includes(name),
);

describe('layers', () => {
  it('finds the capability folders it checks', () => {
    expect(capabilities).toEqual(expect.arrayContaining(['identity', 'profiles', 'vacancies', 'matching', 'taxonomy']));
  });

  it('keeps plumbing free of capabilities and shells', () => {
    const wrong: string[] = [];
    for (const file of sources(SRC)) {
      const from = relative(SRC, file);
      if (!PLUMBING.includes(top(from)) || ALLOWED.has(from)) continue;
      for (const to of importsOf(file)) {
        if (capabilities.includes(top(to)) || SHELLS.includes(top(to)) || ROOTS.includes(to))
          wrong.push(`${from} → ${to}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps capabilities free of the shells (server, cli)', () => {
    const wrong: string[] = [];
    for (const file of sources(SRC)) {
      const from = relative(SRC, file);
      if (!capabilities.includes(top(from))) continue;
      for (const to of importsOf(file)) if (['server', 'cli'].includes(top(to))) wrong.push(`${from} → ${to}`);
    }
    expect(wrong).toEqual([]);
  });
});
