// Pieces of the labour-market screens: a bar chart (Chart.js, loaded only with these screens) always paired with an
// accessible table of the same figures, locale number formatting, and the n.p. mark for unpublished cells.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { LoadStatus } from '../components/LoadStatus.js';
import { countries } from '../countries.js';
import { useApi } from '../useApi.js';
import { figuresApi, type FigureTable, type FigureValue, type Query, type ShortageRow } from './api.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** Colours with at least 3:1 contrast against white (WCAG non-text contrast). */
const PALETTE = ['#1f4e79', '#b3541e', '#2e7d32', '#6a1b9a', '#00695c', '#8d6e00', '#ad1457', '#455a64'];

export function useNumber(): (n: number | null | undefined, digits?: number) => string {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const formats = new Map<number, Intl.NumberFormat>();
    return (n, digits = 0) => {
      if (n === null || n === undefined) return '';
      let f = formats.get(digits);
      if (!f) {
        f = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
        formats.set(digits, f);
      }
      return f.format(n);
    };
  }, [i18n.language]);
}

/** A published figure: the number, or n.p. with its meaning for screen readers and on hover. */
export function Figure({ v }: { v: FigureValue }) {
  const { t } = useTranslation();
  const number = useNumber();
  if (v.status === 'suppressed') {
    return (
      <abbr className="np" title={t('lm.npTitle')}>
        {t('lm.np')}
      </abbr>
    );
  }
  return <>{number(v.value)}</>;
}

export interface BarSeries {
  label: string;
  values: (number | null)[];
}

/** A horizontal bar chart; a described image for assistive technology (the table beside it carries the data). */
export function BarChart(props: { title: string; labels: string[]; series: BarSeries[]; stacked?: boolean }) {
  const { t, i18n } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const rtl = i18n.dir() === 'rtl';
  useEffect(() => {
    if (!canvas.current) return;
    const format = new Intl.NumberFormat(i18n.language);
    const config: ChartConfiguration<'bar'> = {
      type: 'bar',
      data: {
        labels: props.labels,
        datasets: props.series.map((s, i) => ({
          label: s.label,
          data: s.values,
          backgroundColor: PALETTE[i % PALETTE.length],
        })),
      },
      options: {
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale: i18n.language,
        scales: {
          x: { stacked: props.stacked, reverse: rtl, ticks: { callback: (v) => format.format(Number(v)) } },
          y: { stacked: props.stacked, position: rtl ? 'right' : 'left', ticks: { autoSkip: false } },
        },
        plugins: {
          legend: { display: props.series.length > 1, rtl, position: 'bottom' },
          tooltip: { rtl },
        },
      },
    };
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [props.labels, props.series, props.stacked, rtl, i18n.language]);
  const height = Math.max(160, props.labels.length * 26 + (props.series.length > 1 ? 60 : 30));
  return (
    <div className="lm-chart" style={{ height }}>
      <canvas ref={canvas} role="img" aria-label={t('lm.chartNote', { title: props.title })} />
    </div>
  );
}

/**
 * A label for a chart axis: cut to fit (40 characters, 22 on a phone, where Chart.js would otherwise clip the start
 * of long labels) and isolated (FSI … PDI), so "5 Service and sales workers" keeps its order in a right-to-left chart.
 */
export function shortLabel(label: string): string {
  const max = typeof window !== 'undefined' && window.innerWidth < 500 ? 22 : 42;
  return `\u2068${label.length > max ? `${label.slice(0, max - 2)}…` : label}\u2069`;
}

/** A figure table as the server answered it, with row headers, the totals, and an optional action per row. */
export function FiguresTable(props: {
  id: string;
  caption: string;
  answer: FigureTable;
  rowAction?: (rowIndex: number) => ReactNode;
}) {
  const { t } = useTranslation();
  const a = props.answer;
  return (
    <div className="table-scroll" role="region" aria-labelledby={props.id} tabIndex={0}>
      <table className="lm-table">
        <caption id={props.id}>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{a.rows.name}</th>
            {a.cols?.values.map((c) => (
              <th scope="col" key={c.code}>
                {c.label}
              </th>
            ))}
            <th scope="col">{t('lm.total')}</th>
          </tr>
        </thead>
        <tbody>
          {a.rows.values.map((r, i) => (
            <tr key={r.code}>
              <th scope="row">
                <bdi>{r.label}</bdi>
                {props.rowAction?.(i)}
              </th>
              {a.cols &&
                a.cells[i]!.map((v, j) => (
                  <td key={a.cols!.values[j]!.code} className="num">
                    <Figure v={v} />
                  </td>
                ))}
              <td className="num">
                <Figure v={a.rowTotals[i]!} />
              </td>
            </tr>
          ))}
        </tbody>
        {(a.additive || a.cols) && (
          <tfoot>
            <tr>
              <th scope="row">{t('lm.total')}</th>
              {a.cols &&
                a.colTotals.map((v, j) => (
                  <td key={a.cols!.values[j]!.code} className="num">
                    <Figure v={v} />
                  </td>
                ))}
              <td className="num">
                <Figure v={a.total} />
              </td>
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

/** Chart and table of one answer: one bar per row (split by the columns when there are some). */
export function FiguresChart({ answer, title }: { answer: FigureTable; title: string }) {
  const labels = useMemo(() => answer.rows.values.map((r) => shortLabel(r.label)), [answer]);
  const series = useMemo<BarSeries[]>(
    () =>
      answer.cols
        ? answer.cols.values.map((c, j) => ({ label: c.label, values: answer.cells.map((row) => row[j]!.value) }))
        : [{ label: title, values: answer.rowTotals.map((v) => v.value) }],
    [answer, title],
  );
  return <BarChart title={title} labels={labels} series={series} stacked={!!answer.cols} />;
}

const COST_DIMENSIONS = ['corridor', 'sex', 'ageGroup', 'education', 'occupation', 'sector'] as const;

/**
 * SDG 10.7.1: recruitment costs in months of earnings by a chosen group — the server's protected figures (counts
 * with fixed noise, statistics with ±5 %, small groups n.p.), as a chart of medians and a table, with downloads.
 */
export function RecruitmentCosts({ open, scope }: { open: boolean; scope?: string }) {
  const { t, i18n } = useTranslation();
  const number = useNumber();
  const api = figuresApi(open);
  const [by, setBy] = useState<(typeof COST_DIMENSIONS)[number]>('corridor');
  const q = { by, scope, lang: i18n.language };
  const state = useApi((signal) => api.recruitmentCosts(q, signal), [JSON.stringify(q)]);
  const id = open ? 'od-costs' : 'lm-costs';
  const groups = state.status === 'done' ? state.data.cells.filter((c) => c.dimension !== 'all') : [];
  const labels = useMemo(() => groups.map((c) => shortLabel(c.label)), [JSON.stringify(groups)]);
  const series = useMemo<BarSeries[]>(
    () => [{ label: t('lm.costMedian'), values: groups.map((c) => c.median) }],
    [JSON.stringify(groups), t],
  );
  const stat = (v: number | null) => (v === null ? <Figure v={{ value: null, status: 'suppressed' }} /> : number(v, 2));
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{t('lm.costs')}</h2>
      <p>{t('lm.costsIntro')}</p>
      <label>
        {t('lm.costsBy')}{' '}
        <select value={by} onChange={(e) => setBy(e.target.value as typeof by)}>
          {COST_DIMENSIONS.map((d) => (
            <option key={d} value={d}>
              {t(`lm.costDim_${d}`)}
            </option>
          ))}
        </select>
      </label>
      <LoadStatus state={state} />
      {state.status === 'done' && state.data.cells[0]?.workers.status === 'zero' && <p>{t('lm.noCosts')}</p>}
      {state.status === 'done' && state.data.cells[0]?.workers.status !== 'zero' && (
        <>
          {groups.some((c) => c.median !== null) && (
            <BarChart title={`${t('lm.costs')} — ${t('lm.costMedian')}`} labels={labels} series={series} />
          )}
          <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
            <table className="lm-table">
              <caption id={`${id}-caption`}>
                {t('lm.costs')} — {t(`lm.costDim_${by}`)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('lm.group')}</th>
                  <th scope="col">{t('lm.workers')}</th>
                  <th scope="col">{t('lm.costMean')}</th>
                  <th scope="col">{t('lm.costMedian')}</th>
                  <th scope="col">{t('lm.costP80')}</th>
                </tr>
              </thead>
              <tbody>
                {state.data.cells.map((c) => (
                  <tr key={`${c.dimension}:${c.group}`}>
                    <th scope="row">
                      <bdi>{c.label}</bdi>
                    </th>
                    <td className="num">
                      <Figure v={c.workers} />
                    </td>
                    <td className="num">{stat(c.mean)}</td>
                    <td className="num">{stat(c.median)}</td>
                    <td className="num">{stat(c.p80)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="lm-downloads">
            {t('lm.download')}:{' '}
            <a href={api.costsExportUrl({ by, scope, lang: i18n.language }, 'csv')} download>
              {t('lm.csv')}
            </a>{' '}
            ·{' '}
            <a href={api.costsExportUrl({ by, scope, lang: i18n.language }, 'xlsx')} download>
              {t('lm.xlsx')}
            </a>
          </p>
        </>
      )}
    </section>
  );
}

// ---- Pieces the dashboard (LabourMarket.tsx) and the open-data page (OpenData.tsx) share.

export type Measure = 'supply' | 'demand';

/** People looking for work or open vacancies. */
export function MeasureChoice({ measure, onChange }: { measure: Measure; onChange(m: Measure): void }) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{t('lm.measure')}</legend>
      {(['supply', 'demand'] as const).map((m) => (
        <label key={m} className="choice">
          <input type="radio" name="measure" value={m} checked={measure === m} onChange={() => onChange(m)} />
          {t(`lm.${m}`)}
        </label>
      ))}
    </fieldset>
  );
}

/** The citizenship filter's codes besides countries: categories of their own (ICLS 2018). */
export const STATELESS = 'stateless';
export const NOT_RECORDED = 'unknown';

/**
 * Job seekers of one country of citizenship, stateless, or whose citizenship is not recorded. Vacancies have none,
 * so it is off (and says why) while vacancies are shown.
 */
export function CitizenshipFilter(props: { value: string; onChange(code: string): void; disabled: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <label>
      {t('lm.citizenship')}
      <select
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        disabled={props.disabled}
        aria-describedby={props.disabled ? 'lm-citizenship-note' : undefined}
      >
        <option value="">{t('lm.anyCitizenship')}</option>
        <option value={STATELESS}>{t('lm.stateless')}</option>
        <option value={NOT_RECORDED}>{t('lm.citizenshipNotRecorded')}</option>
        {countries(i18n.language).map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </select>
      {props.disabled && (
        <span id="lm-citizenship-note" className="muted">
          {t('lm.citizenshipPeopleOnly')}
        </span>
      )}
    </label>
  );
}

/** Where the occupation drill-down is: "All occupations" › codes; every step but the last goes back to it. */
export function OccupationPath({ path, onGo }: { path: readonly string[]; onGo(depth: number): void }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('lm.path')} className="lm-path">
      <ol>
        <li>
          {path.length ? (
            <button type="button" className="link" onClick={() => onGo(0)}>
              {t('lm.allOccupations')}
            </button>
          ) : (
            <span aria-current="location">{t('lm.allOccupations')}</span>
          )}
        </li>
        {path.map((code, i) => (
          <li key={code}>
            {i < path.length - 1 ? (
              <button type="button" className="link" onClick={() => onGo(i + 1)}>
                {code}
              </button>
            ) : (
              <span aria-current="location">{code}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** The occupation figures as a chart and a table, each row with a "›" to drill down when `onDrill` is given. */
export function OccupationFigures(props: {
  id: string;
  answer: FigureTable;
  title: string;
  onDrill?: (code: string) => void;
}) {
  const { t } = useTranslation();
  const number = useNumber();
  const a = props.answer;
  const onDrill = props.onDrill;
  return (
    <>
      <FiguresChart answer={a} title={props.title} />
      <FiguresTable
        id={props.id}
        caption={t('lm.tableCaption', {
          measure: a.measure === 'supply' ? t('lm.supply') : t('lm.demand'),
          rows: a.cols ? `${a.rows.name} × ${a.cols.name}` : a.rows.name,
        })}
        answer={a}
        rowAction={
          onDrill
            ? (i) => {
                const row = a.rows.values[i]!;
                if (row.code === 'unknown') return null;
                return (
                  <button
                    type="button"
                    className="link lm-drill"
                    onClick={() => onDrill(row.code)}
                    aria-label={t('lm.drill', { label: row.label })}
                  >
                    ›
                  </button>
                );
              }
            : undefined
        }
      />
      {a.rowsOmitted > 0 && (
        <p className="muted">{t('lm.omitted', { count: a.rowsOmitted, formatted: number(a.rowsOmitted) })}</p>
      )}
    </>
  );
}

/** CSV and Excel downloads of the figures a query gives. */
export function Downloads({ exportUrl, query }: { exportUrl(q: Query, format: 'csv' | 'xlsx'): string; query: Query }) {
  const { t } = useTranslation();
  return (
    <p className="lm-downloads">
      {t('lm.download')}:{' '}
      <a href={exportUrl(query, 'csv')} download>
        {t('lm.csv')}
      </a>{' '}
      ·{' '}
      <a href={exportUrl(query, 'xlsx')} download>
        {t('lm.xlsx')}
      </a>
    </p>
  );
}

/** Shortages at an ISCO level: supply, demand, their ratio and the assessment; ★ marks an official shortage list. */
export function ShortagesTable({ id, level, rows }: { id: string; level: string; rows: readonly ShortageRow[] }) {
  const { t } = useTranslation();
  const number = useNumber();
  return (
    <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className="lm-table">
        <caption id={`${id}-caption`}>{t('lm.shortages')}</caption>
        <thead>
          <tr>
            <th scope="col">{t(`lm.level_${level}`)}</th>
            <th scope="col">{t('lm.supply')}</th>
            <th scope="col">{t('lm.demand')}</th>
            <th scope="col">{t('lm.ratio')}</th>
            <th scope="col">{t('lm.assessment')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code} className={`lm-${r.assessment}`}>
              <th scope="row">
                <bdi>{r.label}</bdi>
                {r.officialList && (
                  <span className="lm-badge" title={t('lm.official')}>
                    {' '}
                    ★<span className="visually-hidden">{t('lm.official')}</span>
                  </span>
                )}
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
  );
}
