// Pieces the passport screens share: a passport's one-line facts, dates in the reader's language.
import type { TFunction } from 'i18next';
import type { PassportSummary } from './api.js';

export function day(iso: string, lang: string): string {
  return new Date(iso).toLocaleDateString(lang, { year: 'numeric', month: 'long', day: 'numeric' });
}

export function shownFields(p: PassportSummary, t: TFunction, lang: string): string {
  const fields = (['name', 'originCountry', 'birthYear'] as const).filter((f) => p.disclosure[f]);
  if (!fields.length) return t('passport.fields.nothing');
  // The reader's own list punctuation (Arabic uses "،" and "و").
  return new Intl.ListFormat(lang, { type: 'unit' }).format(fields.map((f) => t(`passport.fields.${f}`)));
}

export function PassportFacts({ p, t, lang }: { p: PassportSummary; t: TFunction; lang: string }) {
  return (
    <p className="passport-facts">
      <strong className={p.revokedAt ? 'badge badge-revoked' : 'badge badge-valid'}>
        {p.revokedAt ? t('passport.revokedOn', { date: day(p.revokedAt, lang) }) : t('passport.active')}
      </strong>{' '}
      {p.derivedFrom && <span className="badge">{t('passport.derived')}</span>}{' '}
      <span>{t('passport.issuedOn', { date: day(p.issuedAt, lang) })}</span> ·{' '}
      <span>{t('passport.validUntil', { date: day(p.validUntil, lang) })}</span> ·{' '}
      <span>{t('passport.skills', { count: p.skillCount })}</span> ·{' '}
      <span>{t('passport.shows', { fields: shownFields(p, t, lang) })}</span>
    </p>
  );
}
