import { useTranslation } from 'react-i18next';
import { api } from '../api.js';
import { ConceptLayout, ConceptList, ConceptPending } from '../components/Concept.js';
import { useApi } from '../useApi.js';
import { skillPath } from './Explorer.js';

export function OccupationScreen({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  // The server answers in the interface language when ESCO has it, else in English (and says which).
  const state = useApi((signal) => api.occupation(id, i18n.language, signal), [id, i18n.language]);
  if (state.status !== 'done') return <ConceptPending screen="occupation" state={state} />;

  const o = state.data;
  return (
    <ConceptLayout
      screen="occupation"
      concept={o}
      facts={
        <p className="codes">
          <span>{t('explorer.escoCode', { code: o.code })}</span>
          <span>{t('explorer.iscoCode', { code: o.isco })}</span>
        </p>
      }
    >
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
    </ConceptLayout>
  );
}
