import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../i18n.js';
import type { Messages } from '../locales/types.js';
import { addStaffMessages, STAFF_MESSAGES } from './messages.js';
import { AUDIT_REASONS } from '../../shared/audit-reasons.js';

function leaves(tree: Messages, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}
const variables = (s: string) => [...s.matchAll(/{{\s*([a-zA-Z]+)/g)].map((m) => m[1]).sort();

describe('staff strings', () => {
  const en = leaves(STAFF_MESSAGES.en);

  it.each(['es', 'fr', 'ar'] as const)(
    '%s has exactly the English keys, the same {{variables}}, translated',
    (lang) => {
      const other = leaves(STAFF_MESSAGES[lang]);
      expect([...other.keys()].sort()).toEqual([...en.keys()].sort());
      for (const [key, value] of other) {
        expect(value.trim(), key).not.toBe('');
        expect(variables(value), `${lang}: ${key}`).toEqual(variables(en.get(key)!));
        if (value.length > 12) expect(value, `${lang}: ${key} looks untranslated`).not.toBe(en.get(key));
      }
    },
  );

  it('say every audit reason, with the values its template names', () => {
    for (const [code, template] of Object.entries(AUDIT_REASONS)) {
      const text = en.get(`staff.audit.reasonTexts.${code}`);
      expect(text, code).toBeDefined();
      expect(variables(text!), code).toEqual([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort());
    }
    const labelled = [...en.keys()].filter((k) => k.startsWith('staff.audit.reasonTexts.'));
    expect(labelled).toHaveLength(Object.keys(AUDIT_REASONS).length);
  });

  it('do not collide with the first-load strings, and reach i18next when a staff screen loads', async () => {
    for (const lang of ['en', 'es', 'fr', 'ar'] as const) expect(MESSAGES[lang]).not.toHaveProperty('staff');
    const i = i18next.createInstance();
    await i.init({ lng: 'ar', resources: { ar: { translation: MESSAGES.ar } } });
    expect(i.exists('staff.users.title')).toBe(false);
    addStaffMessages(i);
    expect(i.t('staff.users.title')).toBe('المستخدمون');
    expect(i.t('nav.orgUsers')).toBe('المستخدمون');
  });
});
