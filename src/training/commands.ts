// Training-offer writes as commands: publish, replace (edit, close, reopen), withdraw. A provider organisation's
// staff manage its own offers; nobody else writes them.
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { defineCommand, type CommandContext } from '../kernel/command.js';
import { invalid, notFound } from '../kernel/errors.js';
import { CLOSED, Uuid } from '../shared/typebox.js';
import { TrainingOfferInput, TrainingOfferUpdate, type TrainingOfferRecord } from './model.js';
import { mayManageOffer, TRAINING_PROVIDERS } from './policy.js';
import { deleteTrainingOffer, findOfferRow, insertTrainingOffer, replaceTrainingOffer } from './store.js';

function changed(ctx: CommandContext, o: TrainingOfferRecord, op: 'create' | 'update'): void {
  ctx.changed({ entity: 'training_offer', id: o.id, op, organisationId: o.organisationId, version: o.version });
  ctx.audit({ action: op, entity: 'training_offer', entityId: o.id, organisationId: o.organisationId });
}

export const CreateTrainingOffer = Type.Composite(
  [
    Type.Object({
      /** A client-made id makes a retried create safe. */
      id: Type.Optional(Uuid),
      /** The provider organisation; a signed-in caller publishes for their own (system callers name it). */
      organisationId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    }),
    TrainingOfferInput,
  ],
  CLOSED,
);

export const createTrainingOffer = defineCommand({
  name: 'training.create',
  roles: TRAINING_PROVIDERS,
  input: CreateTrainingOffer,
  run: async (ctx, input) => {
    const { organisationId: named, id, ...fields } = input;
    const organisationId = ctx.user ? ctx.user.organisationId : named;
    if (!organisationId) throw invalid('Name the provider organisation', 'organisationId');
    const offer = await insertTrainingOffer(
      ctx.db,
      { id: id ?? randomUUID(), organisationId, createdBy: ctx.user?.id ?? null },
      fields,
    );
    changed(ctx, offer, 'create');
    return offer;
  },
});

const OfferRef = Type.Object({ offerId: Uuid });

async function providerRule(ctx: CommandContext, input: { offerId: string }) {
  const row = await findOfferRow(ctx.db, input.offerId);
  return row && ctx.user && mayManageOffer(ctx.user, row.organisation_id) ? true : 'not-found';
}

export const updateTrainingOffer = defineCommand({
  name: 'training.update',
  roles: TRAINING_PROVIDERS,
  input: Type.Composite([OfferRef, TrainingOfferUpdate], CLOSED),
  rule: providerRule,
  run: async (ctx, input) => {
    const { offerId, version, ...fields } = input;
    const offer = await replaceTrainingOffer(ctx.db, offerId, version, fields);
    changed(ctx, offer, 'update');
    return offer;
  },
});

export const withdrawTrainingOffer = defineCommand({
  name: 'training.withdraw',
  roles: TRAINING_PROVIDERS,
  input: OfferRef,
  rule: providerRule,
  run: async (ctx, input) => {
    const row = await findOfferRow(ctx.db, input.offerId);
    if (!row || !(await deleteTrainingOffer(ctx.db, input.offerId)))
      throw notFound('No such training offer', 'offerId');
    ctx.changed({ entity: 'training_offer', id: input.offerId, op: 'delete', organisationId: row.organisation_id });
    ctx.audit({
      action: 'delete',
      entity: 'training_offer',
      entityId: input.offerId,
      organisationId: row.organisation_id,
    });
    return null;
  },
});
