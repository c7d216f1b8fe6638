import { describe, expect, it } from 'vitest';
import { syntheticSnapshot } from '../matching/testing.js';
import { disclosurePolicy } from './disclosure.js';
import { corridorView } from './corridor.js';
import {
  TableCache,
  checkQuery,
  crossTab,
  protectRaw,
  shortages,
  skillGaps,
  table,
  timeToFill,
  type Scope,
  type TableQuery,
} from './figures.js';
import { countedCitizenship } from './statistics.js';
import { modelOf, syntheticPopulation } from './testing.js';

const snapshot = syntheticSnapshot({ occupations: 60, skills: 400 });
const policy = disclosurePolicy();
const platform = { organisationId: null };

function fresh(seed = 5) {
  const population = syntheticPopulation(snapshot, { profiles: 6000, vacancies: 1500, seed });
  return { population, model: modelOf(snapshot, population) };
}

describe('tables', () => {
  const { population, model } = fresh();

  it('counts what the records say (true counts behind the protection)', () => {
    const raw = crossTab({ model }, { measure: 'supply', rows: 'sex' }, platform);
    const women = population.people.filter((p) => p.seeking && p.sex === 'female').length;
    expect(raw.counts[(raw.rows.find('female')! + 1) * raw.width]).toBe(women);
    expect(raw.population.count).toBe(population.people.filter((p) => p.seeking).length);
    const open = population.vacancies.filter((v) => v.open).length;
    expect(crossTab({ model }, { measure: 'demand', rows: 'country' }, platform).population.count).toBe(open);
  });

  it('publishes a drill-down whose total is the parent cell', () => {
    const majors = table({ model }, { measure: 'supply', rows: 'isco1' }, platform, policy);
    const seven = majors.rowCodes.indexOf('7');
    const drill = table({ model }, { measure: 'supply', rows: 'isco2', filters: { isco1: '7' } }, platform, policy);
    expect(drill.rowCodes.every((c) => c.startsWith('7'))).toBe(true);
    expect(drill.total).toEqual(majors.rowTotals[seven]);
  });

  it('refuses unknown dimensions, dimensions of the other population and bad codes with the parameter', () => {
    const err = (q: Partial<TableQuery>) => {
      try {
        checkQuery({ measure: 'supply', rows: 'sex', ...q } as TableQuery);
      } catch (e) {
        return { message: (e as Error).message, path: (e as { path?: string }).path };
      }
      return null;
    };
    expect(err({ rows: 'salary' as never })).toEqual({
      message: 'Unknown dimension "salary"',
      path: 'querystring.rows',
    });
    expect(err({ measure: 'demand', rows: 'sex' })).toEqual({
      message: 'sex does not apply to demand',
      path: 'querystring.rows',
    });
    expect(err({ filters: { sex: 'woman' } })?.path).toBe('querystring.filter.sex');
    expect(err({ filters: { nationality: 'MA' } as never })).toEqual({
      message: 'Unknown dimension "nationality"',
      path: 'querystring.filter.nationality',
    });
    expect(err({ cols: 'skill' })?.path).toBe('querystring.cols');
    expect(err({ limit: 0 })?.path).toBe('querystring.limit');
  });

  it('keeps cached tables current through writes, equal to a fresh scan', () => {
    const { population: pop, model: m } = fresh(8);
    const cache = new TableCache(m);
    const queries: TableQuery[] = [
      { measure: 'supply', rows: 'isco4', cols: 'sex' },
      { measure: 'supply', rows: 'skillGroup', cols: 'region', filters: { sex: 'female' } },
      { measure: 'supply', rows: 'skillCollection' },
      { measure: 'supply', rows: 'skill', filters: { skillCollection: 'transversal' } },
      { measure: 'demand', rows: 'isco2', cols: 'region', filters: { isco1: '7' } },
      { measure: 'supply', rows: 'originCountry', filters: { region: 'XX:NONE' } },
    ];
    for (const q of queries) cache.table(q, platform, policy);
    // Change people and vacancies: new values, removals, new records (some with new skills and regions).
    for (let i = 0; i < 400; i++) {
      const p = pop.people[i * 7]!;
      m.upsertJobSeeker({ ...p, sex: i % 2 ? 'female' : 'male', currentRegion: i % 3 ? p.currentRegion : 'NEW1' });
      if (i % 5 === 0) m.removeJobSeeker(pop.people[i * 11 + 1]!.id);
      if (i % 9 === 0) m.upsertJobSeeker({ ...p, id: `new-${i}`, skills: [...p.skills, `${p.skills[0]}x${i}`] });
      const v = pop.vacancies[i]!;
      m.upsertVacancy({ ...v, open: !v.open });
      if (i === 50) m.upsertJobSeeker({ ...p, id: 'in-none', currentCountry: 'XX', currentRegion: 'NONE' });
    }
    for (const q of queries) {
      expect(cache.table(q, platform, policy)).toEqual(protectRaw(crossTab({ model: m }, q, platform), q, policy));
    }
  });
});

describe('citizenship (ICLS 2018)', () => {
  it('counts a person under one citizenship: the country of residence when held, else the first; none = stateless', () => {
    expect(countedCitizenship(['MA', 'ES'], 'ES')).toBe('ES');
    expect(countedCitizenship(['MA', 'FR'], 'ES')).toBe('MA');
    expect(countedCitizenship([], 'ES')).toBe('stateless');
    expect(countedCitizenship(null, 'ES')).toBeNull();
  });

  it('disaggregates job seekers by citizenship under the same protection as every dimension', () => {
    const { population, model } = fresh(12);
    const q: TableQuery = { measure: 'supply', rows: 'isco1', cols: 'citizenship' };
    const raw = crossTab({ model }, q, platform);
    const seeking = population.people.filter((p) => p.seeking);
    const col = (code: string) => raw.colPop[raw.cols!.find(code)! + 1];
    expect(col('stateless')).toBe(seeking.filter((p) => p.citizenship === 'stateless').length);
    expect(col('stateless')).toBeGreaterThan(0);
    expect(raw.colPop[0]).toBe(seeking.filter((p) => p.citizenship === null).length);
    // Dual citizens living in the country of their second citizenship count under it.
    expect(col('ES')).toBe(seeking.filter((p) => p.citizenship === 'ES').length);
    expect(col('ES')).toBeGreaterThan(0);

    const published = table({ model }, q, platform, policy);
    const stateless = published.colCodes.indexOf('stateless');
    const cells = published.cells.map((row) => row[stateless]!);
    // Small cells are suppressed, and no row is left with a single suppressed cell its total would give away.
    expect(cells.some((c) => c.status === 'suppressed')).toBe(true);
    for (const row of published.cells) expect(row.filter((c) => c.status === 'suppressed').length).not.toBe(1);
    for (const c of [...published.cells.flat(), ...published.colTotals])
      if (c.status === 'shown') expect(c.value).toBeGreaterThanOrEqual(policy.k);
    const byCitizenship = table({ model }, { measure: 'supply', rows: 'citizenship' }, platform, policy);
    // The same records give the same published count whichever table reaches them.
    expect(published.colTotals[stateless]).toEqual(
      byCitizenship.rowTotals[byCitizenship.rowCodes.indexOf('stateless')],
    );
  });

  it('refuses a citizenship code it can never hold and citizenship for vacancies, naming the parameter', () => {
    const path = (q: TableQuery) => {
      try {
        checkQuery(q);
      } catch (e) {
        return (e as { path?: string }).path;
      }
      return null;
    };
    expect(path({ measure: 'supply', rows: 'isco1', filters: { citizenship: 'Stateless' } })).toBe(
      'querystring.filter.citizenship',
    );
    expect(path({ measure: 'demand', rows: 'isco1', cols: 'citizenship' })).toBe('querystring.cols');
    expect(path({ measure: 'supply', rows: 'isco1', filters: { citizenship: 'stateless' } })).toBeNull();
    expect(path({ measure: 'supply', rows: 'isco1', filters: { citizenship: 'unknown' } })).toBeNull();
  });

  it('filters by stateless and by not recorded as categories of their own, protected like any table', () => {
    const { population, model } = fresh(12);
    const seeking = population.people.filter((p) => p.seeking);
    for (const [code, want] of [
      ['stateless', 'stateless'],
      ['unknown', null],
    ] as const) {
      const q: TableQuery = { measure: 'supply', rows: 'isco1', filters: { citizenship: code } };
      expect(crossTab({ model }, q, platform).population.count).toBe(
        seeking.filter((p) => p.citizenship === want).length,
      );
      const published = table({ model }, q, platform, policy);
      // The filtered total is the same cell as the citizenship table's row: the same published value.
      const byCitizenship = table({ model }, { measure: 'supply', rows: 'citizenship' }, platform, policy);
      expect(published.total).toEqual(byCitizenship.rowTotals[byCitizenship.rowCodes.indexOf(code)]);
      for (const c of published.rowTotals) if (c.status === 'shown') expect(c.value).toBeGreaterThanOrEqual(policy.k);
    }
  });
});

describe('kept tables: roll-up and slot indexes', () => {
  it('rolls ISCO groups up from a kept unit-group table, equal to a scan, also through writes', () => {
    const { population: pop, model: m } = fresh(9);
    const cache = new TableCache(m);
    cache.warm();
    const org = { organisationId: pop.people[3]!.organisationId };
    const queries: [TableQuery, Scope][] = [
      [{ measure: 'supply', rows: 'isco1' }, platform],
      [{ measure: 'supply', rows: 'isco1', cols: 'sex' }, platform],
      [{ measure: 'supply', rows: 'isco2', filters: { isco1: '7' } }, platform],
      [{ measure: 'supply', rows: 'isco3', cols: 'ageGroup', filters: { isco1: '2', country: 'ES' } }, org],
      [{ measure: 'demand', rows: 'isco4', filters: { isco2: '51', region: 'ES:ES30' } }, platform],
      [{ measure: 'supply', rows: 'isco2', filters: { isco2: '99' } }, platform],
    ];
    const check = () => {
      for (const [q, scope] of queries) {
        expect(cache.table(q, scope, policy)).toEqual(protectRaw(crossTab({ model: m }, q, scope), q, policy));
      }
    };
    check();
    for (let i = 0; i < 300; i++) {
      const p = pop.people[i * 13]!;
      m.upsertJobSeeker({ ...p, occupationUri: pop.people[i]!.occupationUri, sex: i % 2 ? 'female' : 'male' });
      m.upsertVacancy({ ...pop.vacancies[i]!, open: !pop.vacancies[i]!.open });
    }
    check();
  });

  it("reads an organisation's or a country's rows, counting a record that moved away and back once", () => {
    const { population: pop, model: m } = fresh(10);
    const a = pop.people[0]!.organisationId;
    const b = pop.people.find((p) => p.organisationId !== a)!.organisationId;
    const moved = pop.people.filter((p) => p.organisationId === a).slice(0, 50);
    for (const p of moved) m.upsertJobSeeker({ ...p, organisationId: b, currentCountry: 'FR', currentRegion: '' });
    for (const p of moved.slice(0, 20)) m.upsertJobSeeker(p);
    const now = new Map(pop.people.map((p) => [p.id, p]));
    for (const p of moved.slice(20))
      now.set(p.id, { ...p, organisationId: b, currentCountry: 'FR', currentRegion: '' });
    const truth = (orgId: string | null, country: string) =>
      [...now.values()].filter(
        (p) => p.seeking && (orgId === null || p.organisationId === orgId) && p.currentCountry === country,
      ).length;
    for (const orgId of [a, b, null]) {
      for (const country of ['ES', 'FR']) {
        const raw = crossTab(
          { model: m },
          { measure: 'supply', rows: 'sex', filters: { country } },
          { organisationId: orgId },
        );
        expect(raw.population.count).toBe(truth(orgId, country));
      }
      const all = crossTab({ model: m }, { measure: 'supply', rows: 'sex' }, { organisationId: orgId });
      expect(all.population.count).toBe(
        [...now.values()].filter((p) => p.seeking && (orgId === null || p.organisationId === orgId)).length,
      );
    }
  });
});

describe('shortages, skill gaps, time to fill', () => {
  const { population, model } = fresh();

  it('calls an occupation short when published demand exceeds published supply', () => {
    const rows = shortages({ model }, 'isco4', {}, platform, policy);
    expect(rows.length).toBeGreaterThan(3);
    for (const r of rows) {
      if (r.assessment === 'shortage') {
        expect(r.demand.status).toBe('shown');
        expect(r.ratio === null ? r.supply.status : r.ratio < 1).toBe(r.ratio === null ? 'zero' : true);
      }
      if (r.ratio !== null) expect(r.ratio).toBeCloseTo(r.supply.value! / r.demand.value!, 2);
    }
  });

  it('compares the skills demanded with the skills held, from published shares', () => {
    const gaps = skillGaps({ model }, 'skillCollection', {}, platform, policy);
    expect(gaps.rows.length).toBeGreaterThan(0);
    for (const g of gaps.rows) {
      if (g.gap !== null) expect(g.gap).toBeCloseTo(g.demandedShare! - g.heldShare!, 1);
    }
  });

  it('takes held and demanded from the skill tables as published, at every level, cached or not', () => {
    const tables = new TableCache(model);
    tables.warm(); // skill groups and collections by country and by region: a place's question reads a column
    const someone = population.people.find((p) => p.seeking && p.currentRegion)!;
    const region = `${someone.currentCountry}:${someone.currentRegion}`;
    const places = [{}, { country: 'ES' }, { country: someone.currentCountry }, { region }, { country: 'ZZ' }];
    for (const level of ['skill', 'skillGroup', 'skillCollection'] as const) {
      for (const filters of places) {
        const q = (measure: 'supply' | 'demand'): TableQuery => ({ measure, rows: level, filters, limit: 500 });
        const supply = table({ model }, q('supply'), platform, policy);
        const demand = table({ model }, q('demand'), platform, policy);
        const held = new Map(supply.rowCodes.map((c, i) => [c, supply.rowTotals[i]]));
        const demanded = new Map(demand.rowCodes.map((c, i) => [c, demand.rowTotals[i]]));
        for (const ctx of [{ model }, { model, tables }]) {
          const gaps = skillGaps(ctx, level, filters, platform, policy, 10_000);
          expect(gaps.jobSeekers).toEqual(supply.total);
          expect(gaps.vacancies).toEqual(demand.total);
          // Every skill demanded, each with the published values of both tables (zero where nobody holds it).
          expect(gaps.rows.map((g) => g.code).sort()).toEqual([...demanded.keys()].sort());
          for (const g of gaps.rows) {
            expect(g.demanded).toEqual(demanded.get(g.code));
            expect(g.held).toEqual(held.get(g.code) ?? { value: 0, status: 'zero' });
          }
        }
      }
    }
    tables.dispose();
  });

  it('gives median and mean days to fill of closed vacancies, withheld under k', () => {
    const rows = timeToFill({ model }, 'isco1', {}, platform, policy);
    const closed = population.vacancies.filter((v) => !v.open);
    expect(rows.reduce((n, r) => n + (r.count.value ?? 0), 0)).toBeGreaterThan(closed.length * 0.8);
    for (const r of rows) {
      if (r.count.status === 'suppressed') expect(r.medianDays).toBeNull();
      if (r.medianDays !== null) expect(r.medianDays).toBeGreaterThanOrEqual(6);
    }
  });
});

describe('corridor view', () => {
  const { population, model } = fresh();

  it('counts the origin pool in shortage occupations of the destination and one training offer away', () => {
    const view = corridorView(
      model,
      { origin: 'MA', destination: 'ES', officialShortages: [{ isco: '72', title: 'Metal workers' }], training: [] },
      platform,
      policy,
    );
    const pool = population.people.filter((p) => p.seeking && p.originCountry === 'MA').length;
    expect(Math.abs(view.pool.total.value! - pool)).toBeLessThanOrEqual(10);
    const official = view.occupations.find((o) => o.isco === '72')!;
    expect(official.sources).toContain('official-list');
    const metal = population.people.filter(
      (p) =>
        p.seeking && p.originCountry === 'MA' && snapshot.occupations.get(p.occupationUri ?? '')?.isco.startsWith('72'),
    ).length;
    expect(Math.abs((official.covered.total.value ?? 0) - metal)).toBeLessThanOrEqual(10);
    // No training offers: nobody is one offer away.
    expect(view.occupations.every((o) => o.oneTrainingAway.total.status === 'zero')).toBe(true);
  });

  it('finds people one training offer away when an offer teaches what they miss', () => {
    const essential = (uri: string) =>
      snapshot.occupationSkills
        .filter((r) => r.occupationUri === uri && r.relation === 'essential')
        .map((r) => r.skillUri);
    const metalOccupations = [...snapshot.occupations.values()].filter((o) => o.isco.startsWith('72'));
    const training = metalOccupations.map((o, i) => ({ id: `t${i}`, skills: essential(o.uri) }));
    const view = corridorView(
      model,
      { origin: 'MA', destination: 'ES', officialShortages: [{ isco: '72', title: null }], training },
      platform,
      policy,
    );
    const official = view.occupations.find((o) => o.isco === '72')!;
    expect(official.oneTrainingAway.total.status).not.toBe('zero');
  });
});
