// One error shape for every API failure: { error: { code, message, path? } }. Bad input is a 4xx naming the
// failing field; anything unexpected is a 500 with a reference id, logged, never a stack trace to the caller.
import { Type } from '@sinclair/typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, underPath, type ErrorKind } from '../kernel/errors.js';
import { errorMessage, errorPath } from '../kernel/validate.js';
import type { ErrorObject } from 'ajv';

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      path: Type.Optional(Type.String()),
    }),
  },
  { title: 'Error' },
);

/** The HTTP status of each domain error kind. */
export const STATUS_OF: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

const REQUEST_PARTS = /^(body|params|query|querystring|headers)(\.|$)/;

/**
 * A domain path (`skills.3.uri`, `vacancyId`) as a path into the request: a path param or query field by that name
 * when the route has one, else the body. Paths that already name a request part pass through; the query string is
 * always `querystring.…`, as the schemas and Fastify's validation name it.
 */
export function requestPath(request: FastifyRequest | undefined, path: string): string {
  if (REQUEST_PARTS.test(path)) return path.replace(/^query(?=\.|$)/, 'querystring');
  const schema = request?.routeOptions?.schema as
    { params?: { properties?: object }; querystring?: { properties?: object } } | undefined;
  const first = path.split('.')[0]!;
  if (schema?.params?.properties && first in schema.params.properties) return `params.${path}`;
  if (schema?.querystring?.properties && first in schema.querystring.properties) return `querystring.${path}`;
  return path ? `body.${path}` : 'body';
}

export function sendError(reply: FastifyReply, err: DomainError, status: number = STATUS_OF[err.kind]): FastifyReply {
  const body: { error: { code: string; message: string; path?: string } } = {
    error: { code: err.code, message: err.message },
  };
  if (err.path !== undefined) body.error.path = requestPath(reply.request, err.path);
  return reply.code(status).type('application/json').send(body);
}

/** `/skills/0/uri` + missing `level` in body → `body.skills.0.uri.level`, worded as the kernel words input errors. */
function validationError(context: string | undefined, e: ErrorObject): DomainError {
  const path = underPath(context ?? 'body', errorPath(e));
  return new DomainError('invalid', 'validation', errorMessage(path, e), path);
}

export function errorHandler(err: FastifyError | DomainError, request: FastifyRequest, reply: FastifyReply) {
  if (err instanceof DomainError) {
    // A 500 (e.g. a decryption failure) is our fault: details go to the log, not to the caller.
    if (err.kind === 'internal') {
      request.log.error({ err }, err.message);
      return sendError(reply, internalFault(request));
    }
    return sendError(reply, err);
  }
  const fe = err as FastifyError & { validationContext?: string };
  if (fe.validation && fe.validation.length > 0) {
    return sendError(reply, validationError(fe.validationContext, fe.validation[0] as ErrorObject));
  }
  // Constraint violations that slipped past the domain checks (e.g. two requests racing for one email) are the
  // caller's conflict, not a server fault.
  const pgCode = (err as { code?: unknown }).code;
  if (pgCode === '23505') {
    request.log.warn({ err }, 'unique violation');
    return sendError(reply, new DomainError('conflict', 'conflict', 'This record exists already'));
  }
  if (pgCode === '23503') {
    request.log.warn({ err }, 'foreign key violation');
    return sendError(reply, new DomainError('invalid', 'invalid_reference', 'A referenced record does not exist'));
  }
  const status = fe.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    // Fastify's own client errors (malformed JSON, body too large, wrong content type, …).
    const code =
      fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'body_too_large'
        : fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'unsupported_media_type'
          : fe.code?.startsWith('FST_ERR_CTP') || err instanceof SyntaxError
            ? 'malformed_body'
            : 'bad_request';
    const kind: ErrorKind = status === 413 ? 'too_large' : 'invalid';
    const path =
      code === 'unsupported_media_type' ? 'headers.content-type' : code === 'bad_request' ? undefined : 'body';
    return sendError(reply, new DomainError(kind, code, fe.message, path), status);
  }
  request.log.error({ err }, 'request failed');
  return sendError(reply, internalFault(request));
}

function internalFault(request: FastifyRequest): DomainError {
  return new DomainError('internal', 'internal', `Internal error (reference ${request.id})`);
}
