// What each role sees in the main navigation. Screens appear here only once their API exists.
import type { Route } from './router.js';

export interface NavItem {
  /** Translation key under `nav.` */
  key:
    'explorer' | 'describe' | 'caseload' | 'vacancies' | 'reference' | 'myProfile' | 'myJobs' | 'myConsents' | 'myData';
  path: string;
  /** Route names that count as "inside" this item (for aria-current). */
  routes: Route['name'][];
  /** Roles that may use the screen; undefined = every signed-in role. */
  roles?: readonly string[];
}

export const NAV_ITEMS: readonly NavItem[] = [
  // A migrant starts at their own profile (GET/PUT /profiles/me), then their matching vacancies
  // (GET /profiles/:id/matches), consents and data rights (/me/export, /me/erasure).
  { key: 'myProfile', path: '/me/profile', routes: ['myProfile'], roles: ['migrant'] },
  { key: 'myJobs', path: '/me/jobs', routes: ['myJobs'], roles: ['migrant'] },
  { key: 'myConsents', path: '/me/consents', routes: ['myConsents'], roles: ['migrant'] },
  { key: 'myData', path: '/me/data', routes: ['myData'], roles: ['migrant'] },
  { key: 'explorer', path: '/explorer', routes: ['explorer', 'occupation', 'skill'] },
  {
    key: 'describe',
    path: '/describe',
    routes: ['describe'],
    // Profiling and vacancy drafting; analysts only read aggregate figures.
    roles: ['migrant', 'advisor', 'employer', 'assessor', 'org_admin', 'platform_admin'],
  },
  // The caseload API is for staff who support job seekers (GET/POST /profiles).
  { key: 'caseload', path: '/caseload', routes: ['caseload', 'profile', 'interview'], roles: ['advisor', 'org_admin'] },
  // GET /vacancies: employers see their own and publish; advisors, migrants and analysts see open ones.
  {
    key: 'vacancies',
    path: '/vacancies',
    // The shortlist (GET /vacancies/:id/candidates) answers employers of the vacancy and advisors only.
    routes: ['vacancies', 'shortlist'],
    // Migrants see open vacancies as "jobs for me": the ones they could take, with the reasons.
    roles: ['employer', 'org_admin', 'advisor', 'analyst'],
  },
  { key: 'reference', path: '/reference', routes: ['reference'] },
];

export function navigationFor(role: string): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.roles || item.roles.includes(role));
}

/** True when the role may open the route (routes outside the navigation are open to everyone). */
export function mayOpen(role: string, route: Route['name']): boolean {
  const item = NAV_ITEMS.find((i) => i.routes.includes(route));
  return !item || !item.roles || item.roles.includes(role);
}

export function homePathFor(role: string): string {
  return navigationFor(role)[0]?.path ?? '/explorer';
}
