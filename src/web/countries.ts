// Country pickers: the current ISO 3166-1 codes of src/shared/countries.ts (the list the server accepts), named by
// the browser's CLDR data (Intl.DisplayNames) in the interface language and sorted in it. CLDR also names withdrawn
// codes (DD "Germany", CS "Serbia", YD "Yemen"), so a list built from CLDR alone offered them as duplicates.
import { COUNTRY_CODES } from '../shared/countries.js';
import { countryName } from '../shared/vocabulary.js';

export { countryName };

const cache = new Map<string, { code: string; name: string }[]>();

/** Every current country, named and sorted in `lang`. */
export function countries(lang: string): { code: string; name: string }[] {
  const hit = cache.get(lang);
  if (hit) return hit;
  const out = COUNTRY_CODES.map((code) => ({ code, name: countryName(code, lang) }));
  const collator = new Intl.Collator(lang);
  out.sort((x, y) => collator.compare(x.name, y.name));
  cache.set(lang, out);
  return out;
}
