// Issue 11, finding 1: erasure leaves nothing readable — not in the audit log, not in a second invitation, not in
// the request log, not in old row versions or the WAL of the embedded store, not in the relation files on
// PostgreSQL — and keeps a statistics remainder only with the anonymised_statistics consent, under a new id.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKind } from '../../src/db/testing.js';
import type { AuthUser } from '../../src/kernel/auth.js';
import { CSRF_HEADER } from '../../src/kernel/session-cookie.js';
import { sampleProfile, URI } from '../../src/profiles/testing.js';
import { blindIndex, findPersonCipher, instanceCipher } from '../../src/kernel/person-keys.js';
import { createOrganisation } from '../../src/identity/directory.js';
import { seedVacancy } from '../../src/vacancies/testing.js';
import { cookieOf, securityWorld, type SecurityWorld } from './world.js';

const NAME = 'Amina Qzxdiallo';
const EMAIL = 'amina.qzx@example.org';
const NOTE = 'suffers PTSD qzxnote';
// Finding 5: the protection status and the permit (its type and document number), sealed under the person's key.
const STATUS = 'subsidiary protection qzxstatus';
const DOCUMENT = 'QZXDOC-5521';
const PERMIT_TYPE = 'qzxtype-protection';
// The ICLS category of a person holding an international-protection permit says they are under protection: sealed
// too (not a needle: statistics remainders of other people keep it in clear).
const PROTECTION = 'international-protection';
// Free text typed about the person: an experience's description and an employer's contact message.
const DESCRIPTION = 'cooked for 80 guests qzxexperience';
const MESSAGE = 'Could you start in May? qzxmessage';
// A qualification's title stays in clear (candidate cards show it): what the file search finds while the person is
// there, and what erasure must still remove from every file.
const QUALIFICATION = 'CAP Cuisine qzxqualification';
const NEEDLES = [
  'Qzxdiallo',
  'amina.qzx',
  'qzxnote',
  'qzxstatus',
  DOCUMENT,
  PERMIT_TYPE,
  'qzxexperience',
  'qzxmessage',
  'qzxqualification',
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const st = statSync(path);
    return st.isDirectory() ? filesUnder(path) : st.isFile() ? [path] : [];
  });
}

/** Files (and their segments) holding any needle, as `file: needle`. */
function grep(files: string[]): string[] {
  const hits: string[] = [];
  for (const f of files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(f);
    } catch {
      continue; // unlinked meanwhile
    }
    for (const needle of NEEDLES) if (bytes.includes(needle)) hits.push(`${f}: ${needle}`);
  }
  return hits;
}

/** The person's data on disk: the whole PGlite folder, or the relation files of the touched tables on PostgreSQL. */
async function filesToSearch(w: SecurityWorld): Promise<string[]> {
  if (w.dataDir) return filesUnder(w.dataDir);
  // Shared buffers reach the files at a checkpoint (the test's role may run it; the server does not need to).
  await sql`CHECKPOINT`.execute(w.store.db);
  const { rows: dir } = await sql<{ d: string }>`SELECT current_setting('data_directory') AS d`.execute(w.store.db);
  const tables = [
    'profile',
    'app_user',
    'invitation',
    'consent',
    'audit_log',
    'idempotency_key',
    'user_session',
    'contact_request',
  ];
  const files: string[] = [];
  for (const t of tables) {
    const { rows } = await sql<{ p: string | null; t: string | null }>`
      SELECT pg_relation_filepath(c.oid) AS p, pg_relation_filepath(c.reltoastrelid) AS t
      FROM pg_class c WHERE c.relname = ${t}`.execute(w.store.db);
    for (const r of rows) {
      for (const rel of [r.p, r.t]) {
        if (!rel) continue;
        const base = join(dir[0]!.d, rel);
        files.push(
          ...readdirSync(join(base, '..'))
            .filter((f) => f.startsWith(rel.split('/').pop()!))
            .map((f) => join(base, '..', f)),
        );
      }
    }
    const { rows: idx } = await sql<{ p: string }>`
      SELECT pg_relation_filepath(i.indexrelid) AS p FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
      WHERE c.relname = ${t}`.execute(w.store.db);
    for (const r of idx) files.push(join(dir[0]!.d, r.p));
  }
  return files;
}

describe(`erasure leaves nothing readable (${testStoreKind()})`, () => {
  let w: SecurityWorld;
  let org: string;
  let admin: AuthUser;
  let advisor: AuthUser;
  let adminH: Record<string, string>;
  let advisorH: Record<string, string>;
  let employer: AuthUser;
  let employerH: Record<string, string>;

  beforeAll(async () => {
    w = await securityWorld();
    org = await w.organisation();
    admin = await w.user('org_admin', org);
    advisor = await w.user('advisor', org);
    adminH = await w.headersFor(admin);
    advisorH = await w.headersFor(advisor);
    const employerOrg = await createOrganisation(w.store.db, {
      name: `Sec employer ${Date.now()}`,
      type: 'employer',
      licenceNumber: null,
    });
    employer = await w.user('employer', employerOrg.id);
    employerH = await w.headersFor(employer);
  });
  afterAll(async () => w?.close());

  /**
   * A migrant invited twice, one invitation accepted; consents with a note; a sensitive read with a reason; an
   * experience with a description; an employer's contact request with a message.
   */
  async function personWithHistory(statistics: boolean) {
    const invite = () =>
      w.app.inject({
        method: 'POST',
        url: `/api/v1/organisations/${org}/invitations`,
        headers: adminH,
        payload: { email: EMAIL, name: NAME, role: 'migrant' },
      });
    const first = await invite();
    expect(first.statusCode).toBe(201);
    expect((await invite()).statusCode).toBe(201);
    const accepted = await w.app.inject({
      method: 'POST',
      url: '/api/v1/auth/invitations/accept',
      payload: { token: first.json().token, password: 'a long passphrase 7 kites' },
    });
    expect(accepted.statusCode).toBe(201);
    const migrantH = { cookie: cookieOf(accepted), [CSRF_HEADER]: accepted.json().csrfToken };
    const me = await w.app.inject({ method: 'GET', url: '/api/v1/profiles/me', headers: migrantH });
    expect(me.statusCode).toBe(200);
    const profileId: string = me.json().id;
    for (const purpose of ['profiling', 'matching_with_employers', ...(statistics ? ['anonymised_statistics'] : [])]) {
      const c = await w.app.inject({
        method: 'POST',
        url: `/api/v1/migrants/${profileId}/consents`,
        headers: advisorH,
        payload: { purpose, note: NOTE },
      });
      expect(c.statusCode).toBe(201);
    }
    const put = await w.app.inject({
      method: 'PUT',
      url: `/api/v1/profiles/${profileId}`,
      headers: advisorH,
      payload: sampleProfile({
        displayName: NAME,
        userId: me.json().userId,
        version: me.json().version,
        qualifications: [{ title: QUALIFICATION, country: 'SN', year: 2014 }],
        experience: [
          {
            occupationUri: URI.cook,
            title: 'cook',
            country: 'SN',
            months: 48,
            formal: false,
            description: DESCRIPTION,
          },
        ],
        workAuthorization: {
          migrationStatus: STATUS,
          permits: [
            { country: 'ES', type: PERMIT_TYPE, validUntil: '2030-01-01', sectors: [], documentNumber: DOCUMENT },
            { country: 'ES', type: PROTECTION, validUntil: '2030-01-01', sectors: [] },
          ],
        },
      }),
    });
    expect(put.statusCode).toBe(200);
    const read = await w.app.inject({
      method: 'GET',
      url: `/api/v1/profiles/${profileId}?include=sensitive&reason=${encodeURIComponent(`Interview with ${NAME}`)}`,
      headers: advisorH,
    });
    expect(read.statusCode).toBe(200);
    expect(read.json().experience[0].description).toBe(DESCRIPTION);
    const list = await w.app.inject({ method: 'GET', url: '/api/v1/profiles?name=Qzxdiallo', headers: advisorH });
    expect(list.json().items).toHaveLength(1);
    const vacancy = await seedVacancy(w.app.corridor.kernel, { user: employer });
    const asked = await w.app.inject({
      method: 'POST',
      url: '/api/v1/contact-requests',
      headers: employerH,
      payload: { vacancyId: vacancy.id, migrantId: profileId, message: MESSAGE },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json().message).toBe(MESSAGE);
    const consents = await w.app.inject({
      method: 'GET',
      url: `/api/v1/migrants/${profileId}/consents`,
      headers: advisorH,
    });
    expect(consents.json().consents.map((c: { note: string | null }) => c.note)).toContain(NOTE);
    return { profileId, migrantH, userId: me.json().userId as string };
  }

  /**
   * The name and e-mail as stored before erasure: no clear copy in the rows, ciphertexts that open (to the values)
   * with the profile's, the account's and each invitation's own key. Returned as a copy a backup would keep.
   */
  async function sealedCopies(profileId: string, userId: string) {
    const instance = instanceCipher(w.config);
    const profile = await w.store.db
      .selectFrom('profile')
      .select(['display_name', 'display_name_enc', 'name_tokens'])
      .where('id', '=', profileId)
      .executeTakeFirstOrThrow();
    const account = await w.store.db
      .selectFrom('app_user')
      .selectAll()
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    const index = blindIndex(w.config).email(EMAIL);
    const invitations = await w.store.db
      .selectFrom('invitation')
      .selectAll()
      .where('email_index', '=', index)
      .execute();
    expect(invitations).toHaveLength(2); // both invitations, found by the e-mail's keyed index
    expect(account.email_index).toBe(index);
    const clear = JSON.stringify([profile, account, invitations]);
    for (const needle of ['Qzxdiallo', 'qzxdiallo', 'amina.qzx']) expect(clear).not.toContain(needle);
    const copies = [
      { subject: profileId, enc: profile.display_name_enc!, context: `profile.display_name:${profileId}`, value: NAME },
      { subject: userId, enc: account.name_enc!, context: `app_user.name:${userId}`, value: NAME },
      { subject: userId, enc: account.email_enc!, context: `app_user.email:${userId}`, value: EMAIL },
      ...invitations.flatMap((i) => [
        { subject: i.id, enc: i.name_enc!, context: `invitation.name:${i.id}`, value: NAME },
        { subject: i.id, enc: i.email_enc!, context: `invitation.email:${i.id}`, value: EMAIL },
      ]),
    ];
    // Free text about the person: no clear copy; ciphertexts under the person's (the profile's) key.
    const consents = await w.store.db.selectFrom('consent').selectAll().where('migrant_id', '=', profileId).execute();
    const requests = await w.store.db
      .selectFrom('contact_request')
      .selectAll()
      .where('migrant_id', '=', profileId)
      .execute();
    const free = await w.store.db
      .selectFrom('profile')
      .select(['experience', 'education', 'qualifications', 'free_text_enc'])
      .where('id', '=', profileId)
      .executeTakeFirstOrThrow();
    expect(consents.map((c) => c.note)).toEqual(consents.map(() => null));
    expect(requests.map((r) => r.message)).toEqual([null]);
    expect(JSON.stringify([free.experience, free.education, free.qualifications])).not.toContain('qzxexperience');
    copies.push(
      ...consents.map((c) => ({ subject: profileId, enc: c.note_enc!, context: `consent.note:${c.id}`, value: NOTE })),
      ...requests.map((r) => ({
        subject: profileId,
        enc: r.message_enc!,
        context: `contact_request.message:${r.id}`,
        value: MESSAGE,
      })),
    );
    for (const c of copies) {
      const key = await findPersonCipher(w.store.db, instance, c.subject);
      expect(key?.decrypt(c.enc, c.context), c.context).toBe(c.value);
    }
    const freeContext = `profile.free_text:${profileId}`;
    const own = await findPersonCipher(w.store.db, instance, profileId);
    expect(own?.decrypt(free.free_text_enc!, freeContext)).toContain(DESCRIPTION);
    return [...copies, { subject: profileId, enc: free.free_text_enc!, context: freeContext, value: DESCRIPTION }];
  }

  it('after erasure and a restart, no file holds the name, the email, the consent note, the status or the permit', async () => {
    const { profileId, userId } = await personWithHistory(false);
    const sealed = await sealedCopies(profileId, userId);
    const before = grep(await filesToSearch(w));
    expect(before.length).toBeGreaterThan(0); // the search finds the person while they are there
    // The stored row holds no status, permit type, document number or ICLS category in clear.
    const row = await w.store.db
      .selectFrom('profile')
      .selectAll()
      .where('id', '=', profileId)
      .executeTakeFirstOrThrow();
    expect(row.status_category).toBeNull();
    for (const needle of ['qzxstatus', DOCUMENT, PERMIT_TYPE, PROTECTION]) {
      expect(JSON.stringify(row)).not.toContain(needle);
    }
    const instance = instanceCipher(w.config);
    const own = (await findPersonCipher(w.store.db, instance, profileId))!;
    expect(own.decrypt(row.migration_status_enc!, `profile.migration_status:${profileId}`)).toBe(STATUS);
    expect(own.decrypt(row.permits_enc!, `profile.permits:${profileId}`)).toContain(PERMIT_TYPE);
    expect(own.decrypt(row.status_category_enc!, `profile.status_category:${profileId}`)).toBe(PROTECTION);

    const erased = await w.app.inject({
      method: 'POST',
      url: `/api/v1/migrants/${profileId}/erasure`,
      headers: adminH,
      payload: { confirm: true, reason: `Asked by ${NAME} in person` },
    });
    expect(erased.statusCode).toBe(200);
    await w.restart();
    const left = grep(await filesToSearch(w));
    if (left.length && w.dataDir) {
      const nodes = left.map((l) => Number(l.split(':')[0]!.split('/').pop()));
      const { rows } = await sql<{
        relname: string;
      }>`SELECT relname FROM pg_class WHERE relfilenode IN (${sql.join(nodes)})`.execute(w.store.db);
      expect(rows.map((r) => r.relname)).toEqual([]);
    }
    expect(left).toEqual([]);
    // A copy of the row taken before (a backup, the WAL archive) opens with nothing the server still holds.
    expect(await findPersonCipher(w.store.db, instance, profileId)).toBeNull();
    expect(() => instance.decrypt(row.migration_status_enc!, `profile.migration_status:${profileId}`)).toThrow();
    expect(() => instance.decrypt(row.permits_enc!, `profile.permits:${profileId}`)).toThrow();
    expect(() => instance.decrypt(row.status_category_enc!, `profile.status_category:${profileId}`)).toThrow();
    // The same for the name, the e-mail and the free text sealed before: every key that opened them is gone.
    for (const c of sealed) {
      expect(await findPersonCipher(w.store.db, instance, c.subject), c.context).toBeNull();
      expect(() => instance.decrypt(c.enc, c.context), c.context).toThrow();
    }
    // And nothing is found by the e-mail's index any more.
    const index = blindIndex(w.config).email(EMAIL);
    for (const table of ['app_user', 'invitation'] as const) {
      expect(await w.store.db.selectFrom(table).select('id').where('email_index', '=', index).execute()).toEqual([]);
    }

    // The audit log keeps ids and codes: no name, no email, no note, no free-text reason.
    const audit = await w.store.db.selectFrom('audit_log').selectAll().execute();
    const text = JSON.stringify(audit);
    for (const needle of NEEDLES) expect(text).not.toContain(needle);
    expect(audit.some((a) => a.action === 'read' && a.entity_id === profileId && a.reason === 'sensitive-read')).toBe(
      true,
    );
    // The second, never accepted invitation went with the person.
    const invitations = await w.store.db.selectFrom('invitation').select('email').execute();
    expect(invitations.filter((i) => i.email === EMAIL)).toEqual([]);
    // No statistics consent: nothing kept.
    expect(await w.store.db.selectFrom('profile').select('id').where('organisation_id', '=', org).execute()).toEqual(
      [],
    );
  });

  it('request logs hold paths, never the query strings that carry names and reasons', () => {
    const all = w.logs.join('');
    expect(all).toContain('/api/v1/profiles');
    for (const needle of NEEDLES) expect(all).not.toContain(needle);
    expect(all).not.toContain('reason=');
    expect(all).not.toContain('name=');
  });

  it('keeps a coarse remainder under a new id only with the anonymised_statistics consent', async () => {
    const { profileId } = await personWithHistory(true);
    const erased = await w.app.inject({
      method: 'POST',
      url: `/api/v1/migrants/${profileId}/erasure`,
      headers: adminH,
      payload: { confirm: true, reason: 'on request' },
    });
    expect(erased.statusCode).toBe(200);
    const rows = await w.store.db.selectFrom('profile').selectAll().where('organisation_id', '=', org).execute();
    expect(rows).toHaveLength(1);
    const remainder = rows[0]!;
    expect(remainder.id).not.toBe(profileId);
    expect(remainder.display_name).toBe('');
    expect(remainder.current_region).toBe('');
    expect(remainder.birth_year! % 10).toBe(0);
    // Of the permits only the ICLS category is kept, opened before the key went and in clear (the remainder is no
    // one's): no type, no number, no status, no key to open any.
    expect([
      remainder.status_category,
      remainder.status_category_enc,
      remainder.permits,
      remainder.permits_enc,
      remainder.migration_status_enc,
    ]).toEqual([PROTECTION, null, [], null, null]);
    for (const needle of NEEDLES) expect(JSON.stringify(remainder)).not.toContain(needle);
    expect(new Date(remainder.created_at).getUTCDate()).toBe(1);
    // Nothing refers to the remainder's id but its statistics consent; nothing about the person names it.
    const audit = await w.store.db.selectFrom('audit_log').select('entity_id').execute();
    expect(audit.map((a) => a.entity_id)).not.toContain(remainder.id);
    const keys = await w.store.db.selectFrom('person_key').select('subject_id').execute();
    expect(keys.map((k) => k.subject_id)).not.toContain(profileId);
  });
});
