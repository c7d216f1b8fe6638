import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type OccupationDetail, type SkillRef } from '../api.js';
import { ScreenHeading } from '../components/Heading.js';
import { Link } from '../components/Link.js';
import { errorKey } from '../errors.js';
import { contentLanguage } from '../i18n.js';
import { explorerPath, lastExplorerPath } from './Explorer.js';

type State =
  { status: 'loading' } | { status: 'error'; key: string } | { status: 'done'; occupation: OccupationDetail };

export function OccupationScreen({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const lang = contentLanguage(i18n.language);
  const [state, setState] = useState<State>({ status: 'loading' });

  useEffect(() => {
    const ctrl = new AbortController();
    setState({ status: 'loading' });
    api.occupation(id, lang, ctrl.signal).then(
      (occupation) => setState({ status: 'done', occupation }),
      (err: unknown) => {
        if (!ctrl.signal.aborted) setState({ status: 'error', key: errorKey(err) });
      },
    );
    return () => ctrl.abort();
  }, [id, lang]);

  const back = (
    <p className="back">
      <Link href={lastExplorerPath()}>{t('explorer.backToResults')}</Link>
    </p>
  );

  if (state.status !== 'done') {
    const title = t('explorer.occupation');
    return (
      <section className="screen" data-screen="occupation">
        {back}
        <ScreenHeading title={`${title} · ${t('app.name')}`}>{title}</ScreenHeading>
        {state.status === 'loading' ? (
          <p role="status">{t('app.loading')}</p>
        ) : (
          <p role="alert" className="error">
            {t(state.key)}
          </p>
        )}
      </section>
    );
  }

  const o = state.occupation;
  return (
    <article className="screen occupation" data-screen="occupation">
      {back}
      <p className="eyebrow">{t('explorer.occupation')}</p>
      <ScreenHeading title={`${o.label} · ${t('app.name')}`}>
        <span lang={lang}>{o.label}</span>
      </ScreenHeading>
      <p className="codes">
        <span>{t('explorer.escoCode', { code: o.code })}</span>
        <span>{t('explorer.iscoCode', { code: o.isco })}</span>
      </p>
      {o.description && (
        <section aria-labelledby="occ-description">
          <h2 id="occ-description">{t('explorer.description')}</h2>
          <p lang={lang} className="prose">
            {o.description}
          </p>
        </section>
      )}
      <div className="skill-columns">
        <SkillList id="occ-essential" title={t('explorer.essentialSkills')} skills={o.essentialSkills} lang={lang} />
        <SkillList id="occ-optional" title={t('explorer.optionalSkills')} skills={o.optionalSkills} lang={lang} />
      </div>
    </article>
  );
}

function SkillList(props: { id: string; title: string; skills: SkillRef[]; lang: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>
        {props.title} <span className="count">({t('explorer.skillCount', { count: props.skills.length })})</span>
      </h2>
      {props.skills.length === 0 ? (
        <p className="muted">{t('explorer.noSkills')}</p>
      ) : (
        <ul className="skill-list">
          {props.skills.map((s) => (
            <li key={s.uri}>
              <Link href={explorerPath(s.label, 'skill')} lang={props.lang} title={t('explorer.searchSkill')}>
                {s.label}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
