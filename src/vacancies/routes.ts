// Vacancy routes (/api/v1/vacancies): HTTP in, a command or a read, HTTP out. An employer (and its org admin)
// manages its own vacancies; advisors, migrants and analysts of any organisation see open vacancies (a job board);
// closed ones stay with the employer.
import { commandRoute, defineRoute, type AnyRoute, type RouteContext } from '../kernel/route.js';
import { createVacancy, deleteVacancy, updateVacancy } from './commands.js';
import {
  NoContent,
  Vacancy,
  VacancyInput,
  VacancyList,
  VacancyParams,
  VacancyQuery,
  VacancyUpdate,
} from './contract.js';
import { maySeeVacancy, VACANCY_BROWSERS, VACANCY_MANAGERS } from './policy.js';
import { findVacancyRow, getVacancy, listVacancies } from './store.js';

async function canSee(ctx: RouteContext<{ params: typeof VacancyParams }>): Promise<boolean | 'not-found'> {
  const row = await findVacancyRow(ctx.db, ctx.params.vacancyId);
  return row && maySeeVacancy(ctx.user, { organisationId: row.organisation_id, status: row.status })
    ? true
    : 'not-found';
}

// Matrix examples build records through the capability's test fixtures, loaded only when the matrix runs.
const fixtures = () => import('./testing.js');

export const vacancyRoutes: AnyRoute[] = [
  commandRoute({
    method: 'POST',
    url: '/vacancies',
    summary: 'Publish a vacancy for your organisation',
    description:
      'Omit essentialSkills and optionalSkills to pre-fill them from the occupation’s ESCO relations. Send your own ' +
      '`id` (UUID) and an Idempotency-Key header to make a retry safe.',
    tags: ['vacancies'],
    schema: { body: VacancyInput, response: { 201: Vacancy } },
    command: createVacancy,
    input: (ctx) => ctx.body,
    example: async (world) => ({ body: await (await fixtures()).exampleVacancyBody(world) }),
  }),
  defineRoute({
    method: 'GET',
    url: '/vacancies',
    summary: 'Your organisation’s vacancies (employers), or open vacancies everywhere (advisors, migrants, analysts)',
    tags: ['vacancies'],
    schema: { querystring: VacancyQuery, response: { 200: VacancyList } },
    access: { roles: [...VACANCY_MANAGERS, ...VACANCY_BROWSERS] },
    handler: async (ctx) => {
      const own = (VACANCY_MANAGERS as readonly string[]).includes(ctx.user.role);
      const items = await listVacancies(ctx.db, {
        ...ctx.query,
        ...(own ? { organisationId: ctx.user.organisationId } : { status: 'open' as const }),
      });
      return { items };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/vacancies/:vacancyId',
    summary: 'Read a vacancy',
    tags: ['vacancies'],
    schema: { params: VacancyParams, response: { 200: Vacancy } },
    access: { roles: [...VACANCY_MANAGERS, ...VACANCY_BROWSERS], rule: canSee },
    example: async (world, caller) => ({
      params: { vacancyId: await (await fixtures()).exampleVacancy(world) },
      otherOrganisation: caller && (VACANCY_BROWSERS as readonly string[]).includes(caller.role) ? 'allowed' : 'denied',
    }),
    handler: async (ctx) => getVacancy(ctx.db, ctx.params.vacancyId),
  }),
  commandRoute({
    method: 'PUT',
    url: '/vacancies/:vacancyId',
    summary: 'Replace a vacancy (send the version you read; a stale version answers 409)',
    tags: ['vacancies'],
    schema: { params: VacancyParams, body: VacancyUpdate, response: { 200: Vacancy } },
    command: updateVacancy,
    input: (ctx) => ({ ...ctx.body, vacancyId: ctx.params.vacancyId }),
    example: async (world) => {
      const f = await fixtures();
      return {
        params: { vacancyId: await f.exampleVacancy(world) },
        body: { ...(await f.exampleVacancyBody(world)), version: 1 },
      };
    },
  }),
  commandRoute({
    method: 'DELETE',
    url: '/vacancies/:vacancyId',
    summary: 'Delete a vacancy',
    tags: ['vacancies'],
    schema: { params: VacancyParams, response: { 204: NoContent } },
    command: deleteVacancy,
    input: (ctx) => ({ vacancyId: ctx.params.vacancyId }),
    example: async (world) => ({ params: { vacancyId: await (await fixtures()).exampleVacancy(world) } }),
  }),
];
