// Who may do what with passports:
//   issue, revoke                    advisors, assessors and org admins of the organisation holding the person
//   read, download, derive, share    those staff, and the person themself
//   rotate keys, import trust lists  org admins (a platform admin for any organisation)
//   verify, status lists, DID        anyone (public)
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { canReachMigrant } from '../../kernel/access.js';
import type { AuthUser } from '../../kernel/auth.js';
import type { Services } from '../../kernel/capability.js';
import type { Decision } from '../../kernel/command.js';
import { credentialRow } from './store.js';

type Db = Kysely<Database>;
export const ISSUERS = ['advisor', 'assessor', 'org_admin'] as const;
export const HOLDERS = ['migrant', ...ISSUERS] as const;

interface RuleCtx {
  db: Db;
  services: Services;
  user: AuthUser | null;
}

export async function mayIssueFor(ctx: RuleCtx, migrantId: string): Promise<Decision> {
  if (!ctx.user) return 'not-found';
  if (ctx.user.role === 'migrant') return 'not-found';
  return canReachMigrant({ ...ctx, user: ctx.user }, migrantId);
}

/** The person or staff holding them; a passport of another organisation is 'not-found'. */
export async function mayReachPassport(ctx: RuleCtx, passportId: string, staffOnly = false): Promise<Decision> {
  if (!ctx.user) return 'not-found';
  const row = await credentialRow(ctx.db, passportId);
  if (!row || row.credential === null) return 'not-found';
  if (staffOnly && ctx.user.role === 'migrant') return 'not-found';
  const reach = await canReachMigrant({ ...ctx, user: ctx.user }, row.migrant_id);
  if (reach !== true) return reach;
  // The person's record may have moved to another organisation: its staff see it, the issuer's do not any more.
  if (
    ctx.user.role !== 'migrant' &&
    ctx.user.role !== 'platform_admin' &&
    row.organisation_id !== ctx.user.organisationId
  ) {
    return 'not-found';
  }
  return true;
}
