// The revocation list: a W3C Bitstring Status List, published as a signed BitstringStatusListCredential. One list
// per organisation; a passport holds a random free index in it (random, so a list's neighbours reveal nothing).
import { randomInt } from 'node:crypto';
import { BitstringStatusList } from '@digitalbazaar/vc-bitstring-status-list';
import { VC_V2, type KnownKey } from './contexts.js';
import { signCredential, type Credential, type SigningKey } from './credential.js';

/** 2^17 bits = 16 KB, the specification's minimum for group privacy. */
export const STATUS_LIST_LENGTH = 131_072;
/** How long a published list is cached by verifiers (and valid). */
export const STATUS_LIST_TTL_SECONDS = 300;

export function statusListUrl(publicUrl: string, organisationId: string): string {
  return `${publicUrl.replace(/\/$/, '')}/api/v1/credentials/status/${organisationId}`;
}

/** Builds and signs the list with the revoked indexes set. */
export async function publishStatusList(options: {
  url: string;
  issuerDid: string;
  key: SigningKey;
  keysOf?: (did: string) => readonly KnownKey[];
  revoked: Iterable<number>;
  length?: number;
  now?: Date;
}): Promise<Credential> {
  const list = new BitstringStatusList({ length: options.length ?? STATUS_LIST_LENGTH });
  for (const index of options.revoked) list.setStatus(index, true);
  const now = options.now ?? new Date();
  const credential: Credential = {
    '@context': [VC_V2],
    id: options.url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: options.issuerDid,
    validFrom: `${now.toISOString().slice(0, 19)}Z`,
    credentialSubject: {
      id: `${options.url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: await list.encode(),
      ttl: STATUS_LIST_TTL_SECONDS * 1000,
    },
  };
  return signCredential(credential, options.key, options.keysOf, now);
}

/** A free index: random, retried past used ones. */
export function pickIndex(used: ReadonlySet<number>, length = STATUS_LIST_LENGTH): number {
  if (used.size >= length) throw new Error('status list full');
  for (;;) {
    const i = randomInt(length);
    if (!used.has(i)) return i;
  }
}
