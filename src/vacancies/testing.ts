// Test fixtures for vacancies: a valid vacancy body, and vacancies made through the create command (so fixtures
// leave the same audit and change entries as real writes). Production code never imports this file statically.
import type { MatrixWorld } from '../kernel/route.js';
import { SYSTEM, type Actor, type Kernel } from '../kernel/command.js';
import { exampleCodes } from '../profiles/domain.js';
import { DEFAULT_CODES } from '../profiles/testing.js';
import { createVacancy } from './commands.js';
import type { Vacancy, VacancyInput } from './model.js';

export function sampleVacancy(overrides: Record<string, unknown> = {}, codes = DEFAULT_CODES): Record<string, unknown> {
  return {
    title: 'Cook, hotel restaurant',
    description: 'Breakfast and lunch service for 120 guests.',
    occupationUri: codes.occupation,
    sector: 'I',
    essentialSkills: [codes.skills[0], codes.skills[1]],
    optionalSkills: [codes.skills[2]],
    minIscedLevel: 2,
    languages: [{ lang: 'es', level: 'A2' }],
    location: { country: 'ES', region: 'ES51' },
    posts: 3,
    contractType: 'seasonal',
    hoursPerWeek: 40,
    wage: { amount: 1650, currency: 'EUR', period: 'month' },
    startDate: '2027-04-01',
    employerSponsorsPermit: true,
    employerPaysRecruitmentFees: true,
    ...overrides,
  };
}

/** Publishes a vacancy through the command: as the given employer, or as the system for an organisation. */
export async function seedVacancy(
  kernel: Kernel,
  by: Actor | { organisationId: string },
  overrides: Record<string, unknown> = {},
  codes = DEFAULT_CODES,
): Promise<Vacancy> {
  const actor = 'organisationId' in by ? SYSTEM : by;
  const organisationId = 'organisationId' in by ? { organisationId: by.organisationId } : {};
  return kernel.execute(createVacancy, actor, {
    ...(sampleVacancy(overrides, codes) as VacancyInput),
    ...organisationId,
  });
}

export async function exampleVacancyBody(world: MatrixWorld): Promise<Record<string, unknown>> {
  return sampleVacancy({}, await exampleCodes(world.db));
}

/** A vacancy of organisation A, published by its employer. */
export async function exampleVacancy(world: MatrixWorld, overrides: Record<string, unknown> = {}): Promise<string> {
  const codes = await exampleCodes(world.db);
  const v = await seedVacancy(world.kernel, { user: world.orgA.users.employer }, overrides, codes);
  return v.id;
}
