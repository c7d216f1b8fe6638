// A recognition case referred to another organisation on the instance (a qualifications authority), on both
// stores: the person's consent decides what that organisation sees — the case and its documents, each view audited,
// nothing else of the person; a third organisation sees nothing; the decision returns to the home organisation and
// the person; withdrawing the consent or the referral hides the case at once; erasure removes the referral.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKind } from '../db/testing.js';
import type { AuthUser } from '../kernel/auth.js';
import { exampleCodes } from '../profiles/index.js';
import { seedProfile } from '../profiles/testing.js';
import { createTestApp, type TestApp } from '../testing/app.js';
import { requester, signIn } from '../testing/people.js';
import { tinyPng } from './testing.js';

describe(`recognition referral (${testStoreKind()})`, () => {
  let t: TestApp;
  const u: Record<string, AuthUser> = {};
  const h: Record<string, Record<string, string>> = {};
  const org: Record<string, string> = {};
  const inject = requester(() => t, h);

  beforeAll(async () => {
    t = await createTestApp();
    org.home = await t.organisation('Tangier Employment Service');
    org.authority = await t.organisation('Qualifications Authority', 'assessment_body');
    org.third = await t.organisation('Another Assessment Centre', 'assessment_body');
    org.employer = await t.organisation(undefined, 'employer');
    await signIn(t, u, h, {
      advisor: ['advisor', org.home],
      assessor: ['assessor', org.home],
      admin: ['org_admin', org.home],
      migrant: ['migrant', org.home],
      migrant2: ['migrant', org.home],
      authority: ['assessor', org.authority],
      authorityAdmin: ['org_admin', org.authority],
      authorityAdvisor: ['advisor', org.authority],
      third: ['assessor', org.third],
    });
  }, 120_000);
  afterAll(async () => t?.close());

  const count = async (table: string, column: string, value: string) =>
    (
      await sql<{
        n: number;
      }>`select count(*)::int as n from ${sql.table(table)} where ${sql.ref(column)} = ${value}`.execute(t.store.db)
    ).rows[0]!.n;
  const reads = async (entity: string, entityId: string, organisationOfReader: string) =>
    (
      await sql<{ n: number }>`select count(*)::int as n from audit_log a join app_user u on u.id = a.actor_user_id
        where a.entity = ${entity} and a.entity_id = ${entityId} and a.action = 'read'
          and u.organisation_id = ${organisationOfReader}`.execute(t.store.db)
    ).rows[0]!.n;

  /** A person of the home organisation with a qualification, its diploma and a recognition case. */
  const openCase = async (userId?: string) => {
    const migrantId = (
      await seedProfile(
        t.app.corridor.kernel,
        { user: u.advisor! },
        { displayName: 'Youssef B.', ...(userId ? { userId } : {}) },
        await exampleCodes(t.store.db),
      )
    ).id;
    const q = await inject('POST', `/migrants/${migrantId}/qualifications`, 'advisor', {
      originalTitle: 'Diplôme de technicien spécialisé en électricité',
      awardingBody: 'OFPPT',
      country: 'MA',
      year: 2019,
    });
    expect(q.statusCode, q.body).toBe(201);
    const doc = await inject('POST', `/recognition/qualifications/${q.json().id}/documents`, 'advisor', {
      kind: 'diploma',
      fileName: 'diploma.png',
      mediaType: 'image/png',
      contentBase64: tinyPng().toString('base64'),
    });
    expect(doc.statusCode, doc.body).toBe(201);
    const c = await inject('POST', `/recognition/qualifications/${q.json().id}/cases`, 'advisor', {});
    expect(c.statusCode, c.body).toBe(201);
    return { migrantId, caseId: c.json().id as string, documentId: doc.json().id as string };
  };
  const queueOf = async (who: string) =>
    (await inject('GET', '/recognition/cases', who)).json().items as {
      case: { id: string };
      referredFrom: string | null;
    }[];
  const refer = (caseId: string, organisationId: string, who = 'advisor', extra: object = {}) =>
    inject('POST', `/recognition/cases/${caseId}/referral`, who, { organisationId, consent: true, ...extra });

  it('opens only the referred case and its documents to the assessing organisation, which decides it', async () => {
    const { migrantId, caseId, documentId } = await openCase(u.migrant!.id);
    // Not referred yet: the authority cannot learn the case exists.
    expect((await inject('GET', `/recognition/cases/${caseId}`, 'authority')).statusCode).toBe(404);
    expect((await inject('GET', `/recognition/documents/${documentId}`, 'authority')).statusCode).toBe(404);

    // Refused, nothing stored: no consent, an employer, the home organisation itself, an unknown organisation.
    const noConsent = await inject('POST', `/recognition/cases/${caseId}/referral`, 'advisor', {
      organisationId: org.authority,
    });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json().error.path).toBe('body.consent');
    expect((await refer(caseId, org.employer!)).json().error).toMatchObject({ code: 'not_assessing' });
    expect((await refer(caseId, org.home!)).json().error).toMatchObject({ code: 'own_organisation' });
    expect((await refer(caseId, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(400);
    // The assessing organisation cannot refer the home organisation's case to itself.
    expect((await refer(caseId, org.authority!, 'authorityAdvisor')).statusCode).toBe(404);
    expect(await count('recognition_referral', 'case_id', caseId)).toBe(0);
    expect(
      (
        await sql<{ n: number }>`select count(*)::int as n from consent where migrant_id = ${migrantId}
        and purpose = 'recognition_referral'`.execute(t.store.db)
      ).rows[0]!.n,
    ).toBe(0);

    const referred = await refer(caseId, org.authority!, 'advisor', { note: 'Regulated profession in Spain' });
    expect(referred.statusCode, referred.body).toBe(200);
    expect(referred.json().referral).toMatchObject({
      assessingOrganisationId: org.authority,
      assessingOrganisationName: 'Qualifications Authority',
      status: 'active',
      consentInForce: true,
    });
    expect((await refer(caseId, org.third!)).json().error).toMatchObject({ code: 'referral_active' });
    // The person's consent is on record, naming the organisation, and the referral left audit and change entries.
    const consents = (await inject('GET', `/migrants/${migrantId}/consents`, 'migrant')).json().consents as {
      purpose: string;
      targetOrganisationId: string | null;
      withdrawnAt: string | null;
    }[];
    expect(consents).toContainEqual(
      expect.objectContaining({ purpose: 'recognition_referral', targetOrganisationId: org.authority }),
    );
    const referralId = referred.json().referral.id as string;
    expect(await count('change_log', 'entity_id', referralId)).toBeGreaterThan(0);
    expect(
      (
        await sql<{ n: number }>`select count(*)::int as n from audit_log where entity = 'recognition_referral'
        and entity_id = ${referralId} and action = 'create'`.execute(t.store.db)
      ).rows[0]!.n,
    ).toBe(1);

    // The authority's assessor finds it in their queue, marked as referred by the home organisation.
    expect(await queueOf('authority')).toEqual([
      expect.objectContaining({
        case: expect.objectContaining({ id: caseId }),
        referredFrom: 'Tangier Employment Service',
      }),
    ]);
    const detail = await inject('GET', `/recognition/cases/${caseId}`, 'authority');
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().qualification.documents).toHaveLength(1);
    expect(detail.json().assessments).toEqual([]);
    const file = await inject('GET', `/recognition/documents/${documentId}`, 'authority');
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(tinyPng())).toBe(true);
    // Each view audited, under the reader's name.
    expect(await reads('recognition_document', documentId, org.authority!)).toBe(1);
    expect(await reads('recognition_case', caseId, org.authority!)).toBe(1);
    // Nothing else of the person: their recognition record, their profile.
    expect((await inject('GET', `/migrants/${migrantId}/recognition`, 'authority')).statusCode).toBe(404);
    expect([403, 404]).toContain((await inject('GET', `/profiles/${migrantId}`, 'authority')).statusCode);
    // Not the authority's admin or advisor (assessors assess), not a third organisation's assessor.
    for (const who of ['authorityAdmin', 'third']) {
      expect((await inject('GET', `/recognition/cases/${caseId}`, who)).statusCode, who).toBe(404);
      expect((await inject('GET', `/recognition/documents/${documentId}`, who)).statusCode, who).toBe(404);
      expect(
        (await inject('POST', `/recognition/cases/${caseId}/assessment`, who, { version: 2, documentsChecked: true }))
          .statusCode,
        who,
      ).toBeGreaterThanOrEqual(403);
    }
    expect(await queueOf('third')).toEqual([]);

    // The authority assesses and decides.
    const assessed = await inject('POST', `/recognition/cases/${caseId}/assessment`, 'authority', {
      version: 1,
      documentsChecked: true,
    });
    expect(assessed.statusCode, assessed.body).toBe(200);
    const decided = await inject('POST', `/recognition/cases/${caseId}/decision`, 'authority', {
      version: assessed.json().version,
      outcome: 'recognised',
      eqfLevel: 5,
    });
    expect(decided.statusCode, decided.body).toBe(200);

    // The decision is the home organisation's case: its advisor and the person see it, with who decided.
    const home = await inject('GET', `/migrants/${migrantId}/recognition`, 'migrant');
    const mine = (home.json().cases as { id: string }[]).find((c) => c.id === caseId);
    expect(mine).toMatchObject({
      status: 'decided',
      outcome: 'recognised',
      eqfLevel: 5,
      referral: { assessingOrganisationName: 'Qualifications Authority' },
      decidedByOrganisationName: 'Qualifications Authority',
    });
    expect(home.json().qualifications[0]).toMatchObject({ status: 'recognised', eqfLevel: 5 });
    const events = (await inject('GET', `/recognition/cases/${caseId}`, 'advisor')).json().events as {
      step: string;
      detail: Record<string, unknown>;
    }[];
    expect(events.map((e) => e.step)).toEqual(['requested', 'referred', 'assessed', 'decided']);
    expect(events[3]!.detail.assessingOrganisationId).toBe(org.authority);

    // The person withdraws their consent on the consent screen: hidden from the authority at once.
    const consent = (await inject('GET', `/migrants/${migrantId}/consents`, 'migrant'))
      .json()
      .consents.find(
        (c: { purpose: string; withdrawnAt: string | null }) => c.purpose === 'recognition_referral' && !c.withdrawnAt,
      );
    const withdrawn = await inject('POST', `/migrants/${migrantId}/consents/${consent.id}/withdraw`, 'migrant', {});
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect((await inject('GET', `/recognition/cases/${caseId}`, 'authority')).statusCode).toBe(404);
    expect((await inject('GET', `/recognition/documents/${documentId}`, 'authority')).statusCode).toBe(404);
    expect(await queueOf('authority')).toEqual([]);
    const after = (await inject('GET', `/recognition/cases/${caseId}`, 'advisor')).json().case.referral;
    expect(after).toMatchObject({ status: 'active', consentInForce: false });
  });

  it('credits a decision to the organisation whose assessor made it, not to the one the case was referred to', async () => {
    const { migrantId, caseId } = await openCase();
    expect((await refer(caseId, org.authority!)).statusCode).toBe(200);
    // The home organisation's own assessor decides while the referral is active.
    const assessed = await inject('POST', `/recognition/cases/${caseId}/assessment`, 'assessor', {
      version: 1,
      documentsChecked: true,
    });
    expect(assessed.statusCode, assessed.body).toBe(200);
    const decided = await inject('POST', `/recognition/cases/${caseId}/decision`, 'assessor', {
      version: assessed.json().version,
      outcome: 'recognised',
      eqfLevel: 4,
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const cases = (await inject('GET', `/migrants/${migrantId}/recognition`, 'advisor')).json().cases as {
      id: string;
      referral?: { status: string };
      decidedByOrganisationName?: string | null;
    }[];
    const view = cases.find((c) => c.id === caseId)!;
    expect(view.referral).toMatchObject({ status: 'active' });
    expect(view.decidedByOrganisationName).toBeNull();
    // Leave the authority's queue as the other tests expect it.
    expect((await inject('POST', `/recognition/cases/${caseId}/referral/withdraw`, 'advisor')).statusCode).toBe(200);
  });

  it('withdrawing the referral hides the case and withdraws the consent; erasure removes the referral', async () => {
    const { migrantId, caseId, documentId } = await openCase(u.migrant2!.id);
    // The person refers it themself.
    expect((await refer(caseId, org.authority!, 'migrant2')).statusCode).toBe(200);
    expect((await inject('GET', `/recognition/documents/${documentId}`, 'authority')).statusCode).toBe(200);
    // The authority cannot withdraw it; the third organisation cannot learn of it.
    expect((await inject('POST', `/recognition/cases/${caseId}/referral/withdraw`, 'authority')).statusCode).toBe(403);
    expect((await inject('POST', `/recognition/cases/${caseId}/referral/withdraw`, 'third')).statusCode).toBe(403);

    const ended = await inject('POST', `/recognition/cases/${caseId}/referral/withdraw`, 'migrant2');
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json().referral).toMatchObject({ status: 'withdrawn', consentInForce: false });
    expect((await inject('GET', `/recognition/cases/${caseId}`, 'authority')).statusCode).toBe(404);
    expect((await inject('GET', `/recognition/documents/${documentId}`, 'authority')).statusCode).toBe(404);
    expect(
      (
        await inject('POST', `/recognition/cases/${caseId}/assessment`, 'authority', {
          version: 1,
          documentsChecked: true,
        })
      ).statusCode,
    ).toBe(404);
    const consents = (await inject('GET', `/migrants/${migrantId}/consents`, 'migrant2')).json().consents as {
      purpose: string;
      withdrawnAt: string | null;
    }[];
    expect(consents.filter((c) => c.purpose === 'recognition_referral' && !c.withdrawnAt)).toEqual([]);
    expect((await inject('POST', `/recognition/cases/${caseId}/referral/withdraw`, 'migrant2')).statusCode).toBe(409);

    // Referred again, then the person is erased: the referral goes with the case.
    expect((await refer(caseId, org.authority!)).statusCode).toBe(200);
    expect(await count('recognition_referral', 'migrant_id', migrantId)).toBe(2);
    const erase = await inject('POST', `/migrants/${migrantId}/erasure`, 'admin', {
      confirm: true,
      reason: 'Asked by the person',
    });
    expect(erase.statusCode, erase.body).toBeLessThan(300);
    expect(await count('recognition_referral', 'migrant_id', migrantId)).toBe(0);
    expect(await queueOf('authority')).toEqual([]);
  });
});
