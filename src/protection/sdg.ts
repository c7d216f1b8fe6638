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

// ---- groups (the labour-market capability counts and protects the aggregates) ----

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
