// Password login (argon2id), lock-out after repeated failures, optional TOTP, and database-backed sessions whose
// cookie token is stored only as a SHA-256 hash. Domain code: no Fastify here.
import { randomUUID } from 'node:crypto';
import { hash, verify, type Options as Argon2Options } from '@node-rs/argon2';
import { sql, type Kysely } from 'kysely';
import { Secret, TOTP } from 'otpauth';
import type { Database } from '../db/schema.js';
import type { Config } from '../shared/config.js';
import { hashToken, hmac, newToken, safeEqual, type FieldCipher, type Keyring } from '../shared/crypto.js';
import { invalid, DomainError, unauthenticated } from '../kernel/errors.js';
import { audit } from '../kernel/audit.js';
import { isRole, type AuthUser } from './model.js';

// OWASP's argon2id minimum (19 MiB, 2 passes): ~30-60 ms per hash on a small server.
// algorithm 2 = Argon2id (the package's enum is const, which verbatimModuleSyntax cannot import).
const ARGON2: Argon2Options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

export async function hashPassword(password: string): Promise<string> {
  checkPasswordPolicy(password);
  return hash(password, ARGON2);
}

export function checkPasswordPolicy(password: string, path = 'password'): void {
  if (password.length < PASSWORD_MIN) throw invalid(`Password needs at least ${PASSWORD_MIN} characters`, path);
  if (password.length > PASSWORD_MAX) throw invalid(`Password may have at most ${PASSWORD_MAX} characters`, path);
}

// Verified against when the email is unknown, so both paths cost the same time.
let dummyHash: Promise<string> | null = null;
async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hash('corridor-dummy-password', ARGON2);
  await verify(await dummyHash, password).catch(() => false);
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface LoginInput {
  email: string;
  password: string;
  totp?: string;
}

export interface LoginResult {
  user: AuthUser;
  token: string;
  sessionId: string;
  expiresAt: Date;
}

type LoginConfig = Pick<Config, 'loginMaxFailures' | 'lockoutMinutes' | 'sessionTtlHours'>;

const invalidCredentials = () => unauthenticated('Email or password is wrong', 'invalid_credentials');

export async function login(
  db: Kysely<Database>,
  config: LoginConfig,
  cipher: FieldCipher,
  input: LoginInput,
  client: { ip?: string; userAgent?: string; requestId?: string } = {},
  now = new Date(),
): Promise<LoginResult> {
  const email = normaliseEmail(input.email);
  const user = await db.selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirst();
  if (!user || !user.password_hash || user.disabled_at) {
    await verifyAgainstDummy(input.password);
    throw invalidCredentials();
  }
  if (user.locked_until && new Date(user.locked_until) > now) {
    // The same argon2 cost and, for a wrong password, the same answer as an unknown email or a wrong password: a
    // guesser can tell neither that the account exists nor that it is locked. Only the right password learns of the
    // lock (and still cannot sign in until it ends or an admin lifts it); failures while locked do not extend it.
    const right = await verify(user.password_hash, input.password).catch(() => false);
    if (!right) throw invalidCredentials();
    throw new DomainError(
      'rate_limited',
      'account_locked',
      'Too many failed sign-ins; try again later or ask an administrator',
    );
  }
  const passwordOk = await verify(user.password_hash, input.password).catch(() => false);
  let totpStep: number | null = null;
  if (passwordOk && user.totp_enabled) {
    if (!input.totp) throw unauthenticated('Enter the code from your authenticator app', 'totp_required');
    totpStep = checkTotp(cipher, user.id, user.totp_secret, input.totp, user.totp_last_step, now);
  }
  if (!passwordOk || (user.totp_enabled && totpStep === null)) {
    const locked = await recordFailure(db, user.id, config, now);
    // Failed sign-ins are security events: the account's admins see them in the audit log.
    await audit(
      { db, user: null, ip: client.ip, requestId: client.requestId },
      {
        action: 'login_failed',
        entity: 'app_user',
        entityId: user.id,
        organisationId: user.organisation_id,
        reason: `${passwordOk ? 'wrong two-step code' : 'wrong password'}${locked ? '; account locked' : ''}`,
      },
    );
    throw user.totp_enabled && passwordOk
      ? unauthenticated('The code is wrong or expired', 'totp_invalid')
      : invalidCredentials();
  }
  await db
    .updateTable('app_user')
    .set({ failed_logins: 0, locked_until: null, ...(totpStep !== null ? { totp_last_step: totpStep } : {}) })
    .where('id', '=', user.id)
    .execute();
  const authUser = toAuthUser(user);
  await db.deleteFrom('user_session').where('user_id', '=', user.id).where('expires_at', '<=', now).execute();
  const session = await createSession(db, authUser, config.sessionTtlHours, client, now);
  return { user: authUser, ...session };
}

/** Counts a failure; true when it locked the account. */
async function recordFailure(db: Kysely<Database>, userId: string, config: LoginConfig, now: Date): Promise<boolean> {
  // One statement, so concurrent failures cannot under-count.
  const row = await db
    .updateTable('app_user')
    .set({
      failed_logins: sql`CASE WHEN failed_logins + 1 >= ${config.loginMaxFailures} THEN 0 ELSE failed_logins + 1 END`,
      locked_until: sql`CASE WHEN failed_logins + 1 >= ${config.loginMaxFailures}
        THEN ${new Date(now.getTime() + config.lockoutMinutes * 60_000)}::timestamptz ELSE locked_until END`,
    })
    .where('id', '=', userId)
    .returning(['locked_until'])
    .executeTakeFirst();
  return !!row?.locked_until && new Date(row.locked_until) > now;
}

function toAuthUser(row: { id: string; name: string; email: string; role: string; organisation_id: string }): AuthUser {
  if (!isRole(row.role)) throw new Error(`user ${row.id} has unknown role ${row.role}`);
  return { id: row.id, name: row.name, email: row.email, role: row.role, organisationId: row.organisation_id };
}

export async function createSession(
  db: Kysely<Database>,
  user: AuthUser,
  ttlHours: number,
  client: { ip?: string; userAgent?: string } = {},
  now = new Date(),
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
  const token = newToken();
  const sessionId = randomUUID();
  const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000);
  await db
    .insertInto('user_session')
    .values({
      id: sessionId,
      organisation_id: user.organisationId,
      user_id: user.id,
      token_hash: hashToken(token),
      expires_at: expiresAt,
      ip: client.ip ?? null,
      user_agent: client.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, sessionId, expiresAt };
}

/** The user behind a session token, or null when unknown, expired or the account is disabled. */
export async function resolveSession(
  db: Kysely<Database>,
  token: string,
  now = new Date(),
): Promise<{ user: AuthUser; sessionId: string } | null> {
  if (!token || token.length > 100) return null;
  const row = await db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select([
      's.id as session_id',
      's.expires_at',
      'u.id',
      'u.name',
      'u.email',
      'u.role',
      'u.organisation_id',
      'u.disabled_at',
    ])
    .where('s.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.disabled_at || new Date(row.expires_at) <= now) return null;
  return { user: toAuthUser(row), sessionId: row.session_id };
}

export async function endSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('user_session').where('id', '=', sessionId).execute();
}

export async function endAllSessions(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom('user_session').where('user_id', '=', userId).execute();
}

/** CSRF token bound to the session: HMAC(server key, session id). Needs no storage and dies with the session. */
export function csrfTokenFor(keyring: Keyring, sessionId: string): string {
  return hmac(keyring.macKey, `csrf:${sessionId}`);
}

export function checkCsrf(keyring: Keyring, sessionId: string, header: string | undefined): boolean {
  return typeof header === 'string' && safeEqual(header, csrfTokenFor(keyring, sessionId));
}

// --- TOTP (RFC 6238, 30 s, 6 digits, SHA-1 for authenticator-app compatibility) ---

function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({
    issuer: 'Corridor',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secretBase32),
  });
}

const totpContext = (userId: string) => `app_user.totp_secret:${userId}`;

/** The accepted time step, or null. Rejects a step already used (replay) and steps beyond ±1 (clock drift). */
function checkTotp(
  cipher: FieldCipher,
  userId: string,
  encryptedSecret: string | null,
  code: string,
  lastStep: number | null,
  now: Date,
): number | null {
  if (!encryptedSecret || !/^\d{6}$/.test(code)) return null;
  const totp = totpFor(cipher.decrypt(encryptedSecret, totpContext(userId)), userId);
  const delta = totp.validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now.getTime() / 30_000) + delta;
  if (lastStep !== null && step <= Number(lastStep)) return null;
  return step;
}

/** Starts enrolment: stores a new (not yet active) secret and returns it for the authenticator app. */
export async function enrolTotp(
  db: Kysely<Database>,
  cipher: FieldCipher,
  user: AuthUser,
): Promise<{ secret: string; otpauthUrl: string }> {
  const row = await db
    .selectFrom('app_user')
    .select('totp_enabled')
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow();
  if (row.totp_enabled) throw new DomainError('conflict', 'totp_already_enabled', 'Two-step sign-in is already on');
  const secret = new Secret({ size: 20 }).base32;
  await db
    .updateTable('app_user')
    .set({ totp_secret: cipher.encrypt(secret, totpContext(user.id)), updated_at: new Date() })
    .where('id', '=', user.id)
    .execute();
  return { secret, otpauthUrl: totpFor(secret, user.email).toString() };
}

/** Confirms enrolment with a first code; from then on login asks for a code. */
export async function confirmTotp(
  db: Kysely<Database>,
  cipher: FieldCipher,
  user: AuthUser,
  code: string,
  now = new Date(),
): Promise<void> {
  const row = await db
    .selectFrom('app_user')
    .select(['totp_secret', 'totp_enabled', 'totp_last_step'])
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow();
  if (row.totp_enabled) throw new DomainError('conflict', 'totp_already_enabled', 'Two-step sign-in is already on');
  if (!row.totp_secret) throw new DomainError('conflict', 'totp_not_enrolled', 'Start enrolment first', 'code');
  const step = checkTotp(cipher, user.id, row.totp_secret, code, row.totp_last_step, now);
  if (step === null) throw invalid('The code is wrong or expired', 'code', 'totp_invalid');
  await db
    .updateTable('app_user')
    .set({ totp_enabled: true, totp_last_step: step, updated_at: new Date() })
    .where('id', '=', user.id)
    .execute();
}

export async function disableTotp(db: Kysely<Database>, userId: string): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ totp_enabled: false, totp_secret: null, totp_last_step: null, updated_at: new Date() })
    .where('id', '=', userId)
    .execute();
}

/** For tests and scripted enrolment: the current code for a base32 secret. */
export function totpCode(secretBase32: string, now = new Date()): string {
  return totpFor(secretBase32, 'x').generate({ timestamp: now.getTime() });
}

/** Re-authentication before a sensitive change (a stolen session alone must not be enough). */
export async function checkCurrentPassword(
  db: Kysely<Database>,
  userId: string,
  password: string,
  path = 'password',
): Promise<void> {
  const row = await db
    .selectFrom('app_user')
    .select('password_hash')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const ok = row.password_hash ? await verify(row.password_hash, password).catch(() => false) : false;
  if (!ok) throw invalid('The current password is wrong', path, 'invalid_credentials');
}

/** Changes the password after checking the current one; every other session of the user ends. */
export async function changePassword(
  db: Kysely<Database>,
  userId: string,
  currentPassword: string,
  newPassword: string,
  keepSessionId: string | null,
): Promise<void> {
  checkPasswordPolicy(newPassword, 'newPassword');
  await checkCurrentPassword(db, userId, currentPassword, 'currentPassword');
  const passwordHash = await hashPassword(newPassword);
  await db
    .updateTable('app_user')
    .set({ password_hash: passwordHash, updated_at: new Date() })
    .where('id', '=', userId)
    .execute();
  let q = db.deleteFrom('user_session').where('user_id', '=', userId);
  if (keepSessionId) q = q.where('id', '<>', keepSessionId);
  await q.execute();
}

/** Disables or re-enables an account; disabling ends its sessions at once. */
export async function setUserDisabled(db: Kysely<Database>, userId: string, disabled: boolean): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ disabled_at: disabled ? new Date() : null, updated_at: new Date() })
    .where('id', '=', userId)
    .execute();
  if (disabled) await endAllSessions(db, userId);
}
