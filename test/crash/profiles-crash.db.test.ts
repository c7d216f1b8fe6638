// Crash safety: the real server takes a stream of profile writes (creates and versioned replaces), is killed with
// SIGKILL in the middle, and is started again on the same store. Every write it acknowledged must be there, whole;
// no record may be partial; nothing may appear that was never sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKind } from '../../src/db/testing.js';
import { sampleProfile } from '../../src/profiles/testing.js';
import { prepareTarget, signIn, startServer, type ServerProcess, type Session, type Target } from './server-process.js';

interface Ack {
  id: string;
  displayName: string;
  version: number;
}

describe(`crash safety of profile writes (${testStoreKind()})`, () => {
  let target: Target;
  let server: ServerProcess | null = null;

  beforeAll(async () => {
    target = await prepareTarget(testStoreKind());
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await target?.cleanup();
  });

  it('keeps every acknowledged write after SIGKILL and holds no partial record', async () => {
    server = await startServer(target.env);
    const session: Session = await signIn(server.url, target.email, target.password);
    const headers = { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf };
    const url = server.url;

    const sent = new Set<string>(); // every displayName ever sent
    const acked = new Map<string, Ack>(); // id → latest acknowledged state
    let stopping = false;
    let seq = 0;
    let inflight = 0;

    const body = (name: string, extra: Record<string, unknown> = {}) =>
      JSON.stringify(sampleProfile({ displayName: name, ...extra }, target.codes));

    async function writer(w: number): Promise<void> {
      while (!stopping) {
        const name = `crash w${w} #${seq++}`;
        sent.add(name);
        const mine = [...acked.values()].filter((a) => a.displayName.startsWith(`crash w${w} `));
        const update = mine.length > 0 && seq % 3 === 0 ? mine[seq % mine.length]! : null;
        inflight++;
        try {
          const res = update
            ? await fetch(`${url}/api/v1/profiles/${update.id}`, {
                method: 'PUT',
                headers,
                body: body(name, { version: update.version }),
              })
            : await fetch(`${url}/api/v1/profiles`, { method: 'POST', headers, body: body(name) });
          if (res.status === 200 || res.status === 201) {
            const p = (await res.json()) as Ack;
            acked.set(p.id, { id: p.id, displayName: p.displayName, version: p.version });
          } else if (res.status !== 409) {
            throw new Error(`unexpected ${res.status}: ${await res.text()}`);
          }
        } catch (err) {
          if (!stopping) throw err;
          return; // the connection died with the server: this write was not acknowledged
        } finally {
          inflight--;
        }
      }
    }

    const writers = Array.from({ length: 6 }, (_, w) => writer(w));
    // Let the stream run until a good number of writes have been acknowledged, then pull the plug mid-stream.
    const started = Date.now();
    while (acked.size < 40 && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 50));
    stopping = true;
    const inflightAtKill = inflight;
    server.child.kill('SIGKILL');
    await Promise.allSettled(writers);
    await new Promise<void>((ok) =>
      server!.child.exitCode !== null || server!.child.signalCode ? ok() : server!.child.once('exit', () => ok()),
    );
    expect(acked.size).toBeGreaterThanOrEqual(10);
    expect(inflightAtKill, 'the kill must land mid-stream').toBeGreaterThan(0);

    // Restart on the same store.
    server = await startServer(target.env);
    const s2 = await signIn(server.url, target.email, target.password);
    const h2 = { cookie: s2.cookie };

    // Every acknowledged write is there, at least at the acknowledged version, whole.
    for (const ack of acked.values()) {
      const res = await fetch(`${server.url}/api/v1/profiles/${ack.id}`, { headers: h2 });
      expect(res.status, `acknowledged profile ${ack.id} lost`).toBe(200);
      const p = (await res.json()) as Ack & { skills: unknown[]; experience: unknown[]; languages: unknown[] };
      expect(p.version).toBeGreaterThanOrEqual(ack.version);
      if (p.version === ack.version) expect(p.displayName).toBe(ack.displayName);
      expect(sent.has(p.displayName)).toBe(true);
    }

    // No partial or phantom record: every stored profile is a complete sample that was actually sent.
    const list = await fetch(`${server.url}/api/v1/profiles?limit=500`, { headers: h2 });
    const items = ((await list.json()) as { items: { id: string }[] }).items;
    expect(items.length).toBeGreaterThanOrEqual([...acked.values()].length);
    for (const { id } of items) {
      const p = (await (await fetch(`${server.url}/api/v1/profiles/${id}`, { headers: h2 })).json()) as {
        displayName: string;
        skills: unknown[];
        experience: unknown[];
        languages: unknown[];
        education: unknown[];
        workAuthorization: { hasMigrationStatus: boolean; permits: unknown[] };
      };
      expect(sent.has(p.displayName), `phantom record ${p.displayName}`).toBe(true);
      expect(p.skills).toHaveLength(2);
      expect(p.experience).toHaveLength(1);
      expect(p.languages).toHaveLength(2);
      expect(p.education).toHaveLength(1);
      expect(p.workAuthorization.hasMigrationStatus).toBe(true);
      expect(p.workAuthorization.permits).toHaveLength(1);
    }
    console.info(
      `crash test (${target.kind}): ${sent.size} writes sent, ${acked.size} profiles acknowledged, ` +
        `${inflightAtKill} in flight at SIGKILL, ${items.length} stored after restart — all acknowledged present, none partial`,
    );
    await server.stop();
    server = null;
  }, 300_000);
});
