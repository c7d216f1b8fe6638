// `corridor passport verify FILE` offline: the fixture credential Corridor did not issue, trusted through a signed
// issuer list file and found revoked in a saved status list (with its age); a Corridor passport valid from files
// alone; exit codes 0 / 1 / 2 from the real command.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildPassport, generateKey, signCredential } from './credential.js';
import { publishStatusList } from './status.js';
import { verifyFile } from './cli.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const bin = fileURLToPath(new URL('../../../bin/corridor.mjs', import.meta.url));

describe('corridor passport verify (offline)', () => {
  it('trusts the fixture issuer through the signed list file and finds it revoked in the saved list, saying how old', async () => {
    const { report, text } = await verifyFile(fixture('foreign-passport.json'), {
      trust: [fixture('foreign-issuer-list.json')],
      statusList: [fixture('foreign-status-list.json')],
      now: new Date('2026-12-05T06:00:00Z'),
    });
    expect(report.checks.signature.state).toBe('ok');
    expect(report.checks.issuer.code).toBe('issuer_trusted');
    expect(report.checks.status.code).toBe('revoked');
    expect(report.valid).toBe(false);
    expect(text).toContain('status list copy is 6 h old');
    const untrusted = await verifyFile(fixture('foreign-passport.json'), {});
    expect(untrusted.report.checks.issuer.code).toBe('issuer_untrusted');
    expect(untrusted.report.checks.status.code).toBe('status_unavailable');
  });

  it('finds a passport valid from files alone, and the real command exits 0, 1 and 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passport-cli-'));
    const pair = await generateKey();
    const did = `did:key:${pair.publicKeyMultibase}`;
    const key = { ...pair, id: `${did}#${pair.publicKeyMultibase}`, controller: did };
    const url = 'https://corridor.test/api/v1/credentials/status/o';
    const passport = await signCredential(
      buildPassport(
        {
          name: 'A',
          subjectId: 'urn:uuid:3f0c2a56-1f1e-4c1e-9d0f-8b7a6c5d4e31',
          originCountry: null,
          birthYear: null,
          occupations: [],
          skills: [],
          qualifications: [],
          languages: [],
        },
        { did, name: 'Test Service', url: 'https://corridor.test' },
        {
          id: '3f0c2a56-1f1e-4c1e-9d0f-8b7a6c5d4e32',
          validFrom: new Date(),
          validUntil: new Date(Date.now() + 86_400_000),
          status: { list: url, index: 5 },
        },
      ),
      key,
    );
    const list = await publishStatusList({ url, issuerDid: did, key, revoked: [] });
    const issuers = await signCredential(
      {
        '@context': ['https://www.w3.org/ns/credentials/v2', 'https://corridor-passport.org/ns/v1'],
        type: ['VerifiableCredential', 'IssuerList'],
        issuer: did,
        validFrom: new Date().toISOString().slice(0, 19) + 'Z',
        credentialSubject: {
          issuers: [
            {
              id: did,
              type: 'TrustedIssuer',
              name: 'Test Service',
              verificationMethods: [{ id: key.id, publicKeyMultibase: key.publicKeyMultibase }],
            },
          ],
        },
      },
      key,
    );
    const files = {
      passport: join(dir, 'p.json'),
      list: join(dir, 'l.json'),
      issuers: join(dir, 'i.json'),
      bad: join(dir, 'b.json'),
    };
    writeFileSync(files.passport, JSON.stringify(passport));
    writeFileSync(files.list, JSON.stringify(list));
    writeFileSync(files.issuers, JSON.stringify(issuers));
    writeFileSync(
      files.bad,
      JSON.stringify({
        ...passport,
        '@context': ['https://www.w3.org/ns/credentials/v2', 'https://unknown.example/ctx'],
      }),
    );

    const { report } = await verifyFile(files.passport, { trust: [files.issuers], statusList: [files.list] });
    expect(report.valid, JSON.stringify(report.checks)).toBe(true);

    const run = (...args: string[]) =>
      spawnSync(process.execPath, [bin, 'passport', 'verify', ...args], { encoding: 'utf8' });
    const valid = run(files.passport, '--trust', files.issuers, '--status-list', files.list);
    expect(valid.status, valid.stderr).toBe(0);
    expect(valid.stdout).toMatch(/^VALID/);
    const untrusted = run(files.passport);
    expect(untrusted.status).toBe(1);
    expect(untrusted.stdout).toContain('not on this verifier');
    const bad = run(files.bad);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Unknown context https://unknown.example/ctx');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
