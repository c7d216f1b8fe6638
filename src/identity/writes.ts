// Where a write's trail goes: its audit entries and its change entries. A command's context is one (the kernel
// writes both with the command's transaction); outside a command — the CLI's first admin and reset link, fixtures
// of tests elsewhere — `outsideCommand` collects them and writes them in one transaction with the write, so both
// paths leave the same trail.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { auditMany, type AuditContext, type AuditEntry } from '../kernel/audit.js';
import type { AuthUser } from '../kernel/auth.js';
import type { Config } from '../shared/config.js';
import type { FieldCipher } from '../shared/crypto.js';
import { appendChanges, collapseChanges, type Change } from '../kernel/changes.js';

export interface Writes {
  db: Kysely<Database>;
  /** Who acts (null: the system or an anonymous caller). */
  user: AuthUser | null;
  audit(entry: AuditEntry): void;
  changed(change: Change): void;
  /** A command's instance cipher and configuration: they seal names and e-mails (identity/sealed.ts). */
  cipher?: FieldCipher;
  config?: Pick<Config, 'secretKey' | 'previousSecretKeys'>;
}

export async function outsideCommand<T>(
  ctx: AuditContext & Pick<Writes, 'cipher' | 'config'>,
  fn: (w: Writes) => Promise<T>,
): Promise<T> {
  const run = async (db: Kysely<Database>) => {
    const audits: AuditEntry[] = [];
    const changes: Change[] = [];
    const result = await fn({
      db,
      user: ctx.user,
      ...(ctx.cipher && ctx.config ? { cipher: ctx.cipher, config: ctx.config } : {}),
      audit: (e) => void audits.push(e),
      changed: (c) => void changes.push(c),
    });
    await auditMany({ ...ctx, db }, audits);
    await appendChanges(db, collapseChanges(changes));
    return result;
  };
  // Joins the caller's transaction when there is one (Kysely cannot nest them).
  return ctx.db.isTransaction ? run(ctx.db) : ctx.db.transaction().execute(run);
}

/** Change entries of sessions that ended (sign-out, revocation, a new password, a disabled account). */
export function sessionsEnded(w: Pick<Writes, 'changed'>, ended: readonly { id: string; organisationId: string }[]) {
  for (const s of ended)
    w.changed({ entity: 'user_session', id: s.id, op: 'delete', organisationId: s.organisationId });
}
