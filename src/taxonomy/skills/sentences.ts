// Sentence splitting and offset-keeping tokenisation for skill extraction. Evidence must be a substring of the
// input, so every token remembers where it came from; the terms themselves come from the shared text layer.
import { fold, isStopWord, stem } from '../text.js';

export interface Span {
  start: number;
  end: number;
}

export interface Token extends Span {
  /** Folded surface form. */
  word: string;
  /** Stem in the text's language ('' for a stop word). */
  term: string;
}

// Sentence ends: . ! ? ; followed by space, newlines, bullets. Abbreviations such as "e.g." rarely matter for
// extraction (a split inside a sentence only narrows the evidence), so the rule stays simple and fast.
const BREAK = /(?:[.!?;。]+[)"'»\]]*\s+|\s*[\r\n]+\s*|\s+[•·▪●◦‣∙*]\s+|^\s*[•·▪●◦‣∙*-]\s+)/gu;

const MAX_SENTENCE = 400;

/** The best place to cut text[start, limit): after the last comma, else at the last space, else at limit. */
function lastBreakBefore(text: string, start: number, limit: number): number {
  const minCut = start + MAX_SENTENCE / 4;
  const window = text.slice(minCut, limit);
  for (const re of [/[,;:]\s/g, /\s/g]) {
    let best = -1;
    for (let m = re.exec(window); m; m = re.exec(window)) best = m.index + 1;
    if (best > 0) return minCut + best;
  }
  return limit;
}

/** Splits a text into trimmed sentence spans (offsets into the original text). */
export function splitSentences(text: string): Span[] {
  const out: Span[] = [];
  let from = 0;
  const pushTrimmed = (start: number, end: number) => {
    // Leading bullets, dashes and list marks are not part of the sentence.
    while (start < end && /[\s•·▪●◦‣∙*>–—-]/u.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end > start && /[\p{L}\p{N}]/u.test(text.slice(start, end))) out.push({ start, end });
  };
  const push = (start: number, end: number) => {
    // Very long "sentences" (lists without full stops, pasted tables) are cut at commas, then at spaces, so
    // that evidence stays readable and the cost per sentence stays bounded.
    while (end - start > MAX_SENTENCE) {
      const cut = lastBreakBefore(text, start, start + MAX_SENTENCE);
      pushTrimmed(start, cut);
      start = cut;
    }
    pushTrimmed(start, end);
  };
  for (const m of text.matchAll(BREAK)) {
    const idx = m.index;
    // Keep the full stop with its sentence.
    const cut = idx + (m[0].match(/^[.!?;。)"'»\]]*/u)?.[0].length ?? 0);
    push(from, cut);
    from = idx + m[0].length;
  }
  push(from, text.length);
  return out;
}

// Same token shape as text.ts (letters/digits, trailing + or #), plus combining marks so offsets stay exact.
const TOKEN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*[+#]*/gu;

/** Tokens of text[span] with offsets, folded and stemmed in `lang`. */
export function tokenizeSpan(text: string, span: Span, lang: string): Token[] {
  const out: Token[] = [];
  const slice = text.slice(span.start, span.end);
  for (const m of slice.matchAll(TOKEN)) {
    const word = fold(m[0]);
    const start = span.start + m.index;
    // Anonymisation placeholders such as "<ORGANIZATION>" carry no skill.
    if (text[start - 1] === '<' && text[start + m[0].length] === '>') continue;
    out.push({ start, end: start + m[0].length, word, term: isStopWord(word, lang) ? '' : stem(word, lang) });
  }
  return out;
}
