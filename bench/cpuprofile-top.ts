// `npx tsx bench/cpuprofile-top.ts <file.cpuprofile> [n] [--window <from>-<to>]`: the functions with the most self
// time in a V8 CPU profile (as `bench:api --cpu-prof <dir>` writes them), with their share of the samples; idle and
// GC listed too. --window keeps the samples taken between <from> and <to> seconds after the profile started (bench:api
// prints each scenario's window), so one scenario can be read apart from start-up and seeding. --by-module sums the
// self time per npm package or source file instead of per function (where no single function dominates).
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

const argv = process.argv.slice(2);
let window: [number, number] | null = null;
const w = argv.indexOf('--window');
if (w >= 0) {
  const m = /^([\d.]+)-([\d.]+)$/.exec(argv[w + 1] ?? '');
  if (!m) throw new Error('--window <from>-<to> (seconds after the profile started)');
  window = [Number(m[1]) * 1e6, Number(m[2]) * 1e6];
  argv.splice(w, 2);
}
const byModule = argv.includes('--by-module');
if (byModule) argv.splice(argv.indexOf('--by-module'), 1);
const [file, n = '25'] = argv;
if (!file) throw new Error('usage: bench/cpuprofile-top.ts <file.cpuprofile> [n] [--window <from>-<to>]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const hits = new Map<number, number>();
let t = 0;
let total = 0;
profile.samples.forEach((s, i) => {
  t += profile.timeDeltas[i] ?? 0;
  if (window && (t < window[0] || t > window[1])) return;
  total++;
  hits.set(s, (hits.get(s) ?? 0) + 1);
});
const byFunction = new Map<string, number>();
for (const node of profile.nodes) {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${url.replace(/^.*\/(node_modules|src)\//, '$1/')}:${lineNumber + 1}` : '';
  const key = byModule ? moduleOf(url, functionName) : `${functionName || '(anonymous)'} ${where}`.trim();
  byFunction.set(key, (byFunction.get(key) ?? 0) + (hits.get(node.id) ?? 0));
}
/** An npm package, a source file, node's own code, or (for native frames: writev, GC, idle) the function name. */
function moduleOf(url: string, functionName: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `npm ${pkg[1]}`;
  const src = /\/(src\/.*)$/.exec(url);
  if (src) return src[1]!;
  if (url.startsWith('node:')) return 'node internals';
  return functionName || '(native)';
}
const idle = byFunction.get('(idle)') ?? 0;
process.stdout.write(`${total} samples, ${((100 * (total - idle)) / total).toFixed(1)}% busy\n`);
for (const [key, count] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(n)))
  process.stdout.write(`${((100 * count) / total).toFixed(1).padStart(5)}%  ${key}\n`);
