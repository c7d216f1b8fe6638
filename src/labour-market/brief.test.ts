import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderCorridorBrief, type BriefInput } from './brief.js';

const shown = (value: number) => ({ value, status: 'shown' as const });
const np = { value: null, status: 'suppressed' as const };
const brief: BriefInput = {
  origin: 'MA',
  destination: 'ES',
  originName: 'المغرب',
  destinationName: 'إسبانيا',
  pool: { total: shown(1250), bySex: { female: shown(610), male: shown(637), other: np } },
  occupations: [
    {
      isco: '7212',
      label: '7212 Welders and flamecutters',
      sources: ['vacancies', 'official-list'],
      demand: shown(48),
      ratio: 0.6,
      covered: { total: shown(29), bySex: { female: np, male: shown(26) } },
      oneTrainingAway: { total: shown(12), bySex: { female: shown(5), male: shown(7) } },
    },
  ],
  disclosure: { k: 5, method: 'Counts of 1–4 are not published.' },
  attribution: 'This service uses the ESCO classification of the European Commission.',
};

async function textOf(pdf: Buffer): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
  const out: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    for (const item of (await (await doc.getPage(p)).getTextContent()).items) if ('str' in item) out.push(item.str);
  }
  await doc.destroy();
  return out;
}

describe('corridor brief (PDF)', () => {
  it('writes the protected figures, n.p. for suppressed ones, and the attribution (English)', async () => {
    const text = (
      await textOf(
        await renderCorridorBrief(
          { ...brief, originName: 'Morocco', destinationName: 'Spain' },
          'en',
          new Date('2026-12-01'),
        ),
      )
    ).join(' ');
    expect(text).toContain('Corridor brief: Morocco → Spain');
    expect(text).toContain('7212 Welders and flamecutters');
    expect(text).toContain('29 (n.p./26)');
    expect(text).toContain('1,250 (women 610, men 637)');
    expect(text).toContain('ESCO classification of the European Commission');
  });

  it('is laid out right to left in Arabic, Arabic words whole', async () => {
    const text = await textOf(await renderCorridorBrief(brief, 'ar', new Date('2026-12-01')));
    for (const word of ['موجز', 'الممر', 'المغرب', 'إسبانيا', 'غ.م.'])
      expect(text.some((t) => t.includes(word))).toBe(true);
  });
});
