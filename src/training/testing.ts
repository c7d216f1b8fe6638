// Test fixtures for training offers: a valid offer body, and offers made through the create command (so fixtures
// leave the same audit and change entries as real writes). Production code never imports this file statically.
import type { MatrixWorld } from '../kernel/route.js';
import { exampleCodes } from '../profiles/domain.js';
import { DEFAULT_CODES } from '../profiles/testing.js';
import { createTrainingOffer } from './commands.js';
import type { TrainingOfferInput } from './model.js';

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

export async function exampleOfferBody(world: MatrixWorld): Promise<Record<string, unknown>> {
  return sampleTrainingOffer({}, await exampleCodes(world.db));
}

/** An offer of organisation A, published by its advisor. */
export async function exampleOffer(world: MatrixWorld): Promise<string> {
  const body = sampleTrainingOffer({}, await exampleCodes(world.db)) as TrainingOfferInput;
  const o = await world.kernel.execute(createTrainingOffer, { user: world.orgA.users.advisor }, body);
  return o.id;
}
