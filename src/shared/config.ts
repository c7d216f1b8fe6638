// Configuration: environment variables override an optional JSON file (CORRIDOR_CONFIG), which overrides defaults.
// Every setting is documented in docs/CONFIGURATION.md. Invalid values fail fast with the setting's name.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DomainError } from '../kernel/errors.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface Config {
  port: number;
  host: string;
  /** Embedded store folder (also holds the generated secret key); 'memory://' for a throw-away store. */
  dataDir: string;
  /** PostgreSQL connection string; when absent the embedded PGlite store is used. */
  databaseUrl?: string;
  /** Master secret: field encryption and CSRF tokens derive their keys from it. Never logged. */
  secretKey: string;
  /** Earlier master secrets, still accepted for decrypting fields written before a rotation. */
  previousSecretKeys: string[];
  logLevel: LogLevel;
  /** Base URL users open (printed by `serve`, used in invitation links). */
  publicUrl: string;
  /** Mark cookies `Secure`; defaults to true when publicUrl is https. */
  cookieSecure: boolean;
  sessionTtlHours: number;
  /** Max request body in bytes. */
  bodyLimit: number;
  /** Failed logins before an account is locked, and for how long. */
  loginMaxFailures: number;
  lockoutMinutes: number;
  /** Login attempts allowed per client address per minute. */
  loginRatePerMinute: number;
  /** Built web app folder served at `/`. */
  webDir: string;
  /** Honour X-Forwarded-For (only behind a reverse proxy you control). */
  trustProxy: boolean;
  /** Audit entries older than this many days are deleted (daily, and by `corridor admin audit-retention`). */
  auditRetentionDays: number;
  /** Client addresses in audit entries older than this many days are blanked; the entry stays. */
  auditIpDays: number;
  /** Outgoing e-mail server (`smtp://user:pass@host:587`, `smtps://…:465`); unset: no e-mail, in-app inbox only. */
  smtpUrl?: string;
  /** Sender of outgoing e-mail. */
  mailFrom: string;
}

/** Keys accepted in the JSON config file (camelCase names of Config). */
type FileConfig = Partial<Record<keyof Config, unknown>>;

const ENV: Record<keyof Config, string> = {
  port: 'PORT',
  host: 'HOST',
  dataDir: 'CORRIDOR_DATA_DIR',
  databaseUrl: 'DATABASE_URL',
  secretKey: 'CORRIDOR_SECRET_KEY',
  previousSecretKeys: 'CORRIDOR_PREVIOUS_SECRET_KEYS',
  logLevel: 'LOG_LEVEL',
  publicUrl: 'CORRIDOR_PUBLIC_URL',
  cookieSecure: 'CORRIDOR_COOKIE_SECURE',
  sessionTtlHours: 'CORRIDOR_SESSION_TTL_HOURS',
  bodyLimit: 'CORRIDOR_BODY_LIMIT',
  loginMaxFailures: 'CORRIDOR_LOGIN_MAX_FAILURES',
  lockoutMinutes: 'CORRIDOR_LOCKOUT_MINUTES',
  loginRatePerMinute: 'CORRIDOR_LOGIN_RATE_PER_MINUTE',
  webDir: 'CORRIDOR_WEB_DIR',
  trustProxy: 'CORRIDOR_TRUST_PROXY',
  auditRetentionDays: 'CORRIDOR_AUDIT_RETENTION_DAYS',
  auditIpDays: 'CORRIDOR_AUDIT_IP_DAYS',
  smtpUrl: 'CORRIDOR_SMTP_URL',
  mailFrom: 'CORRIDOR_MAIL_FROM',
};

const MIN_SECRET_LENGTH = 32;
/**
 * Floors of the audit retention: entries are kept at least 30 days, client addresses at least 7 (long enough to
 * investigate an incident). The audit_log triggers (migration 0140) refuse younger cutoffs too.
 */
export const AUDIT_RETENTION_MIN_DAYS = 30;
export const AUDIT_IP_MIN_DAYS = 7;
const AUDIT_MAX_DAYS = 36_500;
export const SECRET_FILE = 'secret.key';

function invalid(key: keyof Config, reason: string): DomainError {
  return new DomainError('invalid', 'config', `${ENV[key]} (${key}): ${reason}`, ENV[key]);
}

export interface LoadConfigOptions {
  env?: Record<string, string | undefined>;
  /** Skip creating/reading the secret file (tests pass secretKey instead). */
  generateSecret?: boolean;
}

/** Reads env + CORRIDOR_CONFIG file; creates the embedded secret key on first start. */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const file = readConfigFile(env.CORRIDOR_CONFIG);
  const raw = (key: keyof Config): unknown => {
    const fromEnv = env[ENV[key]];
    if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
    return file[key];
  };
  const str = (key: keyof Config, fallback?: string): string | undefined => {
    const v = raw(key);
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'string') throw invalid(key, 'must be a string');
    return v;
  };
  const int = (key: keyof Config, fallback: number, min: number, max: number): number => {
    const v = raw(key);
    if (v === undefined || v === null) return fallback;
    const n = typeof v === 'number' ? v : /^\d+$/.test(String(v).trim()) ? Number(String(v).trim()) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) throw invalid(key, `must be a whole number from ${min} to ${max}`);
    return n;
  };
  const bool = (key: keyof Config, fallback: boolean): boolean => {
    const v = raw(key);
    if (v === undefined || v === null) return fallback;
    if (typeof v === 'boolean') return v;
    const s = String(v).toLowerCase();
    if (['1', 'true', 'yes'].includes(s)) return true;
    if (['0', 'false', 'no'].includes(s)) return false;
    throw invalid(key, 'must be true or false');
  };

  const port = int('port', 8080, 0, 65535);
  const host = str('host', '127.0.0.1')!;
  const dataDir = str('dataDir', './data')!;
  const databaseUrl = str('databaseUrl');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw invalid('databaseUrl', 'must start with postgres:// or postgresql://');
  }
  const logLevel = (str('logLevel', 'info') ?? 'info').toLowerCase() as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw invalid('logLevel', `must be one of ${LOG_LEVELS.join(', ')}`);
  const publicUrl = (str('publicUrl') ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`).replace(
    /\/$/,
    '',
  );
  try {
    new URL(publicUrl);
  } catch {
    throw invalid('publicUrl', 'must be an absolute URL');
  }
  const previousRaw = raw('previousSecretKeys');
  const previousSecretKeys = Array.isArray(previousRaw)
    ? previousRaw.map(String)
    : typeof previousRaw === 'string'
      ? previousRaw
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
  for (const k of previousSecretKeys) {
    if (k.length < MIN_SECRET_LENGTH)
      throw invalid('previousSecretKeys', `each key needs at least ${MIN_SECRET_LENGTH} characters`);
  }

  let secretKey = str('secretKey');
  if (secretKey !== undefined && secretKey.length < MIN_SECRET_LENGTH) {
    throw invalid('secretKey', `needs at least ${MIN_SECRET_LENGTH} characters (e.g. \`openssl rand -base64 32\`)`);
  }
  if (secretKey === undefined) {
    if (databaseUrl) {
      // Several servers may share one PostgreSQL database; they must share one key, so it cannot be generated here.
      throw invalid('secretKey', 'is required when DATABASE_URL is set');
    }
    secretKey =
      dataDir === 'memory://' || options.generateSecret === false
        ? randomBytes(32).toString('base64url')
        : ensureSecretFile(dataDir);
  }

  const auditRetentionDays = int('auditRetentionDays', 730, AUDIT_RETENTION_MIN_DAYS, AUDIT_MAX_DAYS);
  const auditIpDays = int('auditIpDays', Math.min(90, auditRetentionDays), AUDIT_IP_MIN_DAYS, AUDIT_MAX_DAYS);
  if (auditIpDays > auditRetentionDays) {
    throw invalid('auditIpDays', `must not exceed ${ENV.auditRetentionDays} (${auditRetentionDays})`);
  }

  const smtpUrl = str('smtpUrl');
  if (smtpUrl !== undefined && !/^smtps?:\/\/[^/\s]+/.test(smtpUrl)) {
    throw invalid('smtpUrl', 'must look like smtp://user:password@host:587 or smtps://host:465');
  }
  const mailFrom = str('mailFrom', `Corridor <no-reply@${new URL(publicUrl).hostname}>`)!;

  return {
    port,
    host,
    dataDir,
    databaseUrl,
    secretKey,
    previousSecretKeys,
    logLevel,
    publicUrl,
    cookieSecure: bool('cookieSecure', publicUrl.startsWith('https:')),
    sessionTtlHours: int('sessionTtlHours', 12, 1, 24 * 30),
    bodyLimit: int('bodyLimit', 1024 * 1024, 1024, 100 * 1024 * 1024),
    loginMaxFailures: int('loginMaxFailures', 5, 1, 100),
    lockoutMinutes: int('lockoutMinutes', 15, 1, 24 * 60),
    loginRatePerMinute: int('loginRatePerMinute', 20, 1, 10_000),
    webDir: resolve(str('webDir', 'dist/web')!),
    trustProxy: bool('trustProxy', false),
    auditRetentionDays,
    auditIpDays,
    smtpUrl,
    mailFrom,
  };
}

function readConfigFile(path: string | undefined): FileConfig {
  if (!path) return {};
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new DomainError('invalid', 'config', `CORRIDOR_CONFIG: cannot read ${path}`, 'CORRIDOR_CONFIG');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new DomainError(
      'invalid',
      'config',
      `${path}: not valid JSON (${(err as Error).message})`,
      'CORRIDOR_CONFIG',
    );
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new DomainError('invalid', 'config', `${path}: must be a JSON object`, 'CORRIDOR_CONFIG');
  }
  const known = new Set(Object.keys(ENV));
  for (const key of Object.keys(parsed)) {
    if (!known.has(key)) {
      throw new DomainError('invalid', 'config', `${path}: unknown setting "${key}"`, key);
    }
  }
  return parsed as FileConfig;
}

/** The embedded store keeps its generated key beside the data, readable by the owner only. */
function ensureSecretFile(dataDir: string): string {
  const file = join(dataDir, SECRET_FILE);
  if (existsSync(file)) {
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    const key = readFileSync(file, 'utf8').trim();
    if (key.length < MIN_SECRET_LENGTH) {
      throw new DomainError(
        'invalid',
        'config',
        `${file}: secret key is too short; remove the file or set CORRIDOR_SECRET_KEY`,
      );
    }
    return key;
  }
  // The folder holds personal data (pgdata) and the key: owner-only when we create it.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32).toString('base64url');
  // 'wx' fails if another process created it meanwhile; then use theirs.
  try {
    writeFileSync(file, key + '\n', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw err;
  }
  return key;
}

/** Names of the environment variables, for docs and error messages. */
export const CONFIG_ENV_NAMES = ENV;

/** A config for tests: in-memory, fixed key, quiet logs. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: 'memory://',
    secretKey: 'test-secret-key-0123456789abcdefghijklmnop',
    previousSecretKeys: [],
    logLevel: 'silent',
    publicUrl: 'http://localhost:8080',
    cookieSecure: false,
    sessionTtlHours: 12,
    bodyLimit: 1024 * 1024,
    loginMaxFailures: 5,
    lockoutMinutes: 15,
    loginRatePerMinute: 1000,
    webDir: resolve('dist/web'),
    trustProxy: false,
    auditRetentionDays: 730,
    auditIpDays: 90,
    mailFrom: 'Corridor <no-reply@localhost>',
    ...overrides,
  };
}
