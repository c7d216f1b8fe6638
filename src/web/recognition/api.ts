// The recognition API as the web app calls it. Types are the server's contract (src/recognition/contract.ts),
// imported type-only: nothing of the server reaches the bundle.
import type { Static } from '@sinclair/typebox';
import type { MeView, OrganisationList } from '../../identity/index.js';
import type {
  AppealBody,
  AssessBody,
  AssessedSkillsAnswer,
  CaseDetail,
  CaseRequestBody,
  DecideBody,
  DocumentBody,
  DocumentUploaded,
  FrameworkList,
  PersonRecognition,
  Qualification,
  QualificationBody,
  Queue,
  RecognitionCase,
  ReferBody,
  ReopenBody,
  RplAssessment,
  RplRecordBody,
} from '../../recognition/index.js';
import { encodeQuery, request } from '../api.js';

export type {
  CaseDetail,
  DocumentSummary,
  Framework,
  PersonRecognition,
  QueueItem,
  Qualification,
  RecognitionCase,
  RplAssessment,
  SkillProvenance,
} from '../../recognition/index.js';
/** Where a case was referred (an assessing organisation on this instance), and whether the consent holds. */
export type { ReferralView as Referral } from '../../recognition/index.js';
export type { DecideBody, DocumentBody };
/** One skill of an RPL checklist as the assessor records it. */
export type RplSkillBody = RplRecordBody['skills'][number];

export const recognitionApi = {
  person: (migrantId: string, signal?: AbortSignal) =>
    request<PersonRecognition>('GET', `/migrants/${migrantId}/recognition`, { signal }),
  assessedSkills: (migrantId: string, signal?: AbortSignal) =>
    request<AssessedSkillsAnswer>('GET', `/migrants/${migrantId}/assessed-skills`, { signal }),
  frameworks: (signal?: AbortSignal) => request<FrameworkList>('GET', '/recognition/frameworks', { signal }),
  addQualification: (migrantId: string, body: QualificationBody) =>
    request<Qualification>('POST', `/migrants/${migrantId}/qualifications`, { body }),
  upload: (qualificationId: string, body: DocumentBody) =>
    request<DocumentUploaded>('POST', `/recognition/qualifications/${qualificationId}/documents`, { body }),
  request: (qualificationId: string, body: CaseRequestBody) =>
    request<RecognitionCase>('POST', `/recognition/qualifications/${qualificationId}/cases`, { body }),
  queue: (status: string | undefined, signal?: AbortSignal) =>
    request<Queue>('GET', `/recognition/cases${encodeQuery({ status })}`, { signal }),
  refer: (caseId: string, body: ReferBody) =>
    request<RecognitionCase>('POST', `/recognition/cases/${caseId}/referral`, { body }),
  withdrawReferral: (caseId: string) =>
    request<RecognitionCase>('POST', `/recognition/cases/${caseId}/referral/withdraw`),
  /** The organisations on this instance (names and types are not confidential). */
  organisations: (signal?: AbortSignal) =>
    request<Static<typeof OrganisationList>>('GET', '/organisations', { signal }),
  me: (signal?: AbortSignal) => request<MeView>('GET', '/me', { signal }),
  caseDetail: (caseId: string, signal?: AbortSignal) =>
    request<CaseDetail>('GET', `/recognition/cases/${caseId}`, { signal }),
  assess: (caseId: string, body: AssessBody) =>
    request<RecognitionCase>('POST', `/recognition/cases/${caseId}/assessment`, { body }),
  decide: (caseId: string, body: DecideBody) =>
    request<RecognitionCase>('POST', `/recognition/cases/${caseId}/decision`, { body }),
  reopen: (caseId: string, version: number, reason: string) =>
    request<RecognitionCase>('POST', `/recognition/cases/${caseId}/reopen`, {
      body: { version, reason } satisfies ReopenBody,
    }),
  appeal: (caseId: string, version: number, reason: string) =>
    request<RecognitionCase>('POST', `/recognition/cases/${caseId}/appeal`, {
      body: { version, reason } satisfies AppealBody,
    }),
  startRpl: (migrantId: string, occupationUri: string, caseId: string | null) =>
    request<RplAssessment>('POST', `/migrants/${migrantId}/rpl-assessments`, { body: { occupationUri, caseId } }),
  recordRpl: (assessmentId: string, version: number, skills: RplSkillBody[]) =>
    request<RplAssessment>('POST', `/recognition/rpl-assessments/${assessmentId}/skills`, {
      body: {
        version,
        skills: skills.map((s) => ({ skillUri: s.skillUri, method: s.method, result: s.result, note: s.note })),
      } satisfies RplRecordBody,
    }),
  completeRpl: (assessmentId: string, version: number) =>
    request<RplAssessment>('POST', `/recognition/rpl-assessments/${assessmentId}/complete`, { body: { version } }),
  documentUrl: (documentId: string) => `/api/v1/recognition/documents/${documentId}`,
};

/** A file as base64 (without the data: prefix). */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}
