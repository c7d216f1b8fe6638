// Labour-market writes as commands: the minimum cell size k (platform administrators) and imports of outside figures
// (analysts and platform administrators). Each leaves an audit entry and a change entry in its transaction.
import { randomUUID } from 'node:crypto';
import { defineCommand } from '../kernel/command.js';
import { notFound, unavailable } from '../kernel/errors.js';
import { ImportInput, ImportParams, SettingsInput } from './contract.js';
import { disclosurePolicy } from './disclosure.js';
import { parseImport } from './imports.js';
import { statisticsTaxonomy } from './taxonomy.js';
import { auditReason } from '../shared/audit-reasons.js';

export const setMinimumCellSize = defineCommand({
  name: 'labour-market.settings',
  roles: ['platform_admin'],
  // The schema admits any whole number so that a k below the floor gets the disclosure module's own message.
  input: SettingsInput,
  run: async (ctx, input) => {
    const { k } = disclosurePolicy({ k: input.k });
    await ctx.db
      .updateTable('lm_setting')
      .set({ k, updated_at: ctx.now, updated_by: ctx.user?.id ?? null })
      .where('id', '=', 1)
      .execute();
    ctx.audit({
      action: 'update',
      entity: 'lm_setting',
      entityId: '1',
      fields: ['k'],
      reason: auditReason('smallestCountSet', { k }),
    });
    ctx.changed({ entity: 'lm_setting', id: '1', op: 'update' });
    return { k };
  },
});

export const importOutsideFigures = defineCommand({
  name: 'labour-market.import',
  roles: ['analyst', 'platform_admin'],
  input: ImportInput,
  run: async (ctx, input) => {
    let isIsco: (code: string) => boolean;
    try {
      const taxonomy = await ctx.services.get('taxonomy').current(ctx.db);
      isIsco = statisticsTaxonomy(taxonomy.snapshot).hasIsco;
    } catch {
      throw unavailable('No ESCO taxonomy is loaded yet: ISCO codes cannot be checked', 'taxonomy_not_loaded');
    }
    // Every line is checked before anything is written; one bad line refuses the file.
    const parsed = parseImport(input.kind, input.csv, isIsco);
    const id = randomUUID();
    await ctx.db
      .insertInto('lm_import')
      .values({
        id,
        organisation_id: ctx.user?.organisationId ?? null,
        kind: input.kind,
        source: input.source,
        rows: parsed.lines.length,
        imported_by: ctx.user?.id ?? null,
        imported_at: ctx.now,
      })
      .execute();
    for (let i = 0; i < parsed.lines.length; i += 1000) {
      const chunk = parsed.lines.slice(i, i + 1000);
      if (parsed.kind === 'shortage-list') {
        await ctx.db
          .insertInto('lm_shortage_occupation')
          .values(
            (chunk as typeof parsed.lines).map((l) => ({
              import_id: id,
              line: l.line,
              country: l.country,
              region: l.region,
              isco: l.isco,
              title: l.title,
              period: l.period,
            })),
          )
          .execute();
      } else {
        await ctx.db
          .insertInto('lm_outside_figure')
          .values(
            (chunk as typeof parsed.lines).map((l) => ({
              import_id: id,
              line: l.line,
              country: l.country,
              indicator: l.indicator,
              period: l.period,
              isco: l.isco,
              sex: l.sex,
              age_group: l.ageGroup,
              isced_band: l.iscedBand,
              value: l.value,
              unit: l.unit,
            })),
          )
          .execute();
      }
    }
    ctx.audit({
      action: 'create',
      entity: 'lm_import',
      entityId: id,
      reason: auditReason('statisticsImported', { kind: input.kind, lines: parsed.lines.length }),
    });
    ctx.changed({ entity: 'lm_import', id, op: 'create', organisationId: ctx.user?.organisationId ?? null });
    return { id, kind: input.kind, source: input.source, rows: parsed.lines.length, importedAt: ctx.now.toISOString() };
  },
});

export const deleteImport = defineCommand({
  name: 'labour-market.import.delete',
  roles: ['analyst', 'platform_admin'],
  input: ImportParams,
  run: async (ctx, input) => {
    const gone = await ctx.db.deleteFrom('lm_import').where('id', '=', input.importId).returning('id').execute();
    if (gone.length === 0) throw notFound('No such import', 'importId');
    ctx.audit({ action: 'delete', entity: 'lm_import', entityId: input.importId });
    ctx.changed({ entity: 'lm_import', id: input.importId, op: 'delete' });
    return { deleted: input.importId };
  },
});
