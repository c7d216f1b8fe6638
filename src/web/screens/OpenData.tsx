// The public open-data page: platform-level figures for anyone, signed in or not — job seekers and open vacancies by
// ISCO major group (drill-down to sub-major groups), shortages, downloads — under the same protection as every
// other figure, with the ESCO attribution. Loaded lazily, like the dashboard.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EnglishLabelsNote } from '../components/Concept.js';
import { ScreenHeading } from '../components/Heading.js';
import { LoadStatus } from '../components/LoadStatus.js';
import { useApi } from '../useApi.js';
import { figuresApi, type Query } from '../labour-market/api.js';
import { addLabourMarketStrings } from '../labour-market/strings.js';
import {
  Downloads,
  MeasureChoice,
  OccupationFigures,
  OccupationPath,
  RecruitmentCosts,
  ShortagesTable,
} from '../labour-market/components.js';
import '../labour-market/labour-market.css';

export default function OpenDataScreen() {
  const { t, i18n } = useTranslation();
  addLabourMarketStrings(i18n);
  const lang = i18n.language;
  const api = figuresApi(true);
  const [measure, setMeasure] = useState<'supply' | 'demand'>('supply');
  const [major, setMajor] = useState<string | null>(null);
  const tableQuery: Query = {
    measure,
    rows: major ? 'isco2' : 'isco1',
    cols: measure === 'supply' ? 'sex' : undefined,
    lang,
    ...(major ? { 'filter.isco1': major } : {}),
  };
  const figures = useApi((signal) => api.table(tableQuery, signal), [JSON.stringify(tableQuery)]);
  const shortages = useApi((signal) => api.shortages({ level: 'isco1', lang }, signal), [lang]);
  const measureName = measure === 'supply' ? t('lm.supply') : t('lm.demand');
  return (
    <section className="screen lm" data-screen="open-data">
      <ScreenHeading title={`${t('lm.openTitle')} · ${t('app.name')}`}>{t('lm.openTitle')}</ScreenHeading>
      <p>{t('lm.openIntro')}</p>
      <EnglishLabelsNote />
      <form className="panel lm-controls" onSubmit={(e) => e.preventDefault()} aria-label={t('lm.openTitle')}>
        <MeasureChoice measure={measure} onChange={setMeasure} />
      </form>
      <section className="panel" aria-labelledby="od-occupations">
        <h2 id="od-occupations">
          {measureName} — {t('lm.occupations')}
        </h2>
        <OccupationPath path={major ? [major] : []} onGo={() => setMajor(null)} />
        <LoadStatus state={figures} />
        {figures.status === 'done' && (
          <>
            <OccupationFigures
              id="od-table"
              answer={figures.data}
              title={`${measureName} — ${figures.data.rows.name}`}
              onDrill={major ? undefined : setMajor}
            />
            <p className="muted lm-protection">{t('lm.protection', { k: figures.data.disclosure.k })}</p>
          </>
        )}
        <Downloads exportUrl={api.exportUrl} query={tableQuery} />
      </section>
      <section className="panel" aria-labelledby="od-shortages">
        <h2 id="od-shortages">{t('lm.shortages')}</h2>
        <LoadStatus state={shortages} />
        {shortages.status === 'done' && <ShortagesTable id="od-shortages" level="isco1" rows={shortages.data.rows} />}
      </section>
      <RecruitmentCosts open />
      <p className="lm-attribution">{t('lm.attribution')}</p>
    </section>
  );
}
