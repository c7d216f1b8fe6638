// Vacancies as the API sends and takes them: the server's own schema, type-only (nothing of the server reaches the
// bundle); the code lists come from the one vocabulary module.
import type { Vacancy, VacancyInput } from '../vacancies/index.js';

export { CONTRACT_TYPES, SECTORS, WAGE_PERIODS } from '../shared/vocabulary.js';
export type { Vacancy };

export type Wage = NonNullable<Vacancy['wage']>;

/** What the employer's form publishes (it sends no language requirements yet). */
export type NewVacancy = Pick<
  VacancyInput,
  | 'title'
  | 'occupationUri'
  | 'sector'
  | 'location'
  | 'posts'
  | 'contractType'
  | 'hoursPerWeek'
  | 'wage'
  | 'employerSponsorsPermit'
  | 'employerPaysRecruitmentFees'
> & { languages: [] };

/**
 * A code of a stored vacancy as the write types take it: the record's view carries codes as plain strings, the
 * create and update bodies as the server's code lists (`fallback` only for a code the server would not have stored).
 */
export function codeOf<T extends string>(list: readonly T[], value: string | null | undefined, fallback: T): T {
  return list.find((code) => code === value) ?? fallback;
}

/** 'fixed-term' → 'fixedTerm': the key of a contract type in the locale files. */
export function contractKey(type: string): string {
  return type.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** A wage in the interface language's number and currency conventions, e.g. "1.450 € al mes". */
export function formatWage(wage: Wage, lang: string): string {
  try {
    return new Intl.NumberFormat(lang, { style: 'currency', currency: wage.currency, maximumFractionDigits: 2 }).format(
      wage.amount,
    );
  } catch {
    return `${new Intl.NumberFormat(lang).format(wage.amount)} ${wage.currency}`; // unknown currency code
  }
}
