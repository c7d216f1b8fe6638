// A vacancy's own page (its terms and ESCO skills; for its employer: edit, close, reopen) and the form that
// publishes or edits one. The ESCO skills suggested for the occupation are shown before publishing: the employer
// marks each essential or optional, removes those the job does not need, and adds missing ones.
import { Suspense, lazy, useEffect, useRef, useState, type FormEvent } from 'react';
import { useStaffTranslation as useTranslation } from './messages.js';
import { api, conceptId, type OccupationDetail, type SearchHit } from '../api.js';
import { CountrySelect, OccupationCombobox } from '../components/Fields.js';
import { ScreenHeading } from '../components/Heading.js';
import { Link } from '../components/Link.js';
import { LoadStatus } from '../components/LoadStatus.js';
import { countryName } from '../countries.js';
import { errorKey } from '../errors.js';

const CountryHiringGuides = lazy(() =>
  import('../protection/Guide.js').then((m) => ({ default: m.CountryHiringGuides })),
);
import { contentLanguage, formatDate } from '../i18n.js';
import { sectorName } from '../names.js';
import { navigate } from '../router.js';
import { occupationPath } from '../screens/Explorer.js';
import { shortlistPath } from '../screens/Shortlist.js';
import { useApi } from '../useApi.js';
import { codeOf, CONTRACT_TYPES, contractKey, formatWage, SECTORS, WAGE_PERIODS } from '../vacancies.js';
import { staffApi, vacancyWrite, type VacancyFull, type VacancyWrite } from './api.js';
import { FieldError, FormStatus, useForm, useServerError, type Outcome } from './form.js';
import { EnglishLabelsNote, FormSkillPicker, RemoveSkillButton, SkillLabel, useLabels } from './skills.js';

const MANAGERS = ['employer', 'org_admin'];
const SHORTLIST_ROLES = ['employer', 'org_admin', 'advisor'];

// A message carried from the form to the vacancy's page after saving.
let flash: string | null = null;

export function VacancyScreen({ id, role }: { id: string; role: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [reload, setReload] = useState(0);
  const state = useApi((signal) => staffApi.vacancy(id, signal), [id, reload]);
  // While it reloads after close/reopen, the page keeps showing what it had (no flash of "Loading…").
  const last = useRef<VacancyFull | null>(null);
  if (state.status === 'done') last.current = state.data;
  const [outcome, setOutcome] = useState<Outcome>(() => {
    const text = flash;
    flash = null;
    return text ? { kind: 'ok', text } : null;
  });
  const v = state.status === 'done' ? state.data : state.status === 'loading' ? last.current : null;
  const { labels, lang: labelLang } = useLabels(v ? [...v.essentialSkills, ...v.optionalSkills] : []);
  const manages = MANAGERS.includes(role);

  async function toggle(vacancy: VacancyFull) {
    setOutcome(null);
    const status = vacancy.status === 'open' ? 'closed' : 'open';
    try {
      await staffApi.updateVacancy(vacancy.id, vacancyWrite(vacancy, { status }));
      setOutcome({
        kind: 'ok',
        text: t(status === 'closed' ? 'staff.vacancy.closedDone' : 'staff.vacancy.reopenedDone'),
      });
      setReload((n) => n + 1);
    } catch (err) {
      setOutcome({ kind: 'error', text: t(errorKey(err)) });
    }
  }

  const back = (
    <p className="back">
      <Link href="/vacancies">{t('matching.backToVacancies')}</Link>
    </p>
  );
  if (!v)
    return (
      <section className="screen staff" data-screen="vacancy">
        {back}
        <ScreenHeading title={`${t('staff.vacancy.eyebrow')} · ${t('app.name')}`}>
          {t('staff.vacancy.eyebrow')}
        </ScreenHeading>
        <LoadStatus state={state} />
      </section>
    );
  return (
    <section className="screen staff" data-screen="vacancy">
      {back}
      <p className="eyebrow">{t('staff.vacancy.eyebrow')}</p>
      <ScreenHeading title={`${v.title} · ${t('app.name')}`}>
        <span dir="auto">{v.title}</span>
      </ScreenHeading>
      <p>
        <span className={`badge ${v.status === 'open' ? 'confirmed' : ''}`}>
          {v.status === 'open' ? t('vacancy.open') : t('vacancy.closed')}
        </span>
      </p>
      <FormStatus outcome={outcome} />
      {manages && (
        <p className="actions">
          <Link href={`/vacancies/${v.id}/edit`} className="button">
            {t('staff.vacancy.edit')}
          </Link>{' '}
          <button type="button" className="secondary" onClick={() => toggle(v)}>
            {v.status === 'open' ? t('staff.vacancy.close') : t('staff.vacancy.reopen')}
          </button>
        </p>
      )}
      {v.description && (
        <p className="prose" dir="auto">
          {v.description}
        </p>
      )}
      <dl className="facts">
        <div>
          <dt>{t('vacancy.occupation')}</dt>
          <dd>
            <Link href={occupationPath(v.occupationUri)}>{t('staff.vacancy.escoOccupation', { isco: v.isco })}</Link>
          </dd>
        </div>
        <div>
          <dt>{t('vacancy.sector')}</dt>
          <dd>{sectorName(v.sector, lang)}</dd>
        </div>
        <div>
          <dt>{t('staff.vacancy.place')}</dt>
          <dd>
            {countryName(v.location.country, lang)}
            {v.location.region && (
              <>
                {' · '}
                <span dir="ltr">{v.location.region}</span>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('staff.vacancy.terms')}</dt>
          <dd>
            {t('vacancy.posts', { count: v.posts })} · {t(`vacancy.contracts.${contractKey(v.contractType)}`)}
            {v.hoursPerWeek ? ` · ${t('staff.vacancy.hoursPerWeek', { count: v.hoursPerWeek })}` : ''}
            {v.wage ? ` · ${formatWage(v.wage, lang)} ${t(`vacancy.periods.${v.wage.period}`)}` : ''}
            {v.startDate ? ` · ${t('matching.starts', { date: formatDate(new Date(v.startDate), lang) })}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('staff.vacancy.fairRecruitment')}</dt>
          <dd>
            {v.employerPaysRecruitmentFees ? t('vacancy.employerPays') : t('vacancy.workerMayPay')}
            {v.employerSponsorsPermit ? ` · ${t('vacancy.sponsored')}` : ''}
          </dd>
        </div>
      </dl>
      <section aria-labelledby="vacancy-skills">
        <h2 id="vacancy-skills">{t('staff.vacancy.skillsHeading')}</h2>
        <EnglishLabelsNote />
        <div className="columns">
          <SkillList
            id="vacancy-essential"
            title={t('staff.vacancy.essentialCount', { count: v.essentialSkills.length })}
            uris={v.essentialSkills}
            labels={labels}
            lang={labelLang}
          />
          <SkillList
            id="vacancy-optional"
            title={t('staff.vacancy.optionalCount', { count: v.optionalSkills.length })}
            uris={v.optionalSkills}
            labels={labels}
            lang={labelLang}
          />
        </div>
      </section>
      {SHORTLIST_ROLES.includes(role) && v.status === 'open' && (
        <p>
          <Link href={shortlistPath(v.id)}>{t('matching.seeCandidates')}</Link>
        </p>
      )}
    </section>
  );
}

function SkillList(props: { id: string; title: string; uris: string[]; labels: Record<string, string>; lang: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={props.id}>
      <h3 id={props.id}>{props.title}</h3>
      {props.uris.length === 0 ? (
        <p className="muted">{t('staff.vacancy.noSkills')}</p>
      ) : (
        <ul className="concept-list">
          {props.uris.map((uri) => (
            <li key={uri}>
              <SkillLabel uri={uri} labels={props.labels} lang={props.lang} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

// ---- publish or edit ----

/** /vacancies/new (id null) or /vacancies/:id/edit. */
export function VacancyEditScreen({ id }: { id: string | null }) {
  const { t } = useTranslation();
  const existing = useApi((signal) => (id ? staffApi.vacancy(id, signal) : Promise.resolve(null)), [id]);
  const title = id ? t('staff.vacancy.editTitle') : t('vacancy.postHeading');
  return (
    <section className="screen staff" data-screen="vacancy-edit">
      <p className="back">
        <Link href={id ? `/vacancies/${id}` : '/vacancies'}>
          {id ? t('staff.vacancy.backToVacancy') : t('matching.backToVacancies')}
        </Link>
      </p>
      <ScreenHeading title={`${title} · ${t('app.name')}`}>{title}</ScreenHeading>
      {!id && <p>{t('staff.vacancy.newIntro')}</p>}
      <LoadStatus state={existing} />
      {existing.status === 'done' && <VacancyForm vacancy={existing.data} />}
    </section>
  );
}

type Importance = 'essential' | 'optional';

function VacancyForm({ vacancy }: { vacancy: VacancyFull | null }) {
  const { t, i18n } = useTranslation();
  const form = useForm();
  const [title, setTitle] = useState(vacancy?.title ?? '');
  const [description, setDescription] = useState(vacancy?.description ?? '');
  const [occupationText, setOccupationText] = useState('');
  const [occupation, setOccupation] = useState<{ uri: string; isco: string; label: string } | null>(null);
  const [sector, setSector] = useState(vacancy?.sector ?? '');
  const [country, setCountry] = useState(vacancy?.location.country ?? '');
  const [region, setRegion] = useState(vacancy?.location.region ?? '');
  const [posts, setPosts] = useState(String(vacancy?.posts ?? 1));
  const [contract, setContract] = useState(codeOf(CONTRACT_TYPES, vacancy?.contractType, 'permanent'));
  const [hours, setHours] = useState(vacancy?.hoursPerWeek ? String(vacancy.hoursPerWeek) : '');
  const [amount, setAmount] = useState(vacancy?.wage ? String(vacancy.wage.amount) : '');
  const [currency, setCurrency] = useState(vacancy?.wage?.currency ?? 'EUR');
  const [period, setPeriod] = useState(codeOf(WAGE_PERIODS, vacancy?.wage?.period, 'month'));
  const [sponsors, setSponsors] = useState(vacancy?.employerSponsorsPermit ?? false);
  const [fees, setFees] = useState(vacancy?.employerPaysRecruitmentFees ?? true);
  // The skills under review: URI → essential/optional, in the order shown; removed ones can be put back.
  const [skills, setSkills] = useState<[string, Importance][]>(() =>
    vacancy
      ? [
          ...vacancy.essentialSkills.map((u) => [u, 'essential'] as [string, Importance]),
          ...vacancy.optionalSkills.map((u) => [u, 'optional'] as [string, Importance]),
        ]
      : [],
  );
  const [removed, setRemoved] = useState<[string, Importance][]>([]);
  const [suggesting, setSuggesting] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const lang = i18n.language;
  const esco = contentLanguage(lang);
  const { labels, lang: labelLang, learn } = useLabels([...skills, ...removed].map(([u]) => u));
  const occupationUri = occupation?.uri ?? vacancy?.occupationUri ?? null;

  // The occupation's label when editing (the combobox shows it, and picking another one replaces the skills).
  useEffect(() => {
    if (!vacancy) return;
    const ctrl = new AbortController();
    api.occupation(conceptId(vacancy.occupationUri), esco, ctrl.signal).then(
      (o) => setOccupationText((text) => text || o.label),
      () => undefined,
    );
    return () => ctrl.abort();
  }, [vacancy, esco]);

  async function pickOccupation(hit: SearchHit) {
    setOccupation({ uri: hit.uri, isco: hit.isco ?? '', label: hit.label });
    setSuggesting({ kind: 'ok', text: t('staff.vacancy.skillsLoading') });
    try {
      const detail: OccupationDetail = await api.occupation(conceptId(hit.uri), esco);
      for (const s of [...detail.essentialSkills, ...detail.optionalSkills]) learn(s.uri, s.label);
      setSkills([
        ...detail.essentialSkills.map((s) => [s.uri, 'essential'] as [string, Importance]),
        ...detail.optionalSkills.map((s) => [s.uri, 'optional'] as [string, Importance]),
      ]);
      setRemoved([]);
      setSuggesting({
        kind: 'ok',
        text: t('staff.vacancy.skillsSuggested', {
          essential: detail.essentialSkills.length,
          optional: detail.optionalSkills.length,
        }),
      });
    } catch (err) {
      setSuggesting({ kind: 'error', text: t(errorKey(err)) });
    }
  }

  const setImportance = (uri: string, importance: Importance) =>
    setSkills((list) => list.map(([u, i]) => (u === uri ? [u, importance] : [u, i])));
  const remove = (uri: string) => {
    const item = skills.find(([u]) => u === uri);
    if (!item) return;
    setSkills((list) => list.filter(([u]) => u !== uri));
    setRemoved((list) => [item, ...list]);
  };
  const putBack = (uri: string) => {
    const item = removed.find(([u]) => u === uri);
    if (!item) return;
    setRemoved((list) => list.filter(([u]) => u !== uri));
    setSkills((list) => [...list, item]);
  };

  const serverError = useServerError(
    form,
    {
      'body.title': 'vacancy-title',
      'body.description': 'vacancy-description',
      'body.occupationUri': 'vacancy-occupation',
      'body.sector': 'vacancy-sector',
      'body.location.country': 'vacancy-country',
      'body.location.region': 'vacancy-region',
      'body.posts': 'vacancy-posts',
      'body.hoursPerWeek': 'vacancy-hours',
      'body.wage': 'vacancy-wage',
      'body.essentialSkills': 'vacancy-add-skill',
      'body.optionalSkills': 'vacancy-add-skill',
    },
    {
      'body.location.region': t('staff.vacancy.regionRequired'),
      'body.location.country': t('staff.vacancy.countryInvalid'),
    },
  );

  async function save(e: FormEvent) {
    e.preventDefault();
    setOutcome(null);
    const errors: Record<string, string> = {};
    if (!title.trim()) errors['vacancy-title'] = t('staff.form.required');
    if (!occupationUri) errors['vacancy-occupation'] = t('vacancy.chooseOccupation');
    if (!sector) errors['vacancy-sector'] = t('vacancy.chooseSector');
    if (!country) errors['vacancy-country'] = t('staff.vacancy.chooseCountry');
    if (!/^[A-Za-z0-9-]{1,12}$/.test(region.trim())) errors['vacancy-region'] = t('staff.vacancy.regionRequired');
    const n = Number(posts);
    if (!(Number.isInteger(n) && n >= 1 && n <= 10000))
      errors['vacancy-posts'] = t('staff.form.numberBetween', { min: 1, max: 10000 });
    if (hours && !(Number(hours) >= 1 && Number(hours) <= 80))
      errors['vacancy-hours'] = t('staff.form.numberBetween', { min: 1, max: 80 });
    if (amount && !(Number(amount) >= 0))
      errors['vacancy-wage'] = t('staff.form.numberBetween', { min: 0, max: 100000000 });
    if (amount && !/^[A-Za-z]{3}$/.test(currency.trim()))
      errors['vacancy-currency'] = t('staff.training.currencyInvalid');
    if (form.fail(errors) || !occupationUri) return;
    // What the form does not edit goes back as it was read.
    const kept = vacancy && vacancyWrite(vacancy);
    const body: Omit<VacancyWrite, 'status'> = {
      title: title.trim(),
      description: description.trim() || null,
      occupationUri,
      sector,
      essentialSkills: skills.filter(([, i]) => i === 'essential').map(([u]) => u),
      optionalSkills: skills.filter(([, i]) => i === 'optional').map(([u]) => u),
      minIscedLevel: kept?.minIscedLevel ?? null,
      languages: kept?.languages ?? [],
      location: { country, region: region.trim().toUpperCase() },
      posts: n,
      contractType: contract,
      hoursPerWeek: hours ? Number(hours) : null,
      wage: amount ? { amount: Number(amount), currency: currency.trim().toUpperCase(), period } : null,
      startDate: kept?.startDate ?? null,
      employerSponsorsPermit: sponsors,
      employerPaysRecruitmentFees: fees,
    };
    setBusy(true);
    try {
      const saved = kept
        ? await staffApi.updateVacancy(vacancy.id, { ...body, status: kept.status, version: kept.version })
        : await staffApi.createVacancy(body);
      flash = vacancy
        ? t('staff.vacancy.saved')
        : t('vacancy.published', { title: saved.title, count: saved.essentialSkills.length });
      navigate(`/vacancies/${saved.id}`);
    } catch (err) {
      const text = serverError(err);
      if (text) setOutcome({ kind: 'error', text });
    } finally {
      setBusy(false);
    }
  }

  const essentialCount = skills.filter(([, i]) => i === 'essential').length;
  return (
    <form className="panel" onSubmit={save} noValidate aria-label={t('staff.vacancy.formLabel')}>
      <div className="field">
        <label htmlFor="vacancy-title">{t('vacancy.jobTitle')}</label>
        <input
          type="text"
          dir="auto"
          maxLength={200}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          {...form.field('vacancy-title')}
        />
        <FieldError form={form} id="vacancy-title" />
      </div>
      <div className="field">
        <OccupationCombobox
          id="vacancy-occupation"
          label={t('vacancy.occupation')}
          hint={t('staff.vacancy.occupationHint')}
          value={occupationText}
          invalid={Boolean(form.errors['vacancy-occupation'])}
          describedBy={form.errors['vacancy-occupation'] ? 'vacancy-occupation-error' : undefined}
          onChange={(text, picked) => {
            setOccupationText(text);
            form.clearField('vacancy-occupation');
            if (picked) void pickOccupation(picked);
            else if (!vacancy) setOccupation(null);
          }}
        />
        <FieldError form={form} id="vacancy-occupation" />
        {occupation && (
          <p className="ok">{t('vacancy.chosenOccupation', { label: occupation.label, isco: occupation.isco })}</p>
        )}
      </div>

      <fieldset className="entry skills-review">
        <legend>{t('staff.vacancy.skillsHeading')}</legend>
        <p className="hint">{t('staff.vacancy.skillsIntro')}</p>
        <EnglishLabelsNote />
        <FormStatus outcome={suggesting} />
        {!occupationUri ? (
          <p className="muted">{t('staff.vacancy.pickOccupationFirst')}</p>
        ) : skills.length === 0 ? (
          <p className="muted">{t('staff.vacancy.noSkills')}</p>
        ) : (
          <>
            <p>
              {t('staff.vacancy.reviewCount', { essential: essentialCount, optional: skills.length - essentialCount })}
            </p>
            <ul className="skill-review">
              {skills.map(([uri, importance]) => (
                <li key={uri}>
                  <SkillLabel uri={uri} labels={labels} lang={labelLang} />
                  <span className="skill-controls">
                    <select
                      aria-label={t('staff.vacancy.importance', { skill: labels[uri] ?? '' })}
                      value={importance}
                      onChange={(e) => setImportance(uri, e.target.value as Importance)}
                    >
                      <option value="essential">{t('staff.vacancy.essential')}</option>
                      <option value="optional">{t('staff.vacancy.optional')}</option>
                    </select>
                    <RemoveSkillButton label={labels[uri]} onRemove={() => remove(uri)} />
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
        {occupationUri ? (
          <FormSkillPicker
            id="vacancy-add-skill"
            label={t('staff.vacancy.addSkill')}
            form={form}
            learn={learn}
            onPick={(uri) => {
              setRemoved((list) => list.filter(([u]) => u !== uri));
              setSkills((list) => (list.some(([u]) => u === uri) ? list : [...list, [uri, 'essential']]));
            }}
          />
        ) : (
          <FieldError form={form} id="vacancy-add-skill" />
        )}
        {removed.length > 0 && (
          <details className="removed-skills">
            <summary>{t('staff.vacancy.removedCount', { count: removed.length })}</summary>
            <ul className="skill-review">
              {removed.map(([uri]) => (
                <li key={uri}>
                  <SkillLabel uri={uri} labels={labels} lang={labelLang} />
                  <button
                    type="button"
                    className="small secondary"
                    aria-label={t('staff.vacancy.putBackSkill', { skill: labels[uri] ?? '' })}
                    onClick={() => putBack(uri)}
                  >
                    {t('staff.vacancy.putBack')}
                  </button>
                </li>
              ))}
            </ul>
          </details>
        )}
      </fieldset>

      <div className="field">
        <label htmlFor="vacancy-description">{t('staff.vacancy.description')}</label>
        <textarea
          rows={3}
          dir="auto"
          maxLength={10000}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          {...form.field('vacancy-description')}
        />
        <FieldError form={form} id="vacancy-description" />
      </div>
      <div className="field">
        <label htmlFor="vacancy-sector">{t('vacancy.sector')}</label>
        <select value={sector} onChange={(e) => setSector(e.target.value)} {...form.field('vacancy-sector')}>
          <option value="">{t('vacancy.chooseSector')}</option>
          {SECTORS.map((s) => (
            <option key={s} value={s}>
              {sectorName(s, lang)}
            </option>
          ))}
        </select>
        <FieldError form={form} id="vacancy-sector" />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="vacancy-country">{t('vacancy.country')}</label>
          <CountrySelect
            value={country}
            onChange={setCountry}
            placeholder={t('caseload.chooseCountry')}
            {...form.field('vacancy-country')}
          />
          <FieldError form={form} id="vacancy-country" />
        </div>
        <div className="field">
          <label htmlFor="vacancy-region">{t('staff.vacancy.region')}</label>
          <input
            type="text"
            dir="ltr"
            maxLength={12}
            autoCapitalize="characters"
            value={region}
            onChange={(e) => setRegion(e.target.value.toUpperCase())}
            {...form.field('vacancy-region', 'vacancy-region-hint')}
          />
          <p id="vacancy-region-hint" className="hint">
            {t('staff.vacancy.regionHint')}
          </p>
          <FieldError form={form} id="vacancy-region" />
        </div>
      </div>
      {/* Issue 14: what each permit of the country allows, and how to hire under it. */}
      <Suspense fallback={null}>
        <CountryHiringGuides country={country} />
      </Suspense>
      <div className="field-row">
        <div className="field">
          <label htmlFor="vacancy-posts">{t('vacancy.posts')}</label>
          <input
            type="number"
            inputMode="numeric"
            min={1}
            max={10000}
            value={posts}
            onChange={(e) => setPosts(e.target.value)}
            {...form.field('vacancy-posts')}
          />
          <FieldError form={form} id="vacancy-posts" />
        </div>
        <div className="field">
          <label htmlFor="vacancy-contract">{t('vacancy.contract')}</label>
          <select
            id="vacancy-contract"
            value={contract}
            onChange={(e) => setContract(codeOf(CONTRACT_TYPES, e.target.value, 'permanent'))}
          >
            {CONTRACT_TYPES.map((c) => (
              <option key={c} value={c}>
                {t(`vacancy.contracts.${contractKey(c)}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="vacancy-hours">{t('vacancy.hours')}</label>
          <input
            type="number"
            inputMode="decimal"
            min={1}
            max={80}
            value={hours}
            onChange={(e) => setHours(e.target.value)}
            {...form.field('vacancy-hours')}
          />
          <FieldError form={form} id="vacancy-hours" />
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="vacancy-wage">{t('vacancy.wage')}</label>
          <input
            type="number"
            inputMode="decimal"
            min={0}
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            {...form.field('vacancy-wage')}
          />
          <FieldError form={form} id="vacancy-wage" />
        </div>
        <div className="field">
          <label htmlFor="vacancy-currency">{t('vacancy.currency')}</label>
          <input
            type="text"
            dir="ltr"
            maxLength={3}
            autoCapitalize="characters"
            value={currency}
            onChange={(e) => setCurrency(e.target.value.toUpperCase())}
            {...form.field('vacancy-currency')}
          />
          <FieldError form={form} id="vacancy-currency" />
        </div>
        <div className="field">
          <label htmlFor="vacancy-period">{t('vacancy.period')}</label>
          <select
            id="vacancy-period"
            value={period}
            onChange={(e) => setPeriod(codeOf(WAGE_PERIODS, e.target.value, 'month'))}
          >
            {WAGE_PERIODS.map((p) => (
              <option key={p} value={p}>
                {t(`vacancy.periods.${p}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <label className="choice">
        <input type="checkbox" checked={sponsors} onChange={(e) => setSponsors(e.target.checked)} />
        {t('vacancy.sponsors')}
      </label>
      <label className="choice">
        <input
          type="checkbox"
          checked={fees}
          onChange={(e) => setFees(e.target.checked)}
          aria-describedby="vacancy-fees-hint"
        />
        {t('vacancy.fees')}
      </label>
      <p id="vacancy-fees-hint" className="hint">
        {t('vacancy.feesHint')}
      </p>
      <FormStatus outcome={outcome} />
      <button type="submit" disabled={busy}>
        {vacancy ? t('staff.vacancy.save') : t('vacancy.publish')}
      </button>
    </form>
  );
}
