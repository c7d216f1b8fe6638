// The labour-market engine of one server process: the statistics model, loaded from the tables on first use, then
// kept current by following the change log like the matching index (this process's writes at once, other
// instances' within a poll). A request waits until the model applied this process's writes made before it.
// Answers are cached per model version and k: a figure is computed once until something changes.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { ChangeFollower, startCursor, type ChangeEntry, type ChangeFeed } from '../kernel/changes.js';
import type { FieldCipher } from '../shared/crypto.js';
import type { EscoSnapshot } from '../taxonomy/domain.js';
import { TableCache, type FigureContext } from './figures.js';
import { StatisticsModel } from './statistics.js';
import { allJobSeekers, allVacancies, jobSeekersById, readSettings, vacanciesById, type RecordKeys } from './store.js';
import { statisticsTaxonomy } from './taxonomy.js';

type Db = Kysely<Database>;

export interface EngineOptions {
  pollMs?: number;
  onError?: (err: unknown) => void;
}

/** Which records a batch of change entries touches. */
export function touched(entries: readonly ChangeEntry[]): { people: string[]; vacancies: string[] } {
  const people = new Set<string>();
  const vacancies = new Set<string>();
  for (const e of entries) {
    if (e.entity === 'vacancy') vacancies.add(e.id);
    else if (e.entity === 'profile') people.add(e.id);
    // A consent (or anything else about a person) may change whether they count: re-read them.
    else if (e.subjectId) people.add(e.subjectId);
  }
  return { people: [...people], vacancies: [...vacancies] };
}

interface Open {
  snapshot: EscoSnapshot;
  /** The current model (replaced whole by a rebuild) and its incrementally kept tables. */
  model: StatisticsModel;
  tables: TableCache;
  salt: string;
  follower: ChangeFollower;
}

export interface RebuildReport {
  people: number;
  vacancies: number;
  ms: number;
}

/**
 * Loads every counted record into a fresh model. `keys.cipher` is the instance cipher: each counted person's key is
 * unwrapped to open their ICLS category.
 */
export async function buildModel(db: Db, snapshot: EscoSnapshot, keys: RecordKeys): Promise<StatisticsModel> {
  const model = new StatisticsModel(statisticsTaxonomy(snapshot));
  for await (const page of allJobSeekers(db, keys)) for (const p of page) model.upsertJobSeeker(p);
  for await (const page of allVacancies(db, keys.salt)) for (const v of page) model.upsertVacancy(v);
  return model;
}

export class LabourMarketEngine {
  private opened: Promise<Open> | null = null;
  private closed = false;
  private readonly cache = new Map<string, unknown>();
  /** Last full rebuild, for the operator. */
  lastRebuild: RebuildReport | null = null;

  constructor(
    private readonly db: Db,
    private readonly feed: ChangeFeed,
    /** The instance cipher: it unwraps the keys the people's ICLS categories are sealed under. */
    private readonly cipher: FieldCipher,
    private readonly options: EngineOptions = {},
  ) {}

  /** The model for this taxonomy snapshot, having applied every write this process committed before the call. */
  async model(snapshot: EscoSnapshot): Promise<StatisticsModel> {
    return (await this.figures(snapshot)).model;
  }

  /** What figures are computed from: the current model and its table cache. */
  async figures(snapshot: EscoSnapshot): Promise<FigureContext & { tables: TableCache }> {
    if (this.closed) throw new Error('the labour-market engine is closed');
    let opened = this.opened ? await this.opened.catch(() => null) : null;
    if (!opened || opened.snapshot !== snapshot) {
      const previous = opened;
      this.opened = this.open(snapshot);
      this.opened.catch(() => (this.opened = null));
      opened = await this.opened;
      await previous?.follower.stop();
    } else {
      await opened.follower.catchUpTo(this.feed.lastTx);
    }
    return { model: opened.model, tables: opened.tables };
  }

  /**
   * A figure, computed once per model version and key. The key must hold everything the answer depends on (query,
   * scope, k, language).
   */
  cached<T>(model: StatisticsModel, key: string, compute: () => T): T {
    const full = `${model.version}\u0000${key}`;
    if (this.cache.has(full)) return this.cache.get(full) as T;
    const value = compute();
    if (this.cache.size >= 500) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(full, value);
    return value;
  }

  /** Rebuilds the model from the tables now (operator command; also what a 'reset' entry triggers). */
  async rebuild(snapshot: EscoSnapshot): Promise<RebuildReport> {
    const opened = await this.opened?.catch(() => null);
    if (!opened || opened.snapshot !== snapshot) {
      await this.model(snapshot);
      return this.lastRebuild!;
    }
    await this.reload(opened);
    return this.lastRebuild!;
  }

  private async reload(opened: Open): Promise<void> {
    const started = Date.now();
    const model = await buildModel(this.db, opened.snapshot, { salt: opened.salt, cipher: this.cipher });
    opened.tables?.dispose();
    opened.model = model;
    opened.tables = new TableCache(model);
    opened.tables.warm();
    this.cache.clear();
    this.lastRebuild = { people: model.people.live, vacancies: model.vacancies.live, ms: Date.now() - started };
  }

  private async open(snapshot: EscoSnapshot): Promise<Open> {
    // The cursor is taken before the load: writes committing meanwhile are applied again, never missed.
    const cursor = await startCursor(this.db);
    const { salt } = await readSettings(this.db);
    const opened = { snapshot, salt } as Open;
    await this.reload(opened);
    opened.follower = new ChangeFollower(this.db, cursor, {
      name: 'labour-market',
      feed: this.feed,
      pollMs: this.options.pollMs ?? 1000,
      apply: async (entries) => {
        const { people, vacancies } = touched(entries);
        const model = opened.model;
        if (people.length) {
          const found = await jobSeekersById(this.db, { salt, cipher: this.cipher }, people);
          const present = new Set(found.map((p) => p.id));
          for (const p of found) model.upsertJobSeeker(p);
          for (const id of people) if (!present.has(id)) model.removeJobSeeker(id);
        }
        if (vacancies.length) {
          const found = await vacanciesById(this.db, salt, vacancies);
          const present = new Set(found.map((v) => v.id));
          for (const v of found) model.upsertVacancy(v);
          for (const id of vacancies) if (!present.has(id)) model.removeVacancy(id);
        }
      },
      resync: () => this.reload(opened),
      onError: this.options.onError,
    });
    opened.follower.start();
    return opened;
  }

  async close(): Promise<void> {
    this.closed = true;
    const opened = this.opened ? await this.opened.catch(() => null) : null;
    await opened?.follower.stop();
  }
}
