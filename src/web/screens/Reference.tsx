import { useTranslation } from 'react-i18next';
import { api, type ReferenceLevel } from '../api.js';
import { ScreenHeading } from '../components/Heading.js';
import { LoadStatus } from '../components/LoadStatus.js';
import { useApi } from '../useApi.js';

const BANDS = ['low', 'medium', 'high', 'basic', 'independent', 'proficient'];

/** ISCED 2011, CEFR and EQF levels; the server names them in the interface language. */
export function ReferenceScreen() {
  const { t, i18n } = useTranslation();
  const state = useApi((signal) => api.reference(i18n.language, signal), [i18n.language]);
  return (
    <section className="screen reference" data-screen="reference">
      <ScreenHeading title={`${t('levels.title')} · ${t('app.name')}`}>{t('levels.title')}</ScreenHeading>
      <p>{t('levels.intro')}</p>
      <LoadStatus state={state} />
      {state.status === 'done' && (
        <>
          <LevelTable
            id="ref-isced"
            title={t('levels.iscedHeading')}
            levels={state.data.isced}
            lang={state.data.lang}
          />
          <LevelTable id="ref-cefr" title={t('levels.cefrHeading')} levels={state.data.cefr} lang={state.data.lang} />
          <LevelTable
            id="ref-eqf"
            title={t('levels.eqfHeading')}
            levels={state.data.eqf}
            lang={state.data.lang}
            showBand={false}
          />
        </>
      )}
    </section>
  );
}

function LevelTable(props: { id: string; title: string; levels: ReferenceLevel[]; lang: string; showBand?: boolean }) {
  const { t } = useTranslation();
  const showBand = props.showBand !== false;
  return (
    // Not a landmark itself: the scrolling table below is the one region named by this heading (axe
    // landmark-unique: two regions with one name).
    <div className="panel">
      <h2 id={props.id}>{props.title}</h2>
      {/* A scrolling wrapper keeps wide tables usable at 360 px without widening the page. */}
      <div className="table-scroll" role="region" aria-labelledby={props.id} tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('levels.level')}</th>
              <th scope="col">{t('levels.name')}</th>
              {showBand && <th scope="col">{t('levels.band')}</th>}
              <th scope="col">{t('levels.description')}</th>
            </tr>
          </thead>
          <tbody lang={props.lang}>
            {props.levels.map((l) => (
              <tr key={l.code}>
                <th scope="row" className="level-code">
                  {l.code}
                </th>
                <td>{l.name}</td>
                {showBand && (
                  <td>{l.band && BANDS.includes(l.band) ? t(`levels.bands.${l.band}`) : t('levels.bands.none')}</td>
                )}
                <td className="muted">{l.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
