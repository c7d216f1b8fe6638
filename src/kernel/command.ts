// Commands: the one way to write. Each capability exposes its writes as commands, `(actor, input, options) →
// result`, and the kernel runs every one the same way, in one transaction:
//
//   roles → input validation → record rule → run (storage) → audit entries → change entries → commit → notify
//
// Routes, the CLI, the demo, the generator and tests all call commands, so none of them can skip the policy, the
// audit or the change log. A failing command leaves nothing: no record, no audit entry, no change entry.
import { createHash, randomBytes } from 'node:crypto';
import type { Static, TSchema } from '@sinclair/typebox';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Config } from '../shared/config.js';
import type { FieldCipher } from '../shared/crypto.js';
import type { AuthUser, Role } from './auth.js';
import { auditMany, type AuditEntry } from './audit.js';
import type { Services } from './capability.js';
import { appendChanges, collapseChanges, type Change, type ChangeFeed } from './changes.js';
import { conflict, forbidden, invalid, notFound } from './errors.js';
import { cipherFromKey, ensurePersonCiphers, personCiphers } from './person-keys.js';
import { parseInput } from './validate.js';

type Db = Kysely<Database>;

/** Who runs a command: a signed-in user, or the system itself (the CLI, the demo, the generator, migrations). */
export interface Actor {
  /** null: the system (an operator at the command line, start-up tasks). Roles and record rules do not apply. */
  user: AuthUser | null;
  requestId?: string;
  ip?: string;
}

export const SYSTEM: Actor = { user: null };

/** What a command's rule and body receive. Writes go to `db`, which is the command's transaction. */
export interface CommandContext {
  db: Db;
  user: AuthUser | null;
  cipher: FieldCipher;
  services: Services;
  config: Config;
  requestId?: string;
  ip?: string;
  now: Date;
  /** Adds an audit entry, written with the command's other entries just before commit. */
  audit(entry: AuditEntry): void;
  /** Says an entity changed; one change-log entry per entity is written just before commit. */
  changed(change: Change): void;
  /** Runs another command as the same actor inside this transaction (its policy applies too). */
  run<I extends TSchema, R>(command: Command<I, R>, input: Static<I>): Promise<R>;
}

/** true: allowed; false: forbidden (the caller may know the record exists); 'not-found': indistinguishable from no record. */
export type Decision = boolean | 'not-found';

export interface Command<I extends TSchema = TSchema, R = unknown> {
  /** `capability.verb`, e.g. `vacancies.create`: names the command in idempotency records and errors. */
  name: string;
  /** Roles that may run it (a system actor always may). */
  roles: readonly [Role, ...Role[]];
  /** The input's schema (TypeBox): defaults applied, then validated; errors name the field (`skills.3.uri`). */
  input: I;
  /** Record-level rule, after validation; not run for the system actor. */
  rule?: (ctx: CommandContext, input: Static<I>) => Promise<Decision>;
  run: (ctx: CommandContext, input: Static<I>) => Promise<R>;
}

export function defineCommand<I extends TSchema, R>(command: Command<I, R>): Command<I, R> {
  return command;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommand = Command<any, any>;
export type InputOf<C> = C extends Command<infer I, unknown> ? Static<I> : never;
export type ResultOf<C> = C extends Command<TSchema, infer R> ? R : never;

export interface ExecuteOptions {
  /**
   * A retried request carries the key of its first attempt: the first answer is returned and nothing is written
   * twice (also when both arrive at once). The same key with another input is refused.
   */
  idempotencyKey?: string | null;
  /** Run inside this transaction instead of a new one (the caller commits). */
  db?: Db;
}

export interface KernelDeps {
  db: Db;
  config: Config;
  cipher: FieldCipher;
  services: Services;
  feed: ChangeFeed;
}

export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,200}$/;

export class Kernel {
  /** Transactions owned by callers that commands joined, with the id their change entries carry. */
  private readonly joined = new WeakMap<Db, number>();

  constructor(readonly deps: KernelDeps) {}

  /** A caller's transaction that commands joined has committed: tell this process's followers. */
  committed(trx: Db): void {
    const tx = this.joined.get(trx);
    if (tx !== undefined) this.deps.feed.notify(tx);
  }

  get db(): Db {
    return this.deps.db;
  }

  get feed(): ChangeFeed {
    return this.deps.feed;
  }

  async execute<I extends TSchema, R>(
    command: Command<I, R>,
    actor: Actor,
    input: Static<I> | unknown,
    options: ExecuteOptions = {},
  ): Promise<R> {
    const key = options.idempotencyKey ?? null;
    if (key !== null && !IDEMPOTENCY_KEY.test(key)) {
      throw invalid('An idempotency key is 8–200 visible ASCII characters', 'headers.idempotency-key');
    }
    if (options.db?.isTransaction) {
      // The caller's transaction: it commits, then calls committed() so this process's followers learn of it.
      const { result, tx } = await this.inTransaction(options.db, command, actor, input, key);
      if (tx !== null) this.joined.set(options.db, Math.max(tx, this.joined.get(options.db) ?? 0));
      return result;
    }
    const { result, tx } = await this.deps.db
      .transaction()
      .execute((trx) => this.inTransaction(trx, command, actor, input, key));
    this.deps.feed.notify(tx);
    return result;
  }

  private async inTransaction<I extends TSchema, R>(
    trx: Db,
    command: Command<I, R>,
    actor: Actor,
    rawInput: unknown,
    key: string | null,
  ): Promise<{ result: R; tx: number | null; subjects: Subject[] }> {
    checkRole(command, actor);
    const input = parseInput(command.input, rawInput);
    let claim: { actorId: string; key: string } | null = null;
    if (key !== null) {
      const actorId = actor.user?.id ?? 'system';
      const replay = await claimKey(trx, actorId, key, command.name, requestHash(command.name, input));
      if (replay.replayed) {
        const result = await openReply(trx, this.deps.cipher, actorId, key, replay.response);
        return { result: result as R, tx: null, subjects: [] };
      }
      claim = { actorId, key };
    }
    const audits: AuditEntry[] = [];
    const changes: Change[] = [];
    const subTxs: number[] = [];
    const subSubjects: Subject[] = [];
    const ctx: CommandContext = {
      db: trx,
      user: actor.user,
      cipher: this.deps.cipher,
      services: this.deps.services,
      config: this.deps.config,
      requestId: actor.requestId,
      ip: actor.ip,
      now: new Date(),
      audit: (entry) => void audits.push(entry),
      changed: (change) => void changes.push(change),
      // A sub-command writes its own audit and change entries, in this transaction.
      run: async (sub, subInput) => {
        const { result: subResult, tx: subTx, subjects } = await this.inTransaction(trx, sub, actor, subInput, null);
        if (subTx !== null) subTxs.push(subTx);
        subSubjects.push(...subjects);
        return subResult;
      },
    };
    if (command.rule && actor.user) {
      const decision = await command.rule(ctx, input);
      if (decision === 'not-found') throw notFound();
      if (decision !== true) throw forbidden('Not allowed for this record');
    }
    const result = await command.run(ctx, input);
    await auditMany({ db: trx, user: actor.user, requestId: actor.requestId, ip: actor.ip }, audits);
    const tx = (await appendChanges(trx, collapseChanges(changes))) ?? subTxs[0] ?? null;
    const subjects = [...subjectsOf(changes), ...subSubjects];
    if (claim) {
      const sealed = await sealReply(trx, this.deps.cipher, claim.actorId, claim.key, subjects, result);
      await trx
        .updateTable('idempotency_key')
        .set({ response: JSON.stringify(sealed) })
        .where('actor', '=', claim.actorId)
        .where('key', '=', claim.key)
        .execute();
    }
    return { result, tx, subjects };
  }
}

function checkRole(command: AnyCommand, actor: Actor): void {
  if (actor.user && !command.roles.includes(actor.user.role)) throw forbidden();
}

/** Stable across key order: the same input gives the same hash. */
function requestHash(name: string, input: unknown): string {
  return createHash('sha256').update(name).update('\u0000').update(stableJson(input)).digest('hex');
}

function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

/**
 * Claims the key in this transaction. A second request with the key waits on the first one's row (the primary key)
 * until that transaction ends: committed → its answer is replayed; rolled back → this one claims the key and runs.
 */
async function claimKey(
  trx: Db,
  actorId: string,
  key: string,
  command: string,
  hash: string,
): Promise<{ replayed: false } | { replayed: true; response: unknown }> {
  const inserted = await trx
    .insertInto('idempotency_key')
    .values({ actor: actorId, key, command, request_hash: hash, response: null })
    .onConflict((oc) => oc.columns(['actor', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (inserted) return { replayed: false };
  const row = await trx
    .selectFrom('idempotency_key')
    .select(['command', 'request_hash', 'response'])
    .where('actor', '=', actorId)
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  if (row.command !== command || row.request_hash !== hash) {
    throw conflict(
      'This idempotency key was used for another request; send a new key for a new request',
      'headers.idempotency-key',
      'idempotency_key_reused',
    );
  }
  return { replayed: true, response: row.response };
}

/** A person a command changed (a change entry's subject), the organisation holding them, and whether deleted. */
interface Subject {
  subjectId: string;
  organisationId: string | null;
  deleted: boolean;
}

function subjectsOf(changes: readonly Change[]): Subject[] {
  return changes.flatMap((c) =>
    c.subjectId
      ? [{ subjectId: c.subjectId, organisationId: c.organisationId ?? null, deleted: c.op === 'delete' }]
      : [],
  );
}

/**
 * A stored reply as the row keeps it. `body` is the reply's JSON, encrypted: under the instance key when the command
 * changed no one; otherwise under a random reply key split into one share per person it changed (XOR: every share is
 * needed), each share under that person's key, so erasing any of them shreds the reply. `ids` are the subjects and
 * the UUIDs the reply names, in clear, so an erasure still finds the row by the person's id (data-rights.ts).
 */
interface SealedReply {
  sealed: 'reply-v1';
  ids: string[];
  subjects: string[];
  shares: string[];
  body: string;
}

const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const replyContext = (actorId: string, key: string) => `idempotency_key.response:${actorId}:${key}`;
const shareContext = (actorId: string, key: string, subjectId: string) =>
  `idempotency_key.share:${actorId}:${key}:${subjectId}`;

async function sealReply(
  trx: Db,
  cipher: FieldCipher,
  actorId: string,
  key: string,
  subjects: readonly Subject[],
  result: unknown,
): Promise<SealedReply> {
  const json = JSON.stringify(result ?? null);
  const named = new Map<string, Subject>();
  for (const s of subjects) {
    const seen = named.get(s.subjectId);
    named.set(s.subjectId, seen ? { ...seen, deleted: seen.deleted && s.deleted } : s);
  }
  // A person the command created or changed gets a key if they have none; one it only deleted (an erasure, whose
  // key is gone) is not given a new one.
  const ciphers = new Map([
    ...(await personCiphers(
      trx,
      cipher,
      [...named.values()].filter((s) => s.deleted).map((s) => s.subjectId),
    )),
    ...(await ensurePersonCiphers(
      trx,
      cipher,
      [...named.values()].filter((s) => !s.deleted),
    )),
  ]);
  const people = [...named.values()].filter((s) => ciphers.has(s.subjectId));
  const ids = [...new Set([...named.keys(), ...(json.match(UUIDS) ?? [])])];
  const context = replyContext(actorId, key);
  if (people.length === 0) {
    return { sealed: 'reply-v1', ids, subjects: [], shares: [], body: cipher.encrypt(json, context) };
  }
  const replyKey = randomBytes(32);
  // n-1 random shares and the last one making their XOR the reply key.
  const shares = people.map((_, i) => (i < people.length - 1 ? randomBytes(32) : Buffer.from(replyKey)));
  for (let i = 0; i < shares.length - 1; i++) xorInto(shares[shares.length - 1]!, shares[i]!);
  return {
    sealed: 'reply-v1',
    ids,
    subjects: people.map((p) => p.subjectId),
    shares: people.map((p, i) =>
      ciphers.get(p.subjectId)!.encrypt(shares[i]!.toString('base64'), shareContext(actorId, key, p.subjectId)),
    ),
    body: cipherFromKey(replyKey).encrypt(json, context),
  };
}

function xorInto(target: Buffer, other: Buffer): void {
  for (let i = 0; i < target.length; i++) target[i]! ^= other[i]!;
}

function isSealedReply(stored: unknown): stored is SealedReply {
  return typeof stored === 'object' && stored !== null && (stored as { sealed?: unknown }).sealed === 'reply-v1';
}

/**
 * The reply a retry gets: the first one, exactly as it was answered. When a person it concerns has been erased since
 * (their key is gone), it cannot be opened, and the request is not run again either (that would write the erased
 * person back): the caller is told so.
 */
async function openReply(
  trx: Db,
  cipher: FieldCipher,
  actorId: string,
  key: string,
  stored: unknown,
): Promise<unknown> {
  // Not sealed: stored by a server from before migration 0050 (which deleted the replies it found).
  if (!isSealedReply(stored)) return stored;
  const context = replyContext(actorId, key);
  if (stored.subjects.length === 0) return JSON.parse(cipher.decrypt(stored.body, context));
  const ciphers = await personCiphers(trx, cipher, stored.subjects);
  if (stored.subjects.some((id) => !ciphers.has(id))) {
    throw conflict(
      'The first answer to this request concerned a person whose data has since been erased: it cannot be ' +
        'replayed, and the request is not run again. Send a new key for a new request',
      'headers.idempotency-key',
      'idempotency_reply_erased',
    );
  }
  const replyKey = Buffer.alloc(32);
  stored.subjects.forEach((id, i) => {
    xorInto(
      replyKey,
      Buffer.from(ciphers.get(id)!.decrypt(stored.shares[i]!, shareContext(actorId, key, id)), 'base64'),
    );
  });
  return JSON.parse(cipherFromKey(replyKey).decrypt(stored.body, context));
}

/** Keys are kept a day: long enough for any client's retries. */
export async function pruneIdempotencyKeys(db: Db, olderThan: Date): Promise<number> {
  const r = await db.deleteFrom('idempotency_key').where('created_at', '<', olderThan).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Used by tests and maintenance: the number of change entries (cheap sanity checks). */
export async function countChanges(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM change_log`.execute(db);
  return rows[0]!.n;
}
