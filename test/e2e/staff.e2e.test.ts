// The staff side of the core loop, through the screens only, from a fresh instance that holds nothing but the first
// platform admin's invitation (`corridor admin init`): the platform admin creates an organisation and invites its
// administrator (the link copied from the screen and opened) → the org admin invites an advisor, an employer, a
// training provider, an analyst and an assessor → the employer publishes a vacancy after reviewing its ESCO skills,
// edits, closes and reopens it → the training provider publishes an offer with ESCO skills → the org admin reads
// the audit log filtered. Once in English and once in Arabic, on a 1280 px desktop; axe-core on every screen; each
// role's main screen saved to docs/screens.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import arMain from '../../src/web/locales/ar.js';
import enMain from '../../src/web/locales/en.js';
import arRecognition from '../../src/web/locales/recognition/ar.js';
import enRecognition from '../../src/web/locales/recognition/en.js';
import arStaff from '../../src/web/locales/staff/ar.js';
import enStaff from '../../src/web/locales/staff/en.js';
import type { Messages } from '../../src/web/locales/types.js';
import { DESKTOP, docScreen, errorsOf, screenshot, seriousViolations } from './harness.js';
import { useBrowser } from './browser.js';
import { startFreshCorridor, type FreshCorridor } from './fresh.js';

const browser = useBrowser();
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The nodes failing one axe rule, whatever its impact. */
async function axeRule(page: Page, rule: string): Promise<string[][]> {
  await page.evaluate(axeSource);
  return page.evaluate(async (id) => {
    type Axe = { run(ctx: Document, o: object): Promise<{ violations: { nodes: { target: string[] }[] }[] }> };
    const r = await (window as unknown as { axe: Axe }).axe.run(document, { runOnly: { type: 'rule', values: [id] } });
    return r.violations.flatMap((v) => v.nodes.map((n) => n.target));
  }, rule);
}

type Lang = 'en' | 'ar';
const MESSAGES: Record<Lang, Messages[]> = {
  en: [enMain, enStaff, enRecognition],
  ar: [arMain, arStaff, arRecognition],
};

/** The interface text of `key` in `lang`, as the app renders it (numbers through Intl, like i18next's formatter). */
function textsIn(lang: Lang) {
  return (key: string, vars: Record<string, string | number> = {}): string => {
    const find = (k: string) => {
      for (const tree of MESSAGES[lang]) {
        const hit = k.split('.').reduce<unknown>((n, part) => (n as Record<string, unknown> | undefined)?.[part], tree);
        if (hit !== undefined) return hit;
      }
      return undefined;
    };
    // With a count, the plural form the language's rules pick comes first (as i18next does).
    const plural =
      vars.count === undefined ? undefined : find(`${key}_${new Intl.PluralRules(lang).select(Number(vars.count))}`);
    const node = typeof plural === 'string' ? plural : find(key);
    if (typeof node !== 'string') throw new Error(`no text ${key} in ${lang}`);
    return node.replace(/{{\s*(\w+)(, number)?\s*}}/g, (_, name: string, num?: string) =>
      num ? new Intl.NumberFormat(lang).format(Number(vars[name])) : String(vars[name]),
    );
  };
}

describe.each(['en', 'ar'] as const)('staff screens from a fresh instance (%s)', (lang) => {
  const T = textsIn(lang);
  const PASSWORD = 'staff walk password';
  let fresh: FreshCorridor;
  const pages: Page[] = [];

  beforeAll(async () => {
    fresh = await startFreshCorridor({ email: `platform.${lang}@example.org`, name: 'Paz Platform' });
  }, 240_000);
  afterAll(async () => {
    for (const p of pages) await p.context().close();
    await fresh?.close();
  });

  async function newPage(): Promise<Page> {
    const page = await browser.page({ locale: lang === 'ar' ? 'ar' : 'en-GB', viewport: DESKTOP });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: fresh.url });
    pages.push(page);
    return page;
  }

  /** No serious or critical axe violation, no script error. */
  async function checked(page: Page, what: string): Promise<void> {
    expect(await seriousViolations(page), `${what} (${lang})`).toEqual([]);
    expect(errorsOf(page), `${what} (${lang})`).toEqual([]);
  }

  /** The role's main screen, small enough for the repository (viewport only). */
  async function mainScreen(page: Page, role: string): Promise<void> {
    await screenshot(page, `staff-${role}-${lang}`);
    await docScreen(page, `${role}-${lang}`);
  }

  async function acceptInvitation(link: string): Promise<Page> {
    const page = await newPage();
    await page.goto(link);
    await page.locator('#new-password').fill(PASSWORD);
    await page.locator('#repeat-password').fill(PASSWORD);
    await page.getByRole('button', { name: T('account.create') }).click();
    await page.locator('nav.mainnav').waitFor();
    return page;
  }

  /** Bad input: the message sits next to the field, which is marked invalid and has the focus. */
  async function expectFieldError(page: Page, id: string, message: string): Promise<void> {
    await expect.poll(() => page.locator(`#${id}-error`).innerText()).toBe(message);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(id);
    expect(await page.locator(`#${id}`).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${id}`).getAttribute('aria-describedby')).toContain(`${id}-error`);
  }

  /** The one-time link shown on the screen: copied with the button, read back from the clipboard. */
  async function copiedLink(page: Page, inputId: string): Promise<string> {
    const input = page.locator(`#${inputId}`);
    await input.waitFor();
    const shown = await input.inputValue();
    await page
      .locator('.copy-link')
      .filter({ has: input })
      .getByRole('button', { name: T('staff.copy') })
      .click();
    await expect
      .poll(() => page.locator('.copy-link').filter({ has: input }).getByRole('status').innerText())
      .toBe(T('staff.copied'));
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    expect(clip).toBe(shown);
    expect(clip.startsWith(`${fresh.url}/`)).toBe(true);
    return clip;
  }

  it('the platform admin, the org admin, the employer, the training provider, the analyst and the assessor do their work', async () => {
    const nav = (page: Page) => page.getByRole('navigation', { name: T('app.mainNav') });

    // ---- the platform admin opens the link `corridor admin init` printed
    const platform = await acceptInvitation(fresh.adminInvitation);
    await platform.waitForURL(/\/platform\/organisations$/);
    expect(await platform.locator('h1').innerText()).toBe(T('staff.organisations.title'));
    await checked(platform, 'organisations');

    const newOrg = platform.getByRole('region', { name: T('staff.organisations.newHeading') });
    await newOrg.getByRole('button', { name: T('staff.organisations.create') }).click();
    await expectFieldError(platform, 'org-name', T('staff.form.required'));
    await platform.locator('ul.cards > li', { hasText: 'Corridor platform' }).waitFor();
    expect(await platform.locator('ul.cards > li').count()).toBe(1); // nothing half-saved: only the platform's
    await checked(platform, 'organisations, bad input');
    const orgName = lang === 'en' ? 'Servicio de Empleo Norte' : 'جمعية دعم المهاجرين';
    await platform.locator('#org-name').fill(orgName);
    await platform.locator('#org-type').selectOption('ngo');
    await platform.locator('#org-country').selectOption('ES');
    await newOrg.getByRole('button', { name: T('staff.organisations.create') }).click();
    await expect
      .poll(() => newOrg.locator('[role="status"]').first().innerText())
      .toBe(T('staff.organisations.created', { name: orgName }));
    await platform.locator('ul.cards > li', { hasText: orgName }).waitFor();

    const inviteAdmin = platform.getByRole('region', {
      name: T('staff.organisations.inviteAdminFor', { name: orgName }),
    });
    await inviteAdmin.locator('#admin-invite-name').fill('Olga Admin');
    await inviteAdmin.locator('#admin-invite-email').fill(`olga.${lang}@example.org`);
    await inviteAdmin.getByRole('button', { name: T('staff.invitations.send') }).click();
    const orgAdminLink = await copiedLink(platform, 'admin-invite-link');
    await checked(platform, 'organisations, invitation link');
    await mainScreen(platform, 'platform-admin');

    await nav(platform)
      .getByRole('link', { name: T('nav.taxonomyVersions') })
      .click();
    await platform.waitForURL(/\/platform\/taxonomy$/);
    const version = platform.locator('ul.cards > li').first();
    await version.waitFor();
    expect(await version.innerText()).toContain(T('staff.taxonomy.active'));
    await checked(platform, 'taxonomy versions');

    // ---- the organisation's administrator: invitations with their links, users, password link
    const admin = await acceptInvitation(orgAdminLink);
    await admin.waitForURL(/\/admin\/users$/);
    await nav(admin)
      .getByRole('link', { name: T('nav.orgInvitations') })
      .click();
    await admin.waitForURL(/\/admin\/invitations$/);
    await admin.getByRole('button', { name: T('staff.invitations.send') }).click();
    await expectFieldError(admin, 'invite-name', T('staff.form.required'));
    await admin.locator('#invite-name').fill('Someone');
    await admin.locator('#invite-email').fill('not an address');
    await admin.locator('#invite-role').selectOption('advisor');
    await admin.getByRole('button', { name: T('staff.invitations.send') }).click();
    await expectFieldError(admin, 'invite-email', T('staff.invitations.emailInvalid'));
    // Nothing half-saved: the list holds only the administrator's own (accepted) invitation.
    expect(await admin.locator('ul.cards > li', { hasText: 'Someone' }).count()).toBe(0);
    await checked(admin, 'invitations, bad input');

    const staff = {
      advisor: { name: 'Adel Advisor', role: 'advisor' },
      employer: { name: 'Emma Employer', role: 'employer' },
      trainer: { name: 'Tomás Trainer', role: 'training_provider' },
      analyst: { name: 'Ana Analyst', role: 'analyst' },
      assessor: { name: 'Assia Assessor', role: 'assessor' },
    };
    const links: Record<string, string> = {};
    for (const [key, person] of Object.entries(staff)) {
      await admin.locator('#invite-name').fill(person.name);
      await admin.locator('#invite-email').fill(`${key}.${lang}@example.org`);
      await admin.locator('#invite-role').selectOption(person.role);
      await admin.getByRole('button', { name: T('staff.invitations.send') }).click();
      await admin.getByRole('heading', { name: T('staff.invitations.linkHeading', { name: person.name }) }).waitFor();
      links[key] = await copiedLink(admin, 'invite-link');
    }
    await checked(admin, 'invitations');

    const employer = await acceptInvitation(links.employer!);
    const trainer = await acceptInvitation(links.trainer!);
    const analyst = await acceptInvitation(links.analyst!);
    const assessor = await acceptInvitation(links.assessor!);
    await acceptInvitation(links.advisor!);

    await nav(admin)
      .getByRole('link', { name: T('nav.orgUsers') })
      .click();
    await admin.waitForURL(/\/admin\/users$/);
    const advisorRow = admin.locator('tbody tr', { hasText: staff.advisor.name });
    await advisorRow.waitFor();
    expect(await admin.locator('tbody tr').count()).toBe(6);
    await admin.getByRole('button', { name: T('staff.users.disableWho', { name: staff.advisor.name }) }).click();
    await expect.poll(() => advisorRow.innerText()).toContain(T('staff.users.disabled'));
    await admin.getByRole('button', { name: T('staff.users.enableWho', { name: staff.advisor.name }) }).click();
    await expect.poll(() => advisorRow.innerText()).toContain(T('staff.users.active'));
    await admin.getByRole('button', { name: T('staff.users.resetWho', { name: staff.advisor.name }) }).click();
    expect(await copiedLink(admin, 'reset-link')).toMatch(/\/password-reset#.{20,}$/);
    await checked(admin, 'users');
    await mainScreen(admin, 'org-admin');

    // ---- the employer publishes a vacancy after reviewing its ESCO skills
    await employer.waitForURL(/\/vacancies$/);
    await checked(employer, 'vacancies (employer, none yet)');
    await employer.getByRole('link', { name: T('vacancy.postHeading') }).click();
    await employer.waitForURL(/\/vacancies\/new$/);
    await employer.getByRole('button', { name: T('vacancy.publish') }).click();
    await expectFieldError(employer, 'vacancy-title', T('staff.form.required'));
    await checked(employer, 'publish, bad input');

    const title = lang === 'en' ? 'Welder, shipyard maintenance' : 'لحّام لصيانة السفن';
    await employer.locator('#vacancy-title').fill(title);
    // In Arabic the occupation is typed in Arabic: the search reads it through the Arabic lexicon.
    await employer.locator('#vacancy-occupation').fill(lang === 'en' ? 'welder' : 'لحام');
    await employer
      .getByRole('listbox', { name: T('vacancy.occupation') })
      .getByRole('option', { name: /^welder/ })
      .first()
      .click();
    const hyperbaric = 'weld in hyperbaric conditions';
    const remove = employer.getByRole('button', { name: T('staff.vacancy.removeSkill', { skill: hyperbaric }) });
    await remove.waitFor();
    if (lang === 'ar') expect(await employer.locator('.notice').first().innerText()).toBe(T('explorer.labelsFallback'));
    const rows = employer.locator('ul.skill-review').first().locator('li');
    const suggested = await rows.count();
    expect(suggested).toBeGreaterThan(40); // welder: 36 essential and 50 optional skills in ESCO 1.1.1
    await checked(employer, 'publish, skills to review');
    await mainScreen(employer, 'employer-review');
    await remove.click();
    await employer.getByLabel(T('staff.vacancy.importance', { skill: 'troubleshoot' })).selectOption('optional');
    await employer
      .getByLabel(T('staff.vacancy.importance', { skill: 'perform welding inspection' }))
      .selectOption('essential');
    await employer.locator('#vacancy-add-skill').fill(lang === 'en' ? 'first aid' : 'إسعافات أولية');
    await employer
      .getByRole('listbox', { name: T('staff.vacancy.addSkill') })
      .getByRole('option', { name: 'first aid', exact: true })
      .click();
    expect(await rows.count()).toBe(suggested); // one removed, one added
    expect(
      await employer
        .getByRole('group', { name: T('staff.vacancy.skillsHeading') })
        .locator('details')
        .innerText(),
    ).toContain(T('staff.vacancy.removedCount', { count: 1 }));

    await employer.locator('#vacancy-sector').selectOption('C');
    await employer.locator('#vacancy-country').selectOption('ES');
    await employer.locator('#vacancy-posts').fill('2');
    // No region: matching needs it, so the form says so next to the field and publishes nothing.
    await employer.getByRole('button', { name: T('vacancy.publish') }).click();
    await expectFieldError(employer, 'vacancy-region', T('staff.vacancy.regionRequired'));
    await employer.locator('#vacancy-region').fill('es51');
    await employer.getByRole('button', { name: T('vacancy.publish') }).click();
    await employer.waitForURL(/\/vacancies\/[0-9a-f-]{36}$/);
    const vacancyUrl = employer.url();
    // Labels arrive in one call after the page: wait for them.
    await expect.poll(() => employer.locator('#vacancy-essential + ul').innerText()).toContain('first aid');
    await expect.poll(() => employer.locator('#vacancy-optional + ul').innerText()).toContain('troubleshoot');
    const essentialText = await employer.locator('#vacancy-essential + ul').innerText();
    const optionalText = await employer.locator('#vacancy-optional + ul').innerText();
    expect(essentialText).not.toContain(hyperbaric);
    expect(optionalText).not.toContain(hyperbaric);
    expect(essentialText).toContain('first aid');
    expect(essentialText).toContain('perform welding inspection');
    expect(optionalText).toContain('troubleshoot');
    expect(await employer.locator('.facts').innerText()).toContain('ES51');
    await checked(employer, 'vacancy page');

    await employer.getByRole('link', { name: T('staff.vacancy.edit') }).click();
    await employer.waitForURL(/\/edit$/);
    await employer.locator('#vacancy-posts').fill('3');
    await employer.getByRole('button', { name: T('staff.vacancy.save') }).click();
    await employer.waitForURL(vacancyUrl);
    await expect.poll(() => employer.locator('.screen > .form-status').innerText()).toBe(T('staff.vacancy.saved'));
    expect(await employer.locator('.facts').innerText()).toContain(T('vacancy.posts', { count: 3 }));
    await employer.getByRole('button', { name: T('staff.vacancy.close') }).click();
    await expect.poll(() => employer.locator('.screen > .form-status').innerText()).toBe(T('staff.vacancy.closedDone'));
    await employer.getByRole('button', { name: T('staff.vacancy.reopen') }).click();
    await expect
      .poll(() => employer.locator('.screen > .form-status').innerText())
      .toBe(T('staff.vacancy.reopenedDone'));
    await checked(employer, 'vacancy page, reopened');
    await nav(employer)
      .getByRole('link', { name: T('nav.vacancies') })
      .click();
    const card = employer.locator('.cards li', { hasText: title });
    await card.waitFor();
    // The title opens the vacancy, not the ESCO page.
    expect(await card.getByRole('link', { name: title, exact: true }).getAttribute('href')).toBe(
      new URL(vacancyUrl).pathname,
    );
    await checked(employer, 'vacancies (employer)');
    await mainScreen(employer, 'employer');

    // ---- the training provider publishes an offer with ESCO skills, closes and reopens it
    await trainer.waitForURL(/\/training$/);
    await trainer.getByRole('link', { name: T('staff.training.new') }).click();
    await trainer.waitForURL(/\/training\/new$/);
    await trainer.getByRole('button', { name: T('staff.training.save') }).click();
    await expectFieldError(trainer, 'offer-title', T('staff.form.required'));
    expect(await trainer.locator('#offer-skill-error').innerText()).toBe(T('staff.training.skillsRequired'));
    await checked(trainer, 'training offer, bad input');
    const course = lang === 'en' ? 'MIG/MAG welding, certificate course' : 'دورة اللحام بشهادة';
    await trainer.locator('#offer-title').fill(course);
    await trainer.locator('#offer-skill').fill(lang === 'en' ? 'weld' : 'لحام');
    await trainer
      .getByRole('listbox', { name: T('staff.training.addSkill') })
      .getByRole('option', { name: 'operate welding equipment' })
      .click();
    await trainer.locator('#offer-hours').fill('120');
    await trainer.locator('#offer-country').selectOption('ES');
    await trainer.locator('#offer-language').selectOption('es');
    await trainer.getByRole('button', { name: T('staff.training.save') }).click();
    await trainer.waitForURL(/\/training$/);
    await expect
      .poll(() => trainer.locator('.screen > .form-status').innerText())
      .toBe(T('staff.training.saved', { title: course }));
    const offer = trainer.locator('.cards li', { hasText: course });
    await offer.getByRole('button', { name: `${T('staff.training.close')}: ${course}` }).click();
    await expect.poll(() => offer.innerText()).toContain(T('staff.training.closed'));
    await offer.getByRole('button', { name: `${T('staff.training.reopen')}: ${course}` }).click();
    await expect.poll(() => offer.innerText()).toContain(T('staff.training.open'));
    await offer.getByRole('link', { name: course }).click();
    await trainer.waitForURL(/\/training\/[0-9a-f-]{36}$/);
    await expect.poll(() => trainer.locator('ul.chips').innerText()).toContain('operate welding equipment');
    await checked(trainer, 'training offer, edit');
    await nav(trainer)
      .getByRole('link', { name: T('nav.trainingOffers') })
      .click();
    await trainer.locator('.cards li', { hasText: course }).waitFor();
    await checked(trainer, 'training offers');
    await mainScreen(trainer, 'training-provider');

    // ---- the org admin reads the audit log, filtered
    await nav(admin)
      .getByRole('link', { name: T('nav.orgAudit') })
      .click();
    await admin.waitForURL(/\/admin\/audit$/);
    await admin.locator('tbody tr').first().waitFor();
    await admin.locator('#audit-entity').selectOption('vacancy');
    await admin.getByRole('button', { name: T('staff.audit.apply') }).click();
    // Created, changed (posts), closed, reopened: four entries, all on the vacancy, all by the employer.
    await expect.poll(() => admin.locator('tbody tr').count()).toBe(4);
    for (const row of await admin.locator('tbody tr').all()) {
      const text = await row.innerText();
      expect(text).toContain(T('staff.audit.entities.vacancy'));
      expect(text).toContain(staff.employer.name);
    }
    // By the trainer, on training offers (their other entry is the acceptance of their invitation).
    await admin.locator('#audit-entity').selectOption('training_offer');
    await admin.locator('#audit-actor').selectOption({ label: staff.trainer.name });
    await admin.getByRole('button', { name: T('staff.audit.apply') }).click();
    await expect.poll(() => admin.locator('tbody tr').count()).toBe(3); // created, closed, reopened
    for (const row of await admin.locator('tbody tr').all())
      expect(await row.innerText()).toContain(T('staff.audit.entities.training_offer'));
    // The advisor's account, disabled and enabled again earlier: the field changed is named in the reader's language.
    await admin.locator('#audit-entity').selectOption('app_user');
    await admin.locator('#audit-actor').selectOption({ label: T('staff.audit.anyActor') });
    await admin.getByRole('button', { name: T('staff.audit.apply') }).click();
    const disabled = admin.locator('tbody tr', { hasText: T('staff.audit.fieldNames.disabled_at') });
    await expect.poll(() => disabled.count()).toBe(2);
    for (const row of await disabled.all()) expect(await row.innerText()).toContain(T('staff.audit.actions.update'));
    const entries = await admin.locator('tbody').innerText();
    expect(entries).not.toMatch(/disabled_at|password_hash|withdrawn_at/);
    // The accounts made by accepting invitations: the reason in the reader's language, with the invitation's id.
    const [accepted] = T('staff.audit.reasonTexts.invitationAccepted', { invitation: '\u0000' }).split('\u0000');
    expect(entries).toContain(accepted!.trim());
    expect(entries).toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(entries).not.toContain('accepted invitation');
    await checked(admin, 'audit log, filtered');
    await mainScreen(admin, 'org-admin-audit');

    // ---- the analyst runs the fairness audit; the assessor reads what is coming
    // The analyst starts at the labour-market figures; the fairness audit is one menu item away.
    await analyst.waitForURL(/\/labour-market$/);
    await nav(analyst)
      .getByRole('link', { name: T('nav.analysis') })
      .click();
    await analyst.waitForURL(/\/analysis$/);
    await analyst.locator('#fairness-min').fill('5');
    await analyst.getByRole('button', { name: T('staff.analysis.run') }).click();
    await expectFieldError(analyst, 'fairness-min', T('staff.form.numberBetween', { min: 10, max: 1000 }));
    await analyst.locator('#fairness-min').fill('10');
    await analyst.getByRole('button', { name: T('staff.analysis.run') }).click();
    await expect
      .poll(() => analyst.locator('#fairness-heading ~ form [role="status"]').innerText())
      .toBe(T('staff.analysis.done', { count: 1 }));
    await checked(analyst, 'analysis');
    // The figures once promised here live on their own page now: the panel links there.
    expect(await analyst.getByRole('link', { name: T('staff.analysis.figuresLink') }).getAttribute('href')).toBe(
      '/labour-market',
    );
    await mainScreen(analyst, 'analyst');

    // The assessor starts at the recognition queue (issue 12), empty on a fresh instance.
    await assessor.waitForURL(/\/recognition$/);
    expect(await assessor.locator('h1').innerText()).toBe(T('recognition.queue.title'));
    await assessor.getByText(T('recognition.queue.empty')).waitFor();
    await checked(assessor, 'recognition');
    await mainScreen(assessor, 'assessor');
    // The reference levels: each level table is one region with its own name (axe landmark-unique, a moderate rule
    // the serious/critical check above does not cover).
    await nav(assessor)
      .getByRole('link', { name: T('nav.reference') })
      .click();
    await assessor.waitForURL(/\/reference$/);
    await assessor.locator('table').nth(2).waitFor();
    expect(await axeRule(assessor, 'landmark-unique')).toEqual([]);
    await checked(assessor, 'reference levels');
  }, 600_000);
});
