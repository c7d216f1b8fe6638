// The baseline occupation coder: one plain BM25 document per occupation made of its English preferred,
// alternative and hidden labels; the query is the title followed by the description. No cleaning, no
// weighting: it shows what the real coder (coder.ts) gains.
import type { EscoSnapshot } from '../model.js';
import { Bm25 } from '../bm25.js';
import { analyze } from '../text.js';
import type { ClassifyOptions, OccupationCoder, OccupationQuery, OccupationResult } from './coder.js';

export function buildBaselineCoder(snapshot: EscoSnapshot): OccupationCoder {
  const occs = [...snapshot.occupations.values()].sort((a, b) => a.uri.localeCompare(b.uri));
  const docs = occs.map((o) => {
    const l = o.labels.en;
    return l ? analyze([l.preferred, ...l.alt, ...l.hidden].join(' '), 'en') : [];
  });
  const index = new Bm25(docs);
  return {
    size: occs.length,
    languages: snapshot.languages,
    classify(query: OccupationQuery, options: ClassifyOptions = {}): OccupationResult[] {
      const top = options.top ?? 5;
      const lang = options.lang ?? 'en';
      const text = `${query.title} ${query.description ?? ''}`;
      return index.search(analyze(text, 'en'), top).map(({ doc, score }) => {
        const o = occs[doc]!;
        const label = o.labels[lang]?.preferred ?? o.labels.en?.preferred ?? o.code;
        return { uri: o.uri, code: o.code, isco: o.isco, label, score };
      });
    },
  };
}
