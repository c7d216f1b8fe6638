// Web app benchmark: first-load JS size (gzip/brotli) of the production build, and time to interactive of
// each screen on a throttled network (Chrome DevTools "Slow 3G" and "Fast 3G" via CDP), cold and repeat visits.
//
//   npm run bench:web                  # build, then 3 runs per screen and profile
//   npm run bench:web -- --runs 5 --no-build --cpu 4
//
// "Interactive" = the screen's main control is in the DOM and enabled, stamped in the page by a
// MutationObserver installed before any script runs, relative to navigation start.
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Browser, BrowserContext } from 'playwright-core';
import { build } from 'vite';
import { launchBrowser, PASSWORD, PHONE, startCorridor, type Corridor } from '../test/e2e/harness.js';
import { apiAs, migrantAccount } from '../test/e2e/accounts.js';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    'no-build': { type: 'boolean', default: false },
    cpu: { type: 'string', default: '1' },
  },
});
const RUNS = Math.max(1, Number(args.runs));
const CPU_SLOWDOWN = Math.max(1, Number(args.cpu));
const WEB_DIR = resolve('dist/web');

// Chrome DevTools presets (front_end/core/sdk/NetworkManager.ts): bytes per second and round-trip latency.
const PROFILES = {
  'Slow 3G': {
    latency: 2000,
    downloadThroughput: ((500 * 1000) / 8) * 0.8,
    uploadThroughput: ((500 * 1000) / 8) * 0.8,
  },
  'Fast 3G': {
    latency: 562.5,
    downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
    uploadThroughput: ((750 * 1000) / 8) * 0.9,
  },
} as const;

interface ScreenSpec {
  name: string;
  path: string;
  /** Whose session the page carries; null = signed out. */
  as: 'advisor' | 'migrant' | null;
  /** Selector of the control that makes the screen usable. */
  ready: string;
}

const SCREENS: ScreenSpec[] = [
  { name: 'sign-in', path: '/sign-in', as: null, ready: '#signin-email:not([disabled])' },
  {
    name: 'ESCO explorer',
    path: '/explorer',
    as: 'advisor',
    ready: '[data-screen="explorer"] input[role="combobox"]',
  },
  { name: 'describe a job', path: '/describe', as: 'advisor', ready: '[data-screen="describe"] #describe-title' },
  // Includes one search call to the API: the results list is the screen's content.
  { name: 'explorer, results for "cook"', path: '/explorer?q=cook', as: 'advisor', ready: '.results .card a' },
  // Migrant self-service, used on cheap phones. The invitation link is a migrant's first visit (the token stays
  // in the fragment and is checked only on submit, so any well-formed token shows the form); the others load
  // the migrant's own data from the API.
  {
    name: 'invitation (migrant)',
    path: '/invitation#bench-invitation-token',
    as: null,
    ready: '#new-password:not([disabled])',
  },
  // Step 1 of the wizard, after GET /profiles/me.
  { name: 'my profile (migrant)', path: '/me/profile', as: 'migrant', ready: '[data-screen="my-profile"] #wiz-name' },
  // The consents list (two active consents), each with its withdraw button.
  {
    name: 'my consents (migrant)',
    path: '/me/consents',
    as: 'migrant',
    ready: '[data-screen="my-consents"] .consents button',
  },
  { name: 'my data (migrant)', path: '/me/data', as: 'migrant', ready: '[data-screen="my-data"] button' },
];

function firstLoadAssets(): { js: string[]; css: string[] } {
  const html = readFileSync(join(WEB_DIR, 'index.html'), 'utf8');
  const js = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => m[1]!);
  const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => m[1]!);
  return { js, css };
}

function sizes(files: string[]) {
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  for (const f of files) {
    const data = readFileSync(join(WEB_DIR, f));
    raw += data.length;
    gzip += gzipSync(data, { level: 9 }).length;
    brotli += brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return { raw, gzip, brotli };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

async function sessionCookie(corridor: Corridor, email: string, password: string): Promise<string> {
  const res = await fetch(`${corridor.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in for the benchmark failed: ${res.status}`);
  const cookie = res.headers.getSetCookie().find((c) => c.includes('='));
  if (!cookie) throw new Error('sign-in set no cookie');
  return cookie.split(';')[0]!;
}

async function newContext(browser: Browser, corridor: Corridor, cookie: string | null): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: PHONE, locale: 'en-GB' });
  if (cookie) {
    const [name, ...rest] = cookie.split('=');
    await context.addCookies([{ name: name!, value: rest.join('='), url: corridor.url }]);
  }
  return context;
}

/** Milliseconds from navigation start until `ready` matches, on a fresh page of `context`. */
async function timeToInteractive(
  context: BrowserContext,
  url: string,
  ready: string,
  profile: (typeof PROFILES)[keyof typeof PROFILES],
): Promise<{ tti: number; bytes: number; requests: number }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...profile });
  if (CPU_SLOWDOWN > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  let bytes = 0;
  let requests = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
    bytes += e.encodedDataLength;
    requests++;
  });
  // A string, not a function: tsx's name-keeping helpers do not exist inside the page.
  await page.addInitScript(`(() => {
    const selector = ${JSON.stringify(ready)};
    const observer = new MutationObserver(() => {
      if (window.__ready === undefined && document.querySelector(selector)) {
        window.__ready = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document, { childList: true, subtree: true, attributes: true });
  })()`);
  await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
  // Polls with a string expression: the app's CSP (no 'unsafe-eval') blocks waitForFunction's predicate.
  let tti: number | undefined;
  for (const deadline = Date.now() + 120_000; tti === undefined;) {
    if (Date.now() > deadline) throw new Error(`${url}: "${ready}" did not appear within 120 s`);
    await new Promise((r) => setTimeout(r, 100));
    tti = (await page.evaluate('window.__ready')) as number | undefined;
  }
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.close();
  return { tti, bytes, requests };
}

async function main() {
  if (!args['no-build']) await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
  const assets = firstLoadAssets();
  const js = sizes(assets.js);
  const css = sizes(assets.css);
  const out = (s = '') => console.log(s);
  out(
    `Machine: ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GB RAM, ` +
      `Node ${process.version}, Chromium via playwright-core; date ${new Date().toISOString().slice(0, 16)}Z`,
  );
  out(`Command: npm run bench:web -- --runs ${RUNS}${CPU_SLOWDOWN > 1 ? ` --cpu ${CPU_SLOWDOWN}` : ''}`);
  out();
  out('| first load | files | raw | gzip -9 | brotli 11 |');
  out('|---|---|---|---|---|');
  out(`| JavaScript | ${assets.js.length} | ${kb(js.raw)} | ${kb(js.gzip)} | ${kb(js.brotli)} |`);
  out(`| CSS | ${assets.css.length} | ${kb(css.raw)} | ${kb(css.gzip)} | ${kb(css.brotli)} |`);
  out();

  const corridor = await startCorridor();
  const browser = await launchBrowser();
  try {
    // A migrant the way an organisation makes one (invitation accepted), with two consents their advisor recorded.
    const migrant = await migrantAccount(corridor.url, corridor.users.orgAdmin, 'Karim Mansour');
    const advisor = await apiAs(corridor.url, corridor.users.advisor);
    for (const purpose of ['profiling', 'matching_with_employers']) {
      await advisor('POST', `/migrants/${migrant.migrantId}/consents`, { purpose });
    }
    const cookies = {
      advisor: await sessionCookie(corridor, corridor.users.advisor.email, PASSWORD),
      migrant: await sessionCookie(corridor, migrant.email, migrant.password),
    };
    // The taxonomy engines are built on first use; build them before timing anything.
    await fetch(`${corridor.url}/api/v1/taxonomy/search?q=cook`);
    out(
      `Time to interactive, 360×740 viewport, CPU slowdown ×${CPU_SLOWDOWN}, median of ${RUNS} runs ` +
        `(bytes = transferred on the wire, as the server sends them):`,
    );
    out();
    out('| screen | network | cold: TTI | cold: bytes / requests | repeat visit: TTI | repeat: bytes / requests |');
    out('|---|---|---|---|---|---|');
    for (const [profileName, profile] of Object.entries(PROFILES)) {
      for (const screen of SCREENS) {
        const cold: number[] = [];
        const warm: number[] = [];
        let coldBytes = 0;
        let coldReq = 0;
        let warmBytes = 0;
        let warmReq = 0;
        for (let i = 0; i < RUNS; i++) {
          // A new context has an empty HTTP cache: a first visit. The second page in it is a repeat visit.
          const context = await newContext(browser, corridor, screen.as ? cookies[screen.as] : null);
          const url = corridor.url + screen.path;
          const c = await timeToInteractive(context, url, screen.ready, profile);
          const w = await timeToInteractive(context, url, screen.ready, profile);
          await context.close();
          cold.push(c.tti);
          warm.push(w.tti);
          [coldBytes, coldReq, warmBytes, warmReq] = [c.bytes, c.requests, w.bytes, w.requests];
        }
        out(
          `| ${screen.name} | ${profileName} | ${(median(cold) / 1000).toFixed(2)} s | ${kb(coldBytes)} / ${coldReq} | ` +
            `${(median(warm) / 1000).toFixed(2)} s | ${kb(warmBytes)} / ${warmReq} |`,
        );
      }
    }
  } finally {
    await browser.close();
    await corridor.close();
  }
}

await main();
