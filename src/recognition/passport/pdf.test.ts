// The printable passport in the reader's language: an Arabic name and Arabic words come out of the PDF as text
// (not '?'), ESCO labels are the reader's language's where given, evidence levels and methods are translated.
import { writeFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { buildPassport, generateKey, signCredential, type Credential } from './credential.js';
import { renderPassportPdf, type PassportPdfOptions } from './pdf.js';

const COOK = 'http://data.europa.eu/esco/occupation/1e2c3d4e-0000-4000-8000-000000000001';
const FISH = 'http://data.europa.eu/esco/skill/1e2c3d4e-0000-4000-8000-000000000002';
const KITCHEN = 'http://data.europa.eu/esco/skill/1e2c3d4e-0000-4000-8000-000000000003';

async function passport(name: string | null): Promise<Credential> {
  const pair = await generateKey();
  const did = `did:key:${pair.publicKeyMultibase}`;
  return signCredential(
    buildPassport(
      {
        name,
        subjectId: 'urn:uuid:3f0c2a56-1f1e-4c1e-9d0f-8b7a6c5d4e3f',
        originCountry: 'SY',
        birthYear: 1992,
        occupations: [{ uri: COOK, name: 'cook' }],
        skills: [
          {
            uri: FISH,
            name: 'prepare fish',
            evidenceLevel: 'assessed',
            method: 'practical test',
            assessedBy: 'Dakar Training Centre',
            assessedOn: '2026-11-02',
          },
          { uri: KITCHEN, name: 'use kitchen equipment', evidenceLevel: 'self-declared', method: 'self-declaration' },
        ],
        qualifications: [
          { title: 'شهادة الطبخ', awardingBody: 'وزارة التربية', country: 'SY', year: 2012, eqfLevel: 3 },
        ],
        languages: [{ lang: 'ar', native: true, listening: null, reading: null, speaking: null, writing: null }],
      },
      { did, name: 'Lisbon Employment Service', url: 'https://corridor.test' },
      {
        id: '0d9f6a3e-5b1c-4f7e-9a2d-1c3b5e7f9a0b',
        validFrom: new Date('2026-11-03T00:00:00Z'),
        validUntil: new Date('2027-11-03T00:00:00Z'),
        status: { list: 'https://corridor.test/s', index: 7 },
      },
    ),
    { ...pair, id: `${did}#${pair.publicKeyMultibase}`, controller: did },
  );
}

async function render(credential: Credential, options: PassportPdfOptions): Promise<{ pdf: Buffer; lines: string[] }> {
  const pdf = await renderPassportPdf(credential, 'https://corridor.test/verify#share=abc', '2026-12-31', options);
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
  let text = '';
  for (let p = 1; p <= doc.numPages; p++) {
    for (const item of (await (await doc.getPage(p)).getTextContent()).items) {
      if ('str' in item) text += item.hasEOL ? `${item.str}\n` : item.str;
    }
  }
  await doc.destroy();
  if (process.env.PASSPORT_PDF_OUT) writeFileSync(`${process.env.PASSPORT_PDF_OUT}-${options.lang}.pdf`, pdf);
  return { pdf, lines: text.split('\n') };
}

describe('renderPassportPdf', () => {
  it('draws an Arabic name, and the page in Arabic, as text that can be copied out', async () => {
    const { pdf, lines } = await render(await passport('أمينة الحسن'), { lang: 'ar', labelLang: 'en' });
    const text = lines.join('\n');
    expect(text).not.toContain('?');
    // Words come out whole (the extractor may order the words of a right-to-left line either way).
    for (const word of ['أمينة', 'الحسن', 'جواز', 'المهارات', 'مقيّمة', 'عملي', 'اختبار', 'الطبخ', 'سوريا'])
      expect(text).toContain(word);
    // ESCO has no Arabic: the English label, and the page says so once.
    expect(text).toContain('prepare fish');
    expect(text).toContain('بالإنجليزية');
    // The Arabic glyphs come from an embedded font, not a built-in Latin-1 one.
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+IBMPlexSansArabic/);
  });

  it('uses the reader language’s ESCO labels, evidence levels and methods (Spanish)', async () => {
    const es: Record<string, string> = { [FISH]: 'preparar pescado', [COOK]: 'cocinero/cocinera' };
    const { lines } = await render(await passport('Amina Diallo'), {
      lang: 'es',
      label: (uri) => es[uri] ?? null,
      labelLang: 'es',
    });
    const text = lines.join('\n');
    expect(text).toContain('Pasaporte de competencias');
    expect(text).toContain('preparar pescado: evaluada (prueba práctica)');
    expect(text).toContain('cocinero/cocinera');
    // A label the taxonomy lacks keeps the credential's own name.
    expect(text).toContain('use kitchen equipment: autodeclarada (autodeclaración)');
    expect(text).not.toContain('inglés');
  });

  it('writes a pseudonymous holder without a name', async () => {
    const { lines } = await render(await passport(null), { lang: 'fr', labelLang: 'fr' });
    const text = lines.join('\n');
    expect(text).toContain('Titulaire (pseudonyme)');
    expect(text).toContain('évaluée (épreuve pratique)');
  });
});
