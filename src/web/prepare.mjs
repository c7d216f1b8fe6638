// `npm install` runs this (package.json "prepare"): builds the web app into dist/web so `npm start` serves it.
// A production install without dev dependencies has no Vite: say so and leave dist/web as it is (build it in
// the image's build stage instead) rather than failing the whole install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

let hasVite = true;
try {
  await import('vite');
} catch {
  hasVite = false;
}
if (!hasVite) {
  const built = existsSync('dist/web/index.html');
  console.warn(
    `corridor: Vite is not installed (dev dependencies omitted); web app not rebuilt` +
      (built ? ' — using the existing dist/web.' : ' — dist/web is missing, run `npm run build:web` where Vite is.'),
  );
  process.exit(0);
}
const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
