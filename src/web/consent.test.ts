import { describe, expect, it } from 'vitest';
import type { Profile as ServerProfile } from '../profiles/index.js';
import { URI } from '../profiles/testing.js';
import {
  activeFor,
  CANDIDATE_FIELDS,
  candidatePreview,
  DEFAULT_FIELDS,
  fieldsOf,
  PURPOSES,
  takesScopes,
} from './consent.js';
import type { ConsentRecord } from './interview.js';

const profile: ServerProfile = {
  id: 'p1',
  organisationId: 'o1',
  userId: null,
  displayName: 'Amina K.',
  originCountry: 'SN',
  currentCountry: 'ES',
  currentRegion: 'ES51',
  sex: 'female',
  birthYear: 1994,
  languages: [
    { lang: 'fr', native: true, listening: null, reading: null, speaking: null, writing: null },
    { lang: 'es', native: false, listening: 'B1', reading: 'A2', speaking: 'B1', writing: 'A2' },
  ],
  education: [
    {
      iscedLevel: 3,
      field: '10',
      title: 'Baccalauréat technique',
      institution: 'Lycée',
      country: 'SN',
      completed: true,
      yearCompleted: 2012,
    },
  ],
  qualifications: [
    { title: 'CAP Cuisine', awardingBody: null, country: 'SN', year: 2014, eqfLevel: 3, credentialUrl: null },
  ],
  experience: [
    { occupationUri: URI.cook, title: 'cuisinière', country: 'SN', months: 48, formal: false, description: 'x' },
  ],
  skills: [
    { uri: URI.skillA, evidence: 'self-declared', source: 'self-declared' },
    { uri: URI.skillB, evidence: 'advisor-checked', source: 'interview' },
  ],
  workAuthorization: {
    hasMigrationStatus: true,
    permits: [
      {
        country: 'ES',
        type: 'work-general',
        validFrom: '2025-01-01',
        validUntil: '2027-12-31',
        sectors: ['I'],
        hasDocumentNumber: true,
      },
    ],
  },
  preferences: { occupations: [URI.cook], regions: [], willingToRelocate: true, relocationCountries: ['ES'] },
  seeking: true,
  availableFrom: '2026-12-01',
  contactLanguage: 'fr',
  interviewStep: 7,
  highestIscedLevel: 3,
  taxonomyVersion: '1.1.1',
  version: 3,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
  sensitiveOmitted: true,
} as unknown as ServerProfile;

const record = (over: Partial<ConsentRecord>): ConsentRecord => ({
  id: 'c',
  migrantId: 'p1',
  organisationId: 'o1',
  purpose: 'matching_with_employers',
  targetOrganisationId: null,
  fieldScopes: null,
  note: null,
  givenAt: '2026-01-01T00:00:00.000Z',
  recordedBy: 'u',
  withdrawnAt: null,
  withdrawnBy: null,
  ...over,
});

describe('consent in the web app', () => {
  it('previews exactly what the server shows an employer, for every choice of fields', () => {
    const choices = [[], DEFAULT_FIELDS, CANDIDATE_FIELDS, ['displayName', 'location'], ['workAuthorization']] as const;
    for (const fields of choices) {
      const preview = candidatePreview(profile, fields);
      expect(preview.fields).toEqual(CANDIDATE_FIELDS.filter((f) => (fields as readonly string[]).includes(f)));
      for (const f of CANDIDATE_FIELDS)
        if (!preview.fields.includes(f)) expect(JSON.stringify(preview)).not.toContain(`"${f}"`);
    }
    // Never in a preview, whatever was chosen: what employers never see.
    const all = JSON.stringify(candidatePreview(profile, CANDIDATE_FIELDS));
    for (const secret of ['originCountry', 'female', '1994', 'contactLanguage', 'Lycée', 'cuisinière'])
      expect(all).not.toContain(secret);
  });

  it('reads the fields of a record and the record in force', () => {
    expect(fieldsOf(record({ fieldScopes: null }))).toEqual(DEFAULT_FIELDS);
    expect(fieldsOf(record({ fieldScopes: ['location', 'displayName', 'unknown'] }))).toEqual([
      'displayName',
      'location',
    ]);
    const consents = [
      record({ id: 'old', withdrawnAt: '2026-01-02T00:00:00.000Z' }),
      record({ id: 'now' }),
      record({ id: 'share', purpose: 'share_with_organisation', targetOrganisationId: 'e1' }),
    ];
    expect(activeFor(consents, 'matching_with_employers')?.id).toBe('now');
    expect(activeFor(consents, 'share_with_organisation', 'e1')?.id).toBe('share');
    expect(activeFor(consents, 'share_with_organisation', 'e2')).toBeUndefined();
    expect(activeFor(consents, 'profiling')).toBeUndefined();
    expect(PURPOSES.filter(takesScopes)).toEqual(['matching_with_employers', 'share_with_organisation']);
  });
});
