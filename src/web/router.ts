// A very small history-API router: the server answers every non-API path with index.html.
import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'home' }
  | { name: 'signIn' }
  | { name: 'explorer'; query: string; type: 'occupation' | 'skill' | undefined }
  | { name: 'occupation'; id: string }
  | { name: 'skill'; id: string }
  | { name: 'reference' }
  | { name: 'caseload'; filter: string }
  | { name: 'profile'; id: string }
  | { name: 'vacancies' }
  | { name: 'shortlist'; vacancyId: string }
  | { name: 'describe' }
  | { name: 'interview'; id: string }
  | { name: 'myProfile' }
  | { name: 'myJobs' }
  | { name: 'myConsents' }
  | { name: 'myData' }
  | { name: 'invitation' }
  | { name: 'passwordReset' }
  // Staff screens (issue 10): organisation and platform administration, training offers, a vacancy's own page,
  // the analyst's and the assessor's homes.
  | { name: 'orgUsers' }
  | { name: 'orgInvitations' }
  | { name: 'orgAudit' }
  | { name: 'organisations' }
  | { name: 'taxonomyVersions' }
  | { name: 'trainingOffers' }
  | { name: 'trainingOffer'; id: string | null }
  | { name: 'vacancy'; id: string }
  | { name: 'vacancyEdit'; id: string | null }
  | { name: 'analysis' }
  | { name: 'recognition' }
  // Protection (issue 14).
  | { name: 'protectionCase'; id: string }
  | { name: 'myProtection' }
  | { name: 'protectionTeam' }
  | { name: 'fairRecruitment' }
  | { name: 'guides'; country: string }
  // Recognition (issue 12): the assessor's case, a person's qualifications, the migrant's own.
  | { name: 'recognitionCase'; id: string }
  | { name: 'qualifications'; id: string }
  | { name: 'myQualifications' }

  // Labour-market figures: the staff dashboard and the public open-data page (issue #13).
  | { name: 'labourMarket' }
  | { name: 'openData' }
  // Skills passport (issue 12): the person's own, the staff view of a person's, the public verification page.
  | { name: 'myPassport' }
  | { name: 'passport'; id: string }
  | { name: 'verify' }
  // Contact requests (issue 10).
  | { name: 'inbox' }
  | { name: 'notFound' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseRoute(pathname: string, search: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  const params = new URLSearchParams(search);
  if (path === '/') return { name: 'home' };
  if (path === '/sign-in') return { name: 'signIn' };
  if (path === '/explorer') {
    const type = params.get('type');
    return {
      name: 'explorer',
      query: params.get('q') ?? '',
      type: type === 'occupation' || type === 'skill' ? type : undefined,
    };
  }
  const occ = /^\/explorer\/occupations\/([^/]+)$/.exec(path);
  if (occ && UUID.test(occ[1] ?? '')) return { name: 'occupation', id: occ[1]!.toLowerCase() };
  const skill = /^\/explorer\/skills\/([^/]+)$/.exec(path);
  if (skill && UUID.test(skill[1] ?? '')) return { name: 'skill', id: skill[1]!.toLowerCase() };
  if (path === '/describe') return { name: 'describe' };
  // Skills interview, migrant self-service and the one-time link pages.
  const interview = /^\/caseload\/([^/]+)\/interview$/.exec(path);
  if (interview && UUID.test(interview[1] ?? '')) return { name: 'interview', id: interview[1]!.toLowerCase() };
  if (path === '/me/profile') return { name: 'myProfile' };
  if (path === '/me/jobs') return { name: 'myJobs' };
  if (path === '/me/consents') return { name: 'myConsents' };
  if (path === '/me/data') return { name: 'myData' };
  if (path === '/invitation') return { name: 'invitation' };
  if (path === '/password-reset') return { name: 'passwordReset' };
  if (path === '/reference') return { name: 'reference' };
  if (path === '/vacancies') return { name: 'vacancies' };
  const shortlist = /^\/vacancies\/([^/]+)\/candidates$/.exec(path);
  if (shortlist && UUID.test(shortlist[1] ?? '')) return { name: 'shortlist', vacancyId: shortlist[1]!.toLowerCase() };
  if (path === '/labour-market') return { name: 'labourMarket' };
  if (path === '/open-data') return { name: 'openData' };
  if (path === '/verify') return { name: 'verify' };
  if (path === '/me/passport') return { name: 'myPassport' };
  const passport = /^\/caseload\/([^/]+)\/passport$/.exec(path);
  if (passport && UUID.test(passport[1] ?? '')) return { name: 'passport', id: passport[1]!.toLowerCase() };
  if (path === '/inbox') return { name: 'inbox' };
  const staff = staffRoute(path);
  if (staff) return staff;
  if (path === '/caseload') return { name: 'caseload', filter: params.get('name') ?? '' };
  const profile = /^\/caseload\/([^/]+)$/.exec(path);
  if (profile && UUID.test(profile[1] ?? '')) return { name: 'profile', id: profile[1]!.toLowerCase() };
  // Protection (issue 14).
  const protectionCase = /^\/caseload\/([^/]+)\/case$/.exec(path);
  if (protectionCase && UUID.test(protectionCase[1] ?? ''))
    return { name: 'protectionCase', id: protectionCase[1]!.toLowerCase() };
  if (path === '/me/protection') return { name: 'myProtection' };
  // Recognition (issue 12).
  const recognitionCase = /^\/recognition\/cases\/([^/]+)$/.exec(path);
  if (recognitionCase && UUID.test(recognitionCase[1] ?? ''))
    return { name: 'recognitionCase', id: recognitionCase[1]!.toLowerCase() };
  const qualifications = /^\/caseload\/([^/]+)\/qualifications$/.exec(path);
  if (qualifications && UUID.test(qualifications[1] ?? ''))
    return { name: 'qualifications', id: qualifications[1]!.toLowerCase() };
  if (path === '/me/qualifications') return { name: 'myQualifications' };
  if (path === '/protection/team') return { name: 'protectionTeam' };
  if (path === '/protection/fair-recruitment') return { name: 'fairRecruitment' };
  if (path === '/protection/guides') return { name: 'guides', country: (params.get('country') ?? '').toUpperCase() };
  return { name: 'notFound' };
}

/** The staff screens' addresses (kept apart so the list above stays readable). */
function staffRoute(path: string): Route | null {
  const fixed: Record<string, Route> = {
    '/admin/users': { name: 'orgUsers' },
    '/admin/invitations': { name: 'orgInvitations' },
    '/admin/audit': { name: 'orgAudit' },
    '/platform/organisations': { name: 'organisations' },
    '/platform/taxonomy': { name: 'taxonomyVersions' },
    '/training': { name: 'trainingOffers' },
    '/training/new': { name: 'trainingOffer', id: null },
    '/vacancies/new': { name: 'vacancyEdit', id: null },
    '/analysis': { name: 'analysis' },
    '/recognition': { name: 'recognition' },
  };
  if (Object.hasOwn(fixed, path)) return fixed[path]!;
  const m = /^\/(training|vacancies)\/([^/]+)(\/edit)?$/.exec(path);
  if (!m || !UUID.test(m[2]!)) return null;
  const id = m[2]!.toLowerCase();
  if (m[1] === 'training') return m[3] ? null : { name: 'trainingOffer', id };
  return m[3] ? { name: 'vacancyEdit', id } : { name: 'vacancy', id };
}

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

function snapshot(): string {
  return location.pathname + location.search;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) history.replaceState(null, '', to);
  else {
    // Screens move focus to their heading only after the person navigated, not on load or redirects.
    document.body.dataset.navigated = 'true';
    history.pushState(null, '', to);
  }
  listeners.forEach((l) => l());
}

/** The current location; re-renders on navigate() and on back/forward. */
export function useLocation(): string {
  return useSyncExternalStore(subscribe, snapshot);
}
