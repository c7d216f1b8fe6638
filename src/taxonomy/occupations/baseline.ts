// The baseline occupation coder: one plain BM25 document per occupation made of its preferred, alternative and
// hidden labels in one language (English by default); the query is the title followed by the description. No
// cleaning, no weighting: it shows what the real coder (coder.ts) gains.
import type { EscoSnapshot } from '../model.js';
import { Bm25 } from '../bm25.js';
import { analyze } from '../text.js';
import type { ClassifyOptions, OccupationCoder, OccupationQuery, OccupationResult } from './coder.js';

export interface BaselineOptions {
  /** Language of the label documents and of the query's analysis (default 'en'). */
  lang?: string;
  /** Labels left out of the documents (held out for evaluation): `skip(occupation URI, label text)`. */
  skip?: (uri: string, text: string) => boolean;
}

export function buildBaselineCoder(snapshot: EscoSnapshot, options: BaselineOptions = {}): OccupationCoder {
  const docLang = options.lang ?? 'en';
  const skip = options.skip ?? (() => false);
  const occs = [...snapshot.occupations.values()].sort((a, b) => a.uri.localeCompare(b.uri));
  const docs = occs.map((o) => {
    const l = o.labels[docLang];
    const texts = l ? [l.preferred, ...l.alt, ...l.hidden].filter((t) => !skip(o.uri, t)) : [];
    return analyze(texts.join(' '), docLang);
  });
  const index = new Bm25(docs);
  return {
    size: occs.length,
    languages: snapshot.languages,
    classify(query: OccupationQuery, options: ClassifyOptions = {}): OccupationResult[] {
      const top = options.top ?? 5;
      const lang = options.lang ?? 'en';
      const text = `${query.title} ${query.description ?? ''}`;
      const hits = index.search(analyze(text, docLang), top);
      // No calibration here: a result's confidence is its share of the returned scores.
      const sum = hits.reduce((a, h) => a + h.score, 0);
      return hits.map(({ doc, score }) => {
        const o = occs[doc]!;
        const label = o.labels[lang]?.preferred ?? o.labels.en?.preferred ?? o.code;
        return { uri: o.uri, code: o.code, isco: o.isco, label, score, confidence: sum > 0 ? score / sum : 0 };
      });
    },
  };
}
