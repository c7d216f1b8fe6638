import { describe, expect, it } from 'vitest';
import { descriptionFit, titleReason } from './occupationEvidence.js';
import { MESSAGES } from './i18n.js';

const label = (kind: 'preferred' | 'alternative' | 'hidden' | 'unit group') => ({
  text: 'procurement officer',
  kind,
  lang: 'en',
});

describe('why an occupation is suggested', () => {
  it('names the ESCO label the title matched, and says when it matched only in part', () => {
    expect(titleReason({ titleLabel: label('alternative'), title: 1, description: 0 }, false)).toEqual({
      key: 'describe.why.matched.alternative',
      label: { text: 'procurement officer', lang: 'en' },
    });
    expect(titleReason({ titleLabel: label('preferred'), title: 0.59, description: 0.6 }, true).key).toBe(
      'describe.why.partlyMatched.preferred',
    );
    expect(titleReason({ titleLabel: label('unit group'), title: 1, description: 0 }, false).key).toBe(
      'describe.why.matched.unitGroup',
    );
  });

  it('without a matched label: the description, or else the title words in the ESCO description', () => {
    expect(titleReason({ title: 0, description: 1 }, true)).toEqual({ key: 'describe.why.fromDescription' });
    expect(titleReason({ title: 0, description: 0 }, true)).toEqual({ key: 'describe.why.fromTitleWords' });
    expect(titleReason({ title: 0, description: 0 }, false)).toEqual({ key: 'describe.why.fromTitleWords' });
  });

  it('puts the relative description fit into words', () => {
    expect([1, 0.75, 0.63, 0.4, 0.19, 0].map(descriptionFit)).toEqual([
      'close',
      'close',
      'partial',
      'partial',
      'weak',
      'none',
    ]);
  });

  it('has a sentence for every reason and fit, with the label slot', () => {
    const why = MESSAGES.en.describe as { why: Record<string, Record<string, string>> };
    for (const extent of ['matched', 'partlyMatched']) {
      for (const kind of ['preferred', 'alternative', 'hidden', 'unitGroup']) {
        expect(why.why[extent]?.[kind], `${extent}.${kind}`).toContain('{{label}}');
      }
    }
    for (const fit of ['close', 'partial', 'weak', 'none']) expect(why.why.fit?.[fit]).toBeTruthy();
  });
});
