#!/usr/bin/env -S node --max-semi-space-size=64
// Thin launcher: registers the TypeScript loader, then hands over to the CLI. The flag above gives V8 a larger young
// generation: every request allocates objects that die with it (rows, explanations, the JSON), and with the default
// 16 MB semi-space the garbage collector had ~14 % of the server's CPU samples (docs/BENCHMARKS.md, round 5).
// `npm start` and the test harness start the server with the flags of this line.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv.slice(2));
