// User-facing errors. Domain code throws these; the HTTP shell maps them to `{ error: { code, message, path? } }`
// and the CLI prints the message on one line. Anything else is treated as an internal fault.

export class CorridorError extends Error {
  override readonly name = 'CorridorError';
  constructor(
    /** HTTP status this maps to (4xx for the caller's fault). */
    readonly status: number,
    /** Stable machine-readable code, e.g. `validation`, `not_found`. */
    readonly code: string,
    message: string,
    /** Failing field, dotted from the request part: `body.email`, `params.migrantId`. */
    readonly path?: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, path?: string, code = 'validation') =>
  new CorridorError(400, code, message, path);
export const unauthorized = (message = 'Sign-in required', code = 'unauthenticated') =>
  new CorridorError(401, code, message);
export const forbidden = (message = 'Not allowed for your role', code = 'forbidden') =>
  new CorridorError(403, code, message);
export const notFound = (message = 'Not found', path?: string) => new CorridorError(404, 'not_found', message, path);
export const conflict = (message: string, path?: string, code = 'conflict') =>
  new CorridorError(409, code, message, path);
/** An update carrying an old `version`: someone saved the record first (optimistic concurrency). */
export const staleVersion = (noun: string) =>
  conflict(`The ${noun} was changed meanwhile; reload it and apply your change again`, 'body.version', 'stale_version');
export const tooManyRequests = (message: string, code = 'too_many_requests') => new CorridorError(429, code, message);
export const serviceUnavailable = (message: string, code = 'unavailable') => new CorridorError(503, code, message);

export function isCorridorError(err: unknown): err is CorridorError {
  return err instanceof CorridorError;
}
