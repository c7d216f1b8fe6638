// Small pieces the protection screens share: money and days in the reader's language, a server refusal in words.
import { useEffect, useState } from 'react';
import { ApiError } from '../api.js';
import type { Loaded } from '../useApi.js';
import { errorKey } from '../errors.js';
import { formatDate } from '../i18n.js';
import type { TFunction } from 'i18next';

export function money(amount: number, currency: string, lang: string): string {
  try {
    return new Intl.NumberFormat(lang, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** A YYYY-MM-DD day in the interface language (read as a calendar day, not shifted by the time zone). */
export function day(value: string, lang: string): string {
  return formatDate(new Date(`${value}T12:00:00Z`), lang);
}

/** Today as YYYY-MM-DD in the browser's time zone (a date input's value). */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** What to say when a write failed: a refusal names its reason; anything else in general words. */
export function failure(err: unknown, t: TFunction): string {
  if (err instanceof ApiError && (err.status === 400 || err.status === 409)) {
    return t('protection.errors.server', { message: err.message });
  }
  return t(errorKey(err));
}

export function Status({ text, error }: { text: string | null; error?: boolean }) {
  return error ? (
    <p role="alert" className="error">
      {text}
    </p>
  ) : (
    <p role="status" className="ok">
      {text}
    </p>
  );
}

/** The last data loaded: a reload after a write keeps the screen (and its messages) in place meanwhile. */
export function useLatest<T>(state: Loaded<T>): T | null {
  const [latest, setLatest] = useState<T | null>(null);
  useEffect(() => {
    if (state.status === 'done') setLatest(state.data);
  }, [state]);
  return state.status === 'done' ? state.data : latest;
}
