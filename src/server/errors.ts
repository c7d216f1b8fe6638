// One error shape for every API failure: { error: { code, message, path? } }. Bad input is a 4xx naming the
// failing field; anything unexpected is a 500 with a reference id, logged, never a stack trace to the caller.
import { Type } from '@sinclair/typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { CorridorError } from '../shared/errors.js';
import { formatMessage } from '../shared/formats.js';

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

export function sendError(reply: FastifyReply, err: CorridorError): FastifyReply {
  const body: { error: { code: string; message: string; path?: string } } = {
    error: { code: err.code, message: err.message },
  };
  if (err.path) body.error.path = err.path;
  return reply.code(err.status).type('application/json').send(body);
}

interface AjvError {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** `/skills/0/uri` + missing `level` in body → `body.skills.0.uri.level`. */
function validationPath(context: string | undefined, e: AjvError): string {
  const parts = (e.instancePath ?? '')
    .split('/')
    .filter(Boolean)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const extra = e.params?.missingProperty ?? e.params?.additionalProperty;
  if (typeof extra === 'string') parts.push(extra);
  return [context ?? 'body', ...parts].join('.');
}

function validationMessage(path: string, e: AjvError): string {
  if (e.keyword === 'required') return `${path} is required`;
  if (e.keyword === 'additionalProperties') return `${path} is not an allowed field`;
  const known = e.keyword === 'format' ? formatMessage(e.params?.format) : undefined;
  if (known) return `${path} ${known}`;
  if (e.keyword === 'enum' && Array.isArray(e.params?.allowedValues)) {
    return `${path} must be one of: ${(e.params.allowedValues as unknown[]).join(', ')}`;
  }
  return `${path} ${e.message ?? 'is invalid'}`;
}

export function errorHandler(err: FastifyError | CorridorError, request: FastifyRequest, reply: FastifyReply) {
  if (err instanceof CorridorError) {
    // A 500 (e.g. a decryption failure) is our fault: details go to the log, not to the caller.
    if (err.status === 500) {
      request.log.error({ err }, err.message);
      return sendError(reply, internal(request));
    }
    return sendError(reply, err);
  }
  const fe = err as FastifyError & { validationContext?: string };
  if (fe.validation && fe.validation.length > 0) {
    const first = fe.validation[0] as AjvError;
    const path = validationPath(fe.validationContext, first);
    return sendError(reply, new CorridorError(400, 'validation', validationMessage(path, first), path));
  }
  // Constraint violations that slipped past the domain checks (e.g. two requests racing for one email) are the
  // caller's conflict, not a server fault.
  const pgCode = (err as { code?: unknown }).code;
  if (pgCode === '23505') {
    request.log.warn({ err }, 'unique violation');
    return sendError(reply, new CorridorError(409, 'conflict', 'This record exists already'));
  }
  if (pgCode === '23503') {
    request.log.warn({ err }, 'foreign key violation');
    return sendError(reply, new CorridorError(400, 'invalid_reference', 'A referenced record does not exist'));
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
    return sendError(
      reply,
      new CorridorError(status, code, fe.message, code === 'malformed_body' ? 'body' : undefined),
    );
  }
  request.log.error({ err }, 'request failed');
  return sendError(reply, internal(request));
}

function internal(request: FastifyRequest): CorridorError {
  return new CorridorError(500, 'internal', `Internal error (reference ${request.id})`);
}
