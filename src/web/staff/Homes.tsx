// The analyst's home (the fairness audit of matching; labour-market figures come later). The assessor's home is the
// recognition queue (src/web/recognition/Queue.tsx).
import { useState, type FormEvent } from 'react';
import { useStaffTranslation as useTranslation } from './messages.js';
import { ScreenHeading } from '../components/Heading.js';
import { countryName } from '../countries.js';
import { errorKey } from '../errors.js';
import { staffApi, type FairnessReport, type FairnessRow } from './api.js';
import { FieldError, FormStatus, useForm, type Outcome } from './form.js';

const SEXES = ['female', 'male', 'other', 'undisclosed'];
const NOT_RECORDED = 'not recorded';

export function AnalysisScreen() {
  const { t } = useTranslation();
  const form = useForm();
  const [top, setTop] = useState('50');
  const [minCell, setMinCell] = useState('10');
  const [report, setReport] = useState<FairnessReport | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);

  async function run(e: FormEvent) {
    e.preventDefault();
    setOutcome(null);
    const errors: Record<string, string> = {};
    const k = Number(top);
    const m = Number(minCell);
    if (!(Number.isInteger(k) && k >= 1 && k <= 200))
      errors['fairness-top'] = t('staff.form.numberBetween', { min: 1, max: 200 });
    if (!(Number.isInteger(m) && m >= 10 && m <= 1000))
      errors['fairness-min'] = t('staff.form.numberBetween', { min: 10, max: 1000 });
    if (form.fail(errors)) return;
    setBusy(true);
    try {
      const r = await staffApi.fairness({ top: k, minCell: m });
      setReport(r);
      setOutcome({ kind: 'ok', text: t('staff.analysis.done', { count: r.vacancies }) });
    } catch (err) {
      setOutcome({ kind: 'error', text: t(errorKey(err)) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="screen staff" data-screen="analysis">
      <ScreenHeading title={`${t('staff.analysis.title')} · ${t('app.name')}`}>
        {t('staff.analysis.title')}
      </ScreenHeading>
      <p>{t('staff.analysis.intro')}</p>
      <section className="panel" aria-labelledby="fairness-heading">
        <h2 id="fairness-heading">{t('staff.analysis.fairnessHeading')}</h2>
        <p>{t('staff.analysis.fairnessIntro')}</p>
        <form onSubmit={run} noValidate>
          <div className="field-row">
            <div className="field">
              <label htmlFor="fairness-top">{t('staff.analysis.top')}</label>
              <input
                type="number"
                inputMode="numeric"
                min={1}
                max={200}
                value={top}
                onChange={(e) => setTop(e.target.value)}
                {...form.field('fairness-top', 'fairness-top-hint')}
              />
              <p id="fairness-top-hint" className="hint">
                {t('staff.analysis.topHint')}
              </p>
              <FieldError form={form} id="fairness-top" />
            </div>
            <div className="field">
              <label htmlFor="fairness-min">{t('staff.analysis.minCell')}</label>
              <input
                type="number"
                inputMode="numeric"
                min={10}
                max={1000}
                value={minCell}
                onChange={(e) => setMinCell(e.target.value)}
                {...form.field('fairness-min', 'fairness-min-hint')}
              />
              <p id="fairness-min-hint" className="hint">
                {t('staff.analysis.minCellHint')}
              </p>
              <FieldError form={form} id="fairness-min" />
            </div>
          </div>
          <FormStatus outcome={outcome} />
          <button type="submit" disabled={busy}>
            {t('staff.analysis.run')}
          </button>
        </form>
        {report &&
          (report.vacancies === 0 || report.pool === 0 ? (
            <p className="muted">
              {report.vacancies === 0 ? t('staff.analysis.noVacancies') : t('staff.analysis.noPool')}
            </p>
          ) : (
            <>
              <p>
                {t('staff.analysis.totals', {
                  vacancies: report.vacancies,
                  pool: report.pool,
                  shortlisted: report.shortlisted,
                  top: report.top,
                })}
              </p>
              <FairnessTable id="fairness-sex" title={t('staff.analysis.bySex')} rows={report.sex} kind="sex" />
              <FairnessTable
                id="fairness-origin"
                title={t('staff.analysis.byOrigin')}
                rows={report.nationalityGroup}
                kind="origin"
              />
            </>
          ))}
      </section>
      <section className="panel" aria-labelledby="coming-heading">
        <h2 id="coming-heading">{t('staff.analysis.comingHeading')}</h2>
        <p>{t('staff.analysis.comingBody')}</p>
      </section>
    </section>
  );
}

function FairnessTable(props: { id: string; title: string; rows: FairnessRow[]; kind: 'sex' | 'origin' }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  const count = new Intl.NumberFormat(lang);
  const groupName = (g: string) =>
    g === NOT_RECORDED
      ? t('staff.analysis.notRecorded')
      : props.kind === 'sex'
        ? SEXES.includes(g)
          ? t(`staff.analysis.sexes.${g}`)
          : g
        : countryName(g, lang);
  return (
    <div className="table-scroll" role="region" aria-labelledby={props.id} tabIndex={0}>
      <table>
        <caption id={props.id}>{props.title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('staff.analysis.group')}</th>
            <th scope="col">{t('staff.analysis.pool')}</th>
            <th scope="col">{t('staff.analysis.shortlisted')}</th>
            <th scope="col">{t('staff.analysis.rate')}</th>
            <th scope="col">{t('staff.analysis.ratio')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.group}>
              <th scope="row">{groupName(r.group)}</th>
              {r.suppressed ? (
                <td colSpan={4} className="muted">
                  {t('staff.analysis.suppressed')}
                </td>
              ) : (
                <>
                  <td>{count.format(r.pool ?? 0)}</td>
                  <td>{count.format(r.shortlisted ?? 0)}</td>
                  <td>{r.rate === null ? '—' : percent.format(r.rate)}</td>
                  <td>
                    {r.ratio === null ? '—' : percent.format(r.ratio)}{' '}
                    {r.adverse ? (
                      <span className="badge rejected">{t('staff.analysis.adverse')}</span>
                    ) : (
                      r.ratio !== null && <span className="badge confirmed">{t('staff.analysis.fair')}</span>
                    )}
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
