// vacancies as other capabilities see it: index.ts without the routes and CLI, so capabilities that use each
// other one way form no import cycle through them.
export { getVacancies } from './batch.js';
export { createVacancy, fillVacancyPost } from './commands.js';
export { CONTRACT_TYPES, Vacancy, WAGE_PERIODS } from './model.js';
export type { VacancyInput } from './model.js';
export { mayManageVacancy } from './policy.js';
export { findVacancyRow, listVacanciesForMatching, toMatchVacancy } from './store.js';
