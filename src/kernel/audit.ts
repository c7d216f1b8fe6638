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
  await appendUnchained(ctx.db, rows);
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
