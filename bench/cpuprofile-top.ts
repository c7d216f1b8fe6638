// `npx tsx bench/cpuprofile-top.ts <file.cpuprofile> [n]`: the functions with the most self time in a V8 CPU profile
// (as `bench:api --cpu-prof <dir>` writes them), with their share of the samples; idle and GC listed too.
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

const [file, n = '25'] = process.argv.slice(2);
if (!file) throw new Error('usage: bench/cpuprofile-top.ts <file.cpuprofile> [n]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[] };
const hits = new Map<number, number>();
for (const s of profile.samples) hits.set(s, (hits.get(s) ?? 0) + 1);
const byFunction = new Map<string, number>();
for (const node of profile.nodes) {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${url.replace(/^.*\/(node_modules|src)\//, '$1/')}:${lineNumber + 1}` : '';
  const key = `${functionName || '(anonymous)'} ${where}`.trim();
  byFunction.set(key, (byFunction.get(key) ?? 0) + (hits.get(node.id) ?? 0));
}
const total = profile.samples.length;
const idle = byFunction.get('(idle)') ?? 0;
process.stdout.write(`${total} samples, ${((100 * (total - idle)) / total).toFixed(1)}% busy\n`);
for (const [key, count] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(n)))
  process.stdout.write(`${((100 * count) / total).toFixed(1).padStart(5)}%  ${key}\n`);
