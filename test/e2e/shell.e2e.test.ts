// The app shell in a real browser: sign-in, navigation by role, language switch with right-to-left Arabic,
// keyboard use, accessibility (axe-core) and the phone-size layout.
import { describe, expect, it } from 'vitest';
import { totpCode } from '../../src/identity/auth.js';
import { errorsOf, PASSWORD, PHONE, screenshot, seriousViolations, signIn } from './harness.js';
import { corridor, useBrowser } from './browser.js';

const browser = useBrowser();

describe('sign-in', () => {
  it('refuses a wrong password with a message, then signs in to the advisor’s home (the caseload)', async () => {
    const page = await browser.page({ locale: 'en-GB' });
    await page.goto(corridor.url);
    await page.waitForURL(/\/sign-in$/);
    expect(await page.locator('h1').textContent()).toBe('Sign in');
    expect(await page.title()).toBe('Sign in · Corridor');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'signin-en-desktop');

    await page.locator('#signin-email').fill(corridor.users.advisor.email);
    await page.locator('#signin-password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.locator('#signin-error').textContent())
      .toBe('The email address or password is not correct.');
    expect(await page.locator('#signin-password').getAttribute('aria-invalid')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);

    await page.locator('#signin-password').fill(PASSWORD);
    await page.locator('#signin-password').press('Enter');
    await page.waitForURL(/\/caseload$/);
    expect(await page.locator('h1').textContent()).toBe('Caseload');
    expect(await page.locator('.who').textContent()).toBe('Signed in as Amal Haddad (Employment advisor)');
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('sends a signed-out visitor to sign-in and back to the page they asked for', async () => {
    const page = await browser.page();
    await page.goto(`${corridor.url}/describe`);
    await page.waitForURL(/\/sign-in\?next=%2Fdescribe$/);
    await page.locator('#signin-email').fill(corridor.users.advisor.email);
    await page.locator('#signin-password').fill(PASSWORD);
    await page.locator('#signin-password').press('Enter');
    await page.waitForURL(/\/describe$/);
    expect(await page.locator('h1').textContent()).toBe('Describe a job');
    // The session survives a reload (cookie) and the CSRF token comes back from /me.
    await page.reload();
    expect(await page.locator('h1').textContent()).toBe('Describe a job');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in$/);
    await page.goto(`${corridor.url}/explorer`);
    await page.waitForURL(/\/sign-in\?next=/);
    await page.context().close();
  });
});

describe('two-step sign-in', () => {
  it('asks for the authenticator code after the password, refuses a wrong one, accepts the right one', async () => {
    const page = await browser.page();
    await page.goto(`${corridor.url}/sign-in`);
    await page.locator('#signin-email').fill(corridor.users.twoStep.email);
    await page.locator('#signin-password').fill(PASSWORD);
    await page.locator('#signin-password').press('Enter');
    const code = page.getByLabel('Code from your authenticator app');
    await code.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('signin-totp');
    expect(await page.locator('#signin-error').innerText()).toBe('');
    await code.fill('000000');
    await code.press('Enter');
    await expect.poll(() => page.locator('#signin-error').innerText()).toBe('The code is wrong or expired.');
    expect(await seriousViolations(page)).toEqual([]);
    // The next period's code: the enrolment already used the current one, and codes are single-use.
    await code.fill(totpCode(corridor.totpSecret, new Date(Date.now() + 30_000)));
    await code.press('Enter');
    await page.waitForURL(/\/caseload$/);
    expect(await page.locator('.who').innerText()).toBe('Signed in as Omar Benali (Employment advisor)');
    await page.context().close();
  });
});

describe('navigation by role', () => {
  it('shows an advisor "describe a job" and the caseload, not an analyst', async () => {
    const advisor = await browser.signedIn(corridor.users.advisor);
    const nav = advisor.getByRole('navigation', { name: 'Main navigation' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'ESCO explorer',
      'Describe a job',
      'Caseload',
      'Vacancies',
      // Contact requests from employers (issue 10).
      'Inbox',
      // Unassigned cases and, for a supervisor, their team's (protection); figures for the caseload (labour market).
      'Team cases',
      'Reference levels',
      'Labour market',
    ]);
    // On a desktop the whole menu is shown, not folded behind the phone's menu button.
    expect(await nav.isVisible()).toBe(true);
    expect(await advisor.locator('.menu-toggle').isVisible()).toBe(false);
    await screenshot(advisor, 'nav-advisor-en-desktop');
    // An advisor's home is the caseload (with what needs them now).
    expect(await nav.getByRole('link', { name: 'Caseload' }).getAttribute('aria-current')).toBe('page');
    await nav.getByRole('link', { name: 'Describe a job' }).click();
    await advisor.waitForURL(/\/describe$/);
    expect(await nav.getByRole('link', { name: 'Describe a job' }).getAttribute('aria-current')).toBe('page');
    // Focus moves to the new screen's heading so keyboard and screen-reader users start there.
    expect(await advisor.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await seriousViolations(advisor)).toEqual([]);
    await advisor.context().close();

    const analyst = await browser.signedIn(corridor.users.analyst);
    const links = analyst.getByRole('navigation', { name: 'Main navigation' }).getByRole('link');
    expect(await links.allTextContents()).toEqual([
      'ESCO explorer',
      'Vacancies',
      'Analysis',
      'Reference levels',
      'Labour market',
    ]);
    await analyst.goto(`${corridor.url}/describe`);
    expect(await analyst.locator('h1').textContent()).toBe('You are not allowed to do this.');
    await analyst.context().close();
  });

  it('can be used with the keyboard alone: skip link, navigation, sign out', async () => {
    const page = await browser.signedIn(corridor.users.advisor);
    await page.reload();
    await page.locator('nav.mainnav').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    // The focus ring is visible (outline drawn) on the focused element.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe('solid');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.context().close();
  });
});

describe('languages', () => {
  it('switches to Arabic: right-to-left, lang="ar", every visible text translated, and it sticks', async () => {
    const page = await browser.signedIn(corridor.users.advisor, { locale: 'en-GB' });
    await page.goto(`${corridor.url}/explorer`);
    await page.getByLabel('Language', { exact: true }).selectOption('ar');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ar');
    expect(await page.locator('h1').textContent()).toBe('مستكشف ESCO');
    expect(await page.locator('.who').textContent()).toBe('تم تسجيل الدخول باسم Amal Haddad (مستشار توظيف)');
    // Logical properties: in RTL the navigation starts at the right edge.
    const firstLink = await page.locator('nav.mainnav a').first().boundingBox();
    const navBox = await page.locator('nav.mainnav').boundingBox();
    expect(firstLink!.x + firstLink!.width).toBeGreaterThan(navBox!.x + navBox!.width - 40);
    // No Latin-script words left in the chrome apart from names, codes and the ESCO acronym.
    const chrome = await page.locator('header, nav, footer').allInnerTexts();
    const latinWords = chrome
      .join(' ')
      .match(/\p{Script=Latin}{3,}/gu)
      ?.filter((w) => !['ESCO', 'Amal', 'Haddad', 'English', 'Español', 'Français'].includes(w));
    expect(latinWords ?? []).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'explorer-ar-desktop');
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.locator('h1').textContent()).toBe('مستكشف ESCO');
    await page.context().close();
  });

  it('starts in the browser’s language (Spanish, French) and formats the date with Intl', async () => {
    for (const [locale, heading, signInTitle] of [
      // The advisor lands on their caseload.
      ['es-ES', 'Cartera de casos', 'Iniciar sesión'],
      ['fr-FR', 'Portefeuille de dossiers', 'Connexion'],
    ] as const) {
      const page = await browser.page({ locale });
      await page.goto(`${corridor.url}/sign-in`);
      expect(await page.locator('h1').textContent()).toBe(signInTitle);
      await signIn(page, corridor.url, corridor.users.advisor);
      expect(await page.locator('h1').textContent()).toBe(heading);
      const lang = locale.slice(0, 2);
      const today = new Intl.DateTimeFormat(lang, { dateStyle: 'long' }).format(new Date());
      expect(await page.locator('footer').innerText()).toContain(today);
      await page.context().close();
    }
  });
});

describe('phone size (360 px)', () => {
  it('fits without horizontal scrolling in English and Arabic', async () => {
    for (const locale of ['en-GB', 'ar']) {
      const page = await browser.page({ locale, viewport: PHONE });
      await page.goto(`${corridor.url}/sign-in`);
      await page.locator('#signin-email').waitFor();
      await screenshot(page, `signin-${locale.slice(0, 2)}-phone`);
      await signIn(page, corridor.url, corridor.users.advisor);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `explorer-${locale.slice(0, 2)}-phone`);
      // The compact menu opens to every item of the advisor's menu, each one usable, still without sideways scrolling.
      const toggle = page.locator('.menu-toggle');
      await toggle.click();
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      const links = page.locator('nav.mainnav a');
      expect(await links.count()).toBe(8); // with the inbox (issue 10)
      for (const link of await links.all()) {
        const box = (await link.boundingBox())!;
        expect(box.height).toBeGreaterThanOrEqual(24); // WCAG 2.2 target size
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
        0,
      );
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `menu-${locale.slice(0, 2)}-phone`);
      await page.context().close();
    }
  });
});
