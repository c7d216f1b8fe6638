// The passport over HTTP on both stores: issue → verify (valid, trusted, not revoked) → tamper with one skill
// (invalid, naming the proof and the altered field) → revoke (revoked) → expired; a holder's disclosure choice,
// share links that stop; bad input refused with a clear 4xx and nothing stored; key rotation keeps old passports
// verifying; a trusted foreign passport imported into a profile makes its skills certified.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKind } from '../../db/testing.js';
import type { AuthUser } from '../../kernel/auth.js';
import { exampleCodes } from '../../profiles/index.js';
import { seedProfile } from '../../profiles/testing.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { requester, signIn } from '../../testing/people.js';
import type { Credential } from './credential.js';
import { exampleOccupation, tinyPng } from '../testing.js';
import { exampleIssuerList, foreignKey, FOREIGN_NAME } from './testing.js';
import { buildPassport, signCredential } from './credential.js';

describe(`skills passport (${testStoreKind()})`, () => {
  let t: TestApp;
  const u: Record<string, AuthUser> = {};
  const h: Record<string, Record<string, string>> = {};
  let person = '';
  let passportId = '';
  let credential: Credential;

  beforeAll(async () => {
    t = await createTestApp();
    const orgA = await t.organisation('Lisbon Employment Service');
    const orgB = await t.organisation();
    await signIn(t, u, h, {
      advisorA: ['advisor', orgA],
      adminA: ['org_admin', orgA],
      migrantA: ['migrant', orgA],
      advisorB: ['advisor', orgB],
      assessorA: ['assessor', orgA],
      migrantR: ['migrant', orgA],
    });
    person = (
      await seedProfile(t.app.corridor.kernel, { user: u.advisorA! }, { userId: u.migrantA!.id, birthYear: 1991 })
    ).id;
  }, 120_000);
  afterAll(async () => t?.close());

  const inject = requester(() => t, h);
  const verify = async (vc: unknown) => inject('POST', '/credentials/verify', null, { verifiableCredential: vc });
  const count = async (table: string) =>
    (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.store.db)).rows[0]!.n;

  it('issues a passport the public verifier finds valid, trusted and not revoked', async () => {
    const issued = await inject('POST', '/passports', 'advisorA', { migrantId: person });
    expect(issued.statusCode, issued.body).toBe(201);
    passportId = issued.json().id;
    expect(issued.json().skillCount).toBeGreaterThan(0);
    // Another organisation cannot learn the passport exists.
    expect((await inject('GET', `/passports/${passportId}/credential.json`, 'advisorB')).statusCode).toBe(404);

    const download = await inject('GET', `/passports/${passportId}/credential.json`, 'migrantA');
    expect(download.statusCode).toBe(200);
    credential = download.json();
    expect(credential['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      'https://corridor-passport.org/ns/v1',
    ]);
    expect(credential.type).toContain('OpenBadgeCredential');
    expect(credential.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' });
    expect(String((credential.issuer as { id: string }).id)).toMatch(/^did:key:z6Mk/);
    expect(credential.credentialStatus).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
    });
    const subject = credential.credentialSubject as Record<string, unknown>;
    expect(subject.birthYear).toBe(1991);
    expect((subject.skills as { evidenceLevel: string }[])[0]!.evidenceLevel).toBeTruthy();

    const report = await verify(credential);
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json().valid).toBe(true);
    expect(report.json().checks.issuer).toMatchObject({ state: 'ok', code: 'issuer_trusted' });
    expect(report.json().checks.status.code).toBe('not_revoked');
    expect(report.json().issuer.trustedAs).toBe('Lisbon Employment Service');
  });

  it('names the proof and the altered field when one skill is changed', async () => {
    const tampered = structuredClone(credential);
    const skills = (tampered.credentialSubject as { skills: { evidenceLevel: string }[] }).skills;
    skills[0]!.evidenceLevel = skills[0]!.evidenceLevel === 'certified' ? 'self-declared' : 'certified';
    const report = (await verify(tampered)).json();
    expect(report.valid).toBe(false);
    expect(report.checks.signature.code).toBe('signature_invalid');
    expect(report.checks.signature.message).toContain(String(credential.proof!.verificationMethod));
    expect(report.altered).toEqual(['credentialSubject.skills.0.evidenceLevel']);
  });

  it('derives a credential without name, origin and birth year, and shares it until sharing stops', async () => {
    const derived = await inject('POST', `/passports/${passportId}/derive`, 'migrantA', {
      disclosure: { name: false, originCountry: false, birthYear: false },
    });
    expect(derived.statusCode, derived.body).toBe(201);
    const vc = (await inject('GET', `/passports/${derived.json().id}/credential.json`, 'migrantA')).json();
    const subject = vc.credentialSubject;
    expect(subject.name).toBeUndefined();
    expect(subject.birthYear).toBeUndefined();
    expect(subject.originCountry).toBeUndefined();
    expect(subject.pseudonymous).toBe(true);
    expect((await verify(vc)).json().valid).toBe(true);

    const share = await inject('POST', `/passports/${derived.json().id}/shares`, 'migrantA', { days: 7 });
    expect(share.statusCode).toBe(201);
    const token = share.json().url.split('#share=')[1];
    const opened = await inject('GET', `/credentials/shared/${token}`, null);
    expect(opened.statusCode).toBe(200);
    expect(opened.json().id).toBe(vc.id);
    expect((await inject('POST', `/passport-shares/${share.json().id}/stop`, 'migrantA', {})).statusCode).toBe(200);
    expect((await inject('GET', `/credentials/shared/${token}`, null)).statusCode).toBe(404);
  });

  it('makes a PDF whose QR code carries a share link', async () => {
    const pdf = await inject('GET', `/passports/${passportId}/passport.pdf`, 'migrantA');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const shares = (await inject('GET', `/passports/${passportId}/shares`, 'migrantA')).json();
    expect(shares).toHaveLength(1);
  });

  it('refuses what is not a credential with a clear 4xx and stores nothing', async () => {
    const before = await count('passport_credential');
    const audit = await count('audit_log');
    const cases: [unknown, number, string][] = [
      [{ ...credential, '@context': 'https://www.w3.org/ns/credentials/v2' }, 400, 'malformed_jsonld'],
      [
        { ...credential, '@context': [...(credential['@context'] as string[]), 'https://evil.example/ctx'] },
        400,
        'unknown_context',
      ],
      [{ ...credential, proof: { ...credential.proof, type: 'Ed25519Signature2020' } }, 400, 'wrong_proof_type'],
      [
        {
          ...credential,
          credentialSubject: { ...(credential.credentialSubject as object), undefinedTerm: 1, '@id': 5 },
        },
        400,
        'malformed_jsonld',
      ],
    ];
    for (const [vc, status, code] of cases) {
      const answer = await verify(vc);
      expect(answer.statusCode, answer.body).toBe(status);
      expect(answer.json().error.code).toBe(code);
    }
    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/v1/credentials/verify',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ verifiableCredential: { ...credential, padding: 'x'.repeat(10 * 1024 * 1024) } }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error).toBeDefined();
    expect(await count('passport_credential')).toBe(before);
    expect(await count('audit_log')).toBe(audit);
  });

  it('says revoked once the issuer revokes, through the published status list', async () => {
    expect((await inject('POST', `/passports/${passportId}/revoke`, 'migrantA', { reason: 'x' })).statusCode).toBe(403);
    const revoked = await inject('POST', `/passports/${passportId}/revoke`, 'advisorA', { reason: 'issued in error' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().revoked).toBe(2); // the passport and its derived credential
    const list = await inject(
      'GET',
      `/credentials/status/${(credential.credentialStatus as { statusListCredential: string }).statusListCredential.split('/').pop()}`,
      null,
    );
    expect(list.statusCode).toBe(200);
    expect(list.headers['cache-control']).toContain('max-age');
    const report = (await verify(credential)).json();
    expect(report.valid).toBe(false);
    expect(report.checks.signature.state).toBe('ok');
    expect(report.checks.status.code).toBe('revoked');
  });

  it('keeps old passports verifying after the key rotates', async () => {
    const before = (await inject('POST', '/passports', 'advisorA', { migrantId: person })).json();
    const old = (await inject('GET', `/passports/${before.id}/credential.json`, 'advisorA')).json();
    const rotated = await inject('POST', '/passports/keys/rotate', 'adminA', {});
    expect(rotated.statusCode, rotated.body).toBe(200);
    expect(rotated.json().verificationMethod).not.toBe(old.proof.verificationMethod);
    const report = (await verify(old)).json();
    expect(report.valid, JSON.stringify(report.checks)).toBe(true);
    const after = (await inject('POST', '/passports', 'advisorA', { migrantId: person })).json();
    const fresh = (await inject('GET', `/passports/${after.id}/credential.json`, 'advisorA')).json();
    expect(fresh.proof.verificationMethod).toBe(rotated.json().verificationMethod);
    expect((await verify(fresh)).json().valid).toBe(true);
  });

  it('trusts a foreign issuer after its signed list is imported, and imports its passport as certified skills', async () => {
    const key = await foreignKey();
    const profile = (await inject('GET', `/profiles/${person}`, 'advisorA')).json();
    const uri = profile.skills[0].uri as string;
    const now = new Date();
    const foreign = await signCredential(
      buildPassport(
        {
          name: 'A',
          subjectId: 'urn:uuid:0d9b1f5e-0000-4000-8000-000000000001',
          originCountry: null,
          birthYear: null,
          occupations: [],
          skills: [{ uri, name: null, evidenceLevel: 'assessed', method: 'practical test' }],
          qualifications: [],
          languages: [],
        },
        { did: key.controller, name: FOREIGN_NAME, url: 'https://origin.example' },
        {
          id: '0d9b1f5e-0000-4000-8000-000000000002',
          validFrom: now,
          validUntil: new Date(now.getTime() + 86_400_000),
          status: { list: 'https://origin.example/api/v1/credentials/status/o', index: 1 },
        },
      ),
      key,
    );
    const untrusted = (await verify(foreign)).json();
    expect(untrusted.checks.signature.state).toBe('ok');
    expect(untrusted.checks.issuer.code).toBe('issuer_untrusted');
    const refused = await inject('POST', `/migrants/${person}/passport-imports`, 'advisorA', { credential: foreign });
    expect(refused.statusCode).toBe(400);

    const imported = await inject('POST', '/passports/trust-list/import', 'adminA', {
      list: await exampleIssuerList(),
    });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json().issuers).toEqual([FOREIGN_NAME]);
    const trusted = (await verify(foreign)).json();
    expect(trusted.checks.issuer.code).toBe('issuer_trusted');
    expect(trusted.checks.status.code).toBe('status_unavailable');

    const into = await inject('POST', `/migrants/${person}/passport-imports`, 'advisorA', { credential: foreign });
    expect(into.statusCode, into.body).toBe(200);
    expect(into.json()).toMatchObject({ certified: 1, issuer: FOREIGN_NAME });
    const after = (await inject('GET', `/profiles/${person}`, 'advisorA')).json();
    expect(after.skills.find((s: { uri: string }) => s.uri === uri)).toMatchObject({
      evidence: 'certified',
      source: 'certificate',
    });
    // The next passport carries the provenance.
    const next = (await inject('POST', '/passports', 'advisorA', { migrantId: person })).json();
    const vc = (await inject('GET', `/passports/${next.id}/credential.json`, 'advisorA')).json();
    const skill = vc.credentialSubject.skills.find((s: { skill: string }) => s.skill === uri);
    expect(skill).toMatchObject({
      evidenceLevel: 'certified',
      method: 'verified credential',
      assessedBy: FOREIGN_NAME,
    });
  });

  it('carries what recognition decided: the qualification with its EQF level, the skill an RPL assessment raised', async () => {
    const occupation = await exampleOccupation({ db: t.store.db });
    const migrantId = (
      await seedProfile(
        t.app.corridor.kernel,
        { user: u.advisorA! },
        { userId: u.migrantR!.id, displayName: 'Youssef B.' },
        await exampleCodes(t.store.db),
      )
    ).id;
    // The advisor records the qualification as written, with its diploma, and asks for recognition.
    const q = await inject('POST', `/migrants/${migrantId}/qualifications`, 'advisorA', {
      originalTitle: 'Diplôme de technicien spécialisé en électricité',
      titleTranslation: 'Specialised technician diploma in electricity',
      translationLang: 'en',
      awardingBody: 'OFPPT',
      country: 'MA',
      year: 2019,
      iscedField: '0713',
    });
    expect(q.statusCode, q.body).toBe(201);
    const doc = await inject('POST', `/recognition/qualifications/${q.json().id}/documents`, 'advisorA', {
      kind: 'diploma',
      fileName: 'diploma.png',
      mediaType: 'image/png',
      contentBase64: tinyPng().toString('base64'),
    });
    expect(doc.statusCode, doc.body).toBe(201);
    const requested = await inject('POST', `/recognition/qualifications/${q.json().id}/cases`, 'advisorA', {});
    expect(requested.statusCode, requested.body).toBe(201);
    const caseId = requested.json().id as string;

    // The assessor assesses with an RPL checklist, then decides.
    const rpl = await inject('POST', `/migrants/${migrantId}/rpl-assessments`, 'assessorA', {
      occupationUri: occupation,
    });
    expect(rpl.statusCode, rpl.body).toBe(201);
    const skillUri = rpl.json().skills[0].skillUri as string;
    const marked = await inject('POST', `/recognition/rpl-assessments/${rpl.json().id}/skills`, 'assessorA', {
      version: rpl.json().version,
      skills: [{ skillUri, method: 'practical_test', result: 'demonstrated' }],
    });
    expect(marked.statusCode, marked.body).toBe(200);
    const done = await inject('POST', `/recognition/rpl-assessments/${rpl.json().id}/complete`, 'assessorA', {
      version: marked.json().version,
    });
    expect(done.statusCode, done.body).toBe(200);
    const assessed = await inject('POST', `/recognition/cases/${caseId}/assessment`, 'assessorA', {
      version: requested.json().version,
      documentsChecked: true,
    });
    expect(assessed.statusCode, assessed.body).toBe(200);
    const decided = await inject('POST', `/recognition/cases/${caseId}/decision`, 'assessorA', {
      version: assessed.json().version,
      outcome: 'recognised',
      eqfLevel: 5,
      comparableQualification: 'Técnico Superior en Sistemas Electrotécnicos',
    });
    expect(decided.statusCode, decided.body).toBe(200);

    const issued = await inject('POST', '/passports', 'advisorA', { migrantId });
    expect(issued.statusCode, issued.body).toBe(201);
    const vc = (await inject('GET', `/passports/${issued.json().id}/credential.json`, 'migrantR')).json();
    const today = new Date().toISOString().slice(0, 10);
    const subject = vc.credentialSubject;
    expect(subject.qualifications).toContainEqual({
      name: 'Diplôme de technicien spécialisé en électricité',
      translatedName: 'Specialised technician diploma in electricity',
      awardingBody: 'OFPPT',
      awardingCountry: 'MA',
      awardYear: 2019,
      eqfLevel: 5,
      recognition: 'recognised',
      recognisedOn: today,
      comparableQualification: 'Técnico Superior en Sistemas Electrotécnicos',
    });
    const skill = subject.skills.find((s: { skill: string }) => s.skill === skillUri);
    expect(skill).toMatchObject({
      skill: skillUri,
      evidenceLevel: 'assessed',
      method: 'practical test',
      assessedBy: u.assessorA!.name,
      assessedOn: today,
    });
    const report = (await verify(vc)).json();
    expect(report.valid, JSON.stringify(report.checks)).toBe(true);
    // The recognised EQF level is signed: raising it breaks the proof, naming the field.
    const tampered = structuredClone(vc);
    const i = tampered.credentialSubject.qualifications.findIndex((x: { recognition?: string }) => x.recognition);
    tampered.credentialSubject.qualifications[i].eqfLevel = 7;
    const bad = (await verify(tampered)).json();
    expect(bad.valid).toBe(false);
    expect(bad.altered).toEqual([`credentialSubject.qualifications.${i}.eqfLevel`]);
  });
  // Last: it loads a taxonomy into the store, which the profile edits above must not meet.
  it('gives the verification page ESCO labels in the reader’s language (English where ESCO has none)', async () => {
    const { ensureExampleTaxonomy } = await import('../../taxonomy/testing.js');
    await ensureExampleTaxonomy({ db: t.store.db } as never);
    const codes = await exampleCodes(t.store.db);
    const key = await foreignKey();
    const now = new Date();
    const vc = await signCredential(
      buildPassport(
        {
          name: 'A',
          subjectId: 'urn:uuid:0d9b1f5e-0000-4000-8000-0000000000aa',
          originCountry: null,
          birthYear: null,
          occupations: [{ uri: codes.occupation, name: null }],
          skills: [{ uri: codes.skills[0], name: null, evidenceLevel: 'assessed', method: 'practical test' }],
          qualifications: [],
          languages: [],
        },
        { did: key.controller, name: FOREIGN_NAME, url: 'https://origin.example' },
        {
          id: '0d9b1f5e-0000-4000-8000-0000000000ab',
          validFrom: now,
          validUntil: new Date(now.getTime() + 86_400_000),
          status: { list: 'https://origin.example/api/v1/credentials/status/o', index: 1 },
        },
      ),
      key,
    );
    const read = async (lang: string) =>
      inject('POST', `/credentials/verify?lang=${lang}`, null, { verifiableCredential: vc });
    const en = (await read('en')).json().labels;
    const es = (await read('es')).json().labels;
    const ar = (await read('ar')).json().labels;
    expect(en.lang).toBe('en');
    expect(Object.keys(en.labels).sort()).toEqual([codes.occupation, codes.skills[0]].sort());
    expect(es.lang).toBe('es');
    expect(es.labels[codes.occupation]).toBeTruthy();
    expect(es.labels[codes.occupation]).not.toBe(en.labels[codes.occupation]);
    // ESCO has no Arabic: English labels, and the answer says so.
    expect(ar).toEqual({ lang: 'en', labels: en.labels });
    // Without ?lang= the report is as before; an unknown language is a 400 naming the field.
    expect((await verify(vc)).json().labels).toBeUndefined();
    const bad = await read('xx');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('lang');
  });
});
