// Taxonomy writes as commands. Importing a version is a bulk load run by the CLI on the server (files, not
// uploads); making an imported version the active one is a platform admin's decision, audited and in the change log.
import { Type } from '@sinclair/typebox';
import { defineCommand } from '../kernel/command.js';
import { activateVersion } from './store/versions.js';
import { auditReason } from '../shared/audit-reasons.js';

export const VersionName = Type.String({
  pattern: '^[0-9A-Za-z][0-9A-Za-z._+-]{0,39}$',
  description: 'ESCO version (default: the active one)',
});

export const activateTaxonomyVersion = defineCommand({
  name: 'taxonomy.activate',
  roles: ['platform_admin'],
  input: Type.Object({ version: VersionName }, { additionalProperties: false }),
  run: async (ctx, input) => {
    await activateVersion(ctx.db, input.version);
    ctx.changed({ entity: 'taxonomy_version', id: input.version, op: 'update', organisationId: null });
    ctx.audit({
      action: 'update',
      entity: 'taxonomy_version',
      entityId: input.version,
      reason: auditReason('taxonomyActivated'),
    });
    return { active: input.version };
  },
});
