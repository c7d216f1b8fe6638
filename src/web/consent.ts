// Consent as the screens handle it: the purposes, the fields a person may show employers (consent field scopes),
// which record is in force, and the candidate card an employer would see under a choice of fields.
import { request } from './api.js';
import { candidateView } from '../profiles/browser.js';
import type { CandidateView } from '../profiles/index.js';
import {
  CANDIDATE_FIELDS,
  DEFAULT_CANDIDATE_FIELDS as DEFAULT_FIELDS,
  type CandidateField,
  type ConsentPurpose as Purpose,
} from '../shared/vocabulary.js';
import type { Profile } from './profiles.js';
import type { ConsentRecord } from './interview.js';
import type { ConsentInput } from '../identity/index.js';

export {
  CANDIDATE_FIELDS,
  CONSENT_PURPOSES as PURPOSES,
  DEFAULT_CANDIDATE_FIELDS as DEFAULT_FIELDS,
  type CandidateField,
  type ConsentPurpose as Purpose,
} from '../shared/vocabulary.js';

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

/** The candidate card an employer would see under this choice of fields: the server's own function. */
export function candidatePreview(p: Profile, fields: readonly CandidateField[]): CandidateView {
  return candidateView(
    p,
    CANDIDATE_FIELDS.filter((f) => fields.includes(f)),
  );
}

/** A consent as the person gives it (identity's contract). */
export type NewConsent = ConsentInput;

export const consentApi = {
  give(migrantId: string, body: NewConsent): Promise<ConsentRecord> {
    return request('POST', `/migrants/${encodeURIComponent(migrantId)}/consents`, { body });
  },
};
