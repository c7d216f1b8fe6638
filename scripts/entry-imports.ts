// `npx tsx scripts/entry-imports.ts [--check]`: rewrites every import that crosses a capability boundary so it goes
// through the capability's public entry (docs/ARCHITECTURE.md, "Public entries"), and adds to that entry the
// re-exports the rewritten imports need. Idempotent: a second run changes nothing. Prints every change; with --check
// it changes nothing and exits 1 when something would change (or when an import cannot be rewritten).
//
// Which entry:  see entryFor() below (index.ts for the shells and tests, domain.ts for other capabilities,
//               testing.ts for fixtures, browser.ts for the web's run-time values).
// Left alone:   imports inside one capability; the database layer's imports of table declarations and migrations
//               (src/db/*, src/migrations.ts: an entry would bring the capability into the layer beneath it).
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import prettier from 'prettier';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');
const NOT_CAPABILITIES = new Set(['kernel', 'db', 'shared', 'server', 'cli', 'testing', 'web']);

export const capabilities = (): string[] =>
  readdirSync(SRC).filter((n) => statSync(join(SRC, n)).isDirectory() && !NOT_CAPABILITIES.has(n));

const rel = (abs: string) => relative(SRC, abs).split('\\').join('/');
const top = (srcPath: string) => srcPath.split('/')[0]!;

/** Test code: may reach other capabilities' fixtures (testing.ts). */
export function isTestCode(srcPath: string): boolean {
  return (
    /\.test\.tsx?$/.test(srcPath) ||
    /(^|\/)testing\.ts$/.test(srcPath) ||
    srcPath.includes('/fixtures/') ||
    top(srcPath) === 'testing'
  );
}

/** A module that only tests and examples use (it must be exported by testing.ts, never by index.ts). */
export function isFixtureModule(srcPath: string): boolean {
  return /(^|\/)testing\.ts$/.test(srcPath) || /(^|\/)fixtures?(\/|\.ts$)/.test(srcPath);
}

/** The database layer reads table declarations and migrations directly. */
export function isDatabaseLayerImport(from: string, to: string): boolean {
  return (from.startsWith('db/') || from === 'migrations.ts') && /(^|\/)(schema|migrations)\.ts$/.test(to);
}

/** The public entries of a capability (file names inside its folder). */
export const ENTRIES = ['index.ts', 'domain.ts', 'testing.ts', 'browser.ts'];

const isTestFile = (srcPath: string) => /\.test\.tsx?$/.test(srcPath);

/**
 * Which entry an import of `to` from `from` should use, or null when it may stay as it is:
 * - another capability's production code (and its fixtures, which routes load lazily) → <cap>/domain.ts, the
 *   narrower entry without routes and CLI, so capabilities that use each other one way form no import cycle;
 * - the shells, src/testing and test files → <cap>/index.ts (domain.ts and the routes, capability and CLI);
 * - a fixture module (testing.ts, fixtures) → <cap>/testing.ts, for test code and lazy examples only;
 * - src/web: types → <cap>/index.ts with `import type`; run-time values → <cap>/browser.ts (pure modules).
 */
export function entryFor(from: string, to: string, typeOnly: boolean, dynamic = false): string | null {
  const cap = top(to);
  if (!capabilities().includes(cap) || top(from) === cap) return null;
  if (isDatabaseLayerImport(from, to)) return null;
  const inCapability = capabilities().includes(top(from)) && !isTestFile(from);
  const webValue = top(from) === 'web' && !typeOnly && !isTestCode(from);
  if (ENTRIES.some((e) => to === `${cap}/${e}`)) {
    // Already an entry; still wrong when production code reaches a fixture, or the wrong entry for its layer.
    if (to === `${cap}/testing.ts`) return isTestCode(from) || dynamic ? null : `${cap}/domain.ts`;
    if (webValue) return to === `${cap}/browser.ts` ? null : `${cap}/browser.ts`;
    if (inCapability) return to === `${cap}/index.ts` ? `${cap}/domain.ts` : null;
    return null;
  }
  if (isFixtureModule(to)) return `${cap}/testing.ts`;
  if (webValue) return `${cap}/browser.ts`;
  if (inCapability) return `${cap}/domain.ts`;
  return `${cap}/index.ts`;
}

/** The src path a relative specifier names (`.js` written for a `.ts`/`.tsx` file). */
export function resolveSpecifier(fromAbs: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const abs = resolve(dirname(fromAbs), spec);
  for (const candidate of [abs.replace(/\.js$/, '.ts'), abs.replace(/\.js$/, '.tsx'), abs, `${abs}.ts`]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return rel(candidate);
  }
  return rel(abs.replace(/\.js$/, '.ts'));
}

function specifierFor(fromAbs: string, toSrc: string): string {
  let s = relative(dirname(fromAbs), join(SRC, toSrc))
    .split('\\')
    .join('/')
    .replace(/\.tsx?$/, '.js');
  if (!s.startsWith('.')) s = `./${s}`;
  return s;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

interface Need {
  name: string;
  typeOnly: boolean;
  module: string; // src path of the module that declares it
}

interface Edit {
  start: number;
  end: number;
  text: string;
  /** `entry|name` pairs the rewritten import needs; the edit is dropped when one of them conflicts. */
  needs?: string[];
}

interface Plan {
  file: string;
  edits: Edit[];
  notes: string[];
}

const parse = (file: string, text: string) =>
  ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );

/** Names a dynamic `import(spec)` uses: `(await import(x)).name` or `const { a, b } = await import(x)`. */
function dynamicNames(call: ts.CallExpression): string[] | null {
  let node: ts.Node = call.parent;
  if (!ts.isAwaitExpression(node)) return null;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent)) return [parent.name.text];
  if (ts.isVariableDeclaration(parent) && ts.isObjectBindingPattern(parent.name))
    return parent.name.elements.map((e) => ((e.propertyName ?? e.name) as ts.Identifier).text);
  return null;
}

/** Plans the rewrite of one file: specifier edits, and the names each entry must export. */
function planFile(abs: string, needs: Map<string, Need[]>, problems: string[]): Plan {
  const from = rel(abs);
  const text = readFileSync(abs, 'utf8');
  const sf = parse(abs, text);
  const plan: Plan = { file: abs, edits: [], notes: [] };
  const need = (entry: string, n: Need) => {
    if (!needs.has(entry)) needs.set(entry, []);
    needs.get(entry)!.push(n);
  };
  const visit = (node: ts.Node): void => {
    let spec: ts.StringLiteral | undefined;
    let names: Array<{ name: string; typeOnly: boolean }> | null = null;
    let typeOnly = false;
    let dynamic = false;
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      spec = node.moduleSpecifier;
      const clause = node.importClause;
      typeOnly = !!clause?.isTypeOnly;
      if (!clause) names = [];
      else if (clause.name || (clause.namedBindings && ts.isNamespaceImport(clause.namedBindings))) names = null;
      else {
        const els = (clause.namedBindings as ts.NamedImports | undefined)?.elements ?? [];
        names = els.map((e) => ({ name: (e.propertyName ?? e.name).text, typeOnly: typeOnly || e.isTypeOnly }));
        if (els.length && els.every((e) => e.isTypeOnly)) typeOnly = true;
      }
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      spec = node.moduleSpecifier;
      typeOnly = node.isTypeOnly;
      const els = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : null;
      names = els
        ? els.map((e) => ({ name: (e.propertyName ?? e.name).text, typeOnly: typeOnly || e.isTypeOnly }))
        : null;
      if (els && els.length && els.every((e) => e.isTypeOnly)) typeOnly = true;
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      spec = node.arguments[0];
      dynamic = true;
      const used = dynamicNames(node);
      names = used ? used.map((name) => ({ name, typeOnly: false })) : null;
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      spec = node.argument.literal;
      typeOnly = true;
      names =
        node.qualifier && ts.isIdentifier(node.qualifier) ? [{ name: node.qualifier.text, typeOnly: true }] : null;
    }
    if (spec) {
      const to = resolveSpecifier(abs, spec.text);
      const entry = to ? entryFor(from, to, typeOnly, dynamic) : null;
      if (to && entry) {
        const where = `${from}:${sf.getLineAndCharacterOfPosition(spec.getStart()).line + 1}`;
        if (names === null) {
          problems.push(
            `${where}: '${spec.text}' (a default, namespace or unfollowed dynamic import) — rewrite by hand`,
          );
        } else if (ENTRIES.some((e) => to === `${top(to)}/${e}`)) {
          // One entry for another (e.g. a capability importing index.ts): name each export's own module.
          const { named } = entryExports(join(SRC, to));
          const missing = names.filter((n) => !named.has(n.name));
          if (missing.length) {
            problems.push(`${where}: '${spec.text}' should be ${entry}; ${missing.map((n) => n.name)} not found`);
          } else {
            for (const n of names) need(entry, { ...n, module: named.get(n.name)!.module });
            const quote = text[spec.getStart()]!;
            const next = specifierFor(abs, entry);
            const needs = names.map((n) => `${entry}|${n.name}`);
            plan.edits.push({ start: spec.getStart(), end: spec.getEnd(), text: `${quote}${next}${quote}`, needs });
            plan.notes.push(`${where}: '${spec.text}' → '${next}'`);
          }
        } else {
          for (const n of names) need(entry, { ...n, module: to });
          const quote = text[spec.getStart()]!;
          const next = specifierFor(abs, entry);
          const needs = names.map((n) => `${entry}|${n.name}`);
          plan.edits.push({ start: spec.getStart(), end: spec.getEnd(), text: `${quote}${next}${quote}`, needs });
          plan.notes.push(
            `${where}: '${spec.text}' → '${next}'${names.length ? ` (${names.map((n) => n.name).join(', ')})` : ''}`,
          );
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return plan;
}

/** What an entry exports today: name → { module (src path), typeOnly }; `export *` modules listed apart. */
function entryExports(entryAbs: string): { named: Map<string, { module: string; typeOnly: boolean }>; star: string[] } {
  const named = new Map<string, { module: string; typeOnly: boolean }>();
  const star: string[] = [];
  if (!existsSync(entryAbs)) return { named, star };
  const sf = parse(entryAbs, readFileSync(entryAbs, 'utf8'));
  for (const st of sf.statements) {
    if (!ts.isExportDeclaration(st) || !st.moduleSpecifier || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    const module = resolveSpecifier(entryAbs, st.moduleSpecifier.text)!;
    if (!st.exportClause) {
      star.push(module);
      for (const [name, e] of entryExports(join(SRC, module)).named) if (!named.has(name)) named.set(name, e);
    } else if (ts.isNamedExports(st.exportClause))
      for (const e of st.exportClause.elements)
        named.set(e.name.text, { module, typeOnly: st.isTypeOnly || e.isTypeOnly });
  }
  return { named, star };
}

const ENTRY_HEADERS: Record<string, (cap: string) => string> = {
  'index.ts': (cap) =>
    `// The public entry of ${cap}: what the shells (server, CLI), tests elsewhere and the web (types only) use.\n`,
  'domain.ts': (cap) =>
    `// ${cap} as other capabilities see it: index.ts without the routes and CLI, so capabilities that use each\n` +
    `// other one way form no import cycle through them.\n`,
  'testing.ts': (cap) =>
    `// Fixtures of ${cap} for tests and the authorization matrix's examples (never production code).\n`,
  'browser.ts': (cap) => `// What the web app loads of ${cap} at run time: pure modules only (no Node, no database).\n`,
};

/** Adds the missing re-exports to an entry; returns the notes. Conflicting names are reported, not exported. */
function extendEntry(
  entry: string,
  wanted: Need[],
  problems: string[],
  write: boolean,
  conflicts: Set<string>,
): string[] {
  const entryAbs = join(SRC, entry);
  const { named, star } = entryExports(entryAbs);
  const add = new Map<string, Map<string, boolean>>(); // module → name → typeOnly
  const notes: string[] = [];
  const domain = `${top(entry)}/domain.ts`;
  // index.ts holds everything domain.ts holds.
  const starDomain = entry.endsWith('/index.ts') && existsSync(join(SRC, domain)) && !star.includes(domain);
  if (starDomain)
    for (const [name, e] of entryExports(join(SRC, domain)).named) if (!named.has(name)) named.set(name, e);
  for (const n of wanted) {
    const have = named.get(n.name);
    if (have && have.module !== n.module) {
      problems.push(
        `${entry}: '${n.name}' is already exported from ${have.module}; ${n.module} has another — rename one`,
      );
      conflicts.add(`${entry}|${n.name}`);
      continue;
    }
    if (have && (n.typeOnly || !have.typeOnly)) continue;
    const names = add.get(n.module) ?? new Map<string, boolean>();
    names.set(n.name, (names.get(n.name) ?? true) && n.typeOnly);
    add.set(n.module, names);
  }
  if (!add.size && !starDomain) return notes;
  let text = existsSync(entryAbs) ? readFileSync(entryAbs, 'utf8') : ENTRY_HEADERS[entry.split('/')[1]!]!(top(entry));
  if (starDomain) {
    text += `export * from './domain.js';\n`;
    notes.push(`${entry}: + export * from './domain.js'`);
  }
  const sf = parse(entryAbs, text);
  // Drop type-only exports that are now needed as values; they are written again below as values.
  const upgrade = new Set([...add.values()].flatMap((m) => [...m].filter(([, t]) => !t).map(([name]) => name)));
  const edits: Edit[] = [];
  for (const st of sf.statements) {
    if (!ts.isExportDeclaration(st) || !st.exportClause || !ts.isNamedExports(st.exportClause)) continue;
    const els = st.exportClause.elements;
    const keep = els.filter((e) => !(upgrade.has(e.name.text) && (st.isTypeOnly || e.isTypeOnly)));
    if (keep.length === els.length) continue;
    const spec = (st.moduleSpecifier as ts.StringLiteral).text;
    const body = keep.map((e) => e.getText(sf)).join(', ');
    edits.push({
      start: st.getStart(),
      end: st.getEnd(),
      text: keep.length ? `export ${st.isTypeOnly ? 'type ' : ''}{ ${body} } from '${spec}';` : '',
    });
  }
  for (const e of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, e.start) + e.text + text.slice(e.end);
  // Appended re-exports start a block of their own after other code.
  const last = text.trimEnd().split('\n').pop() ?? '';
  if (add.size && !/^(export .* from .*;|\/\/.*)$/.test(last) && !/^} from /.test(last)) text = `${text.trimEnd()}\n\n`;
  for (const [module, names] of [...add].sort(([a], [b]) => a.localeCompare(b))) {
    const spec = specifierFor(entryAbs, module);
    const values = [...names].filter(([, t]) => !t).map(([n]) => n);
    const types = [...names].filter(([, t]) => t).map(([n]) => n);
    for (const [list, kind] of [
      [values, ''],
      [types, 'type '],
    ] as const) {
      if (!list.length) continue;
      // Into the entry's declaration for this module and kind when there is one, else a new one.
      const decl = new RegExp(`export ${kind}\\{([^}]*)\\} from '${spec.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}';`);
      const m = decl.exec(text);
      if (m) {
        const all = [
          ...new Set([
            ...m[1]!
              .split(',')
              .map((x) => x.trim())
              .filter(Boolean),
            ...list,
          ]),
        ].sort();
        text = text.replace(decl, `export ${kind}{ ${all.join(', ')} } from '${spec}';`);
      } else text += `export ${kind}{ ${[...list].sort().join(', ')} } from '${spec}';\n`;
    }
    notes.push(`${entry}: + ${[...values, ...types.map((t) => `type ${t}`)].join(', ')} from '${spec}'`);
  }
  if (write) writeFileSync(entryAbs, text);
  return notes;
}

/** Merges plain named imports of one specifier into one declaration (after rewriting, several may name an entry). */
function mergeImports(text: string, file: string): string {
  const sf = parse(file, text);
  const groups = new Map<string, ts.ImportDeclaration[]>();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    const c = st.importClause;
    if (!c || c.name || !c.namedBindings || !ts.isNamedImports(c.namedBindings)) continue;
    const spec = st.moduleSpecifier.text;
    if (!/\/(index|domain|testing|browser)\.js$/.test(spec)) continue;
    groups.set(spec, [...(groups.get(spec) ?? []), st]);
  }
  const edits: Edit[] = [];
  for (const [spec, decls] of groups) {
    if (decls.length < 2) continue;
    const names = new Map<string, string>(); // local text → typeOnly marker
    let allTypes = true;
    for (const d of decls) {
      const typeDecl = d.importClause!.isTypeOnly;
      for (const e of (d.importClause!.namedBindings as ts.NamedImports).elements) {
        const t = typeDecl || e.isTypeOnly;
        if (!t) allTypes = false;
        const body = e.getText(sf).replace(/^type\s+/, '');
        const prev = names.get(body);
        names.set(body, prev === '' ? '' : t ? 'type ' : '');
      }
    }
    const list = [...names].map(([body, t]) => (allTypes ? body : `${t}${body}`));
    const merged = `import ${allTypes ? 'type ' : ''}{ ${list.join(', ')} } from '${spec}';`;
    edits.push({ start: decls[0]!.getStart(), end: decls[0]!.getEnd(), text: merged });
    for (const d of decls.slice(1)) {
      let end = d.getEnd();
      if (text[end] === '\n') end++;
      edits.push({ start: d.getFullStart() === d.getStart() ? d.getStart() : d.getStart(), end, text: '' });
    }
  }
  for (const e of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, e.start) + e.text + text.slice(e.end);
  return text;
}

async function main() {
  const check = process.argv.includes('--check');
  const needs = new Map<string, Need[]>();
  const problems: string[] = [];
  const plans = sources(SRC)
    .map((f) => planFile(f, needs, problems))
    .filter((p) => p.edits.length);
  const changed = new Set<string>();
  const notes: string[] = [];
  const conflicts = new Set<string>();
  for (const [entry, wanted] of [...needs].sort(([a], [b]) => a.localeCompare(b))) {
    const n = extendEntry(entry, wanted, problems, !check, conflicts);
    if (n.length) changed.add(join(SRC, entry));
    notes.push(...n);
  }
  for (const plan of plans) {
    // An import one of whose names conflicts in the entry stays as it is (reported above).
    plan.edits = plan.edits.filter((e) => !e.needs?.some((k) => conflicts.has(k)));
    if (!plan.edits.length) continue;
    let text = readFileSync(plan.file, 'utf8');
    for (const e of [...plan.edits].sort((a, b) => b.start - a.start))
      text = text.slice(0, e.start) + e.text + text.slice(e.end);
    text = mergeImports(text, plan.file);
    if (!check) writeFileSync(plan.file, text);
    changed.add(plan.file);
    notes.push(...plan.notes);
  }
  if (!check)
    for (const file of changed) {
      const options = await prettier.resolveConfig(file);
      writeFileSync(file, await prettier.format(readFileSync(file, 'utf8'), { ...options, filepath: file }));
    }
  for (const n of notes) console.log(n);
  for (const p of problems) console.error(`! ${p}`);
  console.log(
    `${check ? 'would change' : 'changed'} ${changed.size} file(s); ${problems.length} import(s) need a hand`,
  );
  if (check && (changed.size || problems.length)) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('entry-imports.ts')) await main();
