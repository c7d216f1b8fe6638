import { describe, expect, it } from 'vitest';
import { itemSeparator, spacedAnd } from './CandidateFacts.js';

describe('lists of ESCO labels', () => {
  it('keeps the Arabic "and" apart from an English label, and joined to an Arabic word', () => {
    const ar = new Intl.ListFormat('ar', { type: 'unit' });
    expect(spacedAnd(ar.format(['join metals', 'operate welding equipment']))).toBe(
      'join metals و operate welding equipment',
    );
    expect(spacedAnd(ar.format(['العربية', 'الفرنسية']))).toBe('العربية والفرنسية');
  });

  it('separates labels with the language’s comma, without an "and" glued to the next one', () => {
    expect(itemSeparator('ar')).toBe('، ');
    expect(itemSeparator('en')).toBe(', ');
    expect(itemSeparator('es')).toBe(', ');
  });
});
