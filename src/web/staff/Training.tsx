// A training provider's offers: the organisation's courses (open and closed), and a form to create or edit one with
// the ESCO skills it teaches; close and reopen. The gap → training planner reads these offers.
import { useState, type FormEvent } from 'react';
import { useStaffTranslation as useTranslation } from './messages.js';
import { CountrySelect } from '../components/Fields.js';
import { ScreenHeading } from '../components/Heading.js';
import { Link } from '../components/Link.js';
import { LoadStatus } from '../components/LoadStatus.js';
import { countryName } from '../countries.js';
import { errorKey } from '../errors.js';
import { formatDate } from '../i18n.js';
import { languageName } from '../names.js';
import { navigate } from '../router.js';
import { useApi } from '../useApi.js';
import { formatWage } from '../vacancies.js';
import { offerWrite, staffApi, type TrainingOffer, type TrainingOfferInput } from './api.js';
import { CardList } from './cards.js';
import { FieldError, FormStatus, useForm, useServerError, type Outcome } from './form.js';
import { EnglishLabelsNote, FormSkillPicker, RemoveSkillButton, SkillLabel, useLabels } from './skills.js';

const MODES = ['in-person', 'online', 'blended'] as const;
const modeKey = (m: string) => (m === 'in-person' ? 'inPerson' : m);
/** Languages of instruction offered first; any ISO 639-1 code is accepted by the API. */
const TEACHING_LANGUAGES = ['es', 'fr', 'en', 'ar', 'pt', 'de', 'it', 'ca', 'eu', 'gl', 'nl', 'ro', 'uk', 'ru'];

// A message carried across the navigation from the form back to the list.
let flash: string | null = null;

export function TrainingOffersScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [reload, setReload] = useState(0);
  const list = useApi((signal) => staffApi.myOffers(signal), [reload]);
  const [outcome, setOutcome] = useState<Outcome>(() => {
    const text = flash;
    flash = null;
    return text ? { kind: 'ok', text } : null;
  });

  async function toggle(o: TrainingOffer) {
    setOutcome(null);
    const status = o.status === 'open' ? 'closed' : 'open';
    try {
      await staffApi.updateOffer(o.id, offerWrite(o, { status }));
      setOutcome({
        kind: 'ok',
        text: t(status === 'closed' ? 'staff.training.closedDone' : 'staff.training.reopenedDone', { title: o.title }),
      });
      setReload((n) => n + 1);
    } catch (err) {
      setOutcome({ kind: 'error', text: t(errorKey(err)) });
    }
  }

  return (
    <section className="screen staff" data-screen="training-offers">
      <ScreenHeading title={`${t('staff.training.title')} · ${t('app.name')}`}>
        {t('staff.training.title')}
      </ScreenHeading>
      <p>{t('staff.training.intro')}</p>
      <p>
        <Link href="/training/new" className="button">
          {t('staff.training.new')}
        </Link>
      </p>
      <FormStatus outcome={outcome} />
      <LoadStatus state={list} />
      {list.status === 'done' &&
        (list.data.items.length === 0 ? (
          <p className="muted">{t('staff.training.none')}</p>
        ) : (
          <CardList
            items={list.data.items}
            itemKey={(o) => o.id}
            card={(o) => ({
              title: (
                <Link href={`/training/${o.id}`} dir="auto">
                  {o.title}
                </Link>
              ),
              badge: (
                <span className={`badge ${o.status === 'open' ? 'confirmed' : ''}`}>
                  {t(o.status === 'open' ? 'staff.training.open' : 'staff.training.closed')}
                </span>
              ),
              facts: [
                t(`matching.modes.${modeKey(o.mode)}`),
                t('matching.hours', { count: o.durationHours }),
                o.cost === 0
                  ? t('matching.free')
                  : formatWage({ amount: o.cost, currency: o.currency, period: '' }, lang),
                languageName(o.language, lang),
                o.location && countryName(o.location.country, lang),
                o.startDate && t('matching.starts', { date: formatDate(new Date(o.startDate), lang) }),
                t('staff.training.skillCount', { count: o.skills.length }),
              ],
              action: (
                <button
                  type="button"
                  className="secondary small"
                  aria-label={`${t(o.status === 'open' ? 'staff.training.close' : 'staff.training.reopen')}: ${o.title}`}
                  onClick={() => toggle(o)}
                >
                  {t(o.status === 'open' ? 'staff.training.close' : 'staff.training.reopen')}
                </button>
              ),
            })}
          />
        ))}
    </section>
  );
}

/** /training/new (id null) or /training/:id. */
export function TrainingOfferScreen({ id }: { id: string | null }) {
  const { t } = useTranslation();
  const existing = useApi((signal) => (id ? staffApi.offer(id, signal) : Promise.resolve(null)), [id]);
  const title = id ? t('staff.training.editTitle') : t('staff.training.newTitle');
  return (
    <section className="screen staff" data-screen="training-offer">
      <p className="back">
        <Link href="/training">{t('staff.training.back')}</Link>
      </p>
      <ScreenHeading title={`${title} · ${t('app.name')}`}>{title}</ScreenHeading>
      <LoadStatus state={existing} />
      {existing.status === 'done' && <OfferForm offer={existing.data} />}
    </section>
  );
}

function OfferForm({ offer }: { offer: TrainingOffer | null }) {
  const { t, i18n } = useTranslation();
  const form = useForm();
  const [title, setTitle] = useState(offer?.title ?? '');
  const [description, setDescription] = useState(offer?.description ?? '');
  const [skills, setSkills] = useState<string[]>(offer?.skills ?? []);
  const [hours, setHours] = useState(offer ? String(offer.durationHours) : '');
  const [cost, setCost] = useState(offer ? String(offer.cost) : '0');
  const [currency, setCurrency] = useState(offer?.currency ?? 'EUR');
  const [mode, setMode] = useState(offer?.mode ?? 'in-person');
  const [country, setCountry] = useState(offer?.location?.country ?? '');
  const [region, setRegion] = useState(offer?.location?.region ?? '');
  const [language, setLanguage] = useState(offer?.language ?? '');
  const [startDate, setStartDate] = useState(offer?.startDate ?? '');
  const [seats, setSeats] = useState(offer?.seats ? String(offer.seats) : '');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const { labels, lang: labelLang, learn } = useLabels(skills);
  const serverError = useServerError(
    form,
    {
      'body.title': 'offer-title',
      'body.description': 'offer-description',
      'body.skills': 'offer-skill',
      'body.durationHours': 'offer-hours',
      'body.cost': 'offer-cost',
      'body.currency': 'offer-currency',
      'body.location.country': 'offer-country',
      'body.location.region': 'offer-region',
      'body.location': 'offer-country',
      'body.language': 'offer-language',
      'body.startDate': 'offer-start',
      'body.seats': 'offer-seats',
    },
    { 'body.location': t('staff.training.placeRequired') },
  );
  const lang = i18n.language;
  const online = mode === 'online';
  const languages = [...new Set([...TEACHING_LANGUAGES, ...(language ? [language] : [])])]
    .map((code) => ({ code, name: languageName(code, lang) }))
    .sort((a, b) => new Intl.Collator(lang).compare(a.name, b.name));

  async function save(e: FormEvent) {
    e.preventDefault();
    setOutcome(null);
    const errors: Record<string, string> = {};
    const number = (v: string, min: number, max: number) => {
      const n = Number(v);
      return v.trim() !== '' && Number.isFinite(n) && n >= min && n <= max ? n : null;
    };
    if (!title.trim()) errors['offer-title'] = t('staff.form.required');
    if (skills.length === 0) errors['offer-skill'] = t('staff.training.skillsRequired');
    if (number(hours, 0.5, 10000) === null)
      errors['offer-hours'] = t('staff.form.numberBetween', { min: 0.5, max: 10000 });
    if (number(cost, 0, 10_000_000) === null)
      errors['offer-cost'] = t('staff.form.numberBetween', { min: 0, max: 10000000 });
    if (!/^[A-Za-z]{3}$/.test(currency.trim())) errors['offer-currency'] = t('staff.training.currencyInvalid');
    if (!online && !country) errors['offer-country'] = t('staff.training.placeRequired');
    if (!online && region && !/^[A-Za-z0-9-]{1,12}$/.test(region.trim()))
      errors['offer-region'] = t('staff.training.regionInvalid');
    if (!language) errors['offer-language'] = t('staff.training.chooseLanguage');
    if (seats && number(seats, 1, 100000) === null)
      errors['offer-seats'] = t('staff.form.numberBetween', { min: 1, max: 100000 });
    if (form.fail(errors)) return;
    const body: TrainingOfferInput = {
      title: title.trim(),
      description: description.trim() || null,
      skills,
      durationHours: Number(hours),
      cost: Number(cost),
      currency: currency.trim().toUpperCase(),
      mode,
      location: online && !country ? null : { country, region: region.trim().toUpperCase() },
      language,
      startDate: startDate || null,
      seats: seats ? Math.round(Number(seats)) : null,
      status: offer?.status ?? 'open',
    };
    setBusy(true);
    try {
      const saved = offer
        ? await staffApi.updateOffer(offer.id, { ...body, version: offer.version })
        : await staffApi.createOffer(body);
      flash = t('staff.training.saved', { title: saved.title });
      navigate('/training');
    } catch (err) {
      const text = serverError(err);
      if (text) setOutcome({ kind: 'error', text });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel" onSubmit={save} noValidate aria-label={t('staff.training.formLabel')}>
      <div className="field">
        <label htmlFor="offer-title">{t('staff.training.offerTitle')}</label>
        <input
          type="text"
          dir="auto"
          maxLength={200}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          {...form.field('offer-title')}
        />
        <FieldError form={form} id="offer-title" />
      </div>
      <div className="field">
        <label htmlFor="offer-description">{t('staff.training.description')}</label>
        <textarea
          rows={3}
          dir="auto"
          maxLength={10000}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          {...form.field('offer-description')}
        />
        <FieldError form={form} id="offer-description" />
      </div>
      <fieldset className="entry">
        <legend>{t('staff.training.skills')}</legend>
        <EnglishLabelsNote />
        {skills.length === 0 ? (
          <p className="muted">{t('staff.training.noSkills')}</p>
        ) : (
          <ul className="chips">
            {skills.map((uri) => (
              <li key={uri}>
                <SkillLabel uri={uri} labels={labels} lang={labelLang} />{' '}
                <RemoveSkillButton label={labels[uri]} onRemove={() => setSkills((s) => s.filter((x) => x !== uri))} />
              </li>
            ))}
          </ul>
        )}
        <FormSkillPicker
          id="offer-skill"
          label={t('staff.training.addSkill')}
          hint={t('staff.training.skillsHint')}
          form={form}
          learn={learn}
          onPick={(uri) => setSkills((s) => (s.includes(uri) ? s : [...s, uri]))}
        />
      </fieldset>
      <div className="field-row">
        <div className="field">
          <label htmlFor="offer-hours">{t('staff.training.hours')}</label>
          <input
            type="number"
            inputMode="decimal"
            min={0.5}
            step="any"
            value={hours}
            onChange={(e) => setHours(e.target.value)}
            {...form.field('offer-hours')}
          />
          <FieldError form={form} id="offer-hours" />
        </div>
        <div className="field">
          <label htmlFor="offer-cost">{t('staff.training.cost')}</label>
          <input
            type="number"
            inputMode="decimal"
            min={0}
            step="any"
            value={cost}
            onChange={(e) => setCost(e.target.value)}
            {...form.field('offer-cost')}
          />
          <FieldError form={form} id="offer-cost" />
        </div>
        <div className="field">
          <label htmlFor="offer-currency">{t('vacancy.currency')}</label>
          <input
            type="text"
            dir="ltr"
            maxLength={3}
            autoCapitalize="characters"
            value={currency}
            onChange={(e) => setCurrency(e.target.value.toUpperCase())}
            {...form.field('offer-currency')}
          />
          <FieldError form={form} id="offer-currency" />
        </div>
      </div>
      <div className="field">
        <label htmlFor="offer-mode">{t('staff.training.mode')}</label>
        <select id="offer-mode" value={mode} onChange={(e) => setMode(e.target.value)}>
          {MODES.map((m) => (
            <option key={m} value={m}>
              {t(`matching.modes.${modeKey(m)}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="offer-country">
            {online ? t('staff.training.countryOptional') : t('staff.training.country')}
          </label>
          <CountrySelect
            value={country}
            onChange={setCountry}
            placeholder={t('caseload.chooseCountry')}
            {...form.field('offer-country')}
          />
          <FieldError form={form} id="offer-country" />
        </div>
        <div className="field">
          <label htmlFor="offer-region">{t('staff.training.region')}</label>
          <input
            type="text"
            dir="ltr"
            maxLength={12}
            autoCapitalize="characters"
            value={region}
            onChange={(e) => setRegion(e.target.value.toUpperCase())}
            {...form.field('offer-region', 'offer-region-hint')}
          />
          <p id="offer-region-hint" className="hint">
            {t('staff.training.regionHint')}
          </p>
          <FieldError form={form} id="offer-region" />
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="offer-language">{t('staff.training.language')}</label>
          <select value={language} onChange={(e) => setLanguage(e.target.value)} {...form.field('offer-language')}>
            <option value="">{t('staff.training.chooseLanguage')}</option>
            {languages.map((l) => (
              <option key={l.code} value={l.code}>
                {l.name}
              </option>
            ))}
          </select>
          <FieldError form={form} id="offer-language" />
        </div>
        <div className="field">
          <label htmlFor="offer-start">{t('staff.training.startDate')}</label>
          <input
            type="date"
            value={startDate}
            onChange={(e) => setStartDate(e.target.value)}
            {...form.field('offer-start')}
          />
          <FieldError form={form} id="offer-start" />
        </div>
        <div className="field">
          <label htmlFor="offer-seats">{t('staff.training.seats')}</label>
          <input
            type="number"
            inputMode="numeric"
            min={1}
            value={seats}
            onChange={(e) => setSeats(e.target.value)}
            {...form.field('offer-seats')}
          />
          <FieldError form={form} id="offer-seats" />
        </div>
      </div>
      <FormStatus outcome={outcome} />
      <button type="submit" disabled={busy}>
        {t('staff.training.save')}
      </button>
    </form>
  );
}
