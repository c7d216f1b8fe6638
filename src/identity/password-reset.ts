// Administrator-issued password resets: an org admin creates a one-time link (24 h) for a user of their
// organisation who forgot their password; opening it sets a new password, lifts any lock-out and ends every session.
// Domain code: the commands (account-commands.ts) add the policy; `Writes` takes the audit and change entries.
import { randomUUID } from 'node:crypto';
import { hashToken, newToken } from '../shared/crypto.js';
import { DomainError } from '../kernel/errors.js';
import type { AuditContext } from '../kernel/audit.js';
import { endSessions } from './auth.js';
import { outsideCommand, sessionsEnded, type Writes } from './writes.js';
import { auditReason } from '../shared/audit-reasons.js';

export const RESET_HOURS = 24;

/** Issues a reset link for `target` (w.user null: from the command line on the server). The token is shown once. */
export async function issueReset(
  w: Writes,
  target: { id: string; organisationId: string },
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  // One live link per user: a new one replaces any earlier unused link.
  const replaced = await w.db
    .deleteFrom('password_reset')
    .where('user_id', '=', target.id)
    .where('used_at', 'is', null)
    .returning('id')
    .execute();
  for (const r of replaced) {
    w.changed({ entity: 'password_reset', id: r.id, op: 'delete', organisationId: target.organisationId });
  }
  const token = newToken();
  const expiresAt = new Date(now.getTime() + RESET_HOURS * 3_600_000);
  const id = randomUUID();
  await w.db
    .insertInto('password_reset')
    .values({
      id,
      organisation_id: target.organisationId,
      user_id: target.id,
      token_hash: hashToken(token),
      created_by: w.user?.id ?? 'command line',
      expires_at: expiresAt,
    })
    .execute();
  w.audit({
    action: 'create',
    entity: 'password_reset',
    entityId: id,
    organisationId: target.organisationId,
    reason: auditReason(w.user ? 'resetIssued' : 'resetIssuedByCli', { user: target.id }),
  });
  w.changed({ entity: 'password_reset', id, op: 'create', organisationId: target.organisationId });
  return { token, expiresAt };
}

/** Outside a command: the CLI's reset link and fixtures of tests; the same trail, in one transaction. */
export async function issuePasswordReset(
  ctx: AuditContext,
  target: { id: string; organisationId: string },
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  return outsideCommand(ctx, (w) => issueReset(w, target, now));
}

/** Sets the new password (hashed already) with a reset link: lifts a lock-out, ends every session. */
export async function completeReset(
  w: Writes,
  input: { token: string; passwordHash: string },
  now = new Date(),
): Promise<void> {
  const reset = await w.db
    .selectFrom('password_reset')
    .selectAll()
    .where('token_hash', '=', hashToken(input.token))
    .forUpdate()
    .executeTakeFirst();
  if (!reset || reset.used_at || new Date(reset.expires_at) <= now) {
    throw new DomainError('invalid', 'reset_invalid', 'This reset link is invalid, used or expired', 'token');
  }
  await w.db
    .updateTable('app_user')
    .set({ password_hash: input.passwordHash, failed_logins: 0, locked_until: null, updated_at: now })
    .where('id', '=', reset.user_id)
    .execute();
  await w.db.updateTable('password_reset').set({ used_at: now }).where('id', '=', reset.id).execute();
  sessionsEnded(w, await endSessions(w.db, reset.user_id));
  w.audit({
    action: 'update',
    entity: 'app_user',
    entityId: reset.user_id,
    organisationId: reset.organisation_id,
    fields: ['password_hash'],
    reason: auditReason('resetUsed', { reset: reset.id }),
  });
  const org = reset.organisation_id;
  w.changed({ entity: 'app_user', id: reset.user_id, op: 'update', organisationId: org });
  w.changed({ entity: 'password_reset', id: reset.id, op: 'update', organisationId: org });
}
