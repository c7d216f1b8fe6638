// Words for coded values on every screen, in the interface language: countries and languages through Intl (our own
// names for the languages browsers lack, e.g. Fula/Pulaar), ISIC sections, permit types and eligibility rules from
// the vocabulary the server's explanation texts use too. No screen shows a raw code.
export {
  countryName,
  languageName,
  permitTypeName,
  PERMIT_TYPE_CODES,
  ruleName,
  sectorName,
} from '../shared/vocabulary.js';
export { COUNTRY_CODES, isCurrentCountry } from '../shared/countries.js';

/** ESCO has labels in these languages; other interface languages (Arabic) read English labels. */
export function escoHasLabelsIn(lang: string): boolean {
  return ['en', 'es', 'fr'].includes(lang);
}
