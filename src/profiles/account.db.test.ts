// An advisor gives a person they added an account: accepting the invitation opens that very profile (not a new,
// empty one); a profile with an account cannot be invited again; another organisation cannot even try.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKind } from '../db/testing.js';
import type { AuthUser } from '../kernel/auth.js';
import { createTestApp, type TestApp } from '../testing/app.js';
import { seedProfile } from './testing.js';

describe(`the person's own account (${testStoreKind()})`, () => {
  let t: TestApp;
  let advisor: AuthUser;
  let h: Record<string, string>;
  let hOther: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    const org = await t.organisation();
    advisor = await t.user('advisor', org);
    h = await t.headersFor(advisor);
    hOther = await t.headersFor(await t.user('advisor', await t.organisation()));
  }, 120_000);
  afterAll(async () => t?.close());

  const lastPosition = async () =>
    Number(
      (await sql<{ p: string | null }>`select max(position)::text as p from change_log`.execute(t.store.db)).rows[0]!
        .p ?? 0,
    );
  const changesSince = async (position: number) =>
    (
      await sql<{ entity: string; entity_id: string; op: string }>`
        select entity, entity_id, op from change_log where position > ${position} order by position`.execute(t.store.db)
    ).rows;

  it('links the accepted account to the profile the advisor made', async () => {
    const profile = await seedProfile(t.app.corridor.kernel, { user: advisor }, { displayName: 'Hassan Darwish' });
    const url = `/api/v1/profiles/${profile.id}/invitation`;
    const payload = { email: 'hassan.darwish@example.org' };
    expect((await t.app.inject({ method: 'POST', url, headers: hOther, payload })).statusCode).toBe(404);
    const bad = await t.app.inject({ method: 'POST', url, headers: h, payload: { email: 'nope' } });
    expect(bad.statusCode).toBe(400);
    const before = await lastPosition();
    const made = await t.app.inject({ method: 'POST', url, headers: h, payload });
    expect(made.statusCode, made.body).toBe(201);
    // One command, one transaction: the invitation (with its link to the profile) is the one entity changed.
    const link = await t.store.db
      .selectFrom('profile_invitation')
      .select('invitation_id')
      .where('profile_id', '=', profile.id)
      .executeTakeFirstOrThrow();
    expect(await changesSince(before)).toEqual([{ entity: 'invitation', entity_id: link.invitation_id, op: 'create' }]);
    expect(made.json()).toMatchObject({ emailed: false, acceptUrl: expect.stringContaining('/invitation#') });
    const token = made.json().acceptUrl.split('#')[1];
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/invitations/accept',
      payload: { token, password: 'a long enough password' },
    });
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.json().user).toMatchObject({ role: 'migrant', name: 'Hassan Darwish' });
    const cookie = accepted.headers['set-cookie'];
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: (Array.isArray(cookie) ? cookie[0]! : cookie!).split(';')[0]! },
    });
    expect(me.json().migrantId).toBe(profile.id);
    const beforeAgain = await lastPosition();
    const again = await t.app.inject({ method: 'POST', url, headers: h, payload: { email: 'other@example.org' } });
    expect(again.statusCode).toBe(409);
    expect(await changesSince(beforeAgain)).toEqual([]);
  });
});
