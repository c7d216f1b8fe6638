// Vacancy routes (/api/v1/vacancies). An employer (and its org admin) manages its own vacancies; advisors,
// migrants and analysts of any organisation see open vacancies (a job board); closed ones stay with the employer.
import { Type } from '@sinclair/typebox';
import { defineRoute, type AnyRoute, type AuthUser, type MatrixWorld, type RouteContext } from '../kernel/route.js';
import { Country, OccupationUri } from '../profiles/codes.js';
import { Vacancy, VacancyInput, VacancyUpdate } from './model.js';
import { createVacancy, deleteVacancy, findVacancyRow, getVacancy, listVacancies, updateVacancy } from './store.js';
import { DEFAULT_CODES } from '../profiles/testing.js';
import { exampleCodes } from '../profiles/esco.js';

const VacancyParams = Type.Object({
  vacancyId: Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' }),
});
type WithVacancy = RouteContext<{ params: typeof VacancyParams }>;

/** Roles that browse other employers' open vacancies. */
const BROWSERS: readonly string[] = ['advisor', 'migrant', 'analyst'];
const MANAGERS = ['employer', 'org_admin'] as const;

const isOwner = (user: AuthUser, organisationId: string) =>
  (MANAGERS as readonly string[]).includes(user.role) && user.organisationId === organisationId;

async function canManage(ctx: WithVacancy): Promise<boolean | 'not-found'> {
  const row = await findVacancyRow(ctx.db, ctx.params.vacancyId);
  if (!row) return 'not-found';
  return isOwner(ctx.user, row.organisation_id) ? true : 'not-found';
}

async function canSee(ctx: WithVacancy): Promise<boolean | 'not-found'> {
  const row = await findVacancyRow(ctx.db, ctx.params.vacancyId);
  if (!row) return 'not-found';
  if (isOwner(ctx.user, row.organisation_id)) return true;
  if (BROWSERS.includes(ctx.user.role) && row.status === 'open') return true;
  return 'not-found';
}

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

async function exampleVacancy(world: MatrixWorld): Promise<string> {
  const codes = await exampleCodes(world.db);
  const v = await createVacancy(
    { db: world.db, user: world.orgA.users.employer },
    world.orgA.id,
    sampleVacancy({}, codes),
  );
  return v.id;
}

export const vacancyRoutes: AnyRoute[] = [
  defineRoute({
    method: 'POST',
    url: '/vacancies',
    summary: 'Publish a vacancy for your organisation',
    description: 'Omit essentialSkills and optionalSkills to pre-fill them from the occupation’s ESCO relations.',
    tags: ['vacancies'],
    schema: { body: VacancyInput, response: { 201: Vacancy } },
    access: { roles: MANAGERS },
    example: async (world) => ({ body: sampleVacancy({}, await exampleCodes(world.db)) }),
    handler: (ctx) =>
      ctx.transaction(async (tx) => {
        const vacancy = await createVacancy(tx, tx.user.organisationId, tx.body);
        await tx.audit({ action: 'create', entity: 'vacancy', entityId: vacancy.id });
        return vacancy;
      }),
  }),
  defineRoute({
    method: 'GET',
    url: '/vacancies',
    summary: 'Your organisation’s vacancies (employers), or open vacancies everywhere (advisors, migrants, analysts)',
    tags: ['vacancies'],
    schema: {
      querystring: Type.Object({
        status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
        country: Type.Optional(Country),
        occupationUri: Type.Optional(OccupationUri),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
        offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
      }),
      response: { 200: Type.Object({ items: Type.Array(Vacancy) }) },
    },
    access: { roles: [...MANAGERS, 'advisor', 'migrant', 'analyst'] },
    handler: async (ctx) => {
      const own = (MANAGERS as readonly string[]).includes(ctx.user.role);
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
    access: { roles: [...MANAGERS, 'advisor', 'migrant', 'analyst'], rule: canSee },
    example: async (world, caller) => ({
      params: { vacancyId: await exampleVacancy(world) },
      otherOrganisation: caller && BROWSERS.includes(caller.role) ? 'allowed' : 'denied',
    }),
    handler: async (ctx) => getVacancy(ctx.db, ctx.params.vacancyId),
  }),
  defineRoute({
    method: 'PUT',
    url: '/vacancies/:vacancyId',
    summary: 'Replace a vacancy (send the version you read; a stale version answers 409)',
    tags: ['vacancies'],
    schema: { params: VacancyParams, body: VacancyUpdate, response: { 200: Vacancy } },
    access: { roles: MANAGERS, rule: canManage },
    example: async (world) => ({
      params: { vacancyId: await exampleVacancy(world) },
      body: sampleVacancy({ version: 1 }, await exampleCodes(world.db)),
    }),
    handler: (ctx) =>
      ctx.transaction(async (tx) => {
        const vacancy = await updateVacancy(tx, tx.params.vacancyId, tx.body);
        await tx.audit({ action: 'update', entity: 'vacancy', entityId: vacancy.id });
        return vacancy;
      }),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/vacancies/:vacancyId',
    summary: 'Delete a vacancy',
    tags: ['vacancies'],
    schema: { params: VacancyParams, response: { 204: Type.Null() } },
    access: { roles: MANAGERS, rule: canManage },
    example: async (world) => ({ params: { vacancyId: await exampleVacancy(world) } }),
    handler: (ctx) =>
      ctx.transaction(async (tx) => {
        await deleteVacancy(tx.db, tx.params.vacancyId);
        await tx.audit({ action: 'delete', entity: 'vacancy', entityId: tx.params.vacancyId });
        return null;
      }),
  }),
];
