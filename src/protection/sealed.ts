// The one place protection's confidential content is encrypted: vulnerability screenings (answers, notes, the
// advisor's judgement, the alerts raised) and the reports a person sends their advisor. Each value is bound to its
// row (the cipher's context), so a copy moved to another row does not decrypt. When per-person keys arrive
// (crypto-shredding, issue #11), only this file changes.
import type { FieldCipher } from '../shared/crypto.js';
import type { Alert, Answer, Factor, Level } from './screening.js';

export interface SealedScreening {
  answers: { question: string; level: Level; answer: Answer; factor: Factor; note: string | null }[];
  judgement: string | null;
  alerts: Alert[];
}

const screeningContext = (id: string) => `protection.screening:${id}`;
const reportContext = (id: string) => `protection.report:${id}`;

export function sealScreening(cipher: FieldCipher, id: string, screening: SealedScreening): string {
  return cipher.encryptJson(screening, screeningContext(id));
}

export function openScreening(cipher: FieldCipher, id: string, sealed: string): SealedScreening {
  return cipher.decryptJson<SealedScreening>(sealed, screeningContext(id));
}

export function sealReport(cipher: FieldCipher, id: string, text: string): string {
  return cipher.encrypt(text, reportContext(id));
}

export function openReport(cipher: FieldCipher, id: string, sealed: string): string {
  return cipher.decrypt(sealed, reportContext(id));
}
