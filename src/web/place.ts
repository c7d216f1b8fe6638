// Where a person lives: a country (ISO 3166-1 alpha-2) and a region code inside it. Matching pairs people and jobs
// by region code, so the code must be written the way employers write it: NUTS (ES51) or ISO 3166-2 (ES-CT).

/** NUTS writes Greece as EL (ISO: GR) and the United Kingdom as UK (ISO: GB). */
const NUTS_COUNTRY: Record<string, string> = { GR: 'EL', GB: 'UK' };

export type RegionProblem = 'required' | 'format' | 'otherCountry';

/** The letters a region code of `country` starts with (ISO and, where it differs, NUTS). */
export function regionPrefixes(country: string): string[] {
  if (!/^[A-Z]{2}$/.test(country) || country === 'ZZ') return [];
  const nuts = NUTS_COUNTRY[country];
  return nuts ? [country, nuts] : [country];
}

/**
 * What is wrong with a region code typed for `country`, or null when it will do. NUTS codes are the country's
 * letters and 1–3 more (ES5, ES51, ES511); ISO 3166-2 codes the country's letters, a hyphen and 1–3 more (ES-CT).
 */
export function regionProblem(country: string, region: string, required: boolean): RegionProblem | null {
  const code = region.trim().toUpperCase();
  if (!code) return required ? 'required' : null;
  if (!/^[A-Z]{2}(?:-[A-Z0-9]{1,3}|[A-Z0-9]{1,3})$/.test(code)) return 'format';
  const prefixes = regionPrefixes(country);
  if (prefixes.length && !prefixes.includes(code.slice(0, 2))) return 'otherCountry';
  return null;
}

/** Region codes of open vacancies in `country`, most vacancies first: the codes employers there use. */
export function regionsInUse(locations: { country: string; region: string }[], country: string): string[] {
  const counts = new Map<string, number>();
  for (const l of locations)
    if (l.country === country && l.region) counts.set(l.region, (counts.get(l.region) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([code]) => code);
}
