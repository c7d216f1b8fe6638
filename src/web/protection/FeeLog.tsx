// The fee log of one person, for the person (on their phone) and their advisor: each recruitment cost with its
// category (ILO–World Bank SDG 10.7.1), the first full month's earnings, and the cost in months of earnings.
// Checks mirror the server's (same currency list, same dates): a mistake is said next to its field at once.
import { useState, type FormEvent } from 'react';
import { isKnownCurrency, COST_CATEGORIES } from '../../protection/browser.js';
import { useApi } from '../useApi.js';
import { LoadStatus } from '../components/LoadStatus.js';
import { CountrySelect } from '../components/Fields.js';
import { protectionApi, type FeeLog } from './api.js';
import { useProtectionTranslation } from './messages.js';
import { day, failure, money, Status, today, useLatest } from './parts.js';

type Errors = Partial<
  Record<'amount' | 'currency' | 'paidOn' | 'interest' | 'eAmount' | 'eCurrency' | 'month', string>
>;

export function FeeLogPanel({ migrantId, headingLevel = 2 }: { migrantId: string; headingLevel?: 2 | 3 }) {
  const { t, i18n } = useProtectionTranslation();
  const lang = i18n.language;
  const [reload, setReload] = useState(0);
  const state = useApi((signal) => protectionApi.fees(migrantId, signal), [migrantId, reload]);
  const log = useLatest(state);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby="fees-title" className="panel fees" data-part="fees">
      <H id="fees-title">{t('protection.fees.title')}</H>
      <p>{t('protection.fees.intro')}</p>
      {!log && <LoadStatus state={state} />}
      {log && (
        <>
          <Indicator log={log} />
          <FeeList log={log} onChange={() => setReload((n) => n + 1)} />
        </>
      )}
      <AddFee migrantId={migrantId} onAdded={() => setReload((n) => n + 1)} />
      {log && (
        <Earnings migrantId={migrantId} current={log.earnings} onSaved={() => setReload((n) => n + 1)} lang={lang} />
      )}
    </section>
  );
}

function Indicator({ log }: { log: FeeLog }) {
  const { t, i18n } = useProtectionTranslation();
  const lang = i18n.language;
  if (log.indicator) {
    const i = log.indicator;
    const months = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(i.months);
    return (
      <div className="notice indicator" data-indicator={i.months.toFixed(2)}>
        <p>
          <strong>
            {i.months === 0 ? t('protection.fees.indicatorZero') : t('protection.fees.indicator', { months })}
          </strong>
        </p>
        {i.months > 0 && (
          <p>
            {t('protection.fees.indicatorDetail', {
              costs: money(i.costs, i.currency, lang),
              earnings: money(i.earnings, i.currency, lang),
            })}
          </p>
        )}
      </div>
    );
  }
  if (log.indicatorMissing?.code === 'no_earnings') return <p className="muted">{t('protection.fees.noEarnings')}</p>;
  return <p className="muted">{t('protection.fees.noRate', { message: log.indicatorMissing?.message ?? '' })}</p>;
}

function FeeList({ log, onChange }: { log: FeeLog; onChange(): void }) {
  const { t, i18n } = useProtectionTranslation();
  const lang = i18n.language;
  const [error, setError] = useState<string | null>(null);
  if (log.fees.length === 0) return <p className="muted">{t('protection.fees.none')}</p>;
  return (
    <>
      <ul className="cards fee-list">
        {log.fees.map((f) => (
          <li key={f.id} className="card">
            <div className="card-title">
              <span>{t(`protection.fees.categories.${f.category}`)}</span>
              <button
                type="button"
                className="secondary"
                aria-label={`${t('protection.fees.remove')}: ${t(`protection.fees.categories.${f.category}`)}`}
                onClick={() =>
                  protectionApi.deleteFee(f.id).then(onChange, (err: unknown) => setError(failure(err, t)))
                }
              >
                {t('protection.fees.remove')}
              </button>
            </div>
            <p>
              {t('protection.fees.itemOn', { amount: money(f.amount, f.currency, lang), date: day(f.paidOn, lang) })}
              {' · '}
              {t(`protection.fees.paidByOptions.${f.paidBy}`)}
              {f.loan && <> · {t('protection.fees.loanOf', { interest: money(f.loanInterest, f.currency, lang) })}</>}
            </p>
          </li>
        ))}
      </ul>
      {error && <Status text={error} error />}
    </>
  );
}

function AddFee({ migrantId, onAdded }: { migrantId: string; onAdded(): void }) {
  const { t } = useProtectionTranslation();
  const [category, setCategory] = useState<string>('recruitment-fee');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('');
  const [paidOn, setPaidOn] = useState('');
  const [paidBy, setPaidBy] = useState('worker');
  const [loan, setLoan] = useState(false);
  const [interest, setInterest] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Errors = {};
    const value = Number(amount);
    if (amount.trim() === '' || !Number.isFinite(value) || value < 0) found.amount = t('protection.errors.amount');
    const code = currency.trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(code) || !isKnownCurrency(code)) found.currency = t('protection.errors.currency', { code });
    if (!paidOn) found.paidOn = t('protection.required');
    else if (paidOn > today()) found.paidOn = t('protection.errors.future');
    const interestValue = loan && interest.trim() ? Number(interest) : 0;
    if (!Number.isFinite(interestValue) || interestValue < 0) found.interest = t('protection.errors.amount');
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`fee-${first}`)?.focus();
      return;
    }
    try {
      await protectionApi.recordFee(migrantId, {
        category,
        amount: value,
        currency: code,
        paidOn,
        paidBy,
        loan,
        loanInterest: interestValue,
      });
      setStatus({ text: t('protection.fees.added') });
      setAmount('');
      setInterest('');
      onAdded();
    } catch (err) {
      setStatus({ text: failure(err, t), error: true });
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="fee-add-title">
      <h3 id="fee-add-title">{t('protection.fees.add')}</h3>
      <div className="field">
        <label htmlFor="fee-category">{t('protection.fees.category')}</label>
        <select id="fee-category" value={category} onChange={(e) => setCategory(e.target.value)}>
          {COST_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`protection.fees.categories.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field-row">
        <Field id="fee-amount" label={t('protection.fees.amount')} error={errors.amount}>
          <input
            id="fee-amount"
            type="number"
            inputMode="decimal"
            step="0.01"
            dir="ltr"
            value={amount}
            aria-invalid={!!errors.amount}
            aria-describedby={errors.amount ? 'fee-amount-error' : undefined}
            onChange={(e) => setAmount(e.target.value)}
          />
        </Field>
        <Field id="fee-currency" label={t('protection.fees.currency')} error={errors.currency}>
          <input
            id="fee-currency"
            type="text"
            dir="ltr"
            maxLength={3}
            autoCapitalize="characters"
            value={currency}
            aria-invalid={!!errors.currency}
            aria-describedby={errors.currency ? 'fee-currency-error' : undefined}
            onChange={(e) => setCurrency(e.target.value.toUpperCase())}
          />
        </Field>
      </div>
      <div className="field-row">
        <Field id="fee-paidOn" label={t('protection.fees.paidOn')} error={errors.paidOn}>
          <input
            id="fee-paidOn"
            type="date"
            max={today()}
            value={paidOn}
            aria-invalid={!!errors.paidOn}
            aria-describedby={errors.paidOn ? 'fee-paidOn-error' : undefined}
            onChange={(e) => setPaidOn(e.target.value)}
          />
        </Field>
        <div className="field">
          <label htmlFor="fee-paidBy">{t('protection.fees.paidBy')}</label>
          <select id="fee-paidBy" value={paidBy} onChange={(e) => setPaidBy(e.target.value)}>
            <option value="worker">{t('protection.fees.paidByOptions.worker')}</option>
            <option value="family">{t('protection.fees.paidByOptions.family')}</option>
          </select>
        </div>
      </div>
      <label className="choice">
        <input type="checkbox" checked={loan} onChange={(e) => setLoan(e.target.checked)} /> {t('protection.fees.loan')}
      </label>
      {loan && (
        <Field id="fee-interest" label={t('protection.fees.interest')} error={errors.interest}>
          <input
            id="fee-interest"
            type="number"
            inputMode="decimal"
            step="0.01"
            dir="ltr"
            value={interest}
            aria-invalid={!!errors.interest}
            onChange={(e) => setInterest(e.target.value)}
          />
        </Field>
      )}
      <p>
        <button type="submit">{t('protection.fees.add')}</button>
      </p>
      {status && <Status text={status.text} error={status.error} />}
    </form>
  );
}

function Earnings(props: { migrantId: string; current: FeeLog['earnings']; onSaved(): void; lang: string }) {
  const { t } = useProtectionTranslation();
  const [month, setMonth] = useState(props.current?.month ?? '');
  const [amount, setAmount] = useState(props.current ? String(props.current.amount) : '');
  const [currency, setCurrency] = useState(props.current?.currency ?? '');
  const [country, setCountry] = useState(props.current?.country ?? '');
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Errors = {};
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month) || month > today().slice(0, 7))
      found.month = t('protection.errors.month');
    const value = Number(amount);
    if (amount.trim() === '' || !Number.isFinite(value) || value <= 0) found.eAmount = t('protection.errors.earnings');
    const code = currency.trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(code) || !isKnownCurrency(code)) found.eCurrency = t('protection.errors.currency', { code });
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`fee-${first}`)?.focus();
      return;
    }
    if (!country) {
      document.getElementById('fee-country')?.focus();
      return;
    }
    try {
      await protectionApi.recordEarnings(props.migrantId, { month, amount: value, currency: code, country });
      setStatus({ text: t('protection.fees.earningsSaved') });
      props.onSaved();
    } catch (err) {
      setStatus({ text: failure(err, t), error: true });
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="earnings-title">
      <h3 id="earnings-title">{t('protection.fees.earnings')}</h3>
      <p className="hint">{t('protection.fees.earningsHint')}</p>
      <div className="field-row">
        <Field id="fee-month" label={t('protection.fees.month')} error={errors.month}>
          <input
            id="fee-month"
            type="text"
            dir="ltr"
            inputMode="numeric"
            placeholder="2025-06"
            value={month}
            aria-invalid={!!errors.month}
            aria-describedby={errors.month ? 'fee-month-error' : undefined}
            onChange={(e) => setMonth(e.target.value.trim())}
          />
        </Field>
        <Field id="fee-eAmount" label={t('protection.fees.amount')} error={errors.eAmount}>
          <input
            id="fee-eAmount"
            type="number"
            inputMode="decimal"
            step="0.01"
            dir="ltr"
            value={amount}
            aria-invalid={!!errors.eAmount}
            aria-describedby={errors.eAmount ? 'fee-eAmount-error' : undefined}
            onChange={(e) => setAmount(e.target.value)}
          />
        </Field>
        <Field id="fee-eCurrency" label={t('protection.fees.currency')} error={errors.eCurrency}>
          <input
            id="fee-eCurrency"
            type="text"
            dir="ltr"
            maxLength={3}
            value={currency}
            aria-invalid={!!errors.eCurrency}
            aria-describedby={errors.eCurrency ? 'fee-eCurrency-error' : undefined}
            onChange={(e) => setCurrency(e.target.value.toUpperCase())}
          />
        </Field>
      </div>
      <div className="field">
        <label htmlFor="fee-country">{t('protection.fees.country')}</label>
        <CountrySelect
          id="fee-country"
          placeholder={t('protection.transfer.choose')}
          value={country}
          onChange={setCountry}
          required
        />
      </div>
      <p>
        <button type="submit">{t('protection.fees.saveEarnings')}</button>
      </p>
      {status && <Status text={status.text} error={status.error} />}
      {props.current && (
        <p className="muted">
          {props.current.month} · {money(props.current.amount, props.current.currency, props.lang)}
        </p>
      )}
    </form>
  );
}

export function Field(props: { id: string; label: string; error?: string; children: React.ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.error && (
        <p id={`${props.id}-error`} className="error">
          {props.error}
        </p>
      )}
    </div>
  );
}
