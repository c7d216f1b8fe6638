import { describe, expect, it } from 'vitest';
import { countries, countryName } from './countries.js';
import {
  addConfirmedSkills,
  citizenshipChoice,
  citizenshipsOf,
  profileToUpdate,
  STATELESS_CHOICE,
  type Profile,
} from './profiles.js';

const S = 'http://data.europa.eu/esco/skill/';
const O = 'http://data.europa.eu/esco/occupation/';

const profile: Profile = {
  id: 'p1',
  organisationId: 'o1',
  userId: 'u-migrant',
  displayName: 'Samir',
  originCountry: 'SY',
  currentCountry: 'DE',
  currentRegion: 'DE3',
  sex: 'male',
  birthYear: 1990,
  languages: [{ lang: 'ar', native: true, listening: null, reading: null, speaking: null, writing: null }],
  education: [],
  qualifications: [],
  experience: [],
  skills: [{ uri: `${S}a`, evidence: 'certified', source: 'certificate' }],
  workAuthorization: {
    hasMigrationStatus: true,
    permits: [
      {
        country: 'DE',
        type: 'work-general',
        validFrom: null,
        validUntil: '2027-01-01',
        sectors: [],
        hasDocumentNumber: true,
      },
    ],
  },
  preferences: { occupations: [], regions: [], willingToRelocate: false, relocationCountries: [] },
  seeking: true,
  availableFrom: null,
  contactLanguage: null,
  interviewStep: null,
  highestIscedLevel: null,
  taxonomyVersion: '1.1.1',
  version: 4,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-02T00:00:00Z',
  sensitiveOmitted: true,
};

describe('saving confirmed skills into a profile', () => {
  it('adds only new confirmed skills, as advisor-checked extractions; occupations and rejections are left out', () => {
    const { skills, added } = addConfirmedSkills(
      profile.skills,
      {
        [`${S}a`]: 'confirmed',
        [`${S}b`]: 'confirmed',
        [`${S}c`]: 'rejected',
        [`${O}x`]: 'confirmed',
        [`${S}d`]: undefined,
      },
      'advisor',
    );
    expect(added).toBe(1);
    expect(skills).toEqual([
      { uri: `${S}a`, evidence: 'certified', source: 'certificate' }, // stronger evidence kept
      { uri: `${S}b`, evidence: 'advisor-checked', source: 'extraction' },
    ]);
    expect(addConfirmedSkills([], { [`${S}b`]: 'confirmed' }, 'migrant').skills[0]?.evidence).toBe('self-declared');
  });

  it('replaces a profile without touching what it did not read: sensitive values and the linked account', () => {
    const body = profileToUpdate(profile);
    expect(body.version).toBe(4);
    expect(body).not.toHaveProperty('userId');
    expect(body).not.toHaveProperty('id');
    expect(body).not.toHaveProperty('highestIscedLevel');
    expect(body.workAuthorization).toEqual({
      permits: [{ country: 'DE', type: 'work-general', validFrom: null, validUntil: '2027-01-01', sectors: [] }],
    });
    expect(body.languages).toBe(profile.languages);
  });
});

describe('country names', () => {
  it('names countries in the interface language, and lists real countries only', () => {
    expect(countryName('SY', 'en')).toBe('Syria');
    expect(countryName('DE', 'fr')).toBe('Allemagne');
    expect(countryName('DE', 'ar')).toBe('ألمانيا');
    const list = countries('es');
    expect(list.length).toBeGreaterThan(240);
    expect(list.map((c) => c.code)).not.toContain('EU');
    expect(list.find((c) => c.code === 'ES')?.name).toBe('España');
    // Sorted by the language's own collation.
    const names = list.map((c) => c.name);
    expect([...names].sort(new Intl.Collator('es').compare)).toEqual(names);
  });
});

describe('vacancy display', () => {
  it('maps contract types to locale keys and formats wages with Intl currency rules', async () => {
    const { contractKey, formatWage } = await import('./vacancies.js');
    expect(contractKey('fixed-term')).toBe('fixedTerm');
    expect(contractKey('temporary-agency')).toBe('temporaryAgency');
    expect(contractKey('permanent')).toBe('permanent');
    expect(formatWage({ amount: 1450, currency: 'EUR', period: 'month' }, 'en')).toBe('€1,450.00');
    expect(formatWage({ amount: 1450, currency: 'EUR', period: 'month' }, 'es')).toBe(
      new Intl.NumberFormat('es', { style: 'currency', currency: 'EUR' }).format(1450),
    );
    expect(formatWage({ amount: 12.5, currency: 'MAD', period: 'hour' }, 'fr')).toMatch(/^12,50\sMAD$/u);
    expect(formatWage({ amount: 10, currency: 'XXZ1', period: 'hour' }, 'en')).toBe('10 XXZ1');
  });
});

describe('the citizenship choice', () => {
  it('stands for not recorded, stateless or a country, keeping a dual citizenship when its first is kept', () => {
    expect(citizenshipsOf('')).toBeNull();
    expect(citizenshipsOf(STATELESS_CHOICE)).toEqual([]);
    expect(citizenshipsOf('SN')).toEqual(['SN']);
    expect(citizenshipsOf('SN', ['SN', 'FR'])).toEqual(['SN', 'FR']);
    expect(citizenshipsOf('MA', ['SN', 'FR'])).toEqual(['MA']);
    expect([null, [], ['SN', 'FR']].map((r) => citizenshipChoice(r))).toEqual(['', STATELESS_CHOICE, 'SN']);
  });
});
