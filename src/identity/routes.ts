// Identity's routes and capability setup, gathered for src/server/routes.ts.
import { defineCapability, type MigrantDirectory } from '../kernel/capability.js';
import type { AnyRoute } from '../kernel/route.js';
import { auditChainHeads } from '../kernel/audit-chain.js';
import { purgeLoginThrottle } from './auth.js';
import { blindIndex, instanceCipher } from '../kernel/person-keys.js';
import { compactTables } from '../db/compact.js';
import { sealLegacyAccounts } from './sealed.js';
import { sealLegacyConsentNotes } from './consent.js';
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

const DAY_MS = 24 * 60 * 60 * 1000;

export const identityCapability = defineCapability({
  name: 'identity',
  setup(registry) {
    registry.provide('migrants', accountMigrants);
    registry.provide('accountSeal', {
      cipher: instanceCipher(registry.env.config),
      index: blindIndex(registry.env.config),
    });
    registry.personalData(identityPersonalData);
    // Names and e-mails left in clear (written before migration 0195, or by code without the instance key) go
    // under their rows' keys before the server listens; the tables are then rewritten so no old version keeps them.
    registry.onServe('seal accounts', async ({ store, config, log }) => {
      const sealed = await sealLegacyAccounts(store.db, { cipher: instanceCipher(config), index: blindIndex(config) });
      if (sealed > 0) {
        const failed = await compactTables(store, ['app_user', 'invitation']);
        log.info({ sealed, compacted: failed.length === 0 }, 'account names and e-mails sealed');
      }
    });
    // Consent notes left in clear (written before migration 0196) go under their migrants' keys the same way.
    registry.onServe('seal consent notes', async ({ store, config, log }) => {
      const sealed = await sealLegacyConsentNotes(store.db, instanceCipher(config));
      if (sealed > 0) {
        const failed = await compactTables(store, ['consent']);
        log.info({ sealed, compacted: failed.length === 0 }, 'consent notes sealed');
      }
    });
    // The audit chain heads go to the log at start and then daily: a copy of the log kept elsewhere anchors them, so
    // a chain rewritten from some entry onwards no longer matches a head logged before (docs/SECURITY.md).
    let timer: NodeJS.Timeout | undefined;
    registry.onServe('audit chain heads', async ({ store, log }) => {
      const daily = async () => {
        try {
          log.info({ auditChainHeads: await auditChainHeads(store.db) }, 'audit chain heads');
          await purgeLoginThrottle(store.db);
        } catch (err) {
          log.error({ err }, 'audit chain heads: could not read them');
        }
      };
      await daily();
      timer = setInterval(() => void daily(), DAY_MS);
      timer.unref();
    });
    registry.onClose(() => clearInterval(timer));
  },
});

export const identityRoutes: AnyRoute[] = [...authRoutes, ...adminRoutes, ...consentRoutes, ...dataRightsRoutes];
