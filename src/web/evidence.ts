// The skill extractor returns the words that triggered a skill; people judge a suggestion better when they
// see the whole sentence, with those words marked.

export interface EvidenceInContext {
  before: string;
  match: string;
  after: string;
}

function sentences(text: string, lang: string): { start: number; segment: string }[] {
  if (typeof Intl.Segmenter === 'function') {
    const seg = new Intl.Segmenter(lang, { granularity: 'sentence' });
    return [...seg.segment(text)].map((s) => ({ start: s.index, segment: s.segment }));
  }
  const out: { start: number; segment: string }[] = [];
  const re = /[^.!?؟\n]+[.!?؟]*\s*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ start: m.index, segment: m[0] });
  return out;
}

/** The sentence of `text` that contains `evidence` (case-insensitive), split around it; null when absent. */
export function evidenceInContext(text: string, evidence: string, lang: string): EvidenceInContext | null {
  const needle = evidence.trim().toLocaleLowerCase(lang);
  if (!needle) return null;
  const at = text.toLocaleLowerCase(lang).indexOf(needle);
  // Lower-casing can change lengths (e.g. "İ"); then positions would not line up with the original text.
  if (at < 0 || text.toLocaleLowerCase(lang).length !== text.length) return null;
  const end = at + needle.length;
  const all = sentences(text, lang);
  const first = all.findLast((s) => s.start <= at) ?? { start: 0, segment: '' };
  const last = all.findLast((s) => s.start < end) ?? first;
  const stop = last.start + last.segment.length;
  return {
    before: text.slice(first.start, at).trimStart(),
    match: text.slice(at, end),
    after: text.slice(end, stop).trimEnd(),
  };
}
