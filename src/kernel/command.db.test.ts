import { sql } from 'kysely';
import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../db/database.js';
import { createTestStore, testStoreKind } from '../db/testing.js';
import { randomUUID } from 'node:crypto';
import { CLOSED } from '../shared/typebox.js';
import type { AuthUser } from './auth.js';
import { defineCommand, SYSTEM, type Kernel } from './command.js';
import { DomainError, invalid } from './errors.js';
import { testKernel } from './testing.js';
import { destroyPersonKey, findPersonCipher, personCipher } from './person-keys.js';

// A tiny capability of its own: notes in the organisation table's name column would be wrong, so the test uses
// the change log and audit log only, through commands that write organisations.
const renameOrganisation = defineCommand({
  name: 'test.rename',
  roles: ['org_admin'],
  input: Type.Object({ organisationId: Type.String(), names: Type.Array(Type.String({ minLength: 1 })) }, CLOSED),
  rule: async (ctx, input) => (ctx.user?.organisationId === input.organisationId ? true : 'not-found'),
  run: async (ctx, input) => {
    for (const name of input.names) {
      if (name === 'fail') throw invalid('refused on purpose', 'names');
      await ctx.db.updateTable('organisation').set({ name }).where('id', '=', input.organisationId).execute();
      ctx.changed({
        entity: 'organisation',
        id: input.organisationId,
        op: 'update',
        organisationId: input.organisationId,
      });
      ctx.audit({ action: 'update', entity: 'organisation', entityId: input.organisationId });
    }
    return { renamed: input.names.length };
  },
});

const createNote = defineCommand({
  name: 'test.createNote',
  roles: ['org_admin'],
  input: Type.Object({ id: Type.String(), text: Type.String() }, CLOSED),
  run: async (ctx, input) => {
    // Organisations stand in for "a record": one row per create, so duplicates would show.
    await ctx.db
      .insertInto('organisation')
      .values({ id: input.id, organisation_id: input.id, name: `note ${input.id} ${input.text}`, type: 'ngo' })
      .execute();
    ctx.changed({ entity: 'note', id: input.id, op: 'create' });
    return { id: input.id, text: input.text, at: new Date().toISOString() };
  },
});

// A create about people: the reply names them and their permit, as a profile create's reply does (issue 11).
const enrolPerson = defineCommand({
  name: 'test.enrolPerson',
  roles: ['org_admin'],
  input: Type.Object(
    { id: Type.String(), name: Type.String(), permitType: Type.String(), relatives: Type.Array(Type.String()) },
    CLOSED,
  ),
  run: async (ctx, input) => {
    await ctx.db
      .insertInto('organisation')
      .values({ id: input.id, organisation_id: input.id, name: `person ${input.id}`, type: 'ngo' })
      .execute();
    for (const subjectId of [input.id, ...input.relatives]) {
      ctx.changed({
        entity: 'person',
        id: subjectId,
        op: 'create',
        organisationId: ctx.user!.organisationId,
        subjectId,
      });
    }
    return {
      id: input.id,
      displayName: input.name,
      relatives: input.relatives,
      permits: [{ country: 'ES', type: input.permitType, validUntil: '2030-01-01' }],
    };
  },
});

// An erasure in miniature: the person's key goes, and the change says they were deleted.
const forgetPerson = defineCommand({
  name: 'test.forgetPerson',
  roles: ['org_admin'],
  input: Type.Object({ id: Type.String() }, CLOSED),
  run: async (ctx, input) => {
    await destroyPersonKey(ctx.db, input.id);
    ctx.changed({ entity: 'person', id: input.id, op: 'delete', subjectId: input.id });
    return { erased: input.id };
  },
});

async function seedOrganisation(db: Store['db']): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('organisation')
    .values({ id, organisation_id: id, name: `org ${id}`, type: 'ngo' })
    .execute();
  return id;
}

async function seedUser(db: Store['db'], organisationId: string, role: AuthUser['role']): Promise<AuthUser> {
  const id = randomUUID();
  const email = `${role}-${id}@example.org`;
  await db
    .insertInto('app_user')
    .values({ id, organisation_id: organisationId, email, name: role, role, updated_at: new Date() })
    .execute();
  return { id, name: role, email, role, organisationId };
}

describe(`commands (${testStoreKind()})`, () => {
  let store: Store;
  let kernel: Kernel;
  let admin: AuthUser;
  let org: string;

  const changesFor = async (id: string) =>
    (
      await sql<{ entity: string; op: string }>`select entity, op from change_log where entity_id = ${id}`.execute(
        store.db,
      )
    ).rows;
  const auditsFor = async (id: string) =>
    (await sql<{ n: number }>`select count(*)::int as n from audit_log where entity_id = ${id}`.execute(store.db))
      .rows[0]!.n;

  beforeAll(async () => {
    store = await createTestStore();
    kernel = await testKernel(store.db);
    org = await seedOrganisation(store.db);
    admin = await seedUser(store.db, org, 'org_admin');
  }, 120_000);
  afterAll(async () => store?.close());

  it('appends one change entry per changed entity and every audit entry, in the command’s transaction', async () => {
    const result = await kernel.execute(
      renameOrganisation,
      { user: admin },
      { organisationId: org, names: ['a', 'b'] },
    );
    expect(result).toEqual({ renamed: 2 });
    expect(await changesFor(org)).toEqual([{ entity: 'organisation', op: 'update' }]);
    expect(await auditsFor(org)).toBe(2);
  });

  it('leaves nothing behind when a command fails: no record change, no change entry, no audit entry', async () => {
    const before = { changes: (await changesFor(org)).length, audits: await auditsFor(org) };
    const err = await kernel
      .execute(renameOrganisation, { user: admin }, { organisationId: org, names: ['c', 'fail'] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).path).toBe('names');
    const row = await store.db.selectFrom('organisation').select('name').where('id', '=', org).executeTakeFirst();
    expect(row?.name).toBe('b');
    expect({ changes: (await changesFor(org)).length, audits: await auditsFor(org) }).toEqual(before);
  });

  it('checks the role, validates the input, then the record rule — before running anything', async () => {
    const advisor = await seedUser(store.db, org, 'advisor');
    const other = await seedUser(store.db, await seedOrganisation(store.db), 'org_admin');
    const kindOf = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: DomainError) => `${e.kind}:${e.path ?? ''}`,
      );
    expect(
      await kindOf(kernel.execute(renameOrganisation, { user: advisor }, { organisationId: org, names: [] })),
    ).toBe('forbidden:');
    expect(
      await kindOf(kernel.execute(renameOrganisation, { user: admin }, { organisationId: org, names: [''] })),
    ).toBe('invalid:names.0');
    expect(
      await kindOf(kernel.execute(renameOrganisation, { user: admin }, { organisationId: org, extra: 1, names: [] })),
    ).toBe('invalid:extra');
    expect(
      await kindOf(kernel.execute(renameOrganisation, { user: other }, { organisationId: org, names: ['x'] })),
    ).toBe('not_found:');
    // The system actor (CLI, generator) is trusted: no role, no record rule.
    expect(await kindOf(kernel.execute(renameOrganisation, SYSTEM, { organisationId: org, names: ['b'] }))).toBe('ok');
  });

  describe('idempotent creates', () => {
    const notes = async (id: string) =>
      (await sql<{ n: number }>`select count(*)::int as n from organisation where id = ${id}`.execute(store.db))
        .rows[0]!.n;

    it('returns the first answer to a replay and writes nothing twice', async () => {
      const id = `note-${Date.now().toString(36)}-1`;
      const first = await kernel.execute(
        createNote,
        { user: admin },
        { id, text: 'x' },
        { idempotencyKey: `key-${id}` },
      );
      const again = await kernel.execute(
        createNote,
        { user: admin },
        { id, text: 'x' },
        { idempotencyKey: `key-${id}` },
      );
      expect(again).toEqual(first);
      expect(await notes(id)).toBe(1);
      expect(await changesFor(id)).toHaveLength(1);
    });

    it('lets one of two identical requests arriving at once write, and answers both alike', async () => {
      const id = `note-${Date.now().toString(36)}-2`;
      const run = () => kernel.execute(createNote, { user: admin }, { id, text: 'y' }, { idempotencyKey: `key-${id}` });
      const [a, b] = await Promise.all([run(), run()]);
      expect(a).toEqual(b);
      expect(await notes(id)).toBe(1);
    });

    it('refuses the same key with another request, writing nothing', async () => {
      const id = `note-${Date.now().toString(36)}-3`;
      await kernel.execute(createNote, { user: admin }, { id, text: 'z' }, { idempotencyKey: `key-${id}` });
      const err = await kernel
        .execute(createNote, { user: admin }, { id: `${id}-b`, text: 'z' }, { idempotencyKey: `key-${id}` })
        .catch((e: DomainError) => e);
      expect(err).toMatchObject({ kind: 'conflict', code: 'idempotency_key_reused' });
      expect(await notes(`${id}-b`)).toBe(0);
    });

    /** The stored row of a key: the reply as kept. */
    const storedReply = async (key: string) =>
      (
        await store.db
          .selectFrom('idempotency_key')
          .select('response')
          .where('actor', '=', admin.id)
          .where('key', '=', key)
          .executeTakeFirstOrThrow()
      ).response as Record<string, unknown>;
    const NAME = 'Amina Qzxdiallo';
    const PERMIT = 'international-protection';

    it('keeps the reply about a person sealed under their key: no name or permit type in the row, the same body on replay, none after erasure', async () => {
      const id = randomUUID();
      const key = `enrol-${id}`;
      const input = { id, name: NAME, permitType: PERMIT, relatives: [] };
      const first = await kernel.execute(enrolPerson, { user: admin }, input, { idempotencyKey: key });
      const stored = await storedReply(key);
      const text = JSON.stringify(stored);
      for (const needle of [PERMIT, 'Qzxdiallo', '2030-01-01']) expect(text).not.toContain(needle);
      // The person's id stays readable, so an erasure finds the row (src/identity/data-rights.ts).
      expect(stored).toMatchObject({ sealed: 'reply-v1', subjects: [id], ids: [id] });
      // The instance key alone does not open it: it takes the person's key.
      const body = stored.body as string;
      expect(() => kernel.deps.cipher.decrypt(body, `idempotency_key.response:${admin.id}:${key}`)).toThrow();

      const replay = await kernel.execute(enrolPerson, { user: admin }, input, { idempotencyKey: key });
      expect(JSON.stringify(replay)).toBe(JSON.stringify(first));
      expect(await notes(id)).toBe(1);

      // Erasure destroys the key: the stored row (and every copy of it) no longer opens, and the request is not
      // run again (it would write the erased person back): the caller is told why.
      expect(await destroyPersonKey(store.db, id)).toBe(1);
      await expect(kernel.execute(enrolPerson, { user: admin }, input, { idempotencyKey: key })).rejects.toMatchObject({
        kind: 'conflict',
        code: 'idempotency_reply_erased',
        path: 'headers.idempotency-key',
      });
      expect(await notes(id)).toBe(1);
      expect(await findPersonCipher(store.db, kernel.deps.cipher, id)).toBeNull();
    });

    it('needs the key of every person a reply concerns: erasing any one of them shreds it', async () => {
      const [id, relative] = [randomUUID(), randomUUID()];
      const key = `enrol-${id}`;
      const input = { id, name: NAME, permitType: PERMIT, relatives: [relative] };
      const first = await kernel.execute(enrolPerson, { user: admin }, input, { idempotencyKey: key });
      expect(await storedReply(key)).toMatchObject({ subjects: [id, relative] });
      expect(await kernel.execute(enrolPerson, { user: admin }, input, { idempotencyKey: key })).toEqual(first);
      await destroyPersonKey(store.db, relative);
      await expect(kernel.execute(enrolPerson, { user: admin }, input, { idempotencyKey: key })).rejects.toMatchObject({
        code: 'idempotency_reply_erased',
      });
    });

    it('gives no new key to a person the command deleted (their reply stays under the instance key)', async () => {
      const id = randomUUID();
      await personCipher(store.db, kernel.deps.cipher, id, org);
      const key = `forget-${id}`;
      const first = await kernel.execute(forgetPerson, { user: admin }, { id }, { idempotencyKey: key });
      expect(await findPersonCipher(store.db, kernel.deps.cipher, id)).toBeNull();
      expect(await storedReply(key)).toMatchObject({ subjects: [], ids: [id] });
      expect(await kernel.execute(forgetPerson, { user: admin }, { id }, { idempotencyKey: key })).toEqual(first);
    });

    it('keeps a reply about no one under the instance key', async () => {
      const id = `note-${Date.now().toString(36)}-5`;
      const key = `key-${id}`;
      const first = await kernel.execute(
        createNote,
        { user: admin },
        { id, text: 'qzx-secret-note' },
        { idempotencyKey: key },
      );
      const stored = await storedReply(key);
      expect(JSON.stringify(stored)).not.toContain('qzx-secret-note');
      expect(stored).toMatchObject({ sealed: 'reply-v1', subjects: [], shares: [] });
      expect(
        JSON.parse(kernel.deps.cipher.decrypt(stored.body as string, `idempotency_key.response:${admin.id}:${key}`)),
      ).toEqual(first);
      // Bound to its row: copied to another key, it does not open.
      expect(() =>
        kernel.deps.cipher.decrypt(stored.body as string, `idempotency_key.response:${admin.id}:x${key}`),
      ).toThrow();
    });

    it('keeps keys per caller, and refuses a malformed key', async () => {
      const other = await seedUser(store.db, org, 'org_admin');
      const id = `note-${Date.now().toString(36)}-4`;
      await kernel.execute(createNote, { user: admin }, { id, text: 'w' }, { idempotencyKey: `key-${id}` });
      // Another caller's identical key is their own: it runs (and here fails on the existing id).
      const err = await kernel
        .execute(createNote, { user: other }, { id, text: 'w' }, { idempotencyKey: `key-${id}` })
        .catch((e: unknown) => e);
      expect(err).toBeTruthy();
      await expect(
        kernel.execute(createNote, { user: admin }, { id: `${id}-c`, text: 'w' }, { idempotencyKey: 'short' }),
      ).rejects.toMatchObject({ kind: 'invalid', path: 'headers.idempotency-key' });
    });
  });
});
