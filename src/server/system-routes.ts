// Liveness, readiness and the OpenAPI document.
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import { allMigrations } from '../migrations.js';
import { DomainError } from '../kernel/errors.js';
import { defineRoute, type AnyRoute } from '../kernel/route.js';

export function systemRoutes(openapi: () => unknown): AnyRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/health',
      summary: 'Liveness: the process answers',
      tags: ['system'],
      schema: { response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
      access: { roles: 'public' },
      handler: async () => ({ status: 'ok' as const }),
    }),
    defineRoute({
      method: 'GET',
      url: '/ready',
      summary: 'Readiness: database reachable and every migration applied',
      tags: ['system'],
      schema: {
        response: {
          200: Type.Object({ status: Type.Literal('ready'), store: Type.String(), migrations: Type.Integer() }),
        },
      },
      access: { roles: 'public' },
      handler: async (ctx) => {
        let applied: Set<string>;
        try {
          await sql`select 1`.execute(ctx.db);
          const rows = await sql<{ name: string }>`select name from corridor_migration`.execute(ctx.db);
          applied = new Set(rows.rows.map((r) => r.name));
        } catch {
          throw new DomainError('unavailable', 'not_ready', 'Database unreachable or not migrated');
        }
        const pending = (await allMigrations()).filter((m) => !applied.has(m.name));
        if (pending.length) {
          throw new DomainError(
            'unavailable',
            'not_ready',
            `${pending.length} migration(s) pending: ${pending[0]!.name}…`,
          );
        }
        return { status: 'ready' as const, store: ctx.store.kind, migrations: applied.size };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/openapi.json',
      summary: 'OpenAPI 3.1 description of this API',
      tags: ['system'],
      schema: {},
      access: { roles: 'public' },
      handler: async () => openapi(),
    }),
  ];
}
