// Verifying a passport (or any VC 2.0 credential signed with eddsa-rdfc-2022): the shape first (refused as bad
// input), then the proof, the issuer against the trust list, the validity dates and the revocation status. Each
// check says why. Used by the public page, the API, the CLI (offline) and the import into a profile.
import { createHash } from 'node:crypto';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { decodeList } from '@digitalbazaar/vc-bitstring-status-list';
import { invalid, tooLarge } from '../../kernel/errors.js';
import { CONTEXTS, RefusedDocument, VC_V2, documentLoader, type KnownKey } from './contexts.js';
import type { Credential } from './credential.js';

/** A passport is a few kilobytes; anything near this is not one. */
export const MAX_CREDENTIAL_BYTES = 256 * 1024;

/** Who the verifier trusts: a key (verification method) belongs to a named issuer. */
export interface TrustedKey extends KnownKey {
  name: string;
  /** 'own': an organisation of this instance; otherwise where the trust came from (the list's signer). */
  source: string;
  /** The organisation (own keys): status lists of the same organisation may be signed by its newer key. */
  organisationId?: string;
}

export interface TrustList {
  byMethod(verificationMethod: string): TrustedKey | null;
  keysOf(did: string): readonly KnownKey[];
}

export function trustListOf(keys: readonly TrustedKey[]): TrustList {
  const byMethod = new Map(keys.map((k) => [k.id, k]));
  return {
    byMethod: (vm) => byMethod.get(vm) ?? null,
    keysOf: (did) => keys.filter((k) => k.controller === did),
  };
}

export interface CachedStatusList {
  credential: Credential;
  /** When this copy was fetched or published (how old the verifier's knowledge is). */
  fetchedAt: Date;
}

export type CheckState = 'ok' | 'failed' | 'unknown';
export interface Check {
  state: CheckState;
  code: string;
  message: string;
}

export interface VerificationReport {
  valid: boolean;
  credentialId: string | null;
  issuer: { id: string | null; name: string | null; trustedAs: string | null };
  proof: { verificationMethod: string | null; cryptosuite: string | null; created: string | null };
  checks: { signature: Check; issuer: Check; validity: Check; status: Check };
  /** Paths that differ from the copy this instance issued (only when it has one). */
  altered: string[];
  validFrom: string | null;
  validUntil: string | null;
  /** Age of the status list used, in seconds (null: no list was available). */
  statusListAgeSeconds: number | null;
}

export interface VerifyOptions {
  trust: TrustList;
  /** The status list credential for a URL, or null when the verifier has none cached (offline). */
  statusList?: (url: string) => Promise<CachedStatusList | null> | CachedStatusList | null;
  now?: Date;
  /** The credential as this instance issued it, if it did: the report then names altered fields. */
  original?: (credentialId: string) => Promise<Credential | null>;
}

/** Parses text into a credential, refusing what cannot be one before any JSON-LD work (clear 4xx). */
export function parseCredential(text: string): Credential {
  if (Buffer.byteLength(text, 'utf8') > MAX_CREDENTIAL_BYTES) {
    throw tooLarge(`A credential is at most ${MAX_CREDENTIAL_BYTES / 1024} KB`, 'credential', 'credential_too_large');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid('Not JSON: the file or text is not a credential', 'credential', 'malformed_json');
  }
  return checkShape(value);
}

/** The shape every verifiable credential here must have; throws `invalid` with a code and a path. */
export function checkShape(value: unknown): Credential {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid('A credential is a JSON object', 'credential', 'malformed_jsonld');
  }
  const c = value as Credential;
  const ctx = c['@context'];
  if (!Array.isArray(ctx) || ctx[0] !== VC_V2) {
    throw invalid(`@context must be a list starting with ${VC_V2}`, 'credential.@context', 'malformed_jsonld');
  }
  ctx.forEach((entry, i) => {
    if (typeof entry !== 'string') {
      throw invalid('Only bundled contexts are accepted, by URL', `credential.@context.${i}`, 'unknown_context');
    }
    if (!CONTEXTS.has(entry)) {
      throw invalid(`Unknown context ${entry.slice(0, 200)}`, `credential.@context.${i}`, 'unknown_context');
    }
  });
  const type = c.type;
  if (!Array.isArray(type) || !type.includes('VerifiableCredential')) {
    throw invalid('type must list VerifiableCredential', 'credential.type', 'malformed_jsonld');
  }
  const proof = c.proof;
  if (typeof proof !== 'object' || proof === null || Array.isArray(proof)) {
    throw invalid('The credential has no proof (one Data Integrity proof)', 'credential.proof', 'missing_proof');
  }
  if (proof.type !== 'DataIntegrityProof' || proof.cryptosuite !== 'eddsa-rdfc-2022') {
    throw invalid(
      `Proof type ${String(proof.type)}/${String(proof.cryptosuite)} is not accepted: DataIntegrityProof with eddsa-rdfc-2022 only`,
      'credential.proof.type',
      'wrong_proof_type',
    );
  }
  if (typeof proof.verificationMethod !== 'string' || typeof proof.proofValue !== 'string') {
    throw invalid('The proof names no verification method or value', 'credential.proof', 'malformed_jsonld');
  }
  const issuer = issuerOf(c);
  if (!issuer.id) throw invalid('The credential names no issuer', 'credential.issuer', 'malformed_jsonld');
  return c;
}

function issuerOf(c: Credential): { id: string | null; name: string | null } {
  const issuer = c.issuer;
  if (typeof issuer === 'string') return { id: issuer, name: null };
  if (issuer && typeof issuer === 'object') {
    const i = issuer as Record<string, unknown>;
    return { id: typeof i.id === 'string' ? i.id : null, name: typeof i.name === 'string' ? i.name : null };
  }
  return { id: null, name: null };
}

const ok = (code: string, message: string): Check => ({ state: 'ok', code, message });
const failed = (code: string, message: string): Check => ({ state: 'failed', code, message });
const unknown = (code: string, message: string): Check => ({ state: 'unknown', code, message });

/** Checks the proof alone (dates set aside: they are judged separately, so an expired passport still says "signed"). */
async function checkProof(credential: Credential, trust: TrustList): Promise<Check> {
  const proof = credential.proof as Record<string, unknown>;
  const name = `proof ${String(proof.verificationMethod)} (eddsa-rdfc-2022${proof.created ? `, created ${String(proof.created)}` : ''})`;
  const validFrom = typeof credential.validFrom === 'string' ? new Date(credential.validFrom) : null;
  try {
    const result = await vc.verifyCredential({
      credential,
      suite: new DataIntegrityProof({ cryptosuite }),
      documentLoader: documentLoader((did) => trust.keysOf(did)),
      // Revocation is judged by checkStatus below, with the list's age in the answer.
      checkStatus: async () => ({ verified: true }),
      ...(validFrom && !Number.isNaN(validFrom.getTime()) ? { now: validFrom } : {}),
    });
    if (result.verified) return ok('signature_valid', `The ${name} matches the content`);
    const error = firstError(result);
    if (error instanceof RefusedDocument || /Refused to load/.test(String(error?.message))) {
      return unknown(
        'issuer_key_unknown',
        `The key of the ${name} cannot be resolved offline: ${String(error?.message)}`,
      );
    }
    if (/Invalid signature/i.test(String(error?.message))) {
      return failed(
        'signature_invalid',
        `The ${name} does not match the content: a field was changed after signing, or it was signed by another key`,
      );
    }
    if (/safe mode|Invalid JSON-LD|jsonld/i.test(String(error?.message))) {
      throw invalid(`The credential is not valid JSON-LD: ${String(error?.message)}`, 'credential', 'malformed_jsonld');
    }
    return failed('signature_invalid', `The ${name} could not be verified: ${String(error?.message ?? 'unknown')}`);
  } catch (err) {
    if (err instanceof RefusedDocument) {
      return unknown('issuer_key_unknown', `The key of the ${name} cannot be resolved offline`);
    }
    if (err instanceof Error && err.name === 'DomainError') throw err;
    throw invalid(
      `The credential is not valid JSON-LD: ${err instanceof Error ? err.message : String(err)}`,
      'credential',
      'malformed_jsonld',
    );
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function firstError(result: any): Error | undefined {
  const fromResults = result?.results?.find((r: { verified: boolean }) => !r.verified)?.error;
  const e = fromResults ?? result?.error;
  if (e?.errors?.length) return e.errors[0];
  return e;
}

function checkIssuer(credential: Credential, trust: TrustList): { check: Check; trusted: TrustedKey | null } {
  const vm = String((credential.proof as Record<string, unknown>).verificationMethod);
  const { id, name } = issuerOf(credential);
  const key = trust.byMethod(vm);
  if (!key) {
    return {
      check: failed('issuer_untrusted', `The issuer ${id} (key ${vm}) is not on this verifier's trust list`),
      trusted: null,
    };
  }
  if (key.controller !== id) {
    return {
      check: failed('issuer_mismatch', `The key ${vm} belongs to ${key.controller}, not to ${id}`),
      trusted: null,
    };
  }
  if (name !== null && name !== key.name) {
    return {
      check: failed(
        'issuer_name_mismatch',
        `The trust list knows this key as "${key.name}", the credential says "${name}"`,
      ),
      trusted: null,
    };
  }
  const from = key.source === 'own' ? 'an organisation of this instance' : `imported from ${key.source}`;
  return { check: ok('issuer_trusted', `Issued by ${key.name} (${from})`), trusted: key };
}

function checkDates(credential: Credential, now: Date): Check {
  const from = typeof credential.validFrom === 'string' ? new Date(credential.validFrom) : null;
  const until = typeof credential.validUntil === 'string' ? new Date(credential.validUntil) : null;
  if (from && Number.isNaN(from.getTime())) return failed('bad_date', 'validFrom is not a date');
  if (until && Number.isNaN(until.getTime())) return failed('bad_date', 'validUntil is not a date');
  if (from && from.getTime() > now.getTime() + 300_000) {
    return failed('not_yet_valid', `Valid only from ${credential.validFrom as string}`);
  }
  if (until && until.getTime() < now.getTime()) {
    return failed('expired', `Expired on ${credential.validUntil as string}`);
  }
  return ok('in_validity', until ? `Valid until ${credential.validUntil as string}` : 'No expiry date');
}

async function checkStatus(
  credential: Credential,
  trust: TrustList,
  signer: TrustedKey | null,
  options: VerifyOptions,
  now: Date,
): Promise<{ check: Check; ageSeconds: number | null }> {
  const entry = credential.credentialStatus as Record<string, unknown> | undefined;
  if (!entry) return { check: ok('no_status', 'The credential has no revocation entry'), ageSeconds: null };
  if (entry.type !== 'BitstringStatusListEntry' || entry.statusPurpose !== 'revocation') {
    return {
      check: unknown('status_unsupported', `Status of type ${String(entry.type)} is not checked`),
      ageSeconds: null,
    };
  }
  const url = String(entry.statusListCredential);
  const index = Number(entry.statusListIndex);
  if (!Number.isInteger(index) || index < 0) {
    return { check: failed('status_bad_index', 'statusListIndex is not a whole number'), ageSeconds: null };
  }
  const cached = options.statusList ? await options.statusList(url) : null;
  if (!cached) {
    return {
      check: unknown('status_unavailable', `No copy of the status list ${url}: revocation could not be checked`),
      ageSeconds: null,
    };
  }
  const list = cached.credential;
  const listProof = await checkListProof(list, trust);
  if (listProof.state !== 'ok') {
    return { check: failed('status_list_invalid', `The status list ${url} is not validly signed`), ageSeconds: null };
  }
  // The list must come from the passport's issuer: the same DID, or (own keys after rotation) the same organisation.
  const listVm = String((list.proof as Record<string, unknown>).verificationMethod);
  const listKey = trust.byMethod(listVm);
  const sameIssuer =
    issuerOf(list).id === issuerOf(credential).id ||
    (signer?.organisationId !== undefined && listKey?.organisationId === signer.organisationId);
  if (!sameIssuer) {
    return {
      check: failed('status_list_foreign', `The status list ${url} was not issued by the passport's issuer`),
      ageSeconds: null,
    };
  }
  const subject = list.credentialSubject as Record<string, unknown> | undefined;
  const ageSeconds = Math.max(0, Math.round((now.getTime() - cached.fetchedAt.getTime()) / 1000));
  try {
    const bits = await decodedList(String(subject?.encodedList));
    if (index >= bits.length)
      return { check: failed('status_bad_index', 'statusListIndex is past the list'), ageSeconds };
    const age = describeAge(ageSeconds);
    if (bits.getStatus(index)) {
      return { check: failed('revoked', `Revoked by the issuer (status list as of ${age} ago)`), ageSeconds };
    }
    return { check: ok('not_revoked', `Not revoked (status list as of ${age} ago)`), ageSeconds };
  } catch {
    return { check: failed('status_list_invalid', `The status list ${url} cannot be decoded`), ageSeconds };
  }
}

// A verifier checks the same few status lists over and over: remember the ones whose proof held, by the hash of
// the whole document (a changed list hashes differently; a forged one never gets in), and their decoded bits.
const verifiedLists = new Map<string, Check>();
const decodedLists = new Map<string, Awaited<ReturnType<typeof decodeList>>>();

/** The list's bits, inflated once per distinct encoded list (a pure function of the string). */
async function decodedList(encoded: string) {
  let bits = decodedLists.get(encoded);
  if (!bits) {
    bits = await decodeList({ encodedList: encoded });
    if (decodedLists.size >= 32) decodedLists.clear();
    decodedLists.set(encoded, bits);
  }
  return bits;
}

async function checkListProof(list: Credential, trust: TrustList): Promise<Check> {
  // Keyed by the whole document's hash and the trusted key: the same bytes verified by the same key hold again.
  const vm = String((list.proof as Record<string, unknown> | undefined)?.verificationMethod);
  const id = `${createHash('sha256').update(JSON.stringify(list)).digest('base64url')}|${vm}|${trust.byMethod(vm)?.publicKeyMultibase ?? ''}`;
  const known = verifiedLists.get(id);
  if (known) return known;
  const check = await checkProof(list, trust).catch(() => failed('signature_invalid', 'malformed'));
  if (check.state === 'ok') {
    if (verifiedLists.size > 100) verifiedLists.clear();
    verifiedLists.set(id, check);
  }
  return check;
}

export function describeAge(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}

/** Full verification. Throws `invalid` for what is not a credential at all; otherwise reports each check. */
export async function verifyCredential(input: unknown, options: VerifyOptions): Promise<VerificationReport> {
  const credential = checkShape(input);
  const now = options.now ?? new Date();
  const signature = await checkProof(credential, options.trust);
  const issuer = checkIssuer(credential, options.trust);
  const validity = checkDates(credential, now);
  const status = await checkStatus(credential, options.trust, issuer.trusted, options, now);
  const id = typeof credential.id === 'string' ? credential.id : null;
  let altered: string[] = [];
  if (signature.state === 'failed' && id && options.original) {
    const original = await options.original(id);
    if (original) altered = differences(original, credential);
    if (altered.length > 0) {
      signature.message += `. Changed since issue: ${altered.join(', ')}`;
    }
  }
  const proof = credential.proof as Record<string, unknown>;
  const { id: issuerId, name } = issuerOf(credential);
  return {
    valid: [signature, issuer.check, validity, status.check].every((c) => c.state === 'ok'),
    credentialId: id,
    issuer: { id: issuerId, name, trustedAs: issuer.trusted?.name ?? null },
    proof: {
      verificationMethod: String(proof.verificationMethod),
      cryptosuite: String(proof.cryptosuite),
      created: typeof proof.created === 'string' ? proof.created : null,
    },
    checks: { signature, issuer: issuer.check, validity, status: status.check },
    altered,
    validFrom: typeof credential.validFrom === 'string' ? credential.validFrom : null,
    validUntil: typeof credential.validUntil === 'string' ? credential.validUntil : null,
    statusListAgeSeconds: status.ageSeconds,
  };
}

/** JSON paths (dotted) where two documents differ, the proof aside. */
export function differences(a: unknown, b: unknown, path = ''): string[] {
  if (path === 'proof') return [];
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || a === null || b === null) {
    return a === b ? [] : [path || '(document)'];
  }
  if (typeof a !== 'object') return a === b ? [] : [path || '(document)'];
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  const keys = [...new Set([...ka, ...kb])];
  return keys.flatMap((k) =>
    differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k),
  );
}
