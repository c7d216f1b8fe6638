import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { testStoreKind } from '../../db/testing.js';
import type { AuthUser } from '../../kernel/auth.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { signIn } from '../../testing/people.js';
import { readEscoSnapshot, importEscoSnapshot } from '../../taxonomy/index.js';
import { FIXTURE, writeEscoFixture } from '../../taxonomy/testing.js';
import { sampleProfile } from '../testing.js';

const WELDER_AR = 'عامل لحام';
const WELD_AR = 'استخدام معدات اللحام';

/** The text a reader (copy and paste, search) gets out of the PDF, page by page, lines joined by newlines. */
async function pdfText(pdf: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
  let text = '';
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? '\n' : ' ');
    text += '\n';
  }
  await doc.destroy();
  return text;
}

describe(`CV as PDF (${testStoreKind()})`, () => {
  let t: TestApp;
  let profileId: string;
  const u: Record<string, AuthUser> = {};
  const h: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    t = await createTestApp();
    // The test ESCO with Arabic labels for the welder and one of its skills (Spanish ships with the fixture).
    const dir = writeEscoFixture(
      {
        'occupations_ar.csv': [
          'conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,description',
          `Occupation,${FIXTURE.welder},7212,${WELDER_AR},,`,
        ].join('\n'),
        'skills_es.csv': [
          'conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,description',
          `KnowledgeSkillCompetence,${FIXTURE.weld},skill/competence,sector-specific,utilizar equipos de soldadura,,`,
        ].join('\n'),
        'skills_ar.csv': [
          'conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,description',
          `KnowledgeSkillCompetence,${FIXTURE.weld},skill/competence,sector-specific,${WELD_AR},,`,
        ].join('\n'),
      },
      '0.0.1',
    );
    await importEscoSnapshot(t.store.db, readEscoSnapshot([dir]).snapshot, { activate: true, source: 'test fixture' });

    const orgA = await t.organisation();
    const orgB = await t.organisation();
    const employerOrg = await t.organisation(undefined, 'employer');
    await signIn(t, u, h, {
      advisorA: ['advisor', orgA],
      adminA: ['org_admin', orgA],
      migrantA: ['migrant', orgA],
      migrantA2: ['migrant', orgA],
      advisorB: ['advisor', orgB],
      adminB: ['org_admin', orgB],
      employer: ['employer', employerOrg],
    });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/profiles',
      headers: h.advisorA,
      payload: sampleProfile(
        { userId: u.migrantA!.id },
        { occupation: FIXTURE.welder, skills: [FIXTURE.weld, FIXTURE.metal, FIXTURE.care] },
      ),
    });
    expect(created.statusCode, created.body).toBe(201);
    profileId = created.json().id;
  }, 120_000);
  afterAll(async () => t?.close());

  const cv = (who: string, query: string, id = profileId) =>
    t.app.inject({ method: 'GET', url: `/api/v1/profiles/${id}/cv.pdf${query}`, headers: h[who] });

  /** Never on a CV, whatever the language. */
  const expectNothingSensitive = (text: string) => {
    expect(text).not.toContain('temporary protection');
    expect(text).not.toContain('Y1234567Z');
    expect(text).not.toContain('1994');
    expect(text).not.toMatch(/female|mujer|femme|أنثى/i);
  };

  it('renders the CV in Spanish: localised headings, ESCO labels, ISCED/CEFR names, evidence; nothing sensitive', async () => {
    const res = await cv('advisorA', '?lang=es');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(res.rawPayload);
    for (const heading of ['Currículum vitae', 'Idiomas', 'Formación', 'Experiencia laboral', 'Competencias']) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('Preferencias de empleo');
    expect(text).toContain('Amina K.');
    expect(text).toContain('Soldador/soldadora'); // ESCO es preferred label, capitalised as an entry heading
    expect(text).toContain('Senegal · 4 años · Trabajo informal'); // country via Intl, duration, informal work
    expect(text).toContain('CINE 3 – Educación secundaria alta');
    expect(text).toContain('Comprensión auditiva: B1 – Umbral (intermedio)');
    expect(text).toContain('Lengua materna');
    expect(text).toContain('Verificada por un asesor');
    expect(text).toContain('utilizar equipos de soldadura');
    expect(text).toContain('Este servicio utiliza la clasificación ESCO de la Comisión Europea.');
    expect(text).toMatch(/Generado el: \d{1,2} de \p{L}+ de \d{4}/u);
    expectNothingSensitive(text);
    // No contact unless asked for.
    expect(text).not.toContain(u.migrantA!.email);
  });

  it('renders the CV in Arabic with the Arabic ESCO label and Arabic headings, read back in logical order', async () => {
    const res = await cv('migrantA', '?lang=ar&contact=email');
    expect(res.statusCode, res.body).toBe(200);
    const pdf = res.rawPayload;
    const text = await pdfText(pdf);
    for (const heading of ['السيرة الذاتية', 'اللغات', 'التعليم', 'الخبرة العملية', 'المهارات', 'تفضيلات العمل']) {
      expect(text).toContain(heading);
    }
    expect(text).toContain(WELDER_AR);
    expect(text).toContain(WELD_AR);
    expect(text).toContain('التعليم الثانوي الأعلى'); // ISCED 3 in Arabic
    expect(text).toContain('تحقق منها مستشار'); // advisor-checked
    expect(text).toContain('عمل غير رسمي'); // informal work
    expect(text).toContain('السنغال'); // Senegal via Intl.DisplayNames('ar')
    expect(text).toContain('تستخدم هذه الخدمة تصنيف ESCO');
    expect(text).toContain(u.migrantA!.email); // contact=email prints the linked account's email
    expectNothingSensitive(text);
    mkdirSync('test-results/cv', { recursive: true });
    writeFileSync('test-results/cv/cv-ar.pdf', pdf);
    writeFileSync('test-results/cv/cv-en.pdf', (await cv('advisorA', '?lang=en')).rawPayload);
  });

  it('audits every export', async () => {
    expect((await cv('adminA', '?lang=fr')).statusCode).toBe(200);
    const entries = await t.store.db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id', 'reason'])
      .where('entity', '=', 'profile')
      .where('entity_id', '=', profileId)
      .where('action', '=', 'export')
      .execute();
    expect(entries).toContainEqual({ action: 'export', actor_user_id: u.adminA!.id, reason: 'cv.pdf (fr)' });
  });

  it('is for the people who may read the profile: other organisations and other migrants get 404', async () => {
    expect((await cv('advisorB', '?lang=en')).statusCode).toBe(404);
    expect((await cv('adminB', '?lang=en')).statusCode).toBe(404);
    expect((await cv('migrantA2', '?lang=en')).statusCode).toBe(404);
    expect((await cv('advisorA', '?lang=en', '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/profiles/${profileId}/cv.pdf?lang=en` })).statusCode,
    ).toBe(401);
  });

  it('refuses employers (they use the consented candidate view)', async () => {
    const res = await cv('employer', '?lang=en');
    // Role not allowed on the route: 403 before any lookup, so nothing about the profile is revealed.
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toMatch(/application\/json/);
  });

  it('answers 400 with the field path for an unknown or missing language', async () => {
    const bad = await cv('advisorA', '?lang=de');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'validation', path: 'querystring.lang' });
    const missing = await cv('advisorA', '');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.path).toBe('querystring.lang');
  });
});
