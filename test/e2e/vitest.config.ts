import { defineConfig } from 'vitest/config';

// Browser tests: the real server on a free port, the built web app, /usr/bin/chromium through playwright-core.
// One file at a time: the machine is small and each file runs its own server and browser.
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // expect.poll waits 1 s by default: too short for a save and a reload on a loaded machine (the page actions
    // themselves wait up to 30 s).
    expect: { poll: { timeout: 10_000 } },
  },
});
