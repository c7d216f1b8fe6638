// Interface languages, their writing direction, and locale-aware formatting. All four languages are
// bundled: on a slow link one extra round trip for a language file costs more than its few kilobytes.
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.js';
import es from './locales/es.js';
import fr from './locales/fr.js';
import ar from './locales/ar.js';
import type { Messages } from './locales/types.js';

export const LANGUAGES = ['en', 'es', 'fr', 'ar'] as const;
export type UiLanguage = (typeof LANGUAGES)[number];

export const MESSAGES: Record<UiLanguage, Messages> = { en, es, fr, ar };

const STORAGE_KEY = 'corridor.lang';

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function directionOf(lang: string): 'rtl' | 'ltr' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

/** The saved choice wins; otherwise the first browser language Corridor speaks; otherwise English. */
export function pickLanguage(saved: string | null, browserLanguages: readonly string[]): UiLanguage {
  if (isUiLanguage(saved)) return saved;
  for (const tag of browserLanguages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isUiLanguage(base)) return base;
  }
  return 'en';
}

/** The interface language a BCP-47 contact language maps to (`ar-EG` → `ar`), or null when Corridor lacks it. */
export function uiLanguageOf(tag: string | null | undefined): UiLanguage | null {
  const base = tag?.toLowerCase().split('-')[0];
  return isUiLanguage(base) ? base : null;
}

/** Whether this browser holds a language someone chose (the switch, or a contact language adopted before). */
export function hasSavedLanguage(): boolean {
  return isUiLanguage(readSavedLanguage());
}

/**
 * A migrant signed in on a browser with no language chosen yet: speak their stored contact language when
 * Corridor has it. Returns whether the language changed.
 */
export async function adoptContactLanguage(instance: i18n, contactLanguage: string | null): Promise<boolean> {
  const lang = uiLanguageOf(contactLanguage);
  if (!lang || hasSavedLanguage()) return false;
  if (lang === instance.language) {
    saveLanguage(lang);
    return false;
  }
  await instance.changeLanguage(lang);
  return true;
}

function saveLanguage(lng: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // not fatal: the choice just won't survive a reload
  }
}

function readSavedLanguage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage can be disabled (private mode, strict settings)
  }
}

/** Reflects the language on <html> so screen readers, fonts and the CSS logical properties follow it. */
function applyToDocument(lang: string): void {
  document.documentElement.lang = lang;
  document.documentElement.dir = directionOf(lang);
}

export async function initI18n(): Promise<i18n> {
  const lang = pickLanguage(readSavedLanguage(), navigator.languages ?? [navigator.language]);
  const instance = i18next.createInstance();
  instance.use(initReactI18next);
  // Only changes after start-up are saved: the language guessed from the browser is not a choice, so a migrant's
  // stored contact language can still take over on a new device.
  let started = false;
  instance.on('languageChanged', (lng) => {
    applyToDocument(lng);
    if (started) saveLanguage(lng);
  });
  await instance.init({
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: MESSAGES[l] }])),
    lng: lang,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  started = true;
  applyToDocument(lang);
  return instance;
}

/**
 * A language's name in the interface language, e.g. `ar-EG` → "Egyptian Arabic": Intl, or our own names for the
 * languages browsers cannot name (Fula/Pulaar, Soninke, Tamazight…); the code if unknown.
 */
export { languageName } from '../shared/vocabulary.js';

/** Dates through Intl, so month names and digits follow the interface language. */
export function formatDate(date: Date, lang: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long' }).format(date);
}

// ESCO labels exist in English, Spanish and French; other interface languages show English labels,
// marked lang="en" so screen readers switch voice.
const CONTENT_LANGUAGES = ['en', 'es', 'fr'];

export function contentLanguage(uiLang: string): string {
  return CONTENT_LANGUAGES.includes(uiLang) ? uiLang : 'en';
}
