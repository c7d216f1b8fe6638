// The advisor's skills interview against the real server: every step answered, questions shown in the advisor's
// and the migrant's language side by side, each step saved (and really stored: reload and see it), a conflicting
// save shown and recovered, and resuming where the interview stopped — in English on a desktop and in Arabic on
// a phone.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { errorsOf, PHONE, screenshot, seriousViolations } from './harness.js';
import { corridor, useBrowser } from './browser.js';
import { apiAs, type Call } from './accounts.js';

const browser = useBrowser();
let advisor: Call;

interface StoredProfile {
  id: string;
  version: number;
  displayName: string;
  languages: { lang: string; native: boolean; listening: string | null; speaking: string | null }[];
  education: { iscedLevel: number; field: string | null; title: string; completed: boolean }[];
  experience: { occupationUri: string; title: string | null; country: string; months: number; formal: boolean }[];
  skills: { uri: string; evidence: string; source: string }[];
  workAuthorization: { permits: { country: string; type: string; validUntil: string | null; sectors: string[] }[] };
  preferences: { occupations: string[]; regions: { country: string }[]; willingToRelocate: boolean };
  contactLanguage: string | null;
  interviewStep: number | null;
}

beforeAll(async () => {
  advisor = await apiAs(corridor.url, corridor.users.advisor);
});

async function newProfile(displayName: string, extra: Record<string, unknown> = {}): Promise<StoredProfile> {
  return advisor<StoredProfile>('POST', '/profiles', {
    displayName,
    profilingConsent: true,
    originCountry: 'SY',
    currentCountry: 'ES',
    ...extra,
  });
}

const stepHeading = (page: Page) => page.locator('#step-heading');
const saveNext = (page: Page, name = 'Save and continue') => page.getByRole('button', { name, exact: true }).click();

async function pickFromCombobox(page: Page, id: string, text: string, option: string) {
  const input = page.locator(`#${id}`);
  await input.fill(text);
  await page.locator(`#${id}-list`).getByRole('option', { name: option, exact: true }).click();
}

/** The job field is the occupation coder: each option is the label, its ISCO code and why it is suggested. */
async function pickOccupation(page: Page, id: string, text: string, label: string) {
  await page.locator(`#${id}`).fill(text);
  await page
    .locator(`#${id}-list`)
    .getByRole('option', { name: new RegExp(`^${label} \\d{4}`) })
    .first()
    .click();
}

async function expectClean(page: Page) {
  expect(await seriousViolations(page)).toEqual([]);
}

describe('skills interview', () => {
  it('walks an advisor through every step in English with Arabic questions beside, saving each step', async () => {
    const created = await newProfile('Yusuf Ahmed');
    const page = await browser.signedIn(corridor.users.advisor);
    await page.goto(`${corridor.url}/caseload/${created.id}`);
    await page.getByRole('link', { name: 'Skills interview' }).click();
    await page.waitForURL(/\/interview$/);
    await expect.poll(() => page.locator('h1').innerText()).toBe('Skills interview with Yusuf Ahmed');

    // The migrant's language is chosen at the start.
    await page.getByLabel('Language of the person').selectOption('ar');
    await expectClean(page);
    await page.getByRole('button', { name: 'Start the interview' }).click();

    // Name and countries are known already: the interview opens at the languages step.
    await expect.poll(() => stepHeading(page).innerText()).toBe('Step 2 of 7 · Languages');
    const question = page.locator('.question');
    expect(await question.locator('.own').innerText()).toBe('Which languages do you speak?');
    const arabic = question.locator('.theirs');
    expect(await arabic.innerText()).toBe('ما اللغات التي تتكلمها؟');
    expect(await arabic.getAttribute('lang')).toBe('ar');
    expect(await arabic.getAttribute('dir')).toBe('rtl');
    const nav = page.getByRole('navigation', { name: 'Interview steps' });
    expect(await nav.getByRole('button', { name: 'Languages' }).getAttribute('aria-current')).toBe('step');

    await page.getByRole('button', { name: 'Add: Language' }).click();
    // The new entry's first field takes focus.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('wiz-lang-0');
    await page.locator('#wiz-lang-0').selectOption('ar');
    await page.getByLabel(/It is my mother tongue/).check();
    await page.getByRole('button', { name: 'Add: Language' }).click();
    await page.locator('#wiz-lang-1').selectOption('es');
    // Each CEFR question is labelled in both languages.
    await page.getByLabel(/How well do you understand when people speak\?/).selectOption('B1');
    await page.getByLabel(/How well do you speak\?/).selectOption('A2');
    await expectClean(page);
    await saveNext(page);
    await expect.poll(() => page.locator('.save-status').innerText()).toBe('Saved: Languages.');
    expect(await stepHeading(page).innerText()).toBe('Step 3 of 7 · Education');
    // Focus follows the new step, for keyboard and screen-reader users.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('step-heading');

    // A required field is named before anything is sent.
    await page.getByRole('button', { name: 'Add: Education' }).click();
    await saveNext(page);
    expect(await page.locator('#wiz-edu-0-title-error').innerText()).toBe('Please fill in this field.');
    await page.getByLabel(/Level of the school or course/).selectOption('3');
    await page.getByLabel(/^Subject/).selectOption('10');
    await page.getByLabel(/Name of the diploma or course/).fill('Baccalauréat (Damascus)');
    await saveNext(page);
    await expect.poll(() => stepHeading(page).innerText()).toBe('Step 4 of 7 · Work experience');

    // Informal work counts; the occupation comes from the occupation coder, which says why.
    await page.getByRole('button', { name: 'Add: Work experience' }).click();
    await saveNext(page);
    await page.getByText('Pick an occupation from the suggestions.').waitFor();
    // Focus lands on the field in question.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('wiz-exp-0-occupation');
    await pickOccupation(page, 'wiz-exp-0-occupation', 'cook', 'cook');
    expect(await page.locator('.chosen').innerText()).toBe('Chosen: cook');
    expect(await page.locator('.chosen-occupation .why').innerText()).toMatch(
      /^Matched the ESCO preferred label “cook”/,
    );
    await page.getByLabel(/^In which country\?/).selectOption('SY');
    await page.getByLabel(/^For how many months\?/).fill('36');
    await page.getByLabel(/^No, without a contract/).check();
    await page
      .getByLabel(/^What did you do there\?/)
      .fill('I cooked meals for two hundred guests and washed the dishes at night.');
    await expectClean(page);
    await screenshot(page, 'interview-en-experience');
    await saveNext(page);
    await expect.poll(() => stepHeading(page).innerText()).toBe('Step 5 of 7 · Skills');

    // Suggestions: the essential skills of "cook", most telling first, and skills found in the free-text answer;
    // a person ticks what is true.
    const specific = page.getByRole('list', { name: 'Specific to this work · cook' });
    await specific.getByRole('listitem').first().waitFor();
    expect(await page.locator('.job-skills h4').first().innerText()).toBe('Skills of the job: cook');
    expect(await specific.getByRole('listitem').count()).toBeGreaterThan(3);
    await specific.getByRole('checkbox').first().check();
    const answers = page.getByRole('list', { name: 'Found in the answers' });
    await answers.getByLabel('wash the dishes').check();
    expect(await answers.getByLabel('wash the dishes').isChecked()).toBe(true);
    // A skill found by name is added as confirmed.
    await pickFromCombobox(page, 'wiz-skill-search', 'bake', 'bake goods');
    await expect
      .poll(() => page.getByText(/skills will be added when you continue/).innerText())
      .toBe('3 skills will be added when you continue.');
    await expectClean(page);
    await screenshot(page, 'interview-en-skills');
    await saveNext(page);
    await expect.poll(() => stepHeading(page).innerText()).toBe('Step 6 of 7 · Work authorization');

    // Someone else saves the profile meanwhile: the conflict is shown, nothing is overwritten.
    const meanwhile = await advisor<StoredProfile>('GET', `/profiles/${created.id}`);
    await advisor('PUT', `/profiles/${created.id}`, {
      displayName: meanwhile.displayName,
      originCountry: 'SY',
      currentCountry: 'ES',
      languages: meanwhile.languages,
      education: meanwhile.education,
      experience: meanwhile.experience,
      skills: meanwhile.skills,
      seeking: true,
      version: meanwhile.version,
    });
    await page.getByRole('button', { name: 'Add: Work authorization' }).click();
    await page.getByLabel(/^Which country gave the permit\?/).selectOption('ES');
    await page.getByLabel(/^What kind of permit is it\?/).selectOption('work-general');
    await saveNext(page);
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.innerText()).toMatch(/^Someone else saved this profile after you opened it\./);
    expect(await stepHeading(page).innerText()).toBe('Step 6 of 7 · Work authorization');
    await expectClean(page);
    await alert.getByRole('button', { name: 'Reload the profile' }).click();
    await expect.poll(() => alert.count()).toBe(0);

    await page.getByRole('button', { name: 'Add: Work authorization' }).click();
    await page.getByLabel(/^Which country gave the permit\?/).selectOption('ES');
    await page.getByLabel(/^What kind of permit is it\?/).selectOption('work-general');
    await page.getByLabel(/^Valid until/).fill('2028-06-30');
    await page.getByRole('checkbox', { name: 'Accommodation and food service activities' }).check();
    await expectClean(page);
    await saveNext(page);
    await expect.poll(() => stepHeading(page).innerText()).toBe('Step 7 of 7 · Preferences');

    await pickFromCombobox(page, 'wiz-pref-occupation', 'kitchen assistant', 'kitchen assistant');
    await page.getByLabel(/^In which countries would you like to work\?/).selectOption('ES');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByLabel(/^I am ready to move to another place for work/).check();
    await expectClean(page);
    await saveNext(page);
    await expect.poll(() => stepHeading(page).innerText()).toBe('All steps are saved');
    expect(await page.locator('.wizard-step').innerText()).toMatch(/The profile now has 3 skills\./);

    // Really stored: reload, and the interview reopens finished; an earlier step shows what was saved.
    await page.reload();
    await expect.poll(() => stepHeading(page).innerText()).toBe('All steps are saved');
    await page.getByRole('navigation', { name: 'Interview steps' }).getByRole('button', { name: 'Languages' }).click();
    expect(await page.locator('#wiz-lang-0').inputValue()).toBe('ar');
    expect(await page.locator('#wiz-lang-1').inputValue()).toBe('es');
    expect(await page.locator('#wiz-lang-1-listening').inputValue()).toBe('B1');
    await page
      .getByRole('navigation', { name: 'Interview steps' })
      .getByRole('button', { name: 'Work experience' })
      .click();
    await expect.poll(() => page.locator('.chosen').innerText()).toBe('Chosen: cook');
    expect(await page.getByLabel(/^No, without a contract/).isChecked()).toBe(true);

    const stored = await advisor<StoredProfile>('GET', `/profiles/${created.id}`);
    expect(stored.languages.map((l) => [l.lang, l.native, l.listening, l.speaking])).toEqual([
      ['ar', true, null, null],
      ['es', false, 'B1', 'A2'],
    ]);
    expect(stored.education).toMatchObject([{ iscedLevel: 3, field: '10', title: 'Baccalauréat (Damascus)' }]);
    expect(stored.experience).toMatchObject([{ title: 'cook', country: 'SY', months: 36, formal: false }]);
    expect(stored.skills).toHaveLength(3);
    expect(new Set(stored.skills.map((s) => s.evidence))).toEqual(new Set(['advisor-checked']));
    expect(stored.skills.map((s) => s.source).sort()).toEqual(['extraction', 'interview', 'work-experience']);
    expect(stored.workAuthorization.permits).toMatchObject([
      { country: 'ES', type: 'work-general', validUntil: '2028-06-30', sectors: ['I'] },
    ]);
    expect(stored.preferences.regions).toEqual([{ country: 'ES', region: '' }]);
    expect(stored.preferences.willingToRelocate).toBe(true);
    expect(stored.preferences.occupations).toHaveLength(1);
    await screenshot(page, 'interview-en-desktop');
    // The one 409 is the conflict provoked above; nothing else failed.
    expect(errorsOf(page).filter((e) => !/status of 409/.test(e))).toEqual([]);
    await page.context().close();
  });

  it('resumes where it stopped, in Arabic on a phone with French questions beside', async () => {
    const created = await newProfile('Awa Diallo', {
      languages: [{ lang: 'fr', native: true }],
    });
    const page = await browser.signedIn(corridor.users.advisor, { locale: 'ar', viewport: PHONE });
    await page.goto(`${corridor.url}/caseload/${created.id}/interview`);
    await expect.poll(() => page.locator('h1').innerText()).toBe('مقابلة المهارات مع Awa Diallo');
    // The person's native language is offered first.
    expect(await page.getByLabel('لغة الشخص').inputValue()).toBe('fr');
    await page.getByRole('button', { name: 'بدء المقابلة' }).click();

    // Languages are recorded already: the interview resumes at education.
    await expect.poll(() => stepHeading(page).innerText()).toBe('الخطوة 3 من 7 · التعليم');
    expect(await page.locator('.question .own').innerText()).toBe('ما المدارس أو الدورات التي التحقت بها؟');
    const french = page.locator('.question .theirs');
    expect(await french.innerText()).toBe('Quelles écoles ou formations avez-vous suivies ?');
    expect(await french.getAttribute('dir')).toBe('ltr');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    // No schooling: continue with nothing added.
    await saveNext(page, 'حفظ ومتابعة');
    await expect.poll(() => stepHeading(page).innerText()).toBe('الخطوة 4 من 7 · الخبرة العملية');
    await page.getByRole('button', { name: 'إضافة: الخبرة العملية' }).click();
    // Keyboard only: type, arrow down to the suggestion, Enter.
    const occupation = page.locator('#wiz-exp-0-occupation');
    await occupation.focus();
    await page.keyboard.type('domestic cleaner');
    await page
      .locator('#wiz-exp-0-occupation-list')
      .getByRole('option', { name: /^domestic cleaner/ })
      .first()
      .waitFor();
    await page.keyboard.press('ArrowDown');
    expect(await occupation.getAttribute('aria-activedescendant')).toBe('wiz-exp-0-occupation-opt-0');
    await page.keyboard.press('Enter');
    expect(await page.locator('.chosen').innerText()).toBe('المختارة: domestic cleaner');
    await page.getByLabel(/^في أي بلد؟/).selectOption('SN');
    await page.getByLabel(/^لكم شهرًا؟/).fill('24');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectClean(page);
    await screenshot(page, 'interview-ar-phone');
    await saveNext(page, 'حفظ ومتابعة');
    await expect.poll(() => page.locator('.save-status').innerText()).toBe('تم الحفظ: الخبرة العملية.');

    // Reopened later (another visit): straight back to the step after the last one saved, in the same language.
    await page.goto(`${corridor.url}/caseload/${created.id}`);
    await page.getByRole('link', { name: 'مقابلة المهارات' }).click();
    await expect.poll(() => stepHeading(page).innerText()).toBe('الخطوة 5 من 7 · المهارات');
    expect(await page.locator('.question .theirs').innerText()).toBe(
      'Que savez-vous faire ? Confirmez ce qui est vrai.',
    );
    await page
      .getByRole('list', { name: 'خاصة بهذا العمل · domestic cleaner' })
      .getByRole('listitem')
      .first()
      .waitFor();
    await expectClean(page);
    await screenshot(page, 'interview-ar-phone-skills');
    const stored = await advisor<StoredProfile>('GET', `/profiles/${created.id}`);
    expect(stored.experience).toMatchObject([{ country: 'SN', months: 24, formal: false }]);
    // The step is stored with the profile, not only in this browser.
    expect(stored.interviewStep).toBe(5);
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();

    // Another device (a fresh browser, nothing remembered): straight to the stored step, no start screen.
    const other = await browser.signedIn(corridor.users.advisor, { locale: 'ar', viewport: PHONE });
    await other.goto(`${corridor.url}/caseload/${created.id}/interview`);
    await expect.poll(() => stepHeading(other).innerText()).toBe('الخطوة 5 من 7 · المهارات');
    expect(await other.locator('.question .theirs').innerText()).toBe(
      'Que savez-vous faire ? Confirmez ce qui est vrai.',
    );
    // The contact language is asked on the first step (offered: the interview language), and stored.
    await other
      .getByRole('navigation', { name: 'خطوات المقابلة' })
      .getByRole('button', { name: /عن الشخص/ })
      .click();
    const contact = other.locator('#wiz-contact-language');
    expect(await contact.inputValue()).toBe('fr');
    await contact.selectOption('wo');
    // Where she lives is asked on this step too, and checked: matching needs the region.
    await saveNext(other, 'حفظ ومتابعة');
    expect(await other.locator('#wiz-region-error').innerText()).toBe('اكتب رمز المنطقة: المطابقة تحتاج إليه.');
    await expect.poll(() => other.evaluate(() => document.activeElement?.id)).toBe('wiz-region');
    await other.locator('#wiz-region').fill('ES30');
    await expectClean(other);
    await saveNext(other, 'حفظ ومتابعة');
    await expect.poll(() => other.locator('.save-status').innerText()).toBe('تم الحفظ: عن الشخص.');
    const again = await advisor<StoredProfile>('GET', `/profiles/${created.id}`);
    expect([again.contactLanguage, again.interviewStep]).toEqual(['wo', 2]);
    // The advisor sees in which language to contact her: on the profile and on the caseload card.
    const wolof = new Intl.DisplayNames(['ar'], { type: 'language' }).of('wo')!;
    await other.goto(`${corridor.url}/caseload/${created.id}`);
    await expect.poll(() => other.locator('.facts').first().innerText()).toContain(`لغة التواصل\n${wolof}`);
    await other.goto(`${corridor.url}/caseload?name=Awa`);
    const card = other.locator('.card', { hasText: 'Awa Diallo' }).first();
    await expect.poll(() => card.locator('.facts').innerText()).toContain(wolof);
    await expectClean(other);
    await screenshot(other, 'caseload-ar-phone-contact-language');
    expect(errorsOf(other)).toEqual([]);
    await other.context().close();
  });
  it('removing a permit does not hand its document number to the next one', async () => {
    const created = await newProfile('Omar Said', {
      workAuthorization: {
        permits: [
          { country: 'ES', type: 'work-general', documentNumber: 'A1111111' },
          { country: 'ES', type: 'seasonal', documentNumber: 'B2222222' },
        ],
      },
    });
    const page = await browser.signedIn(corridor.users.advisor);
    await page.goto(`${corridor.url}/caseload/${created.id}/interview`);
    await page.getByLabel('Language of the person').selectOption('es');
    await page.getByRole('button', { name: 'Start the interview' }).click();
    // Work authorization is the last step with answers: the interview resumes at preferences.
    await expect.poll(() => stepHeading(page).innerText()).toBe('Step 7 of 7 · Preferences');
    await page
      .getByRole('navigation', { name: 'Interview steps' })
      .getByRole('button', { name: /Work authorization/ })
      .click();
    await page.getByRole('button', { name: 'Remove Work permit' }).click();
    expect(await page.locator('#wiz-permit-0-type').inputValue()).toBe('seasonal');
    await saveNext(page);
    await expect.poll(() => page.locator('.save-status').innerText()).toBe('Saved: Work authorization.');
    const stored = await advisor<{ workAuthorization: { permits: { type: string; documentNumber: string | null }[] } }>(
      'GET',
      `/profiles/${created.id}?include=sensitive&reason=e2e%20check`,
    );
    expect(stored.workAuthorization.permits).toMatchObject([{ type: 'seasonal', documentNumber: null }]);
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });
});
