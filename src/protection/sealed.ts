// The one place protection's confidential content is encrypted: vulnerability screenings (answers, notes, the
// advisor's judgement, the alerts raised) and the reports a person sends their advisor. Each value is sealed under
// the person's own key (src/kernel/person-keys.ts), so erasing the person destroys every copy — old row versions,
// WAL, backups — at once (crypto-shredding), and bound to its row (the cipher's context), so a copy moved to
// another row does not decrypt. Values sealed before per-person keys (under the instance key) still open.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { findPersonCipher, personCipher, personCiphers } from '../kernel/person-keys.js';
import type { FieldCipher } from '../shared/crypto.js';
import type { Alert, Answer, Factor, Level } from './screening.js';

type Db = Kysely<Database>;

export interface SealedScreening {
  answers: { question: string; level: Level; answer: Answer; factor: Factor; note: string | null }[];
  judgement: string | null;
  alerts: Alert[];
}

const screeningContext = (id: string) => `protection.screening:${id}`;
const reportContext = (id: string) => `protection.report:${id}`;

/** Whose key seals a value: the person the screening or report is about. */
export interface Sealer {
  db: Db;
  cipher: FieldCipher;
  migrantId: string;
  organisationId: string;
}

export async function sealScreening(s: Sealer, id: string, screening: SealedScreening): Promise<string> {
  const key = await personCipher(s.db, s.cipher, s.migrantId, s.organisationId);
  return key.encryptJson(screening, screeningContext(id));
}

export async function sealReport(s: Sealer, id: string, text: string): Promise<string> {
  const key = await personCipher(s.db, s.cipher, s.migrantId, s.organisationId);
  return key.encrypt(text, reportContext(id));
}

/** Opens values of the given people: their keys read in one query. */
export class Opener {
  private constructor(
    private readonly instance: FieldCipher,
    private readonly keys: Map<string, FieldCipher>,
  ) {}

  static async of(db: Db, cipher: FieldCipher, migrantIds: readonly string[]): Promise<Opener> {
    if (migrantIds.length === 1) {
      const one = await findPersonCipher(db, cipher, migrantIds[0]!);
      return new Opener(cipher, new Map(one ? [[migrantIds[0]!, one]] : []));
    }
    return new Opener(cipher, await personCiphers(db, cipher, migrantIds));
  }

  private open<T>(migrantId: string, read: (c: FieldCipher) => T): T {
    const key = this.keys.get(migrantId);
    if (key) {
      try {
        return read(key);
      } catch {
        // Sealed before this person had a key: under the instance key.
      }
    }
    return read(this.instance);
  }

  screening(migrantId: string, id: string, sealed: string): SealedScreening {
    return this.open(migrantId, (c) => c.decryptJson<SealedScreening>(sealed, screeningContext(id)));
  }

  report(migrantId: string, id: string, sealed: string): string {
    return this.open(migrantId, (c) => c.decrypt(sealed, reportContext(id)));
  }
}
