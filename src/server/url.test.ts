import { describe, expect, it } from 'vitest';
import { logMessage, pathOnly } from './app.js';
import { faultyParam, longestQueryField, MALFORMED, parseQuery } from './url.js';

describe('request URLs', () => {
  it('parses a query string as Fastify does, and records the fields that are not percent-encoded UTF-8', () => {
    const q = parseQuery('a=1&a=2&b=x+y%20z&flag&c=%ED%A0%80&%ZZ=1&d=%00');
    expect({ ...q }).toEqual({ a: ['1', '2'], b: 'x y z', flag: '', c: '%ED%A0%80', '%ZZ': '1', d: '\u0000' });
    expect(q[MALFORMED]).toEqual(['c', '%ZZ']);
    expect(parseQuery('')[MALFORMED]).toBeUndefined();
    expect(longestQueryField({ a: 'x', b: ['yy', 'zz'] })).toBe('b');
  });

  it('names the path parameter of a malformed or overlong segment', () => {
    const patterns = ['/api/v1/profiles/:profileId', '/api/v1/migrants/:migrantId/consents/:consentId/withdraw'];
    expect(faultyParam('/api/v1/profiles/%ED%A0%80?x=1', patterns, 100)).toBe('profileId');
    expect(faultyParam(`/api/v1/migrants/m/consents/${'c'.repeat(101)}/withdraw`, patterns, 100)).toBe('consentId');
    expect(faultyParam('/api/v1/elsewhere/%ED%A0%80', patterns, 100)).toBeNull();
    expect(faultyParam('/api/v1/profiles/ok', patterns, 100)).toBeNull();
  });

  it('keeps quoted values and query strings out of log lines', () => {
    expect(logMessage('invalid input syntax for type integer: "Amina Diallo"')).toBe(
      'invalid input syntax for type integer: "…"',
    );
    expect(logMessage('Unexpected token \'A\', "Amina \\"D" is not valid JSON')).not.toContain('Amina');
    expect(pathOnly('/api/v1/profiles?name=Amina')).toBe('/api/v1/profiles?[redacted]');
    expect(pathOnly(`/api/v1/x/${'a'.repeat(5000)}`)).toHaveLength(1001);
  });
});
