// Consent decides what an employer sees of a person. One module for the rule that the candidate view, the
// employer's shortlist and its explanations all follow: the consents in force for that employer's organisation,
// and the union of their field scopes.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { activeConsents, type Consent } from '../identity/consent.js';
import { CANDIDATE_FIELDS, DEFAULT_CANDIDATE_FIELDS, type CandidateField } from './model.js';

/** Purposes under which an employer's organisation may see a person: to employers generally, or to it by name. */
export const EMPLOYER_PURPOSES = ['matching_with_employers', 'share_with_organisation'] as const;

/**
 * Per person, the consents under which the employer's organisation may see them, for a whole page in one query.
 * Read on every call, never cached: a withdrawal counts from the next request.
 */
export async function employerConsents(
  db: Kysely<Database>,
  migrantIds: readonly string[],
  employerOrganisationId: string,
): Promise<(migrantId: string) => Consent[]> {
  const held = await activeConsents(db, migrantIds, EMPLOYER_PURPOSES, { organisationId: employerOrganisationId });
  return (migrantId) => {
    const mine = held.get(migrantId) ?? {};
    return EMPLOYER_PURPOSES.map((p) => mine[p]).filter((c): c is Consent => c !== undefined);
  };
}

/** Union of the consented field scopes, in the canonical order; a consent naming no fields gives the default set. */
export function visibleFields(consents: readonly Consent[]): CandidateField[] {
  const fields = new Set<string>();
  for (const c of consents) for (const f of c.fieldScopes ?? DEFAULT_CANDIDATE_FIELDS) fields.add(f);
  return CANDIDATE_FIELDS.filter((f) => fields.has(f));
}
