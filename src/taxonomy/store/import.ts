// Writes an EscoSnapshot into the taxonomy tables as one new version: all or nothing, in ONE transaction, with
// multi-row INSERTs in chunks. Versions coexist; a failed import leaves the earlier versions as they were.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ConceptLabels, EscoSnapshot } from '../model.js';
import { conflict, invalid } from '../../kernel/errors.js';
import { deleteVersionRows } from './versions.js';

export interface ImportProgress {
  (stage: string, done: number, total: number): void;
}

export interface ImportOptions {
  /** Make this the active version. The first version imported into an empty store is always activated. */
  activate?: boolean;
  /** Replace an existing version of the same name (otherwise importing an existing version is refused). */
  replace?: boolean;
  /** Where the data came from (file names), recorded with the version. */
  source?: string;
  onProgress?: ImportProgress;
}

export interface ImportResult {
  version: string;
  activated: boolean;
  replaced: boolean;
  occupations: number;
  skills: number;
  relations: number;
  rows: number;
  ms: number;
}

// Rows per INSERT statement: large enough that per-statement overhead vanishes, small enough for steady progress.
const CHUNK_ROWS = 10_000;

/** A serialised advisory lock so two servers starting together on one PostgreSQL do not both import. */
const IMPORT_LOCK = 727_001;

export async function importEscoSnapshot(
  db: Kysely<Database>,
  snapshot: EscoSnapshot,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const started = Date.now();
  const version = snapshot.version.trim();
  if (!/^[0-9A-Za-z][0-9A-Za-z._+-]{0,39}$/.test(version)) {
    throw invalid(`taxonomy version "${snapshot.version}" must be 1–40 letters, digits, dots or dashes`, 'version');
  }
  const progress = options.onProgress ?? (() => {});
  const tables = rowsOf(snapshot);
  const total = tables.reduce((n, t) => n + t.rows.length, 0);

  const outcome = await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`.execute(trx);
    const existing = await trx
      .selectFrom('taxonomy_version')
      .select(['version', 'is_active'])
      .where('version', '=', version)
      .executeTakeFirst();
    if (existing && !options.replace) {
      throw conflict(`taxonomy version ${version} is already imported; pass --replace to import it again`, 'version');
    }
    if (existing) await deleteVersionRows(trx, version);
    const anyActive = await trx
      .selectFrom('taxonomy_version')
      .select('version')
      .where('is_active', '=', true)
      .executeTakeFirst();
    const activate = Boolean(options.activate || existing?.is_active || !anyActive);

    await trx
      .insertInto('taxonomy_version')
      .values({
        version,
        status: 'importing',
        is_active: false,
        languages: snapshot.languages,
        occupation_count: snapshot.occupations.size,
        skill_count: snapshot.skills.size,
        relation_count: snapshot.occupationSkills.length + snapshot.skillSkills.length,
        source: options.source ?? '',
      })
      .execute();

    let done = 0;
    progress('taxonomy rows', 0, total);
    for (const t of tables) {
      await insertChunked(trx, t.table, t.columns, t.rows, version, (n) => {
        done += n;
        progress(t.stage, done, total);
      });
    }

    if (activate) {
      await trx.updateTable('taxonomy_version').set({ is_active: false }).where('is_active', '=', true).execute();
    }
    await trx
      .updateTable('taxonomy_version')
      .set({ status: 'ready', is_active: activate, ...(activate ? { activated_at: new Date() } : {}) })
      .where('version', '=', version)
      .execute();
    return { activated: activate, replaced: Boolean(existing) };
  });

  return {
    version,
    ...outcome,
    occupations: snapshot.occupations.size,
    skills: snapshot.skills.size,
    relations: snapshot.occupationSkills.length + snapshot.skillSkills.length,
    rows: total,
    ms: Date.now() - started,
  };
}

type Cell = string | number | string[] | null;

interface TableRows {
  stage: string;
  table: keyof Database & string;
  /** Columns after `version`, which every row gets. */
  columns: string[];
  rows: Cell[][];
}

function rowsOf(s: EscoSnapshot): TableRows[] {
  const labels: Cell[][] = [];
  const broader: Cell[][] = [];
  const labelled = new Set<string>();
  const addLabels = (uri: string, byLang: Record<string, ConceptLabels>) => {
    // A URI listed both as a skill and as a skill group (not in ESCO 1.1.1, possible elsewhere) keeps its first labels.
    if (labelled.has(uri)) return;
    labelled.add(uri);
    for (const [lang, l] of Object.entries(byLang)) {
      labels.push([uri, lang, l.preferred, unique(l.alt), unique(l.hidden), l.description ?? null]);
    }
  };
  const withBroader = new Set<string>();
  const addBroader = (uri: string, list: string[]) => {
    if (withBroader.has(uri)) return;
    withBroader.add(uri);
    unique(list).forEach((b, i) => broader.push([uri, b, i]));
  };

  const occupations: Cell[][] = [];
  for (const o of s.occupations.values()) {
    occupations.push([o.uri, o.code, o.isco]);
    addLabels(o.uri, o.labels);
    addBroader(o.uri, o.broader);
  }
  const skills: Cell[][] = [];
  for (const k of s.skills.values()) {
    skills.push([k.uri, k.skillType, k.reuseLevel, unique(k.collections)]);
    addLabels(k.uri, k.labels);
    addBroader(k.uri, k.broader);
  }
  const isco: Cell[][] = [];
  for (const g of s.iscoGroups.values()) {
    isco.push([g.uri, g.code]);
    addLabels(g.uri, g.labels);
  }
  const groups: Cell[][] = [];
  for (const g of s.skillGroups.values()) {
    groups.push([g.uri, g.code]);
    addLabels(g.uri, g.labels);
    addBroader(g.uri, g.broader);
  }
  // ESCO's relation files repeat a few pairs; keep the first (primary keys would otherwise reject the import).
  const occupationSkills = dedupe(s.occupationSkills.map((r) => [r.occupationUri, r.skillUri, r.relation]));
  const skillSkills = dedupe(s.skillSkills.map((r) => [r.fromUri, r.toUri, r.relation]));

  return [
    { stage: 'occupations', table: 'taxonomy_occupation', columns: ['uri', 'code', 'isco'], rows: occupations },
    {
      stage: 'skills',
      table: 'taxonomy_skill',
      columns: ['uri', 'skill_type', 'reuse_level', 'collections'],
      rows: skills,
    },
    { stage: 'ISCO groups', table: 'taxonomy_isco_group', columns: ['uri', 'code'], rows: isco },
    { stage: 'skill groups', table: 'taxonomy_skill_group', columns: ['uri', 'code'], rows: groups },
    {
      stage: 'labels',
      table: 'taxonomy_label',
      columns: ['uri', 'lang', 'preferred', 'alt', 'hidden', 'description'],
      rows: labels,
    },
    {
      stage: 'occupation–skill relations',
      table: 'taxonomy_occupation_skill',
      columns: ['occupation_uri', 'skill_uri', 'relation'],
      rows: occupationSkills,
    },
    {
      stage: 'skill–skill relations',
      table: 'taxonomy_skill_skill',
      columns: ['from_uri', 'to_uri', 'relation'],
      rows: skillSkills,
    },
    {
      stage: 'broader relations',
      table: 'taxonomy_broader',
      columns: ['uri', 'broader_uri', 'position'],
      rows: broader,
    },
  ];
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}

function dedupe(rows: string[][]): string[][] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = `${r[0]} ${r[1]}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// Unit separator: joins a label list into one array element (ESCO labels never contain it).
const SEP = '\u001f';

/**
 * One statement per chunk, one array parameter per column: `insert … select $1, * from unnest($2::text[], …)`.
 * Far fewer parameters to bind and parse than multi-row VALUES; list columns travel as SEP-joined text.
 */
async function insertChunked(
  trx: Transaction<Database>,
  table: string,
  columns: string[],
  rows: Cell[][],
  version: string,
  onChunk: (rows: number) => void,
): Promise<void> {
  if (rows.length === 0) return;
  const kinds = columns.map((_, i) => {
    const sample = rows.find((r) => r[i] !== null)?.[i];
    return Array.isArray(sample) ? 'list' : typeof sample === 'number' ? 'int' : 'text';
  });
  const names = columns.map((_, i) => sql.raw(`c${i}`));
  const target = sql.join([sql.ref('version'), ...columns.map((c) => sql.ref(c))]);
  const selected = sql.join(names.map((n, i) => (kinds[i] === 'list' ? sql`string_to_array(${n}, chr(31))` : n)));
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
    const chunk = rows.slice(i, i + CHUNK_ROWS);
    const arrays = columns.map((_, c) => {
      const values = chunk.map((r) => {
        const v = r[c] ?? null;
        return Array.isArray(v) ? v.join(SEP) : v;
      });
      return kinds[c] === 'int' ? sql`${values}::int[]` : sql`${values}::text[]`;
    });
    await sql`insert into ${sql.table(table)} (${target}) select ${version}, ${selected} from unnest(${sql.join(arrays)}) as t(${sql.join(names)})`.execute(
      trx,
    );
    onChunk(chunk.length);
  }
}
