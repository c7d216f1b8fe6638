import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, SECRET_FILE } from './config.js';

describe('config', () => {
  it('has defaults', () => {
    const c = loadConfig({ env: { CORRIDOR_DATA_DIR: 'memory://' } });
    expect(c).toMatchObject({ port: 8080, host: '127.0.0.1', logLevel: 'info', cookieSecure: false });
    expect(c.publicUrl).toBe('http://127.0.0.1:8080');
    expect(c.secretKey.length).toBeGreaterThanOrEqual(32);
  });

  it('reads a JSON file and lets the environment override it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corridor-config-'));
    const file = join(dir, 'corridor.json');
    writeFileSync(file, JSON.stringify({ port: 9000, host: '0.0.0.0', logLevel: 'warn', dataDir: 'memory://' }));
    const c = loadConfig({
      env: { CORRIDOR_CONFIG: file, PORT: '9100', CORRIDOR_PUBLIC_URL: 'https://corridor.example.org/' },
    });
    expect(c.port).toBe(9100);
    expect(c.host).toBe('0.0.0.0');
    expect(c.logLevel).toBe('warn');
    expect(c.publicUrl).toBe('https://corridor.example.org');
    expect(c.cookieSecure).toBe(true);
  });

  it('names the setting in errors', () => {
    expect(() => loadConfig({ env: { PORT: 'eighty', CORRIDOR_DATA_DIR: 'memory://' } })).toThrow(/^PORT \(port\)/);
    expect(() => loadConfig({ env: { LOG_LEVEL: 'loud', CORRIDOR_DATA_DIR: 'memory://' } })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ env: { DATABASE_URL: 'postgres://x/y' } })).toThrow(/CORRIDOR_SECRET_KEY.*required/);
    expect(() => loadConfig({ env: { CORRIDOR_SECRET_KEY: 'short' } })).toThrow(/at least 32/);
    const dir = mkdtempSync(join(tmpdir(), 'corridor-config-'));
    writeFileSync(join(dir, 'bad.json'), '{"port": 1, "colour": "red"}');
    expect(() => loadConfig({ env: { CORRIDOR_CONFIG: join(dir, 'bad.json') } })).toThrow(/unknown setting "colour"/);
    writeFileSync(join(dir, 'broken.json'), '{"port": ');
    expect(() => loadConfig({ env: { CORRIDOR_CONFIG: join(dir, 'broken.json') } })).toThrow(/not valid JSON/);
  });

  it('reads the audit retention settings: 730 and 90 days by default, at least 30 and 7, addresses no longer kept', () => {
    const env = (extra: Record<string, string>) => loadConfig({ env: { CORRIDOR_DATA_DIR: 'memory://', ...extra } });
    expect(env({})).toMatchObject({ auditRetentionDays: 730, auditIpDays: 90 });
    expect(env({ CORRIDOR_AUDIT_RETENTION_DAYS: '365', CORRIDOR_AUDIT_IP_DAYS: '30' })).toMatchObject({
      auditRetentionDays: 365,
      auditIpDays: 30,
    });
    // A retention shorter than the address default shortens the address default with it.
    expect(env({ CORRIDOR_AUDIT_RETENTION_DAYS: '60' })).toMatchObject({ auditRetentionDays: 60, auditIpDays: 60 });
    expect(() => env({ CORRIDOR_AUDIT_RETENTION_DAYS: '29' })).toThrow(
      'CORRIDOR_AUDIT_RETENTION_DAYS (auditRetentionDays): must be a whole number from 30 to 36500',
    );
    expect(() => env({ CORRIDOR_AUDIT_RETENTION_DAYS: '2y' })).toThrow(/^CORRIDOR_AUDIT_RETENTION_DAYS/);
    expect(() => env({ CORRIDOR_AUDIT_RETENTION_DAYS: '90.5' })).toThrow(/^CORRIDOR_AUDIT_RETENTION_DAYS/);
    expect(() => env({ CORRIDOR_AUDIT_IP_DAYS: '3' })).toThrow(
      'CORRIDOR_AUDIT_IP_DAYS (auditIpDays): must be a whole number from 7 to 36500',
    );
    expect(() => env({ CORRIDOR_AUDIT_RETENTION_DAYS: '100', CORRIDOR_AUDIT_IP_DAYS: '200' })).toThrow(
      'CORRIDOR_AUDIT_IP_DAYS (auditIpDays): must not exceed CORRIDOR_AUDIT_RETENTION_DAYS (100)',
    );
  });

  it('generates the embedded secret once, owner-readable only, and reuses it', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'corridor-data-')), 'data');
    const first = loadConfig({ env: { CORRIDOR_DATA_DIR: dir } });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const file = join(dir, SECRET_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.secretKey);
    expect(loadConfig({ env: { CORRIDOR_DATA_DIR: dir } }).secretKey).toBe(first.secretKey);
  });
});
