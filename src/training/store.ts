// Training-offer storage and rules. No Fastify here.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { updateVersioned } from '../db/versioned.js';
import type { TrainingOffer } from '../shared/projections.js';
import { invalid, notFound } from '../kernel/errors.js';
import { checkDate, checkUnique, pageOf, checkUrisExist, escoContext } from '../profiles/domain.js';
import type { TrainingOfferInput, TrainingOfferRecord } from './model.js';

type Db = Kysely<Database>;
type OfferRow = NonNullable<Awaited<ReturnType<typeof selectRow>>>;

function selectRow(db: Db, id: string) {
  return db.selectFrom('training_offer').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findOfferRow(db: Db, id: string): Promise<OfferRow | undefined> {
  if (id.length > 100) return undefined;
  return selectRow(db, id);
}

async function columns(db: Db, input: TrainingOfferInput) {
  checkUnique(input.skills, (s) => s, 'skills', 'skill');
  checkDate(input.startDate, 'startDate');
  if (input.mode !== 'online' && !input.location) throw invalid('Give the place, or make the offer online', 'location');
  const esco = await escoContext(db);
  await checkUrisExist(
    db,
    esco,
    input.skills.map((uri, i) => ({ uri, path: `skills.${i}`, kind: 'skill' as const })),
  );
  return {
    title: input.title,
    description: input.description ?? null,
    skills: JSON.stringify(input.skills),
    duration_hours: input.durationHours,
    cost: input.cost.toFixed(2),
    currency: input.currency,
    mode: input.mode,
    country: input.location?.country ?? null,
    region: input.location?.region ?? null,
    language: input.language,
    start_date: input.startDate ?? null,
    seats: input.seats ?? null,
    status: input.status,
    taxonomy_version: esco.version,
  };
}

/** Stores a validated offer (the command validated the input's shape; this checks dates, place and ESCO URIs). */
export async function insertTrainingOffer(
  db: Db,
  ids: { id: string; organisationId: string; createdBy: string | null },
  input: TrainingOfferInput,
): Promise<TrainingOfferRecord> {
  const values = await columns(db, input);
  const row = await db
    .insertInto('training_offer')
    .values({ id: ids.id, organisation_id: ids.organisationId, created_by: ids.createdBy, ...values })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toOffer(row);
}

/** Replaces an offer read at `version`; a stale version is a conflict. */
export async function replaceTrainingOffer(
  db: Db,
  id: string,
  version: number,
  input: TrainingOfferInput,
): Promise<TrainingOfferRecord> {
  const values = await columns(db, input);
  const row = await updateVersioned(db, 'training_offer', {
    id,
    version,
    values,
    noun: 'offer',
    missing: () => notFound('No such training offer', 'offerId'),
  });
  return toOffer(row);
}

export async function deleteTrainingOffer(db: Db, id: string): Promise<boolean> {
  const res = await db.deleteFrom('training_offer').where('id', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

export async function getTrainingOffer(db: Db, id: string): Promise<TrainingOfferRecord> {
  const row = await findOfferRow(db, id);
  if (!row) throw notFound('No such training offer', 'offerId');
  return toOffer(row);
}

export function toOffer(row: OfferRow): TrainingOfferRecord {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    title: row.title,
    description: row.description,
    skills: row.skills,
    durationHours: Number(row.duration_hours),
    cost: Number(row.cost),
    currency: row.currency,
    mode: row.mode,
    location: row.country ? { country: row.country, region: row.region ?? '' } : null,
    language: row.language,
    startDate: row.start_date,
    seats: row.seats,
    status: row.status,
    taxonomyVersion: row.taxonomy_version,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export interface OfferListQuery {
  organisationId?: string;
  /** Offers teaching this ESCO skill. */
  skill?: string;
  mode?: string;
  language?: string;
  country?: string;
  status?: 'open' | 'closed';
  limit?: number;
  offset?: number;
}

export async function listTrainingOffers(db: Db, q: OfferListQuery = {}): Promise<TrainingOfferRecord[]> {
  let query = db
    .selectFrom('training_offer')
    .selectAll()
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .limit(pageOf(q).limit)
    .offset(pageOf(q).offset);
  if (q.organisationId) query = query.where('organisation_id', '=', q.organisationId);
  if (q.skill) query = query.where(sql<boolean>`skills @> ${JSON.stringify([q.skill])}::jsonb`);
  if (q.mode) query = query.where('mode', '=', q.mode);
  if (q.language) query = query.where('language', '=', q.language);
  if (q.country) query = query.where('country', '=', q.country);
  if (q.status) query = query.where('status', '=', q.status);
  return (await query.execute()).map(toOffer);
}

/** Open offers as the gap → training planner sees them (matching's TrainingOffer). */
export async function listTrainingOffersForPlanning(db: Db, q: { skills?: string[] } = {}): Promise<TrainingOffer[]> {
  let query = db.selectFrom('training_offer').selectAll().where('status', '=', 'open').orderBy('id');
  if (q.skills) {
    if (q.skills.length === 0) return [];
    query = query.where(sql<boolean>`skills ?| ${sql.val(q.skills)}::text[]`);
  }
  return (await query.execute()).map((r) => ({
    id: r.id,
    title: r.title,
    skills: r.skills,
    durationHours: Number(r.duration_hours),
    cost: Number(r.cost),
    currency: r.currency,
  }));
}
