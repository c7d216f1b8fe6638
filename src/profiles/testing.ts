// Test fixtures for profiles, vacancies and training offers: organisations, users and valid inputs.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { AuthUser, Role } from '../kernel/auth.js';
import type { OrganisationType } from '../identity/domain.js';
import { createKeyring, fieldCipher, type FieldCipher } from '../shared/crypto.js';
import { testConfig } from '../shared/config.js';
import { blindIndex, type BlindIndex } from '../kernel/person-keys.js';
import { SYSTEM, type Actor, type Kernel } from '../kernel/command.js';
import type { MatrixWorld } from '../kernel/route.js';
import { createProfile, updateProfile } from './commands.js';
import { exampleCodes } from './esco.js';
import type { Profile } from './model.js';
import { profileIdForUser } from './store.js';

export const testCipher: FieldCipher = fieldCipher(createKeyring('test-secret-key-0123456789abcdefghijklmnop'));
/** The blind index of the test configuration (what the test kernel's commands write). */
export const testIndex: BlindIndex = blindIndex(testConfig());
/** Opens and finds names as the test kernel's commands sealed them (its own cipher). */
export const testSeal = (cipher: FieldCipher = testCipher) => ({ cipher, index: testIndex });

/** Real ESCO v1.1.1 URIs (cook, welder, three essential skills of cook), so fixtures also resolve against the shipped taxonomy. */
export const URI = {
  cook: 'http://data.europa.eu/esco/occupation/90f75f67-495d-49fa-ab57-2f320e251d7e',
  welder: 'http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b',
  skillA: 'http://data.europa.eu/esco/skill/0ff99f51-40d9-42f1-a1ec-377b2bb5e15f',
  skillB: 'http://data.europa.eu/esco/skill/210827e3-3129-45a2-8683-70399f3f561f',
  skillC: 'http://data.europa.eu/esco/skill/29b326ea-a9c8-4963-b35a-8541d0cdff77',
};

export async function seedOrganisation(db: Kysely<Database>, type: OrganisationType = 'ngo'): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('organisation')
    .values({
      id,
      organisation_id: id,
      name: `${type} ${id}`,
      type,
      licence_number: type === 'recruitment_agency' ? 'L-1' : null,
      country: 'ES',
    })
    .execute();
  return id;
}

export async function seedUser(db: Kysely<Database>, organisationId: string, role: Role): Promise<AuthUser> {
  const id = randomUUID();
  const email = `${role}-${id}@example.org`;
  await db
    .insertInto('app_user')
    .values({ id, organisation_id: organisationId, email, name: `${role} user`, role, updated_at: new Date() })
    .execute();
  return { id, name: `${role} user`, email, role, organisationId };
}

/** Codes a sample uses; defaults to the URI constants above. */
export interface SampleCodes {
  occupation: string;
  skills: [string, string, string];
}
export const DEFAULT_CODES: SampleCodes = { occupation: URI.cook, skills: [URI.skillA, URI.skillB, URI.skillC] };

export function sampleProfile(overrides: Record<string, unknown> = {}, codes = DEFAULT_CODES): Record<string, unknown> {
  return {
    displayName: 'Amina K.',
    profilingConsent: true,
    originCountry: 'SN',
    currentCountry: 'ES',
    currentRegion: 'ES51',
    sex: 'female',
    birthYear: 1994,
    languages: [
      { lang: 'fr', native: true },
      { lang: 'es', listening: 'B1', reading: 'A2', speaking: 'B1', writing: 'A2' },
    ],
    education: [{ iscedLevel: 3, field: '1013', title: 'Baccalauréat technique', completed: true }],
    qualifications: [{ title: 'CAP Cuisine', country: 'SN', year: 2014 }],
    experience: [{ occupationUri: codes.occupation, title: 'cuisinière', country: 'SN', months: 48, formal: false }],
    skills: [
      { uri: codes.skills[0], evidence: 'self-declared', source: 'self-declared' },
      { uri: codes.skills[1], evidence: 'advisor-checked', source: 'interview' },
    ],
    workAuthorization: {
      migrationStatus: 'temporary protection',
      permits: [
        {
          country: 'ES',
          type: 'work-general',
          validFrom: '2025-01-01',
          validUntil: '2027-12-31',
          sectors: ['I'],
          documentNumber: 'Y1234567Z',
        },
      ],
    },
    preferences: { occupations: [codes.occupation], regions: [], willingToRelocate: true, relocationCountries: ['ES'] },
    seeking: true,
    availableFrom: '2026-12-01',
    ...overrides,
  };
}

/** Creates a profile through the create command: as the given advisor, or as the system for an organisation. */
export async function seedProfile(
  kernel: Kernel,
  by: Actor | { organisationId: string },
  overrides: Record<string, unknown> = {},
  codes = DEFAULT_CODES,
): Promise<Profile> {
  const actor = 'organisationId' in by ? SYSTEM : by;
  const organisationId = 'organisationId' in by ? { organisationId: by.organisationId } : {};
  return kernel.execute(createProfile, actor, { ...sampleProfile(overrides, codes), ...organisationId });
}

/** A profile in organisation A; by default the one linked to A's migrant account (created on first use). */
export async function exampleProfile(world: MatrixWorld, linkMigrant = true): Promise<string> {
  const migrant = world.orgA.users.migrant;
  if (linkMigrant) {
    const existing = await profileIdForUser(world.db, migrant.id);
    if (existing) {
      // The account's profile began as a draft on invitation acceptance: record the profiling consent once.
      const held = await world.db
        .selectFrom('consent')
        .select('id')
        .where('migrant_id', '=', existing)
        .where('purpose', '=', 'profiling')
        .where('withdrawn_at', 'is', null)
        .executeTakeFirst();
      if (!held) {
        await world.db
          .insertInto('consent')
          .values({
            id: randomUUID(),
            organisation_id: world.orgA.id,
            migrant_id: existing,
            purpose: 'profiling',
            given_at: new Date(),
            recorded_by: world.orgA.users.advisor.id,
          })
          .execute();
      }
      return existing;
    }
  }
  const codes = await exampleCodes(world.db);
  const overrides = linkMigrant ? { userId: migrant.id } : {};
  return (await seedProfile(world.kernel, { user: world.orgA.users.advisor }, overrides, codes)).id;
}

/**
 * Test shims for code written against the old store calls `createProfile(ctx, org, body)` /
 * `updateProfile(ctx, id, body)`: the same arguments, run through the commands (policy, audit, change log). A caller
 * of another organisation (or none) acts as the system.
 */
export function profileWrites(kernel: Kernel) {
  const actorFor = (user: AuthUser | null, org?: string): Actor =>
    user && (org === undefined || user.organisationId === org) ? { user } : SYSTEM;
  return {
    createProfile: (ctx: { user: AuthUser | null }, organisationId: string, body: Record<string, unknown>) => {
      const actor = actorFor(ctx.user, organisationId);
      return kernel.execute(createProfile, actor, { ...body, ...(actor.user ? {} : { organisationId }) });
    },
    updateProfile: (ctx: { user: AuthUser | null }, profileId: string, body: Record<string, unknown>) =>
      kernel.execute(updateProfile, actorFor(ctx.user), { ...body, profileId }),
  };
}
