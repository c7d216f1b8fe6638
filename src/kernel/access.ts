// Reusable record-level rules for route declarations.
import type { AuthUser } from './auth.js';
import type { RouteContext } from './route.js';

type RuleContext = Pick<RouteContext, 'db' | 'services'> & { user: AuthUser };

/**
 * A migrant may reach only their own record; staff only migrants held by their organisation; a platform admin
 * any existing migrant. Anything else is 'not-found', so another organisation cannot even learn the id exists.
 */
export async function canReachMigrant(ctx: RuleContext, migrantId: string): Promise<true | 'not-found'> {
  const directory = ctx.services.get('migrants');
  if (ctx.user.role === 'migrant') {
    return (await directory.migrantIdForUser(ctx.db, ctx.user.id)) === migrantId ? true : 'not-found';
  }
  const org = await directory.organisationOf(ctx.db, migrantId);
  if (!org) return 'not-found';
  return ctx.user.role === 'platform_admin' || org === ctx.user.organisationId ? true : 'not-found';
}

/** Organisation-scoped administration: own organisation, or any for a platform admin. */
export async function isOwnOrganisation(ctx: { user: AuthUser }, organisationId: string): Promise<true | 'not-found'> {
  return ctx.user.role === 'platform_admin' || ctx.user.organisationId === organisationId ? true : 'not-found';
}
