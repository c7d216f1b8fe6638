// Once for all browser tests: build the web app (what `npm start` serves), start one real server with the
// shipped ESCO, and warm up the taxonomy engines so the first test does not pay for building them.
import type { TestProject } from 'vitest/node';
import { build } from 'vite';
import { PASSWORD, provideCorridor, startCorridor } from './harness.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.CORRIDOR_E2E_SKIP_BUILD !== '1') {
    // Vitest sets NODE_ENV=test, which makes Vite bundle React's development build: test the build users get.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  }
  const corridor = await startCorridor();
  const login = await fetch(`${corridor.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: corridor.users.advisor.email, password: PASSWORD }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = {
    'content-type': 'application/json',
    cookie: login.headers.getSetCookie()[0]!.split(';')[0]!,
    'x-csrf-token': csrfToken,
  };
  await Promise.all([
    fetch(`${corridor.url}/api/v1/taxonomy/search?q=cook`),
    fetch(`${corridor.url}/api/v1/taxonomy/classify-occupation`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: 'cook' }),
    }),
    fetch(`${corridor.url}/api/v1/taxonomy/extract-skills`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ text: 'I cook meals.' }),
    }),
  ]);
  provideCorridor(project, { url: corridor.url, users: corridor.users, totpSecret: corridor.totpSecret });
  return async () => {
    // Closing embedded PGlite (Emscripten) resets process.exitCode: keep vitest's verdict, or failing browser
    // tests would exit 0 and CI would pass them.
    const verdict = process.exitCode;
    await corridor.close();
    process.exitCode = verdict;
  };
}
