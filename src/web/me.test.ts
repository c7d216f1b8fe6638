import { describe, expect, it } from 'vitest';
import type { ConsentRecord } from './interview.js';
import { placeKnown, progressOf } from './me.js';
import type { Profile } from './profiles.js';

const profile = (over: Partial<Profile>): Profile =>
  ({
    displayName: 'Amina',
    originCountry: 'SN',
    currentCountry: 'ES',
    currentRegion: 'ES51',
    languages: [],
    education: [],
    experience: [],
    skills: [],
    workAuthorization: { hasMigrationStatus: false, permits: [] },
    preferences: { occupations: [], regions: [], willingToRelocate: false, relocationCountries: [] },
    interviewStep: null,
    ...over,
  }) as unknown as Profile;

const matching = { purpose: 'matching_with_employers', withdrawnAt: null } as ConsentRecord;

describe('a migrant’s progress', () => {
  it('starts at "about you" while the place is unknown, whatever else is filled', () => {
    const fresh = profile({ originCountry: 'ZZ', currentCountry: 'ZZ', currentRegion: '' });
    expect(progressOf(fresh, [])).toEqual({ done: 0, total: 8, next: { kind: 'step', step: 'identity' } });
    const noRegion = profile({ currentRegion: '', interviewStep: 5 });
    expect(placeKnown(noRegion)).toBe(false);
    expect(progressOf(noRegion, []).next).toEqual({ kind: 'step', step: 'identity' });
  });

  it('goes on with the stored step, then asks for consent, then points to jobs', () => {
    expect(progressOf(profile({ interviewStep: 3 }), [])).toMatchObject({ done: 2, next: { step: 'education' } });
    const finished = profile({
      interviewStep: 7,
      preferences: { occupations: ['x'], regions: [], willingToRelocate: false, relocationCountries: [] },
    });
    expect(progressOf(finished, [])).toEqual({ done: 7, total: 8, next: { kind: 'consent' } });
    expect(progressOf(finished, [matching])).toEqual({ done: 8, total: 8, next: { kind: 'jobs' } });
    expect(progressOf(finished, [{ ...matching, withdrawnAt: '2026-01-01' }]).next).toEqual({ kind: 'consent' });
    // Preferences saved empty: done once this browser went past the last step.
    const empty = profile({ interviewStep: 7 });
    expect(progressOf(empty, []).next).toEqual({ kind: 'step', step: 'preferences' });
    expect(progressOf(empty, [], 7)).toEqual({ done: 7, total: 8, next: { kind: 'consent' } });
  });
});
