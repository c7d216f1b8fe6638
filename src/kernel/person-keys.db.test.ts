import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../db/database.js';
import { createTestStore, testStoreKind } from '../db/testing.js';
import { testConfig } from '../shared/config.js';
import { findPersonCipher, instanceCipher, personCipher } from './person-keys.js';

describe(`per-person keys (${testStoreKind()})`, () => {
  let store: Store;
  const cipher = instanceCipher(testConfig());
  beforeAll(async () => {
    store = await createTestStore();
  }, 120_000);
  afterAll(async () => store?.close());

  const keyRows = (subjectId: string) =>
    store.db.selectFrom('person_key').select('wrapped').where('subject_id', '=', subjectId).execute();

  it('makes a key on first use; what it seals opens with the stored key, and the next use finds the same key', async () => {
    const made = await personCipher(store.db, cipher, 'person-first-use', null);
    const sealed = made.encrypt('Amina', 'name');
    expect(await keyRows('person-first-use')).toHaveLength(1);
    expect((await findPersonCipher(store.db, cipher, 'person-first-use'))!.decrypt(sealed, 'name')).toBe('Amina');
    const again = await personCipher(store.db, cipher, 'person-first-use', null);
    expect(again.decrypt(sealed, 'name')).toBe('Amina');
    expect(await keyRows('person-first-use')).toHaveLength(1);
  });

  it('gives concurrent first uses one key: every caller seals with the key that was stored', async () => {
    const ciphers = await Promise.all(
      Array.from({ length: 8 }, () => personCipher(store.db, cipher, 'person-concurrent', null)),
    );
    expect(await keyRows('person-concurrent')).toHaveLength(1);
    const stored = (await findPersonCipher(store.db, cipher, 'person-concurrent'))!;
    for (const [i, c] of ciphers.entries())
      expect(stored.decrypt(c.encrypt(`value ${i}`, 'ctx'), 'ctx')).toBe(`value ${i}`);
  });

  it('finds no key for someone who never had one or whose key was deleted (erasure)', async () => {
    expect(await findPersonCipher(store.db, cipher, 'person-never')).toBeNull();
    await personCipher(store.db, cipher, 'person-erased', null);
    await store.db.deleteFrom('person_key').where('subject_id', '=', 'person-erased').execute();
    expect(await findPersonCipher(store.db, cipher, 'person-erased')).toBeNull();
  });
});
