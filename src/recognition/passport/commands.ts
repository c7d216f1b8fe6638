// Every passport write is a command: issue, derive (the holder's disclosure choice), revoke, share and stop sharing,
// rotate the issuer key, import a trust list, import a verified passport into a profile.
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { defineCommand, type CommandContext } from '../../kernel/command.js';
import { conflict, invalid, notFound } from '../../kernel/errors.js';
import { updateProfile, getProfile } from '../../profiles/domain.js';
import { hashToken, newToken } from '../../shared/crypto.js';
import { CLOSED, Uuid } from '../../shared/typebox.js';
import { FULL_DISCLOSURE, passportContent, type Disclosure as DisclosureChoice } from './content.js';
import { didKeyMethod } from './contexts.js';
import { buildPassport, signCredential, type Credential } from './credential.js';
import { CredentialJson, Disclosure, type PassportSummary, type Share } from './model.js';
import { ISSUERS, HOLDERS, mayIssueFor, mayReachPassport } from './policy.js';
import { pickIndex, statusListUrl } from './status.js';
import {
  credentialContext,
  credentialRow,
  currentKey,
  decryptCredential,
  loadTrust,
  organisationName,
  ownKeysOf,
  ownOriginals,
  ownStatusLists,
  republishStatusList,
  rotateKey as rotateStoredKey,
  usedIndexes,
} from './store.js';
import { checkShape, trustListOf, verifyCredential, type TrustedKey } from './verify.js';
import { auditReason } from '../../shared/audit-reasons.js';

const DAY = 86_400_000;

export function summaryOf(
  row: {
    id: string;
    migrant_id: string;
    organisation_id: string;
    derived_from: string | null;
    disclosure: Record<string, boolean> | string;
    issued_at: Date | string;
    valid_until: Date | string;
    revoked_at: Date | string | null;
    revoked_reason: string | null;
  },
  credential: Credential | null,
): PassportSummary {
  const subject = (credential?.credentialSubject ?? {}) as { skills?: unknown[] };
  const issuer = credential?.issuer as { id?: string } | undefined;
  return {
    id: row.id,
    migrantId: row.migrant_id,
    organisationId: row.organisation_id,
    derivedFrom: row.derived_from,
    disclosure: (typeof row.disclosure === 'string' ? JSON.parse(row.disclosure) : row.disclosure) as DisclosureChoice,
    issuer: issuer?.id ?? '',
    issuedAt: new Date(row.issued_at).toISOString(),
    validUntil: new Date(row.valid_until).toISOString(),
    revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
    revokedReason: row.revoked_reason,
    skillCount: subject.skills?.length ?? 0,
  };
}

/** Signs a passport for the person with the organisation's current key and stores it (encrypted). */
async function issueFor(
  ctx: CommandContext,
  args: {
    id: string;
    migrantId: string;
    organisationId: string;
    disclosure: DisclosureChoice;
    validUntil: Date;
    derivedFrom: string | null;
  },
): Promise<PassportSummary> {
  const { db, cipher, config } = ctx;
  const key = await currentKey(db, cipher, config, args.organisationId);
  const keysOf = await ownKeysOf(db, key.controller);
  const index = pickIndex(await usedIndexes(db, args.organisationId));
  const content = await passportContent(ctx, args.migrantId, args.disclosure);
  const unsigned = buildPassport(
    content,
    { did: key.controller, name: await organisationName(db, args.organisationId), url: config.publicUrl },
    {
      id: args.id,
      validFrom: ctx.now,
      validUntil: args.validUntil,
      status: { list: statusListUrl(config.publicUrl, args.organisationId), index },
    },
  );
  const credential = await signCredential(unsigned, key, () => keysOf, ctx.now);
  const row = await db
    .insertInto('passport_credential')
    .values({
      id: args.id,
      organisation_id: args.organisationId,
      migrant_id: args.migrantId,
      derived_from: args.derivedFrom,
      disclosure: JSON.stringify(args.disclosure),
      status_index: index,
      credential: cipher.encryptJson(credential, credentialContext(args.id)),
      issuer_key_id: key.keyId,
      issued_by: ctx.user?.id ?? null,
      issued_at: ctx.now,
      valid_until: args.validUntil,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const listed = await db
    .selectFrom('passport_status_list')
    .select('organisation_id')
    .where('organisation_id', '=', args.organisationId)
    .executeTakeFirst();
  if (!listed) await republishStatusList(db, cipher, config, args.organisationId, ctx.now);
  ctx.audit({
    action: 'create',
    entity: 'passport_credential',
    entityId: args.id,
    organisationId: args.organisationId,
    reason: args.derivedFrom ? `derived from ${args.derivedFrom}` : 'skills passport issued',
  });
  ctx.changed({
    entity: 'passport_credential',
    id: args.id,
    op: 'create',
    organisationId: args.organisationId,
    subjectId: args.migrantId,
  });
  return summaryOf(row, credential);
}

export const issuePassport = defineCommand({
  name: 'passport.issue',
  roles: [...ISSUERS],
  input: Type.Object(
    {
      id: Type.Optional(Uuid),
      migrantId: Uuid,
      validForDays: Type.Integer({ minimum: 1, maximum: 3650, default: 730 }),
    },
    CLOSED,
  ),
  rule: (ctx, input) => mayIssueFor(ctx, input.migrantId),
  run: async (ctx, input) => {
    const organisationId = await ctx.services.get('migrants').organisationOf(ctx.db, input.migrantId);
    if (!organisationId) throw notFound('No such person', 'migrantId');
    return issueFor(ctx, {
      id: input.id ?? randomUUID(),
      migrantId: input.migrantId,
      organisationId,
      disclosure: FULL_DISCLOSURE,
      validUntil: new Date(ctx.now.getTime() + input.validForDays * DAY),
      derivedFrom: null,
    });
  },
});

/**
 * The holder's choice of what to show: a new credential with the same claims minus the left-out fields, signed
 * afresh, revoked with the passport it came from. (Per-choice credentials, not a selective-disclosure suite: see
 * docs/PASSPORT.md.)
 */
export const derivePassport = defineCommand({
  name: 'passport.derive',
  roles: [...HOLDERS],
  input: Type.Object({ id: Type.Optional(Uuid), passportId: Uuid, disclosure: Disclosure }, CLOSED),
  rule: (ctx, input) => mayReachPassport(ctx, input.passportId),
  run: async (ctx, input) => {
    const base = await credentialRow(ctx.db, input.passportId);
    if (!base || base.credential === null) throw notFound('No such passport', 'passportId');
    if (base.revoked_at) throw conflict('This passport was revoked', 'passportId', 'revoked');
    if (new Date(base.valid_until) <= ctx.now) throw conflict('This passport has expired', 'passportId', 'expired');
    const root = base.derived_from ?? base.id;
    return issueFor(ctx, {
      id: input.id ?? randomUUID(),
      migrantId: base.migrant_id,
      organisationId: base.organisation_id,
      disclosure: input.disclosure,
      validUntil: new Date(base.valid_until),
      derivedFrom: root,
    });
  },
});

export const revokePassport = defineCommand({
  name: 'passport.revoke',
  roles: [...ISSUERS],
  input: Type.Object({ passportId: Uuid, reason: Type.String({ minLength: 1, maxLength: 500 }) }, CLOSED),
  rule: (ctx, input) => mayReachPassport(ctx, input.passportId, true),
  run: async (ctx, input) => {
    const base = await credentialRow(ctx.db, input.passportId);
    if (!base) throw notFound('No such passport', 'passportId');
    if (base.revoked_at) throw conflict('Already revoked', 'passportId', 'revoked');
    // A passport goes with every credential derived from it (the holder's disclosure choices).
    const revoked = await ctx.db
      .updateTable('passport_credential')
      .set({ revoked_at: ctx.now, revoked_reason: input.reason })
      .where((eb) => eb.or([eb('id', '=', base.id), eb('derived_from', '=', base.id)]))
      .where('revoked_at', 'is', null)
      .returning(['id'])
      .execute();
    await republishStatusList(ctx.db, ctx.cipher, ctx.config, base.organisation_id, ctx.now);
    for (const r of revoked) {
      ctx.audit({
        action: 'revoke',
        entity: 'passport_credential',
        entityId: r.id,
        organisationId: base.organisation_id,
      });
      ctx.changed({
        entity: 'passport_credential',
        id: r.id,
        op: 'update',
        organisationId: base.organisation_id,
        subjectId: base.migrant_id,
      });
    }
    return { revoked: revoked.length };
  },
});

export const sharePassport = defineCommand({
  name: 'passport.share',
  roles: [...HOLDERS],
  input: Type.Object({ passportId: Uuid, days: Type.Integer({ minimum: 1, maximum: 365, default: 30 }) }, CLOSED),
  rule: (ctx, input) => mayReachPassport(ctx, input.passportId),
  run: async (ctx, input): Promise<Share> => {
    const row = await credentialRow(ctx.db, input.passportId);
    if (!row) throw notFound('No such passport', 'passportId');
    if (row.revoked_at) throw conflict('This passport was revoked', 'passportId', 'revoked');
    const token = newToken();
    const id = randomUUID();
    const expires = new Date(Math.min(ctx.now.getTime() + input.days * DAY, new Date(row.valid_until).getTime()));
    await ctx.db
      .insertInto('passport_share')
      .values({
        id,
        organisation_id: row.organisation_id,
        credential_id: row.id,
        token_hash: hashToken(token),
        created_at: ctx.now,
        expires_at: expires,
      })
      .execute();
    ctx.audit({
      action: 'share',
      entity: 'passport_credential',
      entityId: row.id,
      organisationId: row.organisation_id,
    });
    ctx.changed({
      entity: 'passport_share',
      id,
      op: 'create',
      organisationId: row.organisation_id,
      subjectId: row.migrant_id,
    });
    return {
      id,
      passportId: row.id,
      createdAt: ctx.now.toISOString(),
      expiresAt: expires.toISOString(),
      stoppedAt: null,
      url: shareUrl(ctx.config.publicUrl, token),
    };
  },
});

/** The link a verifier opens: the token rides in the fragment, so servers and proxies never log it. */
export function shareUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/verify#share=${token}`;
}

export const stopSharing = defineCommand({
  name: 'passport.stopSharing',
  roles: [...HOLDERS],
  input: Type.Object({ shareId: Uuid }, CLOSED),
  rule: async (ctx, input) => {
    const share = await ctx.db
      .selectFrom('passport_share')
      .select('credential_id')
      .where('id', '=', input.shareId)
      .executeTakeFirst();
    return share ? mayReachPassport(ctx, share.credential_id) : 'not-found';
  },
  run: async (ctx, input) => {
    const share = await ctx.db
      .updateTable('passport_share')
      .set({ stopped_at: ctx.now })
      .where('id', '=', input.shareId)
      .where('stopped_at', 'is', null)
      .returning(['organisation_id'])
      .executeTakeFirst();
    if (share) {
      ctx.audit({
        action: 'unshare',
        entity: 'passport_share',
        entityId: input.shareId,
        organisationId: share.organisation_id,
      });
      ctx.changed({ entity: 'passport_share', id: input.shareId, op: 'update', organisationId: share.organisation_id });
    }
    return { stopped: Boolean(share) };
  },
});

export const rotateIssuerKey = defineCommand({
  name: 'passport.rotateKey',
  roles: ['org_admin'],
  input: Type.Object({ organisationId: Type.Optional(Type.String({ maxLength: 100 })) }, CLOSED),
  run: async (ctx, input) => {
    const organisationId = input.organisationId ?? ctx.user?.organisationId;
    if (!organisationId) throw invalid('Name the organisation', 'organisationId');
    if (ctx.user && ctx.user.role !== 'platform_admin' && ctx.user.organisationId !== organisationId) {
      throw notFound('No such organisation', 'organisationId');
    }
    const key = await rotateStoredKey(ctx.db, ctx.cipher, ctx.config, organisationId, ctx.now);
    // The list is re-signed by the new key at once; old passports keep verifying against the retired key.
    await republishStatusList(ctx.db, ctx.cipher, ctx.config, organisationId, ctx.now);
    ctx.audit({ action: 'rotate', entity: 'passport_issuer_key', entityId: key.keyId, organisationId });
    ctx.changed({ entity: 'passport_issuer_key', id: key.keyId, op: 'create', organisationId });
    return { verificationMethod: key.id, did: key.controller };
  },
});

/** An issuer list: a credential whose subject lists issuers and their keys, signed by the list's author. */
export function issuersIn(list: Credential): TrustedKey[] {
  const subject = list.credentialSubject as { issuers?: unknown } | undefined;
  if (!Array.isArray(subject?.issuers)) throw invalid('The list names no issuers', 'list.credentialSubject.issuers');
  return subject.issuers.flatMap((issuer: unknown, i: number) => {
    const entry = issuer as { id?: unknown; name?: unknown; verificationMethods?: unknown };
    if (typeof entry.id !== 'string' || typeof entry.name !== 'string' || !Array.isArray(entry.verificationMethods)) {
      throw invalid('Each issuer has an id, a name and verificationMethods', `list.credentialSubject.issuers.${i}`);
    }
    return entry.verificationMethods.map((m: unknown, j: number) => {
      const vm = m as { id?: unknown; publicKeyMultibase?: unknown };
      if (typeof vm.id !== 'string' || typeof vm.publicKeyMultibase !== 'string' || !vm.id.startsWith(`${entry.id}#`)) {
        throw invalid(
          'A verification method needs an id under the issuer DID and a publicKeyMultibase',
          `list.credentialSubject.issuers.${i}.verificationMethods.${j}`,
        );
      }
      const didKey = didKeyMethod(entry.id as string);
      if (didKey && didKey.publicKeyMultibase !== vm.publicKeyMultibase) {
        throw invalid(
          'A did:key lists its own key only',
          `list.credentialSubject.issuers.${i}.verificationMethods.${j}`,
        );
      }
      return {
        id: vm.id,
        controller: entry.id as string,
        publicKeyMultibase: vm.publicKeyMultibase,
        name: entry.name as string,
        source: '',
      };
    });
  });
}

export const importTrustList = defineCommand({
  name: 'passport.importTrustList',
  roles: ['org_admin'],
  input: Type.Object({ list: CredentialJson }, CLOSED),
  run: async (ctx, input) => {
    const list = checkShape(input.list);
    const types = list.type as string[];
    if (!types.includes('IssuerList'))
      throw invalid('Not an issuer list (type IssuerList)', 'list.type', 'not_issuer_list');
    const entries = issuersIn(list);
    // The list proves itself: signed by one of the keys it lists (a did:web signer) or by a did:key.
    const self = trustListOf(entries.map((e) => ({ ...e, source: 'list' })));
    const report = await verifyCredential(list, { trust: self, now: ctx.now });
    if (report.checks.signature.state !== 'ok') {
      throw invalid(
        `The list's signature does not hold: ${report.checks.signature.message}`,
        'list.proof',
        'list_signature',
      );
    }
    if (report.checks.validity.state !== 'ok') {
      throw invalid(`The list is not in force: ${report.checks.validity.message}`, 'list.validUntil', 'list_expired');
    }
    const source = String(report.proof.verificationMethod);
    const ownKeys = new Set((await loadTrust(ctx.db)).keys.filter((k) => k.source === 'own').map((k) => k.id));
    let added = 0;
    for (const e of entries) {
      if (ownKeys.has(e.id)) continue;
      const result = await ctx.db
        .insertInto('passport_trusted_issuer')
        .values({
          id: randomUUID(),
          organisation_id: ctx.user?.organisationId ?? 'system',
          did: e.controller,
          verification_method: e.id,
          public_key_multibase: e.publicKeyMultibase,
          name: e.name,
          source,
          imported_by: ctx.user?.id ?? null,
          imported_at: ctx.now,
        })
        .onConflict((oc) => oc.column('verification_method').doNothing())
        .executeTakeFirst();
      added += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    ctx.audit({
      action: 'import',
      entity: 'passport_trusted_issuer',
      reason: auditReason('issuerListImported', { source }),
    });
    ctx.changed({ entity: 'passport_trusted_issuer', id: source, op: 'create' });
    return { added, signedBy: source, issuers: [...new Set(entries.map((e) => e.name))] };
  },
});

/** Builds this instance's issuer list (its organisations' keys), signed by the caller's organisation key. */
export async function buildIssuerList(ctx: CommandContext, organisationId: string): Promise<Credential> {
  const trust = await loadTrust(ctx.db);
  const byDid = new Map<string, { name: string; keys: TrustedKey[] }>();
  for (const k of trust.keys.filter((k) => k.source === 'own')) {
    const id = `${k.controller}|${k.name}`;
    const entry = byDid.get(id) ?? { name: k.name, keys: [] };
    entry.keys.push(k);
    byDid.set(id, entry);
  }
  const key = await currentKey(ctx.db, ctx.cipher, ctx.config, organisationId);
  const keysOf = await ownKeysOf(ctx.db, key.controller);
  const list: Credential = {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://corridor-passport.org/ns/v1'],
    id: `urn:uuid:${randomUUID()}`,
    type: ['VerifiableCredential', 'IssuerList'],
    issuer: key.controller,
    validFrom: `${ctx.now.toISOString().slice(0, 19)}Z`,
    validUntil: `${new Date(ctx.now.getTime() + 365 * DAY).toISOString().slice(0, 19)}Z`,
    credentialSubject: {
      publicUrl: ctx.config.publicUrl,
      issuers: [...byDid.entries()].map(([id, e]) => ({
        id: id.split('|')[0],
        type: 'TrustedIssuer',
        name: e.name,
        verificationMethods: e.keys.map((k) => ({ id: k.id, publicKeyMultibase: k.publicKeyMultibase })),
      })),
    },
  };
  return signCredential(list, key, () => keysOf, ctx.now);
}

export const exportIssuerList = defineCommand({
  name: 'passport.exportIssuerList',
  roles: ['org_admin'],
  input: Type.Object({}, CLOSED),
  run: async (ctx) => {
    const organisationId = ctx.user?.organisationId;
    if (!organisationId) throw invalid('An organisation signs the list', 'organisationId');
    const list = await buildIssuerList(ctx, organisationId);
    ctx.audit({ action: 'export', entity: 'passport_issuer_list', organisationId });
    return list;
  },
});

/**
 * A verified passport from another issuer, into the person's profile here: its skills become "certified", with
 * the issuer and date kept as their provenance. Nothing is written unless the passport verifies (signature,
 * trusted issuer, in force, not known revoked).
 */
export const importPassport = defineCommand({
  name: 'passport.importIntoProfile',
  roles: ['advisor', 'org_admin'],
  input: Type.Object({ migrantId: Uuid, credential: CredentialJson }, CLOSED),
  rule: (ctx, input) => mayIssueFor(ctx, input.migrantId),
  run: async (ctx, input) => {
    const credential = checkShape(input.credential);
    const trust = await loadTrust(ctx.db);
    const report = await verifyCredential(credential, {
      trust,
      now: ctx.now,
      statusList: ownStatusLists(ctx.db, ctx.cipher, ctx.config),
      original: ownOriginals(ctx.db, ctx.cipher),
    });
    const { signature, issuer, validity, status } = report.checks;
    for (const [field, check] of [
      ['credential.proof', signature],
      ['credential.issuer', issuer],
      ['credential.validUntil', validity],
    ] as const) {
      if (check.state !== 'ok') throw invalid(check.message, field, check.code);
    }
    if (status.state === 'failed') throw invalid(status.message, 'credential.credentialStatus', status.code);
    const subject = credential.credentialSubject as { skills?: { skill?: unknown }[] } | undefined;
    const uris = (subject?.skills ?? [])
      .map((s) => s.skill)
      .filter((u): u is string => typeof u === 'string' && /^http:\/\/data\.europa\.eu\/esco\/skill\//.test(u));
    if (uris.length === 0) throw invalid('The passport lists no ESCO skills', 'credential.credentialSubject.skills');
    const credentialId = report.credentialId ?? 'unknown';
    const done = await ctx.db
      .selectFrom('passport_import')
      .select('id')
      .where('migrant_id', '=', input.migrantId)
      .where('credential_id', '=', credentialId)
      .executeTakeFirst();
    if (done) throw conflict('This passport was imported already', 'credential.id', 'already_imported');

    const profile = await getProfile(ctx.db, ctx.cipher, input.migrantId);
    const skills = profile.skills.map((s) =>
      uris.includes(s.uri) ? { ...s, evidence: 'certified' as const, source: 'certificate' as const } : s,
    );
    for (const uri of uris) {
      if (!skills.some((s) => s.uri === uri)) skills.push({ uri, evidence: 'certified', source: 'certificate' });
    }
    const { workAuthorization } = profile;
    await ctx.run(updateProfile, {
      profileId: profile.id,
      version: profile.version,
      displayName: profile.displayName,
      originCountry: profile.originCountry,
      currentCountry: profile.currentCountry,
      currentRegion: profile.currentRegion,
      sex: profile.sex as 'female' | 'male' | 'other' | 'undisclosed',
      birthYear: profile.birthYear,
      languages: profile.languages,
      education: profile.education,
      qualifications: profile.qualifications,
      experience: profile.experience,
      skills,
      workAuthorization: {
        permits: workAuthorization.permits.map((p) => ({
          country: p.country,
          type: p.type,
          validFrom: p.validFrom,
          validUntil: p.validUntil,
          sectors: p.sectors as never,
        })),
      },
      preferences: profile.preferences,
      seeking: profile.seeking,
      availableFrom: profile.availableFrom,
    });
    const id = randomUUID();
    await ctx.db
      .insertInto('passport_import')
      .values({
        id,
        organisation_id: profile.organisationId,
        migrant_id: profile.id,
        credential_id: credentialId,
        issuer_did: report.issuer.id ?? '',
        issuer_name: report.issuer.trustedAs ?? report.issuer.name ?? '',
        valid_from: report.validFrom ?? ctx.now.toISOString(),
        skills: JSON.stringify(uris),
        imported_by: ctx.user?.id ?? null,
        imported_at: ctx.now,
      })
      .execute();
    ctx.audit({ action: 'import', entity: 'passport_import', entityId: id, organisationId: profile.organisationId });
    ctx.changed({
      entity: 'passport_import',
      id,
      op: 'create',
      organisationId: profile.organisationId,
      subjectId: profile.id,
    });
    return {
      certified: uris.length,
      issuer: report.issuer.trustedAs ?? report.issuer.name ?? '',
      issuedOn: (report.validFrom ?? '').slice(0, 10),
      status: status.message,
    };
  },
});

export { decryptCredential };
