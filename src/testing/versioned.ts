// Route checks shared by the tests of simple versioned records (vacancies, training offers): a collection URL for
// POST, `<url>/:id` for GET/PUT/DELETE, a `title` column and updates through updateVersioned.
import { sql, type Kysely } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { fuzzMalformedJson, fuzzWriteRoute } from './fuzz.js';
import type { Database } from '../db/schema.js';

export interface VersionedRoutes {
  app: FastifyInstance;
  db: Kysely<Database>;
  table: 'vacancy' | 'training_offer';
  /** The collection, e.g. `/api/v1/vacancies`. */
  url: string;
  /** Headers of a caller who may create and update records there. */
  headers: Record<string, string>;
  /** A valid body; with `version` for a PUT. */
  sample: (version?: number) => object;
}

async function count(r: VersionedRoutes): Promise<number> {
  return (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(r.table)}`.execute(r.db)).rows[0]!.n;
}

/** Hostile bodies to POST and PUT, and raw non-JSON to POST: never 5xx, and a refused request writes nothing. */
export async function fuzzVersionedWrites(r: VersionedRoutes): Promise<void> {
  const { app, headers, url } = r;
  const before = await count(r);
  const fingerprint = async () => String(await count(r));
  const posted = await fuzzWriteRoute({
    app,
    method: 'POST',
    url,
    headers,
    validBody: r.sample(),
    fingerprint,
    runs: 120,
  });
  expect(await count(r)).toBe(before + posted.accepted);
  await fuzzMalformedJson({ app, method: 'POST', url, headers, validBody: r.sample(), fingerprint, runs: 40 });

  const created = await app.inject({ method: 'POST', url, headers, payload: r.sample() });
  const id = (created.json() as { id: string }).id;
  const row = () =>
    r.db.selectFrom(r.table).select(['version', 'title']).where('id', '=', id).executeTakeFirstOrThrow();
  await fuzzWriteRoute({
    app,
    method: 'PUT',
    url: `${url}/${id}`,
    headers,
    validBody: async () => r.sample((await row()).version),
    fingerprint: async () => {
      const { version, title } = await row();
      return `${version}:${title}:${await count(r)}`;
    },
    runs: 80,
  });
}

/** Out-of-range versions answer 400 on body.version; hostile ids answer 4xx on GET, PUT and DELETE. */
export async function expectHostileIdsRefused(r: VersionedRoutes): Promise<void> {
  const { app, headers, url } = r;
  const created = await app.inject({ method: 'POST', url, headers, payload: r.sample() });
  const id = (created.json() as { id: string }).id;
  for (const version of [2 ** 31, 2 ** 40, 2 ** 53 + 2]) {
    const res = await app.inject({ method: 'PUT', url: `${url}/${id}`, headers, payload: r.sample(version) });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.path).toBe('body.version');
  }
  for (const hostile of [
    "1' OR '1'='1",
    '%00',
    'x'.repeat(3000),
    '😀',
    '../profiles',
    '00000000-0000-4000-8000-000000000000',
  ]) {
    for (const [method, payload] of [
      ['GET', undefined],
      ['PUT', r.sample(1)],
      ['DELETE', undefined],
    ] as const) {
      const res = await app.inject({
        method,
        url: `${url}/${encodeURIComponent(hostile)}`,
        headers,
        ...(payload ? { payload } : {}),
      });
      expect(res.statusCode, `${method} ${hostile.slice(0, 20)}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${method} ${hostile.slice(0, 20)}`).toBeLessThan(500);
    }
  }
}
