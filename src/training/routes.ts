// Training-offer routes (/api/v1/training-offers). An organisation's training-provider staff, advisors and admins
// publish the courses it provides (training centres, employment services, NGOs); every signed-in user can browse
// the catalogue.
import { Type } from '@sinclair/typebox';
import { ROLES, defineRoute, type AnyRoute, type MatrixWorld, type RouteContext } from '../kernel/route.js';
import { Country, Lang, SkillUri } from '../profiles/codes.js';
import { DEFAULT_CODES } from '../profiles/testing.js';
import { exampleCodes } from '../profiles/esco.js';
import { TRAINING_MODES, TrainingOfferInput, TrainingOfferRecord, TrainingOfferUpdate } from './model.js';
import {
  createTrainingOffer,
  deleteTrainingOffer,
  findOfferRow,
  getTrainingOffer,
  listTrainingOffers,
  updateTrainingOffer,
} from './store.js';

const OfferParams = Type.Object({
  offerId: Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' }),
});
const PROVIDERS = ['org_admin', 'advisor', 'training_provider'] as const;

async function providesOffer(ctx: RouteContext<{ params: typeof OfferParams }>): Promise<boolean | 'not-found'> {
  const row = await findOfferRow(ctx.db, ctx.params.offerId);
  if (!row) return 'not-found';
  return row.organisation_id === ctx.user.organisationId ? true : 'not-found';
}

export function sampleTrainingOffer(
  overrides: Record<string, unknown> = {},
  codes = DEFAULT_CODES,
): Record<string, unknown> {
  return {
    title: 'Kitchen hygiene and food safety (HACCP)',
    description: 'Two-week course with a certificate.',
    skills: [codes.skills[0], codes.skills[2]],
    durationHours: 40,
    cost: 0,
    currency: 'EUR',
    mode: 'blended',
    location: { country: 'ES', region: 'ES51' },
    language: 'es',
    startDate: '2027-01-15',
    seats: 20,
    ...overrides,
  };
}

async function exampleOffer(world: MatrixWorld): Promise<string> {
  const o = await createTrainingOffer(
    { db: world.db, user: world.orgA.users.advisor },
    world.orgA.id,
    sampleTrainingOffer({}, await exampleCodes(world.db)),
  );
  return o.id;
}

export const trainingRoutes: AnyRoute[] = [
  defineRoute({
    method: 'POST',
    url: '/training-offers',
    summary: 'Publish a training offer your organisation provides',
    tags: ['training'],
    schema: { body: TrainingOfferInput, response: { 201: TrainingOfferRecord } },
    access: { roles: PROVIDERS },
    example: async (world) => ({ body: sampleTrainingOffer({}, await exampleCodes(world.db)) }),
    handler: (ctx) =>
      ctx.transaction(async (tx) => {
        const offer = await createTrainingOffer(tx, tx.user.organisationId, tx.body);
        await tx.audit({ action: 'create', entity: 'training_offer', entityId: offer.id });
        return offer;
      }),
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
    example: async (world) => ({ params: { offerId: await exampleOffer(world) }, otherOrganisation: 'allowed' }),
    handler: async (ctx) => getTrainingOffer(ctx.db, ctx.params.offerId),
  }),
  defineRoute({
    method: 'PUT',
    url: '/training-offers/:offerId',
    summary: 'Replace a training offer (send the version you read; a stale version answers 409)',
    tags: ['training'],
    schema: { params: OfferParams, body: TrainingOfferUpdate, response: { 200: TrainingOfferRecord } },
    access: { roles: PROVIDERS, rule: providesOffer },
    example: async (world) => ({
      params: { offerId: await exampleOffer(world) },
      body: sampleTrainingOffer({ version: 1 }, await exampleCodes(world.db)),
    }),
    handler: (ctx) =>
      ctx.transaction(async (tx) => {
        const offer = await updateTrainingOffer(tx, tx.params.offerId, tx.body);
        await tx.audit({ action: 'update', entity: 'training_offer', entityId: offer.id });
        return offer;
      }),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/training-offers/:offerId',
    summary: 'Withdraw a training offer',
    tags: ['training'],
    schema: { params: OfferParams, response: { 204: Type.Null() } },
    access: { roles: PROVIDERS, rule: providesOffer },
    example: async (world) => ({ params: { offerId: await exampleOffer(world) } }),
    handler: (ctx) =>
      ctx.transaction(async (tx) => {
        await deleteTrainingOffer(tx.db, tx.params.offerId);
        await tx.audit({ action: 'delete', entity: 'training_offer', entityId: tx.params.offerId });
        return null;
      }),
  }),
];
