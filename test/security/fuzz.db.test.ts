// Hostile input on every route (issue 11, findings 7, 8 and 12): each route the app registers — checked against the
// OpenAPI document it publishes — is called by a caller its access admits, with a NUL byte, a lone UTF-16 surrogate
// and a 1 MB string in every path parameter, query parameter and body field and as the whole body, then with random
// JSON. Never a 5xx; every 4xx in the one error shape, and bad text or size named by its field. What the server logs
// meanwhile holds no value from a query string, a body or an SQL parameter.
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { sql } from 'kysely';
import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKind } from '../../src/db/testing.js';
import type { AuthUser, Role } from '../../src/kernel/auth.js';
import { defineRoute, urlParams, type AnyRoute, type MatrixWorld, type RouteExample } from '../../src/kernel/route.js';
import { API_PREFIX } from '../../src/server/app.js';
import { allRoutes } from '../../src/server/routes.js';
import { createTestApp, type TestApp } from '../../src/testing/app.js';
import { buildWorld, exampleUrl } from '../../src/testing/authz-matrix.js';

// Every value sent carries this mark, so the log check can look for any of them.
const MARK = 'qzxfuzz';
const MB = 1024 * 1024;
type Kind = 'nul' | 'surrogate' | 'huge';
const TEXT: Record<Kind, string> = {
  nul: `${MARK}\u0000end`,
  surrogate: `${MARK}\ud800end`,
  huge: MARK + 'a'.repeat(MB),
};
// In a URL: NUL percent-encoded; the surrogate as the bytes a WTF-8 encoder would write (not UTF-8).
const IN_URL: Record<Kind, string> = {
  nul: `${MARK}%00end`,
  surrogate: `${MARK}%ED%A0%80end`,
  huge: TEXT.huge,
};
// A path parameter is logged as part of the path (ids belong there), so it carries no mark.
const IN_PATH: Record<Kind, string> = { nul: '%00', surrogate: '%ED%A0%80', huge: 'a'.repeat(MB) };

// A route that hands its input to SQL unchecked: the fuzz must find its 500, and the log must not show the value the
// database quotes back ("invalid input syntax for type integer: …"). Reported separately from the real routes.
const canary = defineRoute({
  method: 'POST',
  url: '/fuzz-canary',
  summary: 'canary',
  schema: { body: Type.Object({ count: Type.String() }) },
  access: { roles: ['advisor'] },
  bodyLimit: 4 * MB,
  example: async () => ({ body: { count: '1' } }),
  handler: async (ctx) => {
    const { rows } = await sql<{ n: number }>`SELECT ${ctx.body.count}::int AS n`.execute(ctx.db);
    return { n: rows[0]!.n };
  },
});

type Path = (string | number)[];

/** Paths to the leaves of a JSON value (arrays by index), depth-limited. */
function leaves(value: unknown, at: Path = [], depth = 0): Path[] {
  if (depth > 6 || value === null || typeof value !== 'object') return at.length ? [at] : [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  const inner = entries.flatMap(([k, v]) => leaves(v, [...at, k], depth + 1));
  return inner.length || !at.length ? inner : [at];
}

function setAt(value: unknown, path: Path, leaf: unknown): unknown {
  if (!path.length) return leaf;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = leaf;
  return copy;
}

/** Body fields: the example's leaves and every top-level property the schema declares. */
function bodyFields(route: AnyRoute, body: unknown): Path[] {
  const declared = Object.keys((route.schema.body as { properties?: object } | undefined)?.properties ?? {});
  const paths = leaves(body);
  for (const k of declared) if (!paths.some((p) => p[0] === k)) paths.push([k]);
  return paths;
}

interface Attempt {
  route: AnyRoute;
  kind: Kind;
  /** The field the bad value went into, as the error path should name it. */
  field: string;
  url: string;
  query?: Record<string, string>;
  body?: string;
}

interface Caller {
  user: AuthUser | null;
  headers: Record<string, string>;
}

describe(`every route under hostile input (${testStoreKind()})`, () => {
  let t: TestApp;
  let world: MatrixWorld;
  const logs: string[] = [];
  const callers = new Map<AnyRoute, Caller>();
  const examples = new Map<AnyRoute, RouteExample>();
  let address = 0;
  // Per-address rate limits (sign-in, CVs) would answer 429 before the input is looked at: each request comes from
  // its own address.
  const nextAddress = () => `10.${(++address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;

  beforeAll(async () => {
    t = await createTestApp({
      routes: [...allRoutes, canary],
      config: { logLevel: 'info', publicUrl: 'https://corridor.test' },
      logStream: new Writable({
        write(chunk, _enc, done) {
          logs.push(String(chunk));
          done();
        },
      }),
    });
    world = await buildWorld(t);
  }, 120_000);
  afterAll(() => t?.close());

  /** A caller the route admits (anonymous on public routes), its session shared by every request to the route. */
  async function callerFor(route: AnyRoute): Promise<Caller> {
    let caller = callers.get(route);
    if (!caller) {
      const user = route.access.roles === 'public' ? null : world.orgA.users[(route.access.roles as Role[])[0]!];
      caller = { user, headers: user ? await t.headersFor(user) : {} };
      callers.set(route, caller);
    }
    return caller;
  }

  async function exampleFor(route: AnyRoute): Promise<RouteExample> {
    let example = examples.get(route);
    if (!example) {
      example = route.example ? await route.example(world, (await callerFor(route)).user) : {};
      examples.set(route, example);
    }
    return example;
  }

  function attempts(route: AnyRoute, example: RouteExample): Attempt[] {
    const params = example.params ?? {};
    const query = example.querystring ?? {};
    const body = example.body ?? (route.schema.body ? {} : undefined);
    const plainUrl = exampleUrl(route, params);
    const list: Attempt[] = [];
    for (const kind of ['nul', 'surrogate', 'huge'] as const) {
      for (const p of urlParams(route.url)) {
        const url = exampleUrl(route, { ...params, [p]: 'FUZZSLOT' }).replace('FUZZSLOT', IN_PATH[kind]);
        list.push({ route, kind, field: `params.${p}`, url, query, body: json(body) });
      }
      const declared = Object.keys((route.schema.querystring as { properties?: object } | undefined)?.properties ?? {});
      for (const q of new Set([...declared, ...Object.keys(query)])) {
        const rest = new URLSearchParams({ ...query });
        rest.delete(q);
        const url = `${plainUrl}?${rest.size ? `${rest}&` : ''}${encodeURIComponent(q)}=${IN_URL[kind]}`;
        list.push({ route, kind, field: `querystring.${q}`, url, body: json(body) });
      }
      if (route.schema.body) {
        list.push({ route, kind, field: 'body', url: plainUrl, query, body: json(TEXT[kind]) });
        // A body over the route's limit is refused by its length before it is read: one such request says it all.
        if (kind === 'huge' && (route.bodyLimit ?? t.config.bodyLimit) < TEXT.huge.length) continue;
        for (const path of bodyFields(route, body)) {
          const field = ['body', ...path].join('.');
          list.push({ route, kind, field, url: plainUrl, query, body: json(setAt(body, path, TEXT[kind])) });
        }
      }
    }
    return list;
  }

  it('knows every route the OpenAPI document lists', async () => {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith(API_PREFIX))
      .flatMap(([path, ops]) =>
        Object.keys(ops)
          .filter((m) => m !== 'head')
          .map((m) => `${m.toUpperCase()} ${path.slice(API_PREFIX.length).replace(/\{(\w+)\}/g, ':$1')}`),
      );
    const declared = t.app.corridor.routes.map((r) => `${r.method} ${r.url}`);
    expect(documented.filter((d) => !declared.includes(d))).toEqual([]);
    expect(declared.filter((d) => !documented.includes(d))).toEqual([]);
    expect(declared.length).toBeGreaterThan(100);
  });

  it('answers NUL bytes, lone surrogates and 1 MB strings in every field without a 5xx, naming the field', async () => {
    const problems: string[] = [];
    let sent = 0;
    const byStatus: Record<number, number> = {};
    for (const route of t.app.corridor.routes) {
      const name = `${route.method} ${route.url}`;
      if (urlParams(route.url).length + (route.schema.body ? 1 : 0) > 0 && !route.example) {
        problems.push(`${name}: no example (the authorization matrix reports it)`);
        continue;
      }
      let example: RouteExample;
      try {
        example = await exampleFor(route);
      } catch (err) {
        problems.push(`${name}: example failed: ${(err as Error).message}`);
        continue;
      }
      const caller = await callerFor(route);
      for (const a of attempts(route, example)) {
        const res = await t.app.inject({
          method: route.method,
          url: a.url,
          query: a.query,
          remoteAddress: nextAddress(),
          headers: { ...caller.headers, ...(a.body !== undefined ? { 'content-type': 'application/json' } : {}) },
          ...(a.body !== undefined ? { payload: a.body } : {}),
        });
        sent++;
        byStatus[res.statusCode] = (byStatus[res.statusCode] ?? 0) + 1;
        const what = `${name} ${a.kind} in ${a.field}: ${res.statusCode} ${res.body.slice(0, 160)}`;
        if (res.statusCode >= 500) {
          problems.push(what);
          continue;
        }
        if (res.statusCode < 400) {
          // Only a 1 MB string may be accepted (a long free text); bad text never.
          if (a.kind !== 'huge') problems.push(what);
          continue;
        }
        const error = errorOf(res.body);
        if (!error) {
          problems.push(`${what}: not the error shape`);
          continue;
        }
        if (a.kind !== 'huge') {
          if (res.statusCode !== 400 || error.path !== a.field)
            problems.push(`${what}: expected 400 naming ${a.field}`);
        } else if (res.statusCode === 413 ? error.path !== 'body' : error.path !== a.field) {
          // Too long for its field (400, 414) names the field; too large a body (413) names the body.
          if (![401, 403, 404, 409, 429].includes(res.statusCode)) problems.push(`${what}: expected ${a.field}`);
        }
      }
    }
    console.info(`fuzz (${testStoreKind()}): ${sent} requests, by status ${JSON.stringify(byStatus)}`);
    expect(problems.filter((p) => !p.startsWith('POST /fuzz-canary'))).toEqual([]);
    expect(problems.some((p) => p.startsWith('POST /fuzz-canary huge in body.count: 500'))).toBe(true);
    expect(sent).toBeGreaterThan(1000);
  }, 600_000);

  it('answers random JSON bodies and queries without a 5xx', async () => {
    const problems: string[] = [];
    for (const route of t.app.corridor.routes.filter((r) => r.schema.body || r.schema.querystring)) {
      if (urlParams(route.url).length && !route.example) continue;
      const example = await exampleFor(route);
      const caller = await callerFor(route);
      const url = exampleUrl(route, example.params ?? {});
      // Half wholly random, half the valid example with one field replaced, which reaches past the top-level check.
      const base =
        example.body && typeof example.body === 'object' && !Array.isArray(example.body)
          ? (example.body as Record<string, unknown>)
          : null;
      const mutated = base
        ? fc
            .tuple(fc.constantFrom(...Object.keys(base), 'unexpected'), fc.jsonValue({ maxDepth: 2 }))
            .map(([k, v]) => ({ ...base, [k]: v }) as fc.JsonValue)
        : fc.jsonValue({ maxDepth: 3 });
      await fc
        .assert(
          fc.asyncProperty(
            fc.oneof(fc.jsonValue({ maxDepth: 3 }), mutated),
            fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 20 }), { maxKeys: 4 }),
            async (body, query) => {
              const res = await t.app.inject({
                method: route.method,
                url,
                query: route.schema.querystring ? query : undefined,
                remoteAddress: nextAddress(),
                headers: { ...caller.headers, 'content-type': 'application/json' },
                ...(route.schema.body ? { payload: JSON.stringify(body) } : {}),
              });
              const what = `${route.method} ${route.url}: ${res.statusCode} for ${JSON.stringify(body).slice(0, 120)}`;
              if (res.statusCode >= 500) problems.push(what);
              else if (res.statusCode >= 400 && !errorOf(res.body)) problems.push(`${what}: not the error shape`);
              else return true;
              return false;
            },
          ),
          { numRuns: 12, seed: 20261121 },
        )
        .catch(() => undefined); // collected in problems, so every route is tried before failing
    }
    expect(problems.filter((p) => !p.startsWith('POST /fuzz-canary'))).toEqual([]);
  }, 600_000);

  it("answers Node's own refusals (an address and headers over 16 KB, garbled HTTP) in the error shape", async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const raw = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.end(request));
        let answer = '';
        socket.on('data', (d) => (answer += String(d)));
        socket.on('close', () => resolve(answer));
        socket.on('error', reject);
      });
    const long = await raw(`GET ${API_PREFIX}/profiles?name=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(long).toMatch(/^HTTP\/1.1 431 /);
    expect(errorOf(long.slice(long.indexOf('\r\n\r\n') + 4))).toEqual({
      code: 'headers_too_large',
      message: 'The address or headers are too long',
      path: 'headers',
    });
    const garbled = await raw('NOT HTTP AT ALL\r\n\r\n');
    expect(garbled).toMatch(/^HTTP\/1.1 400 /);
    expect(errorOf(garbled.slice(garbled.indexOf('\r\n\r\n') + 4))?.code).toBe('bad_request');
  });

  it('logs no query string, body value or SQL parameter while names, reasons and bad text arrive', async () => {
    // Whatever the tests above sent is in the log too; these requests make sure each kind of leak is tried.
    const advisor = await callerFor(canary);
    const getProfile = allRoutes.find((r) => r.method === 'GET' && r.url === '/profiles/:profileId')!;
    const profile = (await exampleFor(getProfile)).params!.profileId!;
    const requests: [string, string, unknown, number][] = [
      ['GET', `/profiles?name=${MARK}Diallo`, undefined, 200],
      ['GET', `/profiles/${profile}?include=sensitive&reason=${MARK}%20Interview%20with%20Amina`, undefined, 200],
      ['POST', '/fuzz-canary', { count: `${MARK}\u0000 disclosed trafficking` }, 400],
      // The database refuses the value and quotes it back in its message.
      ['POST', '/fuzz-canary', { count: `${MARK} disclosed trafficking` }, 500],
    ];
    for (const [method, url, body, status] of requests) {
      const res = await t.app.inject({
        method: method as 'GET' | 'POST',
        url: API_PREFIX + url,
        headers: advisor.headers,
        ...(body ? { payload: body as object } : {}),
      });
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
    }
    const all = logs.join('');
    expect(all).toContain('"url":"/api/v1/profiles?[redacted]"');
    expect(all).toMatch(
      /"code":"22P02","message":"invalid input syntax for type integer: \\"…\\"".*"msg":"request failed"/,
    );
    expect(all.toLowerCase()).not.toContain(MARK);
    expect(all).not.toContain('trafficking');
    expect(all).not.toContain('name=');
    expect(all).not.toContain('reason=');
    expect(Math.max(...logs.map((l) => l.length))).toBeLessThan(16 * 1024);
  });
});

function json(value: unknown): string | undefined {
  return value === undefined ? undefined : JSON.stringify(value);
}

function errorOf(body: string): { code: string; message: string; path?: string } | null {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown; path?: unknown } };
    const e = parsed.error;
    if (!e || typeof e.code !== 'string' || typeof e.message !== 'string') return null;
    if (e.path !== undefined && typeof e.path !== 'string') return null;
    if (Object.keys(parsed).length !== 1) return null;
    return e as { code: string; message: string; path?: string };
  } catch {
    return null;
  }
}
