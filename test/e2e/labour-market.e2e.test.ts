// Labour-market figures through the UI: the analyst's dashboard (scope, drill-down from ISCO major group to unit
// group, split by sex, downloads, corridor brief) and the public open-data page signed out, in English and Arabic,
// with axe on each. The population is seeded over the API as an advisor and an employer would record it.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './accounts.js';
import { errorsOf, screenshot, seriousViolations } from './harness.js';
import { corridor, useBrowser } from './browser.js';

const browser = useBrowser();

interface Occupation {
  uri: string;
  skills: string[];
}

/** Seeds 72 consenting job seekers in six occupations and 36 open vacancies; two people give no consent. */
async function seed(): Promise<void> {
  const advisor = await apiAs(corridor.url, corridor.users.advisor);
  const employer = await apiAs(corridor.url, corridor.users.employer);
  const occupations: Occupation[] = [];
  for (const q of ['cook', 'welder', 'cleaner', 'nurse assistant', 'software developer', 'fruit picker']) {
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
    const occ = occupations[i % occupations.length]!;
    const p = await advisor<{ id: string }>('POST', '/profiles', {
      displayName: `Person ${i}`,
      profilingConsent: true,
      originCountry: ['MA', 'SN', 'CO'][i % 3],
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
  }
  for (let j = 0; j < 36; j++) {
    // Two occupations get more vacancies than job seekers: shortages the corridor view can show.
    const occ = occupations[j % 2]!;
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
    expect(total).toBeGreaterThanOrEqual(67); // 72 counted ± noise; the two without consent are not
    expect(total).toBeLessThanOrEqual(77);
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
    expect(await bySex.locator('thead th').allInnerTexts()).toEqual(['ISCO-08 major group', 'Women', 'Men', 'Total']);
    // Small cells show n.p., never a number under 5.
    for (const text of await bySex.locator('tbody td').allInnerTexts()) {
      expect(text === 'n.p.' || text === '0' || Number(text.replace(/\D/g, '')) >= 5, text).toBe(true);
    }
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'labour-market-en-desktop');

    // The CSV download is the table on screen.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\ufeffISCO-08 major group,code,Women,Men,Total');
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Excel (XLSX)' }).click(),
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
    expect(errorsOf(page)).toEqual([]);
  });

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
    await page.getByLabel('Language').selectOption('ar');
    await page.getByRole('heading', { level: 1, name: 'بيانات سوق العمل المفتوحة' }).waitFor();
    await page.getByRole('table', { name: /الباحثون عن عمل حسب/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'open-data-ar-desktop');
    expect(errorsOf(page)).toEqual([]);
  });
});
