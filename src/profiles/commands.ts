// Profile writes as commands. Advisors and org admins create and replace their organisation's job-seeker profiles;
// a migrant replaces their own, declaring skills but never vouching for them.
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { AuthUser } from '../kernel/auth.js';
import { defineCommand, type CommandContext } from '../kernel/command.js';
import { conflict, forbidden, invalid, notFound } from '../kernel/errors.js';
import { blindIndex } from '../kernel/person-keys.js';
import { giveConsent } from '../identity/domain.js';
import { actsForSomeoneElse, requireProfiling } from './visibility.js';
import { CLOSED, Uuid } from '../shared/typebox.js';
import { ProfileCreate, ProfileUpdate, type Profile } from './model.js';
import { mayReachProfile } from './policy.js';
import {
  findProfileRow,
  insertProfile,
  moveProfile,
  readProfile,
  replaceProfile,
  setSeeking,
  type ProfileRow,
} from './store.js';
import { auditReason } from '../shared/audit-reasons.js';

/** A profile change as the change log and the audit log record it (the person is the profile). */
export function profileChanged(
  ctx: CommandContext,
  profile: Pick<Profile, 'id' | 'organisationId' | 'version'>,
  op: 'create' | 'update',
): void {
  ctx.changed({
    entity: 'profile',
    id: profile.id,
    op,
    organisationId: profile.organisationId,
    subjectId: profile.id,
    version: profile.version,
  });
  ctx.audit({ action: op, entity: 'profile', entityId: profile.id, organisationId: profile.organisationId });
}

export const createProfile = defineCommand({
  name: 'profiles.create',
  roles: ['advisor', 'org_admin'],
  input: Type.Composite(
    [
      ProfileCreate,
      Type.Object({
        /** The organisation holding the record; a signed-in caller's own (system callers name it). */
        organisationId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
        /** ESCO version the codes refer to (the generator's); default: the active one. */
        taxonomyVersion: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
      }),
    ],
    CLOSED,
  ),
  run: async (ctx, input) => {
    const { organisationId: named, taxonomyVersion, id, profilingConsent, ...fields } = input;
    // A person's profile is kept only with their consent to profiling, recorded with it (docs/SECURITY.md).
    if (ctx.user && !profilingConsent) {
      throw conflict(
        'Ask the person for their consent to profiling and send profilingConsent: true; without it nothing is kept',
        'profilingConsent',
        'consent_required',
      );
    }
    const organisationId = ctx.user ? ctx.user.organisationId : named;
    if (!organisationId) throw invalid('Name the organisation holding the profile', 'organisationId');
    if (ctx.user && named && named !== ctx.user.organisationId) {
      throw forbidden('You add people to your own organisation’s caseload only');
    }
    const profile = await insertProfile(
      { db: ctx.db, user: ctx.user, cipher: ctx.cipher, index: blindIndex(ctx.config), taxonomyVersion },
      { id: id ?? randomUUID(), organisationId },
      fields,
    );
    profileChanged(ctx, profile, 'create');
    if (profilingConsent) {
      if (ctx.user) {
        const consent = await giveConsent(ctx, { migrantId: profile.id, organisationId, purpose: 'profiling' });
        ctx.changed({
          entity: 'consent',
          id: consent.id,
          op: 'create',
          organisationId,
          subjectId: profile.id,
        });
      } else {
        // An operator's import (CLI, generator) states the consent it holds; recorded as given by the system.
        await ctx.db
          .insertInto('consent')
          .values({
            id: randomUUID(),
            organisation_id: organisationId,
            migrant_id: profile.id,
            purpose: 'profiling',
            given_at: ctx.now,
            recorded_by: 'system',
          })
          .execute();
      }
    }
    return profile;
  },
});

/** Rows the record rule read, reused by the command body of the same run (one query instead of two). */
const ruleRows = new WeakMap<CommandContext, ProfileRow>();

/** A migrant editing their own profile may declare skills but not vouch for them, nor relink the account. */
function checkMigrantEvidence(user: AuthUser | null, body: ProfileUpdate, stored: Profile): void {
  if (user?.role !== 'migrant') return;
  const before = new Map(stored.skills.map((s) => [s.uri, s.evidence]));
  body.skills.forEach((s, i) => {
    if (s.evidence !== 'self-declared' && before.get(s.uri) !== s.evidence) {
      throw invalid('Only an advisor or assessor can set this evidence level', `skills.${i}.evidence`);
    }
  });
  if (body.userId !== undefined && body.userId !== stored.userId) {
    throw invalid('You cannot change the linked account', 'userId');
  }
}

export const updateProfile = defineCommand({
  name: 'profiles.update',
  roles: ['advisor', 'org_admin', 'migrant'],
  input: Type.Composite([Type.Object({ profileId: Uuid }), ProfileUpdate], CLOSED),
  rule: async (ctx, input) => {
    const row = await findProfileRow(ctx.db, input.profileId);
    if (!row || !ctx.user || !mayReachProfile(ctx.user, row)) return 'not-found';
    ruleRows.set(ctx, row);
    return true;
  },
  run: async (ctx, input) => {
    const { profileId, version, profilingConsent: _asserted, ...fields } = input;
    if (actsForSomeoneElse(ctx.user)) await requireProfiling(ctx.db, profileId);
    const known = ruleRows.get(ctx) ?? (await findProfileRow(ctx.db, profileId));
    if (known) checkMigrantEvidence(ctx.user, input, await readProfile(ctx.db, ctx.cipher, known, false));
    const profile = await replaceProfile(
      { db: ctx.db, user: ctx.user, cipher: ctx.cipher, index: blindIndex(ctx.config) },
      profileId,
      version,
      fields,
      known,
    );
    profileChanged(ctx, profile, 'update');
    return profile;
  },
});

/**
 * Whether the person is looking for work, alone (a placement takes them out of matching; a lost job brings them
 * back) — without resending the whole profile.
 */
export const setProfileSeeking = defineCommand({
  name: 'profiles.setSeeking',
  roles: ['advisor', 'org_admin', 'migrant'],
  input: Type.Object({ profileId: Uuid, seeking: Type.Boolean() }, CLOSED),
  rule: async (ctx, input) => {
    const row = await findProfileRow(ctx.db, input.profileId);
    return row && ctx.user && mayReachProfile(ctx.user, row) ? true : 'not-found';
  },
  run: async (ctx, input) => {
    if (actsForSomeoneElse(ctx.user)) await requireProfiling(ctx.db, input.profileId);
    const row = await setSeeking(ctx.db, input.profileId, input.seeking);
    if (!row) throw notFound('No such profile', 'profileId');
    const profile = await readProfile(ctx.db, ctx.cipher, row, false);
    profileChanged(ctx, profile, 'update');
    return profile;
  },
});

/**
 * A case transferred to another organisation (protection checks the person's consent to share with it): the
 * profile is held there from now on, and the organisation it leaves no longer reaches it.
 */
export const transferProfile = defineCommand({
  name: 'profiles.transfer',
  roles: ['advisor', 'org_admin'],
  input: Type.Object({ profileId: Uuid, organisationId: Type.String({ pattern: '^[A-Za-z0-9_-]{1,100}$' }) }, CLOSED),
  rule: async (ctx, input) => {
    const row = await findProfileRow(ctx.db, input.profileId);
    return row && ctx.user && mayReachProfile(ctx.user, row) ? true : 'not-found';
  },
  run: async (ctx, input) => {
    const before = await findProfileRow(ctx.db, input.profileId);
    if (!before) throw notFound('No such profile', 'profileId');
    const row = await moveProfile(ctx.db, input.profileId, input.organisationId);
    if (!row) throw notFound('No such profile', 'profileId');
    const profile = await readProfile(ctx.db, ctx.cipher, row, false);
    profileChanged(ctx, profile, 'update');
    ctx.audit({
      action: 'transfer',
      entity: 'profile',
      entityId: profile.id,
      organisationId: before.organisation_id,
      reason: auditReason('profileMoved', { organisation: input.organisationId }),
    });
    return profile;
  },
});
