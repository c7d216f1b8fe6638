import { describe, expect, it } from 'vitest';
import { evidenceInContext } from './evidence.js';

const TEXT =
  'I prepared vegetables and cooked rice for 200 people every day. I cleaned the kitchen and washed dishes. ' +
  'Later I drove a van.';

describe('evidence in its sentence', () => {
  it('returns the whole sentence with the evidence marked', () => {
    expect(evidenceInContext(TEXT, 'washed dishes', 'en')).toEqual({
      before: 'I cleaned the kitchen and ',
      match: 'washed dishes',
      after: '.',
    });
    expect(evidenceInContext(TEXT, 'Van', 'en')).toEqual({ before: 'Later I drove a ', match: 'van', after: '.' });
  });

  it('spans two sentences when the evidence does', () => {
    const r = evidenceInContext(TEXT, 'every day. I cleaned', 'en');
    expect(r?.before).toBe('I prepared vegetables and cooked rice for 200 people ');
    expect(r?.after).toBe(' the kitchen and washed dishes.');
  });

  it('gives up when the words are not in the text', () => {
    expect(evidenceInContext(TEXT, 'welding', 'en')).toBeNull();
    expect(evidenceInContext(TEXT, '  ', 'en')).toBeNull();
  });
});
