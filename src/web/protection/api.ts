// The protection API as the web app calls it (/api/v1/protection/…). Its types are the server's schemas
// (src/protection/model.ts, contract.ts), imported type-only: nothing of the server reaches the bundle.
import type { Static } from '@sinclair/typebox';
import type {
  CaseSummary as CaseSummarySchema,
  Goal as GoalSchema,
  Referral as ReferralSchema,
  FollowUp as FollowUpSchema,
  Outcome as OutcomeSchema,
  CaseView as CaseViewSchema,
  Screening as ScreeningSchema,
  ScreeningAnswer as ScreeningAnswerSchema,
  Report as ReportSchema,
  Fee as FeeSchema,
  FeeLog as FeeLogSchema,
  HiringGuide as HiringGuideSchema,
  FlagList as FlagListSchema,
  Recruiter as RecruiterSchema,
  TeamCase as TeamCaseSchema,
} from '../../protection/index.js';
import { encodeQuery, request } from '../api.js';

export type CaseSummary = Static<typeof CaseSummarySchema>;
export type Goal = Static<typeof GoalSchema>;
export type Referral = Static<typeof ReferralSchema>;
export type FollowUp = Static<typeof FollowUpSchema>;
export type Outcome = Static<typeof OutcomeSchema>;
export type CaseView = Static<typeof CaseViewSchema>;
/** One answer of a screening as the server takes it. */
export type Answer = Static<typeof ScreeningAnswerSchema>;
export type Screening = Static<typeof ScreeningSchema>;
export type Report = Static<typeof ReportSchema>;
export type Fee = Static<typeof FeeSchema>;
export type FeeLog = Static<typeof FeeLogSchema>;
export type HiringGuide = Static<typeof HiringGuideSchema>;
export type Flags = Static<typeof FlagListSchema>;
export type Recruiter = Static<typeof RecruiterSchema>;
export type TeamCase = Static<typeof TeamCaseSchema>;

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
