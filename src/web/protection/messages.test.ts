import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../i18n.js';
import type { Messages } from '../locales/types.js';
import { QUESTIONS, ALERTS, LEVELS, COST_CATEGORIES, SERVICE_CATEGORIES } from '../../protection/browser.js';
import { addProtectionMessages, PROTECTION_MESSAGES } from './messages.js';

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

describe('protection strings', () => {
  const en = leaves(PROTECTION_MESSAGES.en);

  it.each(['es', 'fr', 'ar'] as const)(
    '%s has exactly the English keys, the same {{variables}}, translated',
    (lang) => {
      const other = leaves(PROTECTION_MESSAGES[lang]);
      expect([...other.keys()].sort()).toEqual([...en.keys()].sort());
      for (const [key, value] of other) {
        expect(value.trim(), key).not.toBe('');
        expect(variables(value), `${lang}: ${key}`).toEqual(variables(en.get(key)!));
        if (value.length > 12) expect(value, `${lang}: ${key} looks untranslated`).not.toBe(en.get(key));
      }
    },
  );

  it('word every screening question, level, alert, cost and service category the server knows', () => {
    for (const q of QUESTIONS) expect(en.has(`protection.screening.questions.${q.code}`), q.code).toBe(true);
    for (const l of LEVELS) expect(en.has(`protection.screening.levels.${l}`), l).toBe(true);
    for (const a of ALERTS) expect(en.has(`protection.screening.alerts.${a}`), a).toBe(true);
    for (const c of COST_CATEGORIES) expect(en.has(`protection.fees.categories.${c}`), c).toBe(true);
    for (const c of SERVICE_CATEGORIES) expect(en.has(`protection.referrals.categories.${c}`), c).toBe(true);
  });

  it('stay out of the first load and reach i18next when a protection screen loads', async () => {
    for (const lang of ['en', 'es', 'fr', 'ar'] as const) expect(MESSAGES[lang]).not.toHaveProperty('protection');
    const i = i18next.createInstance();
    await i.init({ lng: 'ar', resources: { ar: { translation: MESSAGES.ar } } });
    expect(i.exists('protection.me.title')).toBe(false);
    addProtectionMessages(i);
    expect(i.t('protection.me.title')).toBe('حقوقك وتكاليفك');
    expect(i.t('nav.myProfile')).toBe(MESSAGES.ar.nav && (MESSAGES.ar.nav as Messages).myProfile);
  });
});
