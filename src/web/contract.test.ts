// One contract: the web app takes the API's types from the server's schemas (`import type`), it does not write them
// out again. A hand copy drifts silently (the web's ConsentRecord had lost a purpose), so this test fails when a
// module of src/web declares an interface or an object type whose name is a TypeBox schema of a capability
// (`X = Type.…`, also `XView` for a web `X`). Read from the source, like src/kernel/layers.test.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '..');
const NOT_CAPABILITIES = new Set(['web', 'kernel', 'db', 'shared', 'server', 'cli', 'testing']);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Same name, another thing: the web's own shapes that only share a word with a server schema. */
const UNRELATED: Record<string, string> = {
  Outcome:
    "a form's status line (staff/form.tsx) and a verification's result (passport/Verify.tsx), not protection's outcome",
};

/** Schema name → the file that declares it, with `XView` also under `X`. */
function serverSchemas(): Map<string, string> {
  const names = new Map<string, string>();
  const capabilities = readdirSync(SRC).filter(
    (name) => statSync(join(SRC, name)).isDirectory() && !NOT_CAPABILITIES.has(name),
  );
  for (const cap of capabilities)
    for (const file of sources(join(SRC, cap)))
      for (const m of readFileSync(file, 'utf8').matchAll(/^(?:export )?const ([A-Z]\w*) = Type\./gm)) {
        const at = relative(SRC, file);
        names.set(m[1]!, at);
        if (m[1]!.endsWith('View')) names.set(m[1]!.slice(0, -'View'.length), at);
      }
  return names;
}

/** The interfaces and object-literal type aliases a module declares. */
function shapesIn(text: string): string[] {
  const declaration = /^\s*(?:export\s+)?(?:interface\s+([A-Z]\w*)|type\s+([A-Z]\w*)\s*=\s*\{)/gm;
  return [...text.matchAll(declaration)].map((m) => (m[1] ?? m[2])!);
}

function webShapes(): { file: string; name: string }[] {
  return sources(join(SRC, 'web')).flatMap((file) =>
    shapesIn(readFileSync(file, 'utf8')).map((name) => ({ file: relative(SRC, file), name })),
  );
}

describe('one contract', () => {
  const schemas = serverSchemas();
  const shapes = webShapes();

  it('reads the server schemas and the web shapes it compares', () => {
    // Guards the patterns: schemas the web does import, and a web interface that is its own.
    for (const name of ['CaseView', 'ConsentView', 'Vacancy', 'VacancyUpdate', 'PassportSummary', 'CodeSuggestions'])
      expect(schemas.has(name), name).toBe(true);
    expect(shapes.map((s) => s.name)).toContain('NavItem');
  });

  it('finds no hand-written copy of a server schema in src/web', () => {
    const copies = shapes
      .filter((s) => schemas.has(s.name) && !(s.name in UNRELATED))
      .map((s) => `${s.file}: ${s.name} (the server's is ${schemas.get(s.name)}; import its type instead)`);
    expect(copies).toEqual([]);
  });

  it('keeps the list of unrelated names true', () => {
    const declared = new Set(shapes.filter((s) => schemas.has(s.name)).map((s) => s.name));
    const stale = Object.keys(UNRELATED).filter((name) => !declared.has(name));
    expect(stale).toEqual([]);
  });

  it('finds a copy when one is there', () => {
    // Two of the web's recognition types before it imported the contract, and a web type of its own.
    const before =
      'export interface Referral {\n  id: string;\n}\ntype Qualification = { id: string };\ntype Loaded<T> = T;\n';
    expect(shapesIn(before).filter((name) => schemas.has(name))).toEqual(['Referral', 'Qualification']);
  });
});
