// The protection screens' strings (src/web/locales/protection/*.ts) travel in the protection chunk, not in the first
// load: each protection screen calls useProtectionTranslation(), which adds them to i18next (all four languages, so
// switching language on such a screen needs no download).
import type { i18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import ar from '../locales/protection/ar.js';
import en from '../locales/protection/en.js';
import es from '../locales/protection/es.js';
import fr from '../locales/protection/fr.js';
import type { Messages } from '../locales/types.js';

export const PROTECTION_MESSAGES: Record<'en' | 'es' | 'fr' | 'ar', Messages> = { en, es, fr, ar };

const added = new WeakSet<i18n>();

export function addProtectionMessages(instance: i18n): void {
  if (added.has(instance)) return;
  for (const [lang, messages] of Object.entries(PROTECTION_MESSAGES))
    instance.addResourceBundle(lang, 'translation', messages, true, false);
  added.add(instance);
}

/** useTranslation() for a protection screen: the same, with the protection strings present. */
export function useProtectionTranslation() {
  const result = useTranslation();
  addProtectionMessages(result.i18n);
  return result;
}
