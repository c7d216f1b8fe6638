// Passport storage: issuer keys (private halves encrypted with the field cipher), issued credentials (encrypted),
// the published status lists, share links and the trust list. No HTTP here; errors are domain errors.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Config } from '../../shared/config.js';
import type { FieldCipher } from '../../shared/crypto.js';
import { didWebFor, type KnownKey } from './contexts.js';
import { generateKey, type Credential, type SigningKey } from './credential.js';
import { STATUS_LIST_LENGTH, publishStatusList, statusListUrl } from './status.js';
import { trustListOf, type CachedStatusList, type TrustList, type TrustedKey } from './verify.js';

type Db = Kysely<Database>;

export interface IssuerKey extends SigningKey {
  keyId: string;
  organisationId: string;
}

const secretContext = (id: string) => `passport_issuer_key:${id}`;
export const credentialContext = (id: string) => `passport_credential:${id}`;

/** The DID and verification-method id a new key gets: the instance's did:web when public over https, else did:key. */
export function identifiersFor(config: Pick<Config, 'publicUrl'>, publicKeyMultibase: string) {
  const did = didWebFor(config.publicUrl) ?? `did:key:${publicKeyMultibase}`;
  return { did, verificationMethod: `${did}#${publicKeyMultibase}` };
}

function toIssuerKey(
  row: {
    id: string;
    organisation_id: string;
    did: string;
    verification_method: string;
    public_key_multibase: string;
    secret_key: string;
  },
  cipher: FieldCipher,
): IssuerKey {
  return {
    keyId: row.id,
    organisationId: row.organisation_id,
    id: row.verification_method,
    controller: row.did,
    publicKeyMultibase: row.public_key_multibase,
    secretKeyMultibase: cipher.decrypt(row.secret_key, secretContext(row.id)),
  };
}

async function insertKey(db: Db, cipher: FieldCipher, config: Config, organisationId: string): Promise<void> {
  const id = randomUUID();
  const pair = await generateKey();
  const { did, verificationMethod } = identifiersFor(config, pair.publicKeyMultibase);
  await db
    .insertInto('passport_issuer_key')
    .values({
      id,
      organisation_id: organisationId,
      did,
      verification_method: verificationMethod,
      public_key_multibase: pair.publicKeyMultibase,
      secret_key: cipher.encrypt(pair.secretKeyMultibase, secretContext(id)),
    })
    .onConflict((oc) => oc.column('organisation_id').where('retired_at', 'is', null).doNothing())
    .execute();
}

/** The organisation's current signing key, made on first use. */
export async function currentKey(
  db: Db,
  cipher: FieldCipher,
  config: Config,
  organisationId: string,
): Promise<IssuerKey> {
  const find = () =>
    db
      .selectFrom('passport_issuer_key')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('retired_at', 'is', null)
      .executeTakeFirst();
  let row = await find();
  if (!row) {
    await insertKey(db, cipher, config, organisationId);
    row = await find();
  }
  return toIssuerKey(row!, cipher);
}

/** Retires the current key and makes a new one; passports signed with the old key still verify (it stays listed). */
export async function rotateKey(db: Db, cipher: FieldCipher, config: Config, organisationId: string, now: Date) {
  await db
    .updateTable('passport_issuer_key')
    .set({ retired_at: now })
    .where('organisation_id', '=', organisationId)
    .where('retired_at', 'is', null)
    .execute();
  await insertKey(db, cipher, config, organisationId);
  return currentKey(db, cipher, config, organisationId);
}

export async function issuerKeyById(db: Db, cipher: FieldCipher, keyId: string): Promise<IssuerKey> {
  const row = await db.selectFrom('passport_issuer_key').selectAll().where('id', '=', keyId).executeTakeFirstOrThrow();
  return toIssuerKey(row, cipher);
}

/** Every key of this instance (current and retired) and every imported one: what this verifier trusts. */
export async function loadTrust(db: Db): Promise<TrustList & { keys: TrustedKey[] }> {
  const own = await db
    .selectFrom('passport_issuer_key as k')
    .innerJoin('organisation as o', 'o.id', 'k.organisation_id')
    .select(['k.verification_method', 'k.did', 'k.public_key_multibase', 'k.organisation_id', 'o.name'])
    .execute();
  const imported = await db.selectFrom('passport_trusted_issuer').selectAll().execute();
  const keys: TrustedKey[] = [
    ...own.map((k) => ({
      id: k.verification_method,
      controller: k.did,
      publicKeyMultibase: k.public_key_multibase,
      name: k.name,
      source: 'own',
      organisationId: k.organisation_id,
    })),
    ...imported
      .filter((k) => !own.some((o) => o.verification_method === k.verification_method))
      .map((k) => ({
        id: k.verification_method,
        controller: k.did,
        publicKeyMultibase: k.public_key_multibase,
        name: k.name,
        source: k.source,
        // Keys of one issuer in one list stand for one organisation (its status list may be signed by any of them).
        organisationId: `${k.source}|${k.name}`,
      })),
  ];
  return { ...trustListOf(keys), keys };
}

/** This instance's keys as KnownKey, for resolving its own did:web. */
export async function ownKeysOf(db: Db, did: string): Promise<KnownKey[]> {
  const rows = await db
    .selectFrom('passport_issuer_key')
    .select(['verification_method', 'did', 'public_key_multibase'])
    .where('did', '=', did)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.verification_method,
    controller: r.did,
    publicKeyMultibase: r.public_key_multibase,
  }));
}

export async function organisationName(db: Db, organisationId: string): Promise<string> {
  const row = await db.selectFrom('organisation').select('name').where('id', '=', organisationId).executeTakeFirst();
  return row?.name ?? organisationId;
}

/** A free random index in the organisation's list. */
export async function usedIndexes(db: Db, organisationId: string): Promise<Set<number>> {
  const rows = await db
    .selectFrom('passport_credential')
    .select('status_index')
    .where('organisation_id', '=', organisationId)
    .execute();
  return new Set(rows.map((r) => r.status_index));
}

/** Re-signs and stores the organisation's status list from the revoked passports (the cached copy served). */
export async function republishStatusList(
  db: Db,
  cipher: FieldCipher,
  config: Config,
  organisationId: string,
  now: Date,
): Promise<Credential> {
  const key = await currentKey(db, cipher, config, organisationId);
  const revoked = await db
    .selectFrom('passport_credential')
    .select('status_index')
    .where('organisation_id', '=', organisationId)
    .where('revoked_at', 'is not', null)
    .execute();
  const keysOf = await ownKeysOf(db, key.controller);
  const credential = await publishStatusList({
    url: statusListUrl(config.publicUrl, organisationId),
    issuerDid: key.controller,
    key,
    keysOf: () => keysOf,
    revoked: revoked.map((r) => r.status_index),
    now,
  });
  await db
    .insertInto('passport_status_list')
    .values({
      organisation_id: organisationId,
      length: STATUS_LIST_LENGTH,
      credential: JSON.stringify(credential),
      published_at: now,
    })
    .onConflict((oc) =>
      oc.column('organisation_id').doUpdateSet({ credential: JSON.stringify(credential), published_at: now }),
    )
    .execute();
  return credential;
}

/** The cached status list of one of this instance's organisations, published on first ask. */
export async function cachedStatusList(
  db: Db,
  cipher: FieldCipher,
  config: Config,
  organisationId: string,
): Promise<CachedStatusList | null> {
  const row = await db
    .selectFrom('passport_status_list')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  if (row) {
    // Revoked since the last publication (erasure revokes outside a command): re-sign before serving.
    const newer = await db
      .selectFrom('passport_credential')
      .select('id')
      .where('organisation_id', '=', organisationId)
      .where('revoked_at', '>', row.published_at)
      .executeTakeFirst();
    if (newer) {
      const now = new Date();
      return { credential: await republishStatusList(db, cipher, config, organisationId, now), fetchedAt: now };
    }
    const credential = typeof row.credential === 'string' ? JSON.parse(row.credential) : row.credential;
    return { credential: credential as Credential, fetchedAt: new Date(row.published_at) };
  }
  const known = await db
    .selectFrom('passport_issuer_key')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  if (!known) return null;
  const now = new Date();
  return { credential: await republishStatusList(db, cipher, config, organisationId, now), fetchedAt: now };
  // (An organisation with a key but no list yet: rotated before its first passport.)
}

/** Status lists a verifier here can use: this instance's own, by URL. */
export function ownStatusLists(db: Db, cipher: FieldCipher, config: Config) {
  const prefix = statusListUrl(config.publicUrl, '');
  return async (url: string): Promise<CachedStatusList | null> => {
    if (!url.startsWith(prefix)) return null;
    const organisationId = url.slice(prefix.length);
    if (!/^[A-Za-z0-9_-]{1,100}$/.test(organisationId)) return null;
    return cachedStatusList(db, cipher, config, organisationId);
  };
}

/** The credential as this instance issued it (for naming altered fields), by its `urn:uuid:` id. */
export function ownOriginals(db: Db, cipher: FieldCipher) {
  return async (credentialId: string): Promise<Credential | null> => {
    const m = /^urn:uuid:([0-9a-f-]{36})$/.exec(credentialId);
    if (!m) return null;
    const row = await db
      .selectFrom('passport_credential')
      .select(['id', 'credential'])
      .where('id', '=', m[1]!)
      .executeTakeFirst();
    if (!row?.credential) return null;
    return cipher.decryptJson<Credential>(row.credential, credentialContext(row.id));
  };
}

export async function credentialRow(db: Db, id: string) {
  return db.selectFrom('passport_credential').selectAll().where('id', '=', id).executeTakeFirst();
}

export function decryptCredential(
  cipher: FieldCipher,
  row: { id: string; credential: string | null },
): Credential | null {
  return row.credential ? cipher.decryptJson<Credential>(row.credential, credentialContext(row.id)) : null;
}
