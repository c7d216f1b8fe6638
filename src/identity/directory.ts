// Organisations and users: creation and lookup. Domain code, no HTTP.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { invalid, conflict } from '../kernel/errors.js';
import type { FieldCipher } from '../shared/crypto.js';
import { hashPassword, normaliseEmail, throttledEmails } from './auth.js';
import { accountWithEmail, nameEmailColumns, openNameEmail, type AccountSeal } from './sealed.js';
import { ORGANISATION_TYPES, isRole, type AuthUser, type OrganisationType, type Role } from './model.js';

export interface Organisation {
  id: string;
  name: string;
  type: OrganisationType;
  licenceNumber: string | null;
  country: string | null;
}

export interface NewOrganisation {
  name: string;
  type: OrganisationType;
  licenceNumber?: string | null;
  country?: string | null;
}

export async function createOrganisation(db: Kysely<Database>, input: NewOrganisation): Promise<Organisation> {
  const name = input.name.trim();
  if (!name) throw invalid('Organisation name is required', 'name');
  if (!ORGANISATION_TYPES.includes(input.type)) throw invalid('Unknown organisation type', 'type');
  const licence = input.licenceNumber?.trim() || null;
  if (input.type === 'recruitment_agency' && !licence) {
    throw invalid('A recruitment agency needs its licence number', 'licenceNumber');
  }
  const existing = await db.selectFrom('organisation').select('id').where('name', '=', name).executeTakeFirst();
  if (existing) throw conflict(`An organisation named "${name}" exists`, 'name');
  const id = randomUUID();
  await db
    .insertInto('organisation')
    .values({
      id,
      organisation_id: id,
      name,
      type: input.type,
      licence_number: licence,
      country: input.country ?? null,
    })
    .execute();
  return { id, name, type: input.type, licenceNumber: licence, country: input.country ?? null };
}

type OrgRow = { id: string; name: string; type: string; licence_number: string | null; country: string | null };
const toOrganisation = (r: OrgRow): Organisation => ({
  id: r.id,
  name: r.name,
  type: r.type as OrganisationType,
  licenceNumber: r.licence_number,
  country: r.country,
});

export async function getOrganisation(db: Kysely<Database>, id: string): Promise<Organisation | null> {
  const row = await db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toOrganisation(row) : null;
}

export async function listOrganisations(db: Kysely<Database>, onlyId?: string): Promise<Organisation[]> {
  let q = db.selectFrom('organisation').selectAll().orderBy('name');
  if (onlyId) q = q.where('id', '=', onlyId);
  return (await q.execute()).map(toOrganisation);
}

export interface NewUser {
  organisationId: string;
  email: string;
  name: string;
  role: Role;
  /** Omitted for accounts that sign in later through an invitation. */
  password?: string;
}

/**
 * Creates an account. With `seal` (every server and command path) its name and e-mail go under its own key at
 * once; without (fixtures and CLI commands that hold no instance key) they stay in clear until the next start seals
 * them.
 */
export async function createUser(
  db: Kysely<Database>,
  input: NewUser,
  seal: AccountSeal | null = null,
): Promise<AuthUser> {
  const email = normaliseEmail(input.email);
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw invalid('Not an email address', 'email');
  if (!isRole(input.role)) throw invalid('Unknown role', 'role');
  const name = input.name.trim();
  if (!name) throw invalid('Name is required', 'name');
  if (await accountWithEmail(db, seal, email))
    throw conflict('An account with this email exists', 'email', 'email_taken');
  const id = randomUUID();
  await db
    .insertInto('app_user')
    .values({
      id,
      organisation_id: input.organisationId,
      ...(await nameEmailColumns(db, seal, 'app_user', { id, organisationId: input.organisationId, name, email })),
      role: input.role,
      password_hash: input.password ? await hashPassword(input.password) : null,
      updated_at: new Date(),
    })
    .execute();
  return { id, name, email, role: input.role, organisationId: input.organisationId };
}

export interface UserSummary extends AuthUser {
  totpEnabled: boolean;
  locked: boolean;
  disabled: boolean;
  createdAt: string;
}

/**
 * An organisation's accounts by name. Names are sealed, so they are opened (keys joined, one query) and sorted
 * here: an organisation's staff list is small. `secretKey` (the instance's) lets `locked` show a sign-in back-off;
 * without it only an old-style lock shows.
 */
export async function listUsers(
  db: Kysely<Database>,
  cipher: FieldCipher,
  organisationId: string,
  secretKey?: string,
  onlyId?: string,
): Promise<UserSummary[]> {
  let q = db
    .selectFrom('app_user as u')
    .leftJoin('person_key as k', 'k.subject_id', 'u.id')
    .select([
      'u.id',
      'u.name',
      'u.email',
      'u.name_enc',
      'u.email_enc',
      'k.wrapped',
      'u.role',
      'u.organisation_id',
      'u.totp_enabled',
      'u.locked_until',
      'u.disabled_at',
      'u.created_at',
    ])
    .where('u.organisation_id', '=', organisationId);
  if (onlyId) q = q.where('u.id', '=', onlyId);
  const rows = (await q.execute())
    .map((r) => ({ ...r, ...openNameEmail(cipher, 'app_user', r) }))
    .sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const now = Date.now();
  const throttled = secretKey
    ? await throttledEmails(
        db,
        secretKey,
        rows.map((r) => r.email),
      )
    : new Set<string>();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    role: r.role as Role,
    organisationId: r.organisation_id,
    totpEnabled: r.totp_enabled,
    locked: throttled.has(r.email) || (!!r.locked_until && new Date(r.locked_until).getTime() > now),
    disabled: !!r.disabled_at,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** The organisation each of these users belongs to (users not found are left out). */
export async function organisationsOfUsers(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('app_user').select(['id', 'organisation_id']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.organisation_id]));
}

export async function getUser(
  db: Kysely<Database>,
  cipher: FieldCipher,
  id: string,
  secretKey?: string,
): Promise<UserSummary | null> {
  const row = await db.selectFrom('app_user').select('organisation_id').where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  return (await listUsers(db, cipher, row.organisation_id, secretKey, id))[0] ?? null;
}
