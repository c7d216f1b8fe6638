// The recognition screens' strings (src/web/locales/recognition/*.ts) travel in the recognition chunk, not in the first
// load: each recognition screen calls useRecognitionTranslation(), which adds them to i18next (all four languages, so
// switching language on such a screen needs no download).
import type { i18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import ar from '../locales/recognition/ar.js';
import en from '../locales/recognition/en.js';
import es from '../locales/recognition/es.js';
import fr from '../locales/recognition/fr.js';
import type { Messages } from '../locales/types.js';

export const RECOGNITION_MESSAGES: Record<'en' | 'es' | 'fr' | 'ar', Messages> = { en, es, fr, ar };

const added = new WeakSet<i18n>();

export function addRecognitionMessages(instance: i18n): void {
  if (added.has(instance)) return;
  for (const [lang, messages] of Object.entries(RECOGNITION_MESSAGES))
    instance.addResourceBundle(lang, 'translation', messages, true, false);
  added.add(instance);
}

/** useTranslation() for a recognition screen: the same, with the recognition strings present. */
export function useRecognitionTranslation() {
  const result = useTranslation();
  addRecognitionMessages(result.i18n);
  return result;
}
