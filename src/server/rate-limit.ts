// Rate-limit stores for @fastify/rate-limit. A route declared `rateLimitShared` counts in the database
// (`rate_limit_hit`), so several server instances on one database limit a client address together; every other
// rate-limited route keeps the plugin's own in-memory store (a search keystroke never writes to the database).
//
// The shared store counts fixed windows: one atomic upsert per request adds 1 to the row of (key, window start)
// and returns the count. The key is an HMAC of the window length, the route and the client address under the
// server's MAC key: the table holds no address in clear, and every instance sharing the secret key agrees on it.
// Windows that ended more than an hour ago are deleted by each instance at most every ten minutes, on a counted
// request. When the database cannot count, the request is refused with 503 (fail closed): unlimited password
// guesses must not pass because the counter is down.
import { createRequire } from 'node:module';
import type { FastifyBaseLogger } from 'fastify';
import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql, type Kysely } from 'kysely';
import { hmac } from '../shared/crypto.js';
import { unavailable } from '../kernel/errors.js';

/** Route config flag (set by registerRoute from the declaration's `rateLimitShared`). */
export const SHARED_RATE_LIMIT = 'corridorSharedRateLimit';

/** Rows of windows that ended longer ago than this are purged; longer shared windows are refused. */
const KEEP_MS = 60 * 60_000;
/** Each instance purges at most this often. */
const PURGE_EVERY_MS = 10 * 60_000;

type StoreCallback = Parameters<FastifyRateLimitStore['incr']>[1];
type ChildOptions = Parameters<FastifyRateLimitStore['child']>[0];

interface LocalStoreCtor {
  new (continueExceeding: boolean, exponentialBackoff: boolean, cache?: number): FastifyRateLimitStore;
}
// The plugin's own in-memory store (not exported from its main module).
const LocalStore = createRequire(import.meta.url)('@fastify/rate-limit/store/LocalStore') as LocalStoreCtor;

export interface RateLimitStoreOptions {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>;
  /** Server-side MAC key (Keyring.macKey): keys are HMACs, never the client address in clear. */
  macKey: Buffer;
  log: FastifyBaseLogger;
  /** Milliseconds since the epoch; tests inject one. */
  clock?: () => number;
}

/** The `store` option for @fastify/rate-limit: in-memory per route, or the database for shared routes. */
export function rateLimitStore(options: RateLimitStoreOptions): FastifyRateLimitStoreCtor {
  const clock = options.clock ?? Date.now;
  const purge = { nextAt: clock() + PURGE_EVERY_MS };

  class DatabaseStore implements FastifyRateLimitStore {
    constructor(private readonly route: string) {}

    incr(key: string, callback: StoreCallback, timeWindow: number): void {
      this.count(key, timeWindow).then(
        (result) => callback(null, result),
        (err: unknown) => {
          options.log.error({ err, route: this.route }, 'shared rate limit: the database could not count; refused');
          callback(unavailable('Temporarily unavailable; try again shortly'));
        },
      );
    }

    private async count(key: string, timeWindow: number): Promise<{ current: number; ttl: number }> {
      const now = clock();
      const start = Math.floor(now / timeWindow) * timeWindow;
      const id = hmac(options.macKey, `rate-limit|${timeWindow}|${this.route}|${key}`);
      const { rows } = await sql<{ hits: number }>`
        INSERT INTO rate_limit_hit (key, window_start, hits)
        VALUES (${id}, ${new Date(start).toISOString()}::timestamptz, 1)
        ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_hit.hits + 1
        RETURNING hits`.execute(options.db);
      const hits = rows[0]?.hits;
      if (typeof hits !== 'number') throw new Error('rate_limit_hit upsert returned no count');
      if (now >= purge.nextAt) {
        purge.nextAt = now + PURGE_EVERY_MS;
        await sql`DELETE FROM rate_limit_hit WHERE window_start < ${new Date(now - KEEP_MS).toISOString()}::timestamptz`
          .execute(options.db)
          .catch((err: unknown) => options.log.warn({ err }, 'shared rate limit: purging old windows failed'));
      }
      return { current: hits, ttl: start + timeWindow - now };
    }

    child(): FastifyRateLimitStore {
      throw new Error('shared rate-limit store has no children');
    }
  }

  class CorridorRateLimitStore implements FastifyRateLimitStore {
    private readonly local: FastifyRateLimitStore;

    constructor(globalOptions: FastifyRateLimitOptions) {
      const o = globalOptions as { continueExceeding?: boolean; exponentialBackoff?: boolean; cache?: number };
      this.local = new LocalStore(o.continueExceeding ?? false, o.exponentialBackoff ?? false, o.cache);
    }

    incr(key: string, callback: StoreCallback, timeWindow: number, max: number): void {
      this.local.incr(key, callback, timeWindow, max);
    }

    child(routeOptions: ChildOptions): FastifyRateLimitStore {
      const info = (routeOptions as { routeInfo?: { method?: string | string[]; url?: string; config?: unknown } })
        .routeInfo;
      const config = (info?.config ?? {}) as Record<string, unknown>;
      if (config[SHARED_RATE_LIMIT] !== true) return this.local.child(routeOptions);
      const timeWindow = (routeOptions as { timeWindow?: unknown }).timeWindow;
      if (typeof timeWindow !== 'number' || timeWindow <= 0 || timeWindow > KEEP_MS) {
        throw new Error(`shared rate limit of ${String(info?.url)}: the window must be a number of ms up to an hour`);
      }
      const method = Array.isArray(info?.method) ? info.method.join(',') : String(info?.method);
      return new DatabaseStore(`${method} ${String(info?.url)}`);
    }
  }

  return CorridorRateLimitStore;
}
