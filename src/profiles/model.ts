// The job-seeker profile: what an advisor records about a migrant's skills, education, languages, experience,
// work authorization and job preferences. Sex and birth year are kept for statistics only and are never handed
// to matching (see listProfilesForMatching). Migration status, permits and their document numbers are stored under
// the person's own key (erasure shreds them); status and numbers are returned only on an explicit, audited request.
import { Type, type Static } from '@sinclair/typebox';
import {
  Cefr,
  Country,
  CountryOrUnknown,
  DateString,
  Evidence,
  IscedField,
  IscedLevel,
  Lang,
  LanguageTag,
  OccupationUri,
  Place,
  Region,
  Sector,
  SkillUri,
  Text,
} from './codes.js';
import { Uuid } from '../shared/typebox.js';

/** The steps of the profile interview, in order; interviewStep numbers them from 1. */
export const INTERVIEW_STEPS = [
  'identity',
  'languages',
  'education',
  'experience',
  'skills',
  'authorization',
  'preferences',
] as const;
/** Numbered from 1, as the interview shows them (the stored column's CHECK says 1–7). */
export const InterviewStep = Type.Integer({
  minimum: 1,
  maximum: INTERVIEW_STEPS.length,
  description: `interview step left at: 1–${INTERVIEW_STEPS.length} = ${INTERVIEW_STEPS.join(', ')}`,
});

export const SEXES = ['female', 'male', 'other', 'undisclosed'] as const;

/** Citizenships in force, each once; the first is the one the person names first. */
export const Citizenships = Type.Array(Country, { maxItems: 5, uniqueItems: true });
export type Sex = (typeof SEXES)[number];

/** Where a skill claim comes from. */
export const SKILL_SOURCES = [
  'self-declared',
  'interview',
  'work-experience',
  'education',
  'assessment',
  'certificate',
  'extraction',
] as const;

export const LanguageSkill = Type.Object(
  {
    lang: Lang,
    /** Mother tongue: every skill counts as 'native'. */
    native: Type.Boolean({ default: false }),
    listening: Type.Union([Cefr, Type.Null()], { default: null }),
    reading: Type.Union([Cefr, Type.Null()], { default: null }),
    speaking: Type.Union([Cefr, Type.Null()], { default: null }),
    writing: Type.Union([Cefr, Type.Null()], { default: null }),
  },
  { additionalProperties: false },
);

export const Education = Type.Object(
  {
    iscedLevel: IscedLevel,
    field: Type.Union([IscedField, Type.Null()], { default: null }),
    title: Text(300, 1),
    institution: Type.Union([Text(300), Type.Null()], { default: null }),
    country: Type.Union([Country, Type.Null()], { default: null }),
    completed: Type.Boolean(),
    yearCompleted: Type.Union([Type.Integer({ minimum: 1900, maximum: 2100 }), Type.Null()], { default: null }),
  },
  { additionalProperties: false },
);

export const Qualification = Type.Object(
  {
    title: Text(300, 1),
    awardingBody: Type.Union([Text(300), Type.Null()], { default: null }),
    country: Type.Union([Country, Type.Null()], { default: null }),
    year: Type.Union([Type.Integer({ minimum: 1900, maximum: 2100 }), Type.Null()], { default: null }),
    /** EQF level when known (or as recognised). */
    eqfLevel: Type.Union([Type.Integer({ minimum: 1, maximum: 8 }), Type.Null()], { default: null }),
  },
  { additionalProperties: false },
);

export const Experience = Type.Object(
  {
    occupationUri: OccupationUri,
    /** The job title as the person said it. */
    title: Type.Union([Text(300), Type.Null()], { default: null }),
    country: Country,
    months: Type.Integer({ minimum: 0, maximum: 720 }),
    /** Informal work (no contract, family business, domestic work) counts as experience too. */
    formal: Type.Boolean(),
    description: Type.Union([Text(2000), Type.Null()], { default: null }),
  },
  { additionalProperties: false },
);

export const ProfileSkill = Type.Object(
  {
    uri: SkillUri,
    evidence: Evidence,
    source: Type.Union(SKILL_SOURCES.map((s) => Type.Literal(s))),
  },
  { additionalProperties: false },
);

export const PermitInput = Type.Object(
  {
    /** Country where the permit allows work. */
    country: Country,
    type: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,59}$', description: 'permit type code, e.g. work-general' }),
    validFrom: Type.Union([DateString, Type.Null()], { default: null }),
    validUntil: Type.Union([DateString, Type.Null()], { default: null }),
    /** ISIC sections the permit is restricted to; empty = not restricted. */
    sectors: Type.Array(Sector, { maxItems: 21, default: [] }),
    /** Sensitive: stored encrypted. */
    documentNumber: Type.Optional(Type.Union([Text(100), Type.Null()])),
  },
  { additionalProperties: false },
);

export const WorkAuthorizationInput = Type.Object(
  {
    /** Sensitive (e.g. "asylum seeker", "temporary protection"): stored encrypted. */
    migrationStatus: Type.Optional(Type.Union([Text(200), Type.Null()])),
    permits: Type.Array(PermitInput, { maxItems: 20, default: [] }),
  },
  { additionalProperties: false },
);

export const Preferences = Type.Object(
  {
    occupations: Type.Array(OccupationUri, { maxItems: 20, default: [] }),
    regions: Type.Array(Place, { maxItems: 20, default: [] }),
    willingToRelocate: Type.Boolean({ default: false }),
    /** Countries the person would move to; empty = any. */
    relocationCountries: Type.Array(Country, { maxItems: 50, default: [] }),
  },
  { additionalProperties: false },
);

/** What an advisor (or the migrant) sends to create or replace a profile. */
export const ProfileInput = Type.Object(
  {
    /** Minimal identity: how the person wants to be called. */
    displayName: Text(200, 1),
    /**
     * The person agreed to their skills profile being kept (the `profiling` consent). A create by an advisor must
     * send it and records the consent with the profile; on replace the consent must be in force already.
     */
    profilingConsent: Type.Optional(Type.Literal(true)),
    /** The migrant's own user account (role migrant, same organisation). On replace: omitted keeps, null unlinks. */
    userId: Type.Optional(Type.Union([Type.String({ pattern: '^[A-Za-z0-9_-]{1,100}$' }), Type.Null()])),
    originCountry: CountryOrUnknown,
    /**
     * Countries of citizenship (ICLS 2018 asks for it beside origin): [] = stateless, several = dual or multiple,
     * null = not recorded. Statistics only; never used for matching. On replace: omitted keeps, null clears.
     */
    // The list first, so a bad code is reported at its item (`citizenships.1`); bodies are not coerced.
    citizenships: Type.Optional(Type.Union([Citizenships, Type.Null()])),
    currentCountry: CountryOrUnknown,
    currentRegion: Type.Optional(Region),
    /** Statistics only; never used for matching. */
    sex: Type.Optional(Type.Union(SEXES.map((s) => Type.Literal(s)))),
    /** Statistics only; never used for matching. */
    birthYear: Type.Optional(Type.Union([Type.Integer({ minimum: 1900, maximum: 2100 }), Type.Null()])),
    languages: Type.Array(LanguageSkill, { maxItems: 30, default: [] }),
    education: Type.Array(Education, { maxItems: 30, default: [] }),
    qualifications: Type.Array(Qualification, { maxItems: 30, default: [] }),
    experience: Type.Array(Experience, { maxItems: 50, default: [] }),
    skills: Type.Array(ProfileSkill, { maxItems: 500, default: [] }),
    workAuthorization: Type.Optional(WorkAuthorizationInput),
    preferences: Type.Optional(Preferences),
    seeking: Type.Boolean({ default: true }),
    availableFrom: Type.Optional(Type.Union([DateString, Type.Null()])),
    // Null first: the HTTP layer coerces types, and would turn null into "" or 0 in the other branch.
    /** Language the person prefers to be addressed in (BCP-47). On replace: omitted keeps, null clears. */
    contactLanguage: Type.Optional(Type.Union([Type.Null(), LanguageTag])),
    /** Interview step the profile was left at. On replace: omitted keeps, null clears. */
    interviewStep: Type.Optional(Type.Union([Type.Null(), InterviewStep])),
  },
  { additionalProperties: false },
);
export type ProfileInput = Static<typeof ProfileInput>;

/** Creating a profile may name its id (a UUID made by the client), so a retried create is safe. */
export const ProfileCreate = Type.Object(
  { id: Type.Optional(Uuid), ...ProfileInput.properties },
  { additionalProperties: false },
);
export type ProfileCreate = Static<typeof ProfileCreate>;

/** Replacing a profile names the version it was read at; a stale version answers 409. */
export const ProfileUpdate = Type.Object(
  { ...ProfileInput.properties, version: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) },
  { additionalProperties: false },
);
export type ProfileUpdate = Static<typeof ProfileUpdate>;

export const Permit = Type.Object({
  country: Country,
  type: Type.String(),
  validFrom: Type.Union([DateString, Type.Null()]),
  validUntil: Type.Union([DateString, Type.Null()]),
  sectors: Type.Array(Type.String()),
  /** Present only in a sensitive read. */
  documentNumber: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  hasDocumentNumber: Type.Boolean(),
});

export const WorkAuthorization = Type.Object({
  /** Present only in a sensitive read. */
  migrationStatus: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  hasMigrationStatus: Type.Boolean(),
  permits: Type.Array(Permit),
});

export const Profile = Type.Object({
  id: Type.String(),
  organisationId: Type.String(),
  userId: Type.Union([Type.String(), Type.Null()]),
  displayName: Type.String(),
  originCountry: Type.String(),
  /** ISO 3166-1 alpha-2 codes; [] = stateless; null = not recorded (always sent; optional for older servers). */
  citizenships: Type.Optional(Type.Union([Type.Array(Type.String()), Type.Null()])),
  currentCountry: Type.String(),
  currentRegion: Type.String(),
  sex: Type.String(),
  birthYear: Type.Union([Type.Integer(), Type.Null()]),
  languages: Type.Array(LanguageSkill),
  education: Type.Array(Education),
  qualifications: Type.Array(Qualification),
  experience: Type.Array(Experience),
  skills: Type.Array(ProfileSkill),
  workAuthorization: WorkAuthorization,
  preferences: Preferences,
  seeking: Type.Boolean(),
  availableFrom: Type.Union([DateString, Type.Null()]),
  /** BCP-47, canonical form; null = not recorded. Never shown to employers. */
  contactLanguage: Type.Union([Type.String(), Type.Null()]),
  /** Interview step (1 = INTERVIEW_STEPS[0]) the profile was left at; null = not recorded. */
  interviewStep: Type.Union([Type.Integer(), Type.Null()]),
  /** Highest completed ISCED level, derived from education. */
  highestIscedLevel: Type.Union([Type.Integer(), Type.Null()]),
  taxonomyVersion: Type.String(),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  /** True when sensitive values were left out (ask with include=sensitive). */
  sensitiveOmitted: Type.Boolean(),
});
export type Profile = Static<typeof Profile>;

/** One line of a caseload list. */
export const ProfileSummary = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  originCountry: Type.String(),
  currentCountry: Type.String(),
  currentRegion: Type.String(),
  seeking: Type.Boolean(),
  /** So the advisor knows in which language to contact the person. */
  contactLanguage: Type.Union([Type.String(), Type.Null()]),
  skillCount: Type.Integer(),
  highestIscedLevel: Type.Union([Type.Integer(), Type.Null()]),
  version: Type.Integer(),
  updatedAt: Type.String(),
});
export type ProfileSummary = Static<typeof ProfileSummary>;

export { CANDIDATE_FIELDS, DEFAULT_CANDIDATE_FIELDS, type CandidateField } from '../shared/vocabulary.js';

export const CandidateView = Type.Object({
  id: Type.String(),
  /** The fields this view was cut to. */
  fields: Type.Array(Type.String()),
  displayName: Type.Optional(Type.String()),
  skills: Type.Optional(
    Type.Array(
      Type.Object({
        uri: Type.String(),
        evidence: Type.String(),
        /** An "assessed" skill's provenance (recognition's RPL): who assessed it, when, how. */
        assessedBy: Type.Optional(
          Type.Object({ assessorName: Type.String(), assessedOn: Type.String(), method: Type.String() }),
        ),
      }),
    ),
  ),
  experience: Type.Optional(
    Type.Array(
      Type.Object({
        occupationUri: Type.String(),
        country: Type.String(),
        months: Type.Integer(),
        formal: Type.Boolean(),
      }),
    ),
  ),
  languages: Type.Optional(Type.Array(LanguageSkill)),
  education: Type.Optional(
    Type.Array(
      Type.Object({
        iscedLevel: Type.Integer(),
        field: Type.Union([Type.String(), Type.Null()]),
        completed: Type.Boolean(),
      }),
    ),
  ),
  qualifications: Type.Optional(
    Type.Array(Type.Object({ title: Type.String(), eqfLevel: Type.Union([Type.Integer(), Type.Null()]) })),
  ),
  location: Type.Optional(Type.Object({ country: Type.String(), region: Type.String() })),
  availability: Type.Optional(
    Type.Object({ seeking: Type.Boolean(), availableFrom: Type.Union([Type.String(), Type.Null()]) }),
  ),
  workAuthorization: Type.Optional(
    Type.Array(
      Type.Object({
        country: Type.String(),
        type: Type.String(),
        validUntil: Type.Union([Type.String(), Type.Null()]),
        sectors: Type.Array(Type.String()),
      }),
    ),
  ),
  preferences: Type.Optional(Preferences),
  taxonomyVersion: Type.String(),
});
export type CandidateView = Static<typeof CandidateView>;
