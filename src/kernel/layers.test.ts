// The layers hold: plumbing (kernel, db, shared) imports no capability and no shell; capabilities import no shell;
// an import that crosses a capability boundary goes through one of the capability's public entries (index.ts,
// domain.ts, testing.ts, browser.ts; docs/ARCHITECTURE.md, "Public entries"). Read from the source, so a new import
// that breaks a rule fails here with the file that made it. `npx tsx scripts/entry-imports.ts` rewrites deep imports.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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

interface Import {
  to: string; // src path
  spec: string;
  typeOnly: boolean;
  dynamic: boolean;
}

/** Every import and re-export of a file, relative or not (bare specifiers keep their name in `spec`). */
function importStatements(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const out: Import[] = [];
  const statement = /(?:^|[\n;])\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]/g;
  const dynamic = /import\(\s*['"]([^'"]+)['"]\s*\)/g;
  const add = (spec: string, typeOnly: boolean, isDynamic: boolean) =>
    out.push({
      spec,
      to: spec.startsWith('.') ? relative(SRC, resolve(dirname(file), spec)).replace(/\.js$/, '.ts') : spec,
      typeOnly,
      dynamic: isDynamic,
    });
  for (const m of text.matchAll(statement)) add(m[2]!, !!m[1], false);
  for (const m of text.matchAll(dynamic)) add(m[1]!, false, true);
  return out;
}

const ENTRIES = ['index.ts', 'domain.ts', 'testing.ts', 'browser.ts'];
const isTestFile = (path: string) => /\.test\.tsx?$/.test(path);
const isTestCode = (path: string) =>
  isTestFile(path) || /(^|\/)testing\.ts$/.test(path) || path.includes('/fixtures/') || top(path) === 'testing';

/** Why an import of `imp` from the src file `from` breaks the entry rule, or null when it keeps it. */
function entryRuleBroken(from: string, imp: Import): string | null {
  const cap = top(imp.to);
  if (!capabilities.includes(cap) || top(from) === cap) return null;
  // The database layer reads table declarations and migrations directly (an entry would bring the capability in).
  if ((top(from) === 'db' || from === 'migrations.ts') && /(^|\/)(schema|migrations)\.ts$/.test(imp.to)) return null;
  const entry = ENTRIES.find((e) => imp.to === `${cap}/${e}`);
  if (!entry) return `reaches inside ${cap} (use an entry: ${ENTRIES.join(', ')})`;
  if (entry === 'testing.ts' && !isTestCode(from) && !imp.dynamic) return 'production code imports fixtures';
  if (top(from) === 'web') {
    if (entry === 'domain.ts') return 'the web uses index.ts (types) or browser.ts (values)';
    if (entry === 'index.ts' && !imp.typeOnly && !isTestCode(from))
      return 'the web imports index.ts with `import type` only (its tests are not bundled)';
    return null;
  }
  if (entry === 'browser.ts') return 'browser.ts is for the web';
  if (capabilities.includes(top(from)) && !isTestFile(from) && entry === 'index.ts')
    return `a capability imports ${cap}/domain.ts (index.ts also holds routes and CLI, and would form cycles)`;
  return null;
}

/** Packages and folders a module the browser loads must not reach (TypeBox: types only, its runtime is ~14 KB gzip). */
const SERVER_ONLY =
  /^(@sinclair\/typebox|node:|kysely$|pg$|@electric-sql\/|fastify|@fastify\/|pdfkit|@node-rs\/|nodemailer)/;

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

  it('sends every cross-capability import through a public entry', () => {
    const wrong: string[] = [];
    for (const file of sources(SRC)) {
      const from = relative(SRC, file);
      for (const imp of importStatements(file)) {
        const why = entryRuleBroken(from, imp);
        if (why) wrong.push(`${from} → ${imp.spec}: ${why}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses the imports the entry rule is there to stop', () => {
    const imp = (to: string, typeOnly = false, dynamic = false) => ({ to, spec: to, typeOnly, dynamic });
    expect(entryRuleBroken('matching/routes.ts', imp('profiles/store.ts'))).toMatch(/reaches inside/);
    expect(entryRuleBroken('matching/routes.ts', imp('profiles/index.ts'))).toMatch(/domain\.ts/);
    expect(entryRuleBroken('matching/routes.ts', imp('profiles/testing.ts'))).toMatch(/fixtures/);
    expect(entryRuleBroken('matching/routes.ts', imp('profiles/testing.ts', false, true))).toBeNull();
    expect(entryRuleBroken('server/routes.ts', imp('profiles/index.ts'))).toBeNull();
    expect(entryRuleBroken('web/profiles.ts', imp('profiles/index.ts'))).toMatch(/import type/);
    expect(entryRuleBroken('web/profiles.ts', imp('profiles/index.ts', true))).toBeNull();
    expect(entryRuleBroken('web/profiles.test.ts', imp('profiles/index.ts'))).toBeNull();
    expect(entryRuleBroken('web/consent.ts', imp('profiles/browser.ts'))).toBeNull();
    expect(entryRuleBroken('matching/store.test.ts', imp('profiles/index.ts'))).toBeNull();
    expect(entryRuleBroken('db/schema.ts', imp('profiles/schema.ts', true))).toBeNull();
    expect(entryRuleBroken('profiles/store.ts', imp('profiles/codes.ts'))).toBeNull();
  });

  it('keeps what the browser loads of a capability free of Node and the database', () => {
    const wrong: string[] = [];
    const seen = new Set<string>();
    const visit = (path: string, via: string) => {
      if (seen.has(path)) return;
      seen.add(path);
      for (const imp of importStatements(join(SRC, path))) {
        if (imp.typeOnly || imp.dynamic) continue;
        if (!imp.spec.startsWith('.')) {
          if (SERVER_ONLY.test(imp.spec)) wrong.push(`${via} … ${path} → ${imp.spec}`);
        } else if (top(imp.to) === 'db') wrong.push(`${via} … ${path} → ${imp.to}`);
        else visit(imp.to, via);
      }
    };
    const entries = capabilities.filter((c) => existsSync(join(SRC, c, 'browser.ts')));
    expect(entries.length).toBeGreaterThan(0);
    for (const cap of entries) visit(`${cap}/browser.ts`, `${cap}/browser.ts`);
    expect(wrong).toEqual([]);
  });
});
