// The recognition contract: qualifications as written and their evidence documents, qualification frameworks,
// recognition cases (request → assessment → decision, reopen, appeal) and RPL assessments against an ESCO
// occupation. Views are what routes answer; inputs are what commands take.
import { Type, type Static } from '@sinclair/typebox';
import { Country, IscedField, Lang, OccupationUri, SkillUri, Text } from '../profiles/domain.js';
import { CLOSED, StringEnum, Uuid } from '../shared/typebox.js';

export const QUALIFICATION_STATUSES = [
  'recorded',
  'in_assessment',
  'recognised',
  'partially_recognised',
  'not_recognised',
  'referred_to_rpl',
  'withdrawn',
] as const;
export type QualificationStatus = (typeof QUALIFICATION_STATUSES)[number];

export const DOCUMENT_KINDS = ['diploma', 'transcript', 'certificate', 'translation', 'other'] as const;
/** The types a document may be, detected from its first bytes. */
export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export const CASE_STATUSES = ['requested', 'assessing', 'decided', 'appealed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const OUTCOMES = ['recognised', 'partially_recognised', 'not_recognised', 'referred_to_rpl'] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** Why a qualification is not (fully) recognised: codes the reader sees in their own language. */
export const REASONS = [
  'documents_not_authentic',
  'documents_incomplete',
  'awarding_body_not_accredited',
  'level_below_requirement',
  'content_differs_substantially',
  'duration_insufficient',
  'regulated_profession_requirements',
  'other',
] as const;
export const RPL_METHODS = ['interview', 'observation', 'practical_test', 'portfolio', 'employer_attestation'] as const;
export type RplMethod = (typeof RPL_METHODS)[number];
export const RPL_RESULTS = ['pending', 'demonstrated', 'not_yet'] as const;
export type RplResult = (typeof RPL_RESULTS)[number];
export const FRAMEWORK_KINDS = ['meta', 'regional', 'national'] as const;

/** Framework codes: upper-case letters, digits and dashes (EQF, SADCQF, PH-PQF). */
export const FrameworkCode = Type.String({ pattern: '^[A-Z][A-Z0-9-]{1,19}$', description: 'framework code' });
export const LevelName = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9 .+-]{0,19}$', description: 'framework level' });
export const EqfLevel = Type.Integer({ minimum: 1, maximum: 8, description: 'EQF level 1–8' });

// ---- qualifications ----

export const QualificationInput = Type.Object(
  {
    originalTitle: Text(300, 1),
    titleTranslation: Type.Optional(Type.Union([Type.Null(), Text(300, 1)])),
    translationLang: Type.Optional(Type.Union([Type.Null(), Lang])),
    awardingBody: Text(300, 1),
    country: Country,
    year: Type.Optional(Type.Union([Type.Null(), Type.Integer({ minimum: 1900, maximum: 2100 })])),
    iscedField: Type.Optional(Type.Union([Type.Null(), IscedField])),
    nationalFramework: Type.Optional(Type.Union([Type.Null(), FrameworkCode])),
    nationalLevel: Type.Optional(Type.Union([Type.Null(), LevelName])),
  },
  CLOSED,
);
export type QualificationInput = Static<typeof QualificationInput>;

export const DocumentSummary = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  fileName: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  createdAt: Type.String(),
});
export type DocumentSummary = Static<typeof DocumentSummary>;

export const Qualification = Type.Object({
  id: Type.String(),
  migrantId: Type.String(),
  organisationId: Type.String(),
  originalTitle: Type.String(),
  titleTranslation: Type.Union([Type.String(), Type.Null()]),
  translationLang: Type.Union([Type.String(), Type.Null()]),
  awardingBody: Type.String(),
  country: Type.String(),
  year: Type.Union([Type.Integer(), Type.Null()]),
  iscedField: Type.Union([Type.String(), Type.Null()]),
  nationalFramework: Type.Union([Type.String(), Type.Null()]),
  nationalLevel: Type.Union([Type.String(), Type.Null()]),
  /** EQF level the national level is referenced to, from the framework table (null when unknown). */
  referencedEqfLevel: Type.Union([Type.Integer(), Type.Null()]),
  status: Type.String(),
  /** EQF level as recognised by a decision. */
  eqfLevel: Type.Union([Type.Integer(), Type.Null()]),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  /** Present for readers allowed to see documents (staff of the holding organisation, the person). */
  documents: Type.Optional(Type.Array(DocumentSummary)),
});
export type Qualification = Static<typeof Qualification>;

export const DocumentInput = Type.Object(
  {
    qualificationId: Uuid,
    kind: StringEnum(DOCUMENT_KINDS),
    fileName: Text(200, 1),
    /** What the uploader says it is; the content must agree. */
    mediaType: StringEnum(DOCUMENT_TYPES),
    /** The file, base64 (up to 10 MB decoded). */
    // Room above 10 MB so a slightly bigger file gets the 413 that says its size, not a schema message.
    contentBase64: Type.String({ minLength: 1, maxLength: MAX_DOCUMENT_BYTES * 2 }),
  },
  CLOSED,
);
export type DocumentInput = Static<typeof DocumentInput>;

// ---- frameworks ----

export const FrameworkLevel = Type.Object({
  level: Type.String(),
  rank: Type.Integer(),
  title: Type.String(),
  descriptor: Type.String(),
  eqfLevel: Type.Union([Type.Integer(), Type.Null()]),
  regionalFramework: Type.Union([Type.String(), Type.Null()]),
  regionalLevel: Type.Union([Type.String(), Type.Null()]),
  example: Type.Boolean(),
});
export type FrameworkLevel = Static<typeof FrameworkLevel>;

export const Framework = Type.Object({
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  country: Type.Union([Type.String(), Type.Null()]),
  example: Type.Boolean(),
  levels: Type.Array(FrameworkLevel),
});
export type Framework = Static<typeof Framework>;

// ---- cases ----

export const InterviewNote = Type.Object({ topic: Text(200, 1), note: Text(4000) }, CLOSED);

export const CaseRequestInput = Type.Object(
  {
    id: Type.Optional(Uuid),
    qualificationId: Uuid,
    destinationFramework: Type.Optional(FrameworkCode),
    destinationCountry: Type.Optional(Type.Union([Type.Null(), Country])),
    note: Type.Optional(Type.Union([Type.Null(), Text(2000)])),
  },
  CLOSED,
);
export type CaseRequestInput = Static<typeof CaseRequestInput>;

export const ReferInput = Type.Object(
  {
    caseId: Uuid,
    /** The assessing organisation on this instance (a qualifications authority, an assessment centre). */
    organisationId: Uuid,
    /**
     * The person agrees that this organisation sees the case and its evidence documents (recorded as their
     * recognition_referral consent, which they can withdraw).
     */
    consent: Type.Literal(true),
    note: Type.Optional(Type.Union([Type.Null(), Text(2000)])),
  },
  CLOSED,
);
export type ReferInput = Static<typeof ReferInput>;

/** Where a case was referred, as its home organisation, the person and the assessing organisation see it. */
export const ReferralView = Type.Object({
  id: Type.String(),
  assessingOrganisationId: Type.String(),
  assessingOrganisationName: Type.String(),
  homeOrganisationName: Type.String(),
  status: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
  referredAt: Type.String(),
  withdrawnAt: Type.Union([Type.String(), Type.Null()]),
  /** The person's consent for that organisation is in force (withdrawing it hides the case there at once). */
  consentInForce: Type.Boolean(),
});
export type ReferralView = Static<typeof ReferralView>;

export const AssessInput = Type.Object(
  {
    caseId: Uuid,
    version: Type.Integer({ minimum: 1 }),
    documentsChecked: Type.Boolean(),
    documentsNote: Type.Optional(Type.Union([Type.Null(), Text(4000)])),
    interview: Type.Optional(Type.Array(InterviewNote, { maxItems: 30 })),
    comparisonNote: Type.Optional(Type.Union([Type.Null(), Text(4000)])),
  },
  CLOSED,
);
export type AssessInput = Static<typeof AssessInput>;

export const DecideInput = Type.Object(
  {
    caseId: Uuid,
    version: Type.Integer({ minimum: 1 }),
    outcome: StringEnum(OUTCOMES),
    /** recognised / partially recognised: the EQF level and the comparable qualification. */
    eqfLevel: Type.Optional(Type.Union([Type.Null(), EqfLevel])),
    destinationLevel: Type.Optional(Type.Union([Type.Null(), LevelName])),
    comparableQualification: Type.Optional(Type.Union([Type.Null(), Text(300, 1)])),
    /** The ESCO occupations the qualification opens. */
    occupationUris: Type.Optional(Type.Array(OccupationUri, { maxItems: 20 })),
    /** Partially recognised: the skills missing (compensation measures train them). */
    missingSkills: Type.Optional(Type.Array(SkillUri, { maxItems: 100 })),
    /** Not recognised (and partially): why, as codes. */
    reasons: Type.Optional(Type.Array(StringEnum(REASONS), { maxItems: REASONS.length })),
    note: Type.Optional(Type.Union([Type.Null(), Text(4000)])),
  },
  CLOSED,
);
export type DecideInput = Static<typeof DecideInput>;

export const CaseView = Type.Object({
  id: Type.String(),
  organisationId: Type.String(),
  migrantId: Type.String(),
  qualificationId: Type.String(),
  status: Type.String(),
  requestedBy: Type.Union([Type.String(), Type.Null()]),
  requestedByRole: Type.String(),
  requestNote: Type.Union([Type.String(), Type.Null()]),
  destinationFramework: Type.String(),
  destinationCountry: Type.Union([Type.String(), Type.Null()]),
  assessorId: Type.Union([Type.String(), Type.Null()]),
  documentsChecked: Type.Boolean(),
  documentsNote: Type.Union([Type.String(), Type.Null()]),
  interview: Type.Array(Type.Object({ topic: Type.String(), note: Type.String() })),
  comparisonNote: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.Union([Type.String(), Type.Null()]),
  eqfLevel: Type.Union([Type.Integer(), Type.Null()]),
  destinationLevel: Type.Union([Type.String(), Type.Null()]),
  comparableQualification: Type.Union([Type.String(), Type.Null()]),
  occupationUris: Type.Array(Type.String()),
  missingSkills: Type.Array(Type.String()),
  compensation: Type.Array(
    Type.Object({ offerId: Type.String(), title: Type.String(), covers: Type.Array(Type.String()) }),
  ),
  reasons: Type.Array(Type.String()),
  decisionNote: Type.Union([Type.String(), Type.Null()]),
  decidedBy: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
  appealReason: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  /** The case's last referral to another organisation, if it was ever referred. */
  referral: Type.Optional(ReferralView),
  /** The organisation whose assessor decided, when it is not the case's own (a referred case). */
  decidedByOrganisationName: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});
export type CaseView = Static<typeof CaseView>;

export const CaseEvent = Type.Object({
  step: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  at: Type.String(),
  detail: Type.Record(Type.String(), Type.Unknown()),
});
export type CaseEvent = Static<typeof CaseEvent>;

// ---- RPL ----

export const RplStartInput = Type.Object(
  {
    id: Type.Optional(Uuid),
    migrantId: Uuid,
    occupationUri: OccupationUri,
    caseId: Type.Optional(Type.Union([Type.Null(), Uuid])),
  },
  CLOSED,
);
export type RplStartInput = Static<typeof RplStartInput>;

export const RplSkillInput = Type.Object(
  {
    skillUri: SkillUri,
    method: Type.Union([Type.Null(), StringEnum(RPL_METHODS)]),
    result: StringEnum(RPL_RESULTS),
    note: Type.Optional(Type.Union([Type.Null(), Text(2000)])),
  },
  CLOSED,
);

export const RplRecordInput = Type.Object(
  {
    assessmentId: Uuid,
    version: Type.Integer({ minimum: 1 }),
    skills: Type.Array(RplSkillInput, { minItems: 1, maxItems: 200 }),
  },
  CLOSED,
);
export type RplRecordInput = Static<typeof RplRecordInput>;

export const RplSkill = Type.Object({
  skillUri: Type.String(),
  method: Type.Union([Type.String(), Type.Null()]),
  result: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
});

export const RplAssessment = Type.Object({
  id: Type.String(),
  organisationId: Type.String(),
  migrantId: Type.String(),
  occupationUri: Type.String(),
  caseId: Type.Union([Type.String(), Type.Null()]),
  assessorId: Type.String(),
  assessorName: Type.String(),
  status: Type.String(),
  completedOn: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
  skills: Type.Array(RplSkill),
});
export type RplAssessment = Static<typeof RplAssessment>;

/** Where an "assessed" skill comes from: who assessed it, when, how, in which assessment. */
export const SkillProvenance = Type.Object({
  skillUri: Type.String(),
  evidence: Type.Literal('assessed'),
  assessmentId: Type.String(),
  occupationUri: Type.String(),
  assessorName: Type.String(),
  assessedOn: Type.String(),
  method: Type.String(),
});
export type SkillProvenance = Static<typeof SkillProvenance>;

/** A recognised qualification as the passport reads it. */
export const RecognisedQualification = Type.Object({
  qualificationId: Type.String(),
  caseId: Type.String(),
  originalTitle: Type.String(),
  titleTranslation: Type.Union([Type.String(), Type.Null()]),
  awardingBody: Type.String(),
  country: Type.String(),
  year: Type.Union([Type.Integer(), Type.Null()]),
  iscedField: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.Union([Type.Literal('recognised'), Type.Literal('partially_recognised')]),
  eqfLevel: Type.Union([Type.Integer(), Type.Null()]),
  destinationFramework: Type.String(),
  destinationLevel: Type.Union([Type.String(), Type.Null()]),
  comparableQualification: Type.Union([Type.String(), Type.Null()]),
  occupationUris: Type.Array(Type.String()),
  decidedAt: Type.String(),
  decidedBy: Type.Union([Type.String(), Type.Null()]),
});
export type RecognisedQualification = Static<typeof RecognisedQualification>;
