// Country names come from the browser's own CLDR data (Intl.DisplayNames) in the interface language, so no
// name list ships with the app. Codes are ISO 3166-1 alpha-2, as the API stores them.

// Two-letter codes CLDR names that are not countries (EU, UN, pseudo-locales, "unknown region").
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']);

const cache = new Map<string, { code: string; name: string }[]>();

export function countryName(code: string, lang: string): string {
  if (!/^[A-Z]{2}$/.test(code)) return code;
  try {
    return new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Every country CLDR knows, named and sorted in `lang`. */
export function countries(lang: string): { code: string; name: string }[] {
  const hit = cache.get(lang);
  if (hit) return hit;
  const names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
  const out: { code: string; name: string }[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (NOT_COUNTRIES.has(code)) continue;
      const name = names.of(code);
      if (name) out.push({ code, name });
    }
  }
  const collator = new Intl.Collator(lang);
  out.sort((x, y) => collator.compare(x.name, y.name));
  cache.set(lang, out);
  return out;
}
