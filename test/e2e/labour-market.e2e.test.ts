// Labour-market figures through the UI: the analyst's dashboard (scope, drill-down from ISCO major group to unit
// group, split by sex, downloads, corridor brief) and the public open-data page signed out, in English and Arabic,
// with axe on each. The population is seeded over the API as an advisor and an employer would record it.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './accounts.js';
import { docScreen, errorsOf, PHONE, screenshot, seriousViolations } from './harness.js';
import { corridor, useBrowser } from './browser.js';

const browser = useBrowser();

interface Occupation {
  uri: string;
  skills: string[];
}

/**
 * Seeds 72 consenting job seekers in six occupations and 36 open vacancies; two people give no consent. Advisors
 * record 15 workers' recruitment costs and 8 placements (protection). Citizenship: 9 stateless and 9 not recorded
 * among the job seekers still seeking (spread over four major groups, so each group's count is small), some dual
 * citizens of Spain, the others citizens of their country of origin.
 */
async function seed(): Promise<void> {
  const advisor = await apiAs(corridor.url, corridor.users.advisor);
  const employer = await apiAs(corridor.url, corridor.users.employer);
  const occupations: Occupation[] = [];
  // The last two are held by nobody: the whole browser suite shares one server, and other files' few people in a
  // group can make disclosure control hide a shared group's count (secondary suppression), so a shortage is only
  // certain where no job seeker is counted at all.
  const searches = ['cook', 'welder', 'cleaner', 'nurse assistant', 'software developer', 'fruit picker'];
  for (const q of [...searches, 'bricklayer', 'bus driver']) {
    const hits = await advisor<{ results: { uri: string }[] }>(
      'GET',
      `/taxonomy/search?q=${encodeURIComponent(q)}&type=occupation&limit=1`,
    );
    const uri = hits.results[0]!.uri;
    const detail = await advisor<{ essentialSkills: { uri: string }[] }>(
      'GET',
      `/taxonomy/occupations/${uri.split('/').pop()}`,
    );
    occupations.push({ uri, skills: detail.essentialSkills.slice(0, 4).map((s) => s.uri) });
  }
  for (let i = 0; i < 74; i++) {
    const occ = occupations[i % searches.length]!;
    const origin = ['MA', 'SN', 'CO'][i % 3]!;
    const stateless = i >= 8 && i < 72 && i % 7 === 6;
    const notRecorded = i >= 8 && i < 72 && i % 7 === 5;
    const p = await advisor<{ id: string }>('POST', '/profiles', {
      displayName: `Person ${i}`,
      profilingConsent: true,
      originCountry: origin,
      ...(notRecorded ? {} : { citizenships: stateless ? [] : i % 7 === 3 ? [origin, 'ES'] : [origin] }),
      currentCountry: 'ES',
      currentRegion: i % 4 === 0 ? 'ES51' : 'ES30',
      sex: i % 2 ? 'male' : 'female',
      birthYear: 1970 + (i % 30),
      education: [{ iscedLevel: 2 + (i % 5), title: 'School', completed: true }],
      experience: [{ occupationUri: occ.uri, country: 'MA', months: 24, formal: true }],
      skills: occ.skills.slice(0, 2 + (i % 3)).map((uri) => ({ uri, evidence: 'self-declared', source: 'interview' })),
      seeking: true,
    });
    if (i < 72) await advisor('POST', `/migrants/${p.id}/consents`, { purpose: 'anonymised_statistics' });
    // Protection's records, as advisors keep them: 15 workers' recruitment costs (5 per corridor) and 8 placements.
    if (i < 15) {
      await advisor('POST', `/protection/cases/${p.id}/fees`, {
        category: 'recruitment-fee',
        amount: i * 50,
        currency: 'EUR',
        paidOn: '2025-03-01',
        paidBy: 'worker',
        loan: false,
        loanInterest: 0,
      });
      await advisor('PUT', `/protection/cases/${p.id}/earnings`, {
        month: '2025-04',
        amount: 1000,
        currency: 'EUR',
        country: 'ES',
      });
    }
    if (i < 8) {
      await advisor('POST', `/protection/cases/${p.id}/outcomes`, {
        kind: 'employed',
        date: new Date().toISOString().slice(0, 10),
        employment: { employerName: 'Hostal Mar Azul', occupationUri: occ.uri, sector: 'I', contractType: 'permanent' },
      });
    }
  }
  for (let j = 0; j < 36; j++) {
    // Two occupations with vacancies and no job seekers: shortages the corridor view can show.
    const occ = occupations[searches.length + (j % 2)]!;
    await employer('POST', '/vacancies', {
      title: `Job ${j}`,
      occupationUri: occ.uri,
      essentialSkills: occ.skills,
      sector: 'I',
      languages: [],
      location: { country: 'ES', region: j % 3 ? 'ES30' : 'ES51' },
      posts: 1,
      contractType: 'permanent',
      employerSponsorsPermit: true,
      employerPaysRecruitmentFees: true,
    });
  }
}

describe('labour-market figures', () => {
  beforeAll(seed, 180_000);

  it('the analyst explores protected figures: scope, drill-down, split by sex, downloads, Arabic', async () => {
    const page = await browser.signedIn(corridor.users.analyst);
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Labour market' })
      .click();
    await page.waitForURL(/\/labour-market$/);
    await page.getByRole('heading', { level: 1, name: 'Labour-market figures' }).waitFor();
    const table = page.getByRole('table', { name: 'Job seekers by ISCO-08 major group' });
    await table.waitFor();
    // A chart, described, with the same figures in the table.
    expect(await page.getByRole('img', { name: /Job seekers — ISCO-08 major group: bar chart/ }).count()).toBe(1);
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(4);
    const total = Number((await table.locator('tfoot td').last().innerText()).replace(/\D/g, ''));
    // 72 counted, less the 8 placed (no longer seeking), ± noise; the two without consent are not counted.
    expect(total).toBeGreaterThanOrEqual(59);
    expect(total).toBeLessThanOrEqual(69);
    expect(await page.getByText(/Counts of fewer than 5 are not published/).count()).toBe(1);

    // Drill down: major group 7 → sub-major 72 → minor 721 → unit group 7212.
    const levels = ['major group', 'sub-major group', 'minor group', 'unit group'];
    for (let l = 0; l < 3; l++) {
      await page
        .getByRole('table', { name: `Job seekers by ISCO-08 ${levels[l]}` })
        .getByRole('button', { name: /^Show the groups within 7/ })
        .first()
        .click();
      await page.getByRole('table', { name: `Job seekers by ISCO-08 ${levels[l + 1]}` }).waitFor();
    }
    const unit = page.getByRole('table', { name: 'Job seekers by ISCO-08 unit group' });
    expect(await unit.locator('tbody th').first().innerText()).toMatch(/^7212 Welders and flamecutters/);
    await page
      .getByRole('navigation', { name: 'Occupation groups shown' })
      .getByRole('button', { name: 'All occupations' })
      .click();
    await page.getByRole('table', { name: 'Job seekers by ISCO-08 major group' }).waitFor();

    // Split by sex, across all organisations.
    await page.getByRole('radio', { name: 'All organisations' }).check();
    await page.getByLabel('Split by').selectOption('sex');
    const bySex = page.getByRole('table', { name: 'Job seekers by ISCO-08 major group × Sex' });
    await bySex.waitFor();
    // Across all organisations other browser tests' people count too, some with sex not stated.
    const heads = (await bySex.locator('thead th').allInnerTexts()).filter((h) => h !== 'Not stated');
    expect(heads).toEqual(['ISCO-08 major group', 'Women', 'Men', 'Total']);
    // Small cells show n.p., never a number under 5.
    for (const text of await bySex.locator('tbody td').allInnerTexts()) {
      expect(text === 'n.p.' || text === '0' || Number(text.replace(/\D/g, '')) >= 5, text).toBe(true);
    }
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'labour-market-en-desktop');
    await docScreen(page, 'labour-market-en-desktop');

    // The CSV download is the table on screen.
    const occupationsPanel = page.locator('section[aria-labelledby="lm-occupations"]');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      occupationsPanel.getByRole('link', { name: 'CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    // As on screen, a 'Not stated' column may come from other browser tests' people.
    expect(csv.split('\r\n')[0]!.replace(',Not stated', '')).toBe('\ufeffISCO-08 major group,code,Women,Men,Total');
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      occupationsPanel.getByRole('link', { name: 'Excel (XLSX)' }).click(),
    ]);
    expect(
      readFileSync((await xlsx.path())!)
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    // Shortages, skill gaps, time to fill and the corridor are there with their tables.
    await page.getByRole('table', { name: 'Shortages and surpluses' }).waitFor();
    await page.getByRole('table', { name: 'Skills demanded and skills held' }).waitFor();
    await page.getByRole('table', { name: 'Morocco → Spain' }).waitFor();
    // Placements and SDG 10.7.1 come from protection's records, through the same protection as every figure.
    const placements = page.getByRole('table', { name: 'Placements in the last 12 months' });
    const placed = Number((await placements.locator('tfoot td').first().innerText()).replace(/\D/g, ''));
    expect(placed).toBeGreaterThanOrEqual(5); // 8 placed ± noise, never under k
    for (const text of await placements.locator('tbody td:nth-child(2)').allInnerTexts()) {
      expect(text === 'n.p.' || Number(text) >= 5, text).toBe(true);
    }
    const costs = page.getByRole('table', { name: 'Recruitment costs (SDG 10.7.1) — Corridor' });
    const morocco = costs.locator('tbody tr', { hasText: 'Morocco → Spain' });
    // Five workers from Morocco paid 0, 150, 300, 450 and 600 EUR on 1,000 EUR earnings: mean and median 0.3 months.
    const [workers, mean, median] = await morocco.locator('td').allInnerTexts();
    expect(workers).toBe('5');
    for (const v of [mean, median]) expect(Math.abs(Number(v) - 0.3)).toBeLessThanOrEqual(0.02);
    expect(
      await page
        .getByRole('img', { name: /Recruitment costs \(SDG 10\.7\.1\) — Median \(months\): bar chart/ })
        .count(),
    ).toBe(1);
    // Its CSV carries the same protected cells.
    const [costsCsv] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('section[aria-labelledby="lm-costs"]').getByRole('link', { name: 'CSV' }).click(),
    ]);
    const costLines = readFileSync((await costsCsv.path())!, 'utf8').split('\r\n');
    expect(costLines[0]).toBe('\ufeffGroup,Workers,Mean (months of earnings),Median,80th percentile');
    expect(costLines.find((l) => l.startsWith('Corridor: Morocco → Spain,'))).toBe(
      `Corridor: Morocco → Spain,5,${mean},${median},${(await morocco.locator('td').allInnerTexts())[3]}`,
    );
    await costs.scrollIntoViewIfNeeded();
    await screenshot(page, 'labour-market-costs-en-desktop');
    const [brief] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the brief (PDF)' }).click(),
    ]);
    expect(
      readFileSync((await brief.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    // Arabic: right to left, the same figures, numbers formatted for the Arabic locale.
    const englishTotal = Number((await bySex.locator('tfoot td').last().innerText()).replace(/\D/g, ''));
    await page.getByLabel('Language').selectOption('ar');
    await page.getByRole('heading', { level: 1, name: 'أرقام سوق العمل' }).waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    const arTable = page.getByRole('table', { name: /الباحثون عن عمل حسب/ });
    await arTable.waitFor();
    expect(await arTable.locator('tfoot td').last().innerText()).toBe(
      await page.evaluate((n) => new Intl.NumberFormat('ar').format(n), englishTotal),
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'labour-market-ar-desktop');
    await docScreen(page, 'labour-market-ar-desktop');
    expect(errorsOf(page)).toEqual([]);
  });

  it('the analyst splits and filters job seekers by citizenship on a phone: stateless and not recorded, protected', async () => {
    for (const lang of ['en', 'ar'] as const) {
      const en = lang === 'en';
      const page = await browser.signedIn(corridor.users.analyst, { viewport: PHONE, ...(en ? {} : { locale: 'ar' }) });
      await page.goto(`${corridor.url}/labour-market`);
      await page.getByRole('heading', { level: 1, name: en ? 'Labour-market figures' : 'أرقام سوق العمل' }).waitFor();
      await page.getByLabel(en ? 'Split by' : 'التقسيم حسب').selectOption('citizenship');
      const split = page.getByRole('table', {
        name: en
          ? 'Job seekers by ISCO-08 major group × Country of citizenship'
          : /الباحثون عن عمل حسب .* × بلد الجنسية/,
      });
      await split.waitFor();
      const heads = await split.locator('thead th').allInnerTexts();
      // Stateless and not recorded are columns of their own, beside the countries (named in the page's language).
      for (const h of en
        ? ['Morocco', 'Senegal', 'Colombia', 'Spain', 'Stateless', 'Not recorded']
        : ['المغرب', 'إسبانيا', 'عديم الجنسية', 'غير مسجل'])
        expect(heads, h).toContain(h);
      const np = en ? 'n.p.' : 'غ.م.';
      const cells = await split.locator('tbody td, tfoot td').allInnerTexts();
      const value = (text: string) =>
        Number(text.replace(/[^\d٠-٩]/g, '').replace(/[٠-٩]/g, (d) => String('٠١٢٣٤٥٦٧٨٩'.indexOf(d))));
      // Never a number under k: each cell is n.p., zero or at least 5; the small stateless groups are n.p.
      for (const text of cells) expect(text === np || value(text) === 0 || value(text) >= 5, text).toBe(true);
      expect(cells).toContain(np);
      await split.scrollIntoViewIfNeeded();
      await screenshot(page, `labour-market-citizenship-${lang}-phone`);
      // The table scrolls in its own region: the page is no wider than the phone (the message names what is wider).
      const wider = await page.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter((e) => {
            const r = e.getBoundingClientRect();
            return r.right > window.innerWidth + 1 || r.left < -1;
          })
          .filter((e) => !e.closest('.table-scroll, [role="region"]'))
          .map((e) => `${e.tagName.toLowerCase()}.${e.className}`)
          .slice(0, 8),
      );
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
        wider.join(' '),
      ).toBeLessThanOrEqual(0);
      expect(await seriousViolations(page)).toEqual([]);

      // Only the stateless: nine people in four major groups, most groups too small to publish; the total is shown.
      await page.getByLabel(en ? 'Split by' : 'التقسيم حسب').selectOption('');
      const citizenship = page.getByLabel(en ? 'Citizenship of job seekers' : 'جنسية الباحثين عن عمل');
      const asked = (code: string) =>
        page.waitForResponse((r) => r.url().includes(`/figures?`) && r.url().includes(`filter.citizenship=${code}`));
      await Promise.all([asked('stateless'), citizenship.selectOption('stateless')]);
      const filtered = page.getByRole('table', {
        name: en ? 'Job seekers by ISCO-08 major group' : /الباحثون عن عمل حسب/,
      });
      await filtered.waitFor();
      const groups = await filtered.locator('tbody td').allInnerTexts();
      expect(groups.length).toBeGreaterThanOrEqual(1);
      for (const text of groups) expect(text === np || value(text) >= 5, text).toBe(true);
      const total = value(await filtered.locator('tfoot td').last().innerText());
      expect(total).toBeGreaterThanOrEqual(5);
      // "Not recorded" is a filter value of its own too.
      await Promise.all([asked('unknown'), citizenship.selectOption('unknown')]);
      await filtered.waitFor();
      for (const text of await filtered.locator('tbody td, tfoot td').allInnerTexts())
        expect(text === np || value(text) === 0 || value(text) >= 5, text).toBe(true);
      // Vacancies have no citizenship: the filter is off, and says why.
      await page.getByRole('radio', { name: en ? 'Open vacancies' : 'الوظائف الشاغرة' }).check();
      expect(await citizenship.isDisabled()).toBe(true);
      expect(await citizenship.getAttribute('aria-describedby')).toBe('lm-citizenship-note');
      await page.getByRole('radio', { name: en ? 'Job seekers' : 'الباحثون عن عمل' }).check();
      await Promise.all([asked('stateless'), citizenship.selectOption('stateless')]);
      await filtered.scrollIntoViewIfNeeded();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `labour-market-stateless-${lang}-phone`);
      expect(errorsOf(page)).toEqual([]);
      await page.context().close();
    }
  }, 240_000);

  it('anyone opens the open-data page from the sign-in page: platform figures, attribution, Arabic', async () => {
    const page = await browser.page();
    await page.goto(`${corridor.url}/`);
    await page.getByRole('link', { name: 'Open data' }).click();
    await page.waitForURL(/\/open-data$/);
    await page.getByRole('heading', { level: 1, name: 'Open labour-market data' }).waitFor();
    const table = page.getByRole('table', { name: 'Job seekers by ISCO-08 major group × Sex' });
    await table.waitFor();
    expect(await page.getByText(/uses the ESCO classification of the European Commission/).count()).toBe(1);
    await page.getByRole('radio', { name: 'Open vacancies' }).check();
    const demand = page.getByRole('table', { name: 'Open vacancies by ISCO-08 major group' });
    await demand.waitFor();
    await demand
      .getByRole('button', { name: /^Show the groups within/ })
      .first()
      .click();
    await page.getByRole('table', { name: 'Open vacancies by ISCO-08 sub-major group' }).waitFor();
    await page.getByRole('radio', { name: 'Job seekers' }).check();
    await page.getByRole('table', { name: 'Job seekers by ISCO-08 sub-major group × Sex' }).waitFor();
    await page.getByRole('button', { name: 'All occupations' }).click();
    await table.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'open-data-en-desktop');
    await docScreen(page, 'open-data-en-desktop');
    await page.getByLabel('Language').selectOption('ar');
    await page.getByRole('heading', { level: 1, name: 'بيانات سوق العمل المفتوحة' }).waitFor();
    await page.getByRole('table', { name: /الباحثون عن عمل حسب/ }).waitFor();
    // ISCO group names have no Arabic: shown in English, said once.
    expect(await page.locator('.notice', { hasText: 'لا تتوفر تسميات ESCO بهذه اللغة' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'open-data-ar-desktop');
    await docScreen(page, 'open-data-ar-desktop');
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();

    // On a phone: nothing wider than the screen, the tables scroll inside their own region.
    const phone = await browser.page({ viewport: PHONE });
    await phone.goto(`${corridor.url}/open-data`);
    await phone.getByRole('table', { name: 'Job seekers by ISCO-08 major group × Sex' }).waitFor();
    await phone.getByRole('heading', { name: 'Recruitment costs (SDG 10.7.1)' }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(await seriousViolations(phone)).toEqual([]);
    await screenshot(phone, 'open-data-en-phone');
    expect(errorsOf(phone)).toEqual([]);
  });
});
