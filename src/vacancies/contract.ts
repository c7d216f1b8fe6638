// The vacancies API's contract: the request and response schemas of src/vacancies/routes.ts, in one file (the
// vacancy record and its create and update bodies are defined in model.ts, which the commands validate with). The
// server validates and serialises with them, the OpenAPI document is generated from them, and the web app imports
// their types (type-only).
import { Type, type Static } from '@sinclair/typebox';
import { Country, OccupationUri } from '../profiles/domain.js';
import { Uuid } from '../shared/typebox.js';
import { Vacancy, VacancyInput, VacancyUpdate } from './model.js';

export { Vacancy, VacancyInput, VacancyUpdate };

/** What an edit form holds and sends: the fields a create and an update share. */
export type VacancyWrite = Omit<VacancyUpdate, 'version'>;

export const VacancyParams = Type.Object({ vacancyId: Uuid });

export const VacancyQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
  country: Type.Optional(Country),
  occupationUri: Type.Optional(OccupationUri),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
});
export type VacancyQuery = Static<typeof VacancyQuery>;

export const VacancyList = Type.Object({ items: Type.Array(Vacancy) });
export type VacancyList = Static<typeof VacancyList>;

/** DELETE answers 204 with no body. */
export const NoContent = Type.Null();
