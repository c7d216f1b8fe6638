// Eligibility rules are data an administrator maintains (corridor match-rules, or a platform admin): writes as
// commands, so every instance's matching index reloads them from the change log.
import { Type } from '@sinclair/typebox';
import { defineCommand } from '../kernel/command.js';
import { notFound } from '../kernel/errors.js';
import { CLOSED } from '../shared/typebox.js';
import { deleteRule, putRule } from './store.js';

const RuleId = Type.String({ minLength: 1, maxLength: 100 });

export const putEligibilityRule = defineCommand({
  name: 'matching.putRule',
  roles: ['platform_admin'],
  input: Type.Object(
    {
      id: RuleId,
      country: Type.String(),
      permitType: Type.String(),
      sectors: Type.Array(Type.String()),
      iscoPrefixes: Type.Array(Type.String()),
      description: Type.String(),
      example: Type.Boolean(),
    },
    CLOSED,
  ),
  run: async (ctx, rule) => {
    await putRule(ctx.db, rule);
    ctx.changed({ entity: 'eligibility_rule', id: rule.id, op: 'update' });
    ctx.audit({ action: 'update', entity: 'eligibility_rule', entityId: rule.id });
    return rule;
  },
});

export const deleteEligibilityRule = defineCommand({
  name: 'matching.deleteRule',
  roles: ['platform_admin'],
  input: Type.Object({ id: RuleId }, CLOSED),
  run: async (ctx, { id }) => {
    if (!(await deleteRule(ctx.db, id))) throw notFound(`No rule "${id}"`, 'id');
    ctx.changed({ entity: 'eligibility_rule', id, op: 'delete' });
    ctx.audit({ action: 'delete', entity: 'eligibility_rule', entityId: id });
    return null;
  },
});
