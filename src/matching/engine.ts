// The matching engine of one server process: the in-memory index, loaded once from the database, then kept current
// by following the change log — this process's writes at once (the in-process feed), other instances' writes
// within a poll interval. Requests never refresh it themselves; one that follows a write of this process waits
// until the index has applied that write (read your own writes), which costs nothing when there was none.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { FieldCipher } from '../shared/crypto.js';
import { ChangeFollower, startCursor, type ChangeEntry, type ChangeFeed } from '../kernel/changes.js';
import type { EscoSnapshot } from '../taxonomy/domain.js';
import { MatchingService } from './store.js';

type Db = Kysely<Database>;

interface Open {
  snapshot: EscoSnapshot;
  service: MatchingService;
  follower: ChangeFollower;
}

export interface EngineOptions {
  /** How often to look for other instances' writes (ms). */
  pollMs?: number;
  onError?: (err: unknown) => void;
}

/** Which index entries a batch of change entries touches. */
export function affected(entries: readonly ChangeEntry[]): {
  profiles: string[];
  vacancies: string[];
  rules: boolean;
} {
  const profiles = new Set<string>();
  const vacancies = new Set<string>();
  let rules = false;
  for (const e of entries) {
    if (e.entity === 'profile') profiles.add(e.id);
    else if (e.entity === 'vacancy') vacancies.add(e.id);
    else if (e.entity === 'eligibility_rule') rules = true;
    // Consent (and anything else about a person) changes who may be matched: re-read the person.
    else if (e.subjectId) profiles.add(e.subjectId);
  }
  return { profiles: [...profiles], vacancies: [...vacancies], rules };
}

export class MatchingEngine {
  private opened: Promise<Open> | null = null;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly feed: ChangeFeed,
    private readonly cipher: FieldCipher,
    private readonly options: EngineOptions = {},
  ) {}

  /**
   * The index for this taxonomy snapshot, having applied every write this process committed before the call.
   * Built on first use (and again when the active taxonomy changes).
   */
  async index(snapshot: EscoSnapshot): Promise<{ service: MatchingService; snapshot: EscoSnapshot }> {
    if (this.closed) throw new Error('the matching engine is closed');
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
    return { service: opened.service, snapshot: opened.snapshot };
  }

  private async open(snapshot: EscoSnapshot): Promise<Open> {
    // The cursor is taken before the load: writes committing meanwhile are applied again, never missed.
    const cursor = await startCursor(this.db);
    const { service } = await MatchingService.open(this.db, snapshot, { cipher: this.cipher });
    const follower = new ChangeFollower(this.db, cursor, {
      name: 'matching',
      feed: this.feed,
      pollMs: this.options.pollMs ?? 200,
      apply: async (entries) => {
        const { profiles, vacancies, rules } = affected(entries);
        if (rules) await service.reloadRules();
        await service.profilesWritten(profiles);
        await service.vacanciesWritten(vacancies);
      },
      resync: async () => {
        await service.reloadRules();
        await service.reload();
      },
      onError: this.options.onError,
    });
    return { snapshot, service, follower: follower.start() };
  }

  async close(): Promise<void> {
    this.closed = true;
    const opened = this.opened ? await this.opened.catch(() => null) : null;
    await opened?.follower.stop();
  }
}
