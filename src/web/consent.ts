// Consent as the screens handle it: the purposes, the fields a person may show employers (consent field scopes),
// which record is in force, and the candidate card an employer would see under a choice of fields.
import { request } from './api.js';
import type { CandidateView } from './matching.js';
import type { Profile } from './profiles.js';
import type { ConsentRecord } from './interview.js';

/** The server's CONSENT_PURPOSES (src/identity/model.ts); a test keeps them equal. */
export const PURPOSES = [
  'profiling',
  'matching_with_employers',
  'share_with_organisation',
  'anonymised_statistics',
] as const;
export type Purpose = (typeof PURPOSES)[number];

/** The server's CANDIDATE_FIELDS (src/profiles/model.ts), in the order a card shows them; a test keeps them equal. */
export const CANDIDATE_FIELDS = [
  'displayName',
  'skills',
  'experience',
  'languages',
  'education',
  'qualifications',
  'location',
  'availability',
  'workAuthorization',
  'preferences',
] as const;
export type CandidateField = (typeof CANDIDATE_FIELDS)[number];

/** What a consent naming no fields shows (the server's DEFAULT_CANDIDATE_FIELDS): fit, nothing that names the person. */
export const DEFAULT_FIELDS: readonly CandidateField[] = [
  'skills',
  'experience',
  'languages',
  'education',
  'qualifications',
  'availability',
];

/** Purposes that show a profile to someone outside the organisation, and therefore take field scopes. */
export function takesScopes(purpose: Purpose): boolean {
  return purpose === 'matching_with_employers' || purpose === 'share_with_organisation';
}

/** The fields a consent record lets an employer see (a record without scopes: the default set). */
export function fieldsOf(c: Pick<ConsentRecord, 'fieldScopes'>): CandidateField[] {
  const scopes = c.fieldScopes ?? DEFAULT_FIELDS;
  return CANDIDATE_FIELDS.filter((f) => scopes.includes(f));
}

/** The record in force for a purpose (and, for sharing, the organisation), or undefined. */
export function activeFor(
  consents: ConsentRecord[],
  purpose: Purpose,
  organisationId: string | null = null,
): ConsentRecord | undefined {
  return consents.find(
    (c) =>
      c.purpose === purpose &&
      !c.withdrawnAt &&
      (purpose !== 'share_with_organisation' || c.targetOrganisationId === organisationId),
  );
}

/**
 * The profile cut to `fields`, as the server's candidateView (src/profiles/store.ts) cuts it for employers; a test
 * compares the two on the same profile.
 */
export function candidatePreview(p: Profile, fields: readonly CandidateField[]): CandidateView {
  const has = (f: CandidateField) => fields.includes(f);
  const view: CandidateView = { id: p.id, fields: CANDIDATE_FIELDS.filter(has) };
  if (has('displayName')) view.displayName = p.displayName;
  if (has('skills')) view.skills = p.skills.map((s) => ({ uri: s.uri, evidence: s.evidence }));
  if (has('experience'))
    view.experience = (p.experience as CandidateExperience[]).map((e) => ({
      occupationUri: e.occupationUri,
      country: e.country,
      months: e.months,
      formal: e.formal,
    }));
  if (has('languages')) view.languages = p.languages as CandidateView['languages'];
  if (has('education'))
    view.education = (p.education as { iscedLevel: number; field: string | null; completed: boolean }[]).map((e) => ({
      iscedLevel: e.iscedLevel,
      field: e.field,
      completed: e.completed,
    }));
  if (has('qualifications'))
    view.qualifications = (p.qualifications as { title: string; eqfLevel: number | null }[]).map((q) => ({
      title: q.title,
      eqfLevel: q.eqfLevel,
    }));
  if (has('location')) view.location = { country: p.currentCountry, region: p.currentRegion };
  if (has('availability')) view.availability = { seeking: p.seeking, availableFrom: p.availableFrom };
  if (has('workAuthorization'))
    view.workAuthorization = p.workAuthorization.permits.map((x) => ({
      country: x.country,
      type: x.type,
      validUntil: x.validUntil,
      sectors: x.sectors,
    }));
  if (has('preferences')) view.preferences = p.preferences as CandidateView['preferences'];
  return view;
}

interface CandidateExperience {
  occupationUri: string;
  country: string;
  months: number;
  formal: boolean;
}

export interface NewConsent {
  purpose: Purpose;
  organisationId?: string;
  fieldScopes?: string[];
  note?: string;
}

export const consentApi = {
  give(migrantId: string, body: NewConsent): Promise<ConsentRecord> {
    return request('POST', `/migrants/${encodeURIComponent(migrantId)}/consents`, { body });
  },
};
