import { useTranslation } from 'react-i18next';
import { api } from '../api.js';
import { AltLabels, ConceptList, DetailPending, LabelsFallback } from '../components/Concept.js';
import { ScreenHeading } from '../components/Heading.js';
import { Link } from '../components/Link.js';
import { useApi } from '../useApi.js';
import { lastExplorerPath, skillPath } from './Explorer.js';

export function OccupationScreen({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  // The server answers in the interface language when ESCO has it, else in English (and says which).
  const state = useApi((signal) => api.occupation(id, i18n.language, signal), [id, i18n.language]);
  const back = (
    <p className="back">
      <Link href={lastExplorerPath()}>{t('explorer.backToResults')}</Link>
    </p>
  );
  if (state.status !== 'done')
    return <DetailPending state={state} title={t('explorer.occupation')} back={back} screen="occupation" />;

  const o = state.data;
  return (
    <article className="screen occupation" data-screen="occupation">
      {back}
      <p className="eyebrow">{t('explorer.occupation')}</p>
      <ScreenHeading title={`${o.label} · ${t('app.name')}`}>
        <span lang={o.lang} dir="auto">
          {o.label}
        </span>
      </ScreenHeading>
      <p className="codes">
        <span>{t('explorer.escoCode', { code: o.code })}</span>
        <span>{t('explorer.iscoCode', { code: o.isco })}</span>
      </p>
      <LabelsFallback labelLang={o.lang} />
      {o.description && (
        <section aria-labelledby="occ-description">
          <h2 id="occ-description">{t('explorer.description')}</h2>
          <p lang={o.lang} dir="auto" className="prose">
            {o.description}
          </p>
        </section>
      )}
      <AltLabels labels={o.altLabels} lang={o.lang} />
      <div className="columns">
        <ConceptList
          id="occ-essential"
          title={t('explorer.essentialSkills')}
          items={o.essentialSkills}
          countKey="explorer.skillCount"
          lang={o.lang}
          href={skillPath}
        />
        <ConceptList
          id="occ-optional"
          title={t('explorer.optionalSkills')}
          items={o.optionalSkills}
          countKey="explorer.skillCount"
          lang={o.lang}
          href={skillPath}
        />
      </div>
    </article>
  );
}
