// The employer's hiring guide: what a permit allows (from the eligibility rule matching applies — one source), the
// steps, documents, obligations, incentives and where to get help. On a candidate ("you can hire this person under
// permit X"), beside the vacancy form (every permit of the country), and on its own screen.
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { countryName } from '../countries.js';
import { ScreenHeading } from '../components/Heading.js';
import { CountrySelect } from '../components/Fields.js';
import { LoadStatus } from '../components/LoadStatus.js';
import { Link } from '../components/Link.js';
import { navigate } from '../router.js';
import { useApi } from '../useApi.js';
import { protectionApi, type HiringGuide } from './api.js';
import { useProtectionTranslation } from './messages.js';
import { day } from './parts.js';

export function permitName(t: TFunction, type: string): string {
  return t(`interview.permitTypes.${type}`, { defaultValue: type.replace(/-/g, ' ') });
}

export function guidesPath(country: string): string {
  return `/protection/guides?country=${encodeURIComponent(country)}`;
}

function list(items: string[], lang: string): string {
  return new Intl.ListFormat(lang, { type: 'conjunction' }).format(items);
}

/** One permit's guide; `headingLevel` fits it under the page's headings. */
export function GuideView({ guide: g, headingLevel = 3 }: { guide: HiringGuide; headingLevel?: 3 | 4 }) {
  const { t, i18n } = useProtectionTranslation();
  const lang = i18n.language;
  const H = headingLevel === 3 ? 'h3' : 'h4';
  const facts = [
    g.sectors.includes('*')
      ? t('protection.guide.sectorsAll')
      : t('protection.guide.sectors', {
          list: list(
            g.sectors.map((s) => t(`vacancy.sectors.${s}`, { defaultValue: s })),
            lang,
          ),
        }),
    g.iscoPrefixes.length === 0
      ? t('protection.guide.occupationsAll')
      : t('protection.guide.occupations', { list: list(g.iscoPrefixes, lang) }),
    ...(g.hoursPerWeek ? [t('protection.guide.hours', { count: g.hoursPerWeek })] : []),
    ...(g.changeOfEmployer ? [t(`protection.guide.change.${g.changeOfEmployer}`)] : []),
    ...(g.version !== null
      ? [
          g.durationMonths
            ? t('protection.guide.duration', { count: g.durationMonths })
            : t('protection.guide.openEnded'),
        ]
      : []),
  ];
  const sections = g.text
    ? (['steps', 'documents', 'obligations', 'incentives', 'help'] as const).filter((k) => g.text![k].length > 0)
    : [];
  return (
    <div className="guide" lang={g.text ? g.lang : undefined}>
      {g.example && <p className="notice">{t('protection.guide.example')}</p>}
      {g.reviewOverdue && <p className="notice">{t('protection.guide.reviewOverdue')}</p>}
      <H>{t('protection.guide.allows')}</H>
      {g.text && <p>{g.text.allows}</p>}
      <ul>
        {facts.map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>
      {!g.text && <p className="muted">{t('protection.guide.noGuide')}</p>}
      {sections.map((k) => (
        <div key={k}>
          <H>{t(`protection.guide.${k}`)}</H>
          {k === 'steps' ? (
            <ol>
              {g.text![k].map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ol>
          ) : (
            <ul>
              {g.text![k].map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          )}
        </div>
      ))}
      {g.version !== null && (
        <p className="muted">
          {t('protection.guide.version', { version: g.version })}
          {g.reviewBy && <> · {t('protection.guide.reviewBy', { date: day(g.reviewBy, lang) })}</>}
        </p>
      )}
    </div>
  );
}

/** On a candidate of the shortlist: the guide of the permit the person may be hired under. */
export default function CandidateHiringGuide(props: {
  id: string;
  eligibility: { ruleId: string; permitType: string; country: string };
}) {
  const { t, i18n } = useProtectionTranslation();
  const lang = i18n.language;
  const [open, setOpen] = useState(false);
  const { ruleId, permitType, country } = props.eligibility;
  const guide = useApi(
    (signal) => (open && ruleId ? protectionApi.guide(ruleId, lang, signal) : Promise.resolve(null)),
    [open, ruleId, lang],
  );
  if (!ruleId) {
    // The person did not share their permit: the employer still learns how to hire under each permit type.
    return (
      <p className="hiring-guide">
        {t('protection.guide.withheld', { country: countryName(country, lang) })}{' '}
        <Link href={guidesPath(country)}>
          {t('protection.guide.forCountry', { country: countryName(country, lang) })}
        </Link>
      </p>
    );
  }
  return (
    <div className="hiring-guide">
      <p>
        <button
          type="button"
          className="secondary"
          aria-expanded={open}
          aria-controls={`${props.id}-guide`}
          onClick={() => setOpen((o) => !o)}
        >
          {t('protection.guide.forCandidate', {
            permit: permitName(t, permitType),
            country: countryName(country, lang),
          })}
        </button>
      </p>
      <div id={`${props.id}-guide`} hidden={!open} className="panel">
        {open && <LoadStatus state={guide} />}
        {guide.status === 'done' && guide.data && <GuideView guide={guide.data} headingLevel={4} />}
      </div>
    </div>
  );
}

/** Beside the vacancy form: every permit type of the country, folded. */
export function CountryHiringGuides({ country }: { country: string }) {
  const { t, i18n } = useProtectionTranslation();
  const lang = i18n.language;
  const state = useApi(
    (signal) => (country ? protectionApi.guides(country, lang, signal) : Promise.resolve({ items: [] })),
    [country, lang],
  );
  if (!country) return null;
  return (
    <details className="hiring-guide">
      <summary>{t('protection.guide.forCountry', { country: countryName(country, lang) })}</summary>
      <LoadStatus state={state} />
      {state.status === 'done' &&
        (state.data.items.length === 0 ? (
          <p className="muted">{t('protection.guide.none')}</p>
        ) : (
          state.data.items.map((g) => (
            <section key={g.ruleId} aria-label={permitName(t, g.permitType)}>
              <h3>{permitName(t, g.permitType)}</h3>
              <GuideView guide={g} headingLevel={4} />
            </section>
          ))
        ))}
    </details>
  );
}

export function GuidesScreen({ country }: { country: string }) {
  const { t, i18n } = useProtectionTranslation();
  const lang = i18n.language;
  const state = useApi(
    (signal) => (country ? protectionApi.guides(country, lang, signal) : Promise.resolve({ items: [] })),
    [country, lang],
  );
  return (
    <section className="screen guides" data-screen="guides">
      <ScreenHeading title={`${t('protection.guide.screenTitle')} · ${t('app.name')}`}>
        {t('protection.guide.screenTitle')}
      </ScreenHeading>
      <div className="field">
        <label htmlFor="guide-country">{t('protection.guide.country')}</label>
        <CountrySelect
          id="guide-country"
          placeholder={t('protection.transfer.choose')}
          value={country}
          onChange={(c) => navigate(guidesPath(c), { replace: true })}
        />
      </div>
      <LoadStatus state={state} />
      {state.status === 'done' && country && state.data.items.length === 0 && (
        <p className="muted">{t('protection.guide.none')}</p>
      )}
      {state.status === 'done' &&
        state.data.items.map((g) => (
          <section key={g.ruleId} className="panel" aria-labelledby={`guide-${g.ruleId}`}>
            <h2 id={`guide-${g.ruleId}`}>{permitName(t, g.permitType)}</h2>
            <GuideView guide={g} />
          </section>
        ))}
    </section>
  );
}
