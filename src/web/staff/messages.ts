// The staff screens' strings (src/web/locales/staff/*.ts) travel in the staff chunks, not in the first load: each
// staff screen calls useStaffMessages() first, which adds them to i18next (all four languages, so switching language
// on a staff screen needs no extra download).
import type { i18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import ar from '../locales/staff/ar.js';
import en from '../locales/staff/en.js';
import es from '../locales/staff/es.js';
import fr from '../locales/staff/fr.js';
import type { Messages } from '../locales/types.js';

export const STAFF_MESSAGES: Record<'en' | 'es' | 'fr' | 'ar', Messages> = { en, es, fr, ar };

const added = new WeakSet<i18n>();

export function addStaffMessages(instance: i18n): void {
  if (added.has(instance)) return;
  for (const [lang, messages] of Object.entries(STAFF_MESSAGES))
    instance.addResourceBundle(lang, 'translation', messages, true, false);
  added.add(instance);
}

/** useTranslation() for a staff screen: the same, with the staff strings present. */
export function useStaffTranslation() {
  const result = useTranslation();
  addStaffMessages(result.i18n);
  return result;
}
