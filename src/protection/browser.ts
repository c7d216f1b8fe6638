// What the web app loads of protection at run time: pure modules only (no Node, no database).
export { ALERTS, LEVELS, QUESTIONS, question } from './screening.js';
export type { Answer, Factor } from './screening.js';
export { COST_CATEGORIES, isKnownCurrency } from './sdg.js';
export { SERVICE_CATEGORIES } from './vocabulary.js';
