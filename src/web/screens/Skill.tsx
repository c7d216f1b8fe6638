import { useTranslation } from 'react-i18next';
import { api } from '../api.js';
import { ConceptLayout, ConceptList, ConceptPending } from '../components/Concept.js';
import { useApi } from '../useApi.js';
import { occupationPath, skillPathOrNull } from './Explorer.js';

const TYPE_KEYS: Record<string, string> = { knowledge: 'knowledge', 'skill/competence': 'skillCompetence' };
const REUSE_KEYS: Record<string, string> = {
  transversal: 'transversal',
  'cross-sector': 'crossSector',
  'sector-specific': 'sectorSpecific',
  'occupation-specific': 'occupationSpecific',
};

export function SkillScreen({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const state = useApi((signal) => api.skill(id, i18n.language, signal), [id, i18n.language]);
  if (state.status !== 'done') return <ConceptPending screen="skill" state={state} />;

  const s = state.data;
  const typeKey = TYPE_KEYS[s.skillType];
  const reuseKey = REUSE_KEYS[s.reuseLevel];
  return (
    <ConceptLayout
      screen="skill"
      concept={s}
      facts={
        (typeKey || reuseKey) && (
          <dl className="facts">
            {typeKey && (
              <div>
                <dt>{t('explorer.skillType')}</dt>
                <dd>{t(`explorer.types.${typeKey}`)}</dd>
              </div>
            )}
            {reuseKey && (
              <div>
                <dt>{t('explorer.reuseLevel')}</dt>
                <dd>{t(`explorer.reuse.${reuseKey}`)}</dd>
              </div>
            )}
          </dl>
        )
      }
    >
      <div className="columns">
        <ConceptList
          id="skill-essential-for"
          title={t('explorer.essentialFor')}
          items={s.essentialFor}
          total={s.essentialForCount}
          countKey="explorer.occupationCount"
          lang={s.lang}
          href={occupationPath}
        />
        <ConceptList
          id="skill-optional-for"
          title={t('explorer.optionalFor')}
          items={s.optionalFor}
          total={s.optionalForCount}
          countKey="explorer.occupationCount"
          lang={s.lang}
          href={occupationPath}
        />
      </div>
      {s.broader.length > 0 && (
        <ConceptList
          id="skill-broader"
          title={t('explorer.broader')}
          items={s.broader}
          countKey="explorer.skillCount"
          lang={s.lang}
          href={skillPathOrNull}
        />
      )}
      {s.relatedSkills.length > 0 && (
        <ConceptList
          id="skill-related"
          title={t('explorer.relatedSkills')}
          items={s.relatedSkills.map((r) => ({
            ...r,
            note:
              r.relation === 'essential' || r.relation === 'optional'
                ? t(`explorer.relation.${r.relation}`)
                : undefined,
          }))}
          countKey="explorer.skillCount"
          lang={s.lang}
          href={skillPathOrNull}
        />
      )}
    </ConceptLayout>
  );
}
