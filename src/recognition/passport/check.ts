// Verifying a credential someone hands in (the public verifier and other systems' POST /credentials/verify): size
// and shape first, with the request's field names; then the proof, trust, dates and revocation against this
// instance's trust list and status lists; then, if asked, ESCO labels in the reader's language.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Services } from '../../kernel/capability.js';
import { DomainError, tooLarge } from '../../kernel/errors.js';
import type { Config } from '../../shared/config.js';
import type { FieldCipher } from '../../shared/crypto.js';
import { conceptLabels } from './content.js';
import type { Credential } from './credential.js';
import { loadTrust, ownOriginals, ownStatusLists } from './store.js';
import { MAX_CREDENTIAL_BYTES, checkShape, verifyCredential, type VerificationReport } from './verify.js';

export interface SubmittedReport extends VerificationReport {
  /** ESCO labels by URI for the credential's occupations and skills, only for reading (the signed names stay). */
  labels?: { lang: string; labels: Record<string, string> };
}

/** Verifies `submitted` (the body's `verifiableCredential`); errors name `verifiableCredential…` paths. */
export async function verifySubmitted(
  ctx: { db: Kysely<Database>; cipher: FieldCipher; config: Config; services: Services },
  submitted: unknown,
  lang?: string,
): Promise<SubmittedReport> {
  if (JSON.stringify(submitted).length > MAX_CREDENTIAL_BYTES) {
    throw tooLarge(
      `A credential is at most ${MAX_CREDENTIAL_BYTES / 1024} KB`,
      'verifiableCredential',
      'credential_too_large',
    );
  }
  let credential: Credential;
  try {
    credential = checkShape(submitted);
  } catch (err) {
    throw rebase(err);
  }
  const report = await verifyCredential(credential, {
    trust: await loadTrust(ctx.db),
    statusList: ownStatusLists(ctx.db, ctx.cipher, ctx.config),
    original: ownOriginals(ctx.db, ctx.cipher),
  }).catch((err) => {
    throw rebase(err);
  });
  if (!lang) return report;
  const { lang: used, label } = await conceptLabels(ctx.db, ctx.services, lang);
  const labels: Record<string, string> = {};
  for (const uri of conceptUris(credential)) {
    const text = label(uri);
    if (text) labels[uri] = text;
  }
  return { ...report, labels: { lang: used, labels } };
}

/** The ESCO URIs a credential's subject names (occupations and skills), at most 500. */
function conceptUris(credential: Credential): string[] {
  const subject = (credential.credentialSubject ?? {}) as { occupations?: unknown; skills?: unknown };
  const uris = [
    ...(Array.isArray(subject.occupations) ? subject.occupations : []),
    ...(Array.isArray(subject.skills) ? subject.skills.map((s) => (s as { skill?: unknown } | null)?.skill) : []),
  ];
  return [...new Set(uris.filter((u): u is string => typeof u === 'string' && u.length <= 200))].slice(0, 500);
}

/** A shape error at `credential…` named as the request's `verifiableCredential…`. */
function rebase(err: unknown): unknown {
  if (err instanceof DomainError && err.path?.startsWith('credential')) {
    return new DomainError(
      err.kind,
      err.code,
      err.message,
      `verifiableCredential${err.path.slice('credential'.length)}`,
    );
  }
  return err;
}
