// Issue 11: the stored reply of an idempotent profile create (kept about a day so a retry gets the same answer) held
// the profile as answered, permit types included (e.g. `international-protection`), in clear. It is now sealed
// under the person's key (src/kernel/command.ts): the row holds no name or permit type, a retry gets the identical
// body, and once the person is erased no copy of the row opens.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKind } from '../../src/db/testing.js';
import { findPersonCipher, instanceCipher } from '../../src/kernel/person-keys.js';
import { sampleProfile } from '../../src/profiles/testing.js';
import { securityWorld, type SecurityWorld } from './world.js';

const NAME = 'Amina Qzxreply';
const PERMIT = 'international-protection';
const DOCUMENT = 'QZXREPLY-7781';

describe(`stored idempotent replies are sealed (${testStoreKind()})`, () => {
  let w: SecurityWorld;
  let org: string;
  let advisorH: Record<string, string>;
  let adminH: Record<string, string>;

  beforeAll(async () => {
    w = await securityWorld();
    org = await w.organisation();
    advisorH = await w.headersFor(await w.user('advisor', org));
    adminH = await w.headersFor(await w.user('org_admin', org));
  });
  afterAll(async () => w?.close());

  it('keeps no name or permit type in the row, replays the identical body, and opens no more after erasure', async () => {
    const id = randomUUID();
    const key = `create-${id}`;
    const create = () =>
      w.app.inject({
        method: 'POST',
        url: '/api/v1/profiles',
        headers: { ...advisorH, 'idempotency-key': key },
        payload: sampleProfile({
          id,
          displayName: NAME,
          workAuthorization: {
            migrationStatus: 'refugee status',
            permits: [{ country: 'ES', type: PERMIT, validUntil: '2030-01-01', sectors: [], documentNumber: DOCUMENT }],
          },
        }),
      });
    const first = await create();
    expect(first.statusCode, first.body).toBe(201);
    // The answer itself names the permit type: what the stored copy must not show.
    expect(first.json().workAuthorization.permits[0].type).toBe(PERMIT);

    const row = await w.store.db
      .selectFrom('idempotency_key')
      .selectAll()
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    const stored = JSON.stringify(row.response);
    for (const needle of [PERMIT, 'Qzxreply', DOCUMENT, 'refugee status']) expect(stored).not.toContain(needle);
    expect(row.response).toMatchObject({ sealed: 'reply-v1', subjects: [id] });

    const replay = await create();
    expect(replay.statusCode).toBe(first.statusCode);
    expect(replay.body).toBe(first.body);
    const profiles = await w.store.db.selectFrom('profile').select('id').where('id', '=', id).execute();
    expect(profiles).toHaveLength(1);

    const erased = await w.app.inject({
      method: 'POST',
      url: `/api/v1/migrants/${id}/erasure`,
      headers: adminH,
      payload: { confirm: true, reason: 'on request' },
    });
    expect(erased.statusCode, erased.body).toBe(200);
    // Erasure still finds the row by the person's id (src/identity/data-rights.ts) and deletes it.
    expect(await w.store.db.selectFrom('idempotency_key').select('key').where('key', '=', key).execute()).toEqual([]);
    // A copy of the row taken before (a backup, the WAL) opens with nothing the server still holds.
    const instance = instanceCipher(w.config);
    expect(await findPersonCipher(w.store.db, instance, id)).toBeNull();
    const sealed = row.response as { body: string; shares: string[] };
    expect(() => instance.decrypt(sealed.body, `idempotency_key.response:${row.actor}:${key}`)).toThrow();
    expect(() => instance.decrypt(sealed.shares[0]!, `idempotency_key.share:${row.actor}:${key}:${id}`)).toThrow();
  });
});
