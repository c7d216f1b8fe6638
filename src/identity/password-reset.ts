// Administrator-issued password resets: an org admin creates a one-time link (24 h) for a user of their
// organisation who forgot their password; opening it sets a new password, lifts any lock-out and ends every session.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { hashToken, newToken } from '../shared/crypto.js';
import { DomainError } from '../kernel/errors.js';
import { audit, type AuditContext } from '../kernel/audit.js';
import { checkPasswordPolicy, endAllSessions, hashPassword } from './auth.js';

export const RESET_HOURS = 24;

export async function issuePasswordReset(
  /** user null: issued from the command line on the server. */
  ctx: AuditContext,
  target: { id: string; organisationId: string },
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  // One live link per user: a new one replaces any earlier unused link.
  await ctx.db.deleteFrom('password_reset').where('user_id', '=', target.id).where('used_at', 'is', null).execute();
  const token = newToken();
  const expiresAt = new Date(now.getTime() + RESET_HOURS * 3_600_000);
  const id = randomUUID();
  await ctx.db
    .insertInto('password_reset')
    .values({
      id,
      organisation_id: target.organisationId,
      user_id: target.id,
      token_hash: hashToken(token),
      created_by: ctx.user?.id ?? 'command line',
      expires_at: expiresAt,
    })
    .execute();
  await audit(ctx, {
    action: 'create',
    entity: 'password_reset',
    entityId: id,
    organisationId: target.organisationId,
    reason: `for user ${target.id}${ctx.user ? '' : ' (command line)'}`,
  });
  return { token, expiresAt };
}

export async function completePasswordReset(
  db: Kysely<Database>,
  input: { token: string; password: string },
  client: { requestId?: string; ip?: string } = {},
  now = new Date(),
): Promise<void> {
  checkPasswordPolicy(input.password);
  const passwordHash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    const reset = await trx
      .selectFrom('password_reset')
      .selectAll()
      .where('token_hash', '=', hashToken(input.token))
      .forUpdate()
      .executeTakeFirst();
    if (!reset || reset.used_at || new Date(reset.expires_at) <= now) {
      throw new DomainError('invalid', 'reset_invalid', 'This reset link is invalid, used or expired', 'token');
    }
    await trx
      .updateTable('app_user')
      .set({ password_hash: passwordHash, failed_logins: 0, locked_until: null, updated_at: now })
      .where('id', '=', reset.user_id)
      .execute();
    await trx.updateTable('password_reset').set({ used_at: now }).where('id', '=', reset.id).execute();
    await endAllSessions(trx, reset.user_id);
    await audit(
      { db: trx, user: null, ...client },
      {
        action: 'update',
        entity: 'app_user',
        entityId: reset.user_id,
        organisationId: reset.organisation_id,
        fields: ['password_hash'],
        reason: `password reset ${reset.id}`,
      },
    );
  });
}
