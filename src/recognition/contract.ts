// Recognition's API contract: the request and response schemas of src/recognition/routes.ts, in one file. The
// records themselves (qualification, case, RPL assessment, framework views) and the commands' inputs are defined
// in model.ts; the bodies here are those inputs without what the URL carries. The server validates and serialises
// with them, the OpenAPI document is generated from them, and the web app imports their types (type-only).
import { Type, type Static } from '@sinclair/typebox';
import { StringEnum, Uuid } from '../shared/typebox.js';
import {
  AssessInput,
  CASE_STATUSES,
  CaseEvent,
  CaseRequestInput,
  CaseView,
  DecideInput,
  DocumentInput,
  DocumentSummary,
  Framework,
  Qualification,
  QualificationInput,
  ReferInput,
  ReferralView,
  RplAssessment,
  RplRecordInput,
  RplStartInput,
  SkillProvenance,
} from './model.js';

export { CaseView, DocumentSummary, Framework, Qualification, ReferralView, RplAssessment, SkillProvenance };
export type RecognitionCase = Static<typeof CaseView>;

const Version = Type.Integer({ minimum: 1 });
const NoMore = { additionalProperties: false } as const;

// ---- parameters ----

export const PersonParams = Type.Object({ migrantId: Uuid });
export const QualificationParams = Type.Object({ qualificationId: Uuid });
export const DocumentParams = Type.Object({ documentId: Uuid });
export const CaseParams = Type.Object({ caseId: Uuid });
export const AssessmentParams = Type.Object({ assessmentId: Uuid });
export const QueueQuery = Type.Object({ status: Type.Optional(StringEnum(CASE_STATUSES)) });
export type QueueQuery = Static<typeof QueueQuery>;

// ---- a person's record ----

export const PersonRecognition = Type.Object({
  migrantId: Type.String(),
  displayName: Type.String(),
  qualifications: Type.Array(Qualification),
  cases: Type.Array(CaseView),
  assessments: Type.Array(RplAssessment),
  assessedSkills: Type.Array(SkillProvenance),
});
export type PersonRecognition = Static<typeof PersonRecognition>;

export const AssessedSkillsAnswer = Type.Object({ skills: Type.Array(SkillProvenance) });
export type AssessedSkillsAnswer = Static<typeof AssessedSkillsAnswer>;

// ---- qualifications and their documents ----

export const QualificationBody = Type.Composite([Type.Object({ id: Type.Optional(Uuid) }), QualificationInput], NoMore);
export type QualificationBody = Static<typeof QualificationBody>;
export const QualificationUpdateBody = Type.Composite([Type.Object({ version: Version }), QualificationInput], NoMore);
export type QualificationUpdateBody = Static<typeof QualificationUpdateBody>;

export const DocumentBody = Type.Composite(
  [Type.Object({ id: Type.Optional(Uuid) }), Type.Omit(DocumentInput, ['qualificationId'], NoMore)],
  NoMore,
);
export type DocumentBody = Static<typeof DocumentBody>;
export const DocumentUploaded = Type.Composite([DocumentSummary, Type.Object({ qualificationId: Type.String() })]);
export type DocumentUploaded = Static<typeof DocumentUploaded>;
/** A document's bytes, in the type it was stored with. */
export const DocumentFile = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });
export const DocumentRemoved = Type.Object({ removed: Type.Boolean() });

// ---- frameworks ----

export const FrameworkList = Type.Object({ frameworks: Type.Array(Framework) });
export type FrameworkList = Static<typeof FrameworkList>;
export const FrameworkImportBody = Type.Object({ csv: Type.String({ minLength: 1, maxLength: 5_000_000 }) }, NoMore);
export const FrameworkImported = Type.Object({
  frameworks: Type.Array(Type.Object({ code: Type.String(), levels: Type.Integer() })),
});

// ---- cases ----

export const QueueItem = Type.Object({
  case: CaseView,
  /** For a case referred to your organisation: the organisation that referred it. */
  referredFrom: Type.Union([Type.String(), Type.Null()]),
  displayName: Type.String(),
  originalTitle: Type.String(),
  country: Type.String(),
  documents: Type.Integer(),
});
export type QueueItem = Static<typeof QueueItem>;
export const Queue = Type.Object({ items: Type.Array(QueueItem) });
export type Queue = Static<typeof Queue>;

export const CaseDetail = Type.Object({
  case: CaseView,
  qualification: Qualification,
  displayName: Type.String(),
  events: Type.Array(CaseEvent),
  assessments: Type.Array(RplAssessment),
});
export type CaseDetail = Static<typeof CaseDetail>;

export const CaseRequestBody = Type.Omit(CaseRequestInput, ['qualificationId'], NoMore);
export type CaseRequestBody = Static<typeof CaseRequestBody>;
export const ReferBody = Type.Omit(ReferInput, ['caseId'], NoMore);
export type ReferBody = Static<typeof ReferBody>;
export const AssessBody = Type.Omit(AssessInput, ['caseId'], NoMore);
export type AssessBody = Static<typeof AssessBody>;
export const DecideBody = Type.Omit(DecideInput, ['caseId'], NoMore);
export type DecideBody = Static<typeof DecideBody>;
export const ReopenBody = Type.Object(
  { version: Version, reason: Type.String({ minLength: 1, maxLength: 2000 }) },
  NoMore,
);
export type ReopenBody = Static<typeof ReopenBody>;
export const AppealBody = Type.Object(
  { version: Version, reason: Type.String({ minLength: 1, maxLength: 4000 }) },
  NoMore,
);
export type AppealBody = Static<typeof AppealBody>;

// ---- RPL ----

export const RplStartBody = Type.Omit(RplStartInput, ['migrantId'], NoMore);
export type RplStartBody = Static<typeof RplStartBody>;
export const RplRecordBody = Type.Omit(RplRecordInput, ['assessmentId'], NoMore);
export type RplRecordBody = Static<typeof RplRecordBody>;
export const RplCompleteBody = Type.Object({ version: Version }, NoMore);
export type RplCompleteBody = Static<typeof RplCompleteBody>;
