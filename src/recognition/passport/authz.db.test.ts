// The passport's rows of the authorization matrix (the full matrix runs every route; this one is quick to rerun),
// and the routes that are public on purpose: verifying, the status lists, shared passports, the DID document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKind } from '../../db/testing.js';
import { ROLES } from '../../kernel/auth.js';
import { runAuthzMatrix } from '../../testing/authz-matrix.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { passportRoutes } from './routes.js';

describe(`passport access (${testStoreKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { publicUrl: 'https://corridor.test' } });
  }, 120_000);
  afterAll(() => t?.close());

  it('every passport route answers every role of both organisations as declared', async () => {
    const { rows, failures } = await runAuthzMatrix(t, passportRoutes);
    expect(failures).toEqual([]);
    expect(rows).toBe(passportRoutes.length * (1 + 2 * ROLES.length));
  }, 600_000);

  it('opens to anyone only what a verifier needs', () => {
    const open = passportRoutes
      .filter((r) => r.access.roles === 'public')
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(open).toEqual([
      'GET /credentials/did.json',
      'GET /credentials/shared/:token',
      'GET /credentials/status/:organisationId',
      'POST /credentials/verify',
    ]);
  });

  it('serves the did:web document with every key, current and retired, at /.well-known/did.json', async () => {
    const doc = await t.app.inject({ method: 'GET', url: '/.well-known/did.json' });
    expect(doc.statusCode).toBe(200);
    const body = doc.json();
    expect(body.id).toBe('did:web:corridor.test');
    expect(body.verificationMethod.length).toBeGreaterThan(1); // the matrix rotated keys
    expect(body.assertionMethod).toEqual(body.verificationMethod.map((m: { id: string }) => m.id));
    const keys = await t.store.db
      .selectFrom('passport_issuer_key')
      .select(['secret_key', 'public_key_multibase'])
      .execute();
    // Private keys are encrypted at rest.
    for (const k of keys) expect(k.secret_key).toMatch(/^enc1\./);
  });
});
