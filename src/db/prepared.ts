// PostgreSQL parses and plans every unnamed statement anew. The application sends the same few statement texts
// over and over (a session lookup, a page of cards, an audit INSERT), so a text seen often is sent as a named
// prepared statement instead: each connection parses and plans it once. Off with CORRIDOR_PG_PREPARE=off (e.g.
// behind a transaction-pooling proxy that does not keep prepared statements).
import { createHash } from 'node:crypto';
import type { Pool, PoolClient, QueryResult } from 'pg';

/** A text gets a name once it has been sent this many times (one-off statements stay unnamed). */
const HOT = 3;
/** At most this many texts are ever named: bounds what each connection keeps prepared on the server. */
export const MAX_PREPARED = 256;
/** Texts counted while cold; beyond this the counts start over (one-off texts do not pile up). */
const MAX_COUNTED = 10_000;

/** Statements worth preparing: reads and writes with parameters (not transaction control, not DDL). */
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;

/** Decides which texts are sent named, and under which name. */
export class StatementNames {
  private readonly counts = new Map<string, number>();
  private readonly names = new Map<string, string>();

  /** The name to send `text` under, or undefined to send it unnamed. */
  nameOf(text: string, parameters: number): string | undefined {
    const named = this.names.get(text);
    if (named !== undefined || parameters === 0 || this.names.size >= MAX_PREPARED) return named;
    if (!PREPARABLE.test(text)) return undefined;
    const seen = (this.counts.get(text) ?? 0) + 1;
    if (seen < HOT) {
      if (this.counts.size >= MAX_COUNTED) this.counts.clear();
      this.counts.set(text, seen);
      return undefined;
    }
    this.counts.delete(text);
    const name = `c_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
    this.names.set(text, name);
    return name;
  }

  get size(): number {
    return this.names.size;
  }
}

/** The pool as Kysely's PostgresDialect uses it, with hot statements sent named. */
export function preparingPool(pool: Pool, names = new StatementNames()): Pool {
  const wrap = (client: PoolClient): PoolClient =>
    new Proxy(client, {
      get(target, prop, receiver) {
        if (prop !== 'query') return Reflect.get(target, prop, receiver) as unknown;
        return (text: unknown, values?: unknown[]): Promise<QueryResult> => {
          const name =
            typeof text === 'string' && Array.isArray(values) ? names.nameOf(text, values.length) : undefined;
          if (name === undefined)
            return (target.query as (t: unknown, v?: unknown[]) => Promise<QueryResult>)(text, values);
          return target.query({ name, text: text as string, values });
        };
      },
    });
  return new Proxy(pool, {
    get(target, prop, receiver) {
      if (prop !== 'connect') return Reflect.get(target, prop, receiver) as unknown;
      return async () => wrap(await target.connect());
    },
  });
}
