import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKind } from '../db/testing.js';
import { createTestApp, type TestApp } from '../testing/app.js';
import { ChangeFeed } from '../kernel/changes.js';
import { CapabilitySet, type ServeContext } from '../kernel/capability.js';
import { taxonomyCapability } from './routes.js';
import type { AuthUser } from '../kernel/route.js';
import { readEscoSnapshot } from './esco/reader.js';
import { FIXTURE, writeEscoFixture } from './esco/fixture.js';
import { importEscoSnapshot } from './store/import.js';

const API = '/api/v1/taxonomy';
const uuid = (uri: string) => uri.slice(uri.lastIndexOf('/') + 1);

describe(`taxonomy routes (${testStoreKind()})`, () => {
  let t: TestApp;
  let advisor: AuthUser;
  let admin: AuthUser;
  let headers: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    const org = await t.organisation();
    advisor = await t.user('advisor', org);
    admin = await t.user('platform_admin', org);
    headers = await t.headersFor(advisor);
  }, 120_000);
  afterAll(async () => t?.close());

  const get = (url: string, h: Record<string, string> = headers) => t.app.inject({ method: 'GET', url, headers: h });
  const post = (url: string, payload: object, h: Record<string, string> = headers) =>
    t.app.inject({ method: 'POST', url, headers: h, payload });

  it('answers 503 taxonomy_not_loaded while no version is imported', async () => {
    const res = await get(`${API}/search?q=weld`);
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('taxonomy_not_loaded');
    const { snapshot } = readEscoSnapshot([writeEscoFixture({}, '1.0.0')]);
    await importEscoSnapshot(t.store.db, snapshot);
  });

  it('searches occupations and skills by label, publicly, in the asked language', async () => {
    const res = await get(`${API}/search?q=weld`, {});
    expect(res.statusCode).toBe(200);
    const results = res.json().results as { uri: string; type: string; code?: string; isco?: string }[];
    expect(results.map((r) => r.uri)).toEqual(expect.arrayContaining([FIXTURE.welder, FIXTURE.weld]));
    const welder = results.find((r) => r.uri === FIXTURE.welder)!;
    expect(welder).toMatchObject({ type: 'occupation', label: 'welder', code: '7212.1', isco: '7212' });
    expect(welder).toHaveProperty('score');
    expect(welder).toHaveProperty('matchedLabel');

    const skills = (await get(`${API}/search?q=weld&type=skill`)).json().results as { type: string }[];
    expect(skills.length).toBeGreaterThan(0);
    expect(skills.every((r) => r.type === 'skill')).toBe(true);

    const es = (await get(`${API}/search?q=soldadora&lang=es`)).json().results;
    expect(es[0]).toMatchObject({ uri: FIXTURE.welder, label: 'soldador/soldadora', matchedLabel: 'soldadora' });
  });

  it('finds English labels for a job title typed in Arabic script (lexicon), and nothing for unknown words', async () => {
    const res = (await get(`${API}/search?q=${encodeURIComponent('اللحّام')}&lang=ar`, {})).json();
    expect(res.results.map((r: { uri: string }) => r.uri)).toEqual(
      expect.arrayContaining([FIXTURE.welder, FIXTURE.weld]),
    );
    expect(res.results[0]).toMatchObject({ uri: FIXTURE.welder, label: 'welder' });
    const nurse = (await get(`${API}/search?q=${encodeURIComponent('ممرضة')}&type=occupation`)).json();
    expect(nurse.results[0]).toMatchObject({ uri: FIXTURE.nurse });
    expect((await get(`${API}/search?q=${encodeURIComponent('طائرة')}`)).json().results).toEqual([]);
  });

  it('rejects a search without a query, naming the field', async () => {
    const res = await get(`${API}/search?type=skill`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.path).toMatch(/q/);
  });

  it('codes a job title to occupations with ISCO-08', async () => {
    const res = await post(`${API}/classify-occupation`, { title: 'welder', top: 2 });
    expect(res.statusCode).toBe(200);
    const results = res.json().results;
    expect(results[0]).toMatchObject({ uri: FIXTURE.welder, code: '7212.1', isco: '7212', label: 'welder' });
    expect(results.length).toBeLessThanOrEqual(2);
    // How sure: of the occupation, and of its unit group (the backoff when the occupation is uncertain).
    expect(results[0].confidence).toBeGreaterThan(0);
    expect(results[0].iscoConfidence).toBeGreaterThanOrEqual(results[0].confidence);
    expect(results[0].iscoConfidence).toBeLessThanOrEqual(1);
    // Why: the label the title matched, for the advisor confirming the code.
    expect(results[0].evidence).toMatchObject({
      titleLabel: { text: 'welder', kind: 'preferred', lang: 'en' },
      title: 1,
      description: 0,
    });
    expect((await post(`${API}/classify-occupation`, { title: 'welder' }, {})).statusCode).toBe(401);
  });

  it('extracts skills with the text that evidences them', async () => {
    const text = 'For ten years I used welding equipment on building sites.';
    const res = await post(`${API}/extract-skills`, { text });
    expect(res.statusCode).toBe(200);
    const weld = (res.json().results as { uri: string; evidence: string }[]).find((r) => r.uri === FIXTURE.weld);
    expect(weld).toBeDefined();
    expect(text).toContain(weld!.evidence);
    // Without a language the text is read in its own; the answer says which, and labels come as asked.
    expect(res.json()).toMatchObject({ lang: 'en', langDetected: true });
    const spanish = await post(`${API}/extract-skills`, {
      text: 'Uso el equipo de soldadura en las obras.',
      labelLang: 'en',
    });
    expect(spanish.json()).toMatchObject({ lang: 'es', langDetected: true });
    const given = await post(`${API}/extract-skills`, { text: 'Uso el equipo de soldadura.', lang: 'en' });
    expect(given.json()).toMatchObject({ lang: 'en', langDetected: false });
  });

  it('shows an occupation with its essential and optional skills', async () => {
    const res = await get(`${API}/occupations/${uuid(FIXTURE.welder)}?lang=es`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      uri: FIXTURE.welder,
      code: '7212.1',
      isco: '7212',
      label: 'soldador/soldadora',
      version: '1.0.0',
      essentialSkills: [{ uri: FIXTURE.weld, label: 'use welding equipment' }],
      optionalSkills: [{ uri: FIXTURE.metal, label: 'metal joining technologies' }],
    });
    const en = (await get(`${API}/occupations/${uuid(FIXTURE.welder)}`)).json();
    expect(en).toMatchObject({ label: 'welder', description: 'Welders join metal parts.', lang: 'en' });
    const missing = await get(`${API}/occupations/00000000-0000-0000-0000-000000000000`);
    expect(missing.statusCode).toBe(404);
    expect((await get(`${API}/occupations/not-a-uuid`)).statusCode).toBe(400);
    expect((await get(`${API}/occupations/${uuid(FIXTURE.welder)}`, {})).statusCode).toBe(401);
  });

  it('orders essential skills by relevance on request, saying what it went by', async () => {
    const res = await get(`${API}/occupations/${uuid(FIXTURE.welder)}?order=relevance`);
    expect(res.statusCode).toBe(200);
    expect(res.json().essentialSkills).toEqual([
      expect.objectContaining({
        uri: FIXTURE.weld,
        label: 'use welding equipment',
        reuseLevel: expect.any(String),
        occupations: 1,
        relevance: expect.any(Number),
      }),
    ]);
    expect((await get(`${API}/occupations/${uuid(FIXTURE.welder)}?order=size`)).statusCode).toBe(400);
  });

  it('names concepts by URI in one call, in the asked language or English, leaving out unknown ones', async () => {
    const unknown = 'http://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000000';
    const res = await post(`${API}/labels`, { uris: [FIXTURE.welder, FIXTURE.weld, unknown], lang: 'es' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      lang: 'es',
      labels: { [FIXTURE.welder]: 'soldador/soldadora', [FIXTURE.weld]: 'use welding equipment' },
    });
    const ar = (await post(`${API}/labels`, { uris: [FIXTURE.weld], lang: 'ar' })).json();
    expect(ar).toEqual({ lang: 'en', labels: { [FIXTURE.weld]: 'use welding equipment' } });
    expect((await post(`${API}/labels`, { uris: [FIXTURE.weld] }, {})).statusCode).toBe(401);
  });

  it('shows a skill with related skills and the occupations that need it', async () => {
    const res = await get(`${API}/skills/${uuid(FIXTURE.weld)}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      uri: FIXTURE.weld,
      label: 'use welding equipment',
      skillType: 'skill/competence',
      reuseLevel: 'sector-specific',
      relatedSkills: [{ uri: FIXTURE.metal, relation: 'optional' }],
      essentialFor: [{ uri: FIXTURE.welder, label: 'welder' }],
      essentialForCount: 1,
      optionalForCount: 0,
    });
  });

  it('serves ISCED, CEFR and EQF levels in Arabic', async () => {
    const res = await get(`${API}/reference?lang=ar`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.lang).toBe('ar');
    expect(body.isced.map((l: { band: string | null }) => l.band)).toEqual([
      null,
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'high',
      'high',
    ]);
    expect(body.isced[1].name).toBe('التعليم الابتدائي');
    expect(body.cefr.map((l: { code: string }) => l.code)).toEqual(['A1', 'A2', 'B1', 'B2', 'C1', 'C2']);
    expect(body.eqf).toHaveLength(8);
    const other = await get(`${API}/reference?lang=de`);
    expect(other.json()).toMatchObject({
      lang: 'en',
      eqf: expect.arrayContaining([expect.objectContaining({ name: 'EQF level 1' })]),
    });
  });

  it('lets only a platform admin activate another version, and then serves it', async () => {
    const { snapshot } = readEscoSnapshot([writeEscoFixture({}, '2.0.0')]);
    snapshot.occupations.get(FIXTURE.welder)!.labels.en!.preferred = 'welder (2.0)';
    await importEscoSnapshot(t.store.db, snapshot);
    const versions = (await get(`${API}/versions`)).json().versions as { version: string; active: boolean }[];
    expect(versions.map((v) => [v.version, v.active]).sort()).toEqual([
      ['1.0.0', true],
      ['2.0.0', false],
    ]);

    expect((await post(`${API}/versions/2.0.0/activate`, {})).statusCode).toBe(403);
    const adminHeaders = await t.headersFor(admin);
    const res = await post(`${API}/versions/2.0.0/activate`, {}, adminHeaders);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ active: '2.0.0' });
    const occupation = (await get(`${API}/occupations/${uuid(FIXTURE.welder)}`)).json();
    expect(occupation).toMatchObject({ label: 'welder (2.0)', version: '2.0.0' });
    expect((await post(`${API}/versions/9.9.9/activate`, {}, adminHeaders)).statusCode).toBe(404);
    // Codes stored under the older version stay readable.
    const older = (await get(`${API}/occupations/${uuid(FIXTURE.welder)}?version=1.0.0`)).json();
    expect(older).toMatchObject({ label: 'welder', version: '1.0.0' });
    const unknown = await get(`${API}/skills/${uuid(FIXTURE.weld)}?version=7.7.7`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toContain('7.7.7');
  });

  it('loads the active version into the taxonomy service when `corridor serve` runs its start-up task', async () => {
    const set = new CapabilitySet({ db: t.store.db, config: t.config, feed: new ChangeFeed() });
    await taxonomyCapability.setup(set);
    const task = set.serveTasks.find((x) => x.name === 'taxonomy')!;
    const logged: string[] = [];
    const log = { info: (_o: object, msg: string) => logged.push(msg) } as unknown as ServeContext['log'];
    await task.task({ store: t.store, config: t.config, services: set.view(), log });
    expect(set.view().get('taxonomy').peek()?.version).toBe('2.0.0');
    expect(logged).toContain('taxonomy loaded');
  });
});
