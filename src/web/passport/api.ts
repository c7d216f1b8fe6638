// The passport API as the screens use it.
import { request } from '../api.js';

export interface Disclosure {
  name: boolean;
  originCountry: boolean;
  birthYear: boolean;
}
export interface PassportSummary {
  id: string;
  migrantId: string;
  derivedFrom: string | null;
  disclosure: Disclosure;
  issuer: string;
  issuedAt: string;
  validUntil: string;
  revokedAt: string | null;
  skillCount: number;
}
export interface Share {
  id: string;
  passportId: string;
  createdAt: string;
  expiresAt: string;
  stoppedAt: string | null;
  url?: string;
}
export interface Check {
  state: 'ok' | 'failed' | 'unknown';
  code: string;
  message: string;
}
export interface Report {
  valid: boolean;
  credentialId: string | null;
  issuer: { id: string | null; name: string | null; trustedAs: string | null };
  proof: { verificationMethod: string | null };
  checks: { signature: Check; issuer: Check; validity: Check; status: Check };
  altered: string[];
  validUntil: string | null;
  /** ESCO labels of the credential's concepts in the asked language (or English where ESCO lacks it). */
  labels?: { lang: string; labels: Record<string, string> };
}

/** The reader's language as the passport API takes it (en, es, fr or ar). */
export const readerLang = (lang: string): string =>
  (['en', 'es', 'fr', 'ar'] as const).find((l) => lang === l || lang.startsWith(`${l}-`)) ?? 'en';

export const passportApi = {
  list: (migrantId: string, signal?: AbortSignal) =>
    request<PassportSummary[]>('GET', `/migrants/${migrantId}/passports`, { signal }),
  issue: (migrantId: string) => request<PassportSummary>('POST', '/passports', { body: { migrantId } }),
  revoke: (id: string, reason: string) =>
    request<{ revoked: number }>('POST', `/passports/${id}/revoke`, { body: { reason } }),
  derive: (id: string, disclosure: Disclosure) =>
    request<PassportSummary>('POST', `/passports/${id}/derive`, { body: { disclosure } }),
  shares: (id: string, signal?: AbortSignal) => request<Share[]>('GET', `/passports/${id}/shares`, { signal }),
  share: (id: string, days: number) => request<Share>('POST', `/passports/${id}/shares`, { body: { days } }),
  stop: (shareId: string) => request<{ stopped: boolean }>('POST', `/passport-shares/${shareId}/stop`, { body: {} }),
  shared: (token: string) =>
    request<Record<string, unknown>>('GET', `/credentials/shared/${encodeURIComponent(token)}`),
  verify: (verifiableCredential: unknown, lang: string) =>
    request<Report>('POST', `/credentials/verify?lang=${readerLang(lang)}`, { body: { verifiableCredential } }),
  jsonUrl: (id: string) => `/api/v1/passports/${id}/credential.json`,
  pdfUrl: (id: string, lang: string) => `/api/v1/passports/${id}/passport.pdf?lang=${readerLang(lang)}`,
};
