import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestStore, testStoreKind } from '../db/testing.js';
import type { Store } from '../db/database.js';
import type { AuthUser } from '../kernel/auth.js';
import {
  candidateView,
  eraseProfile,
  exportProfile,
  getProfile,
  listProfiles,
  listProfilesForMatching,
  sealLegacyFreeText,
  sealLegacyNames,
  sealLegacyProfiles,
} from './store.js';
import { destroyPersonKey, findPersonCipher } from '../kernel/person-keys.js';
import { profileWrites, sampleProfile, seedOrganisation, seedUser, testCipher, testSeal, URI } from './testing.js';
import { testKernel } from '../kernel/testing.js';
import { DEFAULT_CANDIDATE_FIELDS } from './model.js';
import { DomainError } from '../kernel/errors.js';

async function rejection(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

describe(`profile store (${testStoreKind()})`, () => {
  let store: Store;
  let orgA: string;
  let orgB: string;
  let advisor: AuthUser;
  let migrant: AuthUser;
  const ctx = () => ({ db: store.db, user: advisor, cipher: testCipher });
  let writes: ReturnType<typeof profileWrites>;
  const createProfile: ReturnType<typeof profileWrites>['createProfile'] = (...a) => writes.createProfile(...a);
  const updateProfile: ReturnType<typeof profileWrites>['updateProfile'] = (...a) => writes.updateProfile(...a);

  beforeAll(async () => {
    store = await createTestStore();
    writes = profileWrites(await testKernel(store.db, { cipher: testCipher }));
    orgA = await seedOrganisation(store.db);
    orgB = await seedOrganisation(store.db);
    advisor = await seedUser(store.db, orgA, 'advisor');
    migrant = await seedUser(store.db, orgA, 'migrant');
  }, 120_000);
  afterAll(async () => store?.close());

  it('keeps the contact language in canonical BCP-47 form and the interview step within 1–7', async () => {
    const p = await createProfile(ctx(), orgA, sampleProfile({ contactLanguage: 'iw', interviewStep: 7 }));
    expect([p.contactLanguage, p.interviewStep]).toEqual(['he', 7]);
    const plain = await createProfile(ctx(), orgA, sampleProfile());
    expect([plain.contactLanguage, plain.interviewStep]).toEqual([null, null]);
    for (const [field, value] of [
      ['interviewStep', 0],
      ['interviewStep', 8],
      ['contactLanguage', 'zz'],
      ['contactLanguage', 'en-'],
      ['contactLanguage', ''],
    ] as const) {
      const err = await rejection(createProfile(ctx(), orgA, sampleProfile({ [field]: value })));
      expect([err.kind, err.path], `${field}=${value}`).toEqual(['invalid', field]);
    }
    const stale = await rejection(
      updateProfile(ctx(), p.id, { ...sampleProfile(), contactLanguage: 'fr', interviewStep: 2, version: 9 }),
    );
    expect(stale.kind).toBe('conflict');
    expect((await getProfile(store.db, testCipher, p.id)).contactLanguage).toBe('he');
  });

  it('creates, reads and replaces a profile; sensitive values are encrypted at rest', async () => {
    const created = await createProfile(ctx(), orgA, sampleProfile({ userId: migrant.id }));
    expect(created.organisationId).toBe(orgA);
    expect(created.version).toBe(1);
    expect(created.highestIscedLevel).toBe(3);
    expect(created.taxonomyVersion).toBe('1.1.1');
    expect(created.workAuthorization.migrationStatus).toBeUndefined();
    expect(created.workAuthorization.hasMigrationStatus).toBe(true);
    expect(created.workAuthorization.permits[0]?.documentNumber).toBeUndefined();

    const raw = await store.db.selectFrom('profile').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(raw.migration_status_enc).toMatch(/^enc1\./);
    expect(JSON.stringify(raw.permits)).not.toContain('Y1234567Z');
    expect(JSON.stringify(raw)).not.toContain('temporary protection');

    const sensitive = await getProfile(store.db, testCipher, created.id, true);
    expect(sensitive.workAuthorization.migrationStatus).toBe('temporary protection');
    expect(sensitive.workAuthorization.permits[0]?.documentNumber).toBe('Y1234567Z');

    // A replace that omits the sensitive values keeps them; the version moves on.
    const body = sampleProfile({ userId: migrant.id, displayName: 'Amina Kane', version: 1 });
    const wa = body.workAuthorization as { migrationStatus?: string; permits: { documentNumber?: string }[] };
    delete wa.migrationStatus;
    delete wa.permits[0]!.documentNumber;
    const updated = await updateProfile(ctx(), created.id, body);
    expect(updated.version).toBe(2);
    expect(updated.displayName).toBe('Amina Kane');
    const again = await getProfile(store.db, testCipher, created.id, true);
    expect(again.workAuthorization.migrationStatus).toBe('temporary protection');
    expect(again.workAuthorization.permits[0]?.documentNumber).toBe('Y1234567Z');

    // A stale version is refused and changes nothing.
    const stale = await rejection(
      updateProfile(ctx(), created.id, { ...sampleProfile(), displayName: 'X', version: 1 }),
    );
    expect(stale.kind).toBe('conflict');
    expect(stale.path).toBe('version');
    expect((await getProfile(store.db, testCipher, created.id)).displayName).toBe('Amina Kane');
  });

  it('refuses bad input with a field path and writes nothing', async () => {
    const count = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from profile`.execute(store.db)).rows[0]!.n;
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [sampleProfile({ originCountry: 'sn' }), 'originCountry'],
      [
        sampleProfile({ skills: [{ uri: 'http://evil', evidence: 'certified', source: 'certificate' }] }),
        'skills.0.uri',
      ],
      [
        sampleProfile({
          skills: [
            { uri: URI.skillA, evidence: 'certified', source: 'certificate' },
            { uri: URI.skillA, evidence: 'assessed', source: 'assessment' },
          ],
        }),
        'skills.1',
      ],
      [sampleProfile({ availableFrom: '2026-02-30' }), 'availableFrom'],
      [sampleProfile({ birthYear: 2030 }), 'birthYear'],
      [sampleProfile({ languages: [{ lang: 'es' }] }), 'languages.0'],
      [sampleProfile({ extra: 1 }), 'extra'],
      [sampleProfile({ userId: advisor.id }), 'userId'],
      [
        sampleProfile({
          workAuthorization: {
            permits: [{ country: 'ES', type: 'work', validFrom: '2027-01-01', validUntil: '2026-01-01' }],
          },
        }),
        'workAuthorization.permits.0.validUntil',
      ],
    ];
    for (const [body, path] of cases) {
      const err = await rejection(createProfile(ctx(), orgA, body));
      expect(err.kind, path).toBe('invalid');
      expect(err.path, JSON.stringify(body).slice(0, 80)).toContain(path);
    }
    expect(await count()).toBe(before);
  });

  it('lists the caseload of one organisation only', async () => {
    await createProfile(ctx(), orgB, sampleProfile({ displayName: 'Other org person' }));
    const listA = await listProfiles(store.db, testSeal(), orgA);
    expect(listA.length).toBeGreaterThan(0);
    expect(listA.every((p) => p.displayName !== 'Other org person')).toBe(true);
    const named = await listProfiles(store.db, testSeal(), orgA, { name: 'amina%' });
    expect(named).toHaveLength(0); // the % is matched literally
  });

  it('seals the name under the person’s key and finds it by word prefixes through the blind index', async () => {
    const p = await createProfile(ctx(), orgA, sampleProfile({ displayName: 'Zoë Qzxnamé-Obi' }));
    const raw = await store.db.selectFrom('profile').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(raw.display_name).toBe('');
    const text = JSON.stringify(raw).toLowerCase();
    for (const part of ['zoë', 'zoe', 'qzxname', 'qzxnamé', 'obi']) expect(text).not.toContain(part);
    expect((await getProfile(store.db, testCipher, p.id)).displayName).toBe('Zoë Qzxnamé-Obi');
    const ids = async (name: string) =>
      (await listProfiles(store.db, testSeal(), orgA, { name })).filter((r) => r.id === p.id).map((r) => r.displayName);
    // Case and accents folded, any word, any prefix from two letters, all words of the query.
    for (const name of ['qzxname', 'QZXNAMÉ', 'qzx', 'zoe qzxn', 'Obi', 'qzxnamé-obi']) {
      expect(await ids(name), name).toEqual(['Zoë Qzxnamé-Obi']);
    }
    // Not inside a word, not a word the name lacks, not another organisation's caseload.
    for (const name of ['xname', 'qzxnamex', 'zoe smith', 'q%']) expect(await ids(name), name).toEqual([]);
    expect((await listProfiles(store.db, testSeal(), orgB, { name: 'qzxname' })).length).toBe(0);
    // The key gone, the ciphertext stays unreadable (erasure's crypto-shredding).
    await destroyPersonKey(store.db, p.id);
    const key = await findPersonCipher(store.db, testCipher, p.id);
    expect(key).toBeNull();
    expect(() => testCipher.decrypt(raw.display_name_enc!, `profile.display_name:${p.id}`)).toThrow();
    await store.db.deleteFrom('profile').where('id', '=', p.id).execute();
  });

  it('gives matching no sex, birth year, origin, name or migration status', async () => {
    const p = await createProfile(ctx(), orgA, sampleProfile());
    const [c] = await listProfilesForMatching(store.db, testCipher, { ids: [p.id] });
    expect(c).toBeDefined();
    const text = JSON.stringify(c);
    for (const word of ['female', '1994', 'SN', 'Amina', 'temporary protection', 'Y1234567Z']) {
      expect(text).not.toContain(word);
    }
    expect(c!.languages).toEqual([
      { lang: 'fr', level: 'native' },
      { lang: 'es', level: 'B1' },
    ]);
    expect(c!.permits[0]).toEqual({ country: 'ES', type: 'work-general', validUntil: '2027-12-31', sectors: ['I'] });
    expect(c!.consent.matching).toBe(false);
    await store.db
      .insertInto('consent')
      .values({
        id: `c-${p.id}`,
        organisation_id: orgA,
        migrant_id: p.id,
        purpose: 'matching_with_employers',
        given_at: new Date(),
        recorded_by: advisor.id,
      })
      .execute();
    const [c2] = await listProfilesForMatching(store.db, testCipher, { ids: [p.id] });
    expect(c2!.consent).toEqual({ matching: true, shareWithEmployers: true });
  });

  it('cuts the employer view to the consented fields', async () => {
    const p = await createProfile(ctx(), orgA, sampleProfile());
    const view = candidateView(p, DEFAULT_CANDIDATE_FIELDS);
    const text = JSON.stringify(view);
    expect(view.displayName).toBeUndefined();
    expect(view.skills).toHaveLength(2);
    for (const word of ['female', '1994', 'Amina', 'temporary protection', 'Y1234567Z', 'cuisinière']) {
      expect(text).not.toContain(word);
    }
  });

  it('exports everything decrypted and erases personal data, keeping a coarse unlinkable remainder only if asked', async () => {
    const p = await createProfile(ctx(), orgA, sampleProfile());
    const exported = await exportProfile(store.db, testCipher, p.id);
    expect(exported?.workAuthorization.migrationStatus).toBe('temporary protection');
    const first = await eraseProfile(store.db, p.id, { cipher: testCipher });
    expect(first.erased).toBe(1);
    expect(first.remainderId).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.remainderId).not.toBe(p.id);
    expect(await eraseProfile(store.db, p.id, { cipher: testCipher })).toEqual({ erased: 0, remainderId: null });
    expect(await store.db.selectFrom('profile').select('id').where('id', '=', p.id).executeTakeFirst()).toBeUndefined();
    const raw = await store.db
      .selectFrom('profile')
      .selectAll()
      .where('id', '=', first.remainderId!)
      .executeTakeFirstOrThrow();
    const text = JSON.stringify(raw);
    for (const word of ['Amina', 'temporary protection', 'Y1234567Z', 'cuisinière', 'CAP Cuisine', 'ES51', p.id]) {
      expect(text).not.toContain(word);
    }
    expect(raw.birth_year).toBe(1990);
    expect(raw.current_region).toBe('');
    expect(raw.sex).toBe('female');
    expect(raw.highest_isced).toBe(3);
    // The ICLS category, opened from the person's sealed one before their key goes: in clear, the remainder has no key.
    expect([raw.status_category, raw.status_category_enc]).toEqual(['work-permit', null]);
    expect(new Date(raw.created_at).getUTCDate()).toBe(1);
    expect(await exportProfile(store.db, testCipher, p.id)).toBeNull();
    expect(await listProfilesForMatching(store.db, testCipher, { ids: [p.id] })).toEqual([]);

    const q = await createProfile(ctx(), orgA, sampleProfile());
    expect(await eraseProfile(store.db, q.id, false)).toEqual({ erased: 1, remainderId: null });
    expect(await store.db.selectFrom('profile').select('id').where('id', '=', q.id).executeTakeFirst()).toBeUndefined();
  });

  /** A profile of a person under international protection, with a permit document number and a status text. */
  const protectedPerson = (more: Record<string, unknown> = {}) =>
    sampleProfile({
      ...more,
      workAuthorization: {
        migrationStatus: 'subsidiary protection qzxstatus',
        permits: [
          {
            country: 'ES',
            type: 'international-protection',
            validFrom: '2025-01-01',
            validUntil: '2030-01-01',
            sectors: [],
            documentNumber: 'QZXDOC-7781',
          },
        ],
      },
    });
  const NEEDLES = ['international-protection', 'qzxstatus', 'QZXDOC-7781'];

  it('seals permits, migration status and the ICLS category under the person’s own key', async () => {
    const p = await createProfile(ctx(), orgA, protectedPerson());
    const raw = await store.db.selectFrom('profile').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
    // Not even the category is in clear: `international-protection` would say the person is under protection.
    expect(raw.status_category).toBeNull();
    expect(raw.permits).toEqual([]);
    for (const needle of NEEDLES) expect(JSON.stringify(raw)).not.toContain(needle);
    // The instance key opens nothing; the person's key opens the permits, bound to this row and column.
    expect(() => testCipher.decrypt(raw.permits_enc!, `profile.permits:${p.id}`)).toThrow();
    expect(() => testCipher.decrypt(raw.migration_status_enc!, `profile.migration_status:${p.id}`)).toThrow();
    expect(() => testCipher.decrypt(raw.status_category_enc!, `profile.status_category:${p.id}`)).toThrow();
    const own = (await findPersonCipher(store.db, testCipher, p.id))!;
    expect(own.decryptJson<{ type: string }[]>(raw.permits_enc!, `profile.permits:${p.id}`)[0]!.type).toBe(
      'international-protection',
    );
    expect(own.decrypt(raw.status_category_enc!, `profile.status_category:${p.id}`)).toBe('international-protection');
    expect(() => own.decrypt(raw.permits_enc!, `profile.permits:${orgA}`)).toThrow();
    expect(() => own.decrypt(raw.permits_enc!, `profile.migration_status:${p.id}`)).toThrow();
    expect(() => own.decrypt(raw.status_category_enc!, `profile.migration_status:${p.id}`)).toThrow();
    // The free text of experience and education is under the person's key too; the columns keep the codes.
    expect(raw.experience).toEqual([
      { occupationUri: URI.cook, title: null, country: 'SN', months: 48, formal: false, description: null },
    ]);
    expect(JSON.stringify([raw.experience, raw.education])).not.toMatch(/cuisinière|Baccalauréat/);
    expect(own.decryptJson(raw.free_text_enc!, `profile.free_text:${p.id}`)).toMatchObject({
      experience: [{ title: 'cuisinière', description: null }],
      education: [{ title: 'Baccalauréat technique', institution: null }],
    });
    expect(p.experience[0]).toMatchObject({ title: 'cuisinière', months: 48 });
    expect(p.education[0]).toMatchObject({ title: 'Baccalauréat technique', iscedLevel: 3 });
    // Reads open them as before: permit types for every reader, status and numbers on a sensitive read.
    expect(p.workAuthorization.permits[0]).toMatchObject({ type: 'international-protection', hasDocumentNumber: true });
    const sensitive = await getProfile(store.db, testCipher, p.id, true);
    expect(sensitive.workAuthorization.migrationStatus).toBe('subsidiary protection qzxstatus');
    expect(sensitive.workAuthorization.permits[0]?.documentNumber).toBe('QZXDOC-7781');
    const [c] = await listProfilesForMatching(store.db, testCipher, { ids: [p.id] });
    expect(c!.permits).toEqual([
      { country: 'ES', type: 'international-protection', validUntil: '2030-01-01', sectors: [] },
    ]);
    // Crypto-shredding: without the key, a copy of the row (a backup, an old row version) opens with nothing.
    expect(await destroyPersonKey(store.db, p.id)).toBe(1);
    expect(await findPersonCipher(store.db, testCipher, p.id)).toBeNull();
    await expect(getProfile(store.db, testCipher, p.id)).rejects.toThrow(/key/);
    expect(() => testCipher.decryptJson(raw.permits_enc!, `profile.permits:${p.id}`)).toThrow();
    expect(() => testCipher.decryptJson(raw.free_text_enc!, `profile.free_text:${p.id}`)).toThrow();
    expect(() => testCipher.decrypt(raw.status_category_enc!, `profile.status_category:${p.id}`)).toThrow();
  });

  it('seals rows written before per-person keys, keeping every value, and then finds nothing left to seal', async () => {
    const a = await createProfile(ctx(), orgA, protectedPerson());
    const b = await createProfile(ctx(), orgA, protectedPerson());
    const c = await createProfile(ctx(), orgA, protectedPerson());
    const remainder = (
      await eraseProfile(store.db, (await createProfile(ctx(), orgA, protectedPerson())).id, { cipher: testCipher })
    ).remainderId!;
    // As migration 0360 found c: permits sealed (since 0330), the category in clear.
    await store.db
      .updateTable('profile')
      .set({ status_category: 'international-protection', status_category_enc: null })
      .where('id', '=', c.id)
      .execute();
    // As migration 0330 found them: permits and name in clear (numbers and status under the instance key), no person
    // key.
    const legacyPermits = (id: string) => [
      {
        country: 'ES',
        type: 'international-protection',
        validFrom: '2025-01-01',
        validUntil: '2030-01-01',
        sectors: [],
        documentNumberEnc: testCipher.encrypt('QZXDOC-7781', `profile.permit_document:${id}`),
      },
    ];
    for (const id of [a.id, b.id]) {
      await store.db
        .updateTable('profile')
        .set({
          permits: JSON.stringify(legacyPermits(id)),
          permits_enc: null,
          migration_status_enc: testCipher.encrypt('subsidiary protection qzxstatus', `profile.migration_status:${id}`),
          status_category: null,
          status_category_enc: null,
          display_name: 'Qzxlegacy Person',
          display_name_enc: null,
          name_tokens: null,
          // As migration 0350 found them: the free text in the JSON columns.
          experience: JSON.stringify([
            {
              occupationUri: URI.cook,
              title: 'Qzxlegacy cook',
              country: 'SN',
              months: 48,
              formal: false,
              description: 'qzxlegacy kitchen',
            },
          ]),
          education: JSON.stringify([
            { iscedLevel: 3, field: null, title: 'Qzxlegacy school', institution: 'Qzxlegacy lycée', country: null },
          ]),
          free_text_enc: null,
        })
        .where('id', '=', id)
        .execute();
      await destroyPersonKey(store.db, id);
    }
    await store.db
      .updateTable('profile')
      .set({ permits: JSON.stringify(legacyPermits(remainder)), status_category: null })
      .where('id', '=', remainder)
      .execute();
    // Readable before sealing (the instance key), and a replace that omits the sealed values seals them too.
    expect((await getProfile(store.db, testCipher, a.id, true)).workAuthorization.permits[0]?.documentNumber).toBe(
      'QZXDOC-7781',
    );
    const body = protectedPerson({ version: a.version });
    const wa = body.workAuthorization as { migrationStatus?: string; permits: { documentNumber?: string }[] };
    delete wa.migrationStatus;
    delete wa.permits[0]!.documentNumber;
    await updateProfile(ctx(), a.id, body);

    expect(await sealLegacyProfiles(store.db, testCipher, 1)).toBe(3); // b, c and the remainder; batches of one
    expect(await sealLegacyProfiles(store.db, testCipher)).toBe(0);
    // The names too (b's; a's went under its key with the replace): found by the index, none left in clear.
    expect(await sealLegacyNames(store.db, testSeal(), 1)).toBe(1);
    expect(await sealLegacyNames(store.db, testSeal())).toBe(0);
    // The free text too (b's; a's was sealed by the replace), and nothing is left after.
    expect(await sealLegacyFreeText(store.db, testCipher, 1)).toBe(1);
    expect(await sealLegacyFreeText(store.db, testCipher)).toBe(0);
    expect((await getProfile(store.db, testCipher, b.id)).experience[0]).toMatchObject({
      occupationUri: URI.cook,
      title: 'Qzxlegacy cook',
      description: 'qzxlegacy kitchen',
      months: 48,
    });
    expect((await getProfile(store.db, testCipher, b.id)).education[0]).toMatchObject({
      iscedLevel: 3,
      title: 'Qzxlegacy school',
      institution: 'Qzxlegacy lycée',
    });
    const found = await listProfiles(store.db, testSeal(), orgA, { name: 'qzxleg' });
    expect(found.map((p) => p.id)).toEqual([b.id]);
    expect(found[0]!.displayName).toBe('Qzxlegacy Person');
    for (const id of [a.id, b.id, c.id]) {
      const raw = await store.db.selectFrom('profile').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      // The category only under the person's key, from the plain permits (a, b) or the clear column (c).
      expect(raw.status_category).toBeNull();
      const own = (await findPersonCipher(store.db, testCipher, id))!;
      expect(own.decrypt(raw.status_category_enc!, `profile.status_category:${id}`)).toBe('international-protection');
      for (const needle of [...NEEDLES, 'Qzxlegacy', 'qzxlegacy']) expect(JSON.stringify(raw)).not.toContain(needle);
      expect(() => testCipher.decrypt(raw.migration_status_enc!, `profile.migration_status:${id}`)).toThrow();
      const read = await getProfile(store.db, testCipher, id, true);
      expect(read.workAuthorization.migrationStatus).toBe('subsidiary protection qzxstatus');
      expect(read.workAuthorization.permits[0]).toMatchObject({
        type: 'international-protection',
        documentNumber: 'QZXDOC-7781',
      });
    }
    const kept = await store.db.selectFrom('profile').selectAll().where('id', '=', remainder).executeTakeFirstOrThrow();
    expect([kept.status_category, kept.status_category_enc, kept.permits, kept.permits_enc]).toEqual([
      'international-protection',
      null,
      [],
      null,
    ]);
    expect(await findPersonCipher(store.db, testCipher, remainder)).toBeNull();
  });
});
