// Vacancy writes as commands: publish, replace (edit, close, reopen), delete. An employer (and its organisation's
// admin) manages its own organisation's vacancies; nobody else writes them.
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { defineCommand, type CommandContext } from '../kernel/command.js';
import { conflict, forbidden, invalid, notFound } from '../kernel/errors.js';
import { CLOSED, Uuid } from '../shared/typebox.js';
import { VacancyInput, VacancyUpdate, type Vacancy } from './model.js';
import { mayManageVacancy, maySeeVacancy, VACANCY_MANAGERS } from './policy.js';
import { fillPost, findVacancyRow, insertVacancy, removeVacancy, replaceVacancy } from './store.js';

function changed(ctx: CommandContext, v: Vacancy, op: 'create' | 'update'): void {
  ctx.changed({ entity: 'vacancy', id: v.id, op, organisationId: v.organisationId, version: v.version });
  ctx.audit({ action: op, entity: 'vacancy', entityId: v.id, organisationId: v.organisationId });
}

export const CreateVacancy = Type.Composite(
  [
    VacancyInput,
    Type.Object({
      /** The employer organisation; a signed-in caller publishes for their own (system callers name it). */
      organisationId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    }),
  ],
  CLOSED,
);

export const createVacancy = defineCommand({
  name: 'vacancies.create',
  roles: VACANCY_MANAGERS,
  input: CreateVacancy,
  run: async (ctx, input) => {
    const { organisationId: named, id, ...fields } = input;
    const organisationId = ctx.user ? ctx.user.organisationId : named;
    if (!organisationId) throw invalid('Name the employer organisation', 'organisationId');
    if (ctx.user && named && named !== ctx.user.organisationId) {
      throw forbidden('You publish vacancies for your own organisation only');
    }
    const vacancy = await insertVacancy(
      ctx.db,
      { id: id ?? randomUUID(), organisationId, createdBy: ctx.user?.id ?? null },
      fields,
    );
    changed(ctx, vacancy, 'create');
    return vacancy;
  },
});

const VacancyRef = Type.Object({ vacancyId: Uuid });

async function managerRule(ctx: CommandContext, input: { vacancyId: string }) {
  const row = await findVacancyRow(ctx.db, input.vacancyId);
  return row && ctx.user && mayManageVacancy(ctx.user, row.organisation_id) ? true : 'not-found';
}

export const updateVacancy = defineCommand({
  name: 'vacancies.update',
  roles: VACANCY_MANAGERS,
  input: Type.Composite([VacancyRef, VacancyUpdate], CLOSED),
  rule: managerRule,
  run: async (ctx, input) => {
    const { vacancyId, version, ...fields } = input;
    const vacancy = await replaceVacancy(ctx.db, vacancyId, version, fields);
    changed(ctx, vacancy, 'update');
    return vacancy;
  },
});

export const deleteVacancy = defineCommand({
  name: 'vacancies.delete',
  roles: VACANCY_MANAGERS,
  input: VacancyRef,
  rule: managerRule,
  run: async (ctx, input) => {
    const gone = await removeVacancy(ctx.db, input.vacancyId);
    if (!gone) throw notFound('No such vacancy', 'vacancyId');
    ctx.changed({ entity: 'vacancy', id: input.vacancyId, op: 'delete', organisationId: gone.organisationId });
    ctx.audit({ action: 'delete', entity: 'vacancy', entityId: input.vacancyId, organisationId: gone.organisationId });
    return null;
  },
});

/**
 * A placement fills one post (protection's "employed" outcome runs it): its employer, or an advisor who can see the
 * open vacancy. The last post closes the vacancy, which takes it out of matching.
 */
export const fillVacancyPost = defineCommand({
  name: 'vacancies.fillPost',
  roles: ['employer', 'org_admin', 'advisor'],
  input: VacancyRef,
  rule: async (ctx, input) => {
    const row = await findVacancyRow(ctx.db, input.vacancyId);
    if (!row || !ctx.user) return 'not-found';
    return maySeeVacancy(ctx.user, { organisationId: row.organisation_id, status: row.status }) ? true : 'not-found';
  },
  run: async (ctx, input) => {
    const vacancy = await fillPost(ctx.db, input.vacancyId);
    if (!vacancy) {
      if (!(await findVacancyRow(ctx.db, input.vacancyId))) throw notFound('No such vacancy', 'vacancyId');
      throw conflict('This vacancy is closed: all its posts are filled or the employer closed it', 'vacancyId');
    }
    changed(ctx, vacancy, 'update');
    return vacancy;
  },
});
