// An assessed skill's provenance reaches the printable CV: who assessed it, on which day, by which method, in the
// CV's language; a provenance for a skill the profile does not hold as "assessed" is not printed.
import { describe, expect, it } from 'vitest';
import { type Profile, buildCv } from '../profiles/index.js';

const profile = {
  id: 'p1',
  organisationId: 'o1',
  userId: null,
  displayName: 'Youssef A.',
  originCountry: 'MA',
  currentCountry: 'ES',
  currentRegion: '',
  languages: [],
  education: [],
  qualifications: [],
  experience: [],
  skills: [
    { uri: 's1', evidence: 'assessed', source: 'assessment' },
    { uri: 's2', evidence: 'self-declared', source: 'interview' },
  ],
  workAuthorization: { permits: [] },
  preferences: { occupations: [], regions: [], willingToRelocate: false, relocationCountries: [] },
  seeking: true,
  availableFrom: null,
} as unknown as Profile;
const labels = {
  occupation: () => null,
  skill: (uri: string) => ({ s1: 'splice cable', s2: 'use hand tools' })[uri] ?? null,
};
const assessed = [
  { skillUri: 's1', assessorName: 'Inés Ferrer', assessedOn: '2026-12-05', method: 'practical_test' },
  // Held only as self-declared: the profile decides what is assessed.
  { skillUri: 's2', assessorName: 'Inés Ferrer', assessedOn: '2026-12-05', method: 'interview' },
];
const text = (lang: 'en' | 'ar') =>
  buildCv(profile, lang, labels, { generatedAt: new Date('2026-12-05T12:00:00Z'), assessed })
    .blocks.map((b) => b.text.replace(/[\u2068\u2069]/g, ''))
    .join('\n');

describe('provenance of assessed skills on the CV', () => {
  it('prints who assessed which skill, when and how, in the CV language', () => {
    expect(text('en')).toContain(
      'Assessed\nsplice cable\nAssessed by Inés Ferrer on December 5, 2026 · practical test: splice cable',
    );
    expect(text('en')).not.toMatch(/interview: use hand tools/);
    expect(text('ar')).toContain('قيّمها Inés Ferrer في');
    expect(text('ar')).toContain('اختبار عملي');
  });
});
