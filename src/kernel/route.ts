// Routes are declared as data: method, url, TypeBox schemas, who may call them, and a handler. Every capability
// exports a list (`RouteDefinition[]`); src/server/routes.ts gathers the lists and the app registers them.
// Access is mandatory: a route without `access` does not type-check and is refused at registration.
import type { Static, TSchema } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/schema.js';
import type { Store } from '../db/database.js';
import type { Config } from '../shared/config.js';
import type { FieldCipher } from '../shared/crypto.js';
import type { AuthUser, Role } from './auth.js';
import type { AuditEntry } from './audit.js';
import type { Services } from './capability.js';
import type { Command, ExecuteOptions, Kernel } from './command.js';

export type { AuthUser, Role };
export { ROLES } from './auth.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteSchema {
  params?: TSchema;
  querystring?: TSchema;
  body?: TSchema;
  /** By status code; the lowest 2xx is the success status the handler's return value is sent with. */
  response?: Record<number, TSchema>;
}

type StaticOf<T> = T extends TSchema ? Static<T> : undefined;
type SuccessBody<S extends RouteSchema> =
  S['response'] extends Record<number, TSchema>
    ? Static<S['response'][keyof S['response'] & (200 | 201 | 202 | 204)]>
    : unknown;

/** The part of the reply a handler may touch. */
export interface RouteReply {
  status(code: number): void;
  header(name: string, value: string): void;
  setCookie(name: string, value: string, options: CookieOptions): void;
  clearCookie(name: string, options?: { path?: string }): void;
}

export interface CookieOptions {
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: 'strict' | 'lax';
  path?: string;
  maxAge?: number;
  expires?: Date;
}

/** What a handler and an access rule receive. Domain functions take the parts they need (db, user, audit). */
export interface RouteContext<S extends RouteSchema = RouteSchema, U extends AuthUser | null = AuthUser> {
  params: StaticOf<S['params']>;
  query: StaticOf<S['querystring']>;
  body: StaticOf<S['body']>;
  /** The signed-in caller (null only on public routes). */
  user: U;
  /** Session id of a cookie-authenticated caller (for logout / CSRF), else null. */
  sessionId: string | null;
  db: Kysely<Database>;
  store: Store;
  config: Config;
  services: Services;
  cipher: FieldCipher;
  /** CSRF token for a session (the login route hands it to the client). */
  csrfTokenFor(sessionId: string): string;
  /** Appends to the audit log (who/when filled in from the request). */
  audit(entry: AuditEntry): Promise<void>;
  /**
   * Runs a command as the caller (its policy, validation, audit and change entries included), in its own
   * transaction — or in this context's, inside `transaction()`. POSTs pass the request's Idempotency-Key.
   */
  execute<I extends TSchema, R>(command: Command<I, R>, input: Static<I>, options?: ExecuteOptions): Promise<R>;
  /** The request's Idempotency-Key header, if any. */
  idempotencyKey: string | null;
  /** Runs fn in one database transaction; the ctx it gets writes (and audits) inside that transaction. */
  transaction<T>(fn: (ctx: RouteContext<S, U>) => Promise<T>): Promise<T>;
  requestId: string;
  ip: string;
  userAgent: string;
  /** The request's Accept-Language ('' when absent): the web app sends its interface language (e-mail language). */
  acceptLanguage: string;
  log: FastifyBaseLogger;
  reply: RouteReply;
}

/**
 * Record-level rule: true allows; false answers 403 (the caller may know the record exists but may not do this);
 * 'not-found' answers 404 (the record does not exist or belongs to another organisation — never reveal which).
 */
export type AccessRule<S extends RouteSchema> = (ctx: RouteContext<S, AuthUser>) => Promise<boolean | 'not-found'>;

export type Access<S extends RouteSchema> =
  { roles: 'public' } | { roles: readonly [Role, ...Role[]]; rule?: AccessRule<S> };

type UserFor<A> = A extends { roles: 'public' } ? AuthUser | null : AuthUser;

/** Fixture the authorization matrix test builds: two organisations with one user of every role each. */
export interface MatrixWorld {
  db: Kysely<Database>;
  /** Runs commands (examples create their records through them). */
  kernel: Kernel;
  cipher: FieldCipher;
  services: Services;
  /** Organisation A owns the records the examples point at. */
  orgA: { id: string; users: Record<Role, AuthUser> };
  /** Organisation B is "another organisation": its callers must not reach A's records. */
  orgB: { id: string; users: Record<Role, AuthUser> };
}

export interface RouteExample {
  params?: Record<string, string>;
  querystring?: Record<string, string>;
  body?: unknown;
  /**
   * Whether an allowed role from another organisation may use this route on these records. Default: 'denied'
   * when the route has a rule (expect 404/403), 'allowed' otherwise (the handler scopes what it returns).
   */
  otherOrganisation?: 'denied' | 'allowed';
}

export interface RouteDefinition<S extends RouteSchema = RouteSchema, A extends Access<S> = Access<S>> {
  method: HttpMethod;
  /** Path under /api/v1, e.g. '/migrants/:migrantId/consents'. */
  url: string;
  summary: string;
  description?: string;
  /** OpenAPI tag, usually the capability name. */
  tags?: string[];
  schema: S;
  access: A;
  /** Per-route rate limit (requests per minute per client address), fixed or read from the config. */
  rateLimitPerMinute?: number | ((config: Config) => number);
  /**
   * Count that limit in the database, shared by every server instance on it, instead of in this process's memory.
   * For the credential routes (sign-in, invitation acceptance, password reset): one database write per request,
   * and a request is refused with 503 when the database cannot count it. Requires `rateLimitPerMinute`.
   */
  rateLimitShared?: boolean;
  /** Largest request body in bytes, when a route takes more than the server's default (file uploads). */
  bodyLimit?: number;
  /**
   * Builds valid inputs that target organisation A's records, for the caller about to be tried (null =
   * anonymous); required when the url has params or the route has a body. Called afresh for every caller.
   */
  example?: (world: MatrixWorld, caller: AuthUser | null) => Promise<RouteExample>;
  handler: (ctx: RouteContext<S, UserFor<A>>) => Promise<SuccessBody<S>>;
}

// The registry stores routes type-erased; defineRoute checks each one fully at its declaration.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteDefinition<any, any>;

export function defineRoute<S extends RouteSchema, const A extends Access<S>>(route: RouteDefinition<S, A>): AnyRoute {
  return route as AnyRoute;
}

/** Path params of a url, e.g. '/a/:id/b/:other' → ['id', 'other']. */
export function urlParams(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
}

/** Marks a route whose record rule is checked by its command. */
export const ruleInCommand: AccessRule<RouteSchema> = async () => true;

/** A route that adapts HTTP to one command and back, nothing more. */
export interface CommandRouteDefinition<S extends RouteSchema, I extends TSchema, R> {
  method: HttpMethod;
  url: string;
  summary: string;
  description?: string;
  tags?: string[];
  schema: S;
  command: Command<I, R>;
  /** The command's input from the request (path params, body, query). */
  input: (ctx: RouteContext<S, AuthUser>) => Static<I>;
  /** The answer from the command's result; default: the result itself. */
  output?: (result: R, ctx: RouteContext<S, AuthUser>) => SuccessBody<S> | Promise<SuccessBody<S>>;
  rateLimitPerMinute?: number | ((config: Config) => number);
  bodyLimit?: number;
  example?: (world: MatrixWorld, caller: AuthUser | null) => Promise<RouteExample>;
  /**
   * false: the answer carries a one-time secret (a link's token), which must not be kept for a replay; the
   * Idempotency-Key header is not honoured.
   */
  replayable?: false;
}

/**
 * Declares a route over a command: who may call it is the command's roles (its record rule runs inside the command),
 * and a POST honours an Idempotency-Key header.
 */
export function commandRoute<S extends RouteSchema, I extends TSchema, R>(
  def: CommandRouteDefinition<S, I, R>,
): AnyRoute {
  const { command, input, output, replayable, ...route } = def;
  return defineRoute<S, { roles: readonly [Role, ...Role[]]; rule?: AccessRule<S> }>({
    ...route,
    // The record rule is the command's own and runs inside it; declaring it here tells the docs and the
    // authorization matrix that one applies.
    access: command.rule ? { roles: command.roles, rule: ruleInCommand } : { roles: command.roles },
    handler: async (ctx) => {
      const result = await ctx.execute(command, input(ctx), {
        idempotencyKey: def.method === 'POST' && replayable !== false ? ctx.idempotencyKey : null,
      });
      return (output ? await output(result, ctx) : result) as SuccessBody<S>;
    },
  });
}
