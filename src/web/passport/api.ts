// The passport API as the screens use it. Types are the server's contract (src/recognition/passport/model.ts),
// imported type-only: nothing of the server reaches the bundle.
import type { Static } from '@sinclair/typebox';
import type {
  Disclosure as DisclosureSchema,
  PassportSummary,
  Share,
  VerificationReport,
} from '../../recognition/index.js';
import { request } from '../api.js';

export type { PassportSummary, Share };
/** What a derived passport shows of the person. */
export type Disclosure = Static<typeof DisclosureSchema>;
/** A verifier's report on a credential. */
export type Report = Static<typeof VerificationReport>;
export type Check = Report['checks']['signature'];

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
