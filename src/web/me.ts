// A migrant's own way through Corridor: how far their profile is, and what to do next (finish a step, choose what
// employers may see, look at the jobs that fit).
import { activeFor } from './consent.js';
import { resumeStep, STEPS, UNKNOWN_COUNTRY, type Step } from './interview.js';
import type { ConsentRecord } from './interview.js';
import type { Profile } from './profiles.js';

export type NextStep = { kind: 'step'; step: Step } | { kind: 'consent' } | { kind: 'jobs' };

export interface Progress {
  /** Parts done of `total`: the profile's steps, then the consent to be shown to employers. */
  done: number;
  total: number;
  next: NextStep;
}

/** Matching needs to know where the person lives (country and region). */
export function placeKnown(p: Profile): boolean {
  return p.currentCountry !== UNKNOWN_COUNTRY && p.currentRegion.trim() !== '';
}

export function progressOf(p: Profile, consents: ConsentRecord[], furthestSeen = 0): Progress {
  const total = STEPS.length + 1;
  // The identity step is done only once the place is known: without it nobody can be matched.
  // A step saved with no answer (no preferences) still counts once this browser went past it.
  const resume = placeKnown(p) ? Math.max(resumeStep(p, furthestSeen), furthestSeen) : 0;
  const consent = activeFor(consents, 'matching_with_employers') !== undefined;
  const done = Math.min(resume, STEPS.length) + (consent ? 1 : 0);
  if (resume < STEPS.length) return { done, total, next: { kind: 'step', step: STEPS[resume]! } };
  return { done, total, next: consent ? { kind: 'jobs' } : { kind: 'consent' } };
}
