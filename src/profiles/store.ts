// Profile storage and the checks a schema cannot express. Commands (commands.ts) write through it inside their
// transaction; reads are called directly.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { updateVersioned } from '../db/versioned.js';
import { compiledQuery } from '../db/compiled.js';
import type { AuthUser } from '../kernel/auth.js';
import type { FieldCipher } from '../shared/crypto.js';
import { DomainError, invalid, conflict, notFound } from '../kernel/errors.js';
import {
  destroyPersonKey,
  findPersonCipher,
  openWithWrapped,
  personCipher,
  personCiphers,
  sealedContext,
  sealInPages,
  unwrapPersonKey,
  type BlindIndex,
} from '../kernel/person-keys.js';
import { statusCategory, type MatchCandidate, type StatusCategory, type WorkPermit } from '../shared/projections.js';
import type { CefrLevel } from '../shared/vocabulary.js';
import { canonicalLanguageTag, checkDate, checkUnique, DEFAULT_TAXONOMY_VERSION, pageOf } from './codes.js';
import { type ProfileInput, type Profile, type ProfileSummary } from './model.js';
import { checkUrisExist, escoContext } from './esco.js';
import type { CardSource } from './candidate-view.js';
import { employerScopesColumn, type EmployerScopes, type ProfilingState } from './visibility.js';

type Db = Kysely<Database>;
export type ProfileRow = NonNullable<Awaited<ReturnType<typeof selectRow>>>;

/** What a write needs: the database (or transaction), who acts, and the cipher for sensitive fields. */
export interface ProfileWriteContext {
  db: Db;
  user: AuthUser | null;
  cipher: FieldCipher;
  /** The keyed search index the sealed name is found by (blindIndex(config)). */
  index: BlindIndex;
  /** ESCO version the coded URIs refer to; default: the shipped version. */
  taxonomyVersion?: string;
}

interface StoredPermit {
  country: string;
  type: string;
  validFrom: string | null;
  validUntil: string | null;
  sectors: string[];
  /** Ciphertext. */
  documentNumberEnc: string | null;
}

const migrationStatusContext = (id: string) => `profile.migration_status:${id}`;
const documentContext = (id: string) => `profile.permit_document:${id}`;
const permitsContext = (id: string) => `profile.permits:${id}`;
const nameContext = sealedContext.profileName;
const freeTextContext = sealedContext.profileFreeText;
const statusCategoryContext = sealedContext.statusCategory;

/** The name columns of a row: sealed under the person's key, its tokens in the blind index, no clear copy. */
export function sealedNameColumns(key: FieldCipher, index: BlindIndex, id: string, name: string) {
  return {
    display_name: '',
    display_name_enc: key.encrypt(name, nameContext(id)),
    name_tokens: JSON.stringify(index.nameTokens(name)),
  };
}

type Lists = Pick<Profile, 'experience' | 'education' | 'qualifications'>;

/**
 * The free text of a profile's lists, by position: sealed under the person's key as one value. The coded parts
 * (occupation, country, months, ISCED level, EQF level, years) stay in the JSON columns, where matching and the
 * statistics read them in SQL. A qualification's title stays there too: candidate cards show it.
 */
interface FreeText {
  experience: { title: string | null; description: string | null }[];
  education: { title: string; institution: string | null }[];
  qualifications: { awardingBody: string | null }[];
}

/** The list columns of a row: coded parts in clear, the free text blanked there and sealed under the person's key. */
export function freeTextColumns(key: FieldCipher, id: string, lists: Lists) {
  const text: FreeText = {
    experience: lists.experience.map((e) => ({ title: e.title ?? null, description: e.description ?? null })),
    education: lists.education.map((e) => ({ title: e.title, institution: e.institution ?? null })),
    qualifications: lists.qualifications.map((q) => ({ awardingBody: q.awardingBody ?? null })),
  };
  return {
    experience: JSON.stringify(lists.experience.map((e) => ({ ...e, title: null, description: null }))),
    education: JSON.stringify(lists.education.map((e) => ({ ...e, title: '', institution: null }))),
    qualifications: JSON.stringify(lists.qualifications.map((q) => ({ ...q, awardingBody: null }))),
    free_text_enc: key.encryptJson(text, freeTextContext(id)),
  };
}

/** A row's lists with their free text: opened with the person's key, or as stored on a row not sealed yet. */
function openLists(
  row: Pick<ProfileRow, 'id' | 'experience' | 'education' | 'qualifications' | 'free_text_enc'>,
  person: FieldCipher | null,
): Lists {
  const experience = row.experience as Profile['experience'];
  const education = row.education as Profile['education'];
  const qualifications = row.qualifications as Profile['qualifications'];
  if (row.free_text_enc === null) return { experience, education, qualifications };
  if (!person) throw new DomainError('internal', 'person_key', 'the key of a sealed profile is missing');
  const text = person.decryptJson<FreeText>(row.free_text_enc, freeTextContext(row.id));
  return {
    experience: experience.map((e, i) => ({ ...e, ...text.experience[i] })),
    education: education.map((e, i) => ({ ...e, ...text.education[i] })),
    qualifications: qualifications.map((q, i) => ({ ...q, ...text.qualifications[i] })),
  };
}

/** A row's display name: opened with the person's key, or the clear one of a row not sealed yet. */
function openName(row: Pick<ProfileRow, 'id' | 'display_name' | 'display_name_enc'>, person: FieldCipher | null) {
  if (row.display_name_enc === null) return row.display_name;
  if (!person) throw new DomainError('internal', 'person_key', 'the key of a sealed profile is missing');
  return person.decrypt(row.display_name_enc, nameContext(row.id));
}

/**
 * A display name from its row joined to the person's wrapped key (`display_name`, `display_name_enc`, `wrapped`):
 * for lists in other capabilities, which open only the rows they return. '' when the key is gone.
 */
export function openDisplayName(
  cipher: FieldCipher,
  row: { id: string; display_name: string; display_name_enc: string | null; wrapped: string | null },
): string {
  if (row.display_name_enc === null) return row.display_name;
  return openWithWrapped(cipher, row.id, row.wrapped, row.display_name_enc, nameContext(row.id)) ?? '';
}

/** Live people's display names (one query, keys joined); ids erased or unknown are missing. */
export async function displayNames(db: Db, cipher: FieldCipher, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('profile as p')
    .leftJoin('person_key as k', 'k.subject_id', 'p.id')
    .select(['p.id', 'p.display_name', 'p.display_name_enc', 'k.wrapped'])
    .where('p.id', 'in', [...new Set(ids)])
    .where('p.erased_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.id, openDisplayName(cipher, r)]));
}

/** A live person's display name; '' when there is none. */
export async function displayNameOf(db: Db, cipher: FieldCipher, id: string): Promise<string> {
  if (id.length > 100) return '';
  return (await displayNames(db, cipher, [id])).get(id) ?? '';
}

/** What opens sealed names outside a profile write: the instance cipher (it unwraps the people's keys). */
export interface NameSeal {
  cipher: FieldCipher;
  index: BlindIndex;
}

/**
 * What opens a profile row's sealed fields: the person's own key, and the instance cipher for a row written before
 * migration 0330 that is not sealed yet (sealLegacyProfiles). A row is sealed when `permits_enc` is set.
 */
export interface ProfileKeys {
  /** The person's key; null when they have none (a row not sealed yet). */
  person: FieldCipher | null;
  instance: FieldCipher;
}

type SealedColumns = Pick<ProfileRow, 'id' | 'permits' | 'permits_enc' | 'migration_status_enc'>;

/** The category columns of a written row: under the person's key, the clear column NULL. */
function statusCategoryColumns(key: FieldCipher, id: string, category: StatusCategory) {
  return { status_category: null, status_category_enc: key.encrypt(category, statusCategoryContext(id)) };
}

/**
 * A row's ICLS category: the clear one of a statistics remainder or of a row written before migration 0360, else
 * opened with the person's key, else (a row not sealed yet) from its permits.
 */
function openStatusCategory(
  row: SealedColumns &
    Pick<ProfileRow, 'origin_country' | 'current_country' | 'status_category' | 'status_category_enc'>,
  keys: ProfileKeys,
): StatusCategory {
  if (row.status_category !== null) return row.status_category as StatusCategory;
  if (row.status_category_enc !== null) {
    if (!keys.person) throw new DomainError('internal', 'person_key', 'the key of a sealed profile is missing');
    return keys.person.decrypt(row.status_category_enc, statusCategoryContext(row.id)) as StatusCategory;
  }
  return statusCategory(row.origin_country, row.current_country, openPermits(row, keys));
}

/** The cipher a row's values are under. */
function keyOf(row: SealedColumns, keys: ProfileKeys): FieldCipher {
  if (row.permits_enc === null) return keys.instance;
  if (!keys.person) throw new DomainError('internal', 'person_key', 'the key of a sealed profile is missing');
  return keys.person;
}

/** A stored permit as answers show it: whether it has a document number, never the number. */
function permitView(p: StoredPermit) {
  return {
    country: p.country,
    type: p.type,
    validFrom: p.validFrom,
    validUntil: p.validUntil,
    sectors: p.sectors,
    hasDocumentNumber: p.documentNumberEnc !== null,
  };
}

/** The stored permits of a row (document numbers still sealed). */
function openPermits(row: SealedColumns, keys: ProfileKeys): StoredPermit[] {
  if (row.permits_enc === null) return (row.permits ?? []) as StoredPermit[];
  return keyOf(row, keys).decryptJson<StoredPermit[]>(row.permits_enc, permitsContext(row.id));
}

function openMigrationStatus(row: SealedColumns, keys: ProfileKeys): string | null {
  return row.migration_status_enc
    ? keyOf(row, keys).decrypt(row.migration_status_enc, migrationStatusContext(row.id))
    : null;
}

/** The keys that open these rows: the people's keys in one query. */
export async function keysFor(db: Db, cipher: FieldCipher, ids: readonly string[]): Promise<Map<string, ProfileKeys>> {
  const found =
    ids.length === 1
      ? new Map([[ids[0]!, await findPersonCipher(db, cipher, ids[0]!)]])
      : await personCiphers(db, cipher, ids);
  return new Map(ids.map((id) => [id, { person: found.get(id) ?? null, instance: cipher }]));
}

/** Checks a schema cannot express; throws 400 with the field path. Puts the contact language in canonical form. */
function checkProfile(input: ProfileInput): void {
  if (input.contactLanguage) {
    input.contactLanguage = canonicalLanguageTag(input.contactLanguage, `contactLanguage`);
  }
  checkUnique(input.skills, (s) => s.uri, `skills`, 'skill');
  checkUnique(input.languages, (l) => l.lang, `languages`, 'language');
  checkDate(input.availableFrom, `availableFrom`);
  const permits = input.workAuthorization?.permits ?? [];
  permits.forEach((p, i) => {
    const path = `workAuthorization.permits.${i}`;
    checkDate(p.validFrom, `${path}.validFrom`);
    checkDate(p.validUntil, `${path}.validUntil`);
    if (p.validFrom && p.validUntil && p.validFrom > p.validUntil) {
      throw invalid('validUntil is before validFrom', `${path}.validUntil`);
    }
    checkUnique(p.sectors, (s) => s, `${path}.sectors`, 'sector');
  });
  input.languages.forEach((l, i) => {
    if (!l.native && !l.listening && !l.reading && !l.speaking && !l.writing) {
      throw invalid('Give at least one CEFR level, or mark the language native', `languages.${i}`);
    }
  });
  const year = new Date().getUTCFullYear();
  if (input.birthYear !== undefined && input.birthYear !== null && input.birthYear > year - 10) {
    throw invalid(`Birth year must be ${year - 10} or earlier`, `birthYear`);
  }
}

async function checkMigrantUser(db: Db, organisationId: string, userId: string, path: string, profileId?: string) {
  const user = await db
    .selectFrom('app_user')
    .select(['role', 'organisation_id'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || user.organisation_id !== organisationId || user.role !== 'migrant') {
    throw invalid('Not a migrant account of this organisation', path);
  }
  let q = db.selectFrom('profile').select('id').where('user_id', '=', userId);
  if (profileId) q = q.where('id', '<>', profileId);
  if (await q.executeTakeFirst()) throw conflict('This account already has a profile', path);
}

function highestIsced(input: ProfileInput): number | null {
  const done = input.education.filter((e) => e.completed).map((e) => e.iscedLevel);
  return done.length ? Math.max(...done) : null;
}

/** Column values of a validated input; sensitive values encrypted (bound to the profile id). */
const jsonOrNull = (v: unknown[] | null) => (v === null ? null : JSON.stringify(v));

function columns(ctx: ProfileWriteContext, id: string, input: ProfileInput, key: FieldCipher, previous?: ProfileRow) {
  const before: ProfileKeys = { person: key, instance: ctx.cipher };
  const previousPermits = previous ? openPermits(previous, before) : [];
  // A value kept from a row not sealed yet is under the instance key: sealed again under the person's.
  const keep = (enc: string | null | undefined, context: string): string | null =>
    !enc || !previous
      ? null
      : previous.permits_enc !== null
        ? enc
        : key.encrypt(ctx.cipher.decrypt(enc, context), context);
  const permits: StoredPermit[] = (input.workAuthorization?.permits ?? []).map((p, i) => ({
    country: p.country,
    type: p.type,
    validFrom: p.validFrom ?? null,
    validUntil: p.validUntil ?? null,
    sectors: p.sectors,
    // Omitted = keep what is stored for that permit (clients that never saw the number do not wipe it).
    documentNumberEnc:
      p.documentNumber === undefined
        ? keep(previousPermits[i]?.documentNumberEnc, documentContext(id))
        : p.documentNumber === null || p.documentNumber === ''
          ? null
          : key.encrypt(p.documentNumber, documentContext(id)),
  }));
  const status = input.workAuthorization?.migrationStatus;
  const migrationStatusEnc =
    status === undefined
      ? keep(previous?.migration_status_enc, migrationStatusContext(id))
      : status === null || status === ''
        ? null
        : key.encrypt(status, migrationStatusContext(id));
  const prefs = input.preferences ?? {
    occupations: [],
    regions: [],
    willingToRelocate: false,
    relocationCountries: [],
  };
  return {
    // Omitted = keep the linked account; null = unlink.
    user_id: input.userId === undefined ? (previous?.user_id ?? null) : input.userId,
    ...sealedNameColumns(key, ctx.index, id, input.displayName),
    origin_country: input.originCountry,
    // Omitted = keep; null = not recorded; [] = stateless.
    citizenships: jsonOrNull(input.citizenships === undefined ? (previous?.citizenships ?? null) : input.citizenships),
    current_country: input.currentCountry,
    current_region: input.currentRegion ?? '',
    sex: input.sex ?? 'undisclosed',
    birth_year: input.birthYear ?? null,
    languages: JSON.stringify(input.languages),
    ...freeTextColumns(key, id, input),
    skills: JSON.stringify(input.skills),
    // Sealed whole, even an empty list: the table does not tell who holds a permit.
    permits: '[]',
    permits_enc: key.encryptJson(permits, permitsContext(id)),
    migration_status_enc: migrationStatusEnc,
    ...statusCategoryColumns(key, id, statusCategory(input.originCountry, input.currentCountry, permits)),
    preferences: JSON.stringify(prefs),
    seeking: input.seeking,
    available_from: input.availableFrom ?? null,
    // Omitted = keep (clients that do not know these fields do not wipe them); null = clear.
    contact_language:
      input.contactLanguage === undefined ? (previous?.contact_language ?? null) : input.contactLanguage,
    interview_step: input.interviewStep === undefined ? (previous?.interview_step ?? null) : input.interviewStep,
    highest_isced: highestIsced(input),
    taxonomy_version: ctx.taxonomyVersion ?? DEFAULT_TAXONOMY_VERSION,
  };
}

function selectRow(db: Db, id: string) {
  return db.selectFrom('profile').selectAll().where('id', '=', id).where('erased_at', 'is', null).executeTakeFirst();
}

/** The live (not erased) profile row, or undefined. */
export async function findProfileRow(db: Db, id: string): Promise<ProfileRow | undefined> {
  if (id.length > 100) return undefined;
  return selectRow(db, id);
}

// Read by every route that reaches a profile (db/compiled.ts builds it once).
const profileAccess = compiledQuery((db: Db, id: string) =>
  db
    .selectFrom('profile as p')
    .select([
      'p.id',
      'p.organisation_id',
      'p.user_id',
      sql<boolean | null>`(select bool_or(c.withdrawn_at is null) from consent c
        where c.migrant_id = p.id and c.purpose = 'profiling')`.as('profiling'),
    ])
    .where('p.id', '=', id)
    .where('p.erased_at', 'is', null),
);

/**
 * What a matching run for a person needs to decide access, in one query: the live row's owner columns
 * (policy.ts mayReachProfile) and where the person's profiling consent stands (as visibility.ts profilingState
 * reads it: given when one is in force, withdrawn when all were withdrawn, none when never recorded).
 */
export async function findProfileAccess(
  db: Db,
  id: string,
): Promise<{ id: string; organisation_id: string; user_id: string | null; profiling: ProfilingState } | undefined> {
  if (id.length > 100) return undefined;
  const [row] = await profileAccess(db, id);
  if (!row) return undefined;
  const profiling: ProfilingState = row.profiling === null ? 'none' : row.profiling ? 'given' : 'withdrawn';
  return { id: row.id, organisation_id: row.organisation_id, user_id: row.user_id, profiling };
}

/** Coded URIs must exist in the active taxonomy (when one is loaded); returns the version they refer to. */
async function checkCodes(ctx: ProfileWriteContext, input: ProfileInput): Promise<string> {
  const esco = await escoContext(ctx.db);
  await checkUrisExist(ctx.db, esco, [
    ...input.skills.map((s, i) => ({ uri: s.uri, path: `skills.${i}.uri`, kind: 'skill' as const })),
    ...input.experience.map((e, i) => ({
      uri: e.occupationUri,
      path: `experience.${i}.occupationUri`,
      kind: 'occupation' as const,
    })),
    ...(input.preferences?.occupations ?? []).map((uri, i) => ({
      uri,
      path: `preferences.occupations.${i}`,
      kind: 'occupation' as const,
    })),
  ]);
  return ctx.taxonomyVersion ?? esco.version;
}

/** A concurrent write linked the same account first (unique index): a 409, not a 500. */
function accountTaken(err: unknown): never {
  if ((err as { code?: string })?.code === '23505') throw conflict('This account already has a profile', 'userId');
  throw err;
}

/** Inserts a validated profile (the create command's storage step). */
export async function insertProfile(
  ctx: ProfileWriteContext,
  row: { id: string; organisationId: string },
  input: ProfileInput,
): Promise<Profile> {
  checkProfile(input);
  const taxonomyVersion = await checkCodes(ctx, input);
  if (input.userId) await checkMigrantUser(ctx.db, row.organisationId, input.userId, 'userId');
  const key = await personCipher(ctx.db, ctx.cipher, row.id, row.organisationId);
  const inserted = await ctx.db
    .insertInto('profile')
    .values({
      id: row.id,
      organisation_id: row.organisationId,
      created_by: ctx.user?.id ?? null,
      ...columns({ ...ctx, taxonomyVersion }, row.id, input, key),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returningAll()
    .executeTakeFirst()
    .catch(accountTaken);
  if (!inserted) throw conflict('A profile with this id exists already', 'id', 'exists');
  return toProfile(inserted, { person: key, instance: ctx.cipher }, false);
}

/**
 * Replaces a profile; `version` must be the one read (optimistic concurrency), else 409 and nothing changes.
 * `known` is the row as the caller already read it; used only when it is at that version (then it is current).
 */
export async function replaceProfile(
  ctx: ProfileWriteContext,
  id: string,
  version: number,
  input: ProfileInput,
  known?: ProfileRow,
): Promise<Profile> {
  checkProfile(input);
  const taxonomyVersion = await checkCodes(ctx, input);
  const previous = known && known.id === id && known.version === version ? known : await selectRow(ctx.db, id);
  if (!previous) throw notFound('No such profile', 'profileId');
  if (input.userId) await checkMigrantUser(ctx.db, previous.organisation_id, input.userId, 'userId', id);
  const key = await personCipher(ctx.db, ctx.cipher, id, previous.organisation_id);
  const row = await updateVersioned(ctx.db, 'profile', {
    id,
    version,
    values: columns({ ...ctx, taxonomyVersion }, id, input, key, previous),
    noun: 'profile',
    missing: () => notFound('No such profile', 'profileId'),
    where: (eb) => eb('erased_at', 'is', null),
  }).catch(accountTaken);
  return toProfile(row, { person: key, instance: ctx.cipher }, false);
}

/** Sets "looking for work" on a live profile (a new version); undefined when there is none. */
export async function setSeeking(db: Db, id: string, seeking: boolean): Promise<ProfileRow | undefined> {
  return db
    .updateTable('profile')
    .set({ seeking, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('erased_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Raises skills to an evidence level from an assessment (recognition's RPL): held skills below it go up (a
 * certified skill stays certified), missing ones are added, with `source`. A new version; undefined when no live
 * profile.
 */
export async function raiseSkillEvidence(
  db: Db,
  id: string,
  skillUris: readonly string[],
  evidence: 'assessed' | 'certified',
  source: 'assessment' | 'certificate',
): Promise<ProfileRow | undefined> {
  const row = await findProfileRow(db, id);
  if (!row || row.erased_at) return undefined;
  const rank = (e: string) => ['self-declared', 'advisor-checked', 'assessed', 'certified'].indexOf(e);
  const skills = [...(row.skills as Profile['skills'])];
  for (const uri of skillUris) {
    const i = skills.findIndex((s) => s.uri === uri);
    if (i < 0) skills.push({ uri, evidence, source });
    else if (rank(skills[i]!.evidence) < rank(evidence)) skills[i] = { ...skills[i]!, evidence, source };
  }
  return db
    .updateTable('profile')
    .set({ skills: JSON.stringify(skills), version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('erased_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Moves a live profile to another organisation (a transferred case); undefined when there is none. */
export async function moveProfile(db: Db, id: string, organisationId: string): Promise<ProfileRow | undefined> {
  return db
    .updateTable('profile')
    .set({ organisation_id: organisationId, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('erased_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** The profile; with includeSensitive the migration status and document numbers are decrypted (audit the read). */
export async function getProfile(db: Db, cipher: FieldCipher, id: string, includeSensitive = false): Promise<Profile> {
  const row = await findProfileRow(db, id);
  if (!row) throw notFound('No such profile', 'profileId');
  return readProfile(db, cipher, row, includeSensitive);
}

/** A row as a Profile, its person's key read first. */
export async function readProfile(
  db: Db,
  cipher: FieldCipher,
  row: ProfileRow,
  includeSensitive: boolean,
): Promise<Profile> {
  return toProfile(row, { person: await findPersonCipher(db, cipher, row.id), instance: cipher }, includeSensitive);
}

export function toProfile(row: ProfileRow, keys: ProfileKeys, includeSensitive: boolean): Profile {
  const key = keyOf(row, keys);
  const permits = openPermits(row, keys).map((p) => ({
    ...permitView(p),
    ...(includeSensitive
      ? { documentNumber: p.documentNumberEnc ? key.decrypt(p.documentNumberEnc, documentContext(row.id)) : null }
      : {}),
  }));
  const lists = openLists(row, keys.person);
  return {
    id: row.id,
    organisationId: row.organisation_id,
    userId: row.user_id,
    displayName: openName(row, keys.person),
    originCountry: row.origin_country,
    citizenships: (row.citizenships as string[] | null) ?? null,
    currentCountry: row.current_country,
    currentRegion: row.current_region,
    sex: row.sex,
    birthYear: row.birth_year,
    languages: row.languages as Profile['languages'],
    education: lists.education,
    qualifications: lists.qualifications,
    experience: lists.experience,
    skills: row.skills as Profile['skills'],
    workAuthorization: {
      hasMigrationStatus: row.migration_status_enc !== null,
      ...(includeSensitive ? { migrationStatus: openMigrationStatus(row, keys) } : {}),
      permits,
    },
    preferences: row.preferences as Profile['preferences'],
    seeking: row.seeking,
    availableFrom: row.available_from,
    contactLanguage: row.contact_language,
    interviewStep: row.interview_step,
    highestIscedLevel: row.highest_isced,
    taxonomyVersion: row.taxonomy_version,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    sensitiveOmitted: !includeSensitive,
  };
}

export interface ProfileListQuery {
  limit?: number;
  offset?: number;
  /**
   * Words that begin words of the display name (case and accents folded), matched through the blind index; a
   * sign that never splits a name (e.g. `%`) keeps its word from matching.
   */
  name?: string;
  seeking?: boolean;
}

/** An organisation's caseload, most recently updated first. */
export async function listProfiles(
  db: Db,
  seal: NameSeal,
  organisationId: string,
  q: ProfileListQuery = {},
): Promise<ProfileSummary[]> {
  let query = db
    .selectFrom('profile as p')
    // The page's keys come with its rows: one query, and only the rows returned are opened.
    .leftJoin('person_key as k', 'k.subject_id', 'p.id')
    .select([
      'p.id',
      'p.display_name',
      'p.display_name_enc',
      'k.wrapped',
      'p.origin_country',
      'p.current_country',
      'p.current_region',
      'p.seeking',
      'p.contact_language',
      'p.highest_isced',
      'p.version',
      'p.updated_at',
      sql<number>`jsonb_array_length(p.skills)`.as('skill_count'),
    ])
    .where('p.organisation_id', '=', organisationId)
    .where('p.erased_at', 'is', null)
    .orderBy('p.updated_at', 'desc')
    .orderBy('p.id')
    .limit(pageOf(q).limit)
    .offset(pageOf(q).offset);
  if (q.name) query = query.where(nameMatches(seal.index, q.name));
  if (q.seeking !== undefined) query = query.where('p.seeking', '=', q.seeking);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    displayName:
      r.display_name_enc === null
        ? r.display_name
        : (openWithWrapped(seal.cipher, r.id, r.wrapped, r.display_name_enc, nameContext(r.id)) ?? ''),
    originCountry: r.origin_country,
    currentCountry: r.current_country,
    currentRegion: r.current_region,
    seeking: r.seeking,
    contactLanguage: r.contact_language,
    skillCount: Number(r.skill_count),
    highestIscedLevel: r.highest_isced,
    version: r.version,
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}

/**
 * The caseload search on `profile as p`: every word of the query begins a word of the name. A row sealed with an
 * earlier key matches through that key's tokens; a row not sealed yet (until the start-up seal) by its clear name.
 */
function nameMatches(index: BlindIndex, query: string) {
  const words = query
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[\s\-'’.,]+/u)
    .filter((w) => w.length > 0);
  const byKey = index
    .searchTokens(query)
    .map((tokens) => sql<boolean>`p.name_tokens @> ${JSON.stringify(tokens)}::jsonb`);
  const plain = words.map((w) => {
    const escaped = w.replace(/[\\%_]/g, (c) => `\\${c}`);
    return sql<boolean>`(' ' || lower(p.display_name)) like ${`% ${escaped}%`}`;
  });
  const unsealed = sql<boolean>`(p.display_name <> '' and ${sql.join(plain.length ? plain : [sql`true`], sql` and `)})`;
  return sql<boolean>`(${sql.join([...byKey, unsealed], sql` or `)})`;
}

/** The profile a migrant account is, or null. */
export async function profileIdForUser(db: Db, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom('profile')
    .select('id')
    .where('user_id', '=', userId)
    .where('erased_at', 'is', null)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Country code recorded while origin or residence is not yet known (ISO 3166 user-assigned "unknown"). */
export const UNKNOWN_COUNTRY = 'ZZ';

/**
 * The profile of a migrant account, created empty when missing (e.g. when a migrant accepts an invitation):
 * name from the account, countries unknown until an advisor or the migrant fills them in.
 */
export async function ensureProfileForUser(
  db: Db,
  seal: NameSeal,
  user: { id: string; name: string; organisationId: string },
  taxonomyVersion = DEFAULT_TAXONOMY_VERSION,
): Promise<string> {
  const existing = await profileIdForUser(db, user.id);
  if (existing) return existing;
  // Invited by an advisor for a person they added: the account is that person's profile.
  const invited = await db
    .selectFrom('profile_invitation')
    .innerJoin('invitation', 'invitation.id', 'profile_invitation.invitation_id')
    .select('profile_invitation.profile_id')
    .where('invitation.accepted_user_id', '=', user.id)
    .where('profile_invitation.organisation_id', '=', user.organisationId)
    .executeTakeFirst();
  if (invited) {
    const linked = await db
      .updateTable('profile')
      .set({ user_id: user.id })
      .where('id', '=', invited.profile_id)
      .where('user_id', 'is', null)
      .where('erased_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (linked) return linked.id;
  }
  const id = randomUUID();
  const key = await personCipher(db, seal.cipher, id, user.organisationId);
  const inserted = await db
    .insertInto('profile')
    .values({
      id,
      organisation_id: user.organisationId,
      user_id: user.id,
      ...sealedNameColumns(key, seal.index, id, user.name),
      origin_country: UNKNOWN_COUNTRY,
      current_country: UNKNOWN_COUNTRY,
      current_region: '',
      sex: 'undisclosed',
      languages: '[]',
      ...freeTextColumns(key, id, { experience: [], education: [], qualifications: [] }),
      skills: '[]',
      permits: '[]',
      // No permits, no status yet (the first full write seals them); the category is sealed from the start.
      ...statusCategoryColumns(key, id, statusCategory(UNKNOWN_COUNTRY, UNKNOWN_COUNTRY, [])),
      preferences: JSON.stringify({ occupations: [], regions: [], willingToRelocate: false, relocationCountries: [] }),
      seeking: true,
      taxonomy_version: taxonomyVersion,
      created_by: user.id,
    })
    // A concurrent call for the same account won the race: use its profile.
    .onConflict((oc) => oc.column('user_id').where('user_id', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return inserted.id;
  // The key made for the id that lost the race goes too.
  await destroyPersonKey(db, id);
  return (await profileIdForUser(db, user.id))!;
}

export async function organisationOfProfile(db: Db, id: string): Promise<string | null> {
  if (id.length > 100) return null;
  const row = await db
    .selectFrom('profile')
    .select('organisation_id')
    .where('id', '=', id)
    .where('erased_at', 'is', null)
    .executeTakeFirst();
  return row?.organisation_id ?? null;
}

// ---- matching ----

/** Best level a person has in a language for matching: the lower of speaking and listening when both are known. */
function matchLevel(l: ProfileInput['languages'][number]): CefrLevel | null {
  if (l.native) return 'native';
  const order = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'];
  const known = [l.speaking, l.listening, l.reading, l.writing].filter((x): x is CefrLevel => !!x);
  if (!known.length) return null;
  const spoken = [l.speaking, l.listening].filter((x): x is CefrLevel => !!x);
  const pool = spoken.length ? spoken : known;
  return pool.reduce((a, b) => (order.indexOf(a) <= order.indexOf(b) ? a : b));
}

export interface MatchingQuery {
  organisationId?: string;
  ids?: string[];
  /** Only people actively looking for work. */
  seekingOnly?: boolean;
}

/**
 * Profiles as the matching engine sees them (MatchCandidate): no sex, birth year, origin, name or migration
 * status. Consent comes from identity's consent records: `matching` and `shareWithEmployers` both mean an active
 * (not withdrawn) 'matching_with_employers' consent. The permits are opened here, once per load or change: each
 * person's wrapped key comes with their row (one query, no key lookups per person) and document numbers stay sealed.
 */
export async function listProfilesForMatching(
  db: Db,
  cipher: FieldCipher,
  q: MatchingQuery = {},
): Promise<MatchCandidate[]> {
  if (q.ids && q.ids.length === 0) return [];
  let query = db
    .selectFrom('profile as p')
    .leftJoin('person_key as k', 'k.subject_id', 'p.id')
    .select([
      'p.id',
      'p.organisation_id',
      'p.skills',
      'p.experience',
      'p.languages',
      'p.highest_isced',
      'p.permits',
      'p.permits_enc',
      'k.wrapped',
      'p.current_country',
      'p.current_region',
      'p.preferences',
      'p.seeking',
      'p.available_from',
      sql<boolean>`exists (select 1 from consent c where c.migrant_id = p.id
        and c.purpose = 'matching_with_employers' and c.withdrawn_at is null)`.as('consent_matching'),
    ])
    .where('p.erased_at', 'is', null)
    // A withdrawn profiling consent takes the person out of matching altogether (profiles/visibility.ts).
    .where(
      sql<boolean>`not (exists (select 1 from consent c where c.migrant_id = p.id and c.purpose = 'profiling')
        and not exists (select 1 from consent c where c.migrant_id = p.id and c.purpose = 'profiling'
          and c.withdrawn_at is null))`,
    )
    .orderBy('p.id');
  if (q.organisationId) query = query.where('p.organisation_id', '=', q.organisationId);
  if (q.ids) query = query.where('p.id', 'in', q.ids);
  if (q.seekingOnly) query = query.where('p.seeking', '=', true);
  const rows = await query.execute();
  return rows.map((r) => {
    const prefs = r.preferences as Profile['preferences'];
    const languages = (r.languages as Profile['languages'])
      .map((l) => ({ lang: l.lang, level: matchLevel(l) }))
      .filter((l): l is { lang: string; level: CefrLevel } => l.level !== null);
    return {
      id: r.id,
      organisationId: r.organisation_id,
      skills: (r.skills as Profile['skills']).map((s) => ({ uri: s.uri, evidence: s.evidence })),
      // The ISCO unit is filled by the matching adapter from the taxonomy (profiles store the ESCO URI only).
      experience: (r.experience as Profile['experience']).map((e) => ({ occupationUri: e.occupationUri, isco: '' })),
      languages,
      iscedLevel: r.highest_isced,
      permits: openPermits(
        { id: r.id, permits: r.permits, permits_enc: r.permits_enc, migration_status_enc: null },
        { person: r.wrapped ? unwrapPersonKey(cipher, r.id, r.wrapped) : null, instance: cipher },
      ).map((p): WorkPermit => ({
        country: p.country,
        type: p.type,
        validUntil: p.validUntil,
        sectors: p.sectors,
      })),
      location: { country: r.current_country, region: r.current_region },
      relocation: { willing: prefs.willingToRelocate ?? false, countries: prefs.relocationCountries ?? [] },
      seeking: r.seeking,
      availableFrom: r.available_from,
      consent: { matching: !!r.consent_matching, shareWithEmployers: !!r.consent_matching },
    };
  });
}

// ---- employer view ----

export { candidateView } from './candidate-view.js';

/**
 * A shortlist's row of a person: what a candidate card can show, the person's wrapped key, and the organisation
 * that holds the profile (the card names it).
 */
export type CardRow = Awaited<ReturnType<typeof cardRowsQuery>>[number];

/** The card columns: what a card can show, the key that opens its sealed parts, and the holding organisation. */
function cardColumns(db: Db) {
  return db
    .selectFrom('profile as p')
    .leftJoin('person_key as k', 'k.subject_id', 'p.id')
    .leftJoin('organisation as o', 'o.id', 'p.organisation_id')
    .select([
      'p.id',
      'p.organisation_id',
      'o.name as organisation_name',
      'o.type as organisation_type',
      'o.country as organisation_country',
      'p.display_name',
      'p.display_name_enc',
      'p.skills',
      'p.experience',
      'p.languages',
      'p.education',
      'p.qualifications',
      'p.current_country',
      'p.current_region',
      'p.seeking',
      'p.available_from',
      'p.preferences',
      'p.taxonomy_version',
      'p.permits',
      'p.permits_enc',
      'k.wrapped',
    ])
    .where('p.erased_at', 'is', null);
}

// A page of cards is read on every shortlist and matches request: built once (db/compiled.ts).
const staffCards = compiledQuery((db: Db, ids: readonly string[]) =>
  cardColumns(db)
    .select(sql<EmployerScopes | null>`null`.as('employer_scopes'))
    .where(sql<boolean>`p.id = any(${ids}::text[])`),
);
const employerCards = compiledQuery((db: Db, ids: readonly string[], employerOrganisationId: string) =>
  cardColumns(db)
    .select(employerScopesColumn(employerOrganisationId).as('employer_scopes'))
    .where(sql<boolean>`p.id = any(${ids}::text[])`),
);

function cardRowsQuery(db: Db, ids: readonly string[], employerOrganisationId: string | null) {
  return employerOrganisationId === null ? staffCards(db, ids) : employerCards(db, ids, employerOrganisationId);
}

/**
 * A page of people (a shortlist) as their candidate cards are made (cardProfile), by id, in one query with their
 * wrapped keys and organisations, and, for an employer's organisation, the field scopes of the consents under which
 * it may see each person (`employer_scopes`, visibility.ts). Only what a card can show is read: no sex, birth year,
 * origin, citizenship or migration status. Erased and unknown ids are absent.
 */
export async function findCardRows(
  db: Db,
  ids: readonly string[],
  options: { employerOrganisationId?: string } = {},
): Promise<Map<string, CardRow>> {
  // Same guard as findProfileRow: an id that long is no profile id.
  const wanted = [...new Set(ids)].filter((id) => id.length <= 100);
  if (wanted.length === 0) return new Map();
  const rows = await cardRowsQuery(db, wanted, options.employerOrganisationId ?? null);
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * The person as a candidate card shows them (candidateView cuts it to the consented fields). The permits and the
 * name are the sealed parts a card can show: the person's key is unwrapped and they are opened only `withPermits`
 * (the card shows workAuthorization) and `withName` (it shows displayName); otherwise they stay sealed and the card
 * holds none. Document numbers stay sealed.
 */
export function cardProfile(
  row: CardRow,
  cipher: FieldCipher,
  withPermits: boolean,
  withName: boolean,
): CardSource & { organisationId: string } {
  const permits = withPermits
    ? openPermits(
        { id: row.id, permits: row.permits, permits_enc: row.permits_enc, migration_status_enc: null },
        { person: row.wrapped ? unwrapPersonKey(cipher, row.id, row.wrapped) : null, instance: cipher },
      ).map(permitView)
    : [];
  return {
    id: row.id,
    organisationId: row.organisation_id,
    displayName: withName ? openDisplayName(cipher, row) : '',
    skills: row.skills as Profile['skills'],
    experience: row.experience as Profile['experience'],
    languages: row.languages as Profile['languages'],
    education: row.education as Profile['education'],
    qualifications: row.qualifications as Profile['qualifications'],
    currentCountry: row.current_country,
    currentRegion: row.current_region,
    seeking: row.seeking,
    availableFrom: row.available_from,
    preferences: row.preferences as Profile['preferences'],
    taxonomyVersion: row.taxonomy_version,
    workAuthorization: { permits },
  };
}

// ---- personal data: export and erasure ----

/** Everything held about the person, decrypted. */
export async function exportProfile(db: Db, cipher: FieldCipher, id: string): Promise<Profile | null> {
  const row = await findProfileRow(db, id);
  return row ? readProfile(db, cipher, row, true) : null;
}

/**
 * Erases the profile row. With an `anonymised_statistics` consent in force, a statistics remainder is kept under a
 * new random id that nothing else refers to (audit entries, change entries and consents name the old one): origin
 * and residence country (no region), sex, birth decade, highest ISCED level, coded skills, the occupation of the
 * longest experience, the ICLS migration status category (no permit, no type), registered month. Without that consent nothing is kept. Returns the
 * remainder's id (null when none) so the caller can record it for the statistics follower. To keep one, pass the
 * instance cipher: the category is sealed under the person's key, which erasure destroys after this.
 */
export async function eraseProfile(
  db: Db,
  id: string,
  keepForStatistics: false | { cipher: FieldCipher },
): Promise<{ erased: number; remainderId: string | null }> {
  const row = await findProfileRow(db, id);
  if (!row) return { erased: 0, remainderId: null };
  let remainderId: string | null = null;
  if (keepForStatistics) {
    remainderId = randomUUID();
    const longest = [...(row.experience as Profile['experience'])].sort((a, b) => (b.months ?? 0) - (a.months ?? 0))[0];
    const registered = new Date(row.created_at);
    // Opened with the person's key (a row not sealed yet: its clear category, or from its clear permits).
    const cipher = keepForStatistics.cipher;
    const category = openStatusCategory(row, {
      person: await findPersonCipher(db, cipher, id),
      instance: cipher,
    });
    await db
      .insertInto('profile')
      .values({
        id: remainderId,
        organisation_id: row.organisation_id,
        user_id: null,
        display_name: '',
        origin_country: row.origin_country,
        citizenships: jsonOrNull(row.citizenships),
        current_country: row.current_country,
        current_region: '',
        sex: row.sex,
        birth_year: row.birth_year === null ? null : row.birth_year - (row.birth_year % 10),
        languages: '[]',
        education: '[]',
        qualifications: '[]',
        experience: JSON.stringify(
          longest
            ? [
                {
                  occupationUri: longest.occupationUri,
                  title: null,
                  country: null,
                  months: 0,
                  formal: false,
                  description: null,
                },
              ]
            : [],
        ),
        skills: JSON.stringify(
          [...new Set((row.skills as Profile['skills']).map((s) => s.uri))]
            .sort()
            .map((uri) => ({ uri, evidence: 'self-declared', source: null })),
        ),
        permits: '[]',
        permits_enc: null,
        migration_status_enc: null,
        // The remainder's category stays in clear: no person, no key, and the statistics count it as is.
        status_category: category,
        status_category_enc: null,
        preferences: '{}',
        seeking: false,
        highest_isced: row.highest_isced,
        taxonomy_version: row.taxonomy_version,
        created_by: null,
        // The month only: a timestamp would link the remainder to the audit entry of the profile's creation.
        created_at: new Date(Date.UTC(registered.getUTCFullYear(), registered.getUTCMonth(), 1)),
        updated_at: new Date(Date.UTC(registered.getUTCFullYear(), registered.getUTCMonth(), 1)),
        erased_at: new Date(Date.UTC(registered.getUTCFullYear(), registered.getUTCMonth(), 1)),
      })
      .execute();
  }
  const result = await db.deleteFrom('profile').where('id', '=', id).executeTakeFirst();
  return { erased: Number(result.numDeletedRows), remainderId };
}

// ---- sealing rows written before migrations 0330 and 0360 ----

/**
 * Rows left to seal: a live row whose category is not sealed yet (or is also in clear: written by a server of the
 * version before 0360), and a statistics remainder from before 0330 (no category yet). The same predicate as the
 * partial index of migration 0360, so the query reads that index; empty once everything is sealed.
 */
const unsealedStatus = (t: 'profile' | 'p') =>
  sql<boolean>`((${sql.ref(`${t}.erased_at`)} IS NULL AND (${sql.ref(`${t}.status_category_enc`)} IS NULL
    OR ${sql.ref(`${t}.status_category`)} IS NOT NULL))
    OR (${sql.ref(`${t}.erased_at`)} IS NOT NULL AND ${sql.ref(`${t}.status_category`)} IS NULL))`;

/** Whose key seals a profile row's values: the person's while the row is live; an erased row gets none. */
const liveProfileSubject = (r: { id: string; organisation_id: string; erased_at: unknown }) =>
  r.erased_at === null ? { subjectId: r.id, organisationId: r.organisation_id } : null;

/**
 * Seals the rows written before migration 0330 (or plain by a bulk load): permits and migration status go under
 * the person's own key and the plain permits are cleared; and the ICLS category of every live row written before
 * migration 0360 goes under that key too, its clear column set to NULL. A migration has no key, so `corridor serve`
 * runs this before listening (then compacts the table). Batch by batch, one transaction each, the keys of a batch
 * read and created in one query each; instant when nothing is left (a partial index). Statistics remainders get
 * their category in clear and lose their permits, and no key. Returns the rows sealed.
 */
export async function sealLegacyProfiles(db: Db, cipher: FieldCipher, batchSize = 2000): Promise<number> {
  return sealInPages(db, cipher, {
    read: (after) =>
      db
        .selectFrom('profile')
        .selectAll()
        .where(unsealedStatus('profile'))
        .where('id', '>', after)
        .orderBy('id')
        .limit(batchSize)
        .execute(),
    // A statistics remainder gets no key: its category, in clear, is all it keeps.
    subject: liveProfileSubject,
    write: async (tx, page) => {
      const sealedRows = page.map(({ row: r, key }) => {
        const category = openStatusCategory(r, { person: key, instance: cipher });
        if (!key) {
          return { id: r.id, permits_enc: null, migration_status_enc: null, status_category: category };
        }
        const sealedCategory = statusCategoryColumns(key, r.id, category);
        // Sealed since 0330: only the category is left to seal.
        if (r.permits_enc !== null) {
          return {
            id: r.id,
            permits_enc: r.permits_enc,
            migration_status_enc: r.migration_status_enc,
            ...sealedCategory,
          };
        }
        const permits = openPermits(r, { person: null, instance: cipher });
        const reseal = (enc: string | null, context: string) =>
          enc ? key.encrypt(cipher.decrypt(enc, context), context) : null;
        return {
          id: r.id,
          permits_enc: key.encryptJson(
            permits.map((p) => ({ ...p, documentNumberEnc: reseal(p.documentNumberEnc, documentContext(r.id)) })),
            permitsContext(r.id),
          ),
          migration_status_enc: reseal(r.migration_status_enc, migrationStatusContext(r.id)),
          ...sealedCategory,
        };
      });
      // One statement per page; a row a writer sealed meanwhile is left as it is (and not counted).
      const { rows: updated } = await sql<{ id: string }>`
        UPDATE profile p SET permits = '[]'::jsonb, permits_enc = v.permits_enc,
          migration_status_enc = v.migration_status_enc, status_category = v.status_category,
          status_category_enc = v.status_category_enc
        FROM jsonb_to_recordset(${JSON.stringify(sealedRows)}::jsonb)
          AS v(id text, permits_enc text, migration_status_enc text, status_category text, status_category_enc text)
        WHERE p.id = v.id AND ${unsealedStatus('p')}
        RETURNING p.id`.execute(tx);
      return updated.length;
    },
  });
}

/**
 * Seals the names of rows written before migration 0340 (or by a bulk load): each goes under the person's key with
 * its tokens in the blind index, and the clear column is emptied. Run by `corridor serve` before listening, like
 * sealLegacyProfiles (a migration has no key); a partial index finds what is left. Returns the rows sealed.
 */
export async function sealLegacyNames(db: Db, seal: NameSeal, batchSize = 2000): Promise<number> {
  return sealInPages(db, seal.cipher, {
    read: (after) =>
      db
        .selectFrom('profile')
        .select(['id', 'organisation_id', 'display_name', 'erased_at'])
        .where('display_name', '<>', '')
        .where('id', '>', after)
        .orderBy('id')
        .limit(batchSize)
        .execute(),
    // An erased row keeps no name at all: no key for it.
    subject: liveProfileSubject,
    write: async (tx, page) => {
      const values = page.map(({ row, key }) =>
        key
          ? { id: row.id, ...sealedNameColumns(key, seal.index, row.id, row.display_name) }
          : { id: row.id, display_name: '', display_name_enc: null, name_tokens: null },
      );
      // One statement per page; a row a writer sealed meanwhile (its clear name emptied) is left as it is.
      await sql`
        UPDATE profile p SET display_name = '', display_name_enc = v.display_name_enc,
          name_tokens = v.name_tokens::jsonb
        FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
          AS v(id text, display_name_enc text, name_tokens text)
        WHERE p.id = v.id AND p.display_name <> ''`.execute(tx);
    },
  });
}

/**
 * Seals the free text of live rows written before migration 0350 (or by a bulk load): titles, descriptions,
 * institutions and awarding bodies go under the person's key and are blanked in the JSON columns. Run by
 * `corridor serve` before listening, like sealLegacyNames (a migration has no key); a partial index finds what is
 * left. Returns the rows sealed.
 */
export async function sealLegacyFreeText(db: Db, cipher: FieldCipher, batchSize = 2000): Promise<number> {
  return sealInPages(db, cipher, {
    read: (after) =>
      db
        .selectFrom('profile')
        .select(['id', 'organisation_id', 'experience', 'education', 'qualifications'])
        .where('free_text_enc', 'is', null)
        .where('erased_at', 'is', null)
        .where('id', '>', after)
        .orderBy('id')
        .limit(batchSize)
        .execute(),
    subject: (r) => ({ subjectId: r.id, organisationId: r.organisation_id }),
    write: async (tx, page) => {
      const values = page.map(({ row, key }) => ({
        id: row.id,
        ...freeTextColumns(key!, row.id, {
          experience: row.experience as Profile['experience'],
          education: row.education as Profile['education'],
          qualifications: row.qualifications as Profile['qualifications'],
        }),
      }));
      // One statement per page; a row a writer sealed meanwhile is left as it is.
      await sql`
        UPDATE profile p SET experience = v.experience::jsonb, education = v.education::jsonb,
          qualifications = v.qualifications::jsonb, free_text_enc = v.free_text_enc
        FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
          AS v(id text, experience text, education text, qualifications text, free_text_enc text)
        WHERE p.id = v.id AND p.free_text_enc IS NULL AND p.erased_at IS NULL`.execute(tx);
    },
  });
}
