// A migrant on a 360 px phone against the real server: accepting an invitation, filling their own profile in
// simple steps, seeing and withdrawing consents (immediately: an employer loses the candidate view), downloading
// their data and erasing it; and choosing a new password from a reset link — in English and in Arabic.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { errorsOf, PASSWORD, PHONE, screenshot, seriousViolations } from './harness.js';
import { corridor, useBrowser } from './browser.js';
import { apiAs, inviteMigrant, migrantAccount, resetToken, type Call, type Me } from './accounts.js';

const browser = useBrowser();
let advisor: Call;
let employer: Call;
let employerOrg: string;

beforeAll(async () => {
  advisor = await apiAs(corridor.url, corridor.users.advisor);
  employer = await apiAs(corridor.url, corridor.users.employer);
  employerOrg = (await employer<Me>('GET', '/me')).organisation.id;
});

const stepHeading = (page: Page) => page.locator('#step-heading');

async function expectCleanPhone(page: Page) {
  expect(await seriousViolations(page)).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function giveConsents(migrantId: string) {
  await advisor('POST', `/migrants/${migrantId}/consents`, { purpose: 'profiling' });
  await advisor('POST', `/migrants/${migrantId}/consents`, { purpose: 'matching_with_employers' });
  await advisor('POST', `/migrants/${migrantId}/consents`, {
    purpose: 'share_with_organisation',
    organisationId: employerOrg,
  });
}

async function candidateViewStatus(migrantId: string): Promise<number> {
  try {
    await employer('GET', `/profiles/${migrantId}/candidate-view`);
    return 200;
  } catch (err) {
    return (err as { status: number }).status;
  }
}

describe('migrant self-service', () => {
  it('accepts an invitation, fills the profile, withdraws a consent, downloads and erases their data (English)', async () => {
    const karim = await inviteMigrant(corridor.url, corridor.users.orgAdmin, 'Karim Mansour');
    const page = await browser.page({ viewport: PHONE });
    await page.goto(`${corridor.url}/invitation#${karim.token}`);
    await expect.poll(() => page.locator('h1').innerText()).toBe('Create your account');
    // The token leaves the address bar once read.
    expect(new URL(page.url()).hash).toBe('');
    await expectCleanPhone(page);
    await screenshot(page, 'invitation-en-phone');

    await page.getByLabel('New password').fill('short');
    await page.getByLabel('Repeat the password').fill('short');
    await page.getByRole('button', { name: 'Create my account' }).click();
    expect(await page.locator('#new-password-error').innerText()).toBe('The password needs at least 10 characters.');
    await page.getByLabel('New password').fill('olive trees in spring');
    await page.getByLabel('Repeat the password').fill('olive trees in summer');
    await page.getByRole('button', { name: 'Create my account' }).click();
    expect(await page.locator('#repeat-password-error').innerText()).toBe('The two passwords are not the same.');
    await page.getByLabel('Repeat the password').fill('olive trees in spring');
    await page.getByRole('button', { name: 'Create my account' }).click();

    // Signed in, on their own profile, which starts with the countries the invitation could not know.
    await page.waitForURL(/\/me\/profile$/);
    await expect.poll(() => page.locator('h1').innerText()).toBe('My profile');
    expect(await page.locator('.who').innerText()).toBe('Signed in as Karim Mansour (Job seeker)');
    await expect.poll(() => stepHeading(page).innerText()).toBe('Step 1 of 7 · About you');
    expect(await page.locator('.question').innerText()).toBe('Let us start with you.'); // one language only
    expect(await page.getByLabel('What name do you want us to use?').inputValue()).toBe('Karim Mansour');
    await page.getByLabel('Which country are you from?').selectOption('MA');
    await page.getByLabel('In which country do you live now?').selectOption('ES');
    await page.getByLabel('Code of the region where you live').fill('ES51');
    await expectCleanPhone(page);
    await screenshot(page, 'my-profile-en-phone');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect.poll(() => stepHeading(page).innerText()).toBe('Step 2 of 7 · Languages');
    await page.getByRole('button', { name: 'Add: Language' }).click();
    await page.locator('#wiz-lang-0').selectOption('ar');
    await page.getByLabel('It is my mother tongue').check();
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect.poll(() => stepHeading(page).innerText()).toBe('Step 3 of 7 · Education');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect.poll(() => stepHeading(page).innerText()).toBe('Step 4 of 7 · Work experience');
    await page.getByRole('button', { name: 'Add: Work experience' }).click();
    await page.locator('#wiz-exp-0-occupation').fill('waiter');
    await page
      .locator('#wiz-exp-0-occupation-list')
      .getByRole('option', { name: /^waiter\/waitress/ })
      .first()
      .click();
    await page.getByLabel('In which country?').selectOption('MA');
    await page.getByLabel('For how many months?').fill('18');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect.poll(() => stepHeading(page).innerText()).toBe('Step 5 of 7 · Skills');
    const suggestions = page.locator('ul.checks').first();
    await suggestions.getByRole('listitem').first().waitFor();
    await suggestions.getByRole('checkbox').first().check();
    await expectCleanPhone(page);
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect.poll(() => stepHeading(page).innerText()).toBe('Step 6 of 7 · Work authorization');

    // Saved for real: a reload resumes after the last saved step, and the stored profile says so.
    await page.reload();
    await expect.poll(() => stepHeading(page).innerText()).toBe('Step 6 of 7 · Work authorization');
    const caseload = await advisor<{ items: { id: string }[] }>('GET', '/profiles?name=Karim%20Mansour');
    const migrantId = caseload.items[0]!.id;
    const stored = await advisor<{
      originCountry: string;
      languages: { lang: string; native: boolean }[];
      experience: { months: number }[];
      skills: { evidence: string }[];
    }>('GET', `/profiles/${migrantId}`);
    expect(stored.originCountry).toBe('MA');
    expect(stored.languages).toMatchObject([{ lang: 'ar', native: true }]);
    expect(stored.experience).toMatchObject([{ months: 18 }]);
    expect(stored.skills.map((s) => s.evidence)).toEqual(['self-declared']);

    // My consents: purpose, organisation, date; withdrawal applies at once.
    await giveConsents(migrantId);
    expect(await candidateViewStatus(migrantId)).toBe(200);
    // On the phone the navigation folds behind the menu button.
    await page.getByRole('button', { name: /^Menu/ }).click();
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'My consents' }).click();
    await page.waitForURL(/\/me\/consents$/);
    const cards = page.locator('.consents > li');
    await cards.first().waitFor();
    expect(await cards.locator('h2').allInnerTexts()).toEqual([
      'Keeping my skills profile',
      'Showing my profile to employers for job offers',
      'Using my data in anonymous statistics',
      'Sharing my profile with Hostal Mar Azul',
    ]);
    expect(await page.locator('.held-by').innerText()).toBe('Your profile is kept by: Servicio de Empleo Test');
    const matching = cards.filter({ hasText: 'Showing my profile to employers' });
    const today = new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date());
    expect(await matching.locator('.badge').innerText()).toBe(`You agreed on ${today}`);
    await expectCleanPhone(page);
    await screenshot(page, 'my-consents-en-phone');
    await matching.getByRole('button', { name: /^Withdraw this consent/ }).click();
    await expect
      .poll(() => page.locator('.screen > [role="status"]').innerText())
      .toBe('You withdrew your consent: “Showing my profile to employers for job offers”. It no longer applies.');
    await expect.poll(() => matching.locator('.badge').innerText()).toBe('Not given');
    // Still an organisation-specific consent for the employer: withdraw it too, then the employer sees nothing.
    const sharing = cards.filter({ hasText: 'Sharing my profile with Hostal Mar Azul' });
    expect(await candidateViewStatus(migrantId)).toBe(200);
    await sharing.getByRole('button', { name: /^Withdraw this consent/ }).click();
    await expect.poll(() => sharing.count()).toBe(0);
    expect(await candidateViewStatus(migrantId)).toBe(404);
    await page.reload();
    await cards.first().waitFor();
    expect(await cards.filter({ hasText: 'Keeping my skills profile' }).locator('.badge').innerText()).toBe(
      `You agreed on ${today}`,
    );
    expect(await cards.getByRole('button', { name: /^Withdraw this consent/ }).count()).toBe(1);
    // What was withdrawn stays listed, with its dates.
    await page.locator('details.history summary').click();
    expect(await page.locator('details.history li').count()).toBe(2);

    // My data: a JSON copy, then erasure behind an explicit confirmation.
    await page.getByRole('button', { name: /^Menu/ }).click();
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'My data' }).click();
    await page.waitForURL(/\/me\/data$/);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download my data' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('corridor-export.json');
    const exported = JSON.parse(readFileSync((await file.path())!, 'utf8')) as {
      subject: { migrantId: string };
      sections: Record<string, unknown>;
    };
    expect(exported.subject.migrantId).toBe(migrantId);
    expect(JSON.stringify(exported.sections)).toContain('Karim Mansour');
    await expect
      .poll(() => page.getByRole('region', { name: 'Get a copy' }).getByRole('status').innerText())
      .toBe('Your data was downloaded: corridor-export.json.');
    await page.getByRole('button', { name: 'Delete my data…' }).click();
    await expectCleanPhone(page);
    await screenshot(page, 'my-data-en-phone');
    await page.getByRole('button', { name: 'Delete everything now' }).click();
    expect(await page.locator('#erasure-tick-error').innerText()).toBe('Tick the box to confirm first.');
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByRole('button', { name: 'Delete everything now' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Delete my data…' }).click();
    await page.getByLabel(/^Yes, I understand: delete my profile/).check();
    await page.getByRole('button', { name: 'Delete everything now' }).click();
    await page.waitForURL(/\/sign-in$/);
    expect(await page.locator('.signin .notice').innerText()).toBe('Your data was deleted and your account is closed.');
    // Gone for the advisor too, and the account cannot sign in any more.
    expect((await advisor<{ items: unknown[] }>('GET', '/profiles?name=Karim')).items).toEqual([]);
    await expect(apiAs(corridor.url, { email: karim.email }, 'olive trees in spring')).rejects.toThrow(/401/);
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('works in Arabic: invitation, own profile, consents, and a password reset link', async () => {
    const { token, email } = await inviteMigrant(corridor.url, corridor.users.orgAdmin, 'ليلى حسن');
    const page = await browser.page({ locale: 'ar', viewport: PHONE });
    await page.goto(`${corridor.url}/invitation#${token}`);
    await expect.poll(() => page.locator('h1').innerText()).toBe('أنشئ حسابك');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.getByLabel('كلمة المرور الجديدة').fill('قصيرة');
    await page.getByRole('button', { name: 'إنشاء حسابي' }).click();
    expect(await page.locator('#new-password-error').innerText()).toBe(
      'يجب أن تتكون كلمة المرور من 10 أحرف على الأقل.',
    );
    await page.getByLabel('كلمة المرور الجديدة').fill('زيتون في الربيع دائما');
    await page.getByLabel('أعد كتابة كلمة المرور').fill('زيتون في الربيع دائما');
    await expectCleanPhone(page);
    await screenshot(page, 'invitation-ar-phone');
    await page.getByRole('button', { name: 'إنشاء حسابي' }).click();
    await page.waitForURL(/\/me\/profile$/);
    await expect.poll(() => page.locator('h1').innerText()).toBe('ملفي');
    await expect.poll(() => stepHeading(page).innerText()).toBe('الخطوة 1 من 7 · عنك');
    await page.getByLabel('من أي بلد أنت؟').selectOption('SY');
    await page.getByLabel('في أي بلد تعيش الآن؟').selectOption('FR');
    await page.getByLabel('رمز المنطقة التي تقيم فيها').fill('FR10');
    await page.getByRole('button', { name: 'حفظ ومتابعة' }).click();
    await expect.poll(() => page.locator('.save-status').innerText()).toBe('تم الحفظ: عنك.');
    await expect.poll(() => stepHeading(page).innerText()).toBe('الخطوة 2 من 7 · اللغات');
    await expectCleanPhone(page);
    await screenshot(page, 'my-profile-ar-phone');
    await page.reload();
    await expect.poll(() => stepHeading(page).innerText()).toBe('الخطوة 2 من 7 · اللغات');
    await page.getByRole('navigation', { name: 'خطوات المقابلة' }).getByRole('button', { name: 'عنك' }).click();
    expect(await page.getByLabel('في أي بلد تعيش الآن؟').inputValue()).toBe('FR');

    // Consents in Arabic, with the organisation and an Arabic date.
    const { migrantId, user } = await page.evaluate(async () => {
      const r = await fetch('/api/v1/me');
      return (await r.json()) as { migrantId: string; user: { id: string } };
    });
    await advisor('POST', `/migrants/${migrantId}/consents`, { purpose: 'anonymised_statistics' });
    await page.getByRole('button', { name: /^القائمة/ }).click();
    await page.getByRole('link', { name: 'موافقاتي' }).click();
    await page.waitForURL(/\/me\/consents$/);
    const card = page.locator('.consents > li', { hasText: 'استخدام بياناتي في إحصاءات مجهولة الهوية' });
    await card.waitFor();
    const today = new Intl.DateTimeFormat('ar', { dateStyle: 'long' }).format(new Date());
    expect(await card.locator('.badge').innerText()).toBe(`وافقت في ${today}`);
    expect(await page.locator('.held-by').innerText()).toContain('Servicio de Empleo Test');
    await expectCleanPhone(page);
    await screenshot(page, 'my-consents-ar-phone-statistics');
    await card.getByRole('button', { name: /^سحب هذه الموافقة/ }).click();
    await expect.poll(() => card.locator('.badge').innerText()).toBe('لم تُعطَ');
    const consents = await advisor<{ consents: { withdrawnAt: string | null }[] }>(
      'GET',
      `/migrants/${migrantId}/consents`,
    );
    expect(consents.consents[0]!.withdrawnAt).not.toBeNull();
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();

    // She forgot her password: the organisation hands her a reset link.
    const reset = await resetToken(corridor.url, corridor.users.orgAdmin, user.id);
    const resetPage = await browser.page({ locale: 'ar', viewport: PHONE });
    await resetPage.goto(`${corridor.url}/password-reset#${reset}`);
    await expect.poll(() => resetPage.locator('h1').innerText()).toBe('اختر كلمة مرور جديدة');
    await resetPage.getByLabel('كلمة المرور الجديدة').fill('بحر أزرق وسماء صافية');
    await resetPage.getByLabel('أعد كتابة كلمة المرور').fill('بحر أزرق وسماء');
    await resetPage.getByRole('button', { name: 'حفظ كلمة المرور الجديدة' }).click();
    expect(await resetPage.locator('#repeat-password-error').innerText()).toBe('كلمتا المرور غير متطابقتين.');
    await resetPage.getByLabel('أعد كتابة كلمة المرور').fill('بحر أزرق وسماء صافية');
    await expectCleanPhone(resetPage);
    await resetPage.getByRole('button', { name: 'حفظ كلمة المرور الجديدة' }).click();
    await expect
      .poll(() => resetPage.getByRole('status').innerText())
      .toBe('تم تغيير كلمة المرور. يمكنك تسجيل الدخول الآن.');
    await screenshot(resetPage, 'password-reset-ar-phone');
    // The new password signs in; the link does not work twice.
    await resetPage.getByRole('link', { name: 'الانتقال إلى تسجيل الدخول' }).click();
    await resetPage.locator('#signin-email').fill(email);
    await resetPage.locator('#signin-password').fill('بحر أزرق وسماء صافية');
    await resetPage.locator('form button[type="submit"]').click();
    // A migrant starts at their own profile.
    await resetPage.waitForURL(/\/me\/profile$/);
    await resetPage.goto(`${corridor.url}/password-reset#${reset}`);
    await resetPage.getByLabel('كلمة المرور الجديدة').fill('كلمة مرور أخرى طويلة');
    await resetPage.getByLabel('أعد كتابة كلمة المرور').fill('كلمة مرور أخرى طويلة');
    await resetPage.getByRole('button', { name: 'حفظ كلمة المرور الجديدة' }).click();
    await expect
      .poll(() => resetPage.getByRole('alert').innerText())
      .toBe('هذا الرابط غير صالح أو استُخدم من قبل أو انتهت صلاحيته. اطلب رابطًا جديدًا من منظمتك.');

    // Her data in Arabic: a copy, then erasure after the confirmation.
    await resetPage.goto(`${corridor.url}/me/data`);
    await expect.poll(() => resetPage.locator('h1').innerText()).toBe('بياناتي');
    const download = resetPage.waitForEvent('download');
    await resetPage.getByRole('button', { name: 'تنزيل بياناتي' }).click();
    const exported = JSON.parse(readFileSync((await (await download).path())!, 'utf8')) as {
      subject: { migrantId: string };
    };
    expect(exported.subject.migrantId).toBe(migrantId);
    const saved = resetPage.getByRole('region', { name: 'الحصول على نسخة' }).getByRole('status');
    await expect.poll(() => saved.innerText()).toBe('تم تنزيل بياناتك: corridor-export.json.');
    expect(await saved.locator('bdi').getAttribute('dir')).toBe('ltr');
    await resetPage.getByRole('button', { name: 'حذف بياناتي…' }).click();
    await resetPage.getByLabel(/^نعم، أفهم ذلك/).check();
    await expectCleanPhone(resetPage);
    await screenshot(resetPage, 'my-data-ar-phone');
    await resetPage.getByRole('button', { name: 'احذف كل شيء الآن' }).click();
    await resetPage.waitForURL(/\/sign-in$/);
    expect(await resetPage.locator('.signin .notice').innerText()).toBe('تم حذف بياناتك وإغلاق حسابك.');
    await expect(apiAs(corridor.url, { email }, 'بحر أزرق وسماء صافية')).rejects.toThrow(/401/);
    await resetPage.context().close();
  });

  it('keeps the contact language with the profile: a new browser opens in it unless a language was chosen there', async () => {
    const nour = await migrantAccount(corridor.url, corridor.users.orgAdmin, 'Nour Saleh');
    const signInAs = async (page: Page) => {
      await page.goto(`${corridor.url}/sign-in`);
      await page.locator('#signin-email').fill(nour.email);
      await page.locator('#signin-password').fill(nour.password);
      await page.locator('form button[type="submit"]').click();
      await page.locator('nav.mainnav').waitFor({ state: 'attached' });
    };
    const page = await browser.page({ viewport: PHONE });
    await signInAs(page);
    await page.goto(`${corridor.url}/me/profile`);
    await expect.poll(() => stepHeading(page).innerText()).toBe('Step 1 of 7 · About you');
    const contact = page.getByLabel('In which language should we contact you?');
    // Asked, not assumed from the language of the screen (a guess from the phone's settings).
    expect(await contact.inputValue()).toBe('');
    await contact.selectOption('fr');
    await page.getByLabel('Which country are you from?').selectOption('LB');
    await page.getByLabel('In which country do you live now?').selectOption('FR');
    await page.getByLabel('Code of the region where you live').fill('FR10');
    await expectCleanPhone(page);
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect.poll(() => stepHeading(page).innerText()).toBe('Step 2 of 7 · Languages');
    expect(await nour.call<{ contactLanguage: string }>('GET', '/profiles/me')).toMatchObject({
      contactLanguage: 'fr',
      interviewStep: 2,
    });
    await page.context().close();

    // A new phone (fresh browser, English by its settings): after sign-in Corridor speaks French, and keeps it.
    const phone = await browser.page({ viewport: PHONE });
    await signInAs(phone);
    await expect.poll(() => phone.evaluate(() => document.documentElement.lang)).toBe('fr');
    await phone.goto(`${corridor.url}/me/profile`);
    await expect.poll(() => phone.locator('h1').innerText()).toBe('Mon profil');
    // Resumes at the stored step, on this new device too.
    await expect.poll(() => stepHeading(phone).innerText()).toMatch(/^Étape 2 sur 7/);
    expect(await phone.evaluate(() => localStorage.getItem('corridor.lang'))).toBe('fr');
    await expectCleanPhone(phone);
    await screenshot(phone, 'my-profile-fr-new-phone');
    expect(errorsOf(phone)).toEqual([]);
    await phone.context().close();

    // A browser where someone chose Spanish before signing in keeps Spanish.
    const chosen = await browser.page({ viewport: PHONE });
    await chosen.goto(`${corridor.url}/sign-in`);
    await chosen.locator('.language-switch select').selectOption('es');
    await signInAs(chosen);
    await chosen.goto(`${corridor.url}/me/profile`);
    await expect.poll(() => chosen.locator('h1').innerText()).toBe('Mi perfil');
    expect(await chosen.evaluate(() => document.documentElement.lang)).toBe('es');
    await chosen.context().close();
  });

  it('resets a password in English, and explains a broken or used link', async () => {
    const account = await migrantAccount(corridor.url, corridor.users.orgAdmin, 'Tomás Ferreira');
    const reset = await resetToken(corridor.url, corridor.users.orgAdmin, account.userId);
    const page = await browser.page({ viewport: PHONE });
    await page.goto(`${corridor.url}/password-reset`);
    expect(await page.getByRole('alert').innerText()).toBe(
      'This link is incomplete. Open the whole link you received.',
    );
    await page.goto(`${corridor.url}/password-reset#${reset}`);
    await expect.poll(() => page.locator('h1').innerText()).toBe('Choose a new password');
    await page.getByLabel('New password').fill('a river in the valley');
    await page.getByLabel('Repeat the password').fill('a river in the valley');
    await expectCleanPhone(page);
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await expect
      .poll(() => page.getByRole('status').innerText())
      .toBe('Your password is changed. You can sign in now.');
    await screenshot(page, 'password-reset-en-phone');
    // The old password no longer works; the new one does.
    await expect(apiAs(corridor.url, { email: account.email }, account.password)).rejects.toThrow(/401/);
    await page.goto(`${corridor.url}/sign-in`);
    await page.locator('#signin-email').fill(account.email);
    await page.locator('#signin-password').fill('a river in the valley');
    await page.locator('form button[type="submit"]').click();
    await page.waitForURL(/\/me\/profile$/);
    // An invitation link that was already used is explained, not a dead end.
    const { token: used } = await inviteMigrant(corridor.url, corridor.users.orgAdmin, 'Used Link');
    await fetch(`${corridor.url}/api/v1/auth/invitations/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: used, password: PASSWORD }),
    });
    const fresh = await browser.page({ viewport: PHONE });
    await fresh.goto(`${corridor.url}/invitation#${used}`);
    await fresh.getByLabel('New password').fill('another long password');
    await fresh.getByLabel('Repeat the password').fill('another long password');
    await fresh.getByRole('button', { name: 'Create my account' }).click();
    await expect
      .poll(() => fresh.getByRole('alert').innerText())
      .toBe('This invitation link is not valid, was already used or has expired. Ask your organisation for a new one.');
    await page.context().close();
    await fresh.context().close();
  });
});
