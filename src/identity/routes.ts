// Identity's routes and capability setup, gathered for src/server/routes.ts.
import { defineCapability, type MigrantDirectory } from '../kernel/capability.js';
import type { AnyRoute } from '../kernel/route.js';
import { adminRoutes } from './admin-routes.js';
import { authRoutes } from './auth-routes.js';
import { consentRoutes } from './consent-routes.js';
import { identityPersonalData } from './data-rights.js';
import { dataRightsRoutes } from './data-rights-routes.js';

/**
 * Default migrant directory until the profiles capability provides its own: a migrant with an account is
 * identified by their user id and belongs to their user's organisation.
 */
const accountMigrants: MigrantDirectory = {
  async migrantIdForUser(db, userId) {
    const row = await db.selectFrom('app_user').select(['id', 'role']).where('id', '=', userId).executeTakeFirst();
    return row?.role === 'migrant' ? row.id : null;
  },
  async userIdForMigrant(db, migrantId) {
    const row = await db
      .selectFrom('app_user')
      .select('id')
      .where('id', '=', migrantId)
      .where('role', '=', 'migrant')
      .executeTakeFirst();
    return row?.id ?? null;
  },
  async organisationOf(db, migrantId) {
    const row = await db
      .selectFrom('app_user')
      .select('organisation_id')
      .where('id', '=', migrantId)
      .where('role', '=', 'migrant')
      .executeTakeFirst();
    return row?.organisation_id ?? null;
  },
  async ensureMigrantForUser(_db, user) {
    return user.id;
  },
};

export const identityCapability = defineCapability({
  name: 'identity',
  setup(registry) {
    registry.provide('migrants', accountMigrants);
    registry.personalData(identityPersonalData);
  },
});

export const identityRoutes: AnyRoute[] = [...authRoutes, ...adminRoutes, ...consentRoutes, ...dataRightsRoutes];
