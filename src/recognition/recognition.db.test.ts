// Recognition over HTTP on both stores: the qualification → case → decision lifecycle with reopen and appeal, RPL
// raising skills to "assessed" with provenance, who may see documents and cases (every view audited), erasure, and
// bad input refused with nothing stored.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKind } from '../db/testing.js';
import type { AuthUser } from '../kernel/auth.js';
import { giveConsent } from '../identity/index.js';
import { exampleCodes, getProfile } from '../profiles/index.js';
import { seedProfile } from '../profiles/testing.js';
import { createTestApp, type TestApp } from '../testing/app.js';
import { requester, signIn } from '../testing/people.js';
import { assessedSkills, recognisedQualifications } from './store.js';
import { EXAMPLE_FRAMEWORK_CSV, exampleOccupation, tinyPdf, tinyPng } from './testing.js';

describe(`recognition (${testStoreKind()})`, () => {
  let t: TestApp;
  const u: Record<string, AuthUser> = {};
  const h: Record<string, Record<string, string>> = {};
  let occupation: string;

  beforeAll(async () => {
    t = await createTestApp();
    occupation = await exampleOccupation({ db: t.store.db });
    const orgA = await t.organisation();
    const orgB = await t.organisation();
    const employerOrg = await t.organisation(undefined, 'employer');
    await signIn(t, u, h, {
      advisor: ['advisor', orgA],
      assessor: ['assessor', orgA],
      admin: ['org_admin', orgA],
      employerA: ['employer', orgA],
      employer: ['employer', employerOrg],
      advisorB: ['advisor', orgB],
      assessorB: ['assessor', orgB],
      migrant: ['migrant', orgA],
      migrant2: ['migrant', orgA],
      platform: ['platform_admin', orgA],
    });
  }, 120_000);
  afterAll(async () => t?.close());

  const inject = requester(() => t, h);
  const person = async (userId?: string) =>
    (
      await seedProfile(
        t.app.corridor.kernel,
        { user: u.advisor! },
        { displayName: 'Youssef B.', ...(userId ? { userId } : {}) },
        await exampleCodes(t.store.db),
      )
    ).id;
  const count = async (table: string, where: string, value: string) =>
    (
      await sql<{
        n: number;
      }>`select count(*)::int as n from ${sql.table(table)} where ${sql.ref(where)} = ${value}`.execute(t.store.db)
    ).rows[0]!.n;
  const audits = async (entity: string, entityId: string, action = 'read') =>
    (
      await sql<{
        n: number;
      }>`select count(*)::int as n from audit_log where entity = ${entity} and entity_id = ${entityId} and action = ${action}`.execute(
        t.store.db,
      )
    ).rows[0]!.n;
  const qualification = async (migrantId: string, who = 'advisor') => {
    const r = await inject('POST', `/migrants/${migrantId}/qualifications`, who, {
      originalTitle: 'Diplôme de technicien spécialisé en électricité',
      titleTranslation: 'Specialised technician diploma in electricity',
      translationLang: 'en',
      awardingBody: 'OFPPT',
      country: 'MA',
      year: 2019,
      iscedField: '0713',
      nationalFramework: 'PH-PQF',
      nationalLevel: '5',
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string; version: number; referencedEqfLevel: number | null; status: string };
  };
  const upload = (qualificationId: string, content: Buffer, mediaType = 'image/png', who = 'advisor') =>
    inject('POST', `/recognition/qualifications/${qualificationId}/documents`, who, {
      kind: 'diploma',
      fileName: 'diploma-scan.png',
      mediaType,
      contentBase64: content.toString('base64'),
    });

  it('walks a qualification from record to decision, with appeal and reopen, every step in the history', async () => {
    const migrantId = await person(u.migrant!.id);
    const q = await qualification(migrantId);
    expect(q).toMatchObject({ status: 'recorded', referencedEqfLevel: 5 });
    expect((await upload(q.id, tinyPng())).statusCode).toBe(201);

    // The migrant themself asks for recognition.
    const req = await inject('POST', `/recognition/qualifications/${q.id}/cases`, 'migrant', {
      note: 'For work in Spain',
    });
    expect(req.statusCode, req.body).toBe(201);
    const caseId = req.json().id as string;
    expect((await inject('POST', `/recognition/qualifications/${q.id}/cases`, 'advisor', {})).statusCode).toBe(409);

    // The queue shows it to the organisation's assessor, not to another organisation's.
    const queue = await inject('GET', '/recognition/cases?status=requested', 'assessor');
    expect(queue.json().items.map((i: { case: { id: string } }) => i.case.id)).toContain(caseId);
    expect((await inject('GET', '/recognition/cases', 'assessorB')).json().items).toEqual([]);

    // Deciding before the documents are checked is refused.
    const early = await inject('POST', `/recognition/cases/${caseId}/decision`, 'assessor', {
      version: 1,
      outcome: 'recognised',
      eqfLevel: 5,
    });
    expect(early.statusCode).toBe(409);

    const assessed = await inject('POST', `/recognition/cases/${caseId}/assessment`, 'assessor', {
      version: 1,
      documentsChecked: true,
      interview: [{ topic: 'Practical training', note: 'Six months in a workshop' }],
      comparisonNote: 'Close to a Spanish Técnico Superior, without the regulations module',
    });
    expect(assessed.statusCode, assessed.body).toBe(200);

    // Partial recognition: the missing skill and the training offers for it (the gap engine's ranking).
    const [skill] = (await exampleCodes(t.store.db)).skills;
    const offer = await inject('POST', '/training-offers', 'admin', {
      title: 'Electrical regulations course',
      skills: [skill],
      durationHours: 40,
      cost: 0,
      currency: 'EUR',
      mode: 'online',
      language: 'es',
    });
    expect(offer.statusCode, offer.body).toBe(201);
    const partial = await inject('POST', `/recognition/cases/${caseId}/decision`, 'assessor', {
      version: assessed.json().version,
      outcome: 'partially_recognised',
      eqfLevel: 4,
      destinationLevel: '4',
      comparableQualification: 'Técnico en instalaciones eléctricas',
      occupationUris: [occupation],
      missingSkills: [skill],
      reasons: ['content_differs_substantially'],
    });
    expect(partial.statusCode, partial.body).toBe(200);
    expect(partial.json()).toMatchObject({ status: 'decided', outcome: 'partially_recognised', eqfLevel: 4 });
    expect(partial.json().compensation).toEqual([
      { offerId: offer.json().id, title: 'Electrical regulations course', covers: [skill] },
    ]);
    expect(await recognisedQualifications(t.store.db, migrantId)).toMatchObject([
      { qualificationId: q.id, outcome: 'partially_recognised', eqfLevel: 4, occupationUris: [occupation] },
    ]);

    // The person appeals; the assessor assesses again and recognises fully.
    const appeal = await inject('POST', `/recognition/cases/${caseId}/appeal`, 'migrant', {
      version: partial.json().version,
      reason: 'The regulations were part of year three',
    });
    expect(appeal.statusCode, appeal.body).toBe(200);
    expect(await recognisedQualifications(t.store.db, migrantId)).toEqual([]);
    const again = await inject('POST', `/recognition/cases/${caseId}/assessment`, 'assessor', {
      version: appeal.json().version,
      documentsChecked: true,
    });
    const full = await inject('POST', `/recognition/cases/${caseId}/decision`, 'assessor', {
      version: again.json().version,
      outcome: 'recognised',
      eqfLevel: 5,
      occupationUris: [occupation],
    });
    expect(full.statusCode, full.body).toBe(200);
    // Reopened (by the org admin), then not recognised with reasons.
    const reopened = await inject('POST', `/recognition/cases/${caseId}/reopen`, 'admin', {
      version: full.json().version,
      reason: 'The awarding body’s accreditation is in doubt',
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    const noReasons = await inject('POST', `/recognition/cases/${caseId}/decision`, 'assessor', {
      version: reopened.json().version,
      outcome: 'not_recognised',
    });
    expect(noReasons.statusCode).toBe(400);
    expect(noReasons.json().error.path).toBe('body.reasons');
    const refused = await inject('POST', `/recognition/cases/${caseId}/decision`, 'assessor', {
      version: reopened.json().version,
      outcome: 'not_recognised',
      reasons: ['awarding_body_not_accredited'],
    });
    expect(refused.statusCode, refused.body).toBe(200);

    const detail = await inject('GET', `/recognition/cases/${caseId}`, 'migrant');
    expect(detail.statusCode).toBe(200);
    expect(detail.json().events.map((e: { step: string }) => e.step)).toEqual([
      'requested',
      'assessed',
      'decided',
      'appealed',
      'assessed',
      'decided',
      'reopened',
      'decided',
    ]);
    expect(detail.json().qualification.status).toBe('not_recognised');
    // Every step is in the audit log and the change log.
    expect(await audits('recognition_case', caseId, 'update')).toBe(7);
    const changes = await sql<{
      n: number;
    }>`select count(*)::int as n from change_log where entity = 'recognition_case' and entity_id = ${caseId}`.execute(
      t.store.db,
    );
    expect(changes.rows[0]!.n).toBe(8);
  });

  it('an RPL assessment makes demonstrated skills "assessed" on the profile, with provenance', async () => {
    const migrantId = await person();
    const start = await inject('POST', `/migrants/${migrantId}/rpl-assessments`, 'assessor', {
      occupationUri: occupation,
    });
    expect(start.statusCode, start.body).toBe(201);
    const a = start.json() as { id: string; version: number; skills: { skillUri: string }[] };
    expect(a.skills.length).toBeGreaterThan(0);
    const [first, second] = a.skills.map((s) => s.skillUri);
    // A demonstrated skill needs a method; a skill not on the checklist is refused.
    const noMethod = await inject('POST', `/recognition/rpl-assessments/${a.id}/skills`, 'assessor', {
      version: a.version,
      skills: [{ skillUri: first, method: null, result: 'demonstrated' }],
    });
    expect(noMethod.statusCode).toBe(400);
    expect(noMethod.json().error.path).toBe('body.skills.0.method');
    const rec = await inject('POST', `/recognition/rpl-assessments/${a.id}/skills`, 'assessor', {
      version: a.version,
      skills: [
        { skillUri: first, method: 'practical_test', result: 'demonstrated' },
        ...(second ? [{ skillUri: second, method: 'interview', result: 'not_yet' }] : []),
      ],
    });
    expect(rec.statusCode, rec.body).toBe(200);
    const done = await inject('POST', `/recognition/rpl-assessments/${a.id}/complete`, 'assessor', {
      version: rec.json().version,
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().skills.every((s: { result: string }) => s.result !== 'pending')).toBe(true);

    const profile = await getProfile(t.store.db, t.app.corridor.cipher, migrantId);
    expect(profile.skills.find((s) => s.uri === first)).toMatchObject({ evidence: 'assessed', source: 'assessment' });
    if (second) expect(profile.skills.find((s) => s.uri === second)?.evidence ?? 'absent').not.toBe('assessed');
    const provenance = await assessedSkills(t.store.db, migrantId);
    expect(provenance).toEqual([
      {
        skillUri: first,
        evidence: 'assessed',
        assessmentId: a.id,
        occupationUri: occupation,
        assessorName: u.assessor!.name,
        assessedOn: new Date().toISOString().slice(0, 10),
        method: 'practical_test',
      },
    ]);
    // The employer's candidate card carries the provenance, under the person's consent to be matched.
    expect((await inject('GET', `/profiles/${migrantId}/candidate-view`, 'employer')).statusCode).toBe(404);
    await giveConsent(
      { db: t.store.db, user: u.advisor! },
      {
        migrantId,
        organisationId: u.advisor!.organisationId,
        purpose: 'matching_with_employers',
        fieldScopes: ['skills'],
      },
    );
    const card = await inject('GET', `/profiles/${migrantId}/candidate-view`, 'employer');
    expect(card.statusCode, card.body).toBe(200);
    const shown = (card.json().skills as { uri: string; evidence: string; assessedBy?: object }[]).find(
      (s) => s.uri === first,
    );
    expect(shown).toEqual({
      uri: first,
      evidence: 'assessed',
      assessedBy: {
        assessorName: u.assessor!.name,
        assessedOn: new Date().toISOString().slice(0, 10),
        method: 'practical_test',
      },
    });
    // So does their card on the employer's shortlist (the matching index holds the skill as assessed).
    const vacancy = await inject('POST', '/vacancies', 'employer', {
      title: 'Electrician',
      occupationUri: occupation,
      sector: 'I',
      essentialSkills: [first],
      languages: [],
      location: { country: 'ES', region: 'ES51' },
      posts: 1,
      contractType: 'permanent',
      employerSponsorsPermit: false,
      employerPaysRecruitmentFees: true,
    });
    expect(vacancy.statusCode, vacancy.body).toBe(201);
    const shortlist = await inject('GET', `/vacancies/${vacancy.json().id}/candidates`, 'employer');
    expect(shortlist.statusCode, shortlist.body).toBe(200);
    const listed = (shortlist.json().items as { candidate: { id: string; skills: { uri: string }[] } }[]).find(
      (i) => i.candidate.id === migrantId,
    );
    expect(listed?.candidate.skills.find((s) => s.uri === first)).toEqual(shown);
    // A completed assessment is closed.
    const late = await inject('POST', `/recognition/rpl-assessments/${a.id}/skills`, 'assessor', {
      version: done.json().version,
      skills: [{ skillUri: first, method: 'interview', result: 'not_yet' }],
    });
    expect(late.statusCode).toBe(409);
  });

  it('documents and cases: only the person and their organisation’s staff see them, and every view is audited', async () => {
    const migrantId = await person(u.migrant2!.id);
    const q = await qualification(migrantId);
    const doc = await upload(q.id, tinyPdf(), 'application/pdf');
    expect(doc.statusCode, doc.body).toBe(201);
    const docId = doc.json().id as string;
    const caseId = (await inject('POST', `/recognition/qualifications/${q.id}/cases`, 'advisor', {})).json().id;

    // The stored bytes are ciphertext, not the PDF.
    const stored = await t.store.db
      .selectFrom('recognition_document')
      .selectAll()
      .where('id', '=', docId)
      .executeTakeFirstOrThrow();
    expect(stored.content_enc.startsWith('enc1.')).toBe(true);
    expect(stored.content_enc).not.toContain(tinyPdf().toString('base64').slice(0, 20));

    for (const who of ['advisor', 'assessor', 'admin', 'migrant']) {
      const before = await audits('recognition_document', docId);
      const r = await inject('GET', `/recognition/documents/${docId}`, who === 'migrant' ? 'migrant2' : who);
      expect(r.statusCode, who).toBe(200);
      expect(r.headers['content-type']).toBe('application/pdf');
      expect(Buffer.from(r.rawPayload).equals(tinyPdf())).toBe(true);
      expect(await audits('recognition_document', docId)).toBe(before + 1);
    }
    const before = await audits('recognition_document', docId);
    expect((await inject('GET', `/recognition/documents/${docId}`, 'employerA')).statusCode).toBe(403);
    expect((await inject('GET', `/recognition/documents/${docId}`, 'employer')).statusCode).toBe(403);
    expect((await inject('GET', `/recognition/documents/${docId}`, 'advisorB')).statusCode).toBe(404);
    expect((await inject('GET', `/recognition/documents/${docId}`, 'assessorB')).statusCode).toBe(404);
    expect((await inject('GET', `/recognition/documents/${docId}`, 'platform')).statusCode).toBe(403);
    expect(await audits('recognition_document', docId)).toBe(before);

    expect((await inject('GET', `/recognition/cases/${caseId}`, 'employerA')).statusCode).toBe(403);
    expect((await inject('GET', `/recognition/cases/${caseId}`, 'advisorB')).statusCode).toBe(404);
    expect((await inject('GET', `/migrants/${migrantId}/recognition`, 'employer')).statusCode).toBe(403);
    expect((await inject('GET', `/migrants/${migrantId}/recognition`, 'advisorB')).statusCode).toBe(404);
    expect(
      (
        await inject('POST', `/recognition/cases/${caseId}/assessment`, 'assessorB', {
          version: 1,
          documentsChecked: true,
        })
      ).statusCode,
    ).toBe(404);
    expect((await inject('GET', `/recognition/documents/${docId}`, 'migrant')).statusCode).toBe(404);
    const mine = await inject('GET', `/migrants/${migrantId}/recognition`, 'migrant2');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().qualifications[0].documents[0]).toMatchObject({
      id: docId,
      fileName: 'diploma-scan.png',
      mediaType: 'application/pdf',
    });
  });

  it('erasure removes the person’s documents, qualifications, cases and assessments', async () => {
    const migrantId = await person();
    const q = await qualification(migrantId);
    expect((await upload(q.id, tinyPng())).statusCode).toBe(201);
    expect((await inject('POST', `/recognition/qualifications/${q.id}/cases`, 'advisor', {})).statusCode).toBe(201);
    expect(
      (await inject('POST', `/migrants/${migrantId}/rpl-assessments`, 'assessor', { occupationUri: occupation }))
        .statusCode,
    ).toBe(201);
    const exported = await inject('GET', `/migrants/${migrantId}/export`, 'admin');
    expect(exported.json().sections.recognition.qualifications).toHaveLength(1);
    const erase = await inject('POST', `/migrants/${migrantId}/erasure`, 'admin', {
      confirm: true,
      reason: 'Asked by the person',
    });
    expect(erase.statusCode, erase.body).toBeLessThan(300);
    for (const table of [
      'recognition_document',
      'recognition_qualification',
      'recognition_case',
      'recognition_rpl_assessment',
    ])
      expect(await count(table, 'migrant_id', migrantId), table).toBe(0);
  });

  it('refuses bad documents and bad framework files, storing nothing', async () => {
    const migrantId = await person();
    const q = await qualification(migrantId);
    const docs = () => count('recognition_document', 'qualification_id', q.id);
    const creates = () => audits('recognition_document', q.id, 'create');

    // A PNG declared as a PDF: the content decides.
    const lie = await upload(q.id, tinyPng(), 'application/pdf');
    expect(lie.statusCode).toBe(400);
    expect(lie.json().error).toMatchObject({ code: 'document_type_mismatch', path: 'body.contentBase64' });
    // Text named .png.
    const text = await upload(q.id, Buffer.from('not an image at all, just text'), 'image/png');
    expect(text.statusCode).toBe(400);
    expect(text.json().error.code).toBe('document_type');
    // Over 10 MB (a valid PDF header, then padding).
    const big = Buffer.concat([tinyPdf(), Buffer.alloc(10 * 1024 * 1024)]);
    const tooBig = await upload(q.id, big, 'application/pdf');
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.path).toBe('body.contentBase64');
    expect(await docs()).toBe(0);
    expect(await creates()).toBe(0);

    // Framework CSV: a bad EQF level on line 3 → line error, nothing stored (not even the good lines).
    const frameworks = async () =>
      (await t.store.db.selectFrom('recognition_framework').select('code').execute()).length;
    const n = await frameworks();
    const bad = EXAMPLE_FRAMEWORK_CSV.replace('Routine work,2', 'Routine work,9');
    const r = await inject('POST', '/recognition/frameworks/import', 'platform', { csv: bad });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'invalid_lines', path: 'body.csv' });
    expect(r.json().error.message).toContain('line 3: eqf_level "9" is not an EQF level 1–8');
    const dangling = EXAMPLE_FRAMEWORK_CSV.replace('XQF,2\n', 'XQF,7\n').replace(/XQF,2$/, 'XQF,7');
    const r2 = await inject('POST', '/recognition/frameworks/import', 'platform', { csv: dangling });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().error.message).toContain('line 4: regional level "XQF 7" does not exist');
    expect(await frameworks()).toBe(n);
    // Only platform admins import; the good file imports, replacing the example flag.
    expect(
      (await inject('POST', '/recognition/frameworks/import', 'admin', { csv: EXAMPLE_FRAMEWORK_CSV })).statusCode,
    ).toBe(403);
    const ok = await inject('POST', '/recognition/frameworks/import', 'platform', { csv: EXAMPLE_FRAMEWORK_CSV });
    expect(ok.statusCode, ok.body).toBe(200);
    const list = (await inject('GET', '/recognition/frameworks', 'migrant')).json().frameworks as {
      code: string;
      example: boolean;
      levels: { level: string; eqfLevel: number; regionalLevel: string | null }[];
    }[];
    expect(list.find((f) => f.code === 'MA-CNC')).toMatchObject({
      example: false,
      levels: [{ level: '5', eqfLevel: 5, regionalLevel: '2' }],
    });
    expect(list.find((f) => f.code === 'EQF')?.example).toBe(true);
    // A national level that the framework lacks is refused at the field.
    const wrongLevel = await inject('POST', `/migrants/${migrantId}/qualifications`, 'advisor', {
      originalTitle: 'X',
      awardingBody: 'Y',
      country: 'MA',
      nationalFramework: 'MA-CNC',
      nationalLevel: '9',
    });
    expect(wrongLevel.statusCode).toBe(400);
    expect(wrongLevel.json().error.path).toBe('body.nationalLevel');
  });
});
