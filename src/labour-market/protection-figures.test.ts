// SDG 10.7.1 aggregates through the disclosure control: mean, median and 80th percentile computed by hand, published
// within the documented noise; small cells and the cell that would give them away hidden; the same cell always the
// same; a stricter k hides more.
import { describe, expect, it } from 'vitest';
import { disclosurePolicy } from './disclosure.js';
import { recruitmentCostFigures, type CostCellAnswer, type RecruitmentCostRecord } from './protection-figures.js';

let n = 0;
const worker = (months: number, corridor: string, sex: string): RecruitmentCostRecord => ({
  personId: `person-${n++}`,
  organisationId: 'org',
  months,
  groups: { corridor, sex, ageGroup: '25-34', education: 'medium', occupation: '9', sector: 'I' },
});
const workers = [
  ...[0, 0.5, 1, 1.5, 2].map((m) => worker(m, 'MA-ES', 'female')),
  ...[1, 1, 1, 1, 1, 4].map((m) => worker(m, 'MA-ES', 'male')),
  ...[2, 2, 2, 2, 2].map((m) => worker(m, 'SN-ES', 'male')),
  ...[3, 5].map((m) => worker(m, 'PH-ES', 'female')),
];
const SALT = 'test-salt';
const policy = disclosurePolicy();

/** A published statistic is the true one × (1 ± 5 %), rounded to hundredths. */
function near(published: number | null, truth: number) {
  expect(published).not.toBeNull();
  expect(Math.abs(published! - truth)).toBeLessThanOrEqual(truth * 0.05 + 0.005);
}

describe('SDG 10.7.1 aggregates through the disclosure control', () => {
  const cells = recruitmentCostFigures(workers, ['corridor', 'sex'], SALT, policy);
  const cell = (dimension: string, group: string): CostCellAnswer =>
    cells.find((c) => c.dimension === dimension && c.group === group)!;

  it('gives mean, median and 80th percentile by corridor and sex, within the published noise', () => {
    // MA-ES, 11 workers sorted 0, 0.5, 1, 1, 1, 1, 1, 1, 1.5, 2, 4: sum 14, mean 14/11 ≈ 1.27; median the 6th = 1;
    // 80th percentile h = 10 × 0.8 = 8 → the 9th = 1.5.
    const ma = cell('corridor', 'MA-ES');
    expect(ma.workers.status).toBe('shown');
    expect(Math.abs(ma.workers.value! - 11)).toBeLessThanOrEqual(6);
    near(ma.mean, 14 / 11);
    near(ma.median, 1);
    near(ma.p80, 1.5);
    // Women: 0, 0.5, 1, 1.5, 2, 3, 5 — sum 13, mean 13/7, median 1.5, h = 6 × 0.8 = 4.8 → 2 + 0.8 × (3 − 2) = 2.8.
    const women = cell('sex', 'female');
    near(women.mean, 13 / 7);
    near(women.median, 1.5);
    near(women.p80, 2.8);
    // Men: 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 4 — sum 19, mean 19/11, median the 6th = 2, h = 8 → the 9th = 2.
    const men = cell('sex', 'male');
    near(men.mean, 19 / 11);
    near(men.median, 2);
    near(men.p80, 2);
    expect(cell('all', 'all').workers.status).toBe('shown');
    expect(cells[0]!.dimension).toBe('all');
  });

  it('hides a small cell and the one that would give it away, statistics included', () => {
    // PH-ES counts 2 (< k = 5): suppressed. Alone in its line it could be derived from the total, so the next
    // smallest (SN-ES, 5) goes too.
    expect(cell('corridor', 'PH-ES')).toMatchObject({
      workers: { value: null, status: 'suppressed' },
      mean: null,
      median: null,
      p80: null,
      withheld: 'too-few',
    });
    expect(cell('corridor', 'SN-ES')).toMatchObject({ workers: { status: 'suppressed' }, mean: null });
  });

  it('publishes a cell exactly at k without noise below k, and never a count under k', () => {
    for (const c of cells) if (c.workers.status === 'shown') expect(c.workers.value!).toBeGreaterThanOrEqual(5);
  });

  it('answers the same cell the same way, whatever the order or the other dimensions asked', () => {
    const reordered = recruitmentCostFigures([...workers].reverse(), ['sex', 'corridor'], SALT, policy);
    const again = (d: string, g: string) => reordered.find((c) => c.dimension === d && c.group === g);
    expect(again('corridor', 'MA-ES')).toEqual(cell('corridor', 'MA-ES'));
    expect(again('sex', 'female')).toEqual(cell('sex', 'female'));
    const bySexOnly = recruitmentCostFigures(workers, ['sex'], SALT, policy);
    expect(bySexOnly.find((c) => c.dimension === 'all')).toEqual(cell('all', 'all'));
  });

  it('publishes nothing when even the total is too small, and hides more under a stricter k', () => {
    const few = recruitmentCostFigures(workers.slice(0, 4), ['sex'], SALT, policy);
    expect(few.every((c) => c.workers.status === 'suppressed' && c.mean === null)).toBe(true);
    const strict = recruitmentCostFigures(workers, ['corridor', 'sex'], SALT, disclosurePolicy({ k: 12 }));
    expect(strict.filter((c) => c.workers.status === 'shown').map((c) => `${c.dimension}:${c.group}`)).toEqual([
      'all:all',
    ]);
  });

  it('withholds the mean of a cell one worker dominates', () => {
    const dominated = [0, 0, 0, 0, 0, 10].map((m) => worker(m, 'NP-QA', 'male'));
    const out = recruitmentCostFigures(dominated, ['corridor'], SALT, policy);
    expect(out.find((c) => c.group === 'NP-QA')).toMatchObject({ mean: null, withheld: 'dominated' });
  });

  it('shows zero costs as zero: what fair recruitment asks', () => {
    const fair = [0, 0, 0, 0, 0, 0].map((m) => worker(m, 'PH-QA', 'female'));
    const out = recruitmentCostFigures(fair, ['corridor'], SALT, policy);
    expect(out.find((c) => c.group === 'PH-QA')).toMatchObject({ mean: 0, median: 0, p80: 0 });
  });
});
