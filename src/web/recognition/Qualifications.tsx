// A person's qualifications on their advisor's side: add one as written on the certificate, upload its documents
// (the server checks their type by content and keeps them encrypted), request recognition, and read the decisions.
import { useState, type FormEvent } from 'react';
import { errorField } from '../api.js';
import { CountrySelect } from '../components/Fields.js';
import { ScreenHeading } from '../components/Heading.js';
import { Link } from '../components/Link.js';
import { LoadStatus } from '../components/LoadStatus.js';
import { useApi } from '../useApi.js';
import {
  readAsBase64,
  recognitionApi,
  type DocumentBody,
  type Framework,
  type PersonRecognition,
  type Qualification,
} from './api.js';
import { useRecognitionTranslation } from './messages.js';
import { DecisionView, failure, place, Status } from './parts.js';

// The server's lists, typed by its contract (it checks the type again by content).
const TYPES: readonly DocumentBody['mediaType'][] = ['application/pdf', 'image/jpeg', 'image/png'];
const KINDS: readonly DocumentBody['kind'][] = ['diploma', 'transcript', 'certificate', 'translation', 'other'];
const MAX_BYTES = 10 * 1024 * 1024;

export default function QualificationsScreen({ id }: { id: string }) {
  const { t } = useRecognitionTranslation();
  const [reload, setReload] = useState(0);
  const state = useApi(
    async (signal) => ({
      person: await recognitionApi.person(id, signal),
      frameworks: (await recognitionApi.frameworks(signal)).frameworks,
    }),
    [id, reload],
  );
  const refresh = () => setReload((n) => n + 1);
  return (
    <section className="screen recognition" data-screen="qualifications">
      <p className="back">
        <Link href={`/caseload/${id}`}>{t('recognition.qualification.back')}</Link>
      </p>
      <ScreenHeading title={`${t('recognition.qualification.title')} · ${t('app.name')}`}>
        {t('recognition.qualification.title')}
        {state.status === 'done' && state.data.person.displayName && (
          <>
            {' · '}
            <span dir="auto">{state.data.person.displayName}</span>
          </>
        )}
      </ScreenHeading>
      <p>{t('recognition.qualification.intro')}</p>
      <LoadStatus state={state} />
      {state.status === 'done' && (
        <>
          <QualificationList person={state.data.person} onChanged={refresh} staff />
          <AddQualification migrantId={id} frameworks={state.data.frameworks} onAdded={refresh} />
        </>
      )}
    </section>
  );
}

export function QualificationList(props: { person: PersonRecognition; onChanged(): void; staff?: boolean }) {
  const { t } = useRecognitionTranslation();
  const { person } = props;
  if (person.qualifications.length === 0) return <p className="muted">{t('recognition.qualification.empty')}</p>;
  return (
    <ul className="qualification-list">
      {person.qualifications.map((q) => (
        <QualificationItem
          key={q.id}
          q={q}
          cases={person.cases.filter((c) => c.qualificationId === q.id)}
          onChanged={props.onChanged}
          staff={props.staff ?? false}
        />
      ))}
    </ul>
  );
}

function QualificationItem(props: {
  q: Qualification;
  cases: PersonRecognition['cases'];
  onChanged(): void;
  staff: boolean;
}) {
  const { t, i18n } = useRecognitionTranslation();
  const { q } = props;
  const latest = props.cases[props.cases.length - 1];
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const [appeal, setAppeal] = useState('');
  const canRequest = !latest || latest.status === 'decided' ? !latest && q.status !== 'withdrawn' : false;
  async function request() {
    try {
      await recognitionApi.request(q.id, {});
      setStatus({ text: t('recognition.qualification.requested') });
      props.onChanged();
    } catch (err) {
      setStatus({ text: failure(err, t), error: true });
    }
  }
  async function stopSharing() {
    if (!latest) return;
    try {
      await recognitionApi.withdrawReferral(latest.id);
      setStatus({ text: t('recognition.referral.withdrawn') });
      props.onChanged();
    } catch (err) {
      setStatus({ text: failure(err, t), error: true });
    }
  }
  async function sendAppeal(e: FormEvent) {
    e.preventDefault();
    if (!latest) return;
    if (!appeal.trim()) {
      setStatus({ text: t('recognition.required'), error: true });
      document.getElementById(`appeal-${q.id}`)?.focus();
      return;
    }
    try {
      await recognitionApi.appeal(latest.id, latest.version, appeal.trim());
      setStatus({ text: t('recognition.decision.appealed') });
      props.onChanged();
    } catch (err) {
      setStatus({ text: failure(err, t), error: true });
    }
  }
  return (
    <li className="panel qualification" data-qualification={q.id}>
      <h3 dir="auto">{q.originalTitle}</h3>
      {q.titleTranslation && (
        <p dir="auto" lang={q.translationLang ?? undefined} className="muted">
          {q.titleTranslation}
        </p>
      )}
      <p>
        <span dir="auto">{place(q.awardingBody, q.country, i18n.language, t)}</span>
        {q.year ? ` · ${q.year}` : ''}
        {q.nationalFramework && q.nationalLevel ? ` · ${q.nationalFramework} ${q.nationalLevel}` : ''}
      </p>
      {q.referencedEqfLevel && (
        <p className="muted">{t('recognition.qualification.referenced', { level: q.referencedEqfLevel })}</p>
      )}
      <p>
        <span className={`badge status-${q.status}`}>{t(`recognition.statuses.${q.status}`)}</span>
      </p>
      {latest && props.staff && (
        <p>
          <Link href={`/recognition/cases/${latest.id}`}>{t('recognition.referral.openCase')}</Link>
        </p>
      )}
      {latest?.referral?.status === 'active' && (
        // The person (or their advisor) stops the sharing here: the assessing organisation loses sight at once.
        <p className="referral-line">
          {t('recognition.referral.sharedWith', { organisation: latest.referral.assessingOrganisationName })}{' '}
          <button type="button" className="secondary" onClick={stopSharing}>
            {t('recognition.referral.stop', { organisation: latest.referral.assessingOrganisationName })}
          </button>
        </p>
      )}
      {latest && (
        <section className="recognition-decision-box" aria-label={t('recognition.decision.title')}>
          <h4>{t('recognition.decision.title')}</h4>
          <DecisionView c={latest} />
          {latest.status === 'decided' && latest.outcome !== 'recognised' && (
            <form onSubmit={sendAppeal} noValidate>
              <div className="field">
                <label htmlFor={`appeal-${q.id}`}>{t('recognition.decision.appealReason')}</label>
                <textarea
                  id={`appeal-${q.id}`}
                  dir="auto"
                  rows={2}
                  value={appeal}
                  onChange={(e) => setAppeal(e.target.value)}
                />
              </div>
              <button type="submit" className="secondary">
                {t('recognition.decision.appeal')}
              </button>
            </form>
          )}
        </section>
      )}
      <Documents q={q} onChanged={props.onChanged} mayUpload={q.status !== 'withdrawn'} />
      {canRequest && (
        <p>
          <button type="button" onClick={request}>
            {t('recognition.qualification.request')}
          </button>
        </p>
      )}
      {status && <Status text={status.text} error={status.error} />}
    </li>
  );
}

function Documents({ q, onChanged, mayUpload }: { q: Qualification; onChanged(): void; mayUpload: boolean }) {
  const { t } = useRecognitionTranslation();
  const [kind, setKind] = useState<DocumentBody['kind']>('diploma');
  const [file, setFile] = useState<File | null>(null);
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const inputId = `document-${q.id}`;
  const fail = (text: string) => {
    setStatus({ text, error: true });
    document.getElementById(inputId)?.focus();
  };
  async function upload(e: FormEvent) {
    e.preventDefault();
    if (!file) return fail(t('recognition.required'));
    const mediaType = TYPES.find((type) => type === file.type);
    if (!mediaType) return fail(t('recognition.qualification.wrongType'));
    if (file.size > MAX_BYTES) return fail(t('recognition.qualification.tooBig'));
    try {
      await recognitionApi.upload(q.id, {
        kind,
        fileName: file.name,
        mediaType,
        contentBase64: await readAsBase64(file),
      });
      setStatus({ text: t('recognition.qualification.uploaded') });
      setFile(null);
      onChanged();
    } catch (err) {
      fail(failure(err, t));
    }
  }
  const docs = q.documents ?? [];
  return (
    <div className="documents">
      <h4>{t('recognition.qualification.documents')}</h4>
      {docs.length === 0 ? (
        <p className="muted">{t('recognition.qualification.noDocuments')}</p>
      ) : (
        <ul>
          {docs.map((d) => (
            <li key={d.id}>
              <a href={recognitionApi.documentUrl(d.id)} target="_blank" rel="noreferrer" dir="auto">
                {d.fileName}
              </a>{' '}
              <span className="muted">
                · {t(`recognition.kinds.${d.kind}`)} · {Math.max(1, Math.round(d.sizeBytes / 1024))} KB
              </span>
            </li>
          ))}
        </ul>
      )}
      {mayUpload && (
        <form onSubmit={upload} noValidate className="upload">
          <div className="field">
            <label htmlFor={`${inputId}-kind`}>{t('recognition.qualification.documentKind')}</label>
            <select
              id={`${inputId}-kind`}
              value={kind}
              onChange={(e) => setKind(KINDS.find((k) => k === e.target.value) ?? 'other')}
            >
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`recognition.kinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={inputId}>{t('recognition.qualification.document')}</label>
            <input
              id={inputId}
              type="file"
              accept="application/pdf,image/jpeg,image/png"
              aria-invalid={status?.error ? true : undefined}
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </div>
          <button type="submit" className="secondary">
            {t('recognition.qualification.upload')}
          </button>
          {status && <Status text={status.text} error={status.error} />}
        </form>
      )}
    </div>
  );
}

export function AddQualification(props: { migrantId: string; frameworks: Framework[]; onAdded(): void }) {
  const { t } = useRecognitionTranslation();
  const empty = {
    originalTitle: '',
    titleTranslation: '',
    translationLang: 'en',
    awardingBody: '',
    country: '',
    year: '',
    iscedField: '',
    nationalFramework: '',
    nationalLevel: '',
  };
  const [f, setF] = useState(empty);
  const [status, setStatus] = useState<{ text: string; error?: boolean; field?: string } | null>(null);
  const set = (k: keyof typeof empty) => (v: string) => setF((x) => ({ ...x, [k]: v }));
  const national = props.frameworks.filter((fw) => fw.kind === 'national');
  const levels = props.frameworks.find((fw) => fw.code === f.nationalFramework)?.levels ?? [];
  const fail = (text: string, field: string) => {
    setStatus({ text, error: true, field });
    document.getElementById(`q-${field}`)?.focus();
  };
  async function submit(e: FormEvent) {
    e.preventDefault();
    for (const k of ['originalTitle', 'awardingBody', 'country'] as const)
      if (!f[k].trim()) return fail(t('recognition.required'), k);
    try {
      await recognitionApi.addQualification(props.migrantId, {
        originalTitle: f.originalTitle.trim(),
        titleTranslation: f.titleTranslation.trim() || null,
        translationLang: f.titleTranslation.trim() ? f.translationLang : null,
        awardingBody: f.awardingBody.trim(),
        country: f.country,
        year: f.year ? Number(f.year) : null,
        iscedField: f.iscedField.trim() || null,
        nationalFramework: f.nationalFramework || null,
        nationalLevel: f.nationalFramework && f.nationalLevel ? f.nationalLevel : null,
      });
      setF(empty);
      setStatus({ text: t('recognition.qualification.added') });
      props.onAdded();
    } catch (err) {
      const field = errorField(err)?.replace(/^body\./, '') ?? 'originalTitle';
      fail(failure(err, t), field);
    }
  }
  const invalid = (k: string) => (status?.error && status.field === k ? true : undefined);
  const text = (k: keyof typeof empty, label: string, extra: { hint?: string; inputMode?: 'numeric' } = {}) => (
    <div className="field">
      <label htmlFor={`q-${k}`}>{label}</label>
      {extra.hint && (
        <p className="hint" id={`q-${k}-hint`}>
          {extra.hint}
        </p>
      )}
      <input
        type="text"
        id={`q-${k}`}
        dir="auto"
        inputMode={extra.inputMode}
        value={f[k]}
        aria-invalid={invalid(k)}
        aria-describedby={extra.hint ? `q-${k}-hint` : undefined}
        onChange={(e) => set(k)(e.target.value)}
      />
    </div>
  );
  return (
    <section className="panel" aria-labelledby="add-qualification">
      <h2 id="add-qualification">{t('recognition.qualification.addTitle')}</h2>
      <form onSubmit={submit} noValidate>
        {text('originalTitle', t('recognition.qualification.originalTitle'))}
        {text('titleTranslation', `${t('recognition.qualification.translation')} ${t('recognition.optional')}`)}
        {text('awardingBody', t('recognition.qualification.awardingBody'))}
        <div className="field">
          <label htmlFor="q-country">{t('recognition.qualification.country')}</label>
          <CountrySelect
            id="q-country"
            placeholder={t('caseload.chooseCountry')}
            value={f.country}
            onChange={set('country')}
            aria-invalid={invalid('country')}
          />
        </div>
        {text('year', `${t('recognition.qualification.year')} ${t('recognition.optional')}`, { inputMode: 'numeric' })}
        {text('iscedField', `${t('recognition.qualification.iscedField')} ${t('recognition.optional')}`, {
          hint: t('recognition.qualification.iscedHint'),
          inputMode: 'numeric',
        })}
        <div className="field">
          <label htmlFor="q-nationalFramework">{t('recognition.qualification.framework')}</label>
          <select
            id="q-nationalFramework"
            value={f.nationalFramework}
            onChange={(e) => setF((x) => ({ ...x, nationalFramework: e.target.value, nationalLevel: '' }))}
          >
            <option value="">{t('recognition.qualification.noFramework')}</option>
            {national.map((fw) => (
              <option key={fw.code} value={fw.code}>
                {fw.name}
              </option>
            ))}
          </select>
        </div>
        {levels.length > 0 && (
          <div className="field">
            <label htmlFor="q-nationalLevel">{t('recognition.qualification.level')}</label>
            <select
              id="q-nationalLevel"
              value={f.nationalLevel}
              aria-invalid={invalid('nationalLevel')}
              onChange={(e) => set('nationalLevel')(e.target.value)}
            >
              <option value="">{t('recognition.qualification.noFramework')}</option>
              {levels.map((l) => (
                <option key={l.level} value={l.level}>
                  {l.title}
                  {l.eqfLevel ? ` (${t('recognition.eqf', { level: l.eqfLevel })})` : ''}
                </option>
              ))}
            </select>
          </div>
        )}
        <button type="submit">{t('recognition.qualification.add')}</button>
        {status && <Status text={status.text} error={status.error} />}
      </form>
    </section>
  );
}
