// Who may reach what of a person's recognition record. One place: route rules and command rules both ask here.
//
//   qualifications, documents, cases, RPL     the person themself; advisors and org admins of the organisation
//                                              holding the person; assessors of that organisation
//   document bytes                             the same readers, each view audited
//   frameworks (reference data)                every signed-in role reads; platform admins import
//
// Employers, training providers, analysts and other organisations never reach documents or cases (404: another
// organisation cannot learn that the person is registered).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { canReachMigrant } from '../kernel/access.js';
import type { AuthUser, Role } from '../kernel/auth.js';
import type { Services } from '../kernel/capability.js';
import type { Decision } from '../kernel/command.js';

type Db = Kysely<Database>;

/** Enter qualifications, upload documents, request recognition, appeal. */
export const REQUESTERS = ['advisor', 'org_admin', 'migrant'] as const satisfies readonly Role[];
/** Read a person's qualifications, documents, cases and assessments. */
export const READERS = ['advisor', 'org_admin', 'assessor', 'migrant'] as const satisfies readonly Role[];
/** Assess, decide, reopen, run RPL assessments. */
export const ASSESSORS = ['assessor'] as const satisfies readonly Role[];
/** Reopen a decided case (an assessor, or the organisation's admin on a complaint). */
export const REOPENERS = ['assessor', 'org_admin'] as const satisfies readonly Role[];
export const FRAMEWORK_ADMINS = ['platform_admin'] as const satisfies readonly Role[];

interface RuleCtx {
  db: Db;
  services: Services;
  user: AuthUser | null;
}

/** The person themself, or staff (of the listed roles) of the organisation holding them; else not found. */
export async function reachPerson(ctx: RuleCtx, migrantId: string): Promise<Decision> {
  if (!ctx.user) return 'not-found';
  return canReachMigrant({ db: ctx.db, services: ctx.services, user: ctx.user }, migrantId);
}

/** A record of the person (qualification, document, case, assessment) by its row. */
export async function reachRecord(ctx: RuleCtx, row: { migrant_id: string } | undefined): Promise<Decision> {
  if (!row) return 'not-found';
  return reachPerson(ctx, row.migrant_id);
}
