// Who may reach which part of a person's protection record. One place: route rules and command rules both ask here.
//
//   case (plan, referrals, follow-ups, outcomes)  staff (advisor, org admin) of the organisation holding the person
//   screening answers and reports                 the case's advisors, their supervisors, and the person themself
//   fee log                                        staff of that organisation, and the person themself
//   register and flags (no person in them)         advisors, org admins, labour inspectors of any organisation
//   statistics                                     analysts, as protected aggregates only
//
// Employers never reach any of it; matching never reads it.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { canReachMigrant } from '../kernel/access.js';
import type { AuthUser } from '../kernel/auth.js';
import type { Services } from '../kernel/capability.js';
import type { Decision } from '../kernel/command.js';

type Db = Kysely<Database>;

/** Staff who work on cases. */
export const CASE_STAFF = ['advisor', 'org_admin'] as const;
/** Who reads the fair-recruitment register and flags. */
export const REGISTER_READERS = ['advisor', 'org_admin', 'labour_inspector'] as const;

export function isCaseStaff(user: AuthUser): boolean {
  return (CASE_STAFF as readonly string[]).includes(user.role);
}

interface RuleCtx {
  db: Db;
  services: Services;
  user: AuthUser | null;
}

/**
 * Staff of the organisation holding the person, or the person themself (when `self` allows). Anything else is
 * 'not-found': another organisation cannot learn the person is registered.
 */
export async function reachPerson(ctx: RuleCtx, migrantId: string, self = false): Promise<Decision> {
  if (!ctx.user) return 'not-found';
  if (ctx.user.role === 'migrant' && !self) return 'not-found';
  if (ctx.user.role !== 'migrant' && !isCaseStaff(ctx.user)) return 'not-found';
  return canReachMigrant({ db: ctx.db, services: ctx.services, user: ctx.user }, migrantId);
}

/** Whether `supervisorId` supervises any of these advisors. */
export async function supervisesAny(db: Db, supervisorId: string, advisorIds: readonly string[]): Promise<boolean> {
  if (advisorIds.length === 0) return false;
  const row = await db
    .selectFrom('protection_supervision')
    .select('advisor_id')
    .where('supervisor_id', '=', supervisorId)
    .where('advisor_id', 'in', [...advisorIds])
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The confidential part (screening answers, reports): the person; the case's advisors; a supervisor of one of them.
 * Other staff of the organisation may know the case exists (403), others may not (404).
 */
export async function mayReadConfidential(ctx: RuleCtx, migrantId: string): Promise<Decision> {
  const reach = await reachPerson(ctx, migrantId, true);
  if (reach !== true || !ctx.user) return reach;
  if (ctx.user.role === 'migrant') return true;
  const c = await ctx.db
    .selectFrom('protection_case')
    .select(['advisor_ids'])
    .where('migrant_id', '=', migrantId)
    .executeTakeFirst();
  const advisors = c?.advisor_ids ?? [];
  if (advisors.includes(ctx.user.id)) return true;
  return (await supervisesAny(ctx.db, ctx.user.id, advisors)) ? true : false;
}
