// Issue 11, findings 7, 8, 10–13 and HSTS: input the database refuses is a 400 naming the field, never a 500 with
// the value in the log; framework errors keep the error shape; closed training offers stay home; an organisation's
// export omits the account's sign-in data and its audit entry names the decrypted fields.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKind } from '../../src/db/testing.js';
import type { AuthUser } from '../../src/kernel/auth.js';
import { sampleProfile } from '../../src/profiles/testing.js';
import { sampleTrainingOffer } from '../../src/training/testing.js';
import { securityWorld, type SecurityWorld } from './world.js';

describe(`edges of the API (${testStoreKind()})`, () => {
  let w: SecurityWorld;
  let orgA: string;
  let orgB: string;
  const u: Record<string, AuthUser> = {};
  const h: Record<string, Record<string, string>> = {};
  const send = (method: 'GET' | 'POST' | 'PUT', url: string, who: string | null, payload?: unknown) =>
    w.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { ...(who ? h[who] : {}), ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(payload !== undefined ? { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) } : {}),
    });

  beforeAll(async () => {
    w = await securityWorld({ publicUrl: 'https://corridor.example.org' });
    orgA = await w.organisation();
    orgB = await w.organisation();
    for (const [key, role, org] of [
      ['advisor', 'advisor', orgA],
      ['admin', 'org_admin', orgA],
      ['advisorB', 'advisor', orgB],
      ['migrant', 'migrant', orgA],
    ] as const) {
      u[key] = await w.user(role, org);
      h[key] = await w.headersFor(u[key]!);
    }
  });
  afterAll(async () => w?.close());

  it('answers a NUL byte or a lone surrogate anywhere with a 400 naming the field, and logs no value', async () => {
    const profile = await send('POST', '/profiles', 'advisor', sampleProfile());
    expect(profile.statusCode, profile.body).toBe(201);
    const id = profile.json().id;
    const cases: [string, Promise<{ statusCode: number; json(): { error: { path?: string } } }>, string][] = [
      [
        'login email',
        send('POST', '/auth/login', null, { email: 'a\u0000@x.org', password: 'x'.repeat(12) }),
        'body.email',
      ],
      [
        'consent note',
        send('POST', `/migrants/${id}/consents`, 'advisor', {
          purpose: 'profiling',
          note: 'Client disclosed qzxtrafficking\u0000',
        }),
        'body.note',
      ],
      ['organisation id', send('GET', '/organisations/%00', 'advisor'), 'params.organisationId'],
      ['audit filter', send('GET', '/audit?entity=%00', 'admin'), 'querystring.entity'],
      // A lone surrogate has no UTF-8 form; JSON can carry it escaped.
      [
        'lone surrogate',
        send('POST', `/migrants/${id}/consents`, 'advisor', '{"purpose":"profiling","note":"\\ud800 qzx"}'),
        'body.note',
      ],
      ['session id', send('POST', '/me/sessions/revoke', 'advisor', { sessionId: 'a\u0000b' }), 'body.sessionId'],
    ];
    for (const [what, pending, path] of cases) {
      const res = await pending;
      expect(res.statusCode, what).toBe(400);
      expect(res.json().error.path, what).toBe(path);
    }
    expect(w.logs.join('')).not.toContain('qzx');
  });

  it('keeps the error shape for errors the router raises', async () => {
    const long = await send('GET', `/profiles/${'a'.repeat(600)}`, 'advisor');
    expect(long.statusCode).toBe(414);
    expect(long.json().error.code).toBe('url_too_long');
    const bad = await w.app.inject({ method: 'GET', url: '/api/v1/profiles/%E0%A4%A', headers: h.advisor });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('bad_url');
  });

  it('sends HSTS when the public address is https', async () => {
    const res = await send('GET', '/health', null);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('keeps a closed training offer from other organisations', async () => {
    const made = await send('POST', '/training-offers', 'advisor', sampleTrainingOffer());
    expect(made.statusCode, made.body).toBe(201);
    const offer = made.json();
    expect((await send('GET', `/training-offers/${offer.id}`, 'advisorB')).statusCode).toBe(200);
    const closed = await send('PUT', `/training-offers/${offer.id}`, 'advisor', {
      ...sampleTrainingOffer(),
      status: 'closed',
      version: offer.version,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await send('GET', `/training-offers/${offer.id}`, 'advisorB')).statusCode).toBe(404);
    expect((await send('GET', `/training-offers/${offer.id}`, 'advisor')).statusCode).toBe(200);
  });

  it("leaves the account's sessions out of an organisation's export and names the decrypted fields in its audit", async () => {
    const made = await send('POST', '/profiles', 'advisor', sampleProfile({ userId: u.migrant!.id }));
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id;
    const byOrg = await send('GET', `/migrants/${id}/export`, 'advisor');
    expect(byOrg.statusCode, byOrg.body).toBe(200);
    expect(byOrg.json().sections.identity.sessions).toEqual([]);
    const own = await send('GET', '/me/export', 'migrant');
    expect(own.json().sections.identity.sessions.length).toBeGreaterThan(0);
    const entry = await w.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'export')
      .where('entity_id', '=', id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.fields).toEqual(expect.arrayContaining(['workAuthorization.migrationStatus']));
  });
});
