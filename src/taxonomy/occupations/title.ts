// Job-title clean-up before matching: job ads decorate titles with grades ("II", "Level 3"), seniority
// ("Senior", "Junior"), re-advertisement notes and lists of several titles. These words say nothing about the
// occupation, so they are removed; several titles joined by "/" or ";" are also scored one by one.
import { fold } from '../text.js';
import { expandAbbreviations } from './abbreviations.js';

// Seniority, grade and ad-noise words (folded). Not occupation words.
const NOISE = new Set(
  (
    'senior junior jr sr snr jnr trainee intern internship lead ' +
    'i ii iii iv v vi vii viii ix x grade level lvl step band scale position positions post vacancy vacancies ' +
    'readvertised re advertised advertisement advert urgent urgently wanted needed hiring required requirement ' +
    'male female fulltime full parttime part time temporary permanent contract contractual freelance remote ' +
    'experienced expert qualified new strong background excellent good proven dynamic motivated'
  ).split(' '),
);

/** Drops ad decoration from a title: bracketed notes about the ad, grades, seniority, numbers. */
export function cleanTitle(title: string): string {
  let s = fold(title)
    .replace(/\(\s*re-?\s*advertised\s*\)/g, ' ')
    .replace(/\bre-advertised\b/g, ' ')
    .replace(/[–—_]/g, ' - ');
  s = expandAbbreviations(s);
  const words = s.match(/[\p{L}\p{N}]+[+#]*|[&/,;:()-]/gu) ?? [];
  const kept = words.filter((w) => !NOISE.has(w) && !/^\d+$/.test(w));
  return kept
    .join(' ')
    .replace(/\s+([,;:)])/g, '$1')
    .replace(/\(\s+/g, '(')
    .trim();
}

export interface TitleVariant {
  text: string;
  /** How much a match of this reading counts relative to the whole title. */
  weight: number;
}

/**
 * Alternative readings of a title: the cleaned whole (weight 1), the text outside brackets, each title of a
 * "/"- or ";"-separated list (each a full title), and the parts around a " - " or ":" qualifier (weaker: one
 * side is often a department or project name). Deduplicated, whole first.
 */
export function titleVariants(title: string): TitleVariant[] {
  const cleaned = cleanTitle(title);
  const out = new Map<string, number>();
  const add = (s: string, weight: number) => {
    const t = s
      .replace(/[()]/g, ' ')
      .replace(/^[\s,;&/-]+|[\s,;&/-]+$/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (t && !out.has(t)) out.set(t, weight);
  };
  add(cleaned, 1);
  add(cleaned.replace(/\([^)]*\)/g, ' '), 0.97);
  for (const part of cleaned.split(/\s*[/;]\s*/)) add(part, 0.95);
  const dash = cleaned.split(/\s+-\s+|\s*:\s*/);
  if (dash.length > 1) for (const part of dash) add(part, 0.85);
  return [...out].map(([text, weight]) => ({ text, weight }));
}
