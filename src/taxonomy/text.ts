// The shared text layer for taxonomy search, occupation coding and skill extraction: one normalisation
// (case + accent folding), one tokeniser, stop words and Snowball stemming for en/es/fr (light folding for ar).
// Folding happens BEFORE stemming so that "enfermería" and a typed "enfermeria" reach the same stem.
import { stemmer as stemEn } from '@orama/stemmers/english';
import { stemmer as stemEs } from '@orama/stemmers/spanish';
import { stemmer as stemFr } from '@orama/stemmers/french';

export type TextLang = 'en' | 'es' | 'fr' | 'ar';
export const TEXT_LANGS: readonly TextLang[] = ['en', 'es', 'fr', 'ar'];

const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', ł: 'l', đ: 'd', ı: 'i' };
const ARABIC: Record<string, string> = { أ: 'ا', إ: 'ا', آ: 'ا', ٱ: 'ا', ة: 'ه', ى: 'ي', ؤ: 'و', ئ: 'ي', ـ: '' };

/**
 * Case + accent folding: lower case, combining marks removed (é→e, ñ→n, Arabic short vowels dropped),
 * ligatures expanded, Arabic letter variants unified. Punctuation is kept (the tokeniser decides).
 */
export function fold(text: string): string {
  let s = text.toLowerCase();
  // Fast path: plain ASCII needs no decomposition.
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(s)) return s;
  s = s.normalize('NFD').replace(/\p{M}+/gu, '');
  return s.replace(/[œæßøłđıأإآٱةىؤئـ]/g, (c) => LIGATURES[c] ?? ARABIC[c] ?? c);
}

// A token is a run of letters/digits; a trailing "+" or "#" stays attached ("c++", "c#") because skills need them.
const TOKEN = /[\p{L}\p{N}]+[+#]*/gu;

/** Folded tokens of a text, in order, stop words included. */
export function tokenize(text: string): string[] {
  return fold(text).match(TOKEN) ?? [];
}

const STOP: Record<TextLang, Set<string>> = {
  en: new Set(
    (
      'a an and are as at be been but by for from has have he her his i if in into is it its of on or our she so ' +
      'such than that the their them then there these they this those to was we were which who will with you your ' +
      'not no nor can may must shall should would could do does did other etc e g ie eg via per all any each'
    ).split(' '),
  ),
  es: new Set(
    (
      'a al algo ante con contra de del desde donde durante e el ella ellas ellos en entre era es esa ese eso esta ' +
      'este esto estos estas ha hay la las le les lo los mas mi muy no o os otra otro para pero por que quien se ' +
      'ser si sin sobre su sus tambien tras u un una uno unos unas y ya etc'
    ).split(' '),
  ),
  fr: new Set(
    (
      'a au aux avec ce ces cet cette d dans de des du elle en et eux il ils je l la le les leur leurs lui ma mais ' +
      'me meme mes moi mon n ne nos notre nous on ou par pas pour qu que qui s sa se ses son sur ta te tes toi ton ' +
      'tu un une vos votre vous y etc'
    ).split(' '),
  ),
  ar: new Set('في من على الى عن مع او و ان ما هذا هذه ذلك التي الذي ثم كل'.split(' ').map((w) => fold(w))),
};

/** True when a folded token is a stop word of the language. */
export function isStopWord(token: string, lang: TextLang | string): boolean {
  return STOP[lang as TextLang]?.has(token) ?? false;
}

// Porter2 over-merges a few words that matter in job titles and ads: "customer" with "customs", "engineer" with
// "engine", "mechanic" with "mechanical", "organisation" with "organ", "excellent" with "Excel". These keep their
// own stems.
const EN_STEM_EXCEPTIONS = new Map<string, string>(
  (
    'customer:customer customers:customer engineer:engineer engineers:engineer engineering:engineer ' +
    'engine:engine engines:engine mechanic:mechanic mechanics:mechanic organisation:organis ' +
    'organisations:organis organization:organis organizations:organis university:universit universities:universit ' +
    'excellence:excellen excellent:excellen excellently:excellen'
  )
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
);

const STEMMERS: Record<TextLang, (w: string) => string> = {
  en: (w) => EN_STEM_EXCEPTIONS.get(w) ?? stemEn(w),
  es: stemEs,
  fr: stemFr,
  // Arabic: strip the definite article and the conjunction "wa" only; a full stemmer over-merges job titles.
  ar: (w) => (w.length > 4 && w.startsWith('وال') ? w.slice(3) : w.length > 3 && w.startsWith('ال') ? w.slice(2) : w),
};

const stemCaches = new Map<string, Map<string, string>>();

/** Stem of a folded token (memoised per language: label vocabularies are small, and stemming dominates analysis). */
export function stem(token: string, lang: TextLang | string): string {
  let cache = stemCaches.get(lang);
  if (!cache) stemCaches.set(lang, (cache = new Map()));
  let out = cache.get(token);
  if (out === undefined) {
    const fn = STEMMERS[lang as TextLang];
    // Digits, short tokens and "c++"-like tokens are kept as they are.
    out = !fn || token.length < 3 || /[\d+#]/.test(token) ? token : fn(token);
    if (cache.size > 200_000) cache.clear();
    cache.set(token, out);
  }
  return out;
}

export interface AnalyzeOptions {
  /** Drop stop words (default true). */
  stopWords?: boolean;
  /** Apply the language's stemmer (default true). */
  stem?: boolean;
}

/** Text → index terms: fold, tokenise, drop stop words, stem. The same function serves documents and queries. */
export function analyze(text: string, lang: TextLang | string = 'en', options: AnalyzeOptions = {}): string[] {
  const dropStop = options.stopWords ?? true;
  const doStem = options.stem ?? true;
  const out: string[] = [];
  for (const tok of tokenize(text)) {
    if (dropStop && isStopWord(tok, lang)) continue;
    out.push(doStem ? stem(tok, lang) : tok);
  }
  return out;
}

/** Character n-grams of a folded word with boundary marks ("^we", "wel", ..., "er$"), for typo-tolerant matching. */
export function charNgrams(word: string, n = 3): string[] {
  const padded = `^${word}$`;
  if (padded.length <= n) return [padded];
  const out: string[] = [];
  for (let i = 0; i + n <= padded.length; i++) out.push(padded.slice(i, i + n));
  return out;
}

/**
 * Damerau–Levenshtein (optimal string alignment) distance, stopping early once it exceeds `max`
 * (returns max + 1 then). Small and allocation-light: it runs inside search loops.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la === 0) return lb;
  if (lb === 0) return la;
  let prev2 = new Array<number>(lb + 1).fill(0);
  let prev = new Array<number>(lb + 1);
  let cur = new Array<number>(lb + 1);
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb)
        v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[lb]!;
}

/**
 * The forms of a label written with a slash: ESCO's es/fr labels carry both genders ("soldador/soldadora"),
 * often sharing the rest of the label on one side only ("operario/operaria de máquina de fabricación de dulces",
 * "dentista equino/equina"). Each form is returned whole, so "operario" alone never becomes a label. A label
 * without a slash is its only form; empty parts are dropped.
 */
export function labelForms(text: string): string[] {
  const parts = text
    .split('/')
    .map((p) => p.trim())
    .filter((p) => tokenize(p).length > 0);
  if (parts.length !== 2) return parts;
  const [a, b] = parts as [string, string];
  const aw = a.split(/\s+/);
  const bw = b.split(/\s+/);
  // One word against several: the single word replaces the head ("X/Y de Z") or the tail ("X Y/Z") of the other.
  if (aw.length === 1 && bw.length > 1) return [[a, ...bw.slice(1)].join(' '), b];
  if (bw.length === 1 && aw.length > 1) return [a, [...aw.slice(0, -1), b].join(' ')];
  return [a, b];
}

/**
 * The likeliest of `langs` for a text, by its count of each language's stop words in the first 600 characters
 * (a few sentences hold dozens); `fallback` when no stop word is found or two languages tie.
 */
export function guessLanguage(text: string, langs: readonly string[], fallback = 'en'): string {
  const counts = new Map<string, number>();
  for (const tok of tokenize(text.slice(0, 600)))
    for (const l of langs) if (isStopWord(tok, l)) counts.set(l, (counts.get(l) ?? 0) + 1);
  let best = fallback;
  let bestCount = 0;
  let tie = false;
  for (const [l, c] of counts) {
    if (c > bestCount) [best, bestCount, tie] = [l, c, false];
    else if (c === bestCount) tie = true;
  }
  return bestCount > 0 && !tie ? best : fallback;
}
