import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, identityRoutes } from '../identity/index.js';
import { defineRoute, type AnyRoute } from '../kernel/route.js';
import { createTestApp, type TestApp } from '../testing/app.js';
import { buildServer } from './app.js';
import { testConfig } from '../shared/config.js';

const echo = defineRoute({
  method: 'POST',
  url: '/test/echo/:id',
  summary: 'echo',
  schema: {
    params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
    body: Type.Object({ items: Type.Array(Type.Object({ level: Type.Integer({ minimum: 0, maximum: 8 }) })) }),
    response: { 201: Type.Object({ count: Type.Integer() }) },
  },
  access: { roles: ['advisor'] },
  handler: async (ctx) => ({ count: ctx.body.items.length }),
});

const nullable = defineRoute({
  method: 'POST',
  url: '/test/nullable',
  summary: 'echo a nullable level',
  schema: {
    querystring: Type.Object({ times: Type.Optional(Type.Integer({ minimum: 1, maximum: 3 })) }),
    body: Type.Object({ level: Type.Union([Type.Integer({ minimum: 0, maximum: 8 }), Type.Null()]) }),
    response: { 200: Type.Object({ level: Type.Union([Type.Integer(), Type.Null()]), times: Type.Integer() }) },
  },
  access: { roles: ['advisor'] },
  handler: async (ctx) => ({ level: ctx.body.level, times: ctx.query.times ?? 1 }),
});

describe('server shell', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ routes: [echo, nullable, ...identityRoutes], config: { loginRatePerMinute: 5 } });
  }, 60_000);
  afterAll(() => t.close());

  it('answers health and ready', async () => {
    expect((await t.app.inject('/api/v1/health')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/api/v1/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe('ready');
    expect(ready.headers['x-request-id']).toMatch(/[0-9a-f-]{36}/);
  });

  it('takes JSON bodies as sent (null stays null, "3" is no number) and coerces the query string', async () => {
    const advisor = await t.headersFor(await t.user('advisor', await t.organisation()));
    const send = (payload: unknown, url = '/api/v1/test/nullable') =>
      t.app.inject({ method: 'POST', url, payload: payload as object, headers: advisor });
    // With coercion, null became 0: "no level" would have been stored as ISCED 0.
    expect((await send({ level: null })).json()).toEqual({ level: null, times: 1 });
    expect((await send({ level: 0 })).json()).toEqual({ level: 0, times: 1 });
    const text = await send({ level: '3' });
    expect(text.statusCode).toBe(400);
    expect(text.json().error.path).toBe('body.level');
    expect((await send({ level: 2 }, '/api/v1/test/nullable?times=3')).json()).toEqual({ level: 2, times: 3 });
  });

  it('publishes OpenAPI 3.1 with the declared routes and their access', async () => {
    const doc = (await t.app.inject('/api/v1/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const op = doc.paths['/api/v1/test/echo/{id}'].post;
    expect(op.description).toContain('Access: advisor');
    expect(op.responses['201']).toBeDefined();
  });

  it('denies by default: 401 anonymous, 403 wrong role, 403 without CSRF header', async () => {
    const org = await t.organisation();
    const id = '00000000-0000-4000-8000-000000000000';
    const body = { items: [] };
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/test/echo/${id}`, payload: body })).statusCode).toBe(
      401,
    );
    const analyst = await t.headersFor(await t.user('analyst', org));
    const r403 = await t.app.inject({
      method: 'POST',
      url: `/api/v1/test/echo/${id}`,
      payload: body,
      headers: analyst,
    });
    expect(r403.statusCode).toBe(403);
    expect(r403.json().error.code).toBe('forbidden');
    const advisor = await t.headersFor(await t.user('advisor', org));
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: `/api/v1/test/echo/${id}`,
      payload: body,
      headers: { cookie: advisor.cookie! },
    });
    expect(noCsrf.json().error.code).toBe('csrf');
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/v1/test/echo/${id}`,
      payload: { items: [{ level: 3 }] },
      headers: advisor,
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toEqual({ count: 1 });
  });

  it('reports validation failures with the field path, never a stack', async () => {
    const org = await t.organisation();
    const h = await t.headersFor(await t.user('advisor', org));
    const url = '/api/v1/test/echo/00000000-0000-4000-8000-000000000000';
    const deep = await t.app.inject({
      method: 'POST',
      url,
      payload: { items: [{ level: 3 }, { level: 9 }] },
      headers: h,
    });
    expect(deep.statusCode).toBe(400);
    expect(deep.json().error).toMatchObject({ code: 'validation', path: 'body.items.1.level' });
    const missing = await t.app.inject({ method: 'POST', url, payload: { items: [{}] }, headers: h });
    expect(missing.json().error.path).toBe('body.items.0.level');
    const badParam = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/echo/nope',
      payload: { items: [] },
      headers: h,
    });
    expect(badParam.json().error.path).toBe('params.id');
    const malformed = await t.app.inject({
      method: 'POST',
      url,
      payload: '{"items": [',
      headers: { ...h, 'content-type': 'application/json' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('malformed_body');
    expect(malformed.body).not.toContain(' at ');
    // Anonymous callers are refused before their body is parsed.
    const anonymous = await t.app.inject({
      method: 'POST',
      url,
      payload: '{"items": [',
      headers: { 'content-type': 'application/json' },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses oversized bodies with 413', async () => {
    const org = await t.organisation();
    const h = await t.headersFor(await t.user('advisor', org));
    const items = Array.from({ length: 120_000 }, () => ({ level: 1 }));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/echo/00000000-0000-4000-8000-000000000000',
      payload: { items },
      headers: h,
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('body_too_large');
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await t.app.inject('/api/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('logs in with the web contract and reads /me', async () => {
    const org = await t.organisation();
    await createUser(t.store.db, {
      organisationId: org,
      role: 'advisor',
      name: 'Ana',
      email: 'Ana@Example.org',
      password: 'correct horse battery',
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'ana@example.org', password: 'correct horse battery' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({ name: 'Ana', role: 'advisor', organisationId: org });
    const cookie = res.cookies.find((c) => c.name === 'corridor_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie: `corridor_session=${cookie.value}` } });
    expect(me.json().user.email).toBe('ana@example.org');
    expect(me.json().csrfToken).toBe(body.csrfToken);
  });

  it('refuses the body types a cross-site form can send, so sign-in cannot be forged either', async () => {
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: 'email=a%40b.org&password=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.statusCode).toBe(415);
    expect(form.json().error.code).toBe('unsupported_media_type');
    const text = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: '{"email":"a@b.org","password":"x"}',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.statusCode).toBe(400);
    expect(text.json().error.code).toBe('validation');
  });

  it('rate-limits sign-in attempts per client address', async () => {
    const attempt = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'x@example.org', password: 'guess-guess' },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt()).statusCode);
    expect(statuses).toContain(429);
    const limited = await attempt();
    expect(limited.json().error.code).toBe('rate_limited');
    expect(limited.headers['retry-after']).toBeDefined();
  });
});

describe('route declarations', () => {
  it('refuses a route without an access declaration at runtime', async () => {
    const noAccess = {
      method: 'GET',
      url: '/x',
      summary: 'x',
      schema: {},
      handler: async () => ({}),
    } as unknown as AnyRoute;
    const store = { db: null, kind: 'pglite', close: async () => {} } as never;
    await expect(buildServer({ store, config: testConfig(), routes: [noAccess], capabilities: [] })).rejects.toThrow(
      /no access declaration/,
    );
    const emptyRoles = { ...noAccess, access: { roles: [] } } as unknown as AnyRoute;
    await expect(buildServer({ store, config: testConfig(), routes: [emptyRoles], capabilities: [] })).rejects.toThrow(
      /non-empty/,
    );
  });

  it('serves the web app with a fallback to index.html for client-side routes', async () => {
    const webDir = mkdtempSync(join(tmpdir(), 'corridor-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Corridor</title>');
    writeFileSync(join(webDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(webDir, 'assets', 'app.js.br'), 'brotli bytes');
    // No database access on these paths, so a stand-in store is enough.
    const store = { db: null, kind: 'pglite', close: async () => {} } as never;
    const app = await buildServer({ store, config: testConfig({ webDir }), routes: [], capabilities: [] });
    try {
      const page = await app.inject('/profiles/123');
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('<title>Corridor</title>');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      // HSTS only when the public address is https (test/security/edges.db.test.ts checks that case).
      expect(page.headers['strict-transport-security']).toBeUndefined();
      const asset = await app.inject('/assets/app.js');
      expect(asset.body).toBe('console.log(1)');
      expect(asset.headers['cache-control']).toContain('immutable');
      const compressed = await app.inject({ url: '/assets/app.js', headers: { 'accept-encoding': 'br, gzip' } });
      expect(compressed.headers['content-encoding']).toBe('br');
      expect(compressed.body).toBe('brotli bytes');
      const missingFile = await app.inject('/assets/missing.js');
      expect(missingFile.statusCode).toBe(404);
      expect(missingFile.json().error.code).toBe('not_found');
      expect((await app.inject('/api/v1/unknown')).json().error.code).toBe('not_found');
    } finally {
      await app.close();
    }
  });

  it('says how to build the web app when it is missing', async () => {
    const store = { db: null, kind: 'pglite', close: async () => {} } as never;
    const webDir = mkdtempSync(join(tmpdir(), 'corridor-noweb-'));
    const app = await buildServer({ store, config: testConfig({ webDir }), routes: [], capabilities: [] });
    try {
      const root = await app.inject('/');
      expect(root.statusCode).toBe(404);
      expect(root.body).toContain('npm run build');
    } finally {
      await app.close();
    }
  });

  it('reports not ready (503) when the database cannot be reached', async () => {
    const broken = { db: null, kind: 'postgres', close: async () => {} } as never;
    const app = await buildServer({ store: broken, config: testConfig(), routes: [], capabilities: [] });
    try {
      const res = await app.inject('/api/v1/ready');
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('not_ready');
      expect((await app.inject('/api/v1/health')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('refuses a route without an access declaration at compile time', () => {
    // @ts-expect-error access is required
    const r = defineRoute({ method: 'GET', url: '/y', summary: 'y', schema: {}, handler: async () => ({}) });
    expect(r).toBeDefined();
  });
});
