// Who may reach which vacancy. One place: the routes' access rules and the commands' record rules both ask here.
import type { AuthUser } from '../kernel/auth.js';

/** Roles that manage their own organisation's vacancies. */
export const VACANCY_MANAGERS = ['employer', 'org_admin'] as const;
/** Roles that browse other employers' open vacancies (a job board). */
export const VACANCY_BROWSERS = ['advisor', 'migrant', 'analyst'] as const;

export function mayManageVacancy(user: AuthUser, organisationId: string): boolean {
  return (VACANCY_MANAGERS as readonly string[]).includes(user.role) && user.organisationId === organisationId;
}

/** Its employer sees any of its vacancies; browsers see open ones; nobody else learns it exists. */
export function maySeeVacancy(user: AuthUser, vacancy: { organisationId: string; status: string }): boolean {
  if (mayManageVacancy(user, vacancy.organisationId)) return true;
  return (VACANCY_BROWSERS as readonly string[]).includes(user.role) && vacancy.status === 'open';
}
