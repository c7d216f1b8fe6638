// The analyst dashboard: protected figures of the caller's organisation or of every organisation — supply and
// demand by occupation with drill-down from ISCO major group to unit group, split by a second dimension, in a
// country or region; shortages; skills demanded vs held; time to fill; the corridor view with its PDF brief; official
// figures and their import. Loaded lazily: phones and other roles never download it or the chart library.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EnglishLabelsNote } from '../components/Concept.js';
import { ScreenHeading } from '../components/Heading.js';
import { LoadStatus } from '../components/LoadStatus.js';
import { errorKey } from '../errors.js';
import { ApiError } from '../api.js';
import { useApi } from '../useApi.js';
import { figuresApi, type FigureTable, type Query } from '../labour-market/api.js';
import { addLabourMarketStrings } from '../labour-market/strings.js';
import {
  BarChart,
  CitizenshipFilter,
  Downloads,
  Figure,
  MeasureChoice,
  OccupationFigures,
  OccupationPath,
  RecruitmentCosts,
  ShortagesTable,
  shortLabel,
  useNumber,
} from '../labour-market/components.js';
import '../labour-market/labour-market.css';

const ISCO_LEVELS = ['isco1', 'isco2', 'isco3', 'isco4'] as const;
const BREAKDOWNS = ['', 'sex', 'ageGroup', 'iscedBand', 'migrationStatus', 'originCountry', 'citizenship'] as const;
const PEOPLE_ONLY = ['sex', 'ageGroup', 'iscedBand', 'migrationStatus', 'originCountry', 'citizenship'];

export default function LabourMarketScreen({ role }: { role: string }) {
  const { t, i18n } = useTranslation();
  addLabourMarketStrings(i18n);
  const lang = i18n.language;
  const platformOnly = role === 'platform_admin';
  const [scope, setScope] = useState<'organisation' | 'platform'>(platformOnly ? 'platform' : 'organisation');
  const [measure, setMeasure] = useState<'supply' | 'demand'>('supply');
  const [breakdown, setBreakdown] = useState<string>('');
  const [country, setCountry] = useState('');
  const [region, setRegion] = useState('');
  const [citizenship, setCitizenship] = useState('');
  // The drill-down path: ISCO codes chosen so far (major group, then sub-major, …).
  const [path, setPath] = useState<string[]>([]);
  const api = figuresApi(false);

  const place: Query = { 'filter.country': country || undefined, 'filter.region': region || undefined };
  const level = ISCO_LEVELS[Math.min(path.length, 3)]!;
  const drillFilter: Query = path.length ? { [`filter.isco${path.length}`]: path[path.length - 1] } : {};
  const cols = measure === 'demand' && PEOPLE_ONLY.includes(breakdown) ? '' : breakdown;
  // Citizenship is about people: it filters the job seekers' table only (shortages and gaps compare with vacancies).
  const people: Query = measure === 'supply' ? { 'filter.citizenship': citizenship || undefined } : {};
  const tableQuery: Query = {
    measure,
    rows: level,
    cols: cols || undefined,
    scope,
    lang,
    ...place,
    ...people,
    ...drillFilter,
  };

  const countries = useApi(
    (signal) => api.table({ measure: 'supply', rows: 'country', scope: 'platform', lang, limit: '200' }, signal),
    [lang],
  );
  const regions = useApi(
    (signal) =>
      country
        ? api.table({ measure: 'supply', rows: 'region', scope: 'platform', lang, 'filter.country': country }, signal)
        : Promise.resolve(null),
    [country, lang],
  );
  const figures = useApi((signal) => api.table(tableQuery, signal), [JSON.stringify(tableQuery)]);

  const measureName = measure === 'supply' ? t('lm.supply') : t('lm.demand');
  return (
    <section className="screen lm" data-screen="labour-market">
      <ScreenHeading title={`${t('lm.title')} · ${t('app.name')}`}>{t('lm.title')}</ScreenHeading>
      <p>{t('lm.intro')}</p>
      <EnglishLabelsNote />

      <form className="panel lm-controls" onSubmit={(e) => e.preventDefault()} aria-label={t('lm.title')}>
        {!platformOnly && (
          <fieldset>
            <legend>{t('lm.scope')}</legend>
            {(['organisation', 'platform'] as const).map((s) => (
              <label key={s} className="choice">
                <input type="radio" name="scope" value={s} checked={scope === s} onChange={() => setScope(s)} />
                {s === 'organisation' ? t('lm.scopeOrganisation') : t('lm.scopePlatform')}
              </label>
            ))}
          </fieldset>
        )}
        <MeasureChoice measure={measure} onChange={setMeasure} />
        <label>
          {t('lm.breakdown')}
          <select value={breakdown} onChange={(e) => setBreakdown(e.target.value)}>
            {BREAKDOWNS.map((b) => (
              <option key={b} value={b} disabled={measure === 'demand' && PEOPLE_ONLY.includes(b)}>
                {b ? t(`lm.dim_${b}`) : t('lm.none')}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('lm.country')}
          <select
            value={country}
            onChange={(e) => {
              setCountry(e.target.value);
              setRegion('');
            }}
          >
            <option value="">{t('lm.anyCountry')}</option>
            {countries.status === 'done' &&
              countries.data.rows.values
                .filter((c) => c.code !== 'unknown')
                .map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.label}
                  </option>
                ))}
          </select>
        </label>
        <label>
          {t('lm.region')}
          <select value={region} onChange={(e) => setRegion(e.target.value)} disabled={!country}>
            <option value="">{t('lm.anyRegion')}</option>
            {regions.status === 'done' &&
              regions.data?.rows.values.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.label}
                </option>
              ))}
          </select>
        </label>
        <CitizenshipFilter value={citizenship} onChange={setCitizenship} disabled={measure === 'demand'} />
      </form>

      <section className="panel" aria-labelledby="lm-occupations">
        <h2 id="lm-occupations">
          {measureName} — {t('lm.occupations')}
        </h2>
        <OccupationPath path={path} onGo={(depth) => setPath(path.slice(0, depth))} />
        <LoadStatus state={figures} />
        {figures.status === 'done' && (
          <OccupationFigures
            id="lm-occupations-table"
            answer={figures.data}
            title={`${measureName} — ${figures.data.rows.name}`}
            onDrill={path.length < 3 ? (code) => setPath([...path, code]) : undefined}
          />
        )}
        <Downloads exportUrl={api.exportUrl} query={tableQuery} />
        {figures.status === 'done' && (
          <p className="muted lm-protection">{t('lm.protection', { k: figures.data.disclosure.k })}</p>
        )}
      </section>

      <Shortages scope={scope} place={place} />
      <SkillGaps scope={scope} place={place} />
      <TimeToFill scope={scope} place={place} />
      <Placements scope={scope} />
      <RecruitmentCosts open={false} scope={scope} />
      <CorridorPanel scope={scope} countries={countries.status === 'done' ? countries.data : null} />
      <OfficialFigures country={country} mayImport={role === 'analyst' || role === 'platform_admin'} />
    </section>
  );
}

function Shortages({ scope, place }: { scope: string; place: Query }) {
  const { t, i18n } = useTranslation();
  const [level, setLevel] = useState('isco2');
  const api = figuresApi(false);
  const q = { level, scope, lang: i18n.language, ...place };
  const state = useApi((signal) => api.shortages(q, signal), [JSON.stringify(q)]);
  return (
    <section className="panel" aria-labelledby="lm-shortages">
      <h2 id="lm-shortages">{t('lm.shortages')}</h2>
      <label>
        {t('lm.shortageLevel')}
        <select value={level} onChange={(e) => setLevel(e.target.value)}>
          {['isco1', 'isco2', 'isco4'].map((l) => (
            <option key={l} value={l}>
              {t(`lm.level_${l}`)}
            </option>
          ))}
        </select>
      </label>
      <LoadStatus state={state} />
      {state.status === 'done' && (
        <ShortagesTable id="lm-shortages" level={level} rows={state.data.rows.slice(0, 40)} />
      )}
    </section>
  );
}

function SkillGaps({ scope, place }: { scope: string; place: Query }) {
  const { t, i18n } = useTranslation();
  const number = useNumber();
  const [level, setLevel] = useState('skillCollection');
  const api = figuresApi(false);
  const q = { level, scope, lang: i18n.language, limit: '15', ...place };
  const state = useApi((signal) => api.skillGaps(q, signal), [JSON.stringify(q)]);
  return (
    <section className="panel" aria-labelledby="lm-gaps">
      <h2 id="lm-gaps">{t('lm.skillGaps')}</h2>
      <label>
        {t('lm.skillLevel')}
        <select value={level} onChange={(e) => setLevel(e.target.value)}>
          {['skillCollection', 'skillGroup', 'skill'].map((l) => (
            <option key={l} value={l}>
              {t(`lm.level_${l}`)}
            </option>
          ))}
        </select>
      </label>
      <LoadStatus state={state} />
      {state.status === 'done' && (
        <>
          <BarChart
            title={t('lm.skillGaps')}
            labels={state.data.rows.map((r) => shortLabel(r.label))}
            series={[
              { label: t('lm.heldShare'), values: state.data.rows.map((r) => r.heldShare) },
              { label: t('lm.demandedShare'), values: state.data.rows.map((r) => r.demandedShare) },
            ]}
          />
          <div className="table-scroll" role="region" aria-labelledby="lm-gaps-caption" tabIndex={0}>
            <table className="lm-table">
              <caption id="lm-gaps-caption">{t('lm.skillGaps')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(`lm.level_${level}`)}</th>
                  <th scope="col">{t('lm.held')}</th>
                  <th scope="col">{t('lm.heldShare')}</th>
                  <th scope="col">{t('lm.demanded')}</th>
                  <th scope="col">{t('lm.demandedShare')}</th>
                  <th scope="col">{t('lm.gap')}</th>
                </tr>
              </thead>
              <tbody>
                {state.data.rows.map((r) => (
                  <tr key={r.code}>
                    <th scope="row">
                      <bdi>{r.label}</bdi>
                    </th>
                    <td className="num">
                      <Figure v={r.held} />
                    </td>
                    <td className="num">{number(r.heldShare, 1)}</td>
                    <td className="num">
                      <Figure v={r.demanded} />
                    </td>
                    <td className="num">{number(r.demandedShare, 1)}</td>
                    <td className="num">{number(r.gap, 1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function TimeToFill({ scope, place }: { scope: string; place: Query }) {
  const { t, i18n } = useTranslation();
  const number = useNumber();
  const api = figuresApi(false);
  const q = { level: 'isco1', scope, lang: i18n.language, ...place };
  const state = useApi((signal) => api.timeToFill(q, signal), [JSON.stringify(q)]);
  return (
    <section className="panel" aria-labelledby="lm-ttf">
      <h2 id="lm-ttf">{t('lm.timeToFill')}</h2>
      <LoadStatus state={state} />
      {state.status === 'done' && state.data.rows.length === 0 && <p>{t('lm.noClosed')}</p>}
      {state.status === 'done' && state.data.rows.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="lm-ttf-caption" tabIndex={0}>
          <table className="lm-table">
            <caption id="lm-ttf-caption">{t('lm.timeToFill')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('lm.level_isco1')}</th>
                <th scope="col">{t('lm.closed')}</th>
                <th scope="col">{t('lm.medianDays')}</th>
                <th scope="col">{t('lm.meanDays')}</th>
              </tr>
            </thead>
            <tbody>
              {state.data.rows.map((r) => (
                <tr key={r.code}>
                  <th scope="row">
                    <bdi>{r.label}</bdi>
                  </th>
                  <td className="num">
                    <Figure v={r.count} />
                  </td>
                  <td className="num">
                    {r.medianDays === null ? (
                      <Figure v={{ value: null, status: 'suppressed' }} />
                    ) : (
                      number(r.medianDays)
                    )}
                  </td>
                  <td className="num">
                    {r.meanDays === null ? <Figure v={{ value: null, status: 'suppressed' }} /> : number(r.meanDays)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Placements recorded as case outcomes (protection) in the last 12 months, by ISCO major group. */
function Placements({ scope }: { scope: string }) {
  const { t, i18n } = useTranslation();
  const number = useNumber();
  const api = figuresApi(false);
  const to = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const from = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
  const q = { level: 'isco1', from, to, scope, lang: i18n.language };
  const state = useApi((signal) => api.placements(q, signal), [JSON.stringify(q)]);
  const days = (v: number | null) => (v === null ? <Figure v={{ value: null, status: 'suppressed' }} /> : number(v));
  return (
    <section className="panel" aria-labelledby="lm-placements">
      <h2 id="lm-placements">{t('lm.placements')}</h2>
      <p>{t('lm.placementsIntro')}</p>
      <LoadStatus state={state} />
      {state.status === 'done' && (!state.data.available || state.data.rows.length === 0) && (
        <p>{t('lm.noPlacements')}</p>
      )}
      {state.status === 'done' && state.data.rows.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="lm-placements-caption" tabIndex={0}>
          <table className="lm-table">
            <caption id="lm-placements-caption">{t('lm.placements')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('lm.level_isco1')}</th>
                <th scope="col">{t('lm.placed')}</th>
                <th scope="col">{t('lm.medianDaysToPlacement')}</th>
                <th scope="col">{t('lm.meanDaysToPlacement')}</th>
              </tr>
            </thead>
            <tbody>
              {state.data.rows.map((r) => (
                <tr key={r.code}>
                  <th scope="row">
                    <bdi>{r.label}</bdi>
                  </th>
                  <td className="num">
                    <Figure v={r.placements} />
                  </td>
                  <td className="num">{days(r.medianDaysToPlacement)}</td>
                  <td className="num">{days(r.meanDaysToPlacement)}</td>
                </tr>
              ))}
            </tbody>
            {state.data.total && (
              <tfoot>
                <tr>
                  <th scope="row">{t('lm.total')}</th>
                  <td className="num">
                    <Figure v={state.data.total} />
                  </td>
                  <td />
                  <td />
                </tr>
              </tfoot>
            )}
          </table>
        </div>
      )}
    </section>
  );
}

function CorridorPanel({ scope, countries }: { scope: string; countries: FigureTable | null }) {
  const { t, i18n } = useTranslation();
  const api = figuresApi(false);
  const [choice, setChoice] = useState({ origin: 'MA', destination: 'ES' });
  const [asked, setAsked] = useState(choice);
  const q = { ...asked, scope, lang: i18n.language };
  const state = useApi((signal) => api.corridor(q, signal), [JSON.stringify(q)]);
  const options = countries?.rows.values.filter((c) => c.code !== 'unknown') ?? [];
  const names = new Intl.DisplayNames([i18n.language], { type: 'region' });
  const known = new Set(options.map((o) => o.code));
  const all = [
    ...options,
    ...['MA', 'ES'].filter((c) => !known.has(c)).map((code) => ({ code, label: names.of(code) ?? code })),
  ];
  return (
    <section className="panel" aria-labelledby="lm-corridor">
      <h2 id="lm-corridor">{t('lm.corridor')}</h2>
      <p>{t('lm.corridorIntro')}</p>
      <form
        className="lm-corridor-form"
        onSubmit={(e) => {
          e.preventDefault();
          setAsked(choice);
        }}
      >
        {(['origin', 'destination'] as const).map((k) => (
          <label key={k}>
            {t(`lm.${k}`)}
            <select value={choice[k]} onChange={(e) => setChoice({ ...choice, [k]: e.target.value })}>
              {all.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
        ))}
        <button type="submit">{t('lm.show')}</button>
      </form>
      <LoadStatus state={state} />
      {state.status === 'done' && (
        <>
          <p>
            {t('lm.pool', { origin: state.data.originName, total: '' })}
            <Figure v={state.data.pool.total} />
          </p>
          {state.data.occupations.length === 0 ? (
            <p>{t('lm.noShortage')}</p>
          ) : (
            <div className="table-scroll" role="region" aria-labelledby="lm-corridor-caption" tabIndex={0}>
              <table className="lm-table">
                <caption id="lm-corridor-caption">
                  {state.data.originName} → {state.data.destinationName}
                </caption>
                <thead>
                  <tr>
                    <th scope="col" rowSpan={2}>
                      {t('lm.level_isco4')}
                    </th>
                    <th scope="col" rowSpan={2}>
                      {t('lm.demand')}
                    </th>
                    <th scope="colgroup" colSpan={3}>
                      {t('lm.coveredCol')}
                    </th>
                    <th scope="colgroup" colSpan={3}>
                      {t('lm.awayCol')}
                    </th>
                    <th scope="col" rowSpan={2}>
                      {t('lm.source')}
                    </th>
                  </tr>
                  <tr>
                    {[0, 1].map((g) =>
                      ['total', 'women', 'men'].map((c) => (
                        <th scope="col" key={`${g}${c}`}>
                          {t(`lm.${c}`)}
                        </th>
                      )),
                    )}
                  </tr>
                </thead>
                <tbody>
                  {state.data.occupations.map((o) => (
                    <tr key={o.isco}>
                      <th scope="row">
                        <bdi>{o.label}</bdi>
                      </th>
                      <td className="num">
                        <Figure v={o.demand} />
                      </td>
                      {[o.covered, o.oneTrainingAway].map((c, g) => (
                        <FigureTriple key={g} total={c.total} women={c.bySex.female} men={c.bySex.male} />
                      ))}
                      <td>
                        {o.sources
                          .map((s) => (s === 'vacancies' ? t('lm.sourceVacancies') : t('lm.sourceOfficial')))
                          .join(', ')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p>
            <a href={api.briefUrl(q)} download>
              {t('lm.brief')}
            </a>
          </p>
        </>
      )}
    </section>
  );
}

function FigureTriple(props: {
  total: Parameters<typeof Figure>[0]['v'];
  women?: Parameters<typeof Figure>[0]['v'];
  men?: Parameters<typeof Figure>[0]['v'];
}) {
  const zero = { value: 0, status: 'zero' as const };
  return (
    <>
      <td className="num">
        <Figure v={props.total} />
      </td>
      <td className="num">
        <Figure v={props.women ?? zero} />
      </td>
      <td className="num">
        <Figure v={props.men ?? zero} />
      </td>
    </>
  );
}

function OfficialFigures({ country, mayImport }: { country: string; mayImport: boolean }) {
  const { t } = useTranslation();
  const number = useNumber();
  const api = figuresApi(false);
  const [version, setVersion] = useState(0);
  const state = useApi((signal) => api.outside({ country: country || undefined }, signal), [country, version]);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) return;
    try {
      const done = await api.importFigures({
        kind: String(form.get('kind')),
        source: String(form.get('source')),
        csv: await file.text(),
      });
      setStatus({ ok: true, text: t('lm.imported', { count: done.rows }) });
      setVersion((v) => v + 1);
    } catch (err) {
      // Line errors come from the server in its words: show them as they are.
      setStatus({ ok: false, text: err instanceof ApiError ? err.message : t(errorKey(err)) });
    }
  };
  return (
    <section className="panel" aria-labelledby="lm-outside">
      <h2 id="lm-outside">{t('lm.outside')}</h2>
      <p className="muted">{t('lm.outsideIntro')}</p>
      <LoadStatus state={state} />
      {state.status === 'done' &&
        (state.data.items.length === 0 ? (
          <p>{t('lm.noOutside')}</p>
        ) : (
          <div className="table-scroll" role="region" aria-labelledby="lm-outside-caption" tabIndex={0}>
            <table className="lm-table">
              <caption id="lm-outside-caption">{t('lm.outside')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('lm.indicator')}</th>
                  <th scope="col">{t('lm.country')}</th>
                  <th scope="col">{t('lm.period')}</th>
                  <th scope="col">{t('lm.value')}</th>
                  <th scope="col">{t('lm.source')}</th>
                </tr>
              </thead>
              <tbody>
                {state.data.items.map((f, i) => (
                  <tr key={i}>
                    <th scope="row">
                      {f.indicator}
                      {[f.isco, f.sex, f.ageGroup, f.iscedBand].filter(Boolean).map((x) => ` · ${x}`)}
                    </th>
                    <td>{f.country}</td>
                    <td>{f.period}</td>
                    <td className="num">
                      {number(f.value, 2)} {f.unit === 'percent' ? '%' : ''}
                    </td>
                    <td>{f.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      {mayImport && (
        <form className="lm-import" onSubmit={submit} aria-labelledby="lm-import-title">
          <h3 id="lm-import-title">{t('lm.importTitle')}</h3>
          <label>
            {t('lm.importKind')}
            <select name="kind" defaultValue="shortage-list">
              <option value="shortage-list">{t('lm.kind_shortage')}</option>
              <option value="labour-force-survey">{t('lm.kind_lfs')}</option>
            </select>
          </label>
          <label>
            {t('lm.importSource')}
            <input name="source" required minLength={3} maxLength={300} />
          </label>
          <label>
            {t('lm.importFile')}
            <input name="file" type="file" accept=".csv,text/csv" required />
          </label>
          <button type="submit">{t('lm.importButton')}</button>
          {status && (
            <p role={status.ok ? 'status' : 'alert'} className={status.ok ? '' : 'error'}>
              {status.text}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
