// SDG 10.7.1 worked examples, each computed by hand in the comments. The aggregates by corridor and sex, with small
// cells protected, are published by the labour-market capability (src/labour-market/protection-figures.test.ts).
import { describe, expect, it } from 'vitest';
import { DomainError } from '../kernel/errors.js';
import {
  ageGroup,
  educationBand,
  isKnownCurrency,
  monthEnd,
  RateTable,
  recruitmentCostMonths,
  type CostEntry,
} from './sdg.js';

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
  });
});
