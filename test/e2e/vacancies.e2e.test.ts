// Vacancies against the real routes: an employer publishes one (occupation picked through the ESCO autocomplete,
// skills pre-filled by the server), an advisor sees it among open vacancies; Arabic on a phone.
import { describe, expect, it } from 'vitest';
import { errorsOf, PHONE, screenshot, seriousViolations } from './harness.js';
import { corridor, useBrowser } from './browser.js';

const browser = useBrowser();

describe('vacancies', () => {
  it('an employer publishes a vacancy; an advisor finds it among open vacancies', async () => {
    const page = await browser.signedIn(corridor.users.employer);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Vacancies' }).click();
    await page.waitForURL(/\/vacancies$/);
    await page.getByRole('link', { name: 'Publish a vacancy' }).click();
    await page.waitForURL(/\/vacancies\/new$/);
    const form = page.getByRole('form', { name: 'Vacancy' });
    await form.waitFor();

    await form.getByRole('button', { name: 'Publish' }).click();
    expect(await page.locator('#vacancy-title-error').innerText()).toBe('Please fill in this field.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('vacancy-title');

    await form.getByLabel('Job title').fill('Kitchen assistant, summer season');
    const occupation = form.getByRole('combobox', { name: 'ESCO occupation' });
    await occupation.fill('kitchen assistant');
    const options = form.getByRole('listbox', { name: 'ESCO occupation' });
    await options.waitFor();
    await options
      .getByRole('option', { name: /^kitchen assistant/ })
      .first()
      .click();
    await expect.poll(() => form.locator('.ok').first().innerText()).toBe('Chosen: kitchen assistant (ISCO-08 9412)');
    await form.getByLabel('Sector of your business').selectOption('I');
    await form.getByLabel('Country of work').selectOption('ES');
    await form.getByLabel('Region code', { exact: true }).fill('ES53');
    await form.getByLabel('Number of posts').fill('3');
    await form.getByLabel('Contract').selectOption('seasonal');
    await form.getByLabel('Gross wage (optional)').fill('1450');
    await form.getByLabel('We sponsor the work permit').check();
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Publish' }).click();
    await page.waitForURL(/\/vacancies\/[0-9a-f-]{36}$/);
    await expect
      .poll(() => page.locator('.screen > .form-status').innerText())
      .toMatch(/^“Kitchen assistant, summer season” is published with \d+ essential skills from ESCO\.$/);
    await page.getByRole('link', { name: 'Back to the vacancies' }).click();
    const card = page.locator('.cards li', { hasText: 'Kitchen assistant, summer season' });
    await card.waitFor();
    expect(await card.locator('.codes').innerText()).toMatch(
      /ISCO-08 9412\s+Spain\s+3 posts\s+Seasonal\s+€1,450\.00 per month\s+\d+ essential skills/,
    );
    expect(await card.innerText()).toContain('Employer pays recruitment fees');
    expect(await card.innerText()).toContain('Work permit sponsored');
    await screenshot(page, 'vacancies-employer-en-desktop');
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();

    const advisor = await browser.signedIn(corridor.users.advisor, { locale: 'es-ES' });
    await advisor.goto(`${corridor.url}/vacancies`);
    const open = advisor.locator('.cards li', { hasText: 'Kitchen assistant, summer season' });
    await open.waitFor();
    expect(await open.locator('.codes').innerText()).toMatch(/España[\s\S]*3 puestos[\s\S]*De temporada[\s\S]*al mes/);
    expect(await advisor.getByRole('link', { name: 'Publicar una oferta' }).count()).toBe(0);
    expect(await seriousViolations(advisor)).toEqual([]);
    await advisor.context().close();
  });

  it('in Arabic on a phone', async () => {
    const page = await browser.signedIn(corridor.users.employer, { locale: 'ar', viewport: PHONE });
    await page.goto(`${corridor.url}/vacancies/new`);
    await page.getByRole('form', { name: 'وظيفة شاغرة' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'vacancies-ar-phone');
    await page.context().close();
  });
});
