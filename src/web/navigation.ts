// What each role sees in the main navigation. Screens appear here only once their API exists.
import type { Route } from './router.js';

export interface NavItem {
  /** Translation key under `nav.` */
  key:
    | 'explorer'
    | 'describe'
    | 'caseload'
    | 'vacancies'
    | 'reference'
    | 'myProfile'
    | 'myConsents'
    | 'myData'
    // Protection (issue 14).
    | 'myProtection'
    | 'team'
    | 'fairRecruitment';
  path: string;
  /** Route names that count as "inside" this item (for aria-current). */
  routes: Route['name'][];
  /** Roles that may use the screen; undefined = every signed-in role. */
  roles?: readonly string[];
}

export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'explorer', path: '/explorer', routes: ['explorer', 'occupation', 'skill'] },
  // A migrant's own profile (GET/PUT /profiles/me), consents and data rights (/me/export, /me/erasure).
  { key: 'myProfile', path: '/me/profile', routes: ['myProfile'], roles: ['migrant'] },
  { key: 'myConsents', path: '/me/consents', routes: ['myConsents'], roles: ['migrant'] },
  { key: 'myData', path: '/me/data', routes: ['myData'], roles: ['migrant'] },
  {
    key: 'describe',
    path: '/describe',
    routes: ['describe'],
    // Profiling and vacancy drafting; analysts only read aggregate figures.
    roles: ['migrant', 'advisor', 'employer', 'assessor', 'org_admin', 'platform_admin'],
  },
  // The caseload API is for staff who support job seekers (GET/POST /profiles).
  {
    key: 'caseload',
    path: '/caseload',
    routes: ['caseload', 'profile', 'interview', 'protectionCase'],
    roles: ['advisor', 'org_admin'],
  },
  // GET /vacancies: employers see their own and publish; advisors, migrants and analysts see open ones.
  {
    key: 'vacancies',
    path: '/vacancies',
    // The shortlist (GET /vacancies/:id/candidates) answers employers of the vacancy and advisors only.
    routes: ['vacancies', 'shortlist'],
    roles: ['employer', 'org_admin', 'advisor', 'migrant', 'analyst'],
  },
  // Protection (issue 14): the person's rights and fees; a supervisor's team; the fair-recruitment register.
  { key: 'myProtection', path: '/me/protection', routes: ['myProtection'], roles: ['migrant'] },
  {
    key: 'team',
    path: '/protection/team',
    routes: ['protectionTeam'],
    roles: ['advisor', 'org_admin'],
  },
  {
    key: 'fairRecruitment',
    path: '/protection/fair-recruitment',
    routes: ['fairRecruitment'],
    roles: ['labour_inspector'],
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
