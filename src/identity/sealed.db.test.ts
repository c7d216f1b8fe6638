// Issue 11: account and invitation names and e-mails are sealed under their rows' own keys and found by the
// e-mail's keyed index; rows left in clear (before migration 0195, or written without the instance key) still sign
// in and are sealed by the start-up step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/app.js';
import { testStoreKind } from '../db/testing.js';
import { blindIndex, findPersonCipher, instanceCipher } from '../kernel/person-keys.js';
import { createUser } from './directory.js';
import { sealLegacyAccounts, type AccountSeal } from './sealed.js';

const PASSWORD = 'a long enough password';

describe(`sealed names and e-mails (${testStoreKind()})`, () => {
  let t: TestApp;
  let org: string;
  let seal: AccountSeal;
  beforeAll(async () => {
    t = await createTestApp();
    org = await t.organisation('Sealed names PES');
    seal = t.app.corridor.services.get('accountSeal');
  }, 120_000);
  afterAll(() => t.close());

  const login = (email: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: PASSWORD } });
  const row = (id: string) =>
    t.store.db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('keeps no clear name or e-mail, signs in by the e-mail’s index and shows both where they are read', async () => {
    const user = await createUser(
      t.store.db,
      {
        organisationId: org,
        role: 'advisor',
        name: 'Qzxsealed Ngozi',
        email: 'Qzx.Sealed@Example.org',
        password: PASSWORD,
      },
      seal,
    );
    const stored = await row(user.id);
    expect([stored.email, stored.name]).toEqual([null, '']);
    expect(JSON.stringify(stored).toLowerCase()).not.toMatch(/qzxsealed|qzx\.sealed/);
    expect(stored.email_index).toBe(blindIndex(t.config).email('qzx.sealed@example.org'));
    const key = (await findPersonCipher(t.store.db, instanceCipher(t.config), user.id))!;
    expect(key.decrypt(stored.email_enc!, `app_user.email:${user.id}`)).toBe('qzx.sealed@example.org');

    // Sign-in compares the address as before: trimmed and case-insensitive.
    const ok = await login('  QZX.sealed@example.ORG ');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().user.name).toBe('Qzxsealed Ngozi');
    const headers = {
      cookie: `corridor_session=${ok.cookies.find((c) => c.name === 'corridor_session')!.value}`,
      'x-csrf-token': ok.json().csrfToken as string,
    };
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers });
    expect(me.json().user).toMatchObject({ name: 'Qzxsealed Ngozi', email: 'qzx.sealed@example.org' });
    expect((await login('qzx.other@example.org')).statusCode).toBe(401);

    // One account per address.
    await expect(
      createUser(
        t.store.db,
        { organisationId: org, role: 'advisor', name: 'Twin', email: 'QZX.sealed@example.org' },
        seal,
      ),
    ).rejects.toMatchObject({ code: 'email_taken' });
  });

  it('leaves a keyless twin of a sealed address in clear instead of stopping the start-up seal', async () => {
    await createUser(
      t.store.db,
      { organisationId: org, role: 'advisor', name: 'First', email: 'qzx.twin@example.org', password: PASSWORD },
      seal,
    );
    // Code without the instance key (a CLI fixture) cannot see the sealed address.
    const twin = await createUser(t.store.db, {
      organisationId: org,
      role: 'advisor',
      name: 'Twin',
      email: 'qzx.twin@example.org',
    });
    expect(await sealLegacyAccounts(t.store.db, seal)).toBe(0);
    expect((await row(twin.id)).email).toBe('qzx.twin@example.org');
    await t.store.db.deleteFrom('app_user').where('id', '=', twin.id).execute();
  });

  it('seals rows left in clear at start; they sign in before and after, and the list shows them by name', async () => {
    const clear = await createUser(t.store.db, {
      organisationId: org,
      role: 'org_admin',
      name: 'Aaron Qzxlegacy',
      email: 'qzx.legacy@example.org',
      password: PASSWORD,
    });
    expect((await row(clear.id)).email).toBe('qzx.legacy@example.org');
    expect((await login('qzx.legacy@example.org')).statusCode).toBe(200);
    const invited = await t.app.inject({
      method: 'POST',
      url: `/api/v1/organisations/${org}/invitations`,
      headers: await t.headersFor(clear),
      payload: { email: 'qzx.invitee@example.org', name: 'Qzxinvitee', role: 'advisor' },
    });
    expect(invited.statusCode, invited.body).toBe(201);
    expect(invited.json().invitation).toMatchObject({ email: 'qzx.invitee@example.org', name: 'Qzxinvitee' });

    expect(await sealLegacyAccounts(t.store.db, seal, 1)).toBeGreaterThanOrEqual(1);
    expect(await sealLegacyAccounts(t.store.db, seal)).toBe(0);
    const stored = await row(clear.id);
    expect([stored.email, stored.name]).toEqual([null, '']);
    const ok = await login('qzx.legacy@example.org');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().user.name).toBe('Aaron Qzxlegacy');

    const admin = await t.headersFor({ ...clear, name: 'Aaron Qzxlegacy' });
    const users = await t.app.inject({ method: 'GET', url: `/api/v1/organisations/${org}/users`, headers: admin });
    const names = (users.json().users as { name: string; email: string }[]).map((u) => u.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(users.json().users).toContainEqual(
      expect.objectContaining({ name: 'Aaron Qzxlegacy', email: 'qzx.legacy@example.org' }),
    );
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/organisations/${org}/invitations`, headers: admin });
    expect(list.json().invitations).toContainEqual(
      expect.objectContaining({ name: 'Qzxinvitee', email: 'qzx.invitee@example.org' }),
    );
    // A revoked invitation's key goes with it.
    const id: string = invited.json().invitation.id;
    expect(await findPersonCipher(t.store.db, seal.cipher, id)).not.toBeNull();
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/organisations/${org}/invitations/${id}`,
      headers: admin,
    });
    expect(revoked.statusCode, revoked.body).toBeLessThan(300);
    expect(await findPersonCipher(t.store.db, seal.cipher, id)).toBeNull();
  });
});
