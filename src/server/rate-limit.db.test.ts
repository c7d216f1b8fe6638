// The credential routes' rate limit is counted in the database: two server instances on one database limit a
// client address together. Other rate-limited routes keep the in-memory limiter and write nothing.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../db/database.js';
import { createTestStore } from '../db/testing.js';
import { createOrganisation, createUser, identityRoutes } from '../identity/index.js';
import { testConfig } from '../shared/config.js';
import { buildServer } from './app.js';
import { defineRoute } from '../kernel/route.js';

const LIMIT = 3;

const ping = defineRoute({
  method: 'GET',
  url: '/test/ping',
  summary: 'a public route limited in memory, like search',
  schema: { response: { 200: Type.Object({ ok: Type.Boolean() }) } },
  access: { roles: 'public' },
  rateLimitPerMinute: 2,
  handler: async () => ({ ok: true }),
});

describe('shared rate limit of the credential routes', () => {
  let store: Store;
  let a: FastifyInstance;
  let b: FastifyInstance;
  // One clock for both instances, moved by the tests; starts at a window boundary plus a few seconds.
  let now = Date.UTC(2026, 10, 21, 12, 0, 5);
  const clock = () => now;

  beforeAll(async () => {
    store = await createTestStore();
    const build = async () => {
      const app = await buildServer({
        store,
        config: testConfig({ loginRatePerMinute: LIMIT, logLevel: 'silent' }),
        routes: [ping, ...identityRoutes],
        rateLimitClock: clock,
      });
      await app.ready();
      return app;
    };
    a = await build();
    b = await build();
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await store?.close();
  });
  beforeEach(async () => {
    now += 60_000; // a fresh window for every test
  });

  const login = (app: FastifyInstance, remoteAddress = '203.0.113.7') =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress,
      payload: { email: 'nobody@example.org', password: 'guess-guess' },
    });
  const rows = async () =>
    (
      await sql<{ key: string; hits: number }>`select key, hits from rate_limit_hit order by window_start`.execute(
        store.db,
      )
    ).rows;

  it('limits one address across two instances at the configured limit', async () => {
    // LIMIT attempts spread over both instances are answered (401: unknown account)…
    expect((await login(a)).statusCode).toBe(401);
    expect((await login(b)).statusCode).toBe(401);
    const third = await login(a);
    expect(third.statusCode).toBe(401);
    expect(third.headers['x-ratelimit-limit']).toBe(String(LIMIT));
    expect(third.headers['x-ratelimit-remaining']).toBe('0');
    // …the next one is refused on either instance (each alone has seen fewer than LIMIT).
    for (const app of [b, a]) {
      const limited = await login(app);
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toEqual({ error: { code: 'rate_limited', message: 'Too many requests; retry in 55 s' } });
      expect(limited.headers['retry-after']).toBe('55');
      expect(limited.headers['x-ratelimit-limit']).toBe(String(LIMIT));
      expect(limited.headers['x-ratelimit-remaining']).toBe('0');
      expect(limited.headers['x-ratelimit-reset']).toBe('55');
    }
  });

  it('does not limit another address', async () => {
    for (let i = 0; i < LIMIT + 1; i++) await login(i % 2 ? a : b);
    expect((await login(a)).statusCode).toBe(429);
    expect((await login(b, '198.51.100.9')).statusCode).toBe(401);
    expect((await login(a, '198.51.100.9')).statusCode).toBe(401);
  });

  it('starts counting afresh in a new window', async () => {
    for (let i = 0; i < LIMIT + 1; i++) await login(i % 2 ? a : b);
    expect((await login(b)).statusCode).toBe(429);
    now += 60_000;
    expect((await login(b)).statusCode).toBe(401);
    expect((await login(a)).statusCode).toBe(401);
  });

  it('counts each credential route separately, and stores no address in clear', async () => {
    for (let i = 0; i < LIMIT + 1; i++) await login(a, '192.0.2.44');
    expect((await login(b, '192.0.2.44')).statusCode).toBe(429);
    // Password reset has its own count for the same address (a made-up token: 4xx, but not 429).
    const reset = await b.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      remoteAddress: '192.0.2.44',
      payload: { token: 'not-a-real-token-0123456789', password: 'new-password-1' },
    });
    expect(reset.statusCode).not.toBe(429);
    expect(reset.statusCode).toBeLessThan(500);
    const all = await rows();
    expect(all.length).toBeGreaterThan(0);
    for (const row of all) {
      expect(row.key).not.toContain('192.0.2');
      expect(row.key).not.toContain('203.0.113');
      expect(row.key).not.toContain('/auth/');
    }
  });

  it('keeps the in-memory limiter for other routes: per instance, and nothing written', async () => {
    const before = await rows();
    const ping = (app: FastifyInstance) => app.inject({ url: '/api/v1/test/ping', remoteAddress: '203.0.113.99' });
    expect((await ping(a)).statusCode).toBe(200);
    expect((await ping(a)).statusCode).toBe(200);
    expect((await ping(a)).statusCode).toBe(429);
    // The other instance counts on its own.
    expect((await ping(b)).statusCode).toBe(200);
    expect(await rows()).toEqual(before);
  });

  it('purges windows that ended over an hour ago', async () => {
    await login(a, '192.0.2.1');
    expect((await rows()).length).toBeGreaterThan(0);
    now += 2 * 60 * 60_000;
    await login(a, '192.0.2.2'); // the purge is due on this instance: everything older than an hour goes
    const left = (
      await sql<{ n: number }>`select count(*)::int as n from rate_limit_hit where window_start < ${new Date(
        now - 60 * 60_000,
      ).toISOString()}::timestamptz`.execute(store.db)
    ).rows[0]?.n;
    expect(left).toBe(0);
    expect((await rows()).length).toBe(1);
  });
});

describe('shared rate limit without its database', () => {
  let store: Store;
  let app: FastifyInstance;
  beforeAll(async () => {
    store = await createTestStore();
    app = await buildServer({
      store,
      config: testConfig({ loginRatePerMinute: 100, logLevel: 'silent' }),
      routes: identityRoutes,
    });
    await app.ready();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('fails closed: 503 with the uniform error body, and the sign-in is not tried', async () => {
    const org = await createOrganisation(store.db, { name: 'Outage org', type: 'public_employment_service' });
    const email = 'outage.advisor@example.org';
    await createUser(store.db, {
      organisationId: org.id,
      role: 'advisor',
      name: 'A',
      email,
      password: 'right-password-1',
    });
    const failures = async () =>
      (
        await store.db
          .selectFrom('app_user')
          .select('failed_logins')
          .where('email', '=', email)
          .executeTakeFirstOrThrow()
      ).failed_logins;
    await sql`alter table rate_limit_hit rename to rate_limit_hit_gone`.execute(store.db);
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password: 'wrong-password' },
      });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({
        error: { code: 'unavailable', message: 'Temporarily unavailable; try again shortly' },
      });
    } finally {
      await sql`alter table rate_limit_hit_gone rename to rate_limit_hit`.execute(store.db);
    }
    expect(await failures()).toBe(0);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody@example.org', password: 'guess-guess' },
    });
    expect(ok.statusCode).toBe(401);
  });
});

describe('route declarations', () => {
  it('marks exactly the routes limited by loginRatePerMinute as shared', () => {
    const config = testConfig({ loginRatePerMinute: 7777 });
    for (const route of identityRoutes) {
      const limit = typeof route.rateLimitPerMinute === 'function' ? route.rateLimitPerMinute(config) : undefined;
      expect({ url: route.url, shared: route.rateLimitShared === true }).toEqual({
        url: route.url,
        shared: limit === 7777,
      });
    }
    expect(identityRoutes.filter((r) => r.rateLimitShared).map((r) => `${r.method} ${r.url}`)).toHaveLength(3);
  });
});
