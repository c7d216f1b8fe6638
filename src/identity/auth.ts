// Password login (argon2id), back-off per account and address after repeated failures, optional TOTP, and database-backed sessions whose
// cookie token is stored only as a SHA-256 hash. Domain code: no Fastify here.
import { createHmac, randomUUID } from 'node:crypto';
import { hash, verify, type Options as Argon2Options } from '@node-rs/argon2';
import { sql, type Kysely } from 'kysely';
import { Secret, TOTP } from 'otpauth';
import type { Database } from '../db/schema.js';
import { compiledQuery } from '../db/compiled.js';
import type { Config } from '../shared/config.js';
import { hashToken, hmac, newToken, safeEqual, type FieldCipher, type Keyring } from '../shared/crypto.js';
import { invalid, DomainError, unauthenticated } from '../kernel/errors.js';
import { isRole, type AuthUser } from './model.js';
import { checkPasswordPolicy } from './password-policy.js';
import { sessionsEnded, type Writes } from './writes.js';
import { blindIndex } from '../kernel/person-keys.js';
import { emailIs, openNameEmail, wrappedKeyOf } from './sealed.js';
import { auditReason, type AuditReasonCode } from '../shared/audit-reasons.js';

type SignInFailure = 'signInUnknown' | 'signInThrottled' | 'signInWrongPassword' | 'signInWrongCode';
/** A failure that made the throttle start backing off is recorded as such (a throttled attempt already is). */
const BACKING_OFF = {
  signInUnknown: 'signInUnknownBackingOff',
  signInThrottled: 'signInThrottled',
  signInWrongPassword: 'signInWrongPasswordBackingOff',
  signInWrongCode: 'signInWrongCodeBackingOff',
} as const satisfies Record<SignInFailure, AuditReasonCode>;

// OWASP's argon2id minimum (19 MiB, 2 passes): ~30-60 ms per hash on a small server.
// algorithm 2 = Argon2id (the package's enum is const, which verbatimModuleSyntax cannot import).
const ARGON2: Argon2Options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
export { checkPasswordPolicy, PASSWORD_MAX, PASSWORD_MIN } from './password-policy.js';

export async function hashPassword(password: string): Promise<string> {
  checkPasswordPolicy(password);
  return hash(password, ARGON2);
}

// Verified against when the email is unknown, so both paths cost the same time.
let dummyHash: Promise<string> | null = null;
/** One argon2 verify whatever happens: against the account's hash, or a dummy one when there is none. */
async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  dummyHash ??= hash('corridor-dummy-password', ARGON2);
  const ok = await verify(passwordHash ?? (await dummyHash), password).catch(() => false);
  return ok && passwordHash !== null;
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

/**
 * A sign-in is refused as a value, not thrown: the refusal's back-off count and audit entry must commit (a thrown
 * error would roll them back with the command), and the HTTP edge then answers 401 with `error`.
 */
export type LoginOutcome = ({ signedIn: true } & LoginResult) | { signedIn: false; error: DomainError };

type LoginConfig = Pick<
  Config,
  'loginMaxFailures' | 'lockoutMinutes' | 'sessionTtlHours' | 'secretKey' | 'previousSecretKeys'
>;

const invalidCredentials = () => unauthenticated('Email or password is wrong', 'invalid_credentials');

/** First back-off once an account and address reach the failure limit; it doubles with each failure after that. */
export const THROTTLE_BASE_SECONDS = 15;
/** Failures of a pair are forgotten after a day without one. */
const THROTTLE_MEMORY_MS = 24 * 60 * 60 * 1000;

/** The throttle's keys: HMACs of the e-mail and the client address, so the table holds neither in clear. */
function throttleKeys(secretKey: string, email: string, ip: string | undefined) {
  const mac = (kind: string, value: string) =>
    createHmac('sha256', secretKey).update(`login-throttle:${kind}:${value}`).digest('base64url');
  return { account_key: mac('account', email), client_key: mac('client', ip ?? '') };
}

/**
 * Signs in. Unknown e-mail, disabled account, wrong password and a throttled account + address answer alike (401
 * invalid_credentials) after the same work: one user lookup, one throttle lookup, one argon2 verify, one throttle
 * write and one audit entry. Throttling is per account and client address with a back-off (THROTTLE_BASE_SECONDS,
 * doubling, at most lockoutMinutes), so nobody can lock an account for its owner at another address; while a pair
 * is backed off even the right password is refused, so a guesser learns nothing from it either.
 *
 * The back-off counter (login_throttle) is no record anyone follows: it writes no change entry. The session made
 * and the expired ones swept do.
 */
export async function login(
  w: Writes,
  config: LoginConfig,
  cipher: FieldCipher,
  input: LoginInput,
  client: { ip?: string; userAgent?: string } = {},
  now = new Date(),
): Promise<LoginOutcome> {
  const { db } = w;
  const email = normaliseEmail(input.email);
  const keys = throttleKeys(config.secretKey, email, client.ip);
  // One lookup by the e-mail's keyed index (a row not sealed yet: by the clear address).
  const found = await db
    .selectFrom('app_user')
    .selectAll()
    .where(emailIs({ cipher, index: blindIndex(config) }, email))
    .executeTakeFirst();
  const user = found && found.password_hash && !found.disabled_at ? found : null;
  const throttle = await db
    .selectFrom('login_throttle')
    .select('blocked_until')
    .where('account_key', '=', keys.account_key)
    .where('client_key', '=', keys.client_key)
    .executeTakeFirst();
  const throttled = !!throttle?.blocked_until && new Date(throttle.blocked_until) > now;
  const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password);
  let failure: SignInFailure | null = !user
    ? 'signInUnknown'
    : throttled
      ? 'signInThrottled'
      : passwordOk
        ? null
        : 'signInWrongPassword';
  let totpStep: number | null = null;
  if (user && !failure && user.totp_enabled) {
    // Nothing written yet: a thrown error leaves nothing behind.
    if (!input.totp) throw unauthenticated('Enter the code from your authenticator app', 'totp_required');
    totpStep = checkTotp(cipher, user.id, user.totp_secret, input.totp, user.totp_last_step, now);
    if (totpStep === null) failure = 'signInWrongCode';
  }
  if (!user || failure) {
    const { blocked } = await recordFailure(db, keys, config, now);
    // Failed sign-ins are security events: the account's admins see them in the audit log (ids only).
    w.audit({
      action: 'login_failed',
      entity: 'app_user',
      entityId: user?.id ?? null,
      organisationId: found?.organisation_id ?? null,
      reason: auditReason(blocked && !throttled ? BACKING_OFF[failure!] : failure!),
    });
    const error =
      failure === 'signInWrongCode'
        ? unauthenticated('The code is wrong or expired', 'totp_invalid')
        : invalidCredentials();
    return { signedIn: false, error };
  }
  await db
    .deleteFrom('login_throttle')
    .where('account_key', '=', keys.account_key)
    .where('client_key', '=', keys.client_key)
    .execute();
  // An old-style lock or the last two-step code: the account row changes only then.
  if (user.failed_logins || user.locked_until || totpStep !== null) {
    await db
      .updateTable('app_user')
      .set({ failed_logins: 0, locked_until: null, ...(totpStep !== null ? { totp_last_step: totpStep } : {}) })
      .where('id', '=', user.id)
      .execute();
    w.changed({ entity: 'app_user', id: user.id, op: 'update', organisationId: user.organisation_id });
  }
  // The name and e-mail are opened only once the sign-in succeeds: one key unwrap.
  const wrapped = await wrappedKeyOf(db, user.id);
  const authUser = toAuthUser(user, () => openNameEmail(cipher, 'app_user', { ...user, wrapped }));
  const expired = await db
    .deleteFrom('user_session')
    .where('user_id', '=', user.id)
    .where('expires_at', '<=', now)
    .returning(['id', 'organisation_id'])
    .execute();
  sessionsEnded(
    w,
    expired.map((s) => ({ id: s.id, organisationId: s.organisation_id })),
  );
  const session = await createSession(db, authUser, config.sessionTtlHours, client, now);
  w.changed({ entity: 'user_session', id: session.sessionId, op: 'create', organisationId: authUser.organisationId });
  w.audit({ action: 'login', entity: 'app_user', entityId: user.id, organisationId: user.organisation_id });
  return { signedIn: true, user: authUser, ...session };
}

/**
 * Counts a failure of an account + address in one statement (concurrent failures cannot under-count). From the
 * loginMaxFailures-th failure on the pair backs off; tries during a back-off neither count nor extend it.
 */
async function recordFailure(
  db: Kysely<Database>,
  keys: { account_key: string; client_key: string },
  config: LoginConfig,
  now: Date,
): Promise<{ blocked: boolean }> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const forgetBefore = sql`${new Date(now.getTime() - THROTTLE_MEMORY_MS).toISOString()}::timestamptz`;
  const max = sql`${config.loginMaxFailures}::int`;
  const backOff = (failures: ReturnType<typeof sql>) =>
    sql`CASE WHEN ${failures} >= ${max} THEN ${at} + make_interval(secs => least(${config.lockoutMinutes * 60}::float8,
      ${THROTTLE_BASE_SECONDS}::float8 * power(2::float8, (${failures} - ${max})::float8))) ELSE NULL END`;
  const { rows } = await sql<{ blocked_until: Date | string | null }>`
    INSERT INTO login_throttle AS t (account_key, client_key, failures, blocked_until, last_failure_at)
    VALUES (${keys.account_key}, ${keys.client_key}, 1, ${backOff(sql`1`)}, ${at})
    ON CONFLICT (account_key, client_key) DO UPDATE SET
      failures = CASE WHEN t.blocked_until > ${at} THEN t.failures
                      WHEN t.last_failure_at < ${forgetBefore} THEN 1 ELSE t.failures + 1 END,
      blocked_until = CASE WHEN t.blocked_until > ${at} THEN t.blocked_until
                           WHEN t.last_failure_at < ${forgetBefore} THEN ${backOff(sql`1`)}
                           ELSE ${backOff(sql`(t.failures + 1)`)} END,
      last_failure_at = ${at}
    RETURNING blocked_until`.execute(db);
  const until = rows[0]?.blocked_until;
  return { blocked: !!until && new Date(until) > now };
}

/** An admin lifts the back-off of an account at every address. */
export async function clearLoginThrottle(db: Kysely<Database>, secretKey: string, email: string): Promise<number> {
  const { account_key } = throttleKeys(secretKey, normaliseEmail(email), undefined);
  const r = await db.deleteFrom('login_throttle').where('account_key', '=', account_key).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** The e-mails (of those given) whose account is backed off at some address now: the user list shows them. */
export async function throttledEmails(
  db: Kysely<Database>,
  secretKey: string,
  emails: readonly string[],
  now = new Date(),
): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const byKey = new Map(emails.map((e) => [throttleKeys(secretKey, normaliseEmail(e), undefined).account_key, e]));
  const rows = await db
    .selectFrom('login_throttle')
    .select('account_key')
    .where('account_key', 'in', [...byKey.keys()])
    .where('blocked_until', '>', now)
    .execute();
  return new Set(rows.map((r) => byKey.get(r.account_key)!));
}

/** Forgets failures older than a day (the daily task). */
export async function purgeLoginThrottle(db: Kysely<Database>, now = new Date()): Promise<number> {
  const r = await db
    .deleteFrom('login_throttle')
    .where('last_failure_at', '<', new Date(now.getTime() - THROTTLE_MEMORY_MS))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * The account as requests see it. The sealed name and e-mail are opened on first use, once: most requests never
 * read them, and opening costs a key unwrap and two decryptions.
 */
function toAuthUser(
  row: { id: string; role: string; organisation_id: string },
  open: () => { name: string; email: string },
): AuthUser {
  if (!isRole(row.role)) throw new Error(`user ${row.id} has unknown role ${row.role}`);
  let opened: { name: string; email: string } | undefined;
  const sealed = () => (opened ??= open());
  const user = { id: row.id, role: row.role, organisationId: row.organisation_id } as AuthUser;
  Object.defineProperties(user, {
    name: { get: () => sealed().name, enumerable: true },
    email: { get: () => sealed().email, enumerable: true },
  });
  return user;
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

// Read on every request (db/compiled.ts builds it once).
const sessionByTokenHash = compiledQuery((db: Kysely<Database>, tokenHash: string) =>
  db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .leftJoin('person_key as k', 'k.subject_id', 'u.id')
    .select([
      's.id as session_id',
      's.expires_at',
      'u.id',
      'u.name',
      'u.email',
      'u.name_enc',
      'u.email_enc',
      'k.wrapped',
      'u.role',
      'u.organisation_id',
      'u.disabled_at',
    ])
    .where('s.token_hash', '=', tokenHash),
);

/** The user behind a session token, or null when unknown, expired or the account is disabled. */
export async function resolveSession(
  db: Kysely<Database>,
  cipher: FieldCipher,
  token: string,
  now = new Date(),
): Promise<{ user: AuthUser; sessionId: string } | null> {
  if (!token || token.length > 100) return null;
  // The account's wrapped key comes with the row: one query, one unwrap per request.
  const [row] = await sessionByTokenHash(db, hashToken(token));
  if (!row || row.disabled_at || new Date(row.expires_at) <= now) return null;
  return { user: toAuthUser(row, () => openNameEmail(cipher, 'app_user', row)), sessionId: row.session_id };
}

export interface EndedSession {
  id: string;
  organisationId: string;
}

/**
 * Ends sessions of a user: `only` that one (if it is theirs), else all of them `except` the one given (null: all).
 * Returns the sessions ended, for their change entries.
 */
export async function endSessions(
  db: Kysely<Database>,
  userId: string,
  which: { only?: string; except?: string | null } = {},
): Promise<EndedSession[]> {
  let q = db.deleteFrom('user_session').where('user_id', '=', userId);
  if (which.only !== undefined) q = q.where('id', '=', which.only);
  else if (which.except) q = q.where('id', '<>', which.except);
  const rows = await q.returning(['id', 'organisation_id']).execute();
  return rows.map((r) => ({ id: r.id, organisationId: r.organisation_id }));
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

/** Changes the password after checking the current one; every other session of the user ends (returned). */
export async function changePassword(
  db: Kysely<Database>,
  userId: string,
  currentPassword: string,
  newPassword: string,
  keepSessionId: string | null,
): Promise<EndedSession[]> {
  checkPasswordPolicy(newPassword, 'newPassword');
  await checkCurrentPassword(db, userId, currentPassword, 'currentPassword');
  const passwordHash = await hashPassword(newPassword);
  await db
    .updateTable('app_user')
    .set({ password_hash: passwordHash, updated_at: new Date() })
    .where('id', '=', userId)
    .execute();
  return endSessions(db, userId, { except: keepSessionId });
}

/** Disables or re-enables an account; disabling ends its sessions at once (returned). */
export async function setUserDisabled(
  db: Kysely<Database>,
  userId: string,
  disabled: boolean,
): Promise<EndedSession[]> {
  await db
    .updateTable('app_user')
    .set({ disabled_at: disabled ? new Date() : null, updated_at: new Date() })
    .where('id', '=', userId)
    .execute();
  return disabled ? endSessions(db, userId) : [];
}
