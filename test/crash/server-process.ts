// Runs the real server (`node bin/corridor.mjs serve`) as a child process on a prepared store: embedded PGlite in
// a temporary data folder, or a throw-away PostgreSQL database. Used by the crash-safety test and `bench:api`.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openStore } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/migrations.js';
import { createOrganisation, createUser } from '../../src/identity/directory.js';
import { hashPassword } from '../../src/identity/auth.js';
import { readEscoSnapshot } from '../../src/taxonomy/esco/reader.js';
import { writeEscoFixture } from '../../src/taxonomy/esco/fixture.js';
import { importEscoSnapshot } from '../../src/taxonomy/store/import.js';
import { exampleCodes, type ExampleCodes } from '../../src/profiles/esco.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SECRET = 'crash-test-secret-key-0123456789abcdefghij';

export interface Target {
  kind: 'pglite' | 'postgres';
  /** Environment for the server process (data folder or DATABASE_URL, secret, quiet logs). */
  env: Record<string, string>;
  email: string;
  password: string;
  /** Codes valid in the store's taxonomy (a small ESCO fixture, so start-up does not import the full ESCO). */
  codes: ExampleCodes;
  cleanup(): Promise<void>;
}

/** A fresh store with the schema, a small taxonomy, one organisation and one advisor who can sign in. */
export async function prepareTarget(kind: 'pglite' | 'postgres'): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-crash-'));
  let databaseUrl: string | undefined;
  let dropDatabase = async () => {};
  if (kind === 'postgres') {
    const adminUrl = process.env.CORRIDOR_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `corridor_crash_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    const pg = (await import('pg')).default;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const store = await openStore(databaseUrl ? { databaseUrl } : { dataDir: dir });
  const email = `advisor.${randomBytes(3).toString('hex')}@crash.example.org`;
  const password = 'crash-test-password-1';
  let codes: ExampleCodes;
  try {
    await migrateToLatest(store.db);
    const { snapshot } = readEscoSnapshot([writeEscoFixture({}, '0.0.1')]);
    await importEscoSnapshot(store.db, snapshot, { activate: true, source: 'test fixture' });
    const org = await createOrganisation(store.db, { name: `Crash test ${email}`, type: 'ngo' });
    const user = await createUser(store.db, { organisationId: org.id, role: 'advisor', name: 'Crash advisor', email });
    await store.db
      .updateTable('app_user')
      .set({ password_hash: await hashPassword(password) })
      .where('id', '=', user.id)
      .execute();
    codes = await exampleCodes(store.db);
  } finally {
    await store.close();
  }
  return {
    kind,
    env: {
      CORRIDOR_DATA_DIR: dir,
      CORRIDOR_SECRET_KEY: SECRET,
      LOG_LEVEL: 'warn',
      CORRIDOR_LOGIN_RATE_PER_MINUTE: '10000',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
    email,
    password,
    codes,
    cleanup: async () => {
      await dropDatabase();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => ok(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Output so far (for failure messages). */
  output(): string;
  /** SIGTERM and wait for exit. */
  stop(): Promise<void>;
}

/** `nodeArgs`: options for the server's Node (e.g. --cpu-prof, which NODE_OPTIONS refuses). */
/**
 * Node's flags as the launcher's first line gives them (`#!/usr/bin/env -S node <flags>`): the server runs as
 * `npm start` runs it.
 */
export function launcherFlags(): string[] {
  const first = readFileSync(join(ROOT, 'bin/corridor.mjs'), 'utf8').split('\n', 1)[0]!;
  const m = /^#!\/usr\/bin\/env(?: -S)? node(.*)$/.exec(first);
  if (!m) throw new Error(`bin/corridor.mjs: unexpected first line ${first}`);
  return m[1]!.trim().split(/\s+/).filter(Boolean);
}

export async function startServer(
  env: Record<string, string>,
  timeoutMs = 120_000,
  nodeArgs: readonly string[] = [],
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...launcherFlags(), ...nodeArgs, join(ROOT, 'bin/corridor.mjs'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited on start:\n${out}`);
    try {
      const res = await fetch(`${url}/api/v1/ready`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready after ${timeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    child,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
}

export async function signIn(url: string, email: string, password: string): Promise<Session> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const body = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: body.csrfToken };
}
