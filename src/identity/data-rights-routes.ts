// Data-subject rights over HTTP: a person exports or erases their own data; an organisation acts on a migrant's
// request for a record it holds (migrants without an account).
import { canReachMigrant } from '../kernel/access.js';
import type { DataSubject } from '../kernel/capability.js';
import { commandRoute, defineRoute, type AnyRoute, type RouteContext } from '../kernel/route.js';
import { compactTables } from '../db/compact.js';
import { eraseMigrantData, eraseOwnData } from './commands.js';
import { SESSION_COOKIE } from '../kernel/session-cookie.js';
import { matrixMigrant } from './consent-routes.js';
import { exportPersonalData } from './data-rights.js';
import { EraseMigrantBody, EraseSelfBody, ErasureView, ExportView, MigrantParams } from './contract.js';

async function selfSubject(ctx: RouteContext): Promise<DataSubject> {
  const migrantId = await ctx.services.get('migrants').migrantIdForUser(ctx.db, ctx.user.id);
  return { migrantId, userId: ctx.user.id, organisationId: ctx.user.organisationId };
}

async function migrantSubject(ctx: RouteContext, migrantId: string): Promise<DataSubject> {
  const directory = ctx.services.get('migrants');
  return {
    migrantId,
    userId: await directory.userIdForMigrant(ctx.db, migrantId),
    organisationId: await directory.organisationOf(ctx.db, migrantId),
  };
}

export const dataRightsRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/me/export',
    summary: 'Everything Corridor holds about me, as JSON',
    tags: ['data rights'],
    schema: { response: { 200: ExportView } },
    access: { roles: ['migrant', 'advisor', 'employer', 'assessor', 'analyst', 'org_admin', 'platform_admin'] },
    handler: async (ctx) => {
      ctx.reply.header('content-disposition', 'attachment; filename="corridor-export.json"');
      return exportPersonalData(ctx, await selfSubject(ctx));
    },
  }),
  commandRoute({
    method: 'POST',
    url: '/me/erasure',
    summary: 'Erase my personal data and close my account (anonymised statistics remain only with that consent)',
    tags: ['data rights'],
    schema: {
      body: EraseSelfBody,
      response: { 200: ErasureView },
    },
    command: eraseOwnData,
    input: (ctx) => ctx.body,
    example: async () => ({ body: { confirm: true } }),
    output: async (result, ctx) => {
      await compactAfterErasure(ctx, result.tables);
      ctx.reply.clearCookie(SESSION_COOKIE, { path: '/' });
      ctx.reply.status(200);
      return { erased: result.counts };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/migrants/:migrantId/export',
    summary: "Export a migrant's data on their request (for migrants without an account)",
    tags: ['data rights'],
    schema: { params: MigrantParams, response: { 200: ExportView } },
    access: { roles: ['advisor', 'org_admin'], rule: (ctx) => canReachMigrant(ctx, ctx.params.migrantId) },
    example: async (w) => ({ params: { migrantId: await matrixMigrant(w) } }),
    handler: async (ctx) => exportPersonalData(ctx, await migrantSubject(ctx, ctx.params.migrantId)),
  }),
  commandRoute({
    method: 'POST',
    url: '/migrants/:migrantId/erasure',
    summary: "Erase a migrant's personal data on their request",
    tags: ['data rights'],
    schema: {
      params: MigrantParams,
      body: EraseMigrantBody,
      response: { 200: ErasureView },
    },
    command: eraseMigrantData,
    input: (ctx) => ({ ...ctx.body, migrantId: ctx.params.migrantId }),
    example: async (w) => ({
      params: { migrantId: await matrixMigrant(w) },
      body: { confirm: true, reason: 'matrix test' },
    }),
    output: async (result, ctx) => {
      await compactAfterErasure(ctx, result.tables);
      return { erased: result.counts };
    },
  }),
];

/** After commit: no old row version keeps the erased values (see db/compact.ts). A failure is logged, not fatal. */
async function compactAfterErasure(ctx: RouteContext, tables: string[]): Promise<void> {
  const failed = await compactTables(ctx.store, tables).catch((err: unknown) => {
    ctx.log.error({ err }, 'compaction after erasure failed');
    return tables;
  });
  if (failed.length) ctx.log.error({ tables: failed }, 'tables not compacted after erasure');
}
