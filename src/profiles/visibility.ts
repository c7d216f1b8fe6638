// Consent decides what an employer sees of a person. One module for the rule that the candidate view, the
// employer's shortlist and its explanations all follow: the consents in force for that employer's organisation,
// and the union of their field scopes.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import { activeConsents, type Consent } from '../identity/domain.js';
import { conflict } from '../kernel/errors.js';
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

/** The field scopes of the consents in force for an employer: one per purpose; null = the purpose's default set. */
export type EmployerScopes = (string[] | null)[];

/**
 * employerConsents as a column of a query over `profile as p`, so a page's rows and the consents that decide what
 * they show are read in one statement: the field scopes of the newest consent in force per purpose under which
 * `employerOrganisationId` may see the person (as activeConsents picks it), or null when none is in force. Read with
 * the rows, never cached: a withdrawal counts from the next request.
 */
export function employerScopesColumn(employerOrganisationId: string): RawBuilder<EmployerScopes | null> {
  const [general, named] = EMPLOYER_PURPOSES;
  return sql<EmployerScopes | null>`(select jsonb_agg(x.field_scopes) from (
    select distinct on (c.purpose) c.field_scopes from consent c
    where c.migrant_id = p.id and c.withdrawn_at is null
      and (c.purpose = ${general} or (c.purpose = ${named} and c.target_organisation_id = ${employerOrganisationId}))
    order by c.purpose, c.given_at desc, c.id) x)`;
}

/** Union of the consented field scopes, in the canonical order; a consent naming no fields gives the default set. */
export function visibleFields(consents: readonly Consent[]): CandidateField[] {
  return fieldsOfScopes(consents.map((c) => c.fieldScopes));
}

/** visibleFields of the scopes employerScopesColumn read (none in force: nothing is shown). */
export function fieldsOfScopes(scopes: readonly (readonly string[] | null)[] | null): CandidateField[] {
  const fields = new Set<string>();
  for (const s of scopes ?? []) for (const f of s ?? DEFAULT_CANDIDATE_FIELDS) fields.add(f);
  return CANDIDATE_FIELDS.filter((f) => fields.has(f));
}

/** Where a person's `profiling` consent stands: in force, withdrawn (none in force), or never recorded. */
export type ProfilingState = 'given' | 'withdrawn' | 'none';

export async function profilingState(db: Kysely<Database>, migrantId: string): Promise<ProfilingState> {
  const rows = await db
    .selectFrom('consent')
    .select('withdrawn_at')
    .where('migrant_id', '=', migrantId)
    .where('purpose', '=', 'profiling')
    .execute();
  if (rows.some((r) => r.withdrawn_at === null)) return 'given';
  return rows.length ? 'withdrawn' : 'none';
}

/**
 * Staff keeping or matching a person's profile need the person's profiling consent; the person building their own
 * profile in their own account, or looking at jobs for themself, is not processing someone else's data (a migrant
 * reaches only their own profile: the record rule checks that).
 */
export function actsForSomeoneElse(user: { role: string } | null): boolean {
  return !!user && user.role !== 'migrant';
}

/**
 * The gate of every profile write and every matching run for a person: the `profiling` consent in force. 409 with
 * a reason the advisor can act on (record the consent with the person, or respect the withdrawal).
 */
export async function requireProfiling(db: Kysely<Database>, migrantId: string, path = 'profilingConsent') {
  requireProfilingState(await profilingState(db, migrantId), path);
}

/** requireProfiling for a state already read (store.ts findProfileAccess reads it with the profile row). */
export function requireProfilingState(state: ProfilingState, path = 'profilingConsent'): void {
  if (state === 'given') return;
  throw state === 'withdrawn'
    ? conflict(
        'The person withdrew their consent to profiling: the profile can be read, exported or erased, not changed or matched',
        path,
        'consent_withdrawn',
      )
    : conflict(
        'Record the person’s consent to profiling first (purpose profiling): nothing is written or matched without it',
        path,
        'consent_required',
      );
}
