// The people a route test signs in as, and the requests they make: one fixture, so recognition, passport and CV
// tests do not each repeat the loop of users, sessions and inject calls.
import type { LightMyRequestResponse } from 'fastify';
import type { AuthUser, Role } from '../kernel/auth.js';
import type { TestApp } from './app.js';

export type Headers = Record<string, string>;

/**
 * Creates one user per entry (`key: [role, organisationId]`) with a fresh session, filling `users` and `headers`
 * under the same keys (records the test declared, so its `it` blocks read them after `beforeAll`).
 */
export async function signIn(
  t: TestApp,
  users: Record<string, AuthUser>,
  headers: Record<string, Headers>,
  cast: Record<string, readonly [Role, string]>,
): Promise<void> {
  for (const [key, [role, org]] of Object.entries(cast)) {
    users[key] = await t.user(role, org);
    headers[key] = await t.headersFor(users[key]!);
  }
}

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** `/api/v1` requests as one of the signed-in people (null: anonymous); the app is read when a request is made. */
export function requester(app: () => TestApp, headers: Record<string, Headers>) {
  return (method: Method, url: string, who: string | null, payload?: unknown): Promise<LightMyRequestResponse> =>
    app().app.inject({
      method,
      url: `/api/v1${url}`,
      headers: who ? headers[who] : {},
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
}

/**
 * How long `/api/v1/health` took, sampled every `everyMs` while the requests run (each answer must be 200):
 * work meant to be off the event loop leaves these short.
 */
export async function healthWhile(t: TestApp, requests: Promise<unknown>[], everyMs = 20): Promise<number[]> {
  let done = false;
  void Promise.allSettled(requests).finally(() => (done = true));
  const times: number[] = [];
  while (!done) {
    const start = performance.now();
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    times.push(performance.now() - start);
    if (r.statusCode !== 200) throw new Error(`/health answered ${r.statusCode} while the work ran`);
    await new Promise((res) => setTimeout(res, everyMs));
  }
  return times;
}
