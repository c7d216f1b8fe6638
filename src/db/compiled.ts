// Kysely builds a query as a tree of frozen nodes and walks it into SQL on every call: on the matching routes that
// was about a tenth of the server's CPU. A hot query whose SQL never changes is built once here: the first call
// compiles it with markers in place of its arguments and keeps the text and where each argument goes; later calls
// bind only the arguments. The same text object every time also spares the pool's statement naming (prepared.ts)
// from hashing it again.
import { createQueryId, type Compilable, type Kysely, type RootOperationNode } from 'kysely';
import type { Database } from './schema.js';

/** Stands for the argument at `index` while the query is compiled. */
class Marker {
  constructor(readonly index: number) {}
}

interface Template {
  sql: string;
  query: RootOperationNode;
  /** Per parameter: the argument it takes (a number) or the constant the query holds. */
  parameters: ({ argument: number } | { constant: unknown })[];
}

/**
 * A query built once and run with new arguments. `build` must only hand its arguments to Kysely as values (`where`,
 * `sql` templates; an array as one value, e.g. `= any(${ids}::text[])`): it is called once with markers instead of
 * them, so it must not branch on them, spread them or compute with them. Every argument must reach the SQL.
 * Both stores compile with Kysely's PostgreSQL compiler, so one text serves both.
 */
export function compiledQuery<A extends readonly unknown[], O>(
  build: (db: Kysely<Database>, ...args: A) => Compilable<O>,
): (db: Kysely<Database>, ...args: A) => Promise<O[]> {
  let template: Template | undefined;
  return async (db, ...args) => {
    template ??= compileTemplate(db, build, args.length);
    const parameters = template.parameters.map((p) => ('argument' in p ? args[p.argument] : p.constant));
    const result = await db.executeQuery<O>({
      sql: template.sql,
      query: template.query,
      parameters,
      queryId: createQueryId(),
    });
    return result.rows;
  };
}

function compileTemplate<A extends readonly unknown[], O>(
  db: Kysely<Database>,
  build: (db: Kysely<Database>, ...args: A) => Compilable<O>,
  arity: number,
): Template {
  const markers = Array.from({ length: arity }, (_, i) => new Marker(i)) as unknown as A;
  const compiled = build(db, ...markers).compile();
  const parameters = compiled.parameters.map((p) =>
    p instanceof Marker ? { argument: p.index } : { constant: p as unknown },
  );
  const used = new Set(parameters.flatMap((p) => ('argument' in p ? [p.argument] : [])));
  if (used.size !== arity) throw new Error(`compiledQuery: ${arity - used.size} argument(s) never reach the SQL`);
  return { sql: compiled.sql, query: compiled.query, parameters };
}
