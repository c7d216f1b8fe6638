// Invitations: an organisation admin invites someone by email with a role; the invitee opens a one-time link
// (token shown once, stored hashed), chooses a password, and the account exists from then on. Domain code: the
// commands (account-commands.ts) add the policy; `Writes` takes the audit and change entries.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { hashToken, newToken } from '../shared/crypto.js';
import { invalid, conflict, DomainError, forbidden, notFound } from '../kernel/errors.js';
import type { AuditContext } from '../kernel/audit.js';
import { normaliseEmail } from './auth.js';
import { destroyPersonKey } from '../kernel/person-keys.js';
import type { Config } from '../shared/config.js';
import type { FieldCipher } from '../shared/crypto.js';
import { accountSeal, accountWithEmail, nameEmailColumns, openNameEmail, wrappedKeyOf } from './sealed.js';
import { INVITABLE_BY_ORG_ADMIN, isRole, type AuthUser, type Role } from './model.js';
import { outsideCommand, type Writes } from './writes.js';
import { auditReason } from '../shared/audit-reasons.js';

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

/** Issues an invitation as `w.user`; the token is returned once and stored only hashed. */
export async function invite(
  w: Writes & { user: AuthUser },
  input: NewInvitation,
  now = new Date(),
): Promise<{ invitation: Invitation; token: string }> {
  const email = normaliseEmail(input.email);
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw invalid('Not an email address', 'email');
  if (!isRole(input.role)) throw invalid('Unknown role', 'role');
  if (w.user.role !== 'platform_admin' && !INVITABLE_BY_ORG_ADMIN.includes(input.role)) {
    throw forbidden('Only a platform admin can invite a platform admin');
  }
  if (
    input.role === 'platform_admin' &&
    w.user.role === 'platform_admin' &&
    input.organisationId !== w.user.organisationId
  ) {
    throw invalid('Platform admins belong to the platform organisation', 'organisationId');
  }
  const name = input.name.trim();
  if (!name) throw invalid('Name is required', 'name');
  const seal = accountSeal(w);
  if (await accountWithEmail(w.db, seal, email)) {
    throw conflict('An account with this email exists', 'email', 'email_taken');
  }
  const token = newToken();
  const id = randomUUID();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000);
  await w.db
    .insertInto('invitation')
    .values({
      id,
      organisation_id: input.organisationId,
      ...(await nameEmailColumns(w.db, seal, 'invitation', { id, organisationId: input.organisationId, name, email })),
      role: input.role,
      token_hash: hashToken(token),
      invited_by: w.user.id,
      expires_at: expiresAt,
    })
    .execute();
  w.audit({
    action: 'create',
    entity: 'invitation',
    entityId: id,
    organisationId: input.organisationId,
    reason: auditReason('invitationSent', { role: input.role }),
  });
  w.changed({ entity: 'invitation', id, op: 'create', organisationId: input.organisationId });
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

/**
 * Outside a command: the CLI's first platform admin (issued by the platform itself) and fixtures of tests. The
 * same trail as the `identity.invite` command, in one transaction.
 */
export async function createInvitation(
  ctx: AuditContext & { user: AuthUser } & Pick<Writes, 'cipher' | 'config'>,
  input: NewInvitation,
  now = new Date(),
): Promise<{ invitation: Invitation; token: string }> {
  return outsideCommand(ctx, (w) => invite({ ...w, user: ctx.user }, input, now));
}

export async function listInvitations(
  db: Kysely<Database>,
  cipher: FieldCipher,
  organisationId: string,
): Promise<Invitation[]> {
  const rows = await db
    .selectFrom('invitation as i')
    .leftJoin('person_key as k', 'k.subject_id', 'i.id')
    .select([
      'i.id',
      'i.organisation_id',
      'i.email',
      'i.name',
      'i.email_enc',
      'i.name_enc',
      'k.wrapped',
      'i.role',
      'i.expires_at',
      'i.accepted_at',
    ])
    .where('i.organisation_id', '=', organisationId)
    .orderBy('i.created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    ...openNameEmail(cipher, 'invitation', r),
    role: r.role as Role,
    expiresAt: new Date(r.expires_at).toISOString(),
    acceptedAt: r.accepted_at ? new Date(r.accepted_at).toISOString() : null,
  }));
}

const invalidInvitation = () =>
  new DomainError('invalid', 'invitation_invalid', 'This invitation link is invalid, used or expired', 'token');

/**
 * Accepts an invitation: creates the account with the chosen password (hashed already). One use only. The account
 * gets its own key (its name and e-mail are sealed under it); the invitation's stay under the invitation's key.
 */
export async function acceptInvitation(
  w: Writes & { cipher: FieldCipher; config: Pick<Config, 'secretKey' | 'previousSecretKeys'> },
  input: { token: string; passwordHash: string; name?: string },
  now = new Date(),
): Promise<AuthUser> {
  const inv = await w.db
    .selectFrom('invitation')
    .selectAll()
    .where('token_hash', '=', hashToken(input.token))
    .forUpdate()
    .executeTakeFirst();
  if (!inv || inv.accepted_at || new Date(inv.expires_at) <= now || !isRole(inv.role)) throw invalidInvitation();
  const seal = accountSeal(w)!;
  const opened = openNameEmail(w.cipher, 'invitation', { ...inv, wrapped: await wrappedKeyOf(w.db, inv.id) });
  if (await accountWithEmail(w.db, seal, opened.email)) {
    throw conflict('An account with this email exists', 'token', 'email_taken');
  }
  const id = randomUUID();
  const name = input.name?.trim() || opened.name;
  await w.db
    .insertInto('app_user')
    .values({
      id,
      organisation_id: inv.organisation_id,
      ...(await nameEmailColumns(w.db, seal, 'app_user', {
        id,
        organisationId: inv.organisation_id,
        name,
        email: opened.email,
      })),
      role: inv.role,
      password_hash: input.passwordHash,
      updated_at: now,
    })
    .execute();
  await w.db
    .updateTable('invitation')
    .set({ accepted_at: now, accepted_user_id: id })
    .where('id', '=', inv.id)
    .execute();
  // The caller is not signed in yet: the organisation is named, the reason says which invitation.
  w.audit({
    action: 'create',
    entity: 'app_user',
    entityId: id,
    organisationId: inv.organisation_id,
    reason: auditReason('invitationAccepted', { invitation: inv.id }),
  });
  w.changed({ entity: 'app_user', id, op: 'create', organisationId: inv.organisation_id });
  w.changed({ entity: 'invitation', id: inv.id, op: 'update', organisationId: inv.organisation_id });
  return { id, name, email: opened.email, role: inv.role, organisationId: inv.organisation_id };
}

/** Revokes a pending invitation (its link stops working). */
export async function revokeInvitation(w: Writes, organisationId: string, invitationId: string): Promise<void> {
  const res = await w.db
    .deleteFrom('invitation')
    .where('id', '=', invitationId)
    .where('organisation_id', '=', organisationId)
    .where('accepted_at', 'is', null)
    .executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound('No pending invitation with this id', 'invitationId');
  // Its name and e-mail die with its key.
  await destroyPersonKey(w.db, invitationId);
  w.audit({ action: 'delete', entity: 'invitation', entityId: invitationId, organisationId });
  w.changed({ entity: 'invitation', id: invitationId, op: 'delete', organisationId });
}
