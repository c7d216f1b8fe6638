// Consent records of a migrant: list, give, withdraw. The migrant acts for themselves; an advisor of the
// organisation holding their record may record consent on their behalf (recorded_by says who).
import { canReachMigrant } from '../kernel/access.js';
import { commandRoute, defineRoute, type AnyRoute, type MatrixWorld } from '../kernel/route.js';
import { recordConsent, withdrawConsentCommand } from './commands.js';
import { listConsents } from './consent.js';
import { ConsentInput, ConsentList, ConsentParams, ConsentView, MigrantParams } from './contract.js';

const WHO = ['migrant', 'advisor', 'org_admin'] as const;
const migrantExample = async (w: MatrixWorld) => ({ params: { migrantId: await matrixMigrant(w) } });

/** The migrant record of organisation A's migrant user (created through the directory, as on sign-up). */
export async function matrixMigrant(w: MatrixWorld): Promise<string> {
  return w.services.get('migrants').ensureMigrantForUser(w.db, w.orgA.users.migrant);
}

export const consentRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/migrants/:migrantId/consents',
    summary: "A migrant's consent records, current and withdrawn",
    tags: ['consent'],
    schema: { params: MigrantParams, response: { 200: ConsentList } },
    access: { roles: WHO, rule: (ctx) => canReachMigrant(ctx, ctx.params.migrantId) },
    example: migrantExample,
    handler: async (ctx) => ({ consents: await listConsents(ctx.db, ctx.cipher, ctx.params.migrantId) }),
  }),
  commandRoute({
    method: 'POST',
    url: '/migrants/:migrantId/consents',
    summary: 'Record consent for a purpose (replaces the active record for the same purpose and organisation)',
    tags: ['consent'],
    schema: { params: MigrantParams, body: ConsentInput, response: { 201: ConsentView } },
    command: recordConsent,
    input: (ctx) => ({ ...ctx.body, migrantId: ctx.params.migrantId }),
    example: async (w) => ({ ...(await migrantExample(w)), body: { purpose: 'profiling' } }),
  }),
  commandRoute({
    method: 'POST',
    url: '/migrants/:migrantId/consents/:consentId/withdraw',
    summary: 'Withdraw consent; effective immediately',
    tags: ['consent'],
    schema: { params: ConsentParams, response: { 200: ConsentView } },
    command: withdrawConsentCommand,
    input: (ctx) => ({ migrantId: ctx.params.migrantId, consentId: ctx.params.consentId }),
    example: async (w) => {
      const migrantId = await matrixMigrant(w);
      const consent = await w.kernel.execute(
        recordConsent,
        { user: w.orgA.users.advisor },
        { migrantId, purpose: 'anonymised_statistics' },
      );
      return { params: { migrantId, consentId: consent.id } };
    },
  }),
];
