import { describe, expect, it } from 'vitest';
import {
  citizenshipAnswerOf,
  citizenshipsToSave,
  interviewStepAfter,
  mergeSkills,
  resumeStep,
  STEPS,
  stepFilled,
  tokenFromHash,
  withAnswers,
} from './interview.js';
import { INTERVIEW_STEPS } from '../profiles/index.js';
import { mayOpen, navigationFor } from './navigation.js';
import type { Profile } from './profiles.js';
import { parseRoute } from './router.js';

const SKILL = (n: number) => `http://data.europa.eu/esco/skill/00000000-0000-4000-8000-00000000000${n}`;
const OCC = 'http://data.europa.eu/esco/occupation/00000000-0000-4000-8000-000000000009';

function profile(patch: Partial<Profile> = {}): Profile {
  return {
    id: 'p1',
    organisationId: 'o1',
    userId: null,
    displayName: 'Samira',
    originCountry: 'SY',
    currentCountry: 'ES',
    currentRegion: '',
    sex: 'undisclosed',
    birthYear: null,
    languages: [],
    education: [],
    qualifications: [],
    experience: [],
    skills: [],
    workAuthorization: { hasMigrationStatus: false, permits: [] },
    preferences: { occupations: [], regions: [], willingToRelocate: false, relocationCountries: [] },
    seeking: true,
    availableFrom: null,
    contactLanguage: null,
    interviewStep: null,
    highestIscedLevel: null,
    taxonomyVersion: '1.1.1',
    version: 3,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    sensitiveOmitted: true,
    ...patch,
  };
}

describe('where an interview resumes', () => {
  it('starts at the identity step while a country is unknown (a migrant account made by invitation)', () => {
    expect(resumeStep(profile({ originCountry: 'ZZ', currentCountry: 'ZZ' }))).toBe(0);
    expect(stepFilled(profile({ currentCountry: 'ZZ' }), 'identity')).toBe(false);
  });

  it('continues after the last step with answers, even when an earlier one was left empty', () => {
    expect(STEPS[resumeStep(profile())]).toBe('languages');
    const lang = [{ lang: 'ar', native: true, listening: null, reading: null, speaking: null, writing: null }];
    expect(STEPS[resumeStep(profile({ languages: lang }))]).toBe('education');
    // No schooling recorded, but work experience is: resume at skills, not back at education.
    const experience = [
      { occupationUri: OCC, title: null, country: 'SY', months: 12, formal: false, description: null },
    ];
    expect(STEPS[resumeStep(profile({ languages: lang, experience }))]).toBe('skills');
  });

  it('never goes back before the furthest step this browser reached, and reports the end', () => {
    expect(STEPS[resumeStep(profile(), 5)]).toBe('authorization');
    const done = profile({
      preferences: { occupations: [OCC], regions: [], willingToRelocate: false, relocationCountries: [] },
    });
    expect(resumeStep(done)).toBe(STEPS.length);
    expect(resumeStep(profile(), 99)).toBe(STEPS.length);
  });
});

describe('resuming at the stored interview step', () => {
  it('opens the step stored with the profile, whatever the answers or this browser say', () => {
    expect(STEPS[resumeStep(profile({ interviewStep: 4 }))]).toBe('experience');
    expect(STEPS[resumeStep(profile({ interviewStep: 2 }), 6)]).toBe('languages');
    expect(STEPS[resumeStep(profile({ interviewStep: 7 }))]).toBe('preferences');
    const done = profile({
      interviewStep: 7,
      preferences: { occupations: [OCC], regions: [], willingToRelocate: false, relocationCountries: [] },
    });
    expect(resumeStep(done)).toBe(STEPS.length);
    // Out of range (an older record): guessed from the answers as before.
    expect(STEPS[resumeStep(profile({ interviewStep: 0 }))]).toBe('languages');
  });

  it('stores the next step after a save, the last one at the end', () => {
    expect(interviewStepAfter(0)).toBe(2);
    expect(interviewStepAfter(5)).toBe(7);
    expect(interviewStepAfter(6)).toBe(7);
  });
});

describe('saving a step', () => {
  it('replaces the step’s fields, keeps the rest as read and names the version read', () => {
    const body = withAnswers(profile({ seeking: false }), { displayName: 'Samira K.' });
    expect(body).toMatchObject({ displayName: 'Samira K.', originCountry: 'SY', seeking: false, version: 3 });
    expect(body).not.toHaveProperty('userId'); // omitted = the linked account is kept
  });

  it('adds confirmed skills once, with the evidence of who confirmed them, and drops removed ones', () => {
    const current = [
      { uri: SKILL(1), evidence: 'certified' as const, source: 'certificate' as const },
      { uri: SKILL(2), evidence: 'self-declared' as const, source: 'self-declared' as const },
    ];
    const confirmed = [
      { uri: SKILL(1), source: 'interview' as const },
      { uri: SKILL(3), source: 'work-experience' as const },
      { uri: SKILL(3), source: 'extraction' as const },
      { uri: OCC, source: 'interview' as const },
    ];
    expect(mergeSkills(current, confirmed, new Set([SKILL(2)]), 'advisor')).toEqual([
      { uri: SKILL(1), evidence: 'certified', source: 'certificate' },
      { uri: SKILL(3), evidence: 'advisor-checked', source: 'work-experience' },
    ]);
    expect(mergeSkills([], [{ uri: SKILL(4), source: 'interview' }], new Set(), 'self')).toEqual([
      { uri: SKILL(4), evidence: 'self-declared', source: 'interview' },
    ]);
  });
});

describe('one-time links and addresses', () => {
  it('reads the token from the fragment and refuses anything else', () => {
    expect(tokenFromHash('#abcDEF012_-xyz')).toBe('abcDEF012_-xyz');
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#short')).toBeNull();
    expect(tokenFromHash('#<script>alert(1)</script>')).toBeNull();
  });

  it('knows the interview, self-service and link pages, and who may open them', () => {
    const id = '0a4e8a1b-0000-4000-8000-000000000001';
    expect(parseRoute(`/caseload/${id.toUpperCase()}/interview`, '')).toEqual({ name: 'interview', id });
    expect(parseRoute('/caseload/nope/interview', '')).toEqual({ name: 'notFound' });
    expect(parseRoute('/me/profile', '')).toEqual({ name: 'myProfile' });
    expect(parseRoute('/me/consents', '')).toEqual({ name: 'myConsents' });
    expect(parseRoute('/me/data/', '')).toEqual({ name: 'myData' });
    expect(parseRoute('/invitation', '')).toEqual({ name: 'invitation' });
    expect(parseRoute('/password-reset', '')).toEqual({ name: 'passwordReset' });
    expect(mayOpen('advisor', 'interview')).toBe(true);
    expect(mayOpen('employer', 'interview')).toBe(false);
    expect(mayOpen('migrant', 'myData')).toBe(true);
    expect(mayOpen('advisor', 'myConsents')).toBe(false);
    expect(navigationFor('migrant').map((i) => i.key)).toEqual(
      expect.arrayContaining(['myProfile', 'myConsents', 'myData']),
    );
  });
});

describe('interview steps', () => {
  it('are the server’s steps, in its order (the stored interviewStep numbers them from 1)', () => {
    // The bundle cannot import server code; this keeps the two lists from drifting apart.
    expect([...STEPS]).toEqual([...INTERVIEW_STEPS]);
  });
});

describe('the citizenship answer', () => {
  it('reads what is recorded: nothing chosen when not recorded, stateless, or the countries in order', () => {
    expect(citizenshipAnswerOf({ citizenships: null })).toEqual({ kind: '', codes: [] });
    expect(citizenshipAnswerOf({})).toEqual({ kind: '', codes: [] });
    expect(citizenshipAnswerOf({ citizenships: [] })).toEqual({ kind: 'stateless', codes: [] });
    expect(citizenshipAnswerOf({ citizenships: ['SN', 'FR'] })).toEqual({ kind: 'countries', codes: ['SN', 'FR'] });
  });

  it('saves countries, [] for stateless, null for "prefer not to say", and nothing when no choice was made', () => {
    expect(citizenshipsToSave({ kind: 'countries', codes: ['SN', 'FR', 'SN'] })).toEqual(['SN', 'FR']);
    expect(citizenshipsToSave({ kind: 'countries', codes: [] })).toBe('missing');
    // Countries picked before choosing "stateless" are not saved with it.
    expect(citizenshipsToSave({ kind: 'stateless', codes: ['SN'] })).toEqual([]);
    expect(citizenshipsToSave({ kind: 'unsaid', codes: ['SN'] })).toBeNull();
    expect(citizenshipsToSave({ kind: '', codes: [] })).toBeUndefined();
  });
});
