// The parts of a request URL the router does not check strictly enough: a query string whose percent-encoding is not
// UTF-8 (a lone surrogate has no UTF-8 form; `%ED%A0%80` is what a careless encoder writes for one), and which path
// parameter a malformed or overlong address broke, so those errors name their field like every other 400.

/** Query fields whose key or value was not valid percent-encoded UTF-8; kept beside the parsed query. */
export const MALFORMED = Symbol('malformed query fields');
export type ParsedQuery = Record<string, string | string[]> & { [MALFORMED]?: string[] };

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/**
 * `a=1&a=2&b=x` → `{ a: ['1', '2'], b: 'x' }`, as Fastify's parser does, but a component that does not decode is
 * recorded in MALFORMED (and kept as sent) instead of passing silently as text.
 */
export function parseQuery(text: string): ParsedQuery {
  const out: ParsedQuery = Object.create(null);
  if (!text) return out;
  for (const pair of text.split('&')) {
    if (!pair) continue;
    const at = pair.indexOf('=');
    const rawKey = at < 0 ? pair : pair.slice(0, at);
    const rawValue = at < 0 ? '' : pair.slice(at + 1);
    const key = decode(rawKey);
    const value = decode(rawValue);
    const name = key ?? rawKey;
    if (key === null || value === null) {
      if (!out[MALFORMED]) Object.defineProperty(out, MALFORMED, { value: [], enumerable: false });
      out[MALFORMED]!.push(name);
    }
    const v = value ?? rawValue;
    const had = out[name];
    out[name] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
  }
  return out;
}

/** The query field with the longest text (the one that made a URL too long). */
export function longestQueryField(query: unknown): string | null {
  let best: string | null = null;
  let length = -1;
  for (const [k, v] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    const n = k.length + (Array.isArray(v) ? v.join('').length : String(v).length);
    if (n > length) [best, length] = [k, n];
  }
  return best;
}

/**
 * The name of the path parameter a malformed or too long segment of `url` stands for, found among the route
 * patterns (`/api/v1/profiles/:id`) with the same static segments; null when no pattern fits.
 */
export function faultyParam(url: string, patterns: readonly string[], maxParamLength: number): string | null {
  const segments = (url.split('?')[0] ?? '').split('/');
  const bad = segments.findIndex((s) => s.length > maxParamLength || decode(s) === null);
  if (bad < 0) return null;
  for (const pattern of patterns) {
    const parts = pattern.split('/');
    if (parts.length !== segments.length || !parts[bad]!.startsWith(':')) continue;
    if (parts.every((p, i) => i === bad || p.startsWith(':') || p === segments[i])) return parts[bad]!.slice(1);
  }
  return null;
}
