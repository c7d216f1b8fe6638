// Who may reach a contact request, and as which party. One place: the commands' rules and the inbox read ask here.
//
//   employer side   employer staff (employer, org admin) of the organisation that asked
//   holder side     staff (advisor, org admin) of the organisation holding the person: see, decide for the person
//                   (recorded as such), record the placement
//   the person      the migrant the request is about: see, decide
//
// Anyone else: 'not-found' (another organisation cannot learn a request, or the person, exists).
import type { AuthUser } from '../../kernel/auth.js';
import type { Services } from '../../kernel/capability.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export type Party = 'employer' | 'holder' | 'migrant';

export const EMPLOYER_STAFF = ['employer', 'org_admin'] as const;
export const HOLDER_STAFF = ['advisor', 'org_admin'] as const;
export const INBOX_ROLES = ['employer', 'advisor', 'org_admin', 'migrant'] as const;

interface RequestParties {
  organisation_id: string;
  employer_organisation_id: string;
  migrant_id: string;
}

/** The caller's party on this request, or null. Staff of an organisation on both sides act as the holder. */
export async function partyOf(
  ctx: { db: Kysely<Database>; services: Services; user: AuthUser },
  row: RequestParties,
): Promise<Party | null> {
  const { user } = ctx;
  if (user.role === 'migrant') {
    const me = await ctx.services.get('migrants').migrantIdForUser(ctx.db, user.id);
    return me === row.migrant_id ? 'migrant' : null;
  }
  if ((HOLDER_STAFF as readonly string[]).includes(user.role) && user.organisationId === row.organisation_id) {
    return 'holder';
  }
  if (
    (EMPLOYER_STAFF as readonly string[]).includes(user.role) &&
    user.organisationId === row.employer_organisation_id
  ) {
    return 'employer';
  }
  return null;
}
