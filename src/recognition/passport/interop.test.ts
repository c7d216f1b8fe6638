// Interoperability: Corridor's passports checked by an implementation that is not the one that issued them (the
// VC 2.0 data model as JSON Schema with ajv, RDFC-1.0 by rdf-canonize, Ed25519 by node:crypto — fixtures/
// independent.ts), and a credential Corridor did not issue (fixtures/foreign-passport.json, signed by that
// independent code with a key thrown away) verified by Corridor. Tampered, revoked, expired and unknown-issuer
// cases each give their own answer.
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { buildPassport, generateKey, signCredential, type Credential } from './credential.js';
import { independentVerify } from './fixtures/independent.js';
import { publishStatusList } from './status.js';
import { trustListOf, verifyCredential, type TrustedKey } from './verify.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as Credential;
const ajv = new Ajv.default({ strict: false, allErrors: true });
addFormats.default(ajv);
const vc2Schema = ajv.compile(fixture('vc-2.0.schema.json'));

async function corridorKey() {
  const pair = await generateKey();
  const did = `did:key:${pair.publicKeyMultibase}`;
  return { ...pair, id: `${did}#${pair.publicKeyMultibase}`, controller: did };
}

const LIST = 'https://corridor.test/api/v1/credentials/status/org-1';

async function corridorPassport() {
  const key = await corridorKey();
  const credential = await signCredential(
    buildPassport(
      {
        name: 'Amina Diallo',
        subjectId: 'urn:uuid:3f0c2a56-1f1e-4c1e-9d0f-8b7a6c5d4e3f',
        originCountry: 'SN',
        birthYear: 1992,
        occupations: [
          { uri: 'http://data.europa.eu/esco/occupation/1e2c3d4e-0000-4000-8000-000000000001', name: 'cook' },
        ],
        skills: [
          {
            uri: 'http://data.europa.eu/esco/skill/1e2c3d4e-0000-4000-8000-000000000002',
            name: 'prepare fish',
            evidenceLevel: 'assessed',
            method: 'practical test',
            assessedBy: 'Dakar Training Centre',
            assessedOn: '2026-11-02',
          },
          {
            uri: 'http://data.europa.eu/esco/skill/1e2c3d4e-0000-4000-8000-000000000003',
            name: 'use kitchen equipment',
            evidenceLevel: 'self-declared',
            method: 'self-declaration',
          },
        ],
        qualifications: [{ title: 'CAP Cuisine', awardingBody: 'Ministère', country: 'SN', year: 2012, eqfLevel: 3 }],
        languages: [{ lang: 'fr', native: false, listening: 'C1', reading: 'B2', speaking: 'C1', writing: 'B1' }],
      },
      { did: key.controller, name: 'Lisbon Employment Service', url: 'https://corridor.test' },
      {
        id: '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d',
        validFrom: new Date('2026-12-01T00:00:00Z'),
        validUntil: new Date('2028-12-01T00:00:00Z'),
        status: { list: LIST, index: 1234 },
      },
    ),
    key,
  );
  const trusted: TrustedKey = { ...key, name: 'Lisbon Employment Service', source: 'own', organisationId: 'org-1' };
  return { key, credential, trust: trustListOf([trusted]) };
}

const NOW = new Date('2027-01-15T00:00:00Z');

describe('interoperability of the skills passport', () => {
  it('a Corridor passport meets the VC 2.0 data model and verifies with an independent RDFC-1.0 + Ed25519 check', async () => {
    const { credential } = await corridorPassport();
    expect(vc2Schema(credential), JSON.stringify(vc2Schema.errors)).toBe(true);
    expect(await independentVerify(credential)).toBe(true);
    const tampered = structuredClone(credential);
    (tampered.credentialSubject as { skills: { evidenceLevel: string }[] }).skills[1]!.evidenceLevel = 'certified';
    expect(await independentVerify(tampered)).toBe(false);
  });

  it('verifies a credential Corridor did not issue (the fixture), with an untrusted issuer until trusted', async () => {
    const foreign = fixture('foreign-passport.json');
    expect(vc2Schema(foreign), JSON.stringify(vc2Schema.errors)).toBe(true);
    expect(await independentVerify(foreign)).toBe(true);
    const report = await verifyCredential(foreign, { trust: trustListOf([]), now: NOW });
    expect(report.checks.signature).toMatchObject({ state: 'ok', code: 'signature_valid' });
    expect(report.checks.issuer.code).toBe('issuer_untrusted');
    expect(report.checks.status.code).toBe('status_unavailable');
    expect(report.valid).toBe(false);

    const vm = String(foreign.proof!.verificationMethod);
    const [did, multibase] = vm.split('#') as [string, string];
    const trust = trustListOf([
      {
        id: vm,
        controller: did,
        publicKeyMultibase: multibase,
        name: 'Another Origin Authority (TEST FIXTURE)',
        source: 'list',
      },
    ]);
    const list = fixture('foreign-status-list.json');
    const trusted = await verifyCredential(foreign, {
      trust,
      now: NOW,
      statusList: () => ({ credential: list, fetchedAt: new Date('2027-01-14T18:00:00Z') }),
    });
    expect(trusted.checks.issuer.code).toBe('issuer_trusted');
    // The fixture's own list marks it revoked: a list Corridor did not make either.
    expect(trusted.checks.status).toMatchObject({ state: 'failed', code: 'revoked' });
    expect(trusted.checks.status.message).toContain('6 h');
    expect(trusted.statusListAgeSeconds).toBe(6 * 3600);
  });

  it('tampering with one skill → invalid, naming the proof', async () => {
    const { credential, trust } = await corridorPassport();
    const tampered = structuredClone(credential);
    (tampered.credentialSubject as { skills: { evidenceLevel: string }[] }).skills[1]!.evidenceLevel = 'certified';
    const report = await verifyCredential(tampered, { trust, now: NOW, original: async () => credential });
    expect(report.valid).toBe(false);
    expect(report.checks.signature.code).toBe('signature_invalid');
    expect(report.checks.signature.message).toContain(String(credential.proof!.verificationMethod));
    expect(report.altered).toEqual(['credentialSubject.skills.1.evidenceLevel']);
    // The fixture too: Corridor holds no original of it, so only the proof is named.
    const foreign = fixture('foreign-passport.json');
    (foreign.credentialSubject as { skills: { method: string }[] }).skills[0]!.method = 'employer attestation';
    const foreignReport = await verifyCredential(foreign, { trust: trustListOf([]), now: NOW });
    expect(foreignReport.checks.signature.code).toBe('signature_invalid');
    expect(foreignReport.checks.signature.message).toContain(String(foreign.proof!.verificationMethod));
  });

  it('revoked → invalid as revoked; expired → invalid as expired; a trusted, current one → valid', async () => {
    const { key, credential, trust } = await corridorPassport();
    const clean = await publishStatusList({ url: LIST, issuerDid: key.controller, key, revoked: [7], now: NOW });
    const fresh = () => ({ credential: clean, fetchedAt: NOW });
    const ok = await verifyCredential(credential, { trust, now: NOW, statusList: fresh });
    expect(ok.valid, JSON.stringify(ok.checks)).toBe(true);

    const revokedList = await publishStatusList({
      url: LIST,
      issuerDid: key.controller,
      key,
      revoked: [1234],
      now: NOW,
    });
    const revoked = await verifyCredential(credential, {
      trust,
      now: NOW,
      statusList: () => ({ credential: revokedList, fetchedAt: NOW }),
    });
    expect(revoked.valid).toBe(false);
    expect(revoked.checks.signature.state).toBe('ok');
    expect(revoked.checks.status.code).toBe('revoked');

    const expired = await verifyCredential(credential, {
      trust,
      now: new Date('2029-01-01T00:00:00Z'),
      statusList: fresh,
    });
    expect(expired.valid).toBe(false);
    expect(expired.checks.signature.state).toBe('ok');
    expect(expired.checks.validity.code).toBe('expired');

    // A list signed by someone else is not believed.
    const stranger = await corridorKey();
    const forged = await publishStatusList({
      url: LIST,
      issuerDid: stranger.controller,
      key: stranger,
      revoked: [],
      now: NOW,
    });
    const forgedReport = await verifyCredential(credential, {
      trust,
      now: NOW,
      statusList: () => ({ credential: forged, fetchedAt: NOW }),
    });
    expect(forgedReport.checks.status.state).toBe('failed');
  });

  it('unknown issuer → valid signature, untrusted issuer', async () => {
    const { credential } = await corridorPassport();
    const report = await verifyCredential(credential, { trust: trustListOf([]), now: NOW });
    expect(report.checks.signature.state).toBe('ok');
    expect(report.checks.issuer).toMatchObject({ state: 'failed', code: 'issuer_untrusted' });
    expect(report.valid).toBe(false);
  });

  it('refuses an unknown context and a wrong proof type before any JSON-LD work', async () => {
    const { credential, trust } = await corridorPassport();
    await expect(
      verifyCredential(
        { ...credential, '@context': [...(credential['@context'] as string[]), 'https://x.example/c'] },
        { trust },
      ),
    ).rejects.toMatchObject({ code: 'unknown_context', path: 'credential.@context.3' });
    await expect(
      verifyCredential({ ...credential, proof: { ...credential.proof, cryptosuite: 'ecdsa-rdfc-2019' } }, { trust }),
    ).rejects.toMatchObject({ code: 'wrong_proof_type' });
  });
});
