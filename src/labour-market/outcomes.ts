// Placements by occupation and time to placement, from recorded outcomes. Outcomes belong to protection (#14): it
// provides the `placements` service (this interface; protection imports it, labour-market never imports
// protection); an instance without it answers `available: false` with the reason. Counting and protection are the
// same as for every other figure: only people who count (store.ts, the counting rule) and only through disclosure.ts.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { protectMagnitudes, protectTable, recordKey, type CellCount, type DisclosurePolicy } from './disclosure.js';
import type { FigureValue } from './figures.js';
import { countsInStatistics } from './store.js';
import type { StatisticsTaxonomy } from './taxonomy.js';

/** One recorded placement: a person started work in an occupation. */
export interface Placement {
  personId: string;
  /** The organisation holding the person's record (the caller's scope is checked against it). */
  organisationId: string;
  /** The ESCO occupation of the job, else its ISCO-08 code as recorded; null when neither was recorded. */
  occupationUri: string | null;
  isco: string | null;
  /** When the person was registered (profile created) and when the placement started. */
  registeredAt: Date;
  placedAt: Date;
}

export interface PlacementSource {
  /** Placements started in [from, to). */
  placements(db: Kysely<Database>, range: { from: Date; to: Date }): Promise<Placement[]>;
}

declare module '../kernel/capability.js' {
  interface ServiceMap {
    /** Recorded outcomes (provided by protection once its outcome log exists). */
    placements: PlacementSource;
  }
}

export const PLACEMENT_LEVELS = ['isco1', 'isco2', 'isco3', 'isco4'] as const;
export type PlacementLevel = (typeof PLACEMENT_LEVELS)[number];

export interface PlacementRow {
  code: string;
  placements: FigureValue;
  medianDaysToPlacement: number | null;
  meanDaysToPlacement: number | null;
}

const DAY = 86_400_000;

/** Placements by ISCO group and the days from registration to placement, protected. */
export async function placementFigures(
  db: Kysely<Database>,
  source: PlacementSource,
  range: { from: Date; to: Date },
  level: PlacementLevel,
  taxonomy: StatisticsTaxonomy,
  salt: string,
  policy: DisclosurePolicy,
  scope: { organisationId: string | null } = { organisationId: null },
): Promise<{ total: FigureValue; rows: PlacementRow[] }> {
  const all = (await source.placements(db, range)).filter(
    (p) => scope.organisationId === null || p.organisationId === scope.organisationId,
  );
  const counted = await countsInStatistics(
    db,
    all.map((p) => p.personId),
  );
  const digits = Number(level.slice(4));
  const groups = new Map<string, { keys: number[]; days: number[] }>();
  for (const p of all) {
    if (!counted.has(p.personId)) continue;
    const isco = (p.occupationUri ? taxonomy.iscoOf(p.occupationUri) : null) ?? p.isco;
    const code = isco ? isco.slice(0, digits) : 'unknown';
    let g = groups.get(code);
    if (!g) groups.set(code, (g = { keys: [], days: [] }));
    // A placement's key: the person and the placement's start, so two placements of one person are two records.
    g.keys.push(recordKey(salt, `placement:${p.personId}:${p.placedAt.toISOString()}`));
    g.days.push(Math.max(0, Math.floor((p.placedAt.getTime() - p.registeredAt.getTime()) / DAY)));
  }
  const cells = new Map<string, CellCount>();
  let total: CellCount = { count: 0, key: 0 };
  for (const [code, g] of groups) {
    const key = g.keys.reduce((a, k) => (a + k) >>> 0, 0);
    cells.set(code, { count: g.keys.length, key });
    total = { count: total.count + g.keys.length, key: (total.key + key) >>> 0 };
  }
  cells.set('*', total);
  const out = protectTable({ cells, lines: [{ total: '*', members: [...groups.keys()] }] }, policy);
  const rows = [...groups.entries()]
    .map(([code, g]) => {
      const stats = protectMagnitudes({ values: g.days, keys: g.keys }, ['median', 'mean'], policy);
      const p = out.get(code)!;
      const shown = p.status === 'shown';
      return {
        code,
        placements: { value: p.value, status: p.status },
        medianDaysToPlacement: shown ? (stats.statistics.median ?? null) : null,
        meanDaysToPlacement: shown ? (stats.statistics.mean ?? null) : null,
      };
    })
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  const t = out.get('*')!;
  return { total: { value: t.value, status: t.status }, rows };
}
