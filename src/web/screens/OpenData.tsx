// The public open-data page: platform-level figures for anyone, signed in or not — job seekers and open vacancies by
// ISCO major group (drill-down to sub-major groups), shortages, downloads — under the same protection as every
// other figure, with the ESCO attribution. Loaded lazily, like the dashboard.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenHeading } from '../components/Heading.js';
import { LoadStatus } from '../components/LoadStatus.js';
import { useApi } from '../useApi.js';
import { figuresApi, type Query } from '../labour-market/api.js';
import { addLabourMarketStrings } from '../labour-market/strings.js';
import { Figure, FiguresChart, FiguresTable, RecruitmentCosts, useNumber } from '../labour-market/components.js';
import '../labour-market/labour-market.css';

export default function OpenDataScreen() {
  const { t, i18n } = useTranslation();
  addLabourMarketStrings(i18n);
  const number = useNumber();
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
      <form className="panel lm-controls" onSubmit={(e) => e.preventDefault()} aria-label={t('lm.openTitle')}>
        <fieldset>
          <legend>{t('lm.measure')}</legend>
          {(['supply', 'demand'] as const).map((m) => (
            <label key={m} className="choice">
              <input type="radio" name="measure" value={m} checked={measure === m} onChange={() => setMeasure(m)} />
              {t(`lm.${m}`)}
            </label>
          ))}
        </fieldset>
      </form>
      <section className="panel" aria-labelledby="od-occupations">
        <h2 id="od-occupations">
          {measureName} — {t('lm.occupations')}
        </h2>
        <nav aria-label={t('lm.path')} className="lm-path">
          <ol>
            <li>
              {major ? (
                <button type="button" className="link" onClick={() => setMajor(null)}>
                  {t('lm.allOccupations')}
                </button>
              ) : (
                <span aria-current="location">{t('lm.allOccupations')}</span>
              )}
            </li>
            {major && (
              <li>
                <span aria-current="location">{major}</span>
              </li>
            )}
          </ol>
        </nav>
        <LoadStatus state={figures} />
        {figures.status === 'done' && (
          <>
            <FiguresChart answer={figures.data} title={`${measureName} — ${figures.data.rows.name}`} />
            <FiguresTable
              id="od-table"
              caption={t('lm.tableCaption', {
                measure: measureName,
                rows: figures.data.cols
                  ? `${figures.data.rows.name} × ${figures.data.cols.name}`
                  : figures.data.rows.name,
              })}
              answer={figures.data}
              rowAction={
                major
                  ? undefined
                  : (i) => {
                      const row = figures.data.rows.values[i]!;
                      if (row.code === 'unknown') return null;
                      return (
                        <button
                          type="button"
                          className="link lm-drill"
                          onClick={() => setMajor(row.code)}
                          aria-label={t('lm.drill', { label: row.label })}
                        >
                          ›
                        </button>
                      );
                    }
              }
            />
            <p className="muted lm-protection">{t('lm.protection', { k: figures.data.disclosure.k })}</p>
          </>
        )}
        <p className="lm-downloads">
          {t('lm.download')}:{' '}
          <a href={api.exportUrl(tableQuery, 'csv')} download>
            {t('lm.csv')}
          </a>{' '}
          ·{' '}
          <a href={api.exportUrl(tableQuery, 'xlsx')} download>
            {t('lm.xlsx')}
          </a>
        </p>
      </section>
      <section className="panel" aria-labelledby="od-shortages">
        <h2 id="od-shortages">{t('lm.shortages')}</h2>
        <LoadStatus state={shortages} />
        {shortages.status === 'done' && (
          <div className="table-scroll" role="region" aria-labelledby="od-shortages-caption" tabIndex={0}>
            <table className="lm-table">
              <caption id="od-shortages-caption">{t('lm.shortages')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('lm.level_isco1')}</th>
                  <th scope="col">{t('lm.supply')}</th>
                  <th scope="col">{t('lm.demand')}</th>
                  <th scope="col">{t('lm.ratio')}</th>
                  <th scope="col">{t('lm.assessment')}</th>
                </tr>
              </thead>
              <tbody>
                {shortages.data.rows.map((r) => (
                  <tr key={r.code}>
                    <th scope="row">
                      <bdi>{r.label}</bdi>
                    </th>
                    <td className="num">
                      <Figure v={r.supply} />
                    </td>
                    <td className="num">
                      <Figure v={r.demand} />
                    </td>
                    <td className="num">{number(r.ratio, 2)}</td>
                    <td>{t(`lm.assessment_${r.assessment}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <RecruitmentCosts open />
      <p className="lm-attribution">{t('lm.attribution')}</p>
    </section>
  );
}
