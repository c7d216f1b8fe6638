// Audit log: who did what to which record, when and why. Append-only: this module only inserts, database triggers
// refuse UPDATE/DELETE/TRUNCATE on audit_log (PostgreSQL and PGlite alike), and each entry becomes a link in its
// organisation's hash chain (audit-chain.ts: a chainer links it shortly after it is written), so a change made
// around the triggers shows in verifyAuditChains().
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { AuthUser } from './auth.js';
import { appendUnchained, type AuditRow } from './audit-chain.js';

export type AuditAction =
  'create' | 'update' | 'delete' | 'read' | 'export' | 'erase' | 'login' | 'logout' | (string & {});

export interface AuditEntry {
  action: AuditAction;
  /** Table or domain object, e.g. 'consent', 'profile'. */
  entity: string;
  entityId?: string | null;
  /** Sensitive fields read or changed (names only, never values). */
  fields?: string[];
  /**
   * Why, as a code or fixed text (e.g. `sensitive-read`, `cv.pdf (ar)`): never free text a person typed, which could
   * name someone. Free text goes in `noteEnc`, encrypted under the person's key (sealNote in person-keys.ts).
   */
  reason?: string;
  /** A free-text note encrypted under the person's data key: unreadable once the person is erased. */
  noteEnc?: string;
  /** The people a list read showed (ids only): one entry per request, not one per row. */
  subjectIds?: readonly string[];
  /** Tenant of the record when it differs from the actor's (or when there is no actor). */
  organisationId?: string | null;
}

/** The parts of a request context audit needs; RouteContext satisfies it. */
export interface AuditContext {
  db: Kysely<Database>;
  user: AuthUser | null;
  requestId?: string;
  ip?: string;
}

export async function audit(ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await auditMany(ctx, [entry]);
}

/**
 * Appends several entries (e.g. every candidate a shortlist shows), in the order given, in one INSERT: inside the
 * caller's transaction when there is one (the entries commit or vanish with it). No lock is taken: the chainer
 * links them into their organisations' hash chains once their transaction has ended (audit-chain.ts).
 */
export async function auditMany(ctx: AuditContext, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows: AuditRow[] = entries.map((entry) => ({
    organisation_id: entry.organisationId ?? ctx.user?.organisationId ?? null,
    actor_user_id: ctx.user?.id ?? null,
    actor_role: ctx.user?.role ?? null,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId ?? null,
    fields: entry.fields && entry.fields.length ? [...entry.fields] : null,
    reason: entry.reason ?? null,
    note_enc: entry.noteEnc ?? null,
    subject_ids: entry.subjectIds && entry.subjectIds.length ? [...entry.subjectIds] : null,
    request_id: ctx.requestId ?? null,
    ip: ctx.ip ?? null,
  }));
  if (ctx.db.isTransaction) await appendUnchained(ctx.db, rows);
  else await batcherOf(ctx.db).append(rows);
}

/**
 * Audit entries written outside a transaction (the reads: a profile, a list, a page of candidates) by concurrent
 * requests go to the database together, as a group commit: what is queued while an INSERT is under way is written
 * by the next one, in one statement and one commit (one WAL flush) for all. Each request is answered only once its
 * own entries are stored; its entries go in one statement, in the order given (two batches may be under way at
 * once, so different requests' ids can interleave). A batch that fails is retried request by request, so one
 * request's failure stays its own.
 */
class AuditBatcher {
  private queue: { rows: AuditRow[]; done: (err?: unknown) => void }[] = [];
  private inFlight = 0;

  constructor(private readonly db: Kysely<Database>) {}

  append(rows: AuditRow[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, done: (err) => (err === undefined ? resolve() : reject(err)) });
      if (this.inFlight < MAX_AUDIT_BATCHES_IN_FLIGHT) this.flush();
    });
  }

  private flush(): void {
    const batch = this.queue.splice(0, this.queue.length);
    if (batch.length === 0) return;
    this.inFlight++;
    void this.write(batch).finally(() => {
      this.inFlight--;
      this.flush();
    });
  }

  private async write(batch: { rows: AuditRow[]; done: (err?: unknown) => void }[]): Promise<void> {
    try {
      await appendUnchained(
        this.db,
        batch.flatMap((b) => b.rows),
      );
      for (const b of batch) b.done();
    } catch (err) {
      if (batch.length === 1) return batch[0]!.done(err);
      for (const b of batch) await appendUnchained(this.db, b.rows).then(() => b.done(), b.done);
    }
  }
}

/** INSERTs of queued read audits under way at once (the rest queue behind them and go together). */
const MAX_AUDIT_BATCHES_IN_FLIGHT = 2;

const batchers = new WeakMap<Kysely<Database>, AuditBatcher>();

function batcherOf(db: Kysely<Database>): AuditBatcher {
  let b = batchers.get(db);
  if (!b) batchers.set(db, (b = new AuditBatcher(db)));
  return b;
}

export interface AuditRecord {
  id: number;
  at: string;
  organisationId: string | null;
  actorUserId: string | null;
  actorRole: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  fields: string[] | null;
  reason: string | null;
  /** The people a list read showed (ids only). */
  subjectIds: string[] | null;
  requestId: string | null;
}

export interface AuditQuery {
  organisationId?: string;
  entity?: string;
  /** The record's id, or a person named among a list read's subjects. */
  entityId?: string;
  actorUserId?: string;
  limit?: number;
  /** Return entries with id below this (newest first paging). */
  before?: number;
}

export async function listAudit(db: Kysely<Database>, q: AuditQuery): Promise<AuditRecord[]> {
  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(Math.min(q.limit ?? 100, 1000));
  if (q.organisationId) query = query.where('organisation_id', '=', q.organisationId);
  if (q.entity) query = query.where('entity', '=', q.entity);
  const entityId = q.entityId;
  if (entityId)
    query = query.where((eb) =>
      eb.or([
        eb('entity_id', '=', entityId),
        sql<boolean>`${eb.ref('subject_ids')} @> ${JSON.stringify([entityId])}::jsonb`,
      ]),
    );
  if (q.actorUserId) query = query.where('actor_user_id', '=', q.actorUserId);
  if (q.before) query = query.where('id', '<', q.before);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: new Date(r.at).toISOString(),
    organisationId: r.organisation_id,
    actorUserId: r.actor_user_id,
    actorRole: r.actor_role,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    fields: r.fields,
    reason: r.reason,
    subjectIds: r.subject_ids,
    requestId: r.request_id,
  }));
}
