// The protection API as the web app calls it (/api/v1/protection/…): types mirror src/protection/model.ts.
import { encodeQuery, request } from '../api.js';

export interface CaseSummary {
  migrantId: string;
  organisationId: string;
  leadAdvisorId: string | null;
  advisorIds: string[];
  status: string;
  version: number;
}
export interface Goal {
  id: string;
  title: string;
  steps: { text: string; done: boolean }[];
  owner: string;
  ownerUserId: string | null;
  dueDate: string | null;
  status: string;
  version: number;
}
export interface Referral {
  id: string;
  migrantId: string;
  category: string;
  serviceId: string | null;
  serviceName: string | null;
  targetOrganisationId: string | null;
  note: string | null;
  status: string;
  urgent: boolean;
  source: string;
  version: number;
  createdAt: string;
}
export interface FollowUp {
  id: string;
  migrantId: string;
  displayName?: string;
  dueDate: string;
  purpose: string;
  assignedTo: string | null;
  doneAt: string | null;
  doneNote: string | null;
  overdue: boolean;
  version: number;
}
export interface Outcome {
  id: string;
  kind: string;
  date: string;
  note: string | null;
  employment: {
    vacancyId: string | null;
    employerName: string;
    occupationUri: string;
    isco: string;
    sector: string | null;
    contractType: string;
    wage: { amount: number; currency: string; period: string } | null;
  } | null;
  training: { title: string } | null;
  returnedTo: string | null;
  vacancyClosed?: boolean;
}
export interface CaseView {
  case: CaseSummary | null;
  displayName: string;
  goals: Goal[];
  referrals: Referral[];
  followUps: FollowUp[];
  outcomes: Outcome[];
  transfers: { id: string; toOrganisationId: string; toAdvisorId: string | null; createdAt: string }[];
  screenings: { id: string; screenedOn: string }[];
  reports: number;
  mayReadScreening: boolean;
}
export interface Answer {
  question: string;
  answer: 'yes' | 'no' | 'unknown' | 'declined';
  factor: 'risk' | 'protective' | 'neither';
  note?: string | null;
}
export interface Screening {
  id: string;
  screenedOn: string;
  answers: (Answer & { level: string; note: string | null })[];
  judgement: string | null;
  alerts: string[];
}
export interface Report {
  id: string;
  kind: string;
  text: string;
  createdAt: string;
  seenAt: string | null;
}
export interface Fee {
  id: string;
  category: string;
  amount: number;
  currency: string;
  paidOn: string;
  paidBy: string;
  loan: boolean;
  loanInterest: number;
  recruiterId: string | null;
  vacancyId: string | null;
  note: string | null;
}
export interface FeeLog {
  fees: Fee[];
  earnings: { month: string; amount: number; currency: string; country: string } | null;
  indicator: { costs: number; earnings: number; currency: string; months: number } | null;
  indicatorMissing: { code: string; message: string } | null;
}
export interface HiringGuide {
  ruleId: string;
  country: string;
  permitType: string;
  sectors: string[];
  iscoPrefixes: string[];
  ruleDescription: string;
  version: number | null;
  hoursPerWeek: number | null;
  changeOfEmployer: string | null;
  durationMonths: number | null;
  reviewBy: string | null;
  reviewOverdue: boolean;
  example: boolean;
  lang: string;
  text: {
    allows: string;
    steps: string[];
    documents: string[];
    obligations: string[];
    incentives: string[];
    help: string[];
  } | null;
}
export interface Flags {
  vacancies: { id: string; title: string; country: string; employerPaysDeclared: boolean; workers: number }[];
  recruiters: {
    id: string;
    name: string;
    country: string;
    licenceNumber: string | null;
    licenceStatus: string;
    workers: number;
  }[];
}
export interface Recruiter {
  id: string;
  name: string;
  licenceNumber: string | null;
  country: string;
  licenceStatus: string;
  certification: string | null;
  complaints: { date: string; summary: string }[];
  workersPaying: number;
  version: number;
}
export interface TeamCase {
  migrantId: string;
  displayName: string;
  leadAdvisorName: string | null;
  overdueFollowUps: number;
  openReferrals: number;
  openGoals: number;
  lastOutcome: string | null;
}

const base = (migrantId: string) => `/protection/cases/${encodeURIComponent(migrantId)}`;

export const protectionApi = {
  caseView: (migrantId: string, signal?: AbortSignal) => request<CaseView>('GET', base(migrantId), { signal }),
  confidential: (migrantId: string, signal?: AbortSignal) =>
    request<{ screenings: Screening[]; reports: Report[] }>('GET', `${base(migrantId)}/confidential`, { signal }),
  saveGoal: (migrantId: string, body: Record<string, unknown>) =>
    request<Goal>('POST', `${base(migrantId)}/goals`, { body }),
  refer: (migrantId: string, body: Record<string, unknown>) =>
    request<Referral>('POST', `${base(migrantId)}/referrals`, { body }),
  referralStatus: (id: string, version: number, status: string) =>
    request<Referral>('POST', `/protection/referrals/${id}/status`, { body: { version, status } }),
  scheduleFollowUp: (migrantId: string, body: Record<string, unknown>) =>
    request<FollowUp>('POST', `${base(migrantId)}/follow-ups`, { body }),
  completeFollowUp: (id: string, version: number, note: string) =>
    request<FollowUp>('POST', `/protection/follow-ups/${id}/done`, { body: { version, note: note || null } }),
  recordOutcome: (migrantId: string, body: Record<string, unknown>) =>
    request<Outcome>('POST', `${base(migrantId)}/outcomes`, { body }),
  transfer: (migrantId: string, body: Record<string, unknown>) =>
    request<CaseSummary>('POST', `${base(migrantId)}/transfer`, { body }),
  screen: (migrantId: string, body: Record<string, unknown>) =>
    request<{ id: string; alerts: string[]; referrals: Referral[] }>('POST', `${base(migrantId)}/screenings`, { body }),
  report: (migrantId: string, kind: string, text: string) =>
    request<{ id: string }>('POST', `${base(migrantId)}/reports`, { body: { kind, text } }),
  fees: (migrantId: string, signal?: AbortSignal) => request<FeeLog>('GET', `${base(migrantId)}/fees`, { signal }),
  recordFee: (migrantId: string, body: Record<string, unknown>) =>
    request<Fee>('POST', `${base(migrantId)}/fees`, { body }),
  deleteFee: (id: string) => request<null>('DELETE', `/protection/fees/${id}`),
  recordEarnings: (migrantId: string, body: Record<string, unknown>) =>
    request('PUT', `${base(migrantId)}/earnings`, { body }),
  attention: (signal?: AbortSignal) =>
    request<{ overdue: FollowUp[]; reports: { migrantId: string; displayName: string; count: number }[] }>(
      'GET',
      '/protection/attention',
      { signal },
    ),
  team: (signal?: AbortSignal) => request<{ items: TeamCase[] }>('GET', '/protection/team', { signal }),
  colleagues: (signal?: AbortSignal) =>
    request<{ items: { id: string; name: string; role: string }[] }>('GET', '/protection/colleagues', { signal }),
  services: (signal?: AbortSignal) =>
    request<{ items: { id: string; name: string; category: string }[] }>('GET', '/protection/services', { signal }),
  flags: (signal?: AbortSignal) => request<Flags>('GET', '/protection/fair-recruitment/flags', { signal }),
  recruiters: (signal?: AbortSignal) => request<{ items: Recruiter[] }>('GET', '/protection/recruiters', { signal }),
  guides: (country: string, lang: string, signal?: AbortSignal) =>
    request<{ items: HiringGuide[] }>('GET', `/protection/guides${encodeQuery({ country, lang })}`, { signal }),
  guide: (ruleId: string, lang: string, signal?: AbortSignal) =>
    request<HiringGuide>('GET', `/protection/guides/${encodeURIComponent(ruleId)}${encodeQuery({ lang })}`, { signal }),
};
