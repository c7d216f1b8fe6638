// Issue 10's "must show": a day in the life of a corridor, through the screens only, from an empty instance that
// holds nothing but the first platform admin's invitation (`corridor admin init`). The platform admin sets up an NGO
// and an employer organisation and invites their administrators → the administrators invite their staff (links
// copied from the screen) → the advisor adds a person, gives them an account, records consent with them present and
// runs the interview → the person finishes their profile (on a 360×740 phone in the Arabic run) and chooses what
// employers see → the employer posts a vacancy, reviews its skills, sees the candidate (only consented fields, no raw
// code in the explanation) and asks to contact them → the request reaches the advisor's and the person's inbox →
// the person accepts with the details they choose → the employer reads them → the advisor records the placement,
// which closes the vacancy → a training provider's course shows for another person's skill gap. Once in Spanish on
// a 1280 px desktop, once in English and once in Arabic with the migrant on a 360×740 phone; axe-core on every
// screen. Each role's main screen is saved to docs/screens (README, "What it looks like").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import arMain from '../../src/web/locales/ar.js';
import esMain from '../../src/web/locales/es.js';
import enMain from '../../src/web/locales/en.js';
import arStaff from '../../src/web/locales/staff/ar.js';
import enStaff from '../../src/web/locales/staff/en.js';
import esStaff from '../../src/web/locales/staff/es.js';
import type { Messages } from '../../src/web/locales/types.js';
import { DESKTOP, docScreen, errorsOf, PHONE, screenshot, seriousViolations } from './harness.js';
import { useBrowser } from './browser.js';
import { startFreshCorridor, type FreshCorridor } from './fresh.js';

const browser = useBrowser();

type Lang = 'es' | 'en' | 'ar';
const MESSAGES: Record<Lang, Messages[]> = { es: [esMain, esStaff], en: [enMain, enStaff], ar: [arMain, arStaff] };

/** The interface text of `key` in `lang`, as the app renders it (numbers through Intl, like i18next). */
function textsIn(lang: Lang) {
  return (key: string, vars: Record<string, string | number> = {}): string => {
    const find = (k: string) => {
      for (const tree of MESSAGES[lang]) {
        const hit = k.split('.').reduce<unknown>((n, part) => (n as Record<string, unknown> | undefined)?.[part], tree);
        if (hit !== undefined) return hit;
      }
      return undefined;
    };
    const plural =
      vars.count === undefined ? undefined : find(`${key}_${new Intl.PluralRules(lang).select(Number(vars.count))}`);
    const node = typeof plural === 'string' ? plural : find(key);
    if (typeof node !== 'string') throw new Error(`no text ${key} in ${lang}`);
    return node.replace(/{{\s*(\w+)(, number)?\s*}}/g, (_, name: string, num?: string) =>
      num ? new Intl.NumberFormat(lang).format(Number(vars[name])) : String(vars[name]),
    );
  };
}

/** Codes that must never reach a person's screen in place of words. */
const RAW_CODE = /work-general|es-work-general|data\.europa\.eu|\bISCO\b|sector C\b|\b[a-z]+_[a-z_]+\b/;

/** ESCO labels the screens show: Spanish where ESCO has them, English under Arabic (ESCO has no Arabic labels). */
const ENGLISH_ESCO = {
  welder: /^welder/,
  joinMetals: 'join metals',
  mig: 'perform metal inert gas welding',
  hyperbaric: 'weld in hyperbaric conditions',
  operateWelding: 'operate welding equipment',
};
const ESCO = {
  es: {
    welder: /^soldador\/soldadora/,
    joinMetals: 'unir metales',
    mig: 'realizar soldaduras MIG',
    hyperbaric: 'realizar soldaduras hiperbáricas',
    operateWelding: 'manejar equipos de soldadura',
  },
  en: ENGLISH_ESCO,
  ar: ENGLISH_ESCO,
};

/** What each run types: the person, the organisation, the vacancy, the course, in the run's language. */
const WORDS = {
  es: {
    person: 'Hassan Darwish',
    origin: 'Siria',
    ngo: 'Asociación Puente',
    occupation: 'soldador',
    vacancy: 'Soldador/a de estructuras metálicas',
    message: '¿Podría empezar en mayo?',
    course: 'Curso de soldadura MIG/MAG',
    skill: 'soldadura',
  },
  en: {
    person: 'Amina Haddad',
    origin: 'Syria',
    ngo: 'Bridge Association',
    occupation: 'welder',
    vacancy: 'Structural steel welder',
    message: 'Could you start in May?',
    course: 'MIG/MAG welding course',
    skill: 'weld',
  },
  ar: {
    person: 'سلمى يوسف',
    origin: 'سوريا',
    ngo: 'جمعية الجسر',
    occupation: 'لحام',
    vacancy: 'لحّام هياكل معدنية',
    message: 'هل يمكنك البدء في مايو؟',
    course: 'دورة اللحام MIG/MAG',
    skill: 'weld',
  },
};

describe.each(['es', 'en', 'ar'] as const)('a day in the life, from an empty instance (%s)', (lang) => {
  const T = textsIn(lang);
  const E = ESCO[lang];
  const W = WORDS[lang];
  const PASSWORD = 'a day in the life';
  const locale = { es: 'es-ES', en: 'en-GB', ar: 'ar' }[lang];
  let fresh: FreshCorridor;
  const pages: Page[] = [];

  beforeAll(async () => {
    fresh = await startFreshCorridor({ email: `platform.day.${lang}@example.org`, name: 'Paz Platform' });
  }, 240_000);
  afterAll(async () => {
    for (const p of pages) await p.context().close();
    await fresh?.close();
  });

  async function newPage(viewport = DESKTOP): Promise<Page> {
    const page = await browser.page({ locale, viewport });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: fresh.url });
    pages.push(page);
    return page;
  }

  /** No serious or critical axe violation, no script error, nothing wider than the screen. */
  async function checked(page: Page, what: string): Promise<void> {
    expect(await seriousViolations(page), `${what} (${lang})`).toEqual([]);
    expect(errorsOf(page), `${what} (${lang})`).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${what} (${lang}) overflows`).toBeLessThanOrEqual(0);
  }

  async function mainScreen(page: Page, name: string): Promise<void> {
    await screenshot(page, `day-${name}-${lang}`);
    await docScreen(page, `${name}-${lang}`);
  }

  async function acceptInvitation(link: string, viewport = DESKTOP): Promise<Page> {
    const page = await newPage(viewport);
    await page.goto(link);
    await page.locator('#new-password').fill(PASSWORD);
    await page.locator('#repeat-password').fill(PASSWORD);
    await page.getByRole('button', { name: T('account.create') }).click();
    await page.locator('nav.mainnav').waitFor({ state: 'attached' });
    return page;
  }

  /** The one-time link shown on the screen, copied with the button and read back from the clipboard. */
  async function copiedLink(page: Page, inputId: string): Promise<string> {
    const input = page.locator(`#${inputId}`);
    await input.waitFor();
    await page
      .locator('.copy-link')
      .filter({ has: input })
      .getByRole('button', { name: T('staff.copy') })
      .click();
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    expect(clip).toBe(await input.inputValue());
    expect(clip.startsWith(`${fresh.url}/invitation#`)).toBe(true);
    return clip;
  }

  /** An org admin invites someone from the invitations screen; the link is copied from it. */
  async function invite(admin: Page, name: string, email: string, role: string): Promise<string> {
    await admin.locator('#invite-name').fill(name);
    await admin.locator('#invite-email').fill(email);
    await admin.locator('#invite-role').selectOption(role);
    await admin.getByRole('button', { name: T('staff.invitations.send') }).click();
    await admin.getByRole('heading', { name: T('staff.invitations.linkHeading', { name }) }).waitFor();
    return copiedLink(admin, 'invite-link');
  }

  const nav = (page: Page) => page.getByRole('navigation', { name: T('app.mainNav') });
  /** A main-menu item; on a phone the menu opens first. */
  async function go(page: Page, key: string): Promise<void> {
    const toggle = page.locator('button.menu-toggle');
    const link = nav(page).getByRole('link', { name: new RegExp(`^${T(`nav.${key}`)}`) });
    // After a reload the header may not be drawn yet: wait until either the phone's menu button or the link shows.
    await toggle.or(link).filter({ visible: true }).first().waitFor();
    // Open it only if it is closed: a second press would fold it again.
    if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await link.click();
  }

  it('sets up, profiles, matches, contacts, places and trains, through the screens only', async () => {
    const onPhone = lang !== 'es';
    const migrantViewport = onPhone ? PHONE : DESKTOP;
    const person = W.person;

    // ---- the platform admin: the NGO and the employer, each with its administrator
    const platform = await acceptInvitation(fresh.adminInvitation);
    await platform.waitForURL(/\/platform\/organisations$/);
    const ngoName = W.ngo;
    const companyName = 'Hostal Mar Azul';
    const orgLinks: string[] = [];
    for (const [name, type, adminName] of [
      [ngoName, 'ngo', 'Olga Admin'],
      [companyName, 'employer', 'Rosa Vidal'],
    ] as const) {
      await platform.locator('#org-name').fill(name);
      await platform.locator('#org-type').selectOption(type);
      await platform.locator('#org-country').selectOption('ES');
      await platform.getByRole('button', { name: T('staff.organisations.create') }).click();
      await platform.locator('ul.cards > li', { hasText: name }).waitFor();
      const region = platform.getByRole('region', { name: T('staff.organisations.inviteAdminFor', { name }) });
      if (!(await region.isVisible()))
        await platform.getByRole('button', { name: T('staff.organisations.inviteAdminFor', { name }) }).click();
      await region.locator('#admin-invite-name').fill(adminName);
      await region.locator('#admin-invite-email').fill(`${type}.admin.${lang}@example.org`);
      await region.getByRole('button', { name: T('staff.invitations.send') }).click();
      orgLinks.push(await copiedLink(platform, 'admin-invite-link'));
    }
    await checked(platform, 'organisations');

    // ---- the administrators invite their staff
    const ngoAdmin = await acceptInvitation(orgLinks[0]!);
    await go(ngoAdmin, 'orgInvitations');
    await ngoAdmin.waitForURL(/\/admin\/invitations$/);
    const advisorLink = await invite(ngoAdmin, 'Adel Advisor', `advisor.${lang}@example.org`, 'advisor');
    const trainerLink = await invite(ngoAdmin, 'Tomás Trainer', `trainer.${lang}@example.org`, 'training_provider');
    await checked(ngoAdmin, 'invitations');
    const companyAdmin = await acceptInvitation(orgLinks[1]!);
    await go(companyAdmin, 'orgInvitations');
    const employerLink = await invite(companyAdmin, 'Emma Employer', `employer.${lang}@example.org`, 'employer');
    await companyAdmin.context().close();

    // ---- the advisor adds the person, gives them an account, records consent with them present
    const advisor = await acceptInvitation(advisorLink);
    await go(advisor, 'caseload');
    await advisor.waitForURL(/\/caseload$/);
    await advisor.locator('#new-profile-name').fill(person);
    await advisor.locator('#new-profile-origin').selectOption('SY');
    await advisor.locator('#new-profile-current').selectOption('ES');
    await advisor.locator('#new-profile-region').fill('ES51');
    // The person's language: their phone speaks it from the first sign-in.
    await advisor.locator('#new-profile-contact').selectOption(lang);
    // The profile is kept only with the person's consent to profiling (issue 11), asked with them present.
    await advisor.getByLabel(T('trust.profilingConsent')).check();
    await checked(advisor, 'caseload');
    await advisor.getByRole('button', { name: T('caseload.create') }).click();
    await advisor.waitForURL(/\/caseload\/[0-9a-f-]{36}\?added=1$/);
    const profileUrl = advisor.url().replace(/\?added=1$/, '');

    // Bad input first: the message next to the field, focus on it, no invitation made.
    await advisor.getByRole('button', { name: T('contact.accountCreate') }).click();
    await expect.poll(() => advisor.locator('#account-email-error').innerText()).toBe(T('contact.accountBadEmail'));
    await expect.poll(() => advisor.evaluate(() => document.activeElement?.id)).toBe('account-email');
    await advisor.locator('#account-email').fill(`person.${lang}@example.org`);
    await advisor.getByRole('button', { name: T('contact.accountCreate') }).click();
    const personLink = await advisor.locator('#account-link').inputValue();
    expect(personLink.startsWith(`${fresh.url}/invitation#`)).toBe(true);

    await advisor.locator('#consent-purpose-profiling').check();
    await advisor.locator('#consent-present').check();
    await advisor.getByRole('button', { name: T('consent.record') }).click();
    await expect.poll(() => advisor.locator('.consents .card-title').count()).toBe(1);
    await advisor.locator('#consent-purpose-matching_with_employers').check();
    await advisor.locator('#consent-present').check();
    await advisor.getByRole('button', { name: T('consent.record') }).click();
    await expect.poll(() => advisor.locator('.consents .card-title').count()).toBe(2);
    await checked(advisor, 'profile with consent');

    // ---- the interview, with the person: languages, work as a welder (the coder), the welder's skills
    await advisor.getByRole('link', { name: T('interview.link') }).click();
    await advisor.getByRole('button', { name: T('interview.start') }).click();
    await advisor.getByRole('button', { name: `${T('interview.add')}: ${T('interview.q.language')}` }).click();
    await advisor.locator('#wiz-lang-0').selectOption('ar');
    await advisor.getByLabel(new RegExp(T('interview.q.native'))).check();
    await advisor.getByRole('button', { name: T('interview.saveNext') }).click();
    await expect.poll(() => advisor.locator('#step-heading').innerText()).toContain(T('interview.stepNames.education'));
    await advisor.getByRole('button', { name: T('interview.saveNext') }).click();
    await advisor
      .getByRole('button', { name: `${T('interview.add')}: ${T('interview.stepNames.experience')}` })
      .click();
    await advisor.locator('#wiz-exp-0-occupation').fill(lang === 'en' ? 'welder' : 'soldador');
    await advisor.locator('#wiz-exp-0-occupation-list').getByRole('option', { name: E.welder }).first().click();
    await advisor.locator('#wiz-exp-0-country').selectOption('SY');
    await advisor.locator('#wiz-exp-0-months').fill('48');
    await checked(advisor, 'interview, experience');
    await advisor.getByRole('button', { name: T('interview.saveNext') }).click();
    const specific = advisor.locator('details.skill-group').first();
    await specific.waitFor();
    await specific.getByLabel(E.joinMetals).check();
    await specific.getByLabel(E.mig).check();
    await checked(advisor, 'interview, skills');
    await advisor.getByRole('button', { name: T('interview.saveNext') }).click();
    await expect
      .poll(() => advisor.locator('#step-heading').innerText())
      .toContain(T('interview.stepNames.authorization'));
    await advisor.goto(profileUrl);
    await advisor.locator('#profile-skills').waitFor();
    await mainScreen(advisor, 'advisor-profile');

    // ---- the person finishes their profile themself, and chooses what employers see
    const migrant = await acceptInvitation(personLink, migrantViewport);
    await migrant.waitForURL(/\/me\/profile$/);
    // The interview goes on where the advisor left it.
    await expect
      .poll(() => migrant.locator('#step-heading').innerText())
      .toContain(T('interview.stepNames.authorization'));
    await checked(migrant, 'my profile');
    await mainScreen(migrant, `migrant-profile${onPhone ? '-phone' : ''}`);
    await migrant
      .getByRole('button', { name: `${T('interview.add')}: ${T('interview.stepNames.authorization')}` })
      .click();
    await migrant.locator('#wiz-permit-0-country').selectOption('ES');
    await migrant.locator('#wiz-permit-0-type').selectOption('work-general');
    await migrant.getByRole('button', { name: T('interview.saveNext') }).click();
    await expect
      .poll(() => migrant.locator('#step-heading').innerText())
      .toContain(T('interview.stepNames.preferences'));
    await migrant.getByRole('button', { name: T('interview.saveNext') }).click();
    await expect.poll(() => migrant.locator('#step-heading').innerText()).toBe(T('me.doneHeading'));
    await checked(migrant, 'my profile, done');

    await go(migrant, 'myConsents');
    await migrant.waitForURL(/\/me\/consents$/);
    const showing = migrant.locator('.purpose', { hasText: T('me.purposes.matching_with_employers') });
    await showing.getByLabel(T('consent.fields.displayName')).check();
    await showing.getByRole('button', { name: T('consent.saveChoice') }).click();
    await expect.poll(() => migrant.locator('details.history summary').count()).toBe(1);
    await checked(migrant, 'my consents');

    // ---- the employer posts a vacancy, reviews its skills, sees the candidate and asks to contact them
    const employer = await acceptInvitation(employerLink);
    await employer.waitForURL(/\/vacancies$/);
    await employer.getByRole('link', { name: T('vacancy.postHeading') }).click();
    const title = W.vacancy;
    await employer.locator('#vacancy-title').fill(title);
    await employer.locator('#vacancy-occupation').fill(W.occupation);
    await employer
      .getByRole('listbox', { name: T('vacancy.occupation') })
      .getByRole('option', { name: E.welder })
      .first()
      .click();
    const hyperbaric = E.hyperbaric;
    await employer.getByRole('button', { name: T('staff.vacancy.removeSkill', { skill: hyperbaric }) }).click();
    await employer.locator('#vacancy-sector').selectOption('C');
    await employer.locator('#vacancy-country').selectOption('ES');
    await employer.locator('#vacancy-region').fill('ES51');
    await employer.locator('#vacancy-posts').fill('1');
    await checked(employer, 'publish a vacancy');
    await employer.getByRole('button', { name: T('vacancy.publish') }).click();
    await employer.waitForURL(/\/vacancies\/[0-9a-f-]{36}$/);
    const vacancyUrl = employer.url();
    expect(await employer.locator('#vacancy-essential + ul').innerText()).not.toContain(hyperbaric);
    await employer.getByRole('link', { name: T('matching.seeCandidates') }).click();
    await employer.waitForURL(/\/candidates$/);
    const candidate = employer.locator('.cards li', { hasText: person });
    await candidate.waitFor();
    const card = await candidate.innerText();
    // Only what was consented: the name (chosen on the phone) and the default parts; never the origin or where
    // the person lives; and words, not codes, in the explanation.
    expect(card).not.toContain(W.origin);
    expect(await candidate.locator('.facts').innerText()).not.toContain('ES51');
    expect(card).not.toMatch(RAW_CODE);
    // ESCO's English labels under Arabic are said to be English, once on the screen.
    const englishNote = (page: Page) => page.locator('.notice', { hasText: T('explorer.labelsFallback') }).count();
    expect(await englishNote(employer)).toBe(lang === 'ar' ? 1 : 0);
    await checked(employer, 'shortlist');
    await candidate.getByRole('button', { name: T('contact.ask') }).click();
    await candidate.getByLabel(T('contact.messageLabel')).fill(W.message);
    await candidate.getByRole('button', { name: T('contact.send') }).click();
    await expect.poll(() => candidate.getByRole('status').innerText()).toContain(T('contact.sent'));
    await checked(employer, 'shortlist, request sent');
    await mainScreen(employer, 'employer-shortlist');

    // ---- the request reaches the advisor's inbox (unread in the header) and the person's
    await advisor.reload();
    await expect
      .poll(() =>
        nav(advisor)
          .getByRole('link', { name: new RegExp(`^${T('nav.inbox')}`) })
          .innerText(),
      )
      .toContain(T('contact.navUnread', { count: 1 }));
    await go(advisor, 'inbox');
    await advisor.waitForURL(/\/inbox$/);
    const asAdvisor = advisor.locator('li.request', { hasText: title });
    await asAdvisor.waitFor();
    expect(await asAdvisor.innerText()).toContain(person);
    expect(await asAdvisor.innerText()).toContain(companyName);
    await checked(advisor, 'inbox (advisor)');

    await migrant.reload();
    await go(migrant, 'inbox');
    await migrant.waitForURL(/\/inbox$/);
    const asPerson = migrant.locator('li.request', { hasText: title });
    await asPerson.waitFor();
    expect(await asPerson.innerText()).toContain(T('contact.new'));
    // Accepting without a way to be reached: said next to the field, focus there, nothing sent.
    await asPerson.locator('input[type="tel"]').fill('');
    await asPerson.getByRole('button', { name: T('contact.accept') }).click();
    await expect.poll(() => asPerson.locator('.error').first().innerText()).toBe(T('contact.needOne'));
    await expect.poll(() => migrant.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('tel');
    await checked(migrant, 'inbox (person), bad input');
    await asPerson.locator('input[type="tel"]').fill('+34 600 123 456');
    await asPerson.getByRole('button', { name: T('contact.accept') }).click();
    await expect.poll(() => asPerson.locator('.badge').first().innerText()).toBe(T('contact.status_accepted'));
    await checked(migrant, 'inbox (person), accepted');
    await mainScreen(migrant, `migrant-inbox${onPhone ? '-phone' : ''}`);

    // ---- the employer gets the details the person chose
    await go(employer, 'inbox');
    const asEmployer = employer.locator('li.request', { hasText: title });
    await asEmployer.waitFor();
    expect(await asEmployer.innerText()).toContain('+34 600 123 456');
    expect(await asEmployer.innerText()).toContain(T('contact.acceptedForEmployer'));
    await checked(employer, 'inbox (employer)');

    // ---- the advisor records the placement: the vacancy closes, the person leaves matching
    await advisor.reload();
    const placing = advisor.locator('li.request', { hasText: title });
    await placing.getByRole('button', { name: T('contact.record') }).click();
    await expect
      .poll(() => placing.getByRole('status').innerText())
      .toBe(`${T('contact.placed')} ${T('contact.vacancyClosed')}`);
    await checked(advisor, 'inbox (advisor), placement');
    await mainScreen(advisor, 'advisor-inbox');
    await employer.goto(vacancyUrl);
    await expect.poll(() => employer.locator('.screen .badge').first().innerText()).toBe(T('vacancy.closed'));

    // ---- a training provider's course, shown for another person's skill gap
    const trainer = await acceptInvitation(trainerLink);
    await trainer.waitForURL(/\/training$/);
    await trainer.getByRole('link', { name: T('staff.training.new') }).click();
    const course = W.course;
    await trainer.locator('#offer-title').fill(course);
    await trainer.locator('#offer-skill').fill(W.skill);
    await trainer
      .getByRole('listbox', { name: T('staff.training.addSkill') })
      .getByRole('option', { name: E.operateWelding })
      .click();
    await trainer.locator('#offer-hours').fill('120');
    await trainer.locator('#offer-country').selectOption('ES');
    await trainer.locator('#offer-language').selectOption('es');
    await trainer.getByRole('button', { name: T('staff.training.save') }).click();
    await trainer.waitForURL(/\/training$/);
    await checked(trainer, 'training offers');

    await go(advisor, 'caseload');
    await advisor.locator('#new-profile-name').fill('Awa Ndiaye');
    await advisor.locator('#new-profile-origin').selectOption('SN');
    await advisor.locator('#new-profile-current').selectOption('ES');
    await advisor.locator('#new-profile-region').fill('ES51');
    await advisor.getByLabel(T('trust.profilingConsent')).check();
    await advisor.getByRole('button', { name: T('caseload.create') }).click();
    await advisor.waitForURL(/\?added=1$/);
    await advisor.locator('#gap-occupation').fill(lang === 'es' ? 'soldador' : 'welder');
    await advisor
      .getByRole('listbox', { name: T('matching.gapOccupation') })
      .getByRole('option', { name: E.welder })
      .first()
      .click();
    await advisor.getByRole('button', { name: T('matching.showGaps') }).click();
    const training = advisor.locator('ol.training');
    await expect.poll(() => training.innerText(), { timeout: 20_000 }).toContain(course);
    expect(await advisor.locator('.gap-result').innerText()).not.toMatch(RAW_CODE);
    await checked(advisor, 'skill gap with training');
  }, 600_000);
});
