// SDG indicator 10.7.1, per the ILO–World Bank method: the recruitment costs a worker (or their family) paid, as a
// multiple of the worker's first full month's earnings in the country of destination. Pure functions: the store
// gives the costs, the earnings and the exchange rates; this file computes and aggregates.
import { invalid } from '../kernel/errors.js';

/** Cost categories of the ILO–World Bank recruitment-cost surveys. */
export const COST_CATEGORIES = [
  'recruitment-fee',
  'visa-work-permit',
  'medical',
  'pre-departure-training',
  'transport',
  'documents',
  'accommodation',
  'wage-deduction',
  'other',
] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];

export interface CostEntry {
  amount: number;
  currency: string;
  /** YYYY-MM-DD. */
  paidOn: string;
  /** Interest paid on money borrowed to pay this cost, same currency; 0 when no loan. */
  loanInterest: number;
}

export interface MonthlyEarnings {
  /** After taxes and social contributions, with overtime and bonuses. */
  amount: number;
  currency: string;
  /** YYYY-MM: the first full month worked in the destination. */
  month: string;
}

export interface ExchangeRate {
  currency: string;
  /** YYYY-MM-DD: the rate holds from this day until the next one of the currency. */
  validOn: string;
  /** Units of the currency for one US dollar. */
  perUsd: number;
}

/** ISO 4217 codes the runtime knows (Intl), so "unknown currency" does not depend on a hand-kept list. */
const ISO_CURRENCIES = new Set<string>(Intl.supportedValuesOf('currency'));

export function isKnownCurrency(code: string): boolean {
  return code === 'USD' || ISO_CURRENCIES.has(code);
}

/** Dated exchange rates: each amount converts at the latest rate of its currency on or before its date. */
export class RateTable {
  private readonly byCurrency = new Map<string, ExchangeRate[]>();

  constructor(rates: readonly ExchangeRate[]) {
    for (const r of rates) {
      const list = this.byCurrency.get(r.currency) ?? [];
      list.push(r);
      this.byCurrency.set(r.currency, list);
    }
    for (const list of this.byCurrency.values()) list.sort((a, b) => (a.validOn < b.validOn ? -1 : 1));
  }

  /** Units of `currency` per US dollar on `date`; null when the table has no rate that early. */
  perUsd(currency: string, date: string): number | null {
    if (currency === 'USD') return 1;
    const list = this.byCurrency.get(currency);
    if (!list) return null;
    let found: number | null = null;
    for (const r of list) {
      if (r.validOn > date) break;
      found = r.perUsd;
    }
    return found;
  }

  /** The amount in US dollars; an error at `path` when no rate covers the date. */
  toUsd(amount: number, currency: string, date: string, path: string): number {
    const rate = this.perUsd(currency, date);
    if (rate === null || rate <= 0) {
      throw invalid(`No exchange rate for ${currency} on or before ${date}; an administrator adds it`, path, 'no_rate');
    }
    return amount / rate;
  }
}

/** The last day of a YYYY-MM month: earnings convert at the rate in force when the month's pay is earned. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, '0')}`;
}

export interface WorkerCost {
  /** Costs plus loan interest, in the earnings' currency. */
  costs: number;
  earnings: number;
  currency: string;
  /** The indicator: costs ÷ monthly earnings (0 when nothing was paid). */
  months: number;
}

/**
 * One worker's recruitment cost in months of earnings. Each cost converts to dollars at its payment date, the
 * earnings at the end of their month, and the costs are then expressed in the earnings' currency.
 */
export function recruitmentCostMonths(
  costs: readonly CostEntry[],
  earnings: MonthlyEarnings,
  rates: RateTable,
): WorkerCost {
  if (!(earnings.amount > 0)) throw invalid('Monthly earnings must be more than zero', 'earnings.amount');
  const at = monthEnd(earnings.month);
  const earningsUsd = rates.toUsd(earnings.amount, earnings.currency, at, 'earnings.currency');
  let costsUsd = 0;
  costs.forEach((c, i) => {
    costsUsd += rates.toUsd(c.amount + c.loanInterest, c.currency, c.paidOn, `costs.${i}.currency`);
  });
  const perUsd = earnings.amount / earningsUsd;
  return {
    costs: costsUsd * perUsd,
    earnings: earnings.amount,
    currency: earnings.currency,
    months: costsUsd / earningsUsd,
  };
}

// ---- aggregates ----

export const DIMENSIONS = ['corridor', 'sex', 'ageGroup', 'education', 'occupation', 'sector'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** One worker's indicator with the groups they count in (never their identity). */
export interface WorkerIndicator {
  months: number;
  groups: Record<Dimension, string>;
}

export interface CellCount {
  dimension: Dimension | 'all';
  group: string;
  count: number;
}

/**
 * The statistical-disclosure step: given every cell's count, the cells that must not be published. The labour-market
 * capability owns the real one; callers pass it in.
 */
export type DisclosureStep = (cells: readonly CellCount[]) => ReadonlySet<string>;

export const cellKey = (c: { dimension: string; group: string }) => `${c.dimension}\u0000${c.group}`;

export interface CostCell extends CellCount {
  /** null when the cell is suppressed. */
  mean: number | null;
  median: number | null;
  /** The upper bound of the fourth quintile: the 80th percentile. */
  q4: number | null;
  suppressed: boolean;
}

/** The p-quantile by linear interpolation between order statistics (h = (n − 1)p), as spreadsheets' PERCENTILE. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Mean, median and 80th percentile per group of each asked dimension (and overall), through the disclosure step. */
export function aggregateRecruitmentCosts(
  workers: readonly WorkerIndicator[],
  dimensions: readonly Dimension[],
  protect: DisclosureStep,
): CostCell[] {
  const groups = new Map<string, { dimension: Dimension | 'all'; group: string; values: number[] }>();
  const add = (dimension: Dimension | 'all', group: string, value: number) => {
    const key = cellKey({ dimension, group });
    const g = groups.get(key) ?? { dimension, group, values: [] };
    g.values.push(value);
    groups.set(key, g);
  };
  for (const w of workers) {
    add('all', 'all', w.months);
    for (const d of dimensions) add(d, w.groups[d], w.months);
  }
  const cells = [...groups.values()];
  const hidden = protect(cells.map((c) => ({ dimension: c.dimension, group: c.group, count: c.values.length })));
  return cells
    .map((c): CostCell => {
      const suppressed = hidden.has(cellKey(c));
      const sorted = [...c.values].sort((a, b) => a - b);
      return {
        dimension: c.dimension,
        group: c.group,
        count: suppressed ? 0 : sorted.length,
        mean: suppressed ? null : sorted.reduce((s, v) => s + v, 0) / sorted.length,
        median: suppressed ? null : quantile(sorted, 0.5),
        q4: suppressed ? null : quantile(sorted, 0.8),
        suppressed,
      };
    })
    .sort((a, b) =>
      a.dimension === b.dimension ? a.group.localeCompare(b.group) : a.dimension < b.dimension ? -1 : 1,
    );
}

/** Age groups of labour statistics, from the birth year and the reference year. */
export function ageGroup(birthYear: number | null, year: number): string {
  if (birthYear === null) return 'unknown';
  const age = year - birthYear;
  if (age < 15) return 'under-15';
  if (age < 25) return '15-24';
  if (age < 35) return '25-34';
  if (age < 45) return '35-44';
  if (age < 55) return '45-54';
  if (age < 65) return '55-64';
  return '65+';
}

/** ISCED skill bands used in the field: low 0–2, medium 3–4, high 5–8. */
export function educationBand(isced: number | null): string {
  if (isced === null) return 'unknown';
  return isced <= 2 ? 'low' : isced <= 4 ? 'medium' : 'high';
}
