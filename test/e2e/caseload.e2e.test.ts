// The caseload against the real profile routes: add a person, find them, describe their work, confirm skills,
// save them into the profile, and see them there — plus Arabic on a phone and the analyst kept out.
import { describe, expect, it } from 'vitest';
import { errorsOf, PHONE, screenshot, seriousViolations } from './harness.js';
import { corridor, useBrowser } from './browser.js';

const browser = useBrowser();

describe('caseload', () => {
  it('adds a person, then saves skills confirmed in "describe a job" into their profile', async () => {
    const page = await browser.signedIn(corridor.users.advisor);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Caseload' }).click();
    await page.waitForURL(/\/caseload$/);
    await page.locator('#caseload-count').waitFor();

    // Missing fields are named before anything is sent.
    await page.getByRole('button', { name: 'Add to caseload' }).click();
    expect(await page.locator('#new-profile-name-error').innerText()).toBe('Please fill in this field.');
    await page.getByLabel('Name the person wants to be called').fill('Samira Khalil');
    await page.getByLabel('Country of origin').selectOption('SY');
    await page.getByLabel('Country where the person lives now').selectOption('ES');
    await page.getByLabel('The person agreed that their skills profile is kept (consent to profiling)').check();
    await page.getByRole('button', { name: 'Add to caseload' }).click();
    // The new person's page opens, saying so.
    await expect
      .poll(() => page.getByRole('status').first().innerText())
      .toBe('Samira Khalil was added to the caseload.');
    await page.getByRole('link', { name: 'Back to the caseload' }).click();
    const card = page.locator('.cards li', { hasText: 'Samira Khalil' });
    await card.waitFor();
    // No contact language was chosen: none is assumed from the advisor's screen.
    expect(await card.locator('.facts').innerText()).toMatch(
      /From\s+Syria\s+Lives in\s+Spain\s+Contact language\s+Not recorded\s+Skills\s+0/,
    );
    expect(await seriousViolations(page)).toEqual([]);

    // By the family name: the browser tests share one server, and another file adds a "Samira" too.
    await page.getByLabel('Find by name').fill('Khalil');
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await page.waitForURL(/\/caseload\?name=Khalil$/);
    await expect.poll(() => page.locator('#caseload-count').innerText()).toBe('1 person');
    await screenshot(page, 'caseload-en-desktop');

    await page.getByRole('link', { name: 'Samira Khalil' }).click();
    await page.waitForURL(/\/caseload\/[0-9a-f-]{36}$/);
    await page.getByText('No skills recorded yet.').waitFor();
    await page.getByRole('link', { name: 'Find skills by describing work' }).click();
    await page.waitForURL(/\/describe\?profile=/);

    await page.getByLabel('Describe the tasks done at work').fill('I cleaned the kitchen and washed dishes.');
    await page.getByRole('button', { name: 'Find skills' }).click();
    const skills = page.getByRole('list', { name: 'Suggested skills' });
    await skills.waitFor();
    await skills.getByRole('group', { name: 'wash the dishes' }).getByRole('button', { name: 'Confirm' }).click();
    const save = page.getByRole('region', { name: 'Save to a profile' });
    expect(await save.getByLabel('Person').inputValue()).toMatch(/^[0-9a-f-]{36}$/); // preselected from the link
    await save.getByRole('button', { name: 'Add confirmed skills' }).click();
    await expect
      .poll(() => save.getByRole('status').innerText())
      .toMatch(/^1 skill added to the profile of Samira Khalil\.\s+Open the profile$/);
    expect(await seriousViolations(page)).toEqual([]);
    // Saving again adds nothing twice.
    await save.getByRole('button', { name: 'Add confirmed skills' }).click();
    await expect.poll(() => save.getByRole('status').innerText()).toMatch(/^These skills are already in the profile\./);

    await save.getByRole('link', { name: 'Open the profile' }).click();
    const list = page.getByRole('region', { name: /^Skills/ });
    await list.getByRole('listitem').first().waitFor();
    expect(await list.getByRole('heading').innerText()).toBe('Skills (1 skill)');
    expect(await list.getByRole('listitem').allInnerTexts()).toEqual(['wash the dishes · Checked by an advisor']);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'profile-en-desktop');
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('names countries in Arabic and fits a phone', async () => {
    const page = await browser.signedIn(corridor.users.advisor, { locale: 'ar', viewport: PHONE });
    await page.goto(`${corridor.url}/caseload`);
    await page.getByLabel('الاسم الذي يريد الشخص أن يُنادى به').fill('فاطمة');
    await page.getByLabel('بلد المنشأ').selectOption('MA');
    await page.getByLabel('البلد الذي يقيم فيه الشخص حاليًا').selectOption('FR');
    await page.getByLabel('وافق الشخص على الاحتفاظ بملف مهاراته (الموافقة على التنميط)').check();
    await page.getByRole('button', { name: 'إضافة إلى الحالات' }).click();
    await page.waitForURL(/\?added=1$/);
    await page.goto(`${corridor.url}/caseload`);
    const card = page.locator('.cards li', { hasText: 'فاطمة' });
    await card.waitFor();
    expect(await card.locator('.facts').innerText()).toMatch(/المغرب[\s\S]*فرنسا/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'caseload-ar-phone');
    await page.context().close();
  });

  it('is not offered to an analyst, and refused if opened by address', async () => {
    const page = await browser.signedIn(corridor.users.analyst);
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    expect(await nav.getByRole('link', { name: 'Caseload' }).count()).toBe(0);
    await page.goto(`${corridor.url}/caseload`);
    expect(await page.locator('h1').innerText()).toBe('You are not allowed to do this.');
    await page.context().close();
  });
});
