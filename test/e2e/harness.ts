// Shared pieces of the browser tests: a real Corridor server on a free port with an in-memory store and
// seeded accounts, a Chromium page per language/viewport, axe-core checks and screenshots.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import type { TestProject } from 'vitest/node';
import { openStore, type Store } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/migrations.js';
import { testConfig } from '../../src/shared/config.js';
import { buildServer } from '../../src/server/app.js';
import { createOrganisation, createUser } from '../../src/identity/directory.js';
import { confirmTotp, enrolTotp, totpCode } from '../../src/identity/auth.js';
import { createKeyring, fieldCipher } from '../../src/shared/crypto.js';
import type { Role } from '../../src/kernel/auth.js';
import { ensureTaxonomyLoaded } from '../../src/taxonomy/store/first-start.js';
import { silentProgress } from '../../src/taxonomy/store/progress.js';

export const PASSWORD = 'correct horse battery staple';
export const SHOTS_DIR = resolve('test-results/e2e');

export interface SeededUser {
  email: string;
  name: string;
  role: Role;
}

/** What the browser tests need to know about the running server (serialisable, passed from global setup). */
export interface CorridorInfo {
  url: string;
  users: Record<'advisor' | 'analyst' | 'employer' | 'twoStep' | 'orgAdmin', SeededUser>;
  /** TOTP secret of users.twoStep. */
  totpSecret: string;
}

export interface Corridor extends CorridorInfo {
  app: FastifyInstance;
  store: Store;
  close(): Promise<void>;
}

/**
 * Starts the real server (dist/web at `/`, API under /api/v1) on 127.0.0.1 and a free port, on an in-memory
 * store with two seeded accounts and, unless `taxonomy: false`, the ESCO copy shipped in assets/esco.
 */
export async function startCorridor(options: { taxonomy?: boolean } = {}): Promise<Corridor> {
  const config = testConfig({ webDir: resolve('dist/web') });
  const store = await openStore({ dataDir: 'memory://' });
  await migrateToLatest(store.db);
  if (options.taxonomy !== false) await ensureTaxonomyLoaded(store, { progress: silentProgress() });
  const org = await createOrganisation(store.db, {
    name: 'Servicio de Empleo Test',
    type: 'public_employment_service',
  });
  const users = {
    advisor: { email: 'amal.advisor@example.org', name: 'Amal Haddad', role: 'advisor' as const },
    analyst: { email: 'li.analyst@example.org', name: 'Li Wei', role: 'analyst' as const },
    // Issues invitations and password-reset links (interview and self-service tests).
    orgAdmin: { email: 'nadia.admin@example.org', name: 'Nadia Rahal', role: 'org_admin' as const },
  };
  for (const u of Object.values(users)) {
    await createUser(store.db, { organisationId: org.id, password: PASSWORD, ...u });
  }
  // An advisor with two-step sign-in; the tests get the secret to compute codes like an authenticator app.
  const twoStep = { email: 'omar.2fa@example.org', name: 'Omar Benali', role: 'advisor' as const };
  const twoStepUser = await createUser(store.db, { organisationId: org.id, password: PASSWORD, ...twoStep });
  const cipher = fieldCipher(createKeyring(config.secretKey, config.previousSecretKeys));
  const { secret: totpSecret } = await enrolTotp(store.db, cipher, twoStepUser);
  await confirmTotp(store.db, cipher, twoStepUser, totpCode(totpSecret));
  const employerOrg = await createOrganisation(store.db, { name: 'Hostal Mar Azul', type: 'employer' });
  const employer = { email: 'rosa.employer@example.org', name: 'Rosa Vidal', role: 'employer' as const };
  await createUser(store.db, { organisationId: employerOrg.id, password: PASSWORD, ...employer });
  const app = await buildServer({ store, config });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    app,
    store,
    users: { ...users, employer, twoStep },
    totpSecret,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

// Vitest's ProvidedContext lives in a re-exported chunk that module augmentation does not reach: cast once here.
type Provide = (key: string, value: CorridorInfo) => void;

export function provideCorridor(project: TestProject, info: CorridorInfo): void {
  (project.provide as unknown as Provide)('corridor', info);
}

/** The server started by global-setup.ts. */
export function corridorInfo(): CorridorInfo {
  return (inject as unknown as (key: string) => CorridorInfo)('corridor');
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 900 };

/** A fresh context (own cookies and storage) whose browser prefers `locale`. */
export async function openPage(
  browser: Browser,
  options: { locale?: string; viewport?: { width: number; height: number } } = {},
): Promise<Page> {
  const context = await browser.newContext({
    locale: options.locale ?? 'en-GB',
    viewport: options.viewport ?? DESKTOP,
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  pageErrors.set(page, errors);
  return page;
}

const pageErrors = new WeakMap<Page, string[]>();

/** Uncaught exceptions and console errors the page produced so far (expected 4xx answers excluded). */
export function errorsOf(page: Page): string[] {
  return (pageErrors.get(page) ?? []).filter((e) => !/status of 40[0134]/.test(e));
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** axe-core on the current page (WCAG 2.x A/AA rules); returns serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Through the protocol, not a <script> tag: the app's Content-Security-Policy rightly forbids inline scripts.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: unknown[] }> } })
      .axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations as AxeViolation[];
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ ...v, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  const path = resolve(SHOTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  // Phone pages are long; the first screenful is what a person sees, and is legible when viewed.
  if ((page.viewportSize()?.width ?? 1000) < 500) {
    await page.screenshot({ path: resolve(SHOTS_DIR, `${name}-screen.png`), fullPage: false });
  }
  return path;
}

export const DOC_SCREENS_DIR = resolve('docs/screens');

/** The moment docs/screens show as "now": every date on them is moved by the same amount (docScreen). */
export const DOC_NOW = Date.UTC(2026, 2, 2, 9, 0);

/**
 * A role's main screen for docs/screens: the first screenful only (small files), from the top, with no caret,
 * animation or focus ring, and dates shown as if the run happened at DOC_NOW, so that two runs give the same
 * picture.
 *
 * The dates are moved in the picture only, not by clocks: most come from the server (when a profile was updated, a
 * consent given, an audit entry written), whose clock the tests cannot stop without stopping session and
 * invitation expiry, TOTP codes and PGlite's now() in the same process; and a fixed browser clock far from the
 * server's would break what the screens compare with server dates (pending or expired invitations, the labour
 * market's last twelve months). So the page's texts that render a date from 400 days before now to a month after (a date-time within
 * the last three days) through Intl in the page's language, as the app does, are rewritten to the same distance from
 * DOC_NOW for the screenshot and put back after it.
 */
export async function docScreen(page: Page, name: string): Promise<void> {
  mkdirSync(DOC_SCREENS_DIR, { recursive: true });
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur?.();
    window.scrollTo(0, 0);
  });
  const moved = await page.evaluate(moveDates, { now: Date.now(), to: DOC_NOW });
  try {
    await page.screenshot({
      path: resolve(DOC_SCREENS_DIR, `${name}.png`),
      fullPage: false,
      animations: 'disabled',
      caret: 'hide',
    });
  } finally {
    if (moved) await page.evaluate(() => (window as unknown as { __restoreDates?: () => void }).__restoreDates?.());
  }
}

/** Runs in the page: rewrites rendered dates (see docScreen); returns how many texts changed. */
function moveDates({ now, to }: { now: number; to: number }): number {
  const lang = document.documentElement.lang || 'en';
  const day = 86_400_000;
  const map = new Map<string, string>();
  const dates = [
    new Intl.DateTimeFormat(lang, { dateStyle: 'long' }),
    new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }),
  ];
  for (let d = -400; d <= 31; d++)
    for (const f of dates) map.set(f.format(new Date(now + d * day)), f.format(new Date(to + d * day)));
  const dateTime = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  for (let m = -3 * 24 * 60; m <= 60; m++)
    map.set(dateTime.format(new Date(now + m * 60_000)), dateTime.format(new Date(to + m * 60_000)));
  for (const [k, v] of map) if (k === v) map.delete(k);
  if (!map.size) return 0;
  // Longest first: a date-time is replaced whole, not its date part.
  const pattern = new RegExp(
    [...map.keys()]
      .sort((a, b) => b.length - a.length)
      .map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|'),
    'g',
  );
  const changed: [Text, string, string][] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    const before = n.nodeValue ?? '';
    const after = before.replace(pattern, (k) => map.get(k) ?? k);
    if (after !== before) {
      n.nodeValue = after;
      changed.push([n, before, after]);
    }
  }
  (window as unknown as { __restoreDates?: () => void }).__restoreDates = () => {
    // Only texts the app has not re-rendered since.
    for (const [n, before, after] of changed) if (n.nodeValue === after) n.nodeValue = before;
  };
  return changed.length;
}

export async function signIn(page: Page, baseUrl: string, user: SeededUser): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.locator('#signin-email').fill(user.email);
  await page.locator('#signin-password').fill(PASSWORD);
  await page.locator('form button[type="submit"]').click();
  // Attached, not visible: on a phone the navigation folds behind the menu button.
  await page.locator('nav.mainnav').waitFor({ state: 'attached' });
}
