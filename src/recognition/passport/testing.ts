// Test fixtures for the passport: records made through the commands. Production code never imports this file
// statically (route examples load it lazily).
import { randomUUID } from 'node:crypto';
import type { MatrixWorld } from '../../kernel/route.js';
import { exampleCodes, getProfile } from '../../profiles/domain.js';
import { exampleProfile } from '../../profiles/testing.js';
import { issuePassport, sharePassport } from './commands.js';
import { buildPassport, generateKey, signCredential, type Credential, type SigningKey } from './credential.js';
import { credentialRow, decryptCredential } from './store.js';

export const exampleMigrant = (world: MatrixWorld) => exampleProfile(world);
export const examplePassportHolder = async (world: MatrixWorld) => {
  await examplePassport(world);
  return exampleProfile(world);
};

/** A fresh passport of organisation A's migrant (fresh: revoking or deriving it leaves the next caller one). */
export async function examplePassport(world: MatrixWorld): Promise<string> {
  const migrantId = await exampleProfile(world);
  const passport = await world.kernel.execute(
    issuePassport,
    { user: world.orgA.users.advisor },
    { migrantId, validForDays: 365 },
  );
  return passport.id;
}

export async function exampleCredential(world: MatrixWorld): Promise<Credential> {
  const id = await examplePassport(world);
  return decryptCredential(world.cipher, (await credentialRow(world.db, id))!)!;
}

export async function exampleShare(world: MatrixWorld): Promise<string> {
  const passportId = await examplePassport(world);
  return (await world.kernel.execute(sharePassport, { user: world.orgA.users.migrant }, { passportId, days: 7 })).id;
}

export async function exampleShareToken(world: MatrixWorld): Promise<string> {
  const passportId = await examplePassport(world);
  const share = await world.kernel.execute(sharePassport, { user: world.orgA.users.migrant }, { passportId, days: 7 });
  return share.url!.split('#share=')[1]!;
}

/** A key of "another instance", the same for the whole test run. */
let foreign: Promise<SigningKey> | null = null;
export function foreignKey(): Promise<SigningKey> {
  foreign ??= generateKey().then((k) => {
    const did = `did:key:${k.publicKeyMultibase}`;
    return { ...k, id: `${did}#${k.publicKeyMultibase}`, controller: did };
  });
  return foreign;
}
export const FOREIGN_NAME = 'Origin Training Centre (test)';

/** An issuer list signed by the foreign key, listing itself. */
export async function exampleIssuerList(_world?: MatrixWorld): Promise<Credential> {
  const key = await foreignKey();
  const now = new Date();
  return signCredential(
    {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://corridor-passport.org/ns/v1'],
      id: `urn:uuid:${randomUUID()}`,
      type: ['VerifiableCredential', 'IssuerList'],
      issuer: key.controller,
      validFrom: `${now.toISOString().slice(0, 19)}Z`,
      credentialSubject: {
        issuers: [
          {
            id: key.controller,
            type: 'TrustedIssuer',
            name: FOREIGN_NAME,
            verificationMethods: [{ id: key.id, publicKeyMultibase: key.publicKeyMultibase }],
          },
        ],
      },
    },
    key,
  );
}

/** A passport of the foreign issuer (trusted in world's store) certifying the example person's skills. */
export async function exampleForeignPassport(world: MatrixWorld): Promise<Credential> {
  const key = await foreignKey();
  await world.db
    .insertInto('passport_trusted_issuer')
    .values({
      id: randomUUID(),
      organisation_id: world.orgA.id,
      did: key.controller,
      verification_method: key.id,
      public_key_multibase: key.publicKeyMultibase,
      name: FOREIGN_NAME,
      source: key.id,
    })
    .onConflict((oc) => oc.column('verification_method').doNothing())
    .execute();
  const profile = await getProfile(world.db, world.cipher, await exampleProfile(world));
  // The matrix's migrant may have an empty profile: certify skills the store's taxonomy knows.
  const uris = profile.skills.length > 0 ? profile.skills.map((s) => s.uri) : (await exampleCodes(world.db)).skills;
  const now = new Date();
  const credential = buildPassport(
    {
      name: profile.displayName,
      subjectId: `urn:uuid:${randomUUID()}`,
      originCountry: null,
      birthYear: null,
      occupations: [],
      skills: uris.slice(0, 2).map((uri) => ({ uri, name: null, evidenceLevel: 'assessed', method: 'practical test' })),
      qualifications: [],
      languages: [],
    },
    { did: key.controller, name: FOREIGN_NAME, url: 'https://origin.example' },
    {
      id: randomUUID(),
      validFrom: now,
      validUntil: new Date(now.getTime() + 86_400_000 * 365),
      status: { list: 'https://origin.example/api/v1/credentials/status/x', index: 3 },
    },
  );
  return signCredential(credential, key);
}
