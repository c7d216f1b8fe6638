// The person's own view, made for a phone: their qualifications and the decisions on them in their language, an
// appeal where a decision is not a full recognition, and the skills an assessor confirmed, with who, when and how.
import { useState } from 'react';
import { request } from '../api.js';
import { ScreenHeading } from '../components/Heading.js';
import { LoadStatus } from '../components/LoadStatus.js';
import { useApi } from '../useApi.js';
import { recognitionApi } from './api.js';
import { useRecognitionTranslation } from './messages.js';
import { Concept, day, useConceptLabels } from './parts.js';
import { QualificationList } from './Qualifications.js';

export default function MyQualificationsScreen({ migrantId: known }: { migrantId: string | null }) {
  const { t, i18n } = useRecognitionTranslation();
  const [reload, setReload] = useState(0);
  const state = useApi(
    async (signal) => {
      const id = known ?? (await request<{ migrantId?: string | null }>('GET', '/me', { signal })).migrantId ?? null;
      return id ? recognitionApi.person(id, signal) : null;
    },
    [known, reload],
  );
  const person = state.status === 'done' ? state.data : null;
  const labels = useConceptLabels(person?.assessedSkills.map((s) => s.skillUri) ?? []);
  return (
    <section className="screen recognition my-qualifications" data-screen="my-qualifications">
      <ScreenHeading title={`${t('recognition.mine.title')} · ${t('app.name')}`}>
        {t('recognition.mine.title')}
      </ScreenHeading>
      <p>{t('recognition.mine.intro')}</p>
      <LoadStatus state={state} />
      {person && (
        <>
          <QualificationList person={person} onChanged={() => setReload((n) => n + 1)} />
          <section className="panel" aria-labelledby="assessed-title">
            <h2 id="assessed-title">{t('recognition.mine.assessedTitle')}</h2>
            {person.assessedSkills.length === 0 ? (
              <p className="muted">{t('recognition.mine.noAssessed')}</p>
            ) : (
              <ul className="assessed-skills">
                {person.assessedSkills.map((s) => (
                  <li key={s.skillUri} data-evidence="assessed">
                    <Concept uri={s.skillUri} labels={labels} />
                    <br />
                    <span className="muted">
                      {t('recognition.mine.assessedBy', {
                        method: t(`recognition.methods.${s.method}`),
                        name: s.assessorName,
                        date: day(s.assessedOn, i18n.language),
                      })}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </section>
  );
}
