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
    | 'myJobs'
    | 'myConsents'
    | 'myData'
    // Protection (issue 14).
    | 'myProtection'
    // Recognition (issue 12).
    | 'myQualifications'
    | 'team'
    | 'fairRecruitment'
    | 'labourMarket'
    | 'myPassport'
    | 'verifyPassport'
    | 'inbox'
    | StaffNavKey;
  path: string;
  /** Route names that count as "inside" this item (for aria-current). */
  routes: Route['name'][];
  /** Roles that may use the screen; undefined = every signed-in role. */
  roles?: readonly string[];
  /** Reached from another screen, not listed in the menu (e.g. publishing a vacancy). */
  hidden?: boolean;
}

type StaffNavKey =
  | 'trainingOffers'
  | 'orgUsers'
  | 'orgInvitations'
  | 'orgAudit'
  | 'organisations'
  | 'taxonomyVersions'
  | 'analysis'
  | 'recognition'
  | 'publishVacancy';

/** Staff screens (issue 10). Each mirrors the API's access declaration of the routes it calls. */
const STAFF_ITEMS: readonly NavItem[] = [
  // /training-offers: training-provider staff and org admins publish their organisation's courses.
  {
    key: 'trainingOffers',
    path: '/training',
    routes: ['trainingOffers', 'trainingOffer'],
    roles: ['training_provider', 'org_admin'],
  },
  // Users, invitations: own organisation (org_admin); the audit log: own organisation or all (platform_admin).
  { key: 'orgUsers', path: '/admin/users', routes: ['orgUsers'], roles: ['org_admin'] },
  { key: 'orgInvitations', path: '/admin/invitations', routes: ['orgInvitations'], roles: ['org_admin'] },
  { key: 'organisations', path: '/platform/organisations', routes: ['organisations'], roles: ['platform_admin'] },
  { key: 'taxonomyVersions', path: '/platform/taxonomy', routes: ['taxonomyVersions'], roles: ['platform_admin'] },
  { key: 'orgAudit', path: '/admin/audit', routes: ['orgAudit'], roles: ['org_admin', 'platform_admin'] },
  // GET /matching/fairness: analysts and platform admins.
  { key: 'analysis', path: '/analysis', routes: ['analysis'], roles: ['analyst', 'platform_admin'] },
  {
    key: 'recognition',
    path: '/recognition',
    routes: ['recognition', 'recognitionCase'],
    roles: ['assessor', 'org_admin'],
  },
  // POST/PUT /vacancies: the employer's organisation.
  {
    key: 'publishVacancy',
    path: '/vacancies/new',
    routes: ['vacancyEdit'],
    roles: ['employer', 'org_admin'],
    hidden: true,
  },
];

/** Where each staff role starts after signing in: its own work, not the ESCO explorer. */
const STAFF_HOMES: Readonly<Record<string, string>> = {
  // The caseload, with what needs the advisor now (overdue follow-ups, unread reports: issue 14).
  advisor: '/caseload',
  org_admin: '/admin/users',
  platform_admin: '/platform/organisations',
  training_provider: '/training',
  employer: '/vacancies',
  analyst: '/labour-market',
  assessor: '/recognition',
};

export const NAV_ITEMS: readonly NavItem[] = [
  // A migrant starts at their own profile (GET/PUT /profiles/me), then their matching vacancies
  // (GET /profiles/:id/matches), consents and data rights (/me/export, /me/erasure).
  { key: 'myProfile', path: '/me/profile', routes: ['myProfile'], roles: ['migrant'] },
  // A vacancy opened from "jobs for me" counts as inside it (the migrant has no Vacancies item).
  { key: 'myJobs', path: '/me/jobs', routes: ['myJobs', 'vacancy'], roles: ['migrant'] },
  { key: 'myConsents', path: '/me/consents', routes: ['myConsents'], roles: ['migrant'] },
  // Their rights, the fees they paid and a confidential report to their advisor (protection, issue 14).
  { key: 'myProtection', path: '/me/protection', routes: ['myProtection'], roles: ['migrant'] },
  // Their qualifications, the decisions on them and their assessed skills (recognition, issue 12).
  { key: 'myQualifications', path: '/me/qualifications', routes: ['myQualifications'], roles: ['migrant'] },
  // Their skills passport: download, share, choose what to show (issue 12).
  { key: 'myPassport', path: '/me/passport', routes: ['myPassport'], roles: ['migrant'] },
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
  {
    key: 'caseload',
    path: '/caseload',
    routes: ['caseload', 'profile', 'interview', 'protectionCase', 'qualifications', 'passport', 'recognitionCase'],
    roles: ['advisor', 'org_admin'],
  },
  // GET /vacancies: employers see their own and publish; advisors, migrants and analysts see open ones.
  {
    key: 'vacancies',
    path: '/vacancies',
    // The shortlist (GET /vacancies/:id/candidates) answers employers of the vacancy and advisors only.
    routes: ['vacancies', 'shortlist', 'vacancy'],
    // Migrants see open vacancies as "jobs for me": the ones they could take, with the reasons.
    roles: ['employer', 'org_admin', 'advisor', 'analyst'],
  },
  // Contact requests (GET /contact-requests): employers who asked, the person, their organisation's staff.
  { key: 'inbox', path: '/inbox', routes: ['inbox'], roles: ['migrant', 'employer', 'advisor', 'org_admin'] },
  ...STAFF_ITEMS,
  // Protection (issue 14): a supervisor's team; the fair-recruitment register (the person's own page is above).
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
  // The public verification page, also open signed out (POST /credentials/verify is public).
  { key: 'verifyPassport', path: '/verify', routes: ['verify'], hidden: true },
  // Protected labour-market figures (GET /labour-market/*): analysts, and staff for their caseload or organisation.
  {
    key: 'labourMarket',
    path: '/labour-market',
    routes: ['labourMarket'],
    roles: ['analyst', 'advisor', 'org_admin', 'platform_admin'],
  },
];

export function navigationFor(role: string): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.hidden && (!item.roles || item.roles.includes(role)));
}

/** True when some item holding the route lets the role in (routes outside the navigation are open to everyone). */
export function mayOpen(role: string, route: Route['name']): boolean {
  const items = NAV_ITEMS.filter((i) => i.routes.includes(route));
  return items.length === 0 || items.some((i) => !i.roles || i.roles.includes(role));
}

export function homePathFor(role: string): string {
  return STAFF_HOMES[role] ?? navigationFor(role)[0]?.path ?? '/explorer';
}
