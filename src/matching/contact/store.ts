// Contact requests in SQL, and the view each party gets of one.
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.js';
import { openWithWrapped, sealedContext, sealMigrantText } from '../../kernel/person-keys.js';
import type { FieldCipher } from '../../shared/crypto.js';
import { employerConsents, openDisplayName, visibleFields } from '../../profiles/domain.js';
import type { ContactRequestView, ContactStatus, SharedContact } from './model.js';
import type { ContactRequestTable } from './schema.js';
import type { Party } from './policy.js';

type Db = Kysely<Database>;
export type ContactRow = Selectable<ContactRequestTable>;

export const contactContext = (id: string) => `contact_request.contact:${id}`;

export async function findContactRow(db: Db, id: string): Promise<ContactRow | undefined> {
  return db.selectFrom('contact_request').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPendingRow(db: Db, vacancyId: string, migrantId: string): Promise<ContactRow | undefined> {
  return db
    .selectFrom('contact_request')
    .selectAll()
    .where('vacancy_id', '=', vacancyId)
    .where('migrant_id', '=', migrantId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

/** The requests a caller's party sees: their organisation's (as employer and/or holder), or their own. */
export async function listContactRows(
  db: Db,
  who: { organisationId?: string; employer: boolean; holder: boolean; migrantId?: string | null },
): Promise<ContactRow[]> {
  let q = db.selectFrom('contact_request').selectAll();
  if (who.migrantId !== undefined) {
    if (!who.migrantId) return [];
    q = q.where('migrant_id', '=', who.migrantId);
  } else {
    const org = who.organisationId!;
    q = q.where((eb) =>
      eb.or([
        ...(who.holder ? [eb('organisation_id', '=', org)] : []),
        ...(who.employer ? [eb('employer_organisation_id', '=', org)] : []),
      ]),
    );
  }
  return q.orderBy('updated_at', 'desc').orderBy('id').limit(200).execute();
}

const SEEN: Record<Party, 'employer_seen_at' | 'holder_seen_at' | 'migrant_seen_at'> = {
  employer: 'employer_seen_at',
  holder: 'holder_seen_at',
  migrant: 'migrant_seen_at',
};
export const seenColumn = (party: Party) => SEEN[party];

export function isUnread(row: ContactRow, party: Party): boolean {
  const seen = row[SEEN[party]];
  return !seen || new Date(seen).getTime() < new Date(row.updated_at).getTime();
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * Each row as its party sees it, for a page in one pass. The employer's view goes through visibility.ts: the
 * person's name only if a consent in force for that employer shares it, the details given only while one is in
 * force (a withdrawal hides them from the next request on).
 */
export async function toViews(
  db: Db,
  cipher: FieldCipher,
  rows: readonly { row: ContactRow; party: Party }[],
): Promise<ContactRequestView[]> {
  if (rows.length === 0) return [];
  const vacancyIds = [...new Set(rows.map((r) => r.row.vacancy_id))];
  const orgIds = [...new Set(rows.map((r) => r.row.employer_organisation_id))];
  const migrantIds = [...new Set(rows.map((r) => r.row.migrant_id))];
  const [vacancies, orgs, people, keys] = await Promise.all([
    db
      .selectFrom('vacancy')
      .select(['id', 'title', 'occupation_uri', 'contract_type', 'status'])
      .where('id', 'in', vacancyIds)
      .execute(),
    db.selectFrom('organisation').select(['id', 'name']).where('id', 'in', orgIds).execute(),
    db
      .selectFrom('profile as p')
      .leftJoin('person_key as k', 'k.subject_id', 'p.id')
      .select(['p.id', 'p.display_name', 'p.display_name_enc', 'p.erased_at'])
      .where('p.id', 'in', migrantIds)
      .execute(),
    // The people's keys open their names and the messages about them (a person without a profile has one too).
    db.selectFrom('person_key').select(['subject_id', 'wrapped']).where('subject_id', 'in', migrantIds).execute(),
  ]);
  const vacancy = new Map(vacancies.map((v) => [v.id, v]));
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const wrapped = new Map(keys.map((k) => [k.subject_id, k.wrapped]));
  const person = new Map(people.map((p) => [p.id, { ...p, wrapped: wrapped.get(p.id) ?? null }]));
  // Consents per employer organisation, read now (never cached).
  const consentsByOrg = new Map<string, Awaited<ReturnType<typeof employerConsents>>>();
  for (const org of new Set(rows.filter((r) => r.party === 'employer').map((r) => r.row.employer_organisation_id))) {
    const ids = [...new Set(rows.filter((r) => r.row.employer_organisation_id === org).map((r) => r.row.migrant_id))];
    consentsByOrg.set(org, await employerConsents(db, ids, org));
  }
  return rows.map(({ row, party }) => {
    const v = vacancy.get(row.vacancy_id);
    const p = person.get(row.migrant_id);
    const openName = () => (p && !p.erased_at ? openDisplayName(cipher, p) : null);
    let visible = p !== undefined && !p.erased_at;
    let showName = true;
    if (party === 'employer') {
      const consents = consentsByOrg.get(row.employer_organisation_id)!(row.migrant_id);
      visible = visible && consents.length > 0;
      if (!visible || !visibleFields(consents).includes('displayName')) showName = false;
    }
    // Opened only where it is shown.
    const name = showName ? openName() : null;
    const contact =
      row.status === 'accepted' && row.contact_enc && visible
        ? cipher.decryptJson<SharedContact>(row.contact_enc, contactContext(row.id))
        : null;
    return {
      id: row.id,
      party,
      status: row.status as ContactStatus,
      vacancy: {
        id: row.vacancy_id,
        title: v?.title ?? '',
        occupationUri: v?.occupation_uri ?? '',
        contractType: v?.contract_type ?? '',
        status: v?.status ?? 'closed',
      },
      employer: { organisationId: row.employer_organisation_id, name: orgName.get(row.employer_organisation_id) ?? '' },
      candidate: { migrantId: row.migrant_id, reference: row.migrant_id.slice(0, 8), name, visible },
      message: openMessage(cipher, row, wrapped.get(row.migrant_id) ?? null),
      requestedAt: iso(row.created_at)!,
      decidedAt: iso(row.decided_at),
      decidedOnBehalf: row.decided_on_behalf,
      contact,
      placementId: row.outcome_id,
      unread: isUnread(row, party),
    };
  });
}

/** A request's message: the clear one of a row not sealed yet, else opened with the person's key (null once gone). */
function openMessage(cipher: FieldCipher, row: ContactRow, wrapped: string | null): string | null {
  if (row.message_enc === null) return row.message;
  return openWithWrapped(cipher, row.migrant_id, wrapped, row.message_enc, sealedContext.contactMessage(row.id));
}

/**
 * Seals the messages of requests written before migration 0552: each goes under the key of the person it is about
 * and the clear column is set to NULL. Run by `corridor serve` before listening (a migration has no key); a partial
 * index finds what is left. Returns the rows sealed.
 */
export function sealLegacyContactMessages(db: Db, cipher: FieldCipher, batchSize = 2000): Promise<number> {
  return sealMigrantText(
    db,
    cipher,
    { table: 'contact_request', column: 'message', context: sealedContext.contactMessage },
    batchSize,
  );
}
