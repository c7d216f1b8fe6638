// Builds the web app once before the browser tests, so they exercise what `npm start` serves.
import { build } from 'vite';

export default async function setup(): Promise<void> {
  if (process.env.CORRIDOR_E2E_SKIP_BUILD === '1') return;
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
}
