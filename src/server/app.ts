// The HTTP shell: a versioned JSON API under /api/v1 built from the capabilities' route declarations, OpenAPI 3.1,
// health/readiness, sessions and deny-by-default access checks, one error shape, and the web app at `/`.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifySchema,
  type FastifySchemaCompiler,
} from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import type { Store } from '../db/database.js';
import type { Config } from '../shared/config.js';
import { createKeyring, fieldCipher, type FieldCipher, type Keyring } from '../shared/crypto.js';
import { DomainError, forbidden, notFound, unauthenticated } from '../kernel/errors.js';
import { audit, type AuditEntry } from '../kernel/audit.js';
import { addCorridorFormats, formatChecks } from '../shared/formats.js';
import { checkCsrf, csrfTokenFor, resolveSession } from '../identity/index.js';
import { isRole, type AuthUser } from '../kernel/auth.js';
import { createMailer } from '../shared/mailer.js';
import { CapabilitySet, type Capability, type Services } from '../kernel/capability.js';
import { ChangeFeed } from '../kernel/changes.js';
import { Kernel } from '../kernel/command.js';
import { ErrorBody, errorHandler, sendError } from './errors.js';
import { rateLimitStore, SHARED_RATE_LIMIT } from './rate-limit.js';
import { allCapabilities, allRoutes } from './routes.js';
import { urlParams, type AnyRoute, type RouteContext, type RouteReply } from '../kernel/route.js';
import { systemRoutes } from './system-routes.js';
import { faultyParam, longestQueryField, MALFORMED, parseQuery, type ParsedQuery } from './url.js';
import { CSRF_HEADER, SESSION_COOKIE } from '../kernel/session-cookie.js';

export const API_PREFIX = '/api/v1';
/** Longest path parameter (an id, a token) the router accepts; longer ones answer 414 naming the parameter. */
const MAX_PARAM_LENGTH = 100;
/**
 * Longest request URL: Node's HTTP parser refuses a request line and headers beyond 16 KB anyway, so this only makes
 * the answer name the field (and holds for requests that do not come through it, such as app.inject).
 */
export const MAX_URL_LENGTH = 8 * 1024;
export { SESSION_COOKIE, CSRF_HEADER };
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export interface BuildServerOptions {
  store: Store;
  config: Config;
  /** Routes to serve; default: every capability's list from routes.ts. System routes are always added. */
  routes?: AnyRoute[];
  /** Capabilities whose setup provides services etc.; default: routes.ts. */
  capabilities?: Capability[];
  /** Clock of the shared (database) rate limit, in ms since the epoch; tests inject one. Default Date.now. */
  rateLimitClock?: () => number;
  /** Where the log goes (default stdout); tests read it to check what a log line may hold. */
  logStream?: NodeJS.WritableStream;
}

/**
 * A URL without its query string: `?name=` and `?reason=` carry names and notes, which logs must not keep. Cut to
 * 1,000 characters: an overlong address is the caller's error, not something to copy into every log line.
 */
export function pathOnly(url: string | undefined): string {
  const at = (url ?? '').indexOf('?');
  const path = at < 0 ? (url ?? '') : `${url!.slice(0, at)}?[redacted]`;
  return path.length > 1000 ? `${path.slice(0, 1000)}…` : path;
}

/**
 * An error message fit for the log: text in double quotes is replaced, because database messages quote the values
 * they refused (`invalid input syntax for type integer: "…"`) and JSON parse errors quote the body.
 */
export function logMessage(message: string): string {
  return message.slice(0, 300).replace(/"(?:[^"\\]|\\.)*"?/g, '"…"');
}

/** Log fields of a request and an error: the path only, and no SQL text, parameters or row values. */
const logSerializers = {
  req: (req: { method?: string; url?: string; ip?: string; id?: string }) => ({
    method: req.method,
    url: pathOnly(req.url),
    remoteAddress: req.ip,
  }),
  err: (err: Error & { code?: unknown }) => ({
    type: err?.constructor?.name ?? 'Error',
    code: typeof err?.code === 'string' ? err.code : '',
    // The database's detail ("Key (email)=(…)"), query and parameters are never copied; its message loses quotes.
    message: typeof err?.message === 'string' ? logMessage(err.message) : '',
    stack: typeof err?.stack === 'string' ? err.stack.split('\n').slice(1, 8).join('\n') : '',
  }),
};

/** What the app knows beyond Fastify, for the CLI and tests. */
export interface CorridorRuntime {
  store: Store;
  config: Config;
  keyring: Keyring;
  cipher: FieldCipher;
  services: Services;
  capabilities: CapabilitySet;
  /** Runs commands: policy, validation, storage, audit and change entries in one transaction. */
  kernel: Kernel;
  /** Every registered route declaration, system routes included (the authz matrix iterates these). */
  routes: AnyRoute[];
  csrfTokenFor(sessionId: string): string;
}

declare module 'fastify' {
  interface FastifyInstance {
    corridor: CorridorRuntime;
  }
  interface FastifyRequest {
    auth: { user: AuthUser; sessionId: string } | null;
  }
  interface FastifyContextConfig {
    /** The route's rate limit counts in the database (see rate-limit.ts). */
    [SHARED_RATE_LIMIT]?: boolean;
  }
}

/**
 * Request validation. Validation errors must name their field; ajv stops at the first one so the message stays
 * short. JSON bodies are checked as sent: coercing them turned a `null` into 0 for a nullable number (a vacancy's
 * "no minimum ISCED level" stored as ISCED 0). Path, query string and headers arrive as text and are coerced.
 */
function validatorCompiler(): FastifySchemaCompiler<unknown> {
  // ajv-formats is CommonJS: under NodeNext its function is the namespace's `default`.
  const addFormats = ajvFormats.default;
  const options = { allErrors: false, useDefaults: true, removeAdditional: false } as const;
  const asSent = addCorridorFormats(addFormats(new Ajv({ ...options, coerceTypes: false })));
  const fromText = addCorridorFormats(addFormats(new Ajv({ ...options, coerceTypes: 'array' })));
  return ({ schema, httpPart }) => (httpPart === 'body' ? asSent : fromText).compile(schema as object);
}

export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const { store, config } = options;
  const keyring = createKeyring(config.secretKey, config.previousSecretKeys);
  const cipher = fieldCipher(keyring);
  const feed = new ChangeFeed();
  const capabilities = new CapabilitySet({ db: store.db, config, feed });
  for (const capability of options.capabilities ?? allCapabilities) await capability.setup(capabilities);
  capabilities.provide('personalData', {
    contributors: capabilities.contributors,
    participants: capabilities.participants,
  });
  // Route patterns, for naming the parameter of a malformed address (the router has not matched one then).
  const patterns: string[] = [];
  const mailer = createMailer(config, { warn: (obj, msg) => app.log.warn(obj, msg) });
  capabilities.provide('mailer', mailer);
  capabilities.onClose(() => mailer.close());
  const services = capabilities.view();

  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'req.headers.authorization'],
      serializers: logSerializers,
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    genReqId: () => randomUUID(),
    bodyLimit: config.bodyLimit,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH, querystringParser: parseQuery },
    trustProxy: config.trustProxy,
    serializerOpts: { ajv: { formats: formatChecks() } },
    // Errors the router raises before any route runs (a malformed or overlong URL) get the one error shape too.
    // The path names the parameter when a route pattern fits the address.
    frameworkErrors: (error, request, reply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      const param = faultyParam(request.url, patterns, MAX_PARAM_LENGTH);
      return sendError(
        reply,
        new DomainError(
          'invalid',
          tooLong ? 'url_too_long' : 'bad_url',
          tooLong ? 'A part of the address is too long' : 'The address is not valid percent-encoded UTF-8',
          param ? `params.${param}` : 'params',
        ),
        error.statusCode ?? 400,
      );
    },
    // Errors Node's HTTP parser raises before Fastify sees a request (headers over 16 KB, a garbled request line).
    clientErrorHandler: (err: NodeJS.ErrnoException, socket) => {
      if (err.code === 'ECONNRESET' || socket.destroyed) return;
      const [status, reason, code, message, path] =
        err.code === 'HPE_HEADER_OVERFLOW'
          ? [
              431,
              'Request Header Fields Too Large',
              'headers_too_large',
              'The address or headers are too long',
              'headers',
            ]
          : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? [408, 'Request Timeout', 'timeout', 'The request took too long to arrive', undefined]
            : [400, 'Bad Request', 'bad_request', 'The request is not valid HTTP', undefined];
      const body = JSON.stringify({ error: { code, message, ...(path ? { path } : {}) } });
      if (socket.writable) {
        socket.write(
          `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
            `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        );
      }
      socket.destroy(err);
    },
  });
  app.setValidatorCompiler(validatorCompiler());

  const runtime: CorridorRuntime = {
    store,
    config,
    keyring,
    cipher,
    services,
    capabilities,
    kernel: new Kernel({ db: store.db, config, cipher, services, feed }),
    routes: [],
    csrfTokenFor: (sessionId) => csrfTokenFor(keyring, sessionId),
  };
  app.decorate('corridor', runtime);
  app.decorateRequest('auth', null);

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    // In memory per route, except routes declared `rateLimitShared`, which count in the database.
    store: rateLimitStore({ db: store.db, macKey: keyring.macKey, log: app.log, clock: options.rateLimitClock }),
    errorResponseBuilder: (_req, ctx) =>
      new DomainError('rate_limited', 'rate_limited', `Too many requests; retry in ${Math.ceil(ctx.ttl / 1000)} s`),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Corridor API',
        version: '1',
        description:
          'Skills profiling, recognition, matching and labour-market figures for labour-migration corridors. ' +
          'Sign in with POST /api/v1/auth/login (session cookie); send the returned csrfToken as x-csrf-token on writes.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
      },
    },
  });

  app.setErrorHandler(errorHandler);
  const hsts = config.publicUrl.startsWith('https://');
  // Followers stop and timers clear before the store closes (the caller closes the store after the app).
  app.addHook('onClose', async () => capabilities.close());
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    // Same-origin only; inline styles allowed for React style attributes, never inline scripts.
    reply.header('content-security-policy', CSP);
    // A public route may say it is cacheable (the passport status lists); everything else is no-store.
    if (request.url.startsWith(API_PREFIX) && !String(reply.getHeader('cache-control') ?? '').startsWith('public')) {
      reply.header('cache-control', 'no-store');
    }
    if (hsts) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    return payload;
  });

  // Text the database refuses (a NUL byte; a lone UTF-16 surrogate, which has no UTF-8 form) is the caller's error,
  // named by its field, before any rule or handler hands it to SQL.
  app.addHook('preValidation', async (request) => {
    if (!request.url.startsWith(API_PREFIX)) return;
    const malformed = (request.query as ParsedQuery | undefined)?.[MALFORMED]?.[0];
    if (malformed !== undefined) {
      throw new DomainError(
        'invalid',
        'bad_url',
        'The query string is not valid percent-encoded UTF-8',
        `querystring.${malformed}`,
      );
    }
    for (const [part, value] of [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const) {
      const bad = unstorableText(value, part);
      if (bad)
        throw new DomainError('invalid', 'invalid_text', 'Text may not hold NUL bytes or unpaired surrogates', bad);
    }
  });

  // Resolve the session once per API request; access checks read request.auth.
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith(API_PREFIX)) return;
    if (request.url.length > MAX_URL_LENGTH) {
      const field = longestQueryField(request.query);
      const tooLong = new DomainError(
        'invalid',
        'url_too_long',
        `The address is longer than ${MAX_URL_LENGTH} characters`,
        field === null ? 'params' : `querystring.${field}`,
      );
      return sendError(reply, tooLong, 414);
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.auth = await resolveSession(store.db, cipher, token);
  });

  const routes = [...systemRoutes(() => app.swagger()), ...(options.routes ?? allRoutes)];
  patterns.push(...routes.map((r) => API_PREFIX + r.url));
  const seen = new Set<string>();
  for (const route of routes) {
    checkDeclaration(route);
    const key = `${route.method} ${route.url}`;
    if (seen.has(key)) throw new Error(`route ${key} declared twice`);
    seen.add(key);
    registerRoute(app, route, runtime);
  }
  runtime.routes = routes;
  // did:web resolves an instance's DID document here (the passport capability answers it under the API).
  app.get('/.well-known/did.json', async (_request, reply) => {
    const answer = await app.inject({ method: 'GET', url: `${API_PREFIX}/credentials/did.json` });
    return reply.code(answer.statusCode).type('application/did+json').send(answer.body);
  });

  const webIndex = join(config.webDir, 'index.html');
  const serveWeb = existsSync(webIndex);
  if (serveWeb) {
    await app.register(fastifyStatic, {
      root: config.webDir,
      prefix: '/',
      wildcard: false,
      index: 'index.html',
      // The web build ships .br/.gz beside each asset; send those to clients that accept them (slow networks).
      preCompressed: true,
      setHeaders: (res, path) => {
        // Hashed build assets never change; index.html must be revalidated to pick up a new build.
        res.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    // SPA fallback: client-side routes get index.html; unknown API paths and files get a JSON 404.
    if (serveWeb && request.method === 'GET' && !path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path)) {
      return reply.type('text/html').sendFile('index.html');
    }
    if (!serveWeb && request.method === 'GET' && path === '/') {
      // A source checkout without a web build: say how to get one instead of a bare 404.
      return reply
        .code(404)
        .type('text/plain; charset=utf-8')
        .send(`The web app is not built (no ${webIndex}). Run \`npm run build\`; the API is at ${API_PREFIX}/.\n`);
    }
    return sendError(reply, notFound(`No route ${request.method} ${path}`));
  });

  return app;
}

// eslint-disable-next-line no-control-regex -- the NUL byte is exactly what is refused
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The path of the first string (or key) PostgreSQL cannot store, or null. */
export function unstorableText(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path : null;
  if (!value || typeof value !== 'object' || depth > 64) return null;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const at = `${path}.${k}`;
    if (UNSTORABLE.test(k)) return at;
    const bad = unstorableText(v, at, depth + 1);
    if (bad) return bad;
  }
  return null;
}

/** Refuses a declaration that slipped past the types (e.g. built with `as any`). */
function checkDeclaration(route: AnyRoute): void {
  const where = `route ${String(route?.method)} ${String(route?.url)}`;
  if (!route || typeof route.handler !== 'function') throw new Error(`${where}: no handler`);
  if (!route.url.startsWith('/')) throw new Error(`${where}: url must start with /`);
  const access = route.access as unknown;
  if (!access || typeof access !== 'object') throw new Error(`${where}: no access declaration (deny by default)`);
  const roles = (access as { roles?: unknown }).roles;
  if (roles !== 'public') {
    if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) {
      throw new Error(`${where}: access.roles must be 'public' or a non-empty list of roles`);
    }
  } else if ((access as { rule?: unknown }).rule) {
    throw new Error(`${where}: a public route cannot have a record rule`);
  }
  if (route.rateLimitShared && !route.rateLimitPerMinute) throw new Error(`${where}: rateLimitShared needs a limit`);
  const declared = Object.keys((route.schema?.params as { properties?: object } | undefined)?.properties ?? {});
  for (const p of urlParams(route.url)) {
    if (!declared.includes(p)) throw new Error(`${where}: path param :${p} has no schema`);
  }
}

function successStatus(route: AnyRoute): number {
  const codes = Object.keys(route.schema.response ?? {})
    .map(Number)
    .filter((c) => c >= 200 && c < 300)
    .sort();
  return codes[0] ?? 200;
}

function registerRoute(app: FastifyInstance, route: AnyRoute, runtime: CorridorRuntime): void {
  const isPublic = route.access.roles === 'public';
  const status = successStatus(route);
  const rolesText = isPublic ? 'public' : (route.access.roles as string[]).join(', ');
  const schema: FastifySchema & Record<string, unknown> = {
    summary: route.summary,
    description: `${route.description ? route.description + '\n\n' : ''}Access: ${rolesText}${
      !isPublic && route.access.rule ? ' (record-level rule applies)' : ''
    }.`,
    tags: route.tags,
    ...(route.schema.params ? { params: route.schema.params } : {}),
    ...(route.schema.querystring ? { querystring: route.schema.querystring } : {}),
    ...(route.schema.body ? { body: route.schema.body } : {}),
    response: { ...(route.schema.response ?? {}), '4xx': ErrorBody },
    ...(isPublic ? {} : { security: [{ session: [] }] }),
    'x-access': isPublic ? 'public' : route.access.roles,
  };

  app.route({
    method: route.method,
    url: API_PREFIX + route.url,
    schema,
    ...(route.bodyLimit ? { bodyLimit: route.bodyLimit } : {}),
    config: route.rateLimitPerMinute
      ? {
          rateLimit: {
            max:
              typeof route.rateLimitPerMinute === 'function'
                ? route.rateLimitPerMinute(runtime.config)
                : route.rateLimitPerMinute,
            timeWindow: 60_000,
          },
          ...(route.rateLimitShared ? { [SHARED_RATE_LIMIT]: true } : {}),
        }
      : {},
    // Route-level onRequest runs after the global one that resolved the session, and before the body is even
    // parsed: an anonymous or wrong-role caller learns nothing from parse or validation errors.
    onRequest: async (request) => {
      if (isPublic) return;
      const auth = request.auth;
      if (!auth) throw unauthenticated();
      if (!(route.access.roles as string[]).includes(auth.user.role)) throw forbidden();
      if (UNSAFE_METHODS.has(request.method)) {
        const header = request.headers[CSRF_HEADER];
        if (!checkCsrf(runtime.keyring, auth.sessionId, typeof header === 'string' ? header : undefined)) {
          throw forbidden('Missing or wrong x-csrf-token header', 'csrf');
        }
      }
    },
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const ctx = makeContext(request, reply, runtime);
      if (!isPublic && route.access.rule) {
        const verdict = await route.access.rule(ctx);
        if (verdict === 'not-found') throw notFound();
        if (verdict !== true) throw forbidden('Not allowed for this record');
      }
      const result = await route.handler(ctx);
      if (reply.sent) return reply;
      if (reply.statusCode === 200 && status !== 200) reply.code(status);
      return reply.send(result);
    },
  });
}

function idempotencyKeyOf(request: FastifyRequest): string | null {
  const header = request.headers['idempotency-key'];
  return typeof header === 'string' ? header : null;
}

function makeContext(request: FastifyRequest, reply: FastifyReply, runtime: CorridorRuntime): RouteContext {
  const replyView: RouteReply = {
    status: (code) => void reply.code(code),
    header: (name, value) => void reply.header(name, value),
    setCookie: (name, value, options) => void reply.setCookie(name, value, options),
    clearCookie: (name, options) => void reply.clearCookie(name, options),
  };
  const base = {
    params: request.params as never,
    query: request.query as never,
    body: request.body as never,
    user: (request.auth?.user ?? null) as AuthUser,
    sessionId: request.auth?.sessionId ?? null,
    store: runtime.store,
    config: runtime.config,
    services: runtime.services,
    cipher: runtime.cipher,
    csrfTokenFor: runtime.csrfTokenFor,
    requestId: request.id,
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? '',
    acceptLanguage: request.headers['accept-language'] ?? '',
    log: request.log,
    reply: replyView,
    idempotencyKey: idempotencyKeyOf(request),
  };
  const actor = { user: base.user, requestId: request.id, ip: request.ip };
  const withDb = (db: RouteContext['db']): RouteContext => {
    const ctx: RouteContext = {
      ...base,
      db,
      // Inside ctx.transaction() the command joins that transaction.
      execute: (command, input, options) =>
        runtime.kernel.execute(command, actor, input, db.isTransaction ? { ...options, db } : options),
      audit: (entry: AuditEntry) => audit(ctx, entry),
      // Already inside a transaction: join it (Kysely has no nested transactions).
      transaction: async (fn) => {
        if (db.isTransaction) return fn(ctx);
        let trx: RouteContext['db'] | undefined;
        const result = await db.transaction().execute((t) => fn(withDb((trx = t))));
        if (trx) runtime.kernel.committed(trx);
        return result;
      },
    };
    return ctx;
  };
  return withDb(runtime.store.db);
}
