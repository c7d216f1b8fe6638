// Profile routes (/api/v1/profiles) and the profiles capability: who may see and change a job-seeker profile.
// Advisors and org admins work on their organisation's caseload; a migrant on their own profile; an employer sees
// a candidate view only under the migrant's consent, cut to the consented fields.
import { assessedSkills } from '../recognition/domain.js';
import { Type } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import {
  defineCapability,
  type MigrantDirectory,
  type PersonalDataContext,
  type Services,
} from '../kernel/capability.js';
import { preferredLabel, guessLanguage } from '../taxonomy/domain.js';
import { commandRoute, defineRoute, type AnyRoute, type MatrixWorld, type RouteContext } from '../kernel/route.js';
import { DomainError, notFound, unavailable } from '../kernel/errors.js';
import type { AuditEntry } from '../kernel/audit.js';
import { CandidateView, Profile, ProfileCreate, ProfileSummary, ProfileUpdate } from './model.js';
import { CodeSuggestionRequest, CodeSuggestions } from './contract.js';
import {
  candidateView,
  ensureProfileForUser,
  eraseProfile,
  exportProfile,
  sealLegacyFreeText,
  sealLegacyNames,
  sealLegacyProfiles,
  type NameSeal,
  findProfileRow,
  getProfile,
  listProfiles,
  organisationOfProfile,
  profileIdForUser,
  readProfile,
  type ProfileRow,
} from './store.js';
import { createProfile, updateProfile } from './commands.js';
import { mayReachProfile } from './policy.js';
import { employerConsents, visibleFields } from './visibility.js';
import { randomUUID } from 'node:crypto';
import { blindIndex, instanceCipher, sealNote } from '../kernel/person-keys.js';
import { compactTables } from '../db/compact.js';
import { hasConsent } from '../identity/domain.js';

// Matrix examples build records through the capability's test fixtures, loaded only when the matrix runs.
const fixtures = () => import('./testing.js');
import { Text } from './codes.js';
import { exampleCodes } from './esco.js';
import { cvRoute } from './cv/routes.js';
import { PdfRenderPool } from './cv/pool.js';
import { accountRoutes } from './account-routes.js';
import { auditReason } from '../shared/audit-reasons.js';

const ProfileParams = Type.Object({
  profileId: Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' }),
});
const SENSITIVE_FIELDS = ['workAuthorization.migrationStatus', 'workAuthorization.permits.documentNumber'];
/** Field groups a plain profile read shows (named in its audit entry). */
const PERSONAL_GROUPS = ['identity', 'origin', 'sex', 'birthYear', 'workAuthorization.permits', 'profile'];

/** Rows read by the access rule, reused by the handler of the same request (one query instead of two). */
const ruleRows = new WeakMap<object, ProfileRow>();

/**
 * Same decision as server/access canReachMigrant for these routes' roles (a migrant: own profile; staff: their
 * organisation's), but reading the whole row once for the handler.
 */
async function ownsProfileRow(ctx: RouteContext<{ params: typeof ProfileParams }>): Promise<true | 'not-found'> {
  const row = await findProfileRow(ctx.db, ctx.params.profileId);
  if (!row) return 'not-found';
  if (!mayReachProfile(ctx.user, row)) return 'not-found';
  ruleRows.set(ctx, row);
  return true;
}

/** Asks the taxonomy engine for candidate codes; 503 when no taxonomy is loaded. Writes nothing. */
async function suggestCodes(db: Kysely<Database>, services: Services, body: CodeSuggestionRequest) {
  let service;
  try {
    service = await services.get('taxonomy').current(db);
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw unavailable('No ESCO taxonomy is loaded yet', 'taxonomy_not_loaded');
  }
  const known = (l: string | undefined) => (l && service.languages.includes(l) ? l : undefined);
  const labelLang = known(body.labelLang);
  const text = body.description ? `${body.text}\n${body.description}` : body.text;
  // The text is read in its own language, not the reader's: "J'ai" in French is no "AI" in English.
  const lang = body.lang ?? guessLanguage(text, service.languages, labelLang ?? 'en');
  const shownIn = labelLang ?? known(lang) ?? 'en';
  const label = (uri: string, fallback: string) => {
    const concept = service.snapshot.skills.get(uri) ?? service.snapshot.occupations.get(uri);
    return concept ? preferredLabel(concept.labels, shownIn) || fallback : fallback;
  };
  const top = body.top ?? 5;
  const suggestions =
    body.kind === 'occupation'
      ? service
          .classifyOccupation({ title: body.text, description: body.description }, { lang: shownIn, top })
          .map((o) => ({ uri: o.uri, label: o.label, score: o.score, isco: o.isco, code: o.code }))
      : service
          .extractSkills(text, { lang, top })
          .map((k) => ({ uri: k.uri, label: label(k.uri, k.label), score: k.score, evidence: k.evidence }));
  return {
    taxonomyVersion: service.version,
    lang,
    langDetected: body.lang === undefined,
    needsConfirmation: true,
    suggestions,
  };
}

/** Matrix examples: the suggestion route needs some taxonomy (the test fixture, loaded only when the matrix runs). */
async function ensureSomeTaxonomy(world: MatrixWorld): Promise<void> {
  await (await import('../taxonomy/testing.js')).ensureExampleTaxonomy(world);
}

export const profileRoutes: AnyRoute[] = [
  // Issue 10: the person's own account, linked to the profile their advisor made.
  ...accountRoutes,
  commandRoute({
    method: 'POST',
    url: '/profiles',
    summary: 'Create a job-seeker profile in your organisation’s caseload',
    description: 'Send your own `id` (UUID) and an Idempotency-Key header to make a retry safe.',
    tags: ['profiles'],
    schema: { body: ProfileCreate, response: { 201: Profile } },
    command: createProfile,
    input: (ctx) => ctx.body,
    example: async (world) => ({ body: (await fixtures()).sampleProfile({}, await exampleCodes(world.db)) }),
  }),
  defineRoute({
    method: 'GET',
    url: '/profiles',
    summary: 'List your organisation’s caseload',
    tags: ['profiles'],
    schema: {
      querystring: Type.Object({
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
        offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
        name: Type.Optional(Text(200)),
        seeking: Type.Optional(Type.Boolean()),
      }),
      response: { 200: Type.Object({ items: Type.Array(ProfileSummary) }) },
    },
    access: { roles: ['advisor', 'org_admin'] },
    // Reads without a transaction: their audit entries join the other reads' group commit (kernel/audit.ts), and
    // nothing is answered until the entry is stored.
    handler: async (ctx) => {
      const seal = { cipher: ctx.cipher, index: blindIndex(ctx.config) };
      const items = await listProfiles(ctx.db, seal, ctx.user.organisationId, ctx.query);
      // One entry per request naming the people shown (ids only; the name searched for is not kept).
      await ctx.audit({
        action: 'read',
        entity: 'profile',
        entityId: null,
        fields: ['displayName', 'origin', 'location'],
        reason: auditReason('caseloadList'),
        subjectIds: items.map((i) => i.id),
      });
      return { items };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/profiles/me',
    summary: 'Your own profile (migrant)',
    tags: ['profiles'],
    schema: { response: { 200: Profile } },
    access: { roles: ['migrant'] },
    handler: async (ctx) => {
      const id = await profileIdForUser(ctx.db, ctx.user.id);
      if (!id) throw notFound('No profile is linked to your account yet; ask your advisor');
      const profile = await getProfile(ctx.db, ctx.cipher, id);
      await ctx.audit({
        action: 'read',
        entity: 'profile',
        entityId: id,
        fields: PERSONAL_GROUPS,
        reason: auditReason('ownProfile'),
      });
      return profile;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/profiles/:profileId',
    summary: 'Read a profile',
    description:
      'With include=sensitive the migration status and permit document numbers are decrypted; such reads are audited.',
    tags: ['profiles'],
    schema: {
      params: ProfileParams,
      querystring: Type.Object({
        include: Type.Optional(Type.Literal('sensitive')),
        reason: Type.Optional(Text(500)),
      }),
      response: { 200: Profile },
    },
    access: { roles: ['advisor', 'org_admin', 'migrant'], rule: ownsProfileRow },
    example: async (world) => ({ params: { profileId: await (await fixtures()).exampleProfile(world) } }),
    handler: async (ctx) => {
      const sensitive = ctx.query.include === 'sensitive';
      const row = ruleRows.get(ctx);
      // Every personal read is audited: ids, field groups and a reason code; the reader's free-text note is
      // encrypted under the person's key, so erasure shreds it with the rest.
      const entry = (profile: Profile, noteEnc?: string): AuditEntry => ({
        action: 'read',
        entity: 'profile',
        entityId: profile.id,
        organisationId: profile.organisationId,
        fields: sensitive ? [...PERSONAL_GROUPS, ...SENSITIVE_FIELDS] : PERSONAL_GROUPS,
        reason: auditReason(sensitive ? 'sensitiveRead' : 'profileRead'),
        noteEnc,
      });
      // A plain read writes only its audit entry, which joins the other reads' group commit; a sensitive read, or
      // one with a note (sealed under the person's key, made on first use), runs in a transaction.
      if (!sensitive && !ctx.query.reason && row) {
        const profile = await readProfile(ctx.db, ctx.cipher, row, false);
        await ctx.audit(entry(profile));
        return profile;
      }
      return ctx.transaction(async (tx) => {
        const profile = sensitive
          ? await getProfile(tx.db, tx.cipher, tx.params.profileId, true)
          : row
            ? await readProfile(tx.db, tx.cipher, row, false)
            : await getProfile(tx.db, tx.cipher, tx.params.profileId);
        await tx.audit(
          entry(profile, await sealNote(tx.db, tx.cipher, profile.id, profile.organisationId, tx.query.reason)),
        );
        return profile;
      });
    },
  }),
  commandRoute({
    method: 'PUT',
    url: '/profiles/:profileId',
    summary: 'Replace a profile (send the version you read; a stale version answers 409)',
    description:
      'Omitting workAuthorization.migrationStatus or a permit documentNumber keeps the stored value; null clears it.',
    tags: ['profiles'],
    schema: { params: ProfileParams, body: ProfileUpdate, response: { 200: Profile } },
    command: updateProfile,
    input: (ctx) => ({ ...ctx.body, profileId: ctx.params.profileId }),
    example: async (world) => {
      const profileId = await (await fixtures()).exampleProfile(world);
      const current = await getProfile(world.db, world.cipher, profileId);
      return {
        params: { profileId },
        body: (await fixtures()).sampleProfile(
          {
            userId: current.userId,
            version: current.version,
            // Self-declared only, so the migrant caller may send it too.
            skills: current.skills.map((sk) => ({ ...sk, evidence: 'self-declared' })),
          },
          await exampleCodes(world.db),
        ),
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/profiles/:profileId/candidate-view',
    summary: 'A candidate as an employer may see them: only with the migrant’s consent, only the consented fields',
    description:
      'Allowed under an active matching_with_employers consent, or share_with_organisation naming your organisation. ' +
      'Sex, age, origin, migration status and document numbers are never shown.',
    tags: ['profiles'],
    schema: { params: ProfileParams, response: { 200: CandidateView } },
    access: {
      roles: ['employer'],
      rule: async (ctx) => {
        const row = await findProfileRow(ctx.db, ctx.params.profileId);
        if (!row) return 'not-found';
        const consents = (await employerConsents(ctx.db, [row.id], ctx.user.organisationId))(row.id);
        return consents.length > 0 ? true : 'not-found';
      },
    },
    example: async (world) => {
      const profileId = await (await fixtures()).exampleProfile(world, false);
      await world.db
        .insertInto('consent')
        .values({
          id: `example-${profileId}`,
          organisation_id: world.orgA.id,
          migrant_id: profileId,
          purpose: 'matching_with_employers',
          given_at: new Date(),
          recorded_by: world.orgA.users.advisor.id,
        })
        .execute();
      return { params: { profileId }, otherOrganisation: 'allowed' };
    },
    handler: (ctx) =>
      ctx.transaction(async (tx) => {
        const consents = (await employerConsents(tx.db, [tx.params.profileId], tx.user.organisationId))(
          tx.params.profileId,
        );
        const fields = visibleFields(consents);
        const profile = await getProfile(tx.db, tx.cipher, tx.params.profileId);
        await tx.audit({
          action: 'read',
          entity: 'profile',
          entityId: profile.id,
          organisationId: profile.organisationId,
          fields,
          reason: auditReason('candidateView'),
        });
        const assessed = await assessedSkills(tx.db, profile.id);
        return candidateView(profile, fields, new Map(assessed.map((x) => [x.skillUri, x])));
      }),
  }),
  defineRoute({
    method: 'POST',
    url: '/profiles/code-suggestions',
    summary: 'Suggest ESCO codes for free text (a job title, a description of work); nothing is stored',
    description:
      'kind=occupation codes a job title (optionally with a description); kind=skills extracts skills from text. ' +
      'The answer lists suggestions for a person to confirm; confirmed codes are then sent with the profile.',
    tags: ['profiles'],
    schema: { body: CodeSuggestionRequest, response: { 200: CodeSuggestions } },
    access: { roles: ['advisor', 'org_admin', 'migrant', 'employer'] },
    rateLimitPerMinute: 600,
    example: async (world) => {
      await ensureSomeTaxonomy(world);
      return { body: { kind: 'occupation', text: 'welder' } };
    },
    handler: async (ctx) => suggestCodes(ctx.db, ctx.services, ctx.body),
  }),
  cvRoute,
];

/** Migrants are profiles: the migrant id is the profile id; a migrant account is linked by profile.user_id. */
const profileMigrants = (seal: NameSeal): MigrantDirectory => ({
  migrantIdForUser: (db, userId) => profileIdForUser(db, userId),
  userIdForMigrant: async (db, migrantId) => (await findProfileRow(db, migrantId))?.user_id ?? null,
  organisationOf: (db, migrantId) => organisationOfProfile(db, migrantId),
  ensureMigrantForUser: (db, user) => ensureProfileForUser(db, seal, user),
});

async function organisationOfRemainder(db: Kysely<Database>, id: string): Promise<string | null> {
  const row = await db.selectFrom('profile').select('organisation_id').where('id', '=', id).executeTakeFirst();
  return row?.organisation_id ?? null;
}

/** The subject's profile id: their migrant record, else the profile linked to their account. */
async function subjectProfile(ctx: PersonalDataContext): Promise<string | null> {
  if (ctx.subject.migrantId) return ctx.subject.migrantId;
  return ctx.subject.userId ? profileIdForUser(ctx.db, ctx.subject.userId) : null;
}

export const profilesCapability = defineCapability({
  name: 'profiles',
  setup(registry) {
    const { config: env } = registry.env;
    registry.provide('migrants', profileMigrants({ cipher: instanceCipher(env), index: blindIndex(env) }));
    // Rows written before migrations 0330 and 0360 (or plain by a bulk load) are sealed under their people's keys
    // before the server listens; the table is then rewritten so no old row version keeps a permit type or an ICLS
    // category in clear.
    registry.onServe('seal profiles', async ({ store, config, log }) => {
      const cipher = instanceCipher(config);
      const sealed =
        (await sealLegacyProfiles(store.db, cipher)) +
        (await sealLegacyNames(store.db, { cipher, index: blindIndex(config) })) +
        (await sealLegacyFreeText(store.db, cipher));
      if (sealed > 0) {
        const failed = await compactTables(store, ['profile']);
        log.info({ sealed, compacted: failed.length === 0 }, 'profiles sealed under their people’s keys');
      }
    });
    const pdfPool = new PdfRenderPool();
    registry.provide('pdfRender', pdfPool);
    registry.onClose(() => pdfPool.close());
    registry.personalData({
      name: 'profile',
      exportPersonalData: async (ctx) => {
        const id = await subjectProfile(ctx);
        return id ? exportProfile(ctx.db, ctx.cipher, id) : null;
      },
      erasePersonalData: async (ctx) => {
        const id = await subjectProfile(ctx);
        if (!id) return { erased: 0 };
        // Asked before identity deletes the consents (identity erases last).
        const keep = await hasConsent(ctx.db, id, 'anonymised_statistics');
        const result = await eraseProfile(ctx.db, id, keep && { cipher: ctx.cipher });
        if (result.erased > 0) {
          ctx.changed({
            entity: 'profile',
            id,
            op: 'delete',
            organisationId: ctx.subject.organisationId,
            subjectId: id,
          });
        }
        if (result.remainderId) {
          const org = ctx.subject.organisationId;
          // The remainder counts under the statistics consent, recorded for its own id (no link to the person).
          const consentId = randomUUID();
          await ctx.db
            .insertInto('consent')
            .values({
              id: consentId,
              organisation_id: (await organisationOfRemainder(ctx.db, result.remainderId)) ?? org ?? '',
              migrant_id: result.remainderId,
              purpose: 'anonymised_statistics',
              given_at: new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1)),
              recorded_by: 'erasure',
            })
            .execute();
          const remainder = { organisationId: org, subjectId: result.remainderId };
          ctx.changed({ entity: 'profile', id: result.remainderId, op: 'create', ...remainder });
        }
        return { erased: result.erased };
      },
      tables: ['profile'],
      sensitiveFields: SENSITIVE_FIELDS,
    });
  },
});
