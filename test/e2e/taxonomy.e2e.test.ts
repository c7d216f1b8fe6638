// The ESCO screens against the real taxonomy routes and the shipped ESCO 1.1.1: explorer with autocomplete,
// occupation and skill pages, "describe a job" with confirm/reject, reference levels — in English, Spanish and
// Arabic, by keyboard, with axe-core on every screen.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { errorsOf, PHONE, screenshot, seriousViolations } from './harness.js';
import { corridor, useBrowser } from './browser.js';

const browser = useBrowser();

/** An advisor on the ESCO explorer (their home is the caseload since protection's follow-ups landed there). */
async function advisorPage(locale = 'en-GB', viewport?: { width: number; height: number }): Promise<Page> {
  const page = await browser.signedIn(corridor.users.advisor, { locale, viewport });
  await page.goto(`${corridor.url}/explorer`);
  return page;
}

const COOK = '90f75f67-495d-49fa-ab57-2f320e251d7e'; // ESCO 1.1.1 "cook", ISCO 5120

describe('ESCO explorer', () => {
  it('suggests as you type; arrows and Enter open the occupation with its essential and optional skills', async () => {
    const page = await advisorPage();
    const box = page.getByRole('combobox', { name: 'Search occupations and skills' });
    await box.click();
    await page.keyboard.type('cook');
    const list = page.getByRole('listbox', { name: 'Search occupations and skills' });
    await list.waitFor();
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    const options = await list.getByRole('option').allInnerTexts();
    expect(options[0]).toMatch(/^cook\s*Occupation$/);
    expect(await page.locator('[aria-live="polite"]').first().textContent()).toMatch(/^\d+ suggestions available$/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'explorer-autocomplete-en-desktop');

    await page.keyboard.press('ArrowDown');
    const active = await box.getAttribute('aria-activedescendant');
    expect(await page.locator(`[id="${active}"]`).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/explorer/occupations/${COOK}$`));
    await expect.poll(() => page.locator('h1').innerText()).toBe('cook');
    expect(await page.locator('.codes').innerText()).toMatch(/ESCO code 5120\.1\s+ISCO-08 5120/);
    const essential = page.getByRole('region', { name: /^Essential skills/ });
    expect(await essential.getByRole('heading').innerText()).toMatch(/^Essential skills \(\d+ skills\)$/);
    expect(await essential.getByRole('link').allInnerTexts()).toContain('comply with food safety and hygiene');
    expect(
      await page
        .getByRole('region', { name: /^Optional skills/ })
        .getByRole('link')
        .count(),
    ).toBeGreaterThan(5);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'occupation-en-desktop');

    // On to a skill, and from there to the occupations that need it.
    await essential.getByRole('link', { name: 'comply with food safety and hygiene' }).click();
    await page.waitForURL(/\/explorer\/skills\/0ff99f51-40d9-42f1-a1ec-377b2bb5e15f$/);
    await expect.poll(() => page.locator('h1').innerText()).toBe('comply with food safety and hygiene');
    expect(await page.locator('.facts').innerText()).toMatch(/Type\s+Skill or competence\s+Reuse level\s+Cross-sector/);
    const essentialFor = page.getByRole('region', { name: /^Essential for/ });
    expect(await essentialFor.getByRole('heading').innerText()).toMatch(/^Essential for \(\d+ occupations\)$/);
    expect(await essentialFor.getByRole('link', { name: 'cook', exact: true }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Back to search' }).click();
    await page.waitForURL(/\/explorer$/);
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('searches skills only, keeps the search in the address, and survives a reload', async () => {
    const page = await advisorPage();
    await page.getByRole('radio', { name: 'Skills', exact: true }).check();
    await page.getByRole('combobox', { name: 'Search occupations and skills' }).fill('welding');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/explorer\?q=welding&type=skill$/);
    const heading = page.locator('#results-heading');
    await expect.poll(() => heading.innerText()).toMatch(/^\d+ results for “welding”$/);
    const badges = await page.locator('.results .badge').allInnerTexts();
    expect(badges.length).toBeGreaterThan(3);
    expect(new Set(badges)).toEqual(new Set(['Skill']));
    expect(await page.locator('.results .card-title a').allInnerTexts()).toContain('join metals');
    await page.reload();
    await expect.poll(() => heading.innerText()).toMatch(/results for “welding”/);
    expect(await page.getByRole('radio', { name: 'Skills', exact: true }).isChecked()).toBe(true);
    await page.goto(`${corridor.url}/explorer?q=zzqqxxj`);
    await expect.poll(() => heading.innerText()).toBe('Nothing found for “zzqqxxj”. Try another word.');
    await page.context().close();
  });

  it('finds the Spanish skill typed, not another word of its stem ("camas" is beds, "cámaras" cameras)', async () => {
    const page = await advisorPage('es-ES');
    await page.getByRole('radio', { name: 'Competencias', exact: true }).check();
    const box = page.getByRole('combobox', { name: 'Buscar ocupaciones y competencias' });
    await box.fill('camas');
    await box.press('Enter');
    await page.waitForURL(/\/explorer\?q=camas&type=skill$/);
    await expect.poll(() => page.locator('#results-heading').innerText()).toMatch(/resultados para «camas»/);
    const labels = await page.locator('.results .card-title a').allInnerTexts();
    expect(labels[0]).toBe('hacer las camas');
    const firstCamera = labels.findIndex((l) => /cámara/.test(l));
    if (firstCamera >= 0) expect(firstCamera).toBeGreaterThan(labels.indexOf('hacer las camas'));
    await page.context().close();
  });

  it('searches and shows labels in Spanish', async () => {
    const page = await advisorPage('es-ES');
    const box = page.getByRole('combobox', { name: 'Buscar ocupaciones y competencias' });
    await box.fill('cocinero');
    await box.press('Enter');
    await page.waitForURL(/\/explorer\?q=cocinero$/);
    await expect.poll(() => page.locator('#results-heading').innerText()).toMatch(/resultados para «cocinero»/);
    const labels = await page.locator('.results .card-title a').allInnerTexts();
    expect(labels.some((l) => l.startsWith('cocinero especializado'))).toBe(true);
    expect(await page.locator('.results .card-title a').first().getAttribute('lang')).toBe('es');
    await page.goto(`${corridor.url}/explorer/occupations/${COOK}`);
    await expect.poll(() => page.locator('h1').innerText()).toMatch(/^cocinero/);
    expect(await page.locator('.notice').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('in Arabic: right-to-left screens, English ESCO labels marked lang="en" with a notice', async () => {
    const page = await advisorPage('ar', PHONE);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.getByRole('combobox', { name: 'البحث عن المهن والمهارات' }).fill('cook');
    const listbox = page.getByRole('listbox', { name: 'البحث عن المهن والمهارات' });
    await listbox.waitFor();
    expect(await listbox.getByRole('option').first().innerText()).toMatch(/^cook\s*مهنة$/);
    await screenshot(page, 'explorer-autocomplete-ar-phone');
    await listbox.getByRole('option').first().click();
    await page.waitForURL(new RegExp(`/explorer/occupations/${COOK}$`));
    await page.locator('h1 span[lang]').waitFor();
    expect(await page.locator('h1 span').getAttribute('lang')).toBe('en');
    expect(await page.locator('.notice').innerText()).toBe(
      'لا تتوفر تسميات ESCO بهذه اللغة بعد، لذا تُعرض بالإنجليزية.',
    );
    expect(
      await page
        .getByRole('region', { name: /^المهارات الأساسية/ })
        .getByRole('heading')
        .innerText(),
    ).toMatch(/^المهارات الأساسية \(\d+ مهارة\)$/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'occupation-ar-phone');
    await page.context().close();
  });
});

describe('describe a job', () => {
  it('suggests occupations from a title and description; the person confirms or rejects each', async () => {
    const page = await advisorPage();
    await page.getByRole('link', { name: 'Describe a job' }).click();
    await page.waitForURL(/\/describe$/);

    // Nothing typed: the person is told what is missing, next to the field.
    await page.getByRole('button', { name: 'Suggest occupations' }).click();
    expect(await page.locator('#describe-title-error').innerText()).toBe('Please fill in this field.');
    expect(await page.locator('#describe-title').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('describe-title');

    await page.getByLabel('Job title').fill('kitchen helper');
    await page
      .getByLabel('What the work involves (optional)')
      .fill('I wash dishes and prepare vegetables in a restaurant.');
    await page.getByRole('button', { name: 'Suggest occupations' }).click();
    const occupations = page.getByRole('list', { name: 'Suggested occupations' });
    await occupations.waitFor();
    const labels = await occupations.locator('.card-title a').allInnerTexts();
    expect(labels).toContain('kitchen assistant');
    expect(labels.length).toBe(5);

    const kitchen = occupations.getByRole('group', { name: 'kitchen assistant' });
    await kitchen.getByRole('button', { name: 'Confirm' }).click();
    expect(await kitchen.getByRole('button', { name: 'Confirm' }).getAttribute('aria-pressed')).toBe('true');
    const other = occupations.getByRole('group', { name: labels.find((l) => l !== 'kitchen assistant')! });
    await other.getByRole('button', { name: 'Reject' }).click();
    expect(await other.getByRole('button', { name: 'Reject' }).getAttribute('aria-pressed')).toBe('true');
    const summary = page.getByRole('region', { name: 'Your choices' });
    expect(await summary.innerText()).toMatch(/1 occupation confirmed\s+kitchen assistant\s+0 skills confirmed/);
    // Pressing again withdraws the choice.
    await kitchen.getByRole('button', { name: 'Confirm' }).press('Enter');
    expect(await kitchen.getByRole('button', { name: 'Confirm' }).getAttribute('aria-pressed')).toBe('false');
    expect(await summary.innerText()).toMatch(/Nothing confirmed yet\./);
    await kitchen.getByRole('button', { name: 'Confirm' }).press('Space');
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('says why each occupation is suggested: the ESCO label the title matched and the description fit', async () => {
    const page = await advisorPage('en-GB', PHONE);
    await page.goto(`${corridor.url}/describe`);
    await page.getByLabel('Job title').fill('procurement officer');
    await page.getByRole('button', { name: 'Suggest occupations' }).click();
    const occupations = page.getByRole('list', { name: 'Suggested occupations' });
    await occupations.waitFor();
    const card = (label: string) =>
      occupations.locator('li', { has: page.getByRole('link', { name: label, exact: true }) });
    expect(await card('purchaser').locator('.why').innerText()).toBe(
      'Matched the ESCO alternative label “procurement officer”',
    );
    expect(await card('purchaser').locator('.matched-label').getAttribute('lang')).toBe('en');
    expect(await occupations.locator('.why').count()).toBe(5);
    // No description was sent, so nothing is said about its fit.
    expect(await occupations.locator('.fit').count()).toBe(0);

    await page
      .getByLabel('What the work involves (optional)')
      .fill('I buy supplies for the company, compare offers from suppliers and negotiate prices.');
    await page.getByRole('button', { name: 'Suggest occupations' }).click();
    await expect.poll(() => occupations.locator('.fit').count()).toBe(5);
    const fits = await occupations.locator('.fit').allInnerTexts();
    for (const fit of fits) {
      expect(fit).toMatch(
        /^(The job description fits (closely|in part|a little)|Nothing in the job description points to this occupation)$/,
      );
    }
    // The bar only repeats the sentence beside it.
    expect(await occupations.locator('.fit-meter').first().getAttribute('aria-hidden')).toBe('true');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await occupations.scrollIntoViewIfNeeded();
    await screenshot(page, 'describe-why-en-phone');

    // A title no ESCO label matches: the description alone carried the suggestions.
    await page.getByLabel('Job title').fill('zzqqxxj');
    await page.getByLabel('What the work involves (optional)').fill('I drive a truck and deliver goods to shops.');
    await page.getByRole('button', { name: 'Suggest occupations' }).click();
    await expect.poll(() => occupations.locator('.matched-label').count()).toBe(0);
    expect(await occupations.locator('.why p:first-child').first().innerText()).toBe(
      'Suggested from the job description',
    );
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('finds skills in free text, shows the evidence, and keeps confirmed skills in the summary', async () => {
    const page = await advisorPage();
    await page.goto(`${corridor.url}/describe`);
    await page
      .getByLabel('Describe the tasks done at work')
      .fill('I prepared vegetables and cooked rice for 200 people every day. I cleaned the kitchen and washed dishes.');
    await page.getByRole('button', { name: 'Find skills' }).click();
    const skills = page.getByRole('list', { name: 'Suggested skills' });
    await skills.waitFor();
    const dishes = skills.locator('li', { hasText: 'wash the dishes' });
    // The whole sentence, with the words that triggered the skill marked.
    expect(await dishes.locator('.evidence q').innerText()).toBe('I cleaned the kitchen and washed dishes.');
    expect(await dishes.locator('.evidence mark').innerText()).toBe('washed dishes');
    await dishes.getByRole('button', { name: 'Confirm' }).click();
    const summary = page.getByRole('region', { name: 'Your choices' });
    expect(await summary.innerText()).toMatch(/1 skill confirmed\s+wash the dishes/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'describe-en-desktop');
    await page.context().close();
  });

  it('works in Arabic on a phone', async () => {
    const page = await advisorPage('ar', PHONE);
    await page.goto(`${corridor.url}/describe`);
    expect(await page.locator('h1').innerText()).toBe('وصف عمل');
    await page.getByLabel('المسمّى الوظيفي').fill('welder');
    await page.getByLabel('ماذا يتضمّن العمل (اختياري)').fill('I weld steel parts in a workshop.');
    await page.getByRole('button', { name: 'اقتراح مهن' }).click();
    const list = page.getByRole('list', { name: 'المهن المقترحة' });
    await list.waitFor();
    // Why: the English ESCO label the title matched, marked as English, with the language named in Arabic.
    const why = list.locator('li', { has: page.getByRole('link', { name: 'welder', exact: true }) }).locator('.why');
    expect(await why.locator('p').first().innerText()).toBe(
      'يطابق المسمّى التسمية المفضّلة في ESCO «welder» (باللغة الإنجليزية)',
    );
    expect(await why.locator('.matched-label').getAttribute('lang')).toBe('en');
    expect(await why.locator('.fit').innerText()).toMatch(/^(وصف العمل يتوافق معها|لا شيء في وصف العمل)/);
    await list.scrollIntoViewIfNeeded();
    await screenshot(page, 'describe-why-ar-phone');
    await list.getByRole('button', { name: 'تأكيد' }).first().click();
    expect(await page.getByRole('region', { name: 'اختياراتك' }).innerText()).toMatch(/تم تأكيد مهنة واحدة/);
    await page.getByLabel('صِف المهام التي تُنجَز في العمل').fill('I weld steel pipes and read technical drawings.');
    await page.getByRole('button', { name: 'إيجاد المهارات' }).click();
    await page.getByRole('list', { name: 'المهارات المقترحة' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'describe-ar-phone');
    await page.context().close();
  });
});

describe('reference levels', () => {
  it('lists ISCED, CEFR and EQF levels named in the interface language', async () => {
    const page = await advisorPage();
    await page.getByRole('link', { name: 'Reference levels' }).click();
    const isced = page.getByRole('region', { name: 'ISCED 2011 education levels' }).first();
    await isced.locator('tbody tr').first().waitFor();
    expect(await isced.locator('tbody tr').count()).toBe(9);
    expect(await isced.locator('tbody tr').nth(3).innerText()).toMatch(/^3\s+Upper secondary education\s+Medium skill/);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Language', { exact: true }).selectOption('ar');
    const iscedAr = page.getByRole('region', { name: 'مستويات التعليم في التصنيف الدولي الموحّد للتعليم 2011' }).first();
    await expect.poll(() => iscedAr.locator('tbody tr').nth(1).innerText()).toMatch(/التعليم الابتدائي/);
    const cefr = page.getByRole('region', { name: 'مستويات اللغة في الإطار الأوروبي المرجعي المشترك للغات' }).first();
    expect(await cefr.locator('tbody tr').count()).toBe(6);
    expect(await cefr.locator('tbody tr').first().innerText()).toMatch(/^A1/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'reference-ar-desktop');
    await page.context().close();
  });
});
