// The candidate card: a profile cut to the fields a person agreed to show employers. Pure, so the server's
// shortlist and the web app's consent preview show the same card from the same code.
import type { CandidateView, Profile } from './model.js';
import type { CandidateField } from '../shared/vocabulary.js';

/** What a card reads of a profile (a whole Profile, or a shortlist's card row: store.ts cardProfile). */
export type CardSource = Pick<
  Profile,
  | 'id'
  | 'displayName'
  | 'skills'
  | 'experience'
  | 'languages'
  | 'education'
  | 'qualifications'
  | 'currentCountry'
  | 'currentRegion'
  | 'seeking'
  | 'availableFrom'
  | 'preferences'
  | 'taxonomyVersion'
> & { workAuthorization: Pick<Profile['workAuthorization'], 'permits'> };

/** The profile cut to the fields a migrant agreed to show an employer. */
export function candidateView(
  profile: CardSource,
  fields: readonly CandidateField[],
  /** Provenance of assessed skills by skill URI (recognition's assessedSkillsFor), shown with the skills. */
  assessed: ReadonlyMap<string, { assessorName: string; assessedOn: string; method: string }> = new Map(),
): CandidateView {
  const has = (f: CandidateField) => fields.includes(f);
  const provenance = (uri: string, evidence: string) => {
    const p = evidence === 'assessed' ? assessed.get(uri) : undefined;
    return p ? { assessedBy: { assessorName: p.assessorName, assessedOn: p.assessedOn, method: p.method } } : {};
  };
  return {
    id: profile.id,
    fields: [...fields],
    ...(has('displayName') ? { displayName: profile.displayName } : {}),
    ...(has('skills')
      ? { skills: profile.skills.map((s) => ({ uri: s.uri, evidence: s.evidence, ...provenance(s.uri, s.evidence) })) }
      : {}),
    ...(has('experience')
      ? {
          experience: profile.experience.map((e) => ({
            occupationUri: e.occupationUri,
            country: e.country,
            months: e.months,
            formal: e.formal,
          })),
        }
      : {}),
    ...(has('languages') ? { languages: profile.languages } : {}),
    ...(has('education')
      ? {
          education: profile.education.map((e) => ({
            iscedLevel: e.iscedLevel,
            field: e.field,
            completed: e.completed,
          })),
        }
      : {}),
    ...(has('qualifications')
      ? { qualifications: profile.qualifications.map((q) => ({ title: q.title, eqfLevel: q.eqfLevel })) }
      : {}),
    ...(has('location') ? { location: { country: profile.currentCountry, region: profile.currentRegion } } : {}),
    ...(has('availability')
      ? { availability: { seeking: profile.seeking, availableFrom: profile.availableFrom } }
      : {}),
    ...(has('workAuthorization')
      ? {
          workAuthorization: profile.workAuthorization.permits.map((p) => ({
            country: p.country,
            type: p.type,
            validUntil: p.validUntil,
            sectors: p.sectors,
          })),
        }
      : {}),
    ...(has('preferences') ? { preferences: profile.preferences } : {}),
    taxonomyVersion: profile.taxonomyVersion,
  };
}
