// Issue 10, the migrant's and the advisor's part of the loop, through the UI only (the accounts are the harness's;
// the migrant's is an invitation, as an organisation creates it): an advisor adds a person, records consent with
// them present, runs the interview with the occupation coder in the job field and ranked essential skills, switches
// steps without losing them; an employer publishes a matching vacancy and finds the consenting candidate; the
// migrant, on a 360×740 phone in Arabic, lands on their profile, completes it with the region, gives and changes
// consent with their card previewed, and sees "jobs for me". Spanish for the advisor on a phone. axe on every screen.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { errorsOf, PHONE, screenshot, seriousViolations } from './harness.js';
import { corridor, useBrowser } from './browser.js';
import { inviteMigrant } from './accounts.js';

const browser = useBrowser();

async function clean(page: Page) {
  expect(await seriousViolations(page)).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}
const focused = (page: Page) => page.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName);
const stepHeading = (page: Page) => page.locator('#step-heading');

let candidateName = '';
let candidateId = '';

describe('core loop: advisor and migrant', () => {
  it('advisor: adds a person, records consent with them present, runs the interview without losing answers', async () => {
    const page = await browser.signedIn(corridor.users.advisor);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Caseload' }).click();
    await page.waitForURL(/\/caseload$/);

    // Bad input: a message next to each field, focus on the first; nothing is created.
    const form = page.getByRole('region', { name: 'Add a person' });
    await form.getByRole('button', { name: 'Add to caseload' }).click();
    expect(await page.locator('#new-profile-name-error').innerText()).toBe('Please fill in this field.');
    expect(await page.locator('#new-profile-origin-error').innerText()).toBe('Please fill in this field.');
    await expect.poll(() => focused(page)).toBe('new-profile-name');
    candidateName = `Hassan Darwish ${Date.now() % 10000}`;
    await form.getByLabel('Name the person wants to be called').fill(candidateName);
    await form.getByLabel('Country of origin').selectOption('SY');
    await form.getByLabel('Country where the person lives now').selectOption('ES');
    await form.getByLabel('Region code (optional)').fill('Barcelona');
    await form.getByRole('button', { name: 'Add to caseload' }).click();
    expect(await page.locator('#new-profile-region-error').innerText()).toMatch(/^Write a region code/);
    await expect.poll(() => focused(page)).toBe('new-profile-region');
    await form.getByLabel('Region code (optional)').fill('FR10');
    await form.getByRole('button', { name: 'Add to caseload' }).click();
    expect(await page.locator('#new-profile-region-error').innerText()).toBe(
      'This code is not for the chosen country: it should start with ES.',
    );
    await form.getByLabel('Region code (optional)').fill('ES51');
    // The contact language is asked, not copied from the advisor's screen.
    const contact = form.getByLabel('Language to contact the person in (optional)');
    expect(await contact.inputValue()).toBe('');
    await contact.selectOption('ar');
    // The profile is kept only with the person's consent to profiling (issue 11).
    await form.getByLabel('The person agreed that their skills profile is kept (consent to profiling)').check();
    await clean(page);
    await form.getByRole('button', { name: 'Add to caseload' }).click();

    // On the person's page, its heading focused.
    await page.waitForURL(/\/caseload\/[0-9a-f-]{36}\?added=1$/);
    candidateId = /\/caseload\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await expect.poll(() => page.locator('h1').innerText()).toBe(candidateName);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await page.locator('.facts').first().innerText()).toMatch(/Contact language\s+Arabic/);
    expect(await page.getByRole('region', { name: 'Where the person lives' }).innerText()).toContain(
      'Spain, region ES51',
    );

    // Consent, recorded with the person present. The profiling consent was recorded with the profile (issue 11).
    const consent = page.getByRole('region', { name: 'Consent' });
    await expect
      .poll(() => consent.locator('.consents .card-title').allInnerTexts())
      .toEqual(['Keeping their skills profile']);
    await consent.getByRole('button', { name: 'Record consent' }).click();
    expect(await page.locator('#consent-purpose-error').innerText()).toBe('Choose what the person agrees to.');
    await expect.poll(() => focused(page)).toMatch(/^consent-purpose-/);
    await consent.getByLabel('Showing their profile to employers for job offers').check();
    // The card an employer would see follows the fields chosen: no name by default.
    const preview = consent.getByRole('region', { name: 'How an employer would see this person' });
    expect(await preview.locator('.candidate-name').innerText()).toBe('Candidate 1');
    await consent.getByLabel('Your name').check();
    expect(await preview.locator('.candidate-name').innerText()).toBe(candidateName);
    expect(await preview.innerText()).not.toContain('Syria'); // origin is never shown
    await consent.getByLabel('Note (optional)').fill('Explained in Arabic with an interpreter.');
    // Not recorded without the tick that the person is present: asked, with focus on it.
    await consent.getByRole('button', { name: 'Record consent' }).click();
    expect(await page.locator('#consent-present-error').innerText()).toMatch(/^Tick this box only if/);
    await expect.poll(() => focused(page)).toBe('consent-present');
    await clean(page);
    await screenshot(page, 'consent-advisor-en-desktop');
    await consent.getByLabel(/is here with me/).check();
    await consent.getByRole('button', { name: 'Record consent' }).click();
    await expect
      .poll(() => consent.locator('.consents .card-title').allInnerTexts())
      .toEqual(['Showing their profile to employers for job offers', 'Keeping their skills profile']);
    expect(await consent.locator('.consents .card').first().innerText()).toContain(
      'Explained in Arabic with an interpreter.',
    );

    // The interview: the person's language chosen, then focus on the step.
    await page.getByRole('link', { name: 'Skills interview' }).click();
    await page.waitForURL(/\/interview$/);
    expect(await page.getByLabel('Language of the person').inputValue()).toBe('ar');
    await page.getByRole('button', { name: 'Start the interview' }).click();
    await expect.poll(() => stepHeading(page).innerText()).toBe('Step 2 of 7 · Languages');
    await expect.poll(() => focused(page)).toBe('step-heading');
    await page.getByRole('button', { name: 'Add: Language' }).click();
    await page.locator('#wiz-lang-0').selectOption('ar');
    await page.getByLabel(/It is my mother tongue/).check();
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect.poll(() => stepHeading(page).innerText()).toBe('Step 3 of 7 · Education');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect.poll(() => stepHeading(page).innerText()).toBe('Step 4 of 7 · Work experience');

    // The job field is the occupation coder, with its reasons.
    await page.getByRole('button', { name: 'Add: Work experience' }).click();
    const job = page.locator('#wiz-exp-0-occupation');
    await job.fill('soudeur');
    const options = page.locator('#wiz-exp-0-occupation-list');
    const welder = options.getByRole('option', { name: /^welder/ }).first();
    await welder.waitFor();
    expect(await welder.innerText()).toMatch(/Matched the ESCO/);
    await clean(page);
    await screenshot(page, 'interview-coder-en-desktop');
    await welder.click();
    expect(await page.locator('.chosen-occupation').innerText()).toMatch(/Chosen: welder[\s\S]*Matched the ESCO/);
    await page.getByLabel(/In which country\?/).selectOption('SY');
    await page.getByLabel(/For how many months\?/).fill('36');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect.poll(() => stepHeading(page).innerText()).toBe('Step 5 of 7 · Skills');

    // Essential skills ranked and grouped: the welder's core skills are there, every group reachable.
    const specific = page.locator('details.skill-group').first();
    await specific.waitFor();
    expect(await specific.locator('summary').innerText()).toMatch(/^Specific to this work/);
    await specific.getByLabel('join metals').check();
    await specific.getByLabel('perform metal inert gas welding').check();
    const shared = page.locator('details.skill-group', { hasText: 'Also used in other work' });
    await shared.locator('summary').click();
    await shared.getByLabel('operate welding equipment').check();
    expect(await page.getByText(/skills will be added when you continue/).innerText()).toBe(
      '3 skills will be added when you continue.',
    );
    await clean(page);
    await screenshot(page, 'interview-skills-en-desktop');

    // Another step and back: the ticks are kept, and the step says it is not saved yet.
    const steps = page.getByRole('navigation', { name: 'Interview steps' });
    await steps.getByRole('button', { name: /^Preferences/ }).click();
    await expect.poll(() => stepHeading(page).innerText()).toBe('Step 7 of 7 · Preferences');
    expect(await steps.getByRole('button', { name: /^Skills/ }).innerText()).toMatch(/not saved yet/);
    await steps.getByRole('button', { name: /^Skills/ }).click();
    await expect
      .poll(() => page.getByText(/will be added when you continue/).innerText())
      .toBe('3 skills will be added when you continue.');
    // Away to the profile and back (in-app navigation): still there.
    await page.getByRole('link', { name: 'Back to the profile' }).click();
    await page.waitForURL(/\/caseload\/[0-9a-f-]{36}$/);
    await page.getByRole('link', { name: 'Skills interview' }).click();
    await expect.poll(() => stepHeading(page).innerText()).toBe('Step 5 of 7 · Skills');
    await expect
      .poll(() => page.getByText(/will be added when you continue/).innerText())
      .toBe('3 skills will be added when you continue.');
    expect(await page.locator('details.skill-group').first().getByLabel('join metals').isChecked()).toBe(true);
    // The browser's back and forward buttons too.
    await page.goBack();
    await page.waitForURL(/\/caseload\/[0-9a-f-]{36}$/);
    await page.goForward();
    await expect.poll(() => stepHeading(page).innerText()).toBe('Step 5 of 7 · Skills');
    await expect
      .poll(() => page.getByText(/will be added when you continue/).innerText())
      .toBe('3 skills will be added when you continue.');

    // Free text in French on an English screen is read as French, and says so.
    await page.getByLabel('What else can you do?').fill("J'ai soudé des pièces métalliques et je lis les plans.");
    await page.getByRole('button', { name: 'Suggest skills from this text' }).click();
    await expect
      .poll(() => page.locator('.status').innerText(), { timeout: 20_000 })
      .toMatch(/Read as French \(told from the text/);
    const fromText = page.getByRole('list', { name: 'Found in the answers' });
    await fromText.locator('li').first().waitFor();
    expect(await fromText.innerText()).not.toContain('artificial intelligence');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect.poll(() => stepHeading(page).innerText()).toBe('Step 6 of 7 · Work authorization');

    await page.getByRole('button', { name: 'Add: Work authorization' }).click();
    await page.locator('#wiz-permit-0-country').selectOption('ES');
    await page.locator('#wiz-permit-0-type').selectOption('work-general');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect.poll(() => stepHeading(page).innerText()).toBe('Step 7 of 7 · Preferences');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect.poll(() => stepHeading(page).innerText()).toBe('All steps are saved');

    // The profile shows what was recorded: languages, experience, permits, skills.
    await page.getByRole('link', { name: 'Back to the profile' }).last().click();
    await page.waitForURL(/\/caseload\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByRole('region', { name: 'Languages' }).innerText()).toContain('Arabic');
    expect(await page.getByRole('region', { name: 'Work experience' }).innerText()).toMatch(/welder[\s\S]*36 months/);
    expect(await page.getByRole('region', { name: 'Work authorization' }).innerText()).toContain('Work permit');
    expect(
      await page
        .getByRole('region', { name: /^Skills/ })
        .getByRole('heading')
        .innerText(),
    ).toMatch(/^Skills \(\d+ skills\)$/);
    await clean(page);
    await screenshot(page, 'profile-advisor-en-desktop');
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('employer: publishes a welder vacancy in ES51 and finds the consenting candidate, by the name they chose to show', async () => {
    const page = await browser.signedIn(corridor.users.employer);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Vacancies' }).click();
    await page.waitForURL(/\/vacancies$/);
    // Publishing has its own page, reached from the employer's vacancies.
    await page.getByRole('link', { name: 'Publish a vacancy' }).click();
    await page.waitForURL(/\/vacancies\/new$/);
    const form = page.getByRole('form', { name: 'Vacancy' });
    await form.getByLabel('Job title').fill('Welder, metal structures');
    await form.getByRole('combobox', { name: 'ESCO occupation' }).fill('welder');
    await form
      .getByRole('listbox', { name: 'ESCO occupation' })
      .getByRole('option', { name: /^welder/ })
      .first()
      .click();
    await form.getByLabel('Sector of your business').selectOption('C');
    await form.getByLabel('Country of work').selectOption('ES');
    await form.getByLabel('Region code', { exact: true }).fill('ES51');
    await form.getByLabel('Number of posts').fill('2');
    await form.getByLabel('Contract').selectOption('permanent');
    await form.getByRole('button', { name: 'Publish' }).click();
    // The published vacancy's page opens; its candidates are one link away.
    await page.waitForURL(/\/vacancies\/[0-9a-f-]{36}$/);
    await page.getByRole('link', { name: 'See candidates' }).click();
    await page.waitForURL(/\/candidates$/);
    const candidate = page.locator('.cards li', { hasText: candidateName });
    await candidate.waitFor();
    // Only what was consented: the name (chosen), skills, experience, languages; never the origin.
    expect(await candidate.innerText()).not.toContain('Syria');
    // Where the person lives was not among the fields chosen: the card does not say it.
    expect(await candidate.locator('.facts').innerText()).not.toContain('ES51');
    await clean(page);
    await screenshot(page, 'shortlist-employer-en-desktop');
    await page.context().close();
  });

  it('org admin: the audit log shows that an employer was shown the person, and which fields', async () => {
    const page = await browser.signedIn(corridor.users.orgAdmin);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Audit log' }).click();
    await page.waitForURL(/\/admin\/audit$/);
    // The person's id, as the advisor's page shows it in its address: their reads, and the lists that showed them.
    await page.getByLabel('Record id').fill(candidateId);
    await page.getByRole('button', { name: 'Show' }).click();
    const shown = page.locator('tbody tr', { hasText: 'People shown: 1' });
    await shown.waitFor();
    const text = await shown.innerText();
    expect(text).toContain('Job-seeker profile');
    // The fields shared, named as the consent screen names them (not as the server stores them).
    expect(text).toMatch(/Fields: Name, Skills/);
    expect(text).not.toContain('displayName');
    expect(text).not.toContain('origin');
    await shown.getByText('People shown: 1').click();
    expect(await shown.locator('details code').innerText()).toBe(candidateId);
    await clean(page);
    await screenshot(page, 'audit-shortlist-en-desktop');
    await page.context().close();
  });

  it('migrant on a phone, in Arabic: lands on their profile, completes it with the region, consents with a preview, sees jobs for them', async () => {
    const { token } = await inviteMigrant(corridor.url, corridor.users.orgAdmin, 'سلمى يوسف');
    const page = await browser.page({ locale: 'ar', viewport: PHONE });
    await page.goto(`${corridor.url}/invitation#${token}`);
    await page.getByLabel('كلمة المرور الجديدة').fill('زيتون في الربيع دائما');
    await page.getByLabel('أعد كتابة كلمة المرور').fill('زيتون في الربيع دائما');
    await page.getByRole('button', { name: 'إنشاء حسابي' }).click();
    await page.waitForURL(/\/me\/profile$/);
    await expect.poll(() => page.locator('h1').innerText()).toBe('ملفي');
    // A progress bar and the next step, and the header leaves the screen to the content.
    expect(await page.locator('.progress-words').innerText()).toBe('ملفك: أُنجز 0 من 8 أجزاء');
    expect(await page.locator('.next-step').innerText()).toBe('التالي: عنك');
    const headerBottom = await page.evaluate(() => document.querySelector('main')!.getBoundingClientRect().top);
    expect(headerBottom).toBeLessThan(120);
    await clean(page);
    await screenshot(page, 'my-profile-start-ar-phone');

    await page.getByLabel('من أي بلد أنت؟').selectOption('SY');
    await page.getByLabel('في أي بلد تعيش الآن؟').selectOption('ES');
    // The contact language is asked, not taken from the phone.
    expect(await page.getByLabel('بأي لغة تريد أن نتواصل معك؟').inputValue()).toBe('');
    await page.getByLabel('بأي لغة تريد أن نتواصل معك؟').selectOption('ar');
    await page.getByRole('button', { name: 'حفظ ومتابعة' }).click();
    expect(await page.locator('#wiz-region-error').innerText()).toBe('اكتب رمز المنطقة: المطابقة تحتاج إليه.');
    await expect.poll(() => focused(page)).toBe('wiz-region');
    // The codes open jobs in Spain use are offered.
    expect(await page.locator('#wiz-region-hint').innerText()).toContain('ES51');
    await page.getByLabel('رمز المنطقة التي تقيم فيها').fill('es51');
    await page.getByRole('button', { name: 'حفظ ومتابعة' }).click();
    await expect.poll(() => stepHeading(page).innerText()).toBe('الخطوة 2 من 7 · اللغات');
    expect(await page.locator('.progress-words').innerText()).toBe('ملفك: أُنجز 1 من 8 أجزاء');
    await page.getByRole('button', { name: 'إضافة: اللغة' }).click();
    await page.locator('#wiz-lang-0').selectOption('ar');
    await page.getByLabel('إنها لغتي الأم').check();
    await page.getByRole('button', { name: 'حفظ ومتابعة' }).click();
    await expect.poll(() => stepHeading(page).innerText()).toBe('الخطوة 3 من 7 · التعليم');
    await page.getByRole('button', { name: 'حفظ ومتابعة' }).click();
    await expect.poll(() => stepHeading(page).innerText()).toBe('الخطوة 4 من 7 · الخبرة العملية');
    await page.getByRole('button', { name: 'إضافة: الخبرة العملية' }).click();
    await page.locator('#wiz-exp-0-occupation').fill('welder');
    await page
      .locator('#wiz-exp-0-occupation-list')
      .getByRole('option', { name: /^welder/ })
      .first()
      .click();
    await page.locator('#wiz-exp-0-country').selectOption('SY');
    await page.locator('#wiz-exp-0-months').fill('48');
    await page.getByRole('button', { name: 'حفظ ومتابعة' }).click();
    await expect.poll(() => stepHeading(page).innerText()).toBe('الخطوة 5 من 7 · المهارات');
    const specific = page.locator('details.skill-group').first();
    await specific.waitFor();
    await specific.getByLabel('join metals').check();
    await specific.getByLabel('perform metal inert gas welding').check();
    await clean(page);
    await screenshot(page, 'my-skills-ar-phone');
    // The step is not 5,000 px of cards: the other groups stay folded.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(3600);
    await page.getByRole('button', { name: 'حفظ ومتابعة' }).click();
    await expect.poll(() => stepHeading(page).innerText()).toBe('الخطوة 6 من 7 · تصريح العمل');
    await page.getByRole('button', { name: 'إضافة: تصريح العمل' }).click();
    await page.locator('#wiz-permit-0-country').selectOption('ES');
    await page.locator('#wiz-permit-0-type').selectOption('work-general');
    await page.getByRole('button', { name: 'حفظ ومتابعة' }).click();
    await expect.poll(() => stepHeading(page).innerText()).toBe('الخطوة 7 من 7 · التفضيلات');
    await page.getByRole('button', { name: 'حفظ ومتابعة' }).click();

    // Finished: not a dead end, the next step is to choose what employers see.
    await expect.poll(() => stepHeading(page).innerText()).toBe('تم حفظ ملفك');
    expect(await page.locator('.progress-words').innerText()).toBe('ملفك: أُنجز 7 من 8 أجزاء');
    await clean(page);
    await screenshot(page, 'my-profile-done-ar-phone');
    await page.getByRole('link', { name: 'اختر ما يراه أصحاب العمل' }).click();
    await page.waitForURL(/\/me\/consents$/);

    // Consent per purpose and per field, with the card an employer would see.
    const matching = page.locator('.purpose', { hasText: 'عرض ملفي على أصحاب العمل لعروض الوظائف' });
    await matching.waitFor();
    expect(await matching.locator('.badge').innerText()).toBe('لم تُعطَ');
    const preview = matching.getByRole('region', { name: 'كيف يراك صاحب العمل' });
    expect(await preview.locator('.candidate-name').innerText()).toBe('المرشح 1');
    await matching.getByLabel('اسمك').check();
    expect(await preview.locator('.candidate-name').innerText()).toBe('سلمى يوسف');
    await matching.getByLabel('مكان إقامتك').check();
    await expect.poll(() => preview.innerText()).toContain('ES51');
    await clean(page);
    await screenshot(page, 'my-consents-ar-phone');
    await matching.getByRole('button', { name: 'نعم، اعرض هذه الأجزاء' }).click();
    await expect.poll(() => page.locator('.screen > [role="status"]').innerText()).toMatch(/^شكرًا لك\. حُفظت موافقتك/);
    const given = page.locator('.purpose', { hasText: 'عرض ملفي على أصحاب العمل لعروض الوظائف' });
    await expect.poll(() => given.locator('.badge').innerText()).toMatch(/^وافقت في/);
    // Changing it: without the name, then saved; the old record stays in the history.
    await given.getByLabel('اسمك').uncheck();
    expect(await given.locator('.candidate-name').innerText()).toBe('المرشح 1');
    await given.getByRole('button', { name: 'حفظ اختياري' }).click();
    await expect.poll(() => page.locator('details.history summary').innerText()).toBe('موافقات سابقة');
    expect(await page.locator('.purpose', { hasText: 'عرض ملفي' }).getByLabel('اسمك').isChecked()).toBe(false);

    // Jobs for me, through the compact menu.
    await page.getByRole('button', { name: /^القائمة/ }).click();
    await page.getByRole('navigation', { name: 'التنقل الرئيسي' }).getByRole('link', { name: 'وظائف تناسبني' }).click();
    await page.waitForURL(/\/me\/jobs$/);
    const job = page.locator('.cards li', { hasText: 'Welder, metal structures' });
    await job.waitFor();
    expect(await job.innerText()).toMatch(/التوافق/);
    await clean(page);
    await screenshot(page, 'my-jobs-ar-phone');
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('advisor in Arabic on a desktop: the person’s page with consent, and the ranked skills step, right to left', async () => {
    const page = await browser.signedIn(corridor.users.advisor, { locale: 'ar' });
    await page.goto(`${corridor.url}/caseload?name=${encodeURIComponent(candidateName)}`);
    await page.getByRole('link', { name: candidateName }).click();
    const consent = page.getByRole('region', { name: 'الموافقة' });
    await expect
      .poll(() => consent.locator('.consents .card-title').allInnerTexts())
      .toEqual(['عرض ملفه على أصحاب العمل لعروض الوظائف', 'الاحتفاظ بملف مهاراته']);
    await consent.getByLabel('مشاركة ملفه مع منظمة واحدة').check();
    await consent.getByLabel('مع أي منظمة؟').selectOption({ label: 'Hostal Mar Azul' });
    await clean(page);
    await screenshot(page, 'profile-advisor-ar-desktop');
    await page.getByRole('link', { name: 'مقابلة المهارات' }).click();
    await page
      .getByRole('navigation', { name: 'خطوات المقابلة' })
      .getByRole('button', { name: /المهارات/ })
      .click();
    await page.locator('details.skill-group').first().waitFor();
    await clean(page);
    await screenshot(page, 'interview-skills-ar-desktop');
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('says how to get a new password, and names an unknown country as not recorded', async () => {
    const page = await browser.page({ viewport: PHONE });
    await page.goto(`${corridor.url}/sign-in`);
    await page.getByText('Forgot your password?').click();
    expect(await page.locator('.forgot p').innerText()).toMatch(/^Ask the administrator of your organisation/);
    await clean(page);
    await page.context().close();
    // A migrant who accepted an invitation and filled nothing yet: no "Unknown Region" on the advisor's card.
    const { token } = await inviteMigrant(corridor.url, corridor.users.orgAdmin, 'Nouveau Compte');
    const invitee = await browser.page();
    await invitee.goto(`${corridor.url}/invitation#${token}`);
    await invitee.getByLabel('New password').fill('a long enough password');
    await invitee.getByLabel('Repeat the password').fill('a long enough password');
    await invitee.getByRole('button', { name: 'Create my account' }).click();
    await invitee.waitForURL(/\/me\/profile$/);
    await invitee.context().close();
    const advisor = await browser.signedIn(corridor.users.advisor);
    await advisor.goto(`${corridor.url}/caseload?name=Nouveau`);
    const card = advisor.locator('.cards li', { hasText: 'Nouveau Compte' });
    await card.waitFor();
    expect(await card.locator('.facts').innerText()).toMatch(/From\s+Not recorded yet\s+Lives in\s+Not recorded yet/);
    expect(await card.innerText()).not.toContain('Unknown');
    await advisor.context().close();
  });

  it('"describe a job" reads a French text on an English screen as French, and lets the person say otherwise', async () => {
    const page = await browser.signedIn(corridor.users.advisor);
    await page.goto(`${corridor.url}/describe`);
    await page
      .getByLabel('Describe the tasks done at work')
      .fill("J'ai travaillé comme femme de ménage, je nettoie les chambres.");
    await page.getByRole('button', { name: 'Find skills' }).click();
    const skills = page.getByRole('list', { name: 'Suggested skills' });
    await skills.waitFor();
    expect(await page.locator('.read-as').innerText()).toBe('Read as French (told from the text; you can change it).');
    expect(await skills.innerText()).not.toContain('artificial intelligence');
    // Forced to English, the same words are read as English (and the answer says so).
    await page.getByLabel('Language of the text').selectOption('en');
    await expect.poll(() => page.locator('.read-as').innerText()).toBe('Read as English.');
    await clean(page);
    await page.context().close();
  });

  it('advisor in Spanish on a phone: compact menu, a person added and consent recorded', async () => {
    const page = await browser.signedIn(corridor.users.advisor, { locale: 'es-ES', viewport: PHONE });
    const top = await page.evaluate(() => document.querySelector('main')!.getBoundingClientRect().top);
    expect(top).toBeLessThan(120);
    await page.getByRole('button', { name: /^Menú/ }).click();
    await page
      .getByRole('navigation', { name: 'Navegación principal' })
      .getByRole('link', { name: 'Cartera de casos' })
      .click();
    await page.waitForURL(/\/caseload$/);
    const form = page.getByRole('region', { name: 'Añadir una persona' });
    await form.getByLabel('Nombre con el que quiere que se le llame').fill('Awa Ndiaye');
    await form.getByLabel('País de origen').selectOption('SN');
    await form.getByLabel('País donde vive ahora').selectOption('ES');
    await form
      .getByLabel('La persona aceptó que se guarde su perfil de competencias (consentimiento para el perfilado)')
      .check();
    await form.getByRole('button', { name: 'Añadir a la cartera' }).click();
    await page.waitForURL(/\?added=1$/);
    // The region is missing: said plainly, and it can be added here.
    const place = page.getByRole('region', { name: 'Dónde vive la persona' });
    expect(await place.innerText()).toMatch(/Falta la región/);
    await place.getByRole('button', { name: 'Cambiar dónde vive la persona' }).click();
    await place.getByRole('button', { name: 'Guardar el lugar' }).click();
    expect(await page.locator('#place-region-error').innerText()).toBe(
      'Escriba el código de región: el emparejamiento lo necesita.',
    );
    await expect.poll(() => focused(page)).toBe('place-region');
    await place.getByLabel('Código de región').fill('ES30');
    await place.getByRole('button', { name: 'Guardar el lugar' }).click();
    await expect.poll(() => place.innerText()).toContain('España, región ES30');
    const consent = page.getByRole('region', { name: 'Consentimiento' });
    await consent.getByLabel('Usar sus datos en estadísticas anónimas').check();
    await consent.getByLabel(/está aquí conmigo/).check();
    await consent.getByRole('button', { name: 'Registrar el consentimiento' }).click();
    await expect
      .poll(() => consent.locator('.consents .card-title').allInnerTexts())
      .toEqual(['Usar sus datos en estadísticas anónimas', 'Guardar su perfil de competencias']);
    await clean(page);
    await screenshot(page, 'profile-advisor-es-phone');
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });
});
