// Field encryption for sensitive values (migration status, document numbers, vulnerability answers) and the
// derived keys the server needs. AES-256-GCM; every ciphertext names the key that made it, so the master secret
// can rotate: new writes use the current key, old values still decrypt with a previous one.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { DomainError } from '../kernel/errors.js';

const PREFIX = 'enc1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface FieldKey {
  id: string;
  key: Buffer;
}

export interface Keyring {
  /** Key for new ciphertexts. */
  current: FieldKey;
  /** Every key that may decrypt, by id (current included). */
  byId: ReadonlyMap<string, FieldKey>;
  /** HMAC key for CSRF tokens and other server-side MACs. */
  macKey: Buffer;
}

function derive(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), `corridor:${purpose}`, 32));
}

function fieldKey(secret: string): FieldKey {
  const key = derive(secret, 'field-encryption:v1');
  // The id is a fingerprint of the derived key: stable, short, and reveals nothing usable.
  const id = createHash('sha256').update(key).digest('hex').slice(0, 8);
  return { id, key };
}

export function createKeyring(secretKey: string, previousSecretKeys: readonly string[] = []): Keyring {
  const current = fieldKey(secretKey);
  const byId = new Map<string, FieldKey>([[current.id, current]]);
  for (const old of previousSecretKeys) {
    const k = fieldKey(old);
    if (!byId.has(k.id)) byId.set(k.id, k);
  }
  return { current, byId, macKey: derive(secretKey, 'mac:v1') };
}

/**
 * Encrypts a value. `context` (e.g. `users.totp_secret:<userId>`) is bound as associated data, so a ciphertext
 * copied to another row or column fails to decrypt.
 */
export function encryptField(keyring: Keyring, plaintext: string, context = ''): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyring.current.key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    PREFIX,
    keyring.current.id,
    iv.toString('base64url'),
    body.toString('base64url'),
    tag.toString('base64url'),
  ].join('.');
}

export function isEncrypted(value: string): boolean {
  return value.startsWith(`${PREFIX}.`);
}

/** Decrypts; a tampered, truncated or foreign ciphertext throws (never returns garbage). */
export function decryptField(keyring: Keyring, ciphertext: string, context = ''): string {
  const parts = ciphertext.split('.');
  if (parts.length !== 5 || parts[0] !== PREFIX) throw decryptError('not an encrypted field');
  const [, kid, ivText, bodyText, tagText] = parts as [string, string, string, string, string];
  const key = keyring.byId.get(kid);
  if (!key)
    throw decryptError(`encrypted with unknown key ${kid}; add the old secret to CORRIDOR_PREVIOUS_SECRET_KEYS`);
  const iv = strictBase64(ivText);
  const tag = strictBase64(tagText);
  const body = strictBase64(bodyText);
  if (!iv || !tag || !body || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw decryptError('malformed ciphertext');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    throw decryptError('integrity check failed (tampered or wrong context)');
  }
}

/** True when the value was written with an older key and should be re-encrypted. */
export function needsReencryption(keyring: Keyring, ciphertext: string): boolean {
  return ciphertext.split('.')[1] !== keyring.current.id;
}

/** Decodes only canonical base64url: Node ignores stray padding bits, which would let two texts be one value. */
function strictBase64(text: string): Buffer | null {
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

function decryptError(reason: string): DomainError {
  return new DomainError('internal', 'decryption_failed', `Cannot decrypt field: ${reason}`);
}

/** Encrypt/decrypt bound to one keyring, handed to capabilities so they never handle keys. */
export interface FieldCipher {
  encrypt(plaintext: string, context?: string): string;
  decrypt(ciphertext: string, context?: string): string;
  encryptJson(value: unknown, context?: string): string;
  decryptJson<T = unknown>(ciphertext: string, context?: string): T;
}

export function fieldCipher(keyring: Keyring): FieldCipher {
  return {
    encrypt: (p, c) => encryptField(keyring, p, c),
    decrypt: (t, c) => decryptField(keyring, t, c),
    encryptJson: (v, c) => encryptField(keyring, JSON.stringify(v), c),
    decryptJson: <T>(t: string, c?: string) => JSON.parse(decryptField(keyring, t, c)) as T,
  };
}

/** Random opaque token (sessions, invitations) and the hash stored in its place. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function hmac(key: Buffer, data: string): string {
  return createHmac('sha256', key).update(data, 'utf8').digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
