// Pieces the passport screens share: a passport's one-line facts, dates in the reader's language.
import type { TFunction } from 'i18next';
import type { PassportSummary } from './api.js';

export function day(iso: string, lang: string): string {
  return new Date(iso).toLocaleDateString(lang, { year: 'numeric', month: 'long', day: 'numeric' });
}

export function shownFields(p: PassportSummary, t: TFunction): string {
  const fields = (['name', 'originCountry', 'birthYear'] as const).filter((f) => p.disclosure[f]);
  return fields.length ? fields.map((f) => t(`passport.fields.${f}`)).join(', ') : t('passport.fields.nothing');
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
      <span>{t('passport.shows', { fields: shownFields(p, t) })}</span>
    </p>
  );
}
