// Identity's commands leave their trail in their own transaction: exactly one change entry per entity they changed
// (written by the transaction that wrote the row: the row's xmin is the entry's transaction), and none when they
// fail. Sign-in is special: a refusal is a result (its back-off count and audit entry commit) and changes no entity.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKind } from '../db/testing.js';
import type { AuthUser } from '../kernel/auth.js';
import type { Actor, Kernel } from '../kernel/command.js';
import { DomainError } from '../kernel/errors.js';
import { createTestApp, type TestApp } from '../testing/app.js';
import {
  acceptInvitationCommand,
  completePasswordResetCommand,
  createOrganisationCommand,
  inviteCommand,
  requestPasswordResetCommand,
  revokeInvitationCommand,
} from './account-commands.js';
import {
  changePasswordCommand,
  confirmTotpCommand,
  disableTotpCommand,
  enrolTotpCommand,
  revokeSessions,
  signIn,
  signOut,
} from './auth-commands.js';
import { createSession, hashPassword, totpCode } from './auth.js';
import { setUserDisabledCommand, unlockUserCommand } from './commands.js';

const PASSWORD = 'a long enough password';
/** Tables of the entities identity's commands write, by entity name. */
const TABLES = ['app_user', 'user_session', 'invitation', 'password_reset', 'organisation', 'profile'] as const;

interface Entry {
  entity: string;
  id: string;
  op: string;
}

describe(`identity's commands: one change entry per changed entity, in the command's transaction (${testStoreKind()})`, () => {
  let t: TestApp;
  let kernel: Kernel;
  let org: string;
  let admin: AuthUser;
  let anonymous: Actor;

  beforeAll(async () => {
    t = await createTestApp({ config: { loginMaxFailures: 3 } });
    kernel = t.app.corridor.kernel;
    org = await t.organisation();
    admin = await t.user('org_admin', org);
    anonymous = { user: null, ip: '192.0.2.10', requestId: 'commands-test' };
  }, 120_000);
  afterAll(async () => t?.close());

  const lastPosition = async () =>
    Number(
      (await sql<{ p: string | null }>`select max(position)::text as p from change_log`.execute(t.store.db)).rows[0]!
        .p ?? 0,
    );

  /**
   * Runs a command and returns the change entries it appended. Every entry must come from one transaction, and
   * every row it names that still exists was last written by that transaction.
   */
  async function trail<R>(run: () => Promise<R>): Promise<{ result?: R; error?: unknown; changes: Entry[] }> {
    const before = await lastPosition();
    let result: R | undefined;
    let error: unknown;
    try {
      result = await run();
    } catch (err) {
      error = err;
    }
    const { rows } = await sql<{ entity: string; entity_id: string; op: string; tx: string }>`
      select entity, entity_id, op, tx::text as tx from change_log where position > ${before} order by position`.execute(
      t.store.db,
    );
    expect(new Set(rows.map((r) => r.tx)).size).toBeLessThanOrEqual(1);
    for (const r of rows) {
      if (r.op === 'delete' || !(TABLES as readonly string[]).includes(r.entity)) continue;
      const { rows: written } = await sql<{ xmin: string }>`
        select xmin::text as xmin from ${sql.table(r.entity)} where id = ${r.entity_id}`.execute(t.store.db);
      expect(written, `${r.entity} ${r.entity_id}`).toHaveLength(1);
      // xmin is the 32-bit id of the transaction that wrote the row; tx the 64-bit one (epoch in the high bits).
      expect(BigInt(written[0]!.xmin), `${r.entity} written by the command's transaction`).toBe(
        BigInt(r.tx) % 2n ** 32n,
      );
    }
    return { result, error, changes: rows.map((r) => ({ entity: r.entity, id: r.entity_id, op: r.op })) };
  }

  const sorted = (entries: Entry[]) =>
    [...entries].sort((a, b) => `${a.entity}${a.id}${a.op}`.localeCompare(`${b.entity}${b.id}${b.op}`));

  /** An account of the organisation that signs in with PASSWORD. */
  async function account(role: AuthUser['role'] = 'advisor'): Promise<AuthUser> {
    const user = await t.user(role, org);
    await t.store.db
      .updateTable('app_user')
      .set({ password_hash: await hashPassword(PASSWORD) })
      .where('id', '=', user.id)
      .execute();
    return user;
  }

  const sessionsOf = async (userId: string) =>
    (await t.store.db.selectFrom('user_session').select('id').where('user_id', '=', userId).execute()).map((r) => r.id);
  const auditCount = async (entityId: string) =>
    (
      await sql<{ n: number }>`select count(*)::int as n from audit_log where entity_id = ${entityId}`.execute(
        t.store.db,
      )
    ).rows[0]!.n;

  it('sign-in: one session created (and the expired ones swept); a refusal commits its count and no change', async () => {
    const user = await account();
    const expired = await createSession(t.store.db, user, 1, {}, new Date(Date.now() - 2 * 3_600_000));
    const ok = await trail(() => kernel.execute(signIn, anonymous, { email: user.email, password: PASSWORD }));
    if (!ok.result?.signedIn) throw new Error('expected a session');
    expect(sorted(ok.changes)).toEqual(
      sorted([
        { entity: 'user_session', id: ok.result.sessionId, op: 'create' },
        { entity: 'user_session', id: expired.sessionId, op: 'delete' },
      ]),
    );

    const auditsBefore = await auditCount(user.id);
    const refused = await trail(() => kernel.execute(signIn, anonymous, { email: user.email, password: 'wrong!!' }));
    expect(refused.result).toMatchObject({ signedIn: false, error: { code: 'invalid_credentials' } });
    expect(refused.changes).toEqual([]);
    // The refusal itself committed: the failure is in the audit log and counted.
    expect(await auditCount(user.id)).toBe(auditsBefore + 1);
    expect(await t.store.db.selectFrom('login_throttle').select('failures').execute()).not.toHaveLength(0);
  });

  it('sign-in with two-step: the account row records the code used, nothing when the code is missing', async () => {
    const user = await account();
    const me = { user };
    const { result: enrolment } = await trail(() => kernel.execute(enrolTotpCommand, me, { password: PASSWORD }));
    const previous = totpCode(enrolment!.secret, new Date(Date.now() - 30_000));
    const confirmed = await trail(() => kernel.execute(confirmTotpCommand, me, { code: previous, password: PASSWORD }));
    expect(confirmed.changes).toEqual([{ entity: 'app_user', id: user.id, op: 'update' }]);
    const missing = await trail(() => kernel.execute(signIn, anonymous, { email: user.email, password: PASSWORD }));
    expect((missing.error as DomainError).code).toBe('totp_required');
    expect(missing.changes).toEqual([]);
    const code = totpCode(enrolment!.secret);
    const ok = await trail(() =>
      kernel.execute(signIn, anonymous, { email: user.email, password: PASSWORD, totp: code }),
    );
    if (!ok.result?.signedIn) throw new Error('expected a session');
    expect(sorted(ok.changes)).toEqual(
      sorted([
        { entity: 'app_user', id: user.id, op: 'update' },
        { entity: 'user_session', id: ok.result.sessionId, op: 'create' },
      ]),
    );
  });

  it('two-step sign-in on and off, and the password: one account entry; a wrong password none', async () => {
    const user = await account();
    const me = { user };
    const wrong = await trail(() => kernel.execute(enrolTotpCommand, me, { password: 'not the password' }));
    expect(wrong.error).toMatchObject({ code: 'invalid_credentials', path: 'password' });
    expect(wrong.changes).toEqual([]);
    const enrolled = await trail(() => kernel.execute(enrolTotpCommand, me, { password: PASSWORD }));
    expect(enrolled.changes).toEqual([{ entity: 'app_user', id: user.id, op: 'update' }]);
    const off = await trail(() => kernel.execute(disableTotpCommand, me, { password: PASSWORD }));
    expect(off.changes).toEqual([{ entity: 'app_user', id: user.id, op: 'update' }]);
    const badCode = await trail(() => kernel.execute(confirmTotpCommand, me, { code: '000000', password: PASSWORD }));
    expect(badCode.error).toBeInstanceOf(DomainError);
    expect(badCode.changes).toEqual([]);

    const [keep, other] = [await createSession(t.store.db, user, 1), await createSession(t.store.db, user, 1)];
    const input = { currentPassword: PASSWORD, newPassword: 'another long password', currentSessionId: keep.sessionId };
    const refused = await trail(() =>
      kernel.execute(changePasswordCommand, me, { ...input, currentPassword: 'not the password' }),
    );
    expect(refused.error).toMatchObject({ path: 'currentPassword' });
    expect(refused.changes).toEqual([]);
    const changed = await trail(() => kernel.execute(changePasswordCommand, me, input));
    expect(sorted(changed.changes)).toEqual(
      sorted([
        { entity: 'app_user', id: user.id, op: 'update' },
        { entity: 'user_session', id: other.sessionId, op: 'delete' },
      ]),
    );
    expect(await sessionsOf(user.id)).toEqual([keep.sessionId]);
  });

  it('sign-out and session revocation: one entry per session ended, none for a session not theirs', async () => {
    const user = await account();
    const me = { user };
    const [a, b, c] = [
      await createSession(t.store.db, user, 1),
      await createSession(t.store.db, user, 1),
      await createSession(t.store.db, user, 1),
    ];
    const stranger = await createSession(t.store.db, await account(), 1);
    const notMine = await trail(() =>
      kernel.execute(revokeSessions, me, { sessionId: stranger.sessionId, currentSessionId: a.sessionId }),
    );
    expect(notMine.result).toEqual({ revoked: 0 });
    expect(notMine.changes).toEqual([]);
    const others = await trail(() => kernel.execute(revokeSessions, me, { currentSessionId: a.sessionId }));
    expect(others.result).toEqual({ revoked: 2 });
    expect(sorted(others.changes)).toEqual(
      sorted([
        { entity: 'user_session', id: b.sessionId, op: 'delete' },
        { entity: 'user_session', id: c.sessionId, op: 'delete' },
      ]),
    );
    const out = await trail(() => kernel.execute(signOut, me, { sessionId: a.sessionId }));
    expect(out.changes).toEqual([{ entity: 'user_session', id: a.sessionId, op: 'delete' }]);
    expect(await sessionsOf(user.id)).toEqual([]);
    // The system actor has no session to end.
    const system = await trail(() => kernel.execute(signOut, { user: null }, { sessionId: null }));
    expect(system.error).toMatchObject({ kind: 'unauthenticated' });
    expect(system.changes).toEqual([]);
  });

  it('organisations, invitations and their acceptance', async () => {
    const platform = await t.user('platform_admin', org);
    const name = `Commands test org ${Date.now()}`;
    const made = await trail(() =>
      kernel.execute(createOrganisationCommand, { user: platform }, { name, type: 'ngo' }),
    );
    expect(made.changes).toEqual([{ entity: 'organisation', id: made.result!.id, op: 'create' }]);
    const twice = await trail(() =>
      kernel.execute(createOrganisationCommand, { user: platform }, { name, type: 'ngo' }),
    );
    expect(twice.error).toMatchObject({ kind: 'conflict', path: 'name' });
    expect(twice.changes).toEqual([]);

    const invitation = { organisationId: org, email: `invitee.${Date.now()}@example.org`, name: 'I', role: 'migrant' };
    const invited = await trail(() => kernel.execute(inviteCommand, { user: admin }, invitation));
    const { invitation: inv, token } = invited.result!;
    expect(invited.changes).toEqual([{ entity: 'invitation', id: inv.id, op: 'create' }]);
    const taken = await trail(() =>
      kernel.execute(inviteCommand, { user: admin }, { ...invitation, email: admin.email }),
    );
    expect(taken.error).toMatchObject({ code: 'email_taken', path: 'email' });
    expect(taken.changes).toEqual([]);

    const bad = await trail(() =>
      kernel.execute(acceptInvitationCommand, anonymous, { token: 'x'.repeat(43), password: PASSWORD }),
    );
    expect(bad.error).toMatchObject({ code: 'invitation_invalid', path: 'token' });
    expect(bad.changes).toEqual([]);
    const accepted = await trail(() =>
      kernel.execute(acceptInvitationCommand, anonymous, { token, password: PASSWORD }),
    );
    const { user, sessionId } = accepted.result!;
    const profileId = await t.app.corridor.services.get('migrants').migrantIdForUser(t.store.db, user.id);
    expect(sorted(accepted.changes)).toEqual(
      sorted([
        { entity: 'app_user', id: user.id, op: 'create' },
        { entity: 'invitation', id: inv.id, op: 'update' },
        { entity: 'profile', id: profileId!, op: 'update' },
        { entity: 'user_session', id: sessionId, op: 'create' },
      ]),
    );
    const again = await trail(() => kernel.execute(acceptInvitationCommand, anonymous, { token, password: PASSWORD }));
    expect(again.error).toMatchObject({ code: 'invitation_invalid' });
    expect(again.changes).toEqual([]);
  });

  it('revoking an invitation: one entry; an unknown or accepted one none', async () => {
    const input = { organisationId: org, email: `revoke.${Date.now()}@example.org`, name: 'R', role: 'advisor' };
    const { invitation } = await kernel.execute(inviteCommand, { user: admin }, input);
    const revoke = (invitationId: string) =>
      trail(() => kernel.execute(revokeInvitationCommand, { user: admin }, { organisationId: org, invitationId }));
    const done = await revoke(invitation.id);
    expect(done.changes).toEqual([{ entity: 'invitation', id: invitation.id, op: 'delete' }]);
    const gone = await revoke(invitation.id);
    expect(gone.error).toMatchObject({ kind: 'not_found', path: 'invitationId' });
    expect(gone.changes).toEqual([]);
  });

  it('password resets: issued (replacing the earlier link), completed once; failures leave nothing', async () => {
    const user = await account();
    const session = await createSession(t.store.db, user, 1);
    const first = await trail(() => kernel.execute(requestPasswordResetCommand, { user: admin }, { userId: user.id }));
    const firstId = first.changes[0]!.id;
    expect(first.changes).toEqual([{ entity: 'password_reset', id: firstId, op: 'create' }]);
    const second = await trail(() => kernel.execute(requestPasswordResetCommand, { user: admin }, { userId: user.id }));
    const secondId = second.changes.find((c) => c.op === 'create')!.id;
    expect(sorted(second.changes)).toEqual(
      sorted([
        { entity: 'password_reset', id: firstId, op: 'delete' },
        { entity: 'password_reset', id: secondId, op: 'create' },
      ]),
    );
    const platform = await t.user('platform_admin', org);
    const takeover = await trail(() =>
      kernel.execute(requestPasswordResetCommand, { user: admin }, { userId: platform.id }),
    );
    expect(takeover.error).toMatchObject({ kind: 'forbidden' });
    expect(takeover.changes).toEqual([]);

    const token = second.result!.token;
    const weak = await trail(() =>
      kernel.execute(completePasswordResetCommand, anonymous, { token, password: 'short' }),
    );
    expect(weak.error).toMatchObject({ path: 'password' });
    expect(weak.changes).toEqual([]);
    const stale = await trail(() =>
      kernel.execute(completePasswordResetCommand, anonymous, { token: first.result!.token, password: PASSWORD }),
    );
    expect(stale.error).toMatchObject({ code: 'reset_invalid' });
    expect(stale.changes).toEqual([]);
    const done = await trail(() =>
      kernel.execute(completePasswordResetCommand, anonymous, { token, password: 'my new long password' }),
    );
    expect(sorted(done.changes)).toEqual(
      sorted([
        { entity: 'app_user', id: user.id, op: 'update' },
        { entity: 'password_reset', id: secondId, op: 'update' },
        { entity: 'user_session', id: session.sessionId, op: 'delete' },
      ]),
    );
  });

  it('disabling (its sessions end) and unlocking an account', async () => {
    const user = await account();
    const session = await createSession(t.store.db, user, 1);
    const off = await trail(() =>
      kernel.execute(setUserDisabledCommand, { user: admin }, { userId: user.id, disabled: true }),
    );
    expect(sorted(off.changes)).toEqual(
      sorted([
        { entity: 'app_user', id: user.id, op: 'update' },
        { entity: 'user_session', id: session.sessionId, op: 'delete' },
      ]),
    );
    const self = await trail(() =>
      kernel.execute(setUserDisabledCommand, { user: admin }, { userId: admin.id, disabled: true }),
    );
    expect(self.error).toMatchObject({ path: 'userId' });
    expect(self.changes).toEqual([]);
    const unlocked = await trail(() => kernel.execute(unlockUserCommand, { user: admin }, { userId: user.id }));
    expect(unlocked.changes).toEqual([{ entity: 'app_user', id: user.id, op: 'update' }]);
  });
});
