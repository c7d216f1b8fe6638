// A consent's note is sealed under the migrant's key on both stores: the row holds only the ciphertext, the reads
// that show the note open it, a note written before migration 0196 is sealed at start, and once the key is gone
// (erasure) the note reads as null.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKind } from '../db/testing.js';
import { destroyPersonKey, findPersonCipher, instanceCipher } from '../kernel/person-keys.js';
import { createTestApp, type TestApp } from '../testing/app.js';
import { sealLegacyConsentNotes } from './consent.js';

const NOTE = 'explained with interpreter qzxconsentnote';

describe(`consent notes are sealed (${testStoreKind()})`, () => {
  let t: TestApp;
  let migrantId: string;
  let advisorH: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    const org = await t.organisation('NGO A');
    const migrant = await t.user('migrant', org, 'Amina');
    migrantId = await t.app.corridor.services.get('migrants').ensureMigrantForUser(t.store.db, migrant);
    advisorH = await t.headersFor(await t.user('advisor', org));
  });
  afterAll(async () => t?.close());

  const give = (purpose: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/migrants/${migrantId}/consents`,
      headers: advisorH,
      payload: { purpose, note: NOTE },
    });
  const notes = async () =>
    (await t.app.inject({ url: `/api/v1/migrants/${migrantId}/consents`, headers: advisorH })).json().consents as {
      id: string;
      note: string | null;
    }[];
  const row = (id: string) =>
    t.store.db.selectFrom('consent').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('stores only the ciphertext under the migrant’s key and shows the note where it is read', async () => {
    const given = await give('profiling');
    expect(given.statusCode).toBe(201);
    expect(given.json().note).toBe(NOTE);
    const stored = await row(given.json().id);
    expect(stored.note).toBeNull();
    expect(JSON.stringify(stored)).not.toContain('qzxconsentnote');
    const key = await findPersonCipher(t.store.db, instanceCipher(t.config), migrantId);
    expect(key!.decrypt(stored.note_enc!, `consent.note:${stored.id}`)).toBe(NOTE);
    // Bound to its row: another consent's context does not open it.
    expect(() => key!.decrypt(stored.note_enc!, `consent.note:${migrantId}`)).toThrow();
    expect((await notes()).find((c) => c.id === stored.id)?.note).toBe(NOTE);
    const withdrawn = await t.app.inject({
      method: 'POST',
      url: `/api/v1/migrants/${migrantId}/consents/${stored.id}/withdraw`,
      headers: advisorH,
    });
    expect(withdrawn.json().note).toBe(NOTE);
  });

  it('seals a note left in clear at start, then finds none; without the key the note reads as null', async () => {
    const given = await give('anonymised_statistics');
    // As migration 0196 found it: the note in clear, no ciphertext.
    await t.store.db
      .updateTable('consent')
      .set({ note: 'legacy qzxconsentnote', note_enc: null })
      .where('id', '=', given.json().id)
      .execute();
    expect((await notes()).find((c) => c.id === given.json().id)?.note).toBe('legacy qzxconsentnote');
    const cipher = instanceCipher(t.config);
    expect(await sealLegacyConsentNotes(t.store.db, cipher, 1)).toBe(1);
    expect(await sealLegacyConsentNotes(t.store.db, cipher)).toBe(0);
    const stored = await row(given.json().id);
    expect(stored.note).toBeNull();
    const key = await findPersonCipher(t.store.db, cipher, migrantId);
    expect(key!.decrypt(stored.note_enc!, `consent.note:${stored.id}`)).toBe('legacy qzxconsentnote');
    expect((await notes()).find((c) => c.id === given.json().id)?.note).toBe('legacy qzxconsentnote');

    expect(await destroyPersonKey(t.store.db, migrantId)).toBe(1);
    expect((await notes()).map((c) => c.note)).toEqual((await notes()).map(() => null));
    expect(() => cipher.decrypt(stored.note_enc!, `consent.note:${stored.id}`)).toThrow();
  });
});
