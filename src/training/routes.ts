// Training-offer routes (/api/v1/training-offers). An organisation's training-provider staff, advisors and admins
// publish the courses it provides (training centres, employment services, NGOs); every signed-in user can browse
// the catalogue.
import { Type } from '@sinclair/typebox';
import { ROLES, commandRoute, defineRoute, type AnyRoute } from '../kernel/route.js';
import { Country, Lang, SkillUri } from '../profiles/domain.js';
import { Uuid } from '../shared/typebox.js';
import { createTrainingOffer, withdrawTrainingOffer, updateTrainingOffer } from './commands.js';
import { TRAINING_MODES, TrainingOfferInput, TrainingOfferRecord, TrainingOfferUpdate } from './model.js';
import { findOfferRow, getTrainingOffer, listTrainingOffers } from './store.js';

/** A create may carry a client-made id (a retried create is then safe). */
const TrainingOfferCreate = Type.Composite([Type.Object({ id: Type.Optional(Uuid) }), TrainingOfferInput], {
  additionalProperties: false,
});

const OfferParams = Type.Object({ offerId: Uuid });

// Matrix examples build records through the capability's test fixtures, loaded only when the matrix runs.
const fixtures = () => import('./testing.js');

export const trainingRoutes: AnyRoute[] = [
  commandRoute({
    method: 'POST',
    url: '/training-offers',
    summary: 'Publish a training offer your organisation provides',
    description: 'Send your own `id` (UUID) and an Idempotency-Key header to make a retry safe.',
    tags: ['training'],
    schema: { body: TrainingOfferCreate, response: { 201: TrainingOfferRecord } },
    command: createTrainingOffer,
    input: (ctx) => ctx.body,
    example: async (world) => ({ body: await (await fixtures()).exampleOfferBody(world) }),
  }),
  defineRoute({
    method: 'GET',
    url: '/training-offers',
    summary: 'Browse training offers (mine=true: your organisation’s only)',
    tags: ['training'],
    schema: {
      querystring: Type.Object({
        skill: Type.Optional(SkillUri),
        mode: Type.Optional(Type.Union(TRAINING_MODES.map((m) => Type.Literal(m)))),
        language: Type.Optional(Lang),
        country: Type.Optional(Country),
        mine: Type.Optional(Type.Boolean()),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
        offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
      }),
      response: { 200: Type.Object({ items: Type.Array(TrainingOfferRecord) }) },
    },
    access: { roles: ROLES },
    handler: async (ctx) => {
      const { mine, ...q } = ctx.query;
      const items = await listTrainingOffers(ctx.db, {
        ...q,
        ...(mine ? { organisationId: ctx.user.organisationId } : { status: 'open' as const }),
      });
      return { items };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/training-offers/:offerId',
    summary: 'Read a training offer',
    tags: ['training'],
    schema: { params: OfferParams, response: { 200: TrainingOfferRecord } },
    // Open offers are published to everyone; a closed one stays with its own organisation (404 elsewhere).
    access: {
      roles: ROLES,
      rule: async (ctx) => {
        const row = await findOfferRow(ctx.db, ctx.params.offerId);
        if (!row) return 'not-found';
        return row.status === 'open' ||
          row.organisation_id === ctx.user.organisationId ||
          ctx.user.role === 'platform_admin'
          ? true
          : 'not-found';
      },
    },
    example: async (world) => ({
      params: { offerId: await (await fixtures()).exampleOffer(world) },
      otherOrganisation: 'allowed',
    }),
    handler: async (ctx) => getTrainingOffer(ctx.db, ctx.params.offerId),
  }),
  commandRoute({
    method: 'PUT',
    url: '/training-offers/:offerId',
    summary: 'Replace a training offer (send the version you read; a stale version answers 409)',
    tags: ['training'],
    schema: { params: OfferParams, body: TrainingOfferUpdate, response: { 200: TrainingOfferRecord } },
    command: updateTrainingOffer,
    input: (ctx) => ({ ...ctx.body, offerId: ctx.params.offerId }),
    example: async (world) => {
      const f = await fixtures();
      return {
        params: { offerId: await f.exampleOffer(world) },
        body: { ...(await f.exampleOfferBody(world)), version: 1 },
      };
    },
  }),
  commandRoute({
    method: 'DELETE',
    url: '/training-offers/:offerId',
    summary: 'Withdraw a training offer',
    tags: ['training'],
    schema: { params: OfferParams, response: { 204: Type.Null() } },
    command: withdrawTrainingOffer,
    input: (ctx) => ({ offerId: ctx.params.offerId }),
    example: async (world) => ({ params: { offerId: await (await fixtures()).exampleOffer(world) } }),
  }),
];
