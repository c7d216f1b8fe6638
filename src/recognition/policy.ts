// Who may reach what of a person's recognition record. One place: route rules and command rules both ask here.
//
//   qualifications, documents, cases, RPL     the person themself; advisors and org admins of the organisation
//                                              holding the person; assessors of that organisation
//   document bytes                             the same readers, each view audited
//   frameworks (reference data)                every signed-in role reads; platform admins import
//   a referred case and its documents          also assessors of the organisation it was referred to, while the
//                                              referral is active and the person's recognition_referral consent
//                                              naming that organisation is in force (read on every check, so a
//                                              withdrawal hides the case at once); nothing else of the person
//
// Employers, training providers, analysts and other organisations never reach documents or cases (404: another
// organisation cannot learn that the person is registered).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { canReachMigrant } from '../kernel/access.js';
import type { AuthUser, Role } from '../kernel/auth.js';
import type { Services } from '../kernel/capability.js';
import type { Decision } from '../kernel/command.js';
import { hasConsent } from '../identity/domain.js';
import { activeReferral, activeReferralForQualification, type CaseRow, type ReferralRow } from './store.js';

type Db = Kysely<Database>;

/** Enter qualifications, upload documents, request recognition, appeal. */
export const REQUESTERS = ['advisor', 'org_admin', 'migrant'] as const satisfies readonly Role[];
/** Read a person's qualifications, documents, cases and assessments. */
export const READERS = ['advisor', 'org_admin', 'assessor', 'migrant'] as const satisfies readonly Role[];
/** Assess, decide, reopen, run RPL assessments. */
export const ASSESSORS = ['assessor'] as const satisfies readonly Role[];
/** Reopen a decided case (an assessor, or the organisation's admin on a complaint). */
export const REOPENERS = ['assessor', 'org_admin'] as const satisfies readonly Role[];
/** Organisations a case may be referred to: never employers or recruitment agencies (they see no evidence). */
export const NOT_ASSESSING = ['employer', 'recruitment_agency'] as const;
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

/** Whether the referral opens its case to the caller: an assessor of the organisation named, consent in force. */
async function referralOpens(ctx: RuleCtx, referral: ReferralRow | undefined): Promise<boolean> {
  if (!ctx.user || ctx.user.role !== 'assessor' || !referral) return false;
  if (referral.assessing_organisation_id !== ctx.user.organisationId) return false;
  return hasConsent(ctx.db, referral.migrant_id, 'recognition_referral', {
    organisationId: referral.assessing_organisation_id,
  });
}

/** A case: the home organisation's readers (reachRecord), or the assessing organisation's assessors by referral. */
export async function reachCase(ctx: RuleCtx, row: CaseRow | undefined): Promise<Decision> {
  if (!row) return 'not-found';
  const home = await reachPerson(ctx, row.migrant_id);
  if (home === true) return true;
  return (await referralOpens(ctx, await activeReferral(ctx.db, row.id))) ? true : 'not-found';
}

/** Reaches the case only by its referral (not as the home organisation): what the caller may see is narrower. */
export async function reachesByReferral(ctx: RuleCtx, row: CaseRow): Promise<boolean> {
  if ((await reachPerson(ctx, row.migrant_id)) === true) return false;
  return referralOpens(ctx, await activeReferral(ctx.db, row.id));
}

/** An evidence document: its person's readers, or assessors of an organisation its qualification's case went to. */
export async function reachDocument(
  ctx: RuleCtx,
  doc: { migrant_id: string; qualification_id: string } | undefined,
): Promise<Decision> {
  if (!doc) return 'not-found';
  const home = await reachPerson(ctx, doc.migrant_id);
  if (home === true) return true;
  if (!ctx.user || ctx.user.role !== 'assessor') return 'not-found';
  const referred = await activeReferralForQualification(ctx.db, doc.qualification_id, ctx.user.organisationId);
  return referred && (await referralOpens(ctx, referred.referral)) ? true : 'not-found';
}
