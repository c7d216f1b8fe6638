// How much work the write routes do themselves: every POST/PUT/PATCH/DELETE route in src, with the lines of code
// its handler (defineRoute) or its adapters (commandRoute: input + output) span. A route that only adapts HTTP to
// a command is a few lines; a long handler is application work that belongs in a command.
// Usage: npm run bench:routes [-- --over 15]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const root = join(import.meta.dirname, '..');
const at = process.argv.indexOf('--over');
const over = at > 0 ? Number(process.argv[at + 1]) : 15;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'web' || name === 'node_modules' ? [] : files(path);
    return /\.ts$/.test(name) && !/\.test\.ts$|testing\.ts$/.test(name) ? [path] : [];
  });
}

interface WriteRoute {
  file: string;
  kind: 'command' | 'handler';
  method: string;
  url: string;
  lines: number;
}

function lineSpan(sf: ts.SourceFile, node: ts.Node): number {
  const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
  const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
  return end - start + 1;
}

const routes: WriteRoute[] = [];
for (const file of files(join(root, 'src'))) {
  const text = readFileSync(file, 'utf8');
  if (!/defineRoute|commandRoute/.test(text)) continue;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      ['defineRoute', 'commandRoute'].includes(node.expression.text) &&
      node.arguments[0] &&
      ts.isObjectLiteralExpression(node.arguments[0])
    ) {
      const props = new Map<string, ts.Expression>();
      for (const p of node.arguments[0].properties) {
        if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) props.set(p.name.text, p.initializer);
        if (ts.isMethodDeclaration(p) && ts.isIdentifier(p.name)) props.set(p.name.text, p as unknown as ts.Expression);
      }
      const method = props.get('method');
      const url = props.get('url');
      const m = method && ts.isStringLiteral(method) ? method.text : '?';
      if (m !== 'GET') {
        const kind = node.expression.text === 'commandRoute' ? 'command' : 'handler';
        const parts = kind === 'command' ? ['input', 'output'] : ['handler'];
        const lines = parts.reduce((n, k) => n + (props.get(k) ? lineSpan(sf, props.get(k)!) : 0), 0);
        routes.push({
          file: relative(root, file),
          kind,
          method: m,
          url: url && ts.isStringLiteral(url) ? url.text : '?',
          lines,
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

routes.sort((a, b) => b.lines - a.lines);
const long = routes.filter((r) => r.lines > over);
console.log(`write routes: ${routes.length} (through a command: ${routes.filter((r) => r.kind === 'command').length})`);
console.log(`more than ${over} lines of their own: ${long.length}`);
for (const r of routes.slice(0, Math.max(10, long.length)))
  console.log(`${String(r.lines).padStart(4)}  ${r.kind.padEnd(7)} ${r.method.padEnd(6)} ${r.url}  (${r.file})`);
