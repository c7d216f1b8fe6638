import { describe, expect, it } from 'vitest';
import type { Profile } from '../model.js';
import { buildCv, type CvLabels } from './document.js';
import { balanceIsolates, renderCvPdf, visualPieces, wrap } from './pdf.js';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

describe('visualPieces (what is drawn, left to right)', () => {
  it('puts the words of an Arabic phrase right to left, each word whole for the shaper', () => {
    expect(visualPieces('السيرة الذاتية', 'rtl')).toEqual(['الذاتية', ' ', 'السيرة']);
  });

  it('keeps a Latin word inside an Arabic line in its place and its own order', () => {
    // "uses the ESCO classification": ESCO sits between the Arabic words, read left to right.
    expect(visualPieces('تستخدم ESCO الخاص.', 'rtl')).toEqual(['.', 'الخاص', ' ', 'ESCO', ' ', 'تستخدم']);
  });

  it('mirrors brackets in right-to-left runs and keeps numbers left to right', () => {
    expect(visualPieces('مستوى (متوسط)', 'rtl')).toEqual(['(', 'متوسط', ')', ' ', 'مستوى']);
    expect(visualPieces('السنة 2012', 'rtl')).toEqual(['2012', ' ', 'السنة']);
    // Arabic-Indic digits one by one, so the shaper does not turn them around.
    expect(visualPieces('سنوات ٢٠١٢', 'rtl')).toEqual(['٢', '٠', '١', '٢', ' ', 'سنوات']);
  });

  it('isolates keep a Latin name together in an Arabic line and an Arabic name in an English one; controls are not drawn', () => {
    expect(visualPieces('الاسم: \u2068Amina K. (أمينة)\u2069', 'rtl')).toEqual([
      'Amina K. (',
      'أمينة',
      ')',
      ' ',
      ':',
      'الاسم',
    ]);
    expect(visualPieces('Name: \u2068أمينة كمارا\u2069', 'ltr')).toEqual(['Name: ', 'كمارا', ' ', 'أمينة']);
  });

  it('keeps a wrapped French sentence in an Arabic CV in its own direction on every line', () => {
    const text = '\u2068Je soude des pièces métalliques.\u2069';
    const lines = balanceIsolates(wrap(text, 15, (s) => s.replace(/[\u2066-\u2069]/g, '').length));
    expect(lines).toEqual(['\u2068Je soude des\u2069', '\u2068pièces\u2069', '\u2068métalliques.\u2069']);
    // The full stop stays after the word, not at the far end of the right-to-left line.
    expect(visualPieces(lines[2]!, 'rtl')).toEqual(['métalliques.']);
    expect(balanceIsolates(['a \u2068b', 'c\u2069 d'])).toEqual(['a \u2068b\u2069', '\u2068c\u2069 d']);
  });

  it('leaves a left-to-right line alone', () => {
    expect(visualPieces('Work experience: 4 years', 'ltr')).toEqual(['Work experience: 4 years']);
  });
});

describe('buildCv', () => {
  const profile = {
    id: 'p1',
    organisationId: 'o1',
    userId: null,
    displayName: 'Amina K.',
    originCountry: 'MA',
    currentCountry: 'ES',
    currentRegion: '',
    sex: 'female',
    birthYear: 1994,
    languages: [{ lang: 'es', native: false, listening: 'B1', reading: null, speaking: null, writing: null }],
    education: [],
    qualifications: [],
    experience: [{ occupationUri: 'occ', title: null, country: 'SN', months: 14, formal: true, description: null }],
    skills: [
      { uri: 's1', evidence: 'certified', source: 'certificate' },
      { uri: 's2', evidence: 'certified', source: 'certificate' },
    ],
    workAuthorization: {
      migrationStatus: 'temporary protection',
      hasMigrationStatus: true,
      permits: [],
    },
    preferences: { occupations: [], regions: [], willingToRelocate: false, relocationCountries: [] },
    seeking: true,
    availableFrom: null,
    highestIscedLevel: null,
    taxonomyVersion: '1.1.1',
    version: 1,
    createdAt: '',
    updatedAt: '',
    sensitiveOmitted: false,
  } as unknown as Profile;
  const labels = { occupation: () => 'cuisinier', skill: (uri: string) => (uri === 's1' ? 'cuisiner' : 'accueillir') };
  const text = (lang: 'fr' | 'ar') =>
    buildCv(profile, lang, labels, { generatedAt: new Date('2026-11-21T12:00:00Z') })
      .blocks.map((b) => b.text.replace(/[\u2068\u2069]/g, ''))
      .join('\n');

  it('never prints migration status, sex, birth year or origin, even when handed a sensitive read', () => {
    const fr = text('fr');
    expect(fr).not.toContain('temporary protection');
    expect(fr).not.toContain('1994');
    expect(fr).not.toMatch(/female|femme/i);
    expect(fr).not.toContain('Maroc');
  });

  it('localises durations, countries, CEFR names, evidence groups and the date', () => {
    const fr = text('fr');
    expect(fr).toContain('Cuisinier');
    expect(fr).toMatch(/Sénégal · 1\san et 2\smois · Emploi formel/);
    expect(fr).toContain('Écouter: B1 – Niveau seuil');
    expect(fr).toContain('Certifiée\naccueillir et cuisiner');
    expect(fr).toContain('Généré le: 21 novembre 2026');
    const ar = text('ar');
    expect(ar).toContain('السنغال');
    expect(ar).toContain('عمل رسمي');
    expect(ar).toContain('معتمدة بشهادة');
    expect(buildCv(profile, 'ar', labels, { generatedAt: new Date() }).dir).toBe('rtl');
  });

  it('keeps the Arabic "and" apart from an English label, and joined to an Arabic one', () => {
    const english = { occupation: () => 'cook', skill: (uri: string) => (uri === 's1' ? 'cook' : 'greet guests') };
    const ar = (l: CvLabels) =>
      buildCv(profile, 'ar', l, { generatedAt: new Date() })
        .blocks.map((b) => b.text.replace(/[\u2068\u2069]/g, ''))
        .join('\n');
    expect(ar(english)).toContain('cook و greet guests');
    const arabic = { occupation: () => 'طاهٍ', skill: (uri: string) => (uri === 's1' ? 'طبخ' : 'استقبال') };
    expect(ar(arabic)).toMatch(/استقبال وطبخ|طبخ واستقبال/);
  });

  it('draws a French sentence and English labels in an Arabic CV in their own order (text read back from the PDF)', async () => {
    const sentence =
      'Je soude des pièces métalliques pour des chantiers navals, je prépare les tôles et les profilés, je règle ' +
      'les postes MIG et TIG selon les épaisseurs, et je contrôle chaque soudure avant la livraison.';
    const withFrench = {
      ...profile,
      experience: [{ ...profile.experience[0]!, description: sentence }],
    } as Profile;
    const english = { occupation: () => 'welder', skill: (uri: string) => (uri === 's1' ? 'cook' : 'greet guests') };
    const pdf = await renderCvPdf(buildCv(withFrench, 'ar', english, { generatedAt: new Date() }));
    const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
    const lines: string[] = [];
    for (const item of (await (await doc.getPage(1)).getTextContent()).items) {
      if ('str' in item && item.str.trim()) lines.push(item.str);
    }
    await doc.destroy();
    // The sentence wraps over lines; each keeps its words in order and the full stop ends the last one, after
    // "livraison", not at the start of the right-to-left line.
    const start = lines.findIndex((l) => l.startsWith('Je soude'));
    const end = lines.findIndex((l) => l.includes('livraison'));
    expect(start).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    expect(lines.slice(start, end + 1).join(' ')).toBe(sentence);
    expect(lines.some((l) => l.startsWith('.'))).toBe(false);
    // "و" (and) stands apart from the English labels on either side.
    const skills = lines.find((l) => l.includes('greet guests'))!;
    expect(skills).toMatch(/greet guests و cook|cook و greet guests/);
    expect(skills).not.toMatch(/[a-z]و|و[a-z]/);
  });
});

describe('renderCvPdf', () => {
  it('breaks long content over pages and keeps every line', async () => {
    const skills = Array.from({ length: 120 }, (_, i) => `مهارة رقم ${i}`);
    const pdf = await renderCvPdf({
      lang: 'ar',
      dir: 'rtl',
      title: 'test',
      blocks: [
        { kind: 'name', text: 'أمينة' },
        ...skills.map((text) => ({ kind: 'detail' as const, text })),
        { kind: 'footer', text: 'نهاية' },
      ],
    });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
    expect(doc.numPages).toBeGreaterThan(1);
    let text = '';
    for (let p = 1; p <= doc.numPages; p++) {
      for (const item of (await (await doc.getPage(p)).getTextContent()).items) {
        if ('str' in item) text += `${item.str}\n`;
      }
    }
    await doc.destroy();
    const lines = text.split('\n');
    for (const line of ['أمينة', 'مهارة رقم 0', 'مهارة رقم 119', 'نهاية']) expect(lines).toContain(line);
  });
});

describe('fallback fonts', () => {
  const fontsOf = async (text: string) => {
    const pdf = await renderCvPdf({ lang: 'en', dir: 'ltr', title: 't', blocks: [{ kind: 'name', text }] });
    return [...pdf.toString('latin1').matchAll(/\/BaseFont \/[A-Z]{6}\+([A-Za-z-]+)/g)].map((m) => m[1]);
  };

  it('draws letters the main font lacks (Turkish, Cyrillic) with Noto Sans, and only then', async () => {
    expect(await fontsOf('Ayşe Олена')).toContain('NotoSans-SemiBold');
    expect(await fontsOf('Amina أمينة')).not.toContain('NotoSans-SemiBold');
  });
});
