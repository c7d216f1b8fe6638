// The recognition API as the web app calls it: types mirror src/recognition/model.ts.
import { encodeQuery, request } from '../api.js';

export interface DocumentSummary {
  id: string;
  kind: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  createdAt: string;
}
export interface Qualification {
  id: string;
  migrantId: string;
  originalTitle: string;
  titleTranslation: string | null;
  translationLang: string | null;
  awardingBody: string;
  country: string;
  year: number | null;
  iscedField: string | null;
  nationalFramework: string | null;
  nationalLevel: string | null;
  referencedEqfLevel: number | null;
  status: string;
  eqfLevel: number | null;
  version: number;
  documents?: DocumentSummary[];
}
/** Where a case was referred (an assessing organisation on this instance), and whether the consent holds. */
export interface Referral {
  id: string;
  assessingOrganisationId: string;
  assessingOrganisationName: string;
  homeOrganisationName: string;
  status: string;
  note: string | null;
  referredAt: string;
  withdrawnAt: string | null;
  consentInForce: boolean;
}
export interface RecognitionCase {
  id: string;
  organisationId: string;
  migrantId: string;
  qualificationId: string;
  status: string;
  requestNote: string | null;
  destinationFramework: string;
  documentsChecked: boolean;
  documentsNote: string | null;
  interview: { topic: string; note: string }[];
  comparisonNote: string | null;
  outcome: string | null;
  eqfLevel: number | null;
  destinationLevel: string | null;
  comparableQualification: string | null;
  occupationUris: string[];
  missingSkills: string[];
  compensation: { offerId: string; title: string; covers: string[] }[];
  reasons: string[];
  decisionNote: string | null;
  decidedAt: string | null;
  appealReason: string | null;
  version: number;
  createdAt: string;
  referral?: Referral;
  decidedByOrganisationName?: string | null;
}
export interface RplAssessment {
  id: string;
  migrantId: string;
  occupationUri: string;
  caseId: string | null;
  assessorName: string;
  status: string;
  completedOn: string | null;
  version: number;
  skills: { skillUri: string; method: string | null; result: string; note: string | null }[];
}
export interface SkillProvenance {
  skillUri: string;
  evidence: 'assessed';
  assessmentId: string;
  occupationUri: string;
  assessorName: string;
  assessedOn: string;
  method: string;
}
export interface PersonRecognition {
  migrantId: string;
  displayName: string;
  qualifications: Qualification[];
  cases: RecognitionCase[];
  assessments: RplAssessment[];
  assessedSkills: SkillProvenance[];
}
export interface Framework {
  code: string;
  name: string;
  kind: string;
  country: string | null;
  example: boolean;
  levels: { level: string; title: string; eqfLevel: number | null }[];
}
export interface QueueItem {
  case: RecognitionCase;
  referredFrom: string | null;
  displayName: string;
  originalTitle: string;
  country: string;
  documents: number;
}
export interface CaseDetail {
  case: RecognitionCase;
  qualification: Qualification;
  displayName: string;
  events: { step: string; at: string }[];
  assessments: RplAssessment[];
}

export const recognitionApi = {
  person: (migrantId: string, signal?: AbortSignal) =>
    request<PersonRecognition>('GET', `/migrants/${migrantId}/recognition`, { signal }),
  assessedSkills: (migrantId: string, signal?: AbortSignal) =>
    request<{ skills: SkillProvenance[] }>('GET', `/migrants/${migrantId}/assessed-skills`, { signal }),
  frameworks: (signal?: AbortSignal) =>
    request<{ frameworks: Framework[] }>('GET', '/recognition/frameworks', { signal }),
  addQualification: (migrantId: string, body: Record<string, unknown>) =>
    request<Qualification>('POST', `/migrants/${migrantId}/qualifications`, { body }),
  upload: (
    qualificationId: string,
    body: { kind: string; fileName: string; mediaType: string; contentBase64: string },
  ) => request<DocumentSummary>('POST', `/recognition/qualifications/${qualificationId}/documents`, { body }),
  request: (qualificationId: string, body: { note?: string | null }) =>
    request<RecognitionCase>('POST', `/recognition/qualifications/${qualificationId}/cases`, { body }),
  queue: (status: string | undefined, signal?: AbortSignal) =>
    request<{ items: QueueItem[] }>('GET', `/recognition/cases${encodeQuery({ status })}`, { signal }),
  refer: (caseId: string, body: { organisationId: string; consent: true; note?: string }) =>
    request<RecognitionCase>('POST', `/recognition/cases/${caseId}/referral`, { body }),
  withdrawReferral: (caseId: string) =>
    request<RecognitionCase>('POST', `/recognition/cases/${caseId}/referral/withdraw`),
  /** The organisations on this instance (names and types are not confidential). */
  organisations: (signal?: AbortSignal) =>
    request<{ organisations: { id: string; name: string; type: string }[] }>('GET', '/organisations', { signal }),
  me: (signal?: AbortSignal) =>
    request<{ user: { role: string }; organisation: { id: string; name: string } }>('GET', '/me', { signal }),
  caseDetail: (caseId: string, signal?: AbortSignal) =>
    request<CaseDetail>('GET', `/recognition/cases/${caseId}`, { signal }),
  assess: (caseId: string, body: Record<string, unknown>) =>
    request<RecognitionCase>('POST', `/recognition/cases/${caseId}/assessment`, { body }),
  decide: (caseId: string, body: Record<string, unknown>) =>
    request<RecognitionCase>('POST', `/recognition/cases/${caseId}/decision`, { body }),
  reopen: (caseId: string, version: number, reason: string) =>
    request<RecognitionCase>('POST', `/recognition/cases/${caseId}/reopen`, { body: { version, reason } }),
  appeal: (caseId: string, version: number, reason: string) =>
    request<RecognitionCase>('POST', `/recognition/cases/${caseId}/appeal`, { body: { version, reason } }),
  startRpl: (migrantId: string, occupationUri: string, caseId: string | null) =>
    request<RplAssessment>('POST', `/migrants/${migrantId}/rpl-assessments`, { body: { occupationUri, caseId } }),
  recordRpl: (assessmentId: string, version: number, skills: RplAssessment['skills']) =>
    request<RplAssessment>('POST', `/recognition/rpl-assessments/${assessmentId}/skills`, {
      body: {
        version,
        skills: skills.map((s) => ({ skillUri: s.skillUri, method: s.method, result: s.result, note: s.note })),
      },
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
