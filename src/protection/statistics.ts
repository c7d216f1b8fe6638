// Protection statistics: only aggregates, only of people whose consent to anonymised statistics is in force, and
// only through a statistical-disclosure step that suppresses small cells. The step is a parameter: the labour-market
// capability owns the real one (issue #13); `interimDisclosure` below stands in until it is merged.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { FieldCipher } from '../shared/crypto.js';
import { openScreening } from './sealed.js';
import { ALERTS, FACTORS, LEVELS } from './screening.js';
import {
  ageGroup,
  aggregateRecruitmentCosts,
  cellKey,
  educationBand,
  recruitmentCostMonths,
  type CellCount,
  type Dimension,
  type DisclosureStep,
  type WorkerIndicator,
} from './sdg.js';
import { costOf, loadRates, toFee } from './store.js';

type Db = Kysely<Database>;

/**
 * Interim disclosure control: a cell counting 1 to `minCell` − 1 people is suppressed (zero reveals nobody); when a dimension would then
 * have exactly one suppressed cell, its next-smallest cell is suppressed too, so the hidden one cannot be derived
 * from the total. Replace with the labour-market capability's control once it is merged.
 */
export function interimDisclosure(minCell: number): DisclosureStep {
  return (cells: readonly CellCount[]) => {
    const hidden = new Set<string>();
    const byDimension = new Map<string, CellCount[]>();
    for (const c of cells) {
      if (c.count > 0 && c.count < minCell) hidden.add(cellKey(c));
      const list = byDimension.get(c.dimension) ?? [];
      list.push(c);
      byDimension.set(c.dimension, list);
    }
    for (const list of byDimension.values()) {
      const suppressed = list.filter((c) => hidden.has(cellKey(c)));
      if (suppressed.length !== 1 || list.length < 2) continue;
      const next = list
        .filter((c) => !hidden.has(cellKey(c)))
        .sort((a, b) => a.count - b.count || a.group.localeCompare(b.group))[0];
      if (next) hidden.add(cellKey(next));
    }
    return hidden;
  };
}

const consented = sql<boolean>`exists (select 1 from consent c where c.migrant_id = p.id
  and c.purpose = 'anonymised_statistics' and c.withdrawn_at is null)`;

/**
 * The indicator of every worker who may be counted: earnings recorded, consent in force, every cost convertible.
 * Workers whose costs lack a rate are left out and counted in `unconvertible`.
 */
export async function workerIndicators(db: Db): Promise<{ workers: WorkerIndicator[]; unconvertible: number }> {
  const people = await db
    .selectFrom('protection_earnings as e')
    .innerJoin('profile as p', 'p.id', 'e.migrant_id')
    .select(['e.migrant_id', 'e.month', 'e.amount', 'e.currency', 'e.country'])
    .select(['p.origin_country', 'p.sex', 'p.birth_year', 'p.highest_isced'])
    .select((eb) => [
      eb
        .selectFrom('protection_outcome as o')
        .select('o.isco')
        .whereRef('o.migrant_id', '=', 'e.migrant_id')
        .where('o.kind', '=', 'employed')
        .orderBy('o.occurred_on', 'desc')
        .limit(1)
        .as('isco'),
      eb
        .selectFrom('protection_outcome as o')
        .select('o.sector')
        .whereRef('o.migrant_id', '=', 'e.migrant_id')
        .where('o.kind', '=', 'employed')
        .orderBy('o.occurred_on', 'desc')
        .limit(1)
        .as('sector'),
    ])
    .where('p.erased_at', 'is', null)
    .where(consented)
    .execute();
  if (people.length === 0) return { workers: [], unconvertible: 0 };
  const [rates, fees] = await Promise.all([
    loadRates(db),
    db
      .selectFrom('protection_fee')
      .selectAll()
      .where(
        'migrant_id',
        'in',
        people.map((p) => p.migrant_id),
      )
      .execute(),
  ]);
  const feesOf = new Map<string, ReturnType<typeof toFee>[]>();
  for (const f of fees) {
    const list = feesOf.get(f.migrant_id) ?? [];
    list.push(toFee(f));
    feesOf.set(f.migrant_id, list);
  }
  const workers: WorkerIndicator[] = [];
  let unconvertible = 0;
  for (const p of people) {
    let months: number;
    try {
      months = recruitmentCostMonths(
        (feesOf.get(p.migrant_id) ?? []).map(costOf),
        {
          amount: Number(p.amount),
          currency: p.currency,
          month: p.month,
        },
        rates,
      ).months;
    } catch {
      unconvertible++;
      continue;
    }
    workers.push({
      months,
      groups: {
        corridor: `${p.origin_country}-${p.country}`,
        sex: p.sex,
        ageGroup: ageGroup(p.birth_year, Number(p.month.slice(0, 4))),
        education: educationBand(p.highest_isced),
        occupation: p.isco ? p.isco.slice(0, 1) : 'unknown',
        sector: p.sector ?? 'unknown',
      },
    });
  }
  return { workers, unconvertible };
}

export async function recruitmentCostStatistics(db: Db, dimensions: readonly Dimension[], protect: DisclosureStep) {
  const { workers } = await workerIndicators(db);
  const cells = aggregateRecruitmentCosts(workers, dimensions, protect);
  // The total is a cell like the others: too few workers overall, and even it is not published.
  return { workers: cells.find((c) => c.dimension === 'all')?.count ?? 0, cells };
}

/**
 * How many consenting people's latest screening records each factor (by level) and each alert. Counts of people,
 * through the disclosure step; answers never leave this function.
 */
export async function vulnerabilityStatistics(db: Db, cipher: FieldCipher, protect: DisclosureStep) {
  const rows = await db
    .selectFrom('protection_screening as s')
    .innerJoin('profile as p', 'p.id', 's.migrant_id')
    .select(['s.id', 's.migrant_id', 's.sealed', 's.screened_on', 's.created_at'])
    .where('p.erased_at', 'is', null)
    .where(consented)
    .orderBy('s.migrant_id')
    .orderBy('s.screened_on', 'desc')
    .orderBy('s.created_at', 'desc')
    .execute();
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!latest.has(r.migrant_id)) latest.set(r.migrant_id, r);
  const counts = new Map<string, CellCount>();
  const bump = (dimension: string, group: string) => {
    const key = cellKey({ dimension, group });
    const c = counts.get(key) ?? { dimension: dimension as CellCount['dimension'], group, count: 0 };
    c.count++;
    counts.set(key, c);
  };
  // Every group appears, zero or not, so a suppressed cell is not given away by its absence.
  for (const level of LEVELS)
    for (const f of FACTORS.filter((x) => x !== 'neither'))
      counts.set(cellKey({ dimension: level, group: f }), {
        dimension: level as CellCount['dimension'],
        group: f,
        count: 0,
      });
  for (const a of ALERTS)
    counts.set(cellKey({ dimension: 'alert', group: a }), {
      dimension: 'alert' as CellCount['dimension'],
      group: a,
      count: 0,
    });
  for (const r of latest.values()) {
    const s = openScreening(cipher, r.id, r.sealed);
    const seen = new Set<string>();
    for (const a of s.answers) {
      if (a.factor === 'neither') continue;
      const key = `${a.level}:${a.factor}`;
      if (seen.has(key)) continue;
      seen.add(key);
      bump(a.level, a.factor);
    }
    for (const alert of s.alerts) bump('alert', alert);
  }
  const total: CellCount = { dimension: 'all', group: 'all', count: latest.size };
  const cells = [total, ...counts.values()];
  const hidden = protect(cells);
  return {
    people: hidden.has(cellKey(total)) ? null : latest.size,
    cells: cells.map((c) => {
      const suppressed = hidden.has(cellKey(c));
      return { dimension: c.dimension, group: c.group, count: suppressed ? null : c.count, suppressed };
    }),
  };
}
