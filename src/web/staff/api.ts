// API calls of the staff screens (organisation and platform administration, training offers, vacancy editing,
// the fairness audit). Only the lazily loaded staff screens import this module.
// Types are the server's schemas, imported type-only (nothing of the server reaches the bundle).
import type { Static } from '@sinclair/typebox';
import type {
  AuditEntryView,
  AuditQuery as AuditQuerySchema,
  InvitationBody,
  InvitationSent,
  InvitationView,
  NewOrganisationBody,
  OrganisationView,
  PasswordResetIssued,
  UserSummaryView,
} from '../../identity/index.js';
import type { FairnessReport as FairnessReportSchema } from '../../matching/index.js';
import type { VersionInfo } from '../../taxonomy/index.js';
import type { TrainingOfferRecord } from '../../training/index.js';
import type { VacancyWrite, Vacancy as VacancySchema } from '../../vacancies/index.js';
import { CEFR_LEVELS, VACANCY_STATUSES } from '../../shared/vocabulary.js';
import { encodeQuery, request } from '../api.js';
import { codeOf, CONTRACT_TYPES, WAGE_PERIODS } from '../vacancies.js';

export type Organisation = OrganisationView;
export type UserSummary = UserSummaryView;
export type Invitation = InvitationView;
export type AuditEntry = AuditEntryView;
/** The audit page's filters (the organisation is the caller's own; a platform admin's view names none). */
export type AuditQuery = Omit<AuditQuerySchema, 'organisationId'>;

export type TaxonomyVersion = Static<typeof VersionInfo>;

export type TrainingOffer = Static<typeof TrainingOfferRecord>;

export type TrainingOfferInput = Omit<
  TrainingOffer,
  'id' | 'organisationId' | 'version' | 'taxonomyVersion' | 'createdAt' | 'updatedAt'
>;

export type FairnessRow = FairnessReport['sex'][number];

export type FairnessReport = Static<typeof FairnessReportSchema>;

/** A vacancy as POST and PUT /vacancies take it (the edit form holds these fields). */
export type { VacancyWrite };

/** A stored vacancy with everything its edit form sends back. */
export type VacancyFull = Static<typeof VacancySchema>;

const enc = encodeURIComponent;

export const staffApi = {
  organisations: (signal?: AbortSignal) =>
    request<{ organisations: Organisation[] }>('GET', '/organisations', { signal }),
  createOrganisation: (body: NewOrganisationBody) => request<Organisation>('POST', '/organisations', { body }),
  users: (organisationId: string, signal?: AbortSignal) =>
    request<{ users: UserSummary[] }>('GET', `/organisations/${enc(organisationId)}/users`, { signal }),
  setDisabled: (userId: string, disabled: boolean) =>
    request<UserSummary>('POST', `/users/${enc(userId)}/disable`, { body: { disabled } }),
  unlock: (userId: string) => request<UserSummary>('POST', `/users/${enc(userId)}/unlock`, { body: {} }),
  passwordReset: (userId: string) =>
    request<PasswordResetIssued>('POST', `/users/${enc(userId)}/password-reset`, { body: {} }),
  invitations: (organisationId: string, signal?: AbortSignal) =>
    request<{ invitations: Invitation[] }>('GET', `/organisations/${enc(organisationId)}/invitations`, { signal }),
  invite: (organisationId: string, body: InvitationBody) =>
    request<InvitationSent>('POST', `/organisations/${enc(organisationId)}/invitations`, { body }),
  revokeInvitation: (organisationId: string, invitationId: string) =>
    request<null>('DELETE', `/organisations/${enc(organisationId)}/invitations/${enc(invitationId)}`),
  audit: (q: AuditQuery, signal?: AbortSignal) =>
    request<{ entries: AuditEntry[] }>('GET', `/audit${encodeQuery({ ...q })}`, { signal }),
  taxonomyVersions: (signal?: AbortSignal) =>
    request<{ versions: TaxonomyVersion[] }>('GET', '/taxonomy/versions', { signal }),
  activateVersion: (version: string) =>
    request<{ active: string }>('POST', `/taxonomy/versions/${enc(version)}/activate`, { body: {} }),
  labels: (uris: string[], lang: string, signal?: AbortSignal) =>
    uris.length === 0
      ? Promise.resolve({ lang, labels: {} as Record<string, string> })
      : request<{ lang: string; labels: Record<string, string> }>('POST', '/taxonomy/labels', {
          body: { uris, lang },
          signal,
        }),
  myOffers: (signal?: AbortSignal) =>
    request<{ items: TrainingOffer[] }>('GET', '/training-offers?mine=true&limit=500', { signal }),
  offer: (id: string, signal?: AbortSignal) => request<TrainingOffer>('GET', `/training-offers/${enc(id)}`, { signal }),
  createOffer: (body: TrainingOfferInput) => request<TrainingOffer>('POST', '/training-offers', { body }),
  updateOffer: (id: string, body: TrainingOfferInput & { version: number }) =>
    request<TrainingOffer>('PUT', `/training-offers/${enc(id)}`, { body }),
  vacancy: (id: string, signal?: AbortSignal) => request<VacancyFull>('GET', `/vacancies/${enc(id)}`, { signal }),
  createVacancy: (body: Omit<VacancyWrite, 'status'>) => request<VacancyFull>('POST', '/vacancies', { body }),
  updateVacancy: (id: string, body: VacancyWrite & { version: number }) =>
    request<VacancyFull>('PUT', `/vacancies/${enc(id)}`, { body }),
  fairness: (q: { top?: number; minCell?: number }, signal?: AbortSignal) =>
    request<FairnessReport>('GET', `/matching/fairness${encodeQuery(q)}`, { signal }),
};

/** The fields of a stored vacancy that PUT takes back, with `changes` applied. */
export function vacancyWrite(v: VacancyFull, changes: Partial<VacancyWrite> = {}): VacancyWrite & { version: number } {
  return {
    title: v.title,
    description: v.description,
    occupationUri: v.occupationUri,
    sector: v.sector,
    essentialSkills: v.essentialSkills,
    optionalSkills: v.optionalSkills,
    minIscedLevel: v.minIscedLevel,
    languages: v.languages.map((l) => ({ lang: l.lang, level: codeOf(CEFR_LEVELS, l.level, 'A1') })),
    location: v.location,
    posts: v.posts,
    contractType: codeOf(CONTRACT_TYPES, v.contractType, 'permanent'),
    hoursPerWeek: v.hoursPerWeek,
    wage: v.wage && { ...v.wage, period: codeOf(WAGE_PERIODS, v.wage.period, 'month') },
    startDate: v.startDate,
    employerSponsorsPermit: v.employerSponsorsPermit,
    employerPaysRecruitmentFees: v.employerPaysRecruitmentFees,
    status: codeOf(VACANCY_STATUSES, v.status, 'closed'),
    version: v.version,
    ...changes,
  };
}

/** The same for a training offer. */
export function offerWrite(
  o: TrainingOffer,
  changes: Partial<TrainingOfferInput> = {},
): TrainingOfferInput & { version: number } {
  return {
    title: o.title,
    description: o.description,
    skills: o.skills,
    durationHours: o.durationHours,
    cost: o.cost,
    currency: o.currency,
    mode: o.mode,
    location: o.location,
    language: o.language,
    startDate: o.startDate,
    seats: o.seats,
    status: o.status,
    version: o.version,
    ...changes,
  };
}
