// Vacancies as the API sends and takes them (src/vacancies/model.ts).
export const SECTORS = 'ABCDEFGHIJKLMNOPQRSTU'.split('');
export const CONTRACT_TYPES = ['permanent', 'fixed-term', 'seasonal', 'temporary-agency', 'apprenticeship', 'casual'];
export const WAGE_PERIODS = ['hour', 'day', 'week', 'month', 'year'];

export interface Wage {
  amount: number;
  currency: string;
  period: string;
}

/** What an employer publishes (the web form sends no language requirements yet). */
export interface NewVacancy {
  title: string;
  occupationUri: string;
  sector: string;
  languages: [];
  location: { country: string; region: string };
  posts: number;
  contractType: string;
  hoursPerWeek: number | null;
  wage: Wage | null;
  employerSponsorsPermit: boolean;
  employerPaysRecruitmentFees: boolean;
}

/** A published vacancy: what was sent, and what the server adds (ISCO code and skills from ESCO, status). */
export interface Vacancy extends Omit<NewVacancy, 'languages'> {
  id: string;
  isco: string;
  essentialSkills: string[];
  optionalSkills: string[];
  status: string;
  updatedAt: string;
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
