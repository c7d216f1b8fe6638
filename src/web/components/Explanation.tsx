// Why a person and a vacancy match: legal eligibility (the rule that applies), matched skills with their
// evidence, missing essential skills, near skills that partly count, language, education and experience fit.
import { useTranslation } from 'react-i18next';
import { countryName } from '../countries.js';
import { formatDate } from '../i18n.js';
import { languageName, permitTypeName, ruleName, sectorName } from '../names.js';
import { camel, evidenceKey, labelOf, type Explanation } from '../matching.js';

export function ExplanationView(props: {
  explanation: Explanation;
  labels: Record<string, string>;
  /** Language of the ESCO labels (English when ESCO lacks the interface language). */
  labelLang: string;
  /** Prefix for element ids, unique on the page. */
  id: string;
  /** Provenance of assessed skills by URI (the candidate card's), shown beside their evidence level. */
  assessed?: ReadonlyMap<string, { assessorName: string; assessedOn: string }>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { explanation: e, labels, labelLang, id } = props;
  const label = (uri: string) => (
    <span lang={labelLang} dir="auto">
      {labelOf(labels, uri)}
    </span>
  );
  const el = e.eligibility;
  const withheld = new Set(e.withheld);
  return (
    <div className="explanation">
      <h4 id={`${id}-eligibility`}>{t('matching.eligibilityHeading')}</h4>
      {withheld.has('workAuthorization') ? (
        <p>
          {t('matching.eligibleWithheld', {
            country: countryName(el.country, lang),
            sector: sectorName(el.sector, lang),
          })}
        </p>
      ) : (
        <p>
          {t('matching.eligible', {
            permit: permitTypeName(el.permitType, lang),
            country: countryName(el.country, lang),
            sector: sectorName(el.sector, lang),
          })}{' '}
          {/* Our words for the example rules; a rule an admin wrote keeps its own description (language unknown). */}
          <span dir="auto">{t('matching.rule', { rule: ruleName(el.ruleId, el.ruleDescription, lang) })}</span>
        </p>
      )}
      {el.example && (
        <p className="notice">
          {withheld.has('workAuthorization') ? t('matching.exampleRules') : t('matching.exampleRule')}
        </p>
      )}
      {el.location && <p>{el.location === 'relocation' ? t('matching.relocation') : t('matching.sameRegion')}</p>}

      {!withheld.has('skills') && (
        <>
          <h4>{t('matching.matchedHeading', { count: e.matched.length })}</h4>
          {e.matched.length === 0 ? (
            <p className="muted">{t('matching.noneMatched')}</p>
          ) : (
            <ul className="skill-lines">
              {e.matched.map((m) => (
                <li key={m.uri}>
                  {label(m.uri)} <span className={`badge evidence-${m.evidence}`}>{t(evidenceKey(m.evidence))}</span>
                  {m.evidence === 'assessed' && props.assessed?.get(m.uri) && (
                    <span className="muted provenance">
                      {' '}
                      {t('profile.assessedBy', {
                        name: props.assessed.get(m.uri)!.assessorName,
                        date: formatDate(new Date(`${props.assessed.get(m.uri)!.assessedOn}T12:00:00Z`), lang),
                      })}
                    </span>
                  )}
                  {!m.essential && <span className="muted"> · {t('matching.optional')}</span>}
                </li>
              ))}
            </ul>
          )}
          {e.near.length > 0 && (
            <>
              <h4>{t('matching.nearHeading')}</h4>
              <ul className="skill-lines">
                {e.near.map((n) => (
                  <li key={`${n.uri}-${n.standsInFor}`}>
                    {label(n.uri)} {t('matching.insteadOf')} {label(n.standsInFor)}{' '}
                    <span className="muted">({t(`matching.kind.${n.kind}`)})</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}

      <h4>{t('matching.missingHeading', { count: e.missingEssential.length })}</h4>
      {e.missingEssential.length === 0 ? (
        <p className="ok">{t('matching.noMissing')}</p>
      ) : (
        <ul className="skill-lines missing">
          {e.missingEssential.map((uri) => (
            <li key={uri}>{label(uri)}</li>
          ))}
        </ul>
      )}

      <h4>{t('matching.fitHeading')}</h4>
      <ul className="fit-lines">
        {!withheld.has('languages') &&
          e.languages.map((l) => (
            <li key={l.lang}>
              {t('matching.language', {
                language: languageName(l.lang, lang),
                required: l.required,
                held: l.held ?? t('matching.none'),
                fit: t(`matching.fit.${camel(l.fit)}`),
              })}
            </li>
          ))}
        {!withheld.has('education') && (
          <li>
            {e.education.fit === 'not-asked'
              ? t('matching.educationNotAsked')
              : t('matching.education', {
                  required: e.education.required,
                  held: e.education.held ?? t('matching.unknown'),
                  fit: t(`matching.fit.${camel(e.education.fit)}`),
                })}
          </li>
        )}
        {!withheld.has('experience') && (
          <li>
            {e.experience.level === 'none' || !e.experience.occupationUri ? (
              t('matching.experience.none')
            ) : (
              <>
                {t(`matching.experience.${camel(e.experience.level)}`)} {label(e.experience.occupationUri)}
              </>
            )}
          </li>
        )}
      </ul>
      {withheld.size > 0 && <p className="muted">{t('matching.withheld')}</p>}
    </div>
  );
}

/** A language code as its name in the interface language ("es" → "Spanish", "ff" → "Fula (Pulaar, Fulfulde)"). */
export { languageName } from '../names.js';

/** The engine cannot match a record yet: say so, with the engine's own reason (English, a field path). */
export function Unmatchable({ text, reason }: { text: string; reason: string }) {
  return (
    <div className="notice">
      <p>{text}</p>
      <p>
        <code lang="en" dir="ltr">
          {reason}
        </code>
      </p>
    </div>
  );
}
