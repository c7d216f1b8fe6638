// Why the occupation coder suggested an occupation, as the locale keys of short sentences for the advisor who
// confirms or rejects it: the ESCO label the title matched (and how fully), and how well the description fits.
import type { MatchedLabelKind, OccupationEvidence } from './api.js';

/** Below this title ↔ label similarity the title only partly matched the label ("kitchen helper" ~ "kitchen assistant"). */
export const FULL_MATCH = 0.95;

export type DescriptionFit = 'close' | 'partial' | 'weak' | 'none';

/** The description fit is relative to the best-fitting occupation (1 = that one), so words, not a percentage. */
export function descriptionFit(fit: number): DescriptionFit {
  if (fit >= 0.75) return 'close';
  if (fit >= 0.4) return 'partial';
  if (fit > 0) return 'weak';
  return 'none';
}

const KIND_KEY: Record<MatchedLabelKind, string> = {
  preferred: 'preferred',
  alternative: 'alternative',
  hidden: 'hidden',
  'unit group': 'unitGroup',
};

export type TitleReason =
  | { key: string; label: { text: string; lang: string } }
  | { key: 'describe.why.fromDescription' | 'describe.why.fromTitleWords' };

/**
 * The sentence about the title. Without a matched label the occupation came from the description when one was
 * sent and fits, else from the title's words found in the occupation's ESCO description and skills.
 */
export function titleReason(evidence: OccupationEvidence, descriptionSent: boolean): TitleReason {
  const l = evidence.titleLabel;
  if (l) {
    const extent = evidence.title >= FULL_MATCH ? 'matched' : 'partlyMatched';
    return { key: `describe.why.${extent}.${KIND_KEY[l.kind]}`, label: { text: l.text, lang: l.lang } };
  }
  return {
    key: descriptionSent && evidence.description > 0 ? 'describe.why.fromDescription' : 'describe.why.fromTitleWords',
  };
}
