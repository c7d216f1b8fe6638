// Issue 11, finding 6 (in part): a locked account is indistinguishable from an unknown email or a wrong password to
// anyone without the password — same status, same body, same argon2 cost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKind } from '../../src/db/testing.js';
import { hashPassword } from '../../src/identity/auth.js';
import { createTestApp, type TestApp } from '../../src/testing/app.js';

const PASSWORD = 'correct horse battery 42';

describe(`sign-in tells nothing (${testStoreKind()})`, () => {
  let t: TestApp;
  const login = (email: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });

  beforeAll(async () => {
    t = await createTestApp({ config: { loginMaxFailures: 3, loginRatePerMinute: 10_000 } });
    const org = await t.organisation();
    for (const who of ['locked', 'open']) {
      const u = await t.user('advisor', org);
      await t.store.db
        .updateTable('app_user')
        .set({ email: `${who}@example.org`, password_hash: await hashPassword(PASSWORD) })
        .where('id', '=', u.id)
        .execute();
    }
    for (let i = 0; i < 3; i++) await login('locked@example.org', 'wrong password here');
  });
  afterAll(async () => t?.close());

  it('answers a locked account with a wrong password exactly as an unknown email and a wrong password', async () => {
    const unknown = await login('nobody@example.org', 'wrong password here');
    const wrong = await login('open@example.org', 'wrong password here');
    const locked = await login('locked@example.org', 'wrong password here');
    for (const r of [unknown, wrong, locked]) {
      expect(r.statusCode).toBe(401);
      expect(r.json()).toEqual({ error: { code: 'invalid_credentials', message: 'Email or password is wrong' } });
    }
    // The holder of the password learns of the lock.
    expect((await login('locked@example.org', PASSWORD)).json().error.code).toBe('account_locked');
  });

  it('takes the same time for a locked account and an unknown email (median of 20 tries each)', async () => {
    const median = async (email: string) => {
      const times: number[] = [];
      for (let i = 0; i < 20; i++) {
        // Keep the open account below the lock-out, so its tries stay "wrong password".
        await t.store.db
          .updateTable('app_user')
          .set({ failed_logins: 0, locked_until: null })
          .where('email', '=', 'open@example.org')
          .execute();
        const start = performance.now();
        await login(email, `wrong password ${i}`);
        times.push(performance.now() - start);
      }
      return times.sort((a, b) => a - b)[10]!;
    };
    const [unknown, wrong, locked] = [
      await median('nobody@example.org'),
      await median('open@example.org'),
      await median('locked@example.org'),
    ];
    // Before the fix a locked account answered in ~5 ms against ~17+ ms (argon2). Each is now one argon2 verify;
    // the bound allows for a shared machine: within 10 ms or a quarter of the unknown-email time.
    // A wrong password for an existing account also writes its failure count and audit entry (a few ms more on
    // PostgreSQL): not equalised yet (docs/SECURITY.md, Known limits); the locked/unknown pair is the one fixed here.
    const bound = Math.max(10, unknown / 4);
    const medians = `unknown ${unknown.toFixed(1)} ms, wrong ${wrong.toFixed(1)} ms, locked ${locked.toFixed(1)} ms`;
    expect(Math.abs(locked - unknown), medians).toBeLessThan(bound);
  });
});
