// Invitations: an organisation admin invites someone by email with a role; the invitee opens a one-time link
// (token shown once, stored hashed), chooses a password, and the account exists from then on.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { hashToken, newToken } from '../shared/crypto.js';
import { invalid, conflict, DomainError, forbidden, notFound } from '../kernel/errors.js';
import { audit, type AuditContext } from '../kernel/audit.js';
import { checkPasswordPolicy, hashPassword, normaliseEmail } from './auth.js';
import { INVITABLE_BY_ORG_ADMIN, isRole, type AuthUser, type Role } from './model.js';

export const INVITATION_DAYS = 7;

export interface Invitation {
  id: string;
  organisationId: string;
  email: string;
  name: string;
  role: Role;
  expiresAt: string;
  acceptedAt: string | null;
}

export interface NewInvitation {
  organisationId: string;
  email: string;
  name: string;
  role: Role;
}

export async function createInvitation(
  ctx: AuditContext & { user: AuthUser },
  input: NewInvitation,
  now = new Date(),
): Promise<{ invitation: Invitation; token: string }> {
  const email = normaliseEmail(input.email);
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw invalid('Not an email address', 'email');
  if (!isRole(input.role)) throw invalid('Unknown role', 'role');
  if (ctx.user.role !== 'platform_admin' && !INVITABLE_BY_ORG_ADMIN.includes(input.role)) {
    throw forbidden('Only a platform admin can invite a platform admin');
  }
  if (
    input.role === 'platform_admin' &&
    ctx.user.role === 'platform_admin' &&
    input.organisationId !== ctx.user.organisationId
  ) {
    throw invalid('Platform admins belong to the platform organisation', 'organisationId');
  }
  const name = input.name.trim();
  if (!name) throw invalid('Name is required', 'name');
  const taken = await ctx.db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirst();
  if (taken) throw conflict('An account with this email exists', 'email', 'email_taken');
  const token = newToken();
  const id = randomUUID();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000);
  await ctx.db
    .insertInto('invitation')
    .values({
      id,
      organisation_id: input.organisationId,
      email,
      name,
      role: input.role,
      token_hash: hashToken(token),
      invited_by: ctx.user.id,
      expires_at: expiresAt,
    })
    .execute();
  await audit(ctx, {
    action: 'create',
    entity: 'invitation',
    entityId: id,
    organisationId: input.organisationId,
    reason: `role ${input.role}`,
  });
  return {
    token,
    invitation: {
      id,
      organisationId: input.organisationId,
      email,
      name,
      role: input.role,
      expiresAt: expiresAt.toISOString(),
      acceptedAt: null,
    },
  };
}

export async function listInvitations(db: Kysely<Database>, organisationId: string): Promise<Invitation[]> {
  const rows = await db
    .selectFrom('invitation')
    .select(['id', 'organisation_id', 'email', 'name', 'role', 'expires_at', 'accepted_at'])
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    email: r.email,
    name: r.name,
    role: r.role as Role,
    expiresAt: new Date(r.expires_at).toISOString(),
    acceptedAt: r.accepted_at ? new Date(r.accepted_at).toISOString() : null,
  }));
}

const invalidInvitation = () =>
  new DomainError('invalid', 'invitation_invalid', 'This invitation link is invalid, used or expired', 'token');

/** Accepts an invitation: creates the account with the chosen password. One use only. */
export async function acceptInvitation(
  db: Kysely<Database>,
  input: { token: string; password: string; name?: string },
  client: { requestId?: string; ip?: string } = {},
  now = new Date(),
): Promise<AuthUser> {
  checkPasswordPolicy(input.password);
  const passwordHash = await hashPassword(input.password);
  const run = async (trx: Kysely<Database>) => {
    const inv = await trx
      .selectFrom('invitation')
      .selectAll()
      .where('token_hash', '=', hashToken(input.token))
      .forUpdate()
      .executeTakeFirst();
    if (!inv || inv.accepted_at || new Date(inv.expires_at) <= now || !isRole(inv.role)) throw invalidInvitation();
    const taken = await trx.selectFrom('app_user').select('id').where('email', '=', inv.email).executeTakeFirst();
    if (taken) throw conflict('An account with this email exists', 'token', 'email_taken');
    const id = randomUUID();
    const name = input.name?.trim() || inv.name;
    await trx
      .insertInto('app_user')
      .values({
        id,
        organisation_id: inv.organisation_id,
        email: inv.email,
        name,
        role: inv.role,
        password_hash: passwordHash,
        updated_at: now,
      })
      .execute();
    await trx
      .updateTable('invitation')
      .set({ accepted_at: now, accepted_user_id: id })
      .where('id', '=', inv.id)
      .execute();
    const user: AuthUser = { id, name, email: inv.email, role: inv.role, organisationId: inv.organisation_id };
    await audit(
      { db: trx, user, ...client },
      { action: 'create', entity: 'app_user', entityId: id, reason: `accepted invitation ${inv.id}` },
    );
    return user;
  };
  // Joins the caller's transaction when there is one (Kysely cannot nest them).
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/** Revokes a pending invitation (its link stops working). */
export async function revokeInvitation(ctx: AuditContext, organisationId: string, invitationId: string): Promise<void> {
  const res = await ctx.db
    .deleteFrom('invitation')
    .where('id', '=', invitationId)
    .where('organisation_id', '=', organisationId)
    .where('accepted_at', 'is', null)
    .executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound('No pending invitation with this id', 'invitationId');
  await audit(ctx, { action: 'delete', entity: 'invitation', entityId: invitationId, organisationId });
}
