// Pieces the recognition screens share: ESCO labels by URI, a decision in the reader's language, a refusal in words.
import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { ApiError, request } from '../api.js';
import { countryName } from '../countries.js';
import { errorKey } from '../errors.js';
import { contentLanguage, formatDate } from '../i18n.js';
import type { RecognitionCase, SkillProvenance } from './api.js';
import { useRecognitionTranslation } from './messages.js';

/** Labels of ESCO concepts in the interface language (English where ESCO has none). */
export function useConceptLabels(uris: readonly string[]): Record<string, string> {
  const { i18n } = useRecognitionTranslation();
  const lang = contentLanguage(i18n.language);
  const [labels, setLabels] = useState<Record<string, string>>({});
  const key = [...new Set(uris)].sort().join(' ');
  useEffect(() => {
    if (!key) return;
    const ctrl = new AbortController();
    request<{ labels: Record<string, string> }>('POST', '/taxonomy/labels', {
      body: { uris: key.split(' '), lang },
      signal: ctrl.signal,
    }).then(
      (r) => setLabels(r.labels),
      () => undefined, // the codes stay visible; the screen still works
    );
    return () => ctrl.abort();
  }, [key, lang]);
  return labels;
}

export function Concept({ uri, labels }: { uri: string; labels: Record<string, string> }) {
  const { i18n } = useRecognitionTranslation();
  return (
    <span lang={contentLanguage(i18n.language)} dir="auto">
      {labels[uri] ?? uri.slice(uri.lastIndexOf('/') + 1)}
    </span>
  );
}

export function day(value: string, lang: string): string {
  return formatDate(new Date(value.length === 10 ? `${value}T12:00:00Z` : value), lang);
}

export function failure(err: unknown, t: TFunction): string {
  if (err instanceof ApiError && (err.status === 400 || err.status === 409 || err.status === 413))
    return t('recognition.serverError', { message: err.message });
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

export function place(body: string, country: string, lang: string, t: TFunction): string {
  return t('recognition.qualification.awarded', { body, country: countryName(country, lang) });
}

/** A decision as the person reads it: outcome, level, what it opens or lacks, and why — in their language. */
export function DecisionView({ c }: { c: RecognitionCase }) {
  const { t, i18n } = useRecognitionTranslation();
  const labels = useConceptLabels([...c.occupationUris, ...c.missingSkills]);
  if (!c.outcome || c.status !== 'decided') return <p className="muted">{t('recognition.decision.pending')}</p>;
  return (
    <div className="recognition-decision" data-outcome={c.outcome}>
      <p>
        <strong className={`outcome outcome-${c.outcome}`}>{t(`recognition.outcomes.${c.outcome}`)}</strong>
        {c.eqfLevel ? <> · {t('recognition.eqf', { level: c.eqfLevel })}</> : null}
      </p>
      {c.decidedAt && (
        <p className="muted">{t('recognition.decision.decidedOn', { date: day(c.decidedAt, i18n.language) })}</p>
      )}
      {c.decidedByOrganisationName && (
        <p className="muted" data-assessed-by>
          {t('recognition.decision.assessedBy', { organisation: c.decidedByOrganisationName })}
        </p>
      )}
      {c.comparableQualification && (
        <p>
          {t('recognition.decision.comparable', { name: '' })}
          <span dir="auto">{c.comparableQualification}</span>
        </p>
      )}
      {c.occupationUris.length > 0 && (
        <>
          <h4>{t('recognition.decision.occupations')}</h4>
          <ul>
            {c.occupationUris.map((u) => (
              <li key={u}>
                <Concept uri={u} labels={labels} />
              </li>
            ))}
          </ul>
        </>
      )}
      {c.missingSkills.length > 0 && (
        <>
          <h4>{t('recognition.decision.missing')}</h4>
          <ul>
            {c.missingSkills.map((u) => (
              <li key={u}>
                <Concept uri={u} labels={labels} />
              </li>
            ))}
          </ul>
        </>
      )}
      {c.compensation.length > 0 && (
        <>
          <h4>{t('recognition.decision.training')}</h4>
          <ul>
            {c.compensation.map((o) => (
              <li key={o.offerId} dir="auto">
                {o.title}
              </li>
            ))}
          </ul>
        </>
      )}
      {c.reasons.length > 0 && (
        <>
          <h4>{t('recognition.decision.reasons')}</h4>
          <ul>
            {c.reasons.map((r) => (
              <li key={r}>{t(`recognition.reasons.${r}`)}</li>
            ))}
          </ul>
        </>
      )}
      {c.decisionNote && (
        <>
          <h4>{t('recognition.decision.note')}</h4>
          <p dir="auto">{c.decisionNote}</p>
        </>
      )}
    </div>
  );
}

/** "assessed by … on … (method)" beside a skill. */
export function ProvenanceNote({ p }: { p: SkillProvenance }) {
  const { t, i18n } = useRecognitionTranslation();
  return (
    <span className="provenance muted">
      {t('recognition.provenance', {
        name: p.assessorName,
        date: day(p.assessedOn, i18n.language),
        method: t(`recognition.methods.${p.method}`),
      })}
    </span>
  );
}
