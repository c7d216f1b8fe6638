// Matching against the real routes: an employer's shortlist (ranked, explained, consenting people only, nothing
// sensitive), contact via the advisor, and an advisor's view of a person's matching vacancies and skill gaps with
// training — in English on a desktop and in Arabic on a phone. Seeded through the API, as a client would.
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { errorsOf, PHONE, screenshot, seriousViolations, SHOTS_DIR } from './harness.js';
import { apiAs } from './accounts.js';
import { corridor, useBrowser } from './browser.js';

const browser = useBrowser();

const TITLE = 'Kitchen helper, Hostal Mar Azul (matching test)';
const seeded = {
  vacancyId: '',
  consenting: '',
  refusing: '',
  /** English labels of the vacancy's essential skills the consenting person holds / lacks. */
  held: [] as string[],
  missing: [] as string[],
};

function person(name: string, origin: string, skills: string[], occupationUri: string) {
  return {
    displayName: name,
    profilingConsent: true,
    originCountry: origin,
    currentCountry: 'ES',
    currentRegion: 'ES51',
    sex: 'female',
    birthYear: 1991,
    languages: [
      { lang: 'en', native: true },
      { lang: 'es', listening: 'B1', reading: 'A2', speaking: 'B1', writing: 'A2' },
    ],
    education: [{ iscedLevel: 3, title: 'Secondary school certificate', completed: true }],
    experience: [{ occupationUri, title: 'kitchen help', country: origin, months: 30, formal: false }],
    skills: skills.map((uri, i) => ({
      uri,
      evidence: i === 0 ? 'certified' : 'advisor-checked',
      source: i === 0 ? 'certificate' : 'interview',
    })),
    workAuthorization: {
      migrationStatus: 'asylum seeker',
      permits: [
        { country: 'ES', type: 'work-general', validUntil: '2029-12-31', sectors: [], documentNumber: 'X9999999A' },
      ],
    },
    seeking: true,
  };
}

beforeAll(async () => {
  const employer = await apiAs(corridor.url, corridor.users.employer);
  const advisor = await apiAs(corridor.url, corridor.users.advisor);
  const search = await advisor<{ results: { uri: string; label: string }[] }>(
    'GET',
    '/taxonomy/search?q=kitchen%20assistant&type=occupation&lang=en&limit=5',
  );
  const occupation = search.results.find((r) => r.label === 'kitchen assistant')!;
  expect(occupation).toBeTruthy();
  const vacancy = await employer<{ id: string; essentialSkills: string[] }>('POST', '/vacancies', {
    title: TITLE,
    occupationUri: occupation.uri,
    sector: 'I',
    languages: [{ lang: 'es', level: 'A2' }],
    location: { country: 'ES', region: 'ES51' },
    posts: 2,
    contractType: 'seasonal',
    hoursPerWeek: 40,
    wage: { amount: 1500, currency: 'EUR', period: 'month' },
    employerSponsorsPermit: false,
    employerPaysRecruitmentFees: true,
  });
  seeded.vacancyId = vacancy.id;
  const essential = vacancy.essentialSkills;
  expect(essential.length).toBeGreaterThanOrEqual(5);
  const held = essential.slice(0, 3);
  const missing = essential.slice(3);
  const label = async (uri: string) =>
    (await advisor<{ label: string }>('GET', `/taxonomy/skills/${uri.slice(uri.lastIndexOf('/') + 1)}?lang=en`)).label;
  seeded.held = await Promise.all(held.map(label));
  seeded.missing = await Promise.all(missing.map(label));

  const a = await advisor<{ id: string }>('POST', '/profiles', person('Aisha Bello', 'NG', held, occupation.uri));
  const b = await advisor<{ id: string }>('POST', '/profiles', person('Bruno Tavares', 'BR', held, occupation.uri));
  seeded.consenting = a.id;
  seeded.refusing = b.id;
  // Only Aisha agrees to be matched with employers (default fields: no name, no contact, no documents).
  await advisor('POST', `/migrants/${a.id}/consents`, { purpose: 'matching_with_employers' });

  // Two courses teach the missing skills: one covers more of the gap in less time, free.
  await advisor('POST', '/training-offers', {
    title: 'Kitchen basics for new staff',
    skills: missing.slice(0, 2),
    durationHours: 30,
    cost: 0,
    currency: 'EUR',
    mode: 'in-person',
    location: { country: 'ES', region: 'ES51' },
    language: 'es',
    startDate: '2027-02-01',
  });
  await advisor('POST', '/training-offers', {
    title: 'Short course on one kitchen task',
    skills: missing.slice(0, 1),
    durationHours: 12,
    cost: 90,
    currency: 'EUR',
    mode: 'online',
    language: 'es',
  });
}, 120_000);

/** Text a person sees on the page (the main region). */
const mainText = (page: Page) => page.locator('main').innerText();

describe('matching', () => {
  it('an employer sees the ranked, explained shortlist of consenting candidates only, and how to reach them', async () => {
    const page = await browser.signedIn(corridor.users.employer);
    await page.goto(`${corridor.url}/vacancies`);
    await page.getByRole('link', { name: `See candidates: ${TITLE}` }).click();
    await page.waitForURL(new RegExp(`/vacancies/${seeded.vacancyId}/candidates$`));
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await expect.poll(() => page.locator('#shortlist-count').innerText()).toBe('1 candidate');

    const card = page.locator('ol.cards > li');
    expect(await card.count()).toBe(1);
    const text = await card.innerText();
    expect(text).toContain('Candidate 1');
    expect(text).toMatch(/Match \d+%/);
    // Legal eligibility, flagged as example data. The person shared no work-authorisation details, so the permit
    // type and the rule stay hidden (a permit type can reveal the migration status).
    expect(text).toContain(
      'Legally eligible to work in Spain, in the sector “Accommodation and food service activities”: Corridor checked a valid permit',
    );
    expect(text).not.toContain('work-general');
    expect(text).toContain('Corridor’s eligibility rules are example data, not legal advice.');
    // Matched skills with their evidence, and the essential skills missing.
    expect(text).toContain('Holds 3 of the skills asked');
    expect(text).toContain(`${seeded.held[0]} Certified`);
    expect(text).toContain(`${seeded.held[1]} Checked by an advisor`);
    expect(text).toContain(`${seeded.missing.length} essential skills missing`);
    for (const m of seeded.missing) expect(text).toContain(m);
    expect(text).toContain('Spanish: A2 asked, B1 held — meets the level.');
    expect(text).toMatch(/Languages\s+English \(mother tongue\), Spanish B1/);
    expect(text).toContain('Supported by\nServicio de Empleo Test');

    // Nothing the person did not agree to share, and nobody who did not consent.
    const all = await mainText(page);
    for (const secret of ['Aisha', 'Bello', 'Bruno', 'Tavares', 'Nigeria', 'asylum', 'X9999999A', '1991', 'female'])
      expect(all).not.toContain(secret);

    // Contact: a request to the person and their advisor, never the person's details up front (issue 10).
    const contact = card.getByRole('button', { name: 'Ask to contact this person' });
    expect(await contact.getAttribute('aria-expanded')).toBe('false');
    await contact.click();
    expect(await contact.getAttribute('aria-expanded')).toBe('true');
    const note = await card.locator('.contact').innerText();
    expect(note).toContain('Corridor does not show the person’s contact details');
    expect(note).toContain('Send the request');

    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'matching-shortlist-en-desktop');
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('a vacancy published through the form, with its region code, gets a shortlist at once', async () => {
    const page = await browser.signedIn(corridor.users.employer);
    await page.goto(`${corridor.url}/vacancies/new`);
    const form = page.getByRole('form', { name: 'Vacancy' });
    await form.getByLabel('Job title').fill('Kitchen helper, second site');
    await form.getByRole('combobox', { name: 'ESCO occupation' }).fill('kitchen assistant');
    await form
      .getByRole('listbox', { name: 'ESCO occupation' })
      .getByRole('option', { name: /^kitchen assistant/ })
      .first()
      .click();
    await form.getByLabel('Sector of your business').selectOption('I');
    await form.getByLabel('Country of work').selectOption('ES');
    await form.getByLabel('Region code', { exact: true }).fill('es51');
    expect(await form.getByLabel('Region code', { exact: true }).inputValue()).toBe('ES51');
    await form.getByRole('button', { name: 'Publish' }).click();
    // Published: the vacancy's own page, which links to its shortlist.
    await page.waitForURL(/\/vacancies\/[0-9a-f-]{36}$/);
    await page.getByRole('link', { name: 'See candidates' }).click();
    await expect.poll(() => page.locator('#shortlist-count').innerText()).toBe('1 candidate');
    expect(await page.locator('ol.cards > li').innerText()).toContain('Holds 3 of the skills asked');
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('the shortlist in Arabic on a phone', async () => {
    const page = await browser.signedIn(corridor.users.employer, { locale: 'ar', viewport: PHONE });
    await page.goto(`${corridor.url}/vacancies/${seeded.vacancyId}/candidates`);
    await expect.poll(() => page.locator('#shortlist-count').innerText()).toBe('مرشح واحد');
    const text = await page.locator('ol.cards > li').innerText();
    expect(text).toContain('المرشح 1');
    expect(text).toContain('يحق له قانونًا شغل الوظيفة');
    expect(text).toContain('يحق له قانونًا العمل في إسبانيا، في قطاع «أنشطة خدمات الإقامة والطعام»');
    expect(text).toContain('قواعد الأهلية في كوريدور بيانات توضيحية وليست استشارة قانونية.');
    expect(text).toContain('معتمدة بشهادة'); // evidence in Arabic
    expect(text).toContain(seeded.missing[0]!); // ESCO has no Arabic labels: English, marked lang="en"
    expect(await page.locator('ol.cards > li .skill-lines.missing [lang="en"]').count()).toBe(seeded.missing.length);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Contact goes through a request the person answers (issue 10; walked in day-in-the-life.e2e.test.ts).
    expect(await page.getByRole('button', { name: 'طلب التواصل مع هذا الشخص' }).count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'matching-shortlist-ar-phone');
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('an advisor sees a person’s matching vacancies, then the skill gaps and the training that closes them', async () => {
    const page = await browser.signedIn(corridor.users.advisor);
    // The caseload filters by "looking for work" (the list API's seeking filter).
    await page.goto(`${corridor.url}/caseload?name=Aisha`);
    await page.getByLabel('Looking for work').selectOption('false');
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await page.waitForURL(/\/caseload\?name=Aisha&seeking=false$/);
    await expect.poll(() => page.locator('#caseload-count').innerText()).toBe('0 people');
    expect(await page.getByText('Nobody matches these filters.').count()).toBe(1);
    await page.getByLabel('Looking for work').selectOption('true');
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await expect.poll(() => page.locator('#caseload-count').innerText()).toBe('1 person');
    await page.getByRole('link', { name: 'Aisha Bello' }).click();
    await page.waitForURL(new RegExp(`/caseload/${seeded.consenting}$`));

    const matches = page.getByRole('region', { name: 'Matching vacancies' });
    const card = matches.locator('ol.cards > li', { hasText: TITLE });
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toContain('Hostal Mar Azul');
    expect(text).toContain('Employer pays recruitment fees');
    // The person's advisor sees the rule that makes them eligible.
    // In words: the permit type, the sector and the rule, never their codes (work-general, I, es-work-general).
    expect(text).toContain(
      'Holds: Work permit (Spain). Sector of the job: Accommodation and food service activities. Rule applied: Work permit (general): any sector.',
    );
    expect(text).not.toMatch(/work-general|sector I\b/);
    expect(text).toContain('This rule is example data, not legal advice.');
    expect(text).toContain('Holds 3 of the skills asked');
    expect(text).toContain(`${seeded.missing.length} essential skills missing`);

    // The CV link: the route exists (GET /profiles/:id/cv.pdf); the person's mother tongue is English.
    const cv = page.getByRole('link', { name: 'Open the CV (PDF, English)' });
    expect(await cv.getAttribute('href')).toBe(`/api/v1/profiles/${seeded.consenting}/cv.pdf?lang=en`);
    const pdf = await page.request.get(`${corridor.url}/api/v1/profiles/${seeded.consenting}/cv.pdf?lang=en`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');

    await card.getByRole('button', { name: 'Show skill gaps and training' }).click();
    const gaps = page.getByRole('region', { name: 'Skill gaps and training' });
    await gaps.getByRole('heading', { level: 3, name: `For the vacancy ${TITLE}` }).waitFor();
    const gapText = await gaps.innerText();
    expect(gapText).toContain(`${seeded.missing.length} essential skills missing`);
    for (const m of seeded.missing) expect(gapText).toContain(m);
    expect(gapText).toContain('2 training offers teach these skills');
    const offers = gaps.locator('ol.training > li');
    expect(await offers.count()).toBe(2);
    // Ranked by coverage first: the course teaching two missing skills comes before the shorter one.
    const first = await offers.nth(0).innerText();
    expect(first).toContain('Kitchen basics for new staff');
    expect(first).toContain('Suggested');
    expect(first).toMatch(/30 hours\s+Free\s+In person\s+Spanish\s+Spain/);
    expect(first).toContain('Teaches:');
    expect(await offers.nth(0).locator('ul li').allInnerTexts()).toEqual(seeded.missing.slice(0, 2));
    const second = await offers.nth(1).innerText();
    expect(second).toContain('Short course on one kitchen task');
    expect(second).toMatch(/12 hours\s+€90\.00\s+Online/);
    expect(gapText).toContain('No training offer teaches');

    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'matching-profile-gaps-en-desktop');
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('the person’s matches and gaps in Arabic on a phone, and a person without consent still sees vacancies', async () => {
    const page = await browser.signedIn(corridor.users.advisor, { locale: 'ar', viewport: PHONE });
    await page.goto(`${corridor.url}/caseload/${seeded.refusing}`);
    const matches = page.getByRole('region', { name: 'الوظائف المطابقة' });
    const card = matches.locator('ol.cards > li', { hasText: TITLE });
    await card.waitFor();
    expect(await card.innerText()).toContain('يمتلك 3 مهارات من المطلوبة');
    await card.getByRole('button', { name: 'عرض النواقص والتدريب' }).click();
    const gaps = page.getByRole('region', { name: 'نواقص المهارات والتدريب' });
    await gaps.getByRole('heading', { level: 3, name: `للوظيفة ${TITLE}` }).waitFor();
    const gapText = await gaps.innerText();
    expect(gapText).toContain('عرضان تدريبيان يعلّمان هذه المهارات');
    expect(gapText).toContain('Kitchen basics for new staff');
    expect(gapText).toContain('مجاني');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'matching-profile-gaps-ar-phone');
    // The gap and training part alone, legible when viewed (the full phone page is very long).
    await gaps.screenshot({ path: resolve(SHOTS_DIR, 'matching-gaps-region-ar-phone.png') });
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });
});
