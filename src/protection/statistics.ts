// What protection gives the labour-market statistics: records, never figures. The labour-market capability counts
// them (its counting rule) and publishes them through its disclosure control, the one every published figure goes
// through (src/labour-market/protection-figures.ts, outcomes.ts define the services). Protection publishes no
// aggregate of its own; the dependency goes one way (protection → labour-market's public interfaces).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type {
  PlacementSource,
  RecruitmentCostRecord,
  RecruitmentCostSource,
  ScreeningSource,
} from '../labour-market/domain.js';
import { Opener } from './sealed.js';
import { ALERTS, FACTORS, LEVELS } from './screening.js';
import { ageGroup, educationBand, recruitmentCostMonths } from './sdg.js';
import { costOf, loadRates, toFee } from './store.js';

type Db = Kysely<Database>;

// Consent is checked here too, so nobody's screening is decrypted who could not be counted anyway.
const consented = sql<boolean>`exists (select 1 from consent c where c.migrant_id = p.id
  and c.purpose = 'anonymised_statistics' and c.withdrawn_at is null)`;

/** The indicator of every consenting worker with earnings whose every cost converts (others cannot be counted). */
async function workers(db: Db): Promise<RecruitmentCostRecord[]> {
  const people = await db
    .selectFrom('protection_earnings as e')
    .innerJoin('profile as p', 'p.id', 'e.migrant_id')
    .select(['e.migrant_id', 'e.month', 'e.amount', 'e.currency', 'e.country'])
    .select(['p.organisation_id', 'p.origin_country', 'p.sex', 'p.birth_year', 'p.highest_isced'])
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
  if (people.length === 0) return [];
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
  const out: RecruitmentCostRecord[] = [];
  for (const p of people) {
    let months: number;
    try {
      months = recruitmentCostMonths(
        (feesOf.get(p.migrant_id) ?? []).map(costOf),
        { amount: Number(p.amount), currency: p.currency, month: p.month },
        rates,
      ).months;
    } catch {
      continue; // a cost without a rate: the indicator is unknown, never guessed
    }
    out.push({
      personId: p.migrant_id,
      organisationId: p.organisation_id,
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
  return out;
}

export const recruitmentCostSource: RecruitmentCostSource = { workers };

/** Every factor group and alert a screening can record: `individual:risk`, …, `alert:trafficking`. */
const SCREENING_GROUPS = [
  ...LEVELS.flatMap((level) => FACTORS.filter((f) => f !== 'neither').map((f) => `${level}:${f}`)),
  ...ALERTS.map((a) => `alert:${a}`),
];

/** The latest screening of each consenting person who counts, as factor groups; answers never leave this function. */
export const screeningSource: ScreeningSource = {
  groups: SCREENING_GROUPS,
  async people(db, cipher, counted) {
    const rows = await db
      .selectFrom('protection_screening as s')
      .innerJoin('profile as p', 'p.id', 's.migrant_id')
      .select(['s.id', 's.migrant_id', 's.sealed', 'p.organisation_id'])
      .where('p.erased_at', 'is', null)
      .where(consented)
      .orderBy('s.migrant_id')
      .orderBy('s.screened_on', 'desc')
      .orderBy('s.created_at', 'desc')
      .execute();
    const latest = new Map<string, (typeof rows)[number]>();
    for (const r of rows) if (!latest.has(r.migrant_id)) latest.set(r.migrant_id, r);
    const who = await counted([...latest.keys()]);
    const opener = await Opener.of(db, cipher, [...who]);
    return [...latest.values()]
      .filter((r) => who.has(r.migrant_id))
      .map((r) => {
        const s = opener.screening(r.migrant_id, r.id, r.sealed);
        const groups = new Set<string>();
        for (const a of s.answers) if (a.factor !== 'neither') groups.add(`${a.level}:${a.factor}`);
        for (const alert of s.alerts) groups.add(`alert:${alert}`);
        return { personId: r.migrant_id, organisationId: r.organisation_id, groups: [...groups] };
      });
  },
};

/** Employed outcomes are placements: the person, the job's occupation, registration and start dates. */
export const placementSource: PlacementSource = {
  async placements(db, range) {
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const rows = await db
      .selectFrom('protection_outcome as o')
      .innerJoin('profile as p', 'p.id', 'o.migrant_id')
      .select(['o.migrant_id', 'o.occupation_uri', 'o.isco', 'o.occurred_on', 'p.organisation_id', 'p.created_at'])
      .where('o.kind', '=', 'employed')
      .where('o.occurred_on', '>=', day(range.from))
      .where('o.occurred_on', '<', day(range.to))
      .where('p.erased_at', 'is', null)
      .execute();
    return rows.map((r) => ({
      personId: r.migrant_id,
      organisationId: r.organisation_id,
      occupationUri: r.occupation_uri,
      isco: r.isco,
      registeredAt: new Date(r.created_at),
      placedAt: new Date(`${r.occurred_on}T00:00:00Z`),
    }));
  },
};
