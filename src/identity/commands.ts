// Identity's writes as commands. Consent: a migrant gives and withdraws their own; an advisor of the organisation
// holding their record records it with them present (recorded_by says who).
import { Type } from '@sinclair/typebox';
import { canReachMigrant } from '../kernel/access.js';
import { defineCommand, type CommandContext, type Decision } from '../kernel/command.js';
import { invalid } from '../kernel/errors.js';
import { StringEnum, CLOSED } from '../shared/typebox.js';
import { giveConsent, withdrawConsent, type Consent } from './consent.js';
import { CONSENT_PURPOSES } from './model.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const CONSENTERS = ['migrant', 'advisor', 'org_admin'] as const;

async function reachMigrant(ctx: CommandContext, input: { migrantId: string }): Promise<Decision> {
  return ctx.user ? canReachMigrant({ db: ctx.db, services: ctx.services, user: ctx.user }, input.migrantId) : true;
}

function consentChanged(ctx: CommandContext, consent: Consent, op: 'create' | 'update'): void {
  ctx.changed({
    entity: 'consent',
    id: consent.id,
    op,
    organisationId: consent.organisationId,
    subjectId: consent.migrantId,
  });
}

export const ConsentInput = Type.Object(
  {
    purpose: StringEnum(CONSENT_PURPOSES),
    /** share_with_organisation: the organisation the person agrees to share with. */
    organisationId: Type.Optional(Id),
    /** What employers (or the named organisation) may see; omitted = the default candidate fields. */
    fieldScopes: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z][a-zA-Z0-9_.]{0,63}$' }), { maxItems: 50 })),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  CLOSED,
);

export const recordConsent = defineCommand({
  name: 'consents.give',
  roles: CONSENTERS,
  input: Type.Composite([Type.Object({ migrantId: Id }), ConsentInput], CLOSED),
  rule: reachMigrant,
  run: async (ctx, input) => {
    const org = await ctx.services.get('migrants').organisationOf(ctx.db, input.migrantId);
    if (!org) throw invalid('No such migrant', 'migrantId');
    const consent = await giveConsent(ctx, {
      migrantId: input.migrantId,
      organisationId: org,
      purpose: input.purpose,
      targetOrganisationId: input.organisationId ?? null,
      fieldScopes: input.fieldScopes ?? null,
      note: input.note ?? null,
    });
    consentChanged(ctx, consent, 'create');
    return consent;
  },
});

export const withdrawConsentCommand = defineCommand({
  name: 'consents.withdraw',
  roles: CONSENTERS,
  input: Type.Object({ migrantId: Id, consentId: Id }, CLOSED),
  rule: reachMigrant,
  run: async (ctx, input) => {
    const consent = await withdrawConsent(ctx, input.migrantId, input.consentId);
    consentChanged(ctx, consent, 'update');
    return consent;
  },
});
