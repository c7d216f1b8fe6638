// SDG 10.7.1 worked examples, each computed by hand in the comments, and the aggregates by corridor and sex with
// small cells protected.
import { describe, expect, it } from 'vitest';
import { DomainError } from '../kernel/errors.js';
import {
  aggregateRecruitmentCosts,
  ageGroup,
  educationBand,
  isKnownCurrency,
  monthEnd,
  quantile,
  RateTable,
  recruitmentCostMonths,
  type CostEntry,
  type WorkerIndicator,
} from './sdg.js';
import { interimDisclosure } from './statistics.js';

// Units per US dollar, each from its date until the next one of the currency.
const rates = new RateTable([
  { currency: 'EUR', validOn: '2024-01-01', perUsd: 0.9 },
  { currency: 'EUR', validOn: '2025-01-01', perUsd: 0.8 },
  { currency: 'MAD', validOn: '2024-01-01', perUsd: 10 },
  { currency: 'PHP', validOn: '2024-06-01', perUsd: 50 },
]);
const cost = (amount: number, currency: string, paidOn: string, loanInterest = 0): CostEntry => ({
  amount,
  currency,
  paidOn,
  loanInterest,
});

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('SDG 10.7.1: recruitment cost in months of earnings', () => {
  it('adds costs paid in several currencies, each at the rate of its own day', () => {
    // 2,000 MAD on 10 March 2024 at 10/USD = 200 USD; 90 EUR on 1 April 2024 at 0.90 = 100 USD;
    // 4,000 PHP on 1 July 2024 at 50 = 80 USD. Together 380 USD.
    // Earnings 1,200 EUR for February 2025, at the rate in force on 28 February 2025 (0.80) = 1,500 USD.
    // 380 / 1,500 = 0.25333… months; in euros the costs are 380 × 0.80 = 304 EUR (304 / 1,200 is the same ratio).
    const r = recruitmentCostMonths(
      [cost(2000, 'MAD', '2024-03-10'), cost(90, 'EUR', '2024-04-01'), cost(4000, 'PHP', '2024-07-01')],
      { amount: 1200, currency: 'EUR', month: '2025-02' },
      rates,
    );
    expect(r.months).toBeCloseTo(380 / 1500, 10);
    expect(r.costs).toBeCloseTo(304, 10);
    expect(r.currency).toBe('EUR');
    expect(r.earnings).toBe(1200);
  });

  it('is zero when the worker paid nothing (no cost, or costs of zero)', () => {
    const earnings = { amount: 1500, currency: 'EUR', month: '2025-03' };
    expect(recruitmentCostMonths([], earnings, rates)).toMatchObject({ months: 0, costs: 0 });
    expect(recruitmentCostMonths([cost(0, 'EUR', '2025-01-15')], earnings, rates).months).toBe(0);
  });

  it('counts the interest of a loan taken to pay the costs', () => {
    // 5,000 MAD fee + 1,000 MAD interest = 6,000 MAD = 600 USD; earnings 1,500 USD (September 2024): 0.4 months.
    const r = recruitmentCostMonths(
      [cost(5000, 'MAD', '2024-05-01', 1000)],
      { amount: 1500, currency: 'USD', month: '2024-09' },
      rates,
    );
    expect(r.months).toBeCloseTo(0.4, 12);
    expect(r.costs).toBeCloseTo(600, 10);
  });

  it('converts a cost paid on the day a new rate starts at that new rate', () => {
    // 80 EUR on 1 January 2025 at 0.80 = 100 USD; earnings 500 USD: 0.2 (at the old rate it would be 0.1778).
    const r = recruitmentCostMonths(
      [cost(80, 'EUR', '2025-01-01')],
      { amount: 500, currency: 'USD', month: '2025-01' },
      rates,
    );
    expect(r.months).toBeCloseTo(0.2, 12);
  });

  it('refuses zero earnings and a cost no rate covers, naming the field', () => {
    const zero = refusal(() => recruitmentCostMonths([], { amount: 0, currency: 'EUR', month: '2025-01' }, rates));
    expect(zero).toMatchObject({ kind: 'invalid', path: 'earnings.amount' });
    // PHP rates start on 1 June 2024: a payment in January has none.
    const early = refusal(() =>
      recruitmentCostMonths(
        [cost(10, 'EUR', '2024-02-01'), cost(1000, 'PHP', '2024-01-15')],
        { amount: 1000, currency: 'EUR', month: '2024-09' },
        rates,
      ),
    );
    expect(early).toMatchObject({ code: 'no_rate', path: 'costs.1.currency' });
    expect(early.message).toContain('PHP on or before 2024-01-15');
  });

  it('knows ISO 4217 currencies from the runtime and ends months on their last day', () => {
    expect(isKnownCurrency('MAD')).toBe(true);
    expect(isKnownCurrency('XOF')).toBe(true);
    expect(isKnownCurrency('XYZ')).toBe(false);
    expect(monthEnd('2024-02')).toBe('2024-02-29');
    expect(monthEnd('2025-02')).toBe('2025-02-28');
    expect(monthEnd('2025-12')).toBe('2025-12-31');
  });

  it('groups age, education and quantiles as documented', () => {
    expect(ageGroup(2000, 2025)).toBe('25-34');
    expect(ageGroup(2001, 2025)).toBe('15-24');
    expect(ageGroup(null, 2025)).toBe('unknown');
    expect(educationBand(2)).toBe('low');
    expect(educationBand(4)).toBe('medium');
    expect(educationBand(5)).toBe('high');
    // h = (5 − 1) × 0.8 = 3.2: 1.5 + 0.2 × (2 − 1.5) = 1.6
    expect(quantile([0, 0.5, 1, 1.5, 2], 0.8)).toBeCloseTo(1.6, 12);
  });
});

describe('SDG 10.7.1 aggregates', () => {
  const worker = (months: number, corridor: string, sex: string): WorkerIndicator => ({
    months,
    groups: { corridor, sex, ageGroup: '25-34', education: 'medium', occupation: '9', sector: 'I' },
  });
  const workers = [
    ...[0, 0.5, 1, 1.5, 2].map((m) => worker(m, 'MA-ES', 'female')),
    ...[1, 1, 1, 1, 1, 4].map((m) => worker(m, 'MA-ES', 'male')),
    ...[2, 2, 2, 2, 2].map((m) => worker(m, 'SN-ES', 'male')),
    ...[3, 5].map((m) => worker(m, 'PH-ES', 'female')),
  ];

  it('gives mean, median and 80th percentile by corridor and sex, hiding small cells and what would reveal them', () => {
    const cells = aggregateRecruitmentCosts(workers, ['corridor', 'sex'], interimDisclosure(5));
    const cell = (dimension: string, group: string) =>
      cells.find((c) => c.dimension === dimension && c.group === group)!;

    // MA-ES, 11 workers sorted 0, 0.5, 1, 1, 1, 1, 1, 1, 1.5, 2, 4: sum 14, mean 14/11; median the 6th = 1;
    // 80th percentile h = 10 × 0.8 = 8 → the 9th = 1.5.
    expect(cell('corridor', 'MA-ES')).toMatchObject({ count: 11, median: 1, q4: 1.5, suppressed: false });
    expect(cell('corridor', 'MA-ES').mean).toBeCloseTo(14 / 11, 12);
    // PH-ES counts 2 (< 5): suppressed. Alone it could be derived from the total, so the next smallest (SN-ES, 5) goes too.
    expect(cell('corridor', 'PH-ES')).toEqual({
      dimension: 'corridor',
      group: 'PH-ES',
      count: 0,
      mean: null,
      median: null,
      q4: null,
      suppressed: true,
    });
    expect(cell('corridor', 'SN-ES')).toMatchObject({ suppressed: true, mean: null });

    // Women: 0, 0.5, 1, 1.5, 2, 3, 5 — sum 13, mean 13/7, median 1.5, h = 6 × 0.8 = 4.8 → 2 + 0.8 × (3 − 2) = 2.8.
    expect(cell('sex', 'female')).toMatchObject({ count: 7, median: 1.5, suppressed: false });
    expect(cell('sex', 'female').mean).toBeCloseTo(13 / 7, 12);
    expect(cell('sex', 'female').q4).toBeCloseTo(2.8, 12);
    // Men: 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 4 — sum 19, mean 19/11, median the 6th = 2, h = 8 → the 9th = 2.
    expect(cell('sex', 'male')).toMatchObject({ count: 11, median: 2, q4: 2, suppressed: false });
    expect(cell('sex', 'male').mean).toBeCloseTo(19 / 11, 12);
    expect(cell('all', 'all')).toMatchObject({ count: 18, suppressed: false });
  });

  it('publishes nothing at all when even the total is too small', () => {
    const cells = aggregateRecruitmentCosts(workers.slice(0, 4), ['sex'], interimDisclosure(5));
    expect(cells.every((c) => c.suppressed && c.mean === null)).toBe(true);
  });

  it('takes the disclosure step as a parameter: a stricter one hides more', () => {
    const strict = aggregateRecruitmentCosts(workers, ['corridor', 'sex'], interimDisclosure(12));
    expect(strict.filter((c) => !c.suppressed).map((c) => `${c.dimension}:${c.group}`)).toEqual(['all:all']);
  });
});
