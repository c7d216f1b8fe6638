// Domain errors: what went wrong in the domain's own terms — a kind, a stable code, a message and the failing field
// as a path into the command's input (`skills.3.uri`). The HTTP edge (src/server/errors.ts) maps the kind to a
// status and the path to the request part (`body.skills.3.uri`); the CLI prints the message on one line. Anything
// else thrown is an internal fault.

export const ERROR_KINDS = [
  /** The input breaks a rule: a field path says which part. */
  'invalid',
  /** No signed-in caller where one is needed. */
  'unauthenticated',
  /** The caller may not do this (and may know the record exists). */
  'forbidden',
  /** No such record — or one the caller may not know of. */
  'not_found',
  /** The record changed meanwhile, exists already, or is in a state that refuses this. */
  'conflict',
  /** The input is bigger than allowed. */
  'too_large',
  /** Too many attempts; try later. */
  'rate_limited',
  /** Something the command needs is not there now (no taxonomy loaded, the database cannot count). */
  'unavailable',
  /** Our fault: details belong in the log, never to the caller. */
  'internal',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly kind: ErrorKind,
    /** Stable machine-readable code, e.g. `validation`, `not_found`, `stale_version`. */
    readonly code: string,
    message: string,
    /**
     * The failing field, dotted, in the command's input terms (`skills.3.uri`, `vacancyId`). Paths that already
     * name a request part (`body.…`, `params.…`, `query.…`) are passed through by the HTTP edge.
     */
    readonly path?: string,
  ) {
    super(message);
  }
}

export const invalid = (message: string, path?: string, code = 'validation') =>
  new DomainError('invalid', code, message, path);
export const unauthenticated = (message = 'Sign-in required', code = 'unauthenticated') =>
  new DomainError('unauthenticated', code, message);
export const forbidden = (message = 'Not allowed for your role', code = 'forbidden') =>
  new DomainError('forbidden', code, message);
export const notFound = (message = 'Not found', path?: string) =>
  new DomainError('not_found', 'not_found', message, path);
export const conflict = (message: string, path?: string, code = 'conflict') =>
  new DomainError('conflict', code, message, path);
/** An update carrying an old `version`: someone saved the record first (optimistic concurrency). */
export const staleVersion = (noun: string) =>
  conflict(`The ${noun} was changed meanwhile; reload it and apply your change again`, 'version', 'stale_version');
export const tooLarge = (message: string, path?: string, code = 'too_large') =>
  new DomainError('too_large', code, message, path);
export const rateLimited = (message: string, code = 'too_many_requests') =>
  new DomainError('rate_limited', code, message);
export const unavailable = (message: string, code = 'unavailable') => new DomainError('unavailable', code, message);
export const internal = (message: string, code = 'internal') => new DomainError('internal', code, message);

export function isDomainError(err: unknown): err is DomainError {
  return err instanceof DomainError;
}

/** `skills.3.uri` under `prefix` (`body` → `body.skills.3.uri`); an empty path is the prefix itself. */
export function underPath(prefix: string, path: string | undefined): string {
  return path ? `${prefix}.${path}` : prefix;
}
