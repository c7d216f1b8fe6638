// Data-subject rights over HTTP: a person exports or erases their own data; an organisation acts on a migrant's
// request for a record it holds (migrants without an account).
import { Type } from '@sinclair/typebox';
import { canReachMigrant } from '../kernel/access.js';
import type { DataSubject } from '../kernel/capability.js';
import { commandRoute, defineRoute, type AnyRoute, type RouteContext } from '../kernel/route.js';
import { compactTables } from '../db/compact.js';
import { eraseMigrantData, eraseOwnData } from './commands.js';
import { SESSION_COOKIE } from '../kernel/session-cookie.js';
import { matrixMigrant } from './consent-routes.js';
import { exportPersonalData } from './data-rights.js';

const ExportView = Type.Object({
  exportedAt: Type.String(),
  subject: Type.Object({
    migrantId: Type.Union([Type.String(), Type.Null()]),
    userId: Type.Union([Type.String(), Type.Null()]),
    organisationId: Type.Union([Type.String(), Type.Null()]),
  }),
  // Each capability's section is its own JSON; no schema, so nothing is silently dropped from an export.
  sections: Type.Record(Type.String(), Type.Unknown()),
});
const ErasureView = Type.Object({ erased: Type.Record(Type.String(), Type.Integer()) });
const Id = Type.String({ minLength: 1, maxLength: 64 });

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
      body: Type.Object({ confirm: Type.Literal(true) }, { additionalProperties: false }),
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
    schema: { params: Type.Object({ migrantId: Id }), response: { 200: ExportView } },
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
      params: Type.Object({ migrantId: Id }),
      body: Type.Object(
        { confirm: Type.Literal(true), reason: Type.String({ minLength: 3, maxLength: 500 }) },
        { additionalProperties: false },
      ),
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
