// The public entry of vacancies: what the shells (server, CLI), tests elsewhere and the web (types only) use.
export * from './domain.js';
export { deleteVacancy } from './commands.js';
export { vacancyRoutes } from './routes.js';
export { getVacancy } from './store.js';
// The API contract: the web imports its types (type-only).
export type * from './contract.js';
