// A migrant's own consents and data: what they agreed to (purpose, organisation, date) with an immediate
// withdrawal, a JSON copy of everything held about them, and erasure behind an explicit confirmation.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenHeading } from '../components/Heading.js';
import { LoadStatus } from '../components/LoadStatus.js';
import { errorKey } from '../errors.js';
import { formatDate } from '../i18n.js';
import { selfService, type ConsentRecord, type Organisation } from '../interview.js';
import { useApi } from '../useApi.js';

/** `known`: the profile id the session check gave; without it (no profile yet at sign-in) it is asked for. */
async function loadConsents(known: string | null, signal: AbortSignal) {
  const migrantId = known ?? (await selfService.migrantId(signal));
  if (!migrantId) return { migrantId: null, consents: [] as ConsentRecord[], organisations: new Map<string, string>() };
  const [{ consents }, { organisations }] = await Promise.all([
    selfService.consents(migrantId, signal),
    selfService.organisations(signal),
  ]);
  return {
    migrantId,
    consents,
    organisations: new Map(organisations.map((o: Organisation) => [o.id, o.name])),
  };
}

export function MyConsentsScreen({ migrantId: known = null }: { migrantId?: string | null }) {
  const { t, i18n } = useTranslation();
  const [reload, setReload] = useState(0);
  const state = useApi((signal) => loadConsents(known, signal), [reload, known]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const title = t('me.consentsTitle');

  const purposeText = (c: ConsentRecord, orgs: Map<string, string>) =>
    t(`me.purposes.${c.purpose}`, {
      organisation: orgs.get(c.targetOrganisationId ?? '') ?? c.targetOrganisationId ?? '',
    });

  async function withdraw(migrantId: string, c: ConsentRecord, orgs: Map<string, string>) {
    setBusy(c.id);
    setMessage(null);
    try {
      await selfService.withdrawConsent(migrantId, c.id);
      setMessage({ kind: 'ok', text: t('me.withdrawn', { purpose: purposeText(c, orgs) }) });
      setReload((n) => n + 1);
    } catch (err) {
      setMessage({ kind: 'error', text: t(errorKey(err)) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="screen my-consents" data-screen="my-consents">
      <ScreenHeading title={`${title} · ${t('app.name')}`}>{title}</ScreenHeading>
      <p>{t('me.consentsIntro')}</p>
      <div role="status" className={message?.kind === 'error' ? 'error' : 'ok'}>
        {message?.text}
      </div>
      <LoadStatus state={state} />
      {state.status === 'done' && state.data.consents.length === 0 && <p className="muted">{t('me.noConsents')}</p>}
      {state.status === 'done' && state.data.consents.length > 0 && (
        <ul className="cards consents">
          {state.data.consents.map((c) => {
            const { organisations, migrantId } = state.data;
            const purpose = purposeText(c, organisations);
            return (
              <li key={c.id} className={`card ${c.withdrawnAt ? 'withdrawn' : ''}`}>
                <h2 className="card-title" dir="auto">
                  {purpose}
                </h2>
                <dl className="facts">
                  <div>
                    <dt>{t('me.organisation')}</dt>
                    <dd dir="auto">{organisations.get(c.organisationId) ?? c.organisationId}</dd>
                  </div>
                  <div>
                    <dt>{t('me.givenOn')}</dt>
                    <dd>{formatDate(new Date(c.givenAt), i18n.language)}</dd>
                  </div>
                  <div>
                    <dt>{t('me.status')}</dt>
                    <dd>
                      <span className={`badge ${c.withdrawnAt ? 'rejected' : 'confirmed'}`}>
                        {c.withdrawnAt
                          ? t('me.withdrawnOn', { date: formatDate(new Date(c.withdrawnAt), i18n.language) })
                          : t('me.active')}
                      </span>
                    </dd>
                  </div>
                </dl>
                {!c.withdrawnAt && migrantId && (
                  <button
                    type="button"
                    className="secondary"
                    disabled={busy === c.id}
                    aria-label={`${t('me.withdraw')}: ${purpose}`}
                    onClick={() => void withdraw(migrantId, c, organisations)}
                  >
                    {t('me.withdraw')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

const EXPORT_FILE = 'corridor-export.json';

/** The file name kept in one left-to-right piece inside right-to-left text. */
function WithFileName({ text }: { text: string }) {
  const at = text.indexOf(EXPORT_FILE);
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <bdi dir="ltr">{EXPORT_FILE}</bdi>
      {text.slice(at + EXPORT_FILE.length)}
    </>
  );
}

export function MyDataScreen({ onErased }: { onErased(): void }) {
  const { t } = useTranslation();
  const [exportState, setExportState] = useState<{ kind: 'idle' | 'busy' | 'ok' | 'error'; text?: string }>({
    kind: 'idle',
  });
  const [asking, setAsking] = useState(false);
  const [ticked, setTicked] = useState(false);
  const [tickMissing, setTickMissing] = useState(false);
  const [erasing, setErasing] = useState(false);
  const [erasureError, setErasureError] = useState<string | null>(null);
  const tickRef = useRef<HTMLInputElement>(null);
  const title = t('me.dataTitle');

  async function download() {
    setExportState({ kind: 'busy' });
    try {
      const data = await selfService.exportData();
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = EXPORT_FILE;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setExportState({ kind: 'ok', text: t('me.exported', { file: EXPORT_FILE }) });
    } catch (err) {
      setExportState({ kind: 'error', text: t(errorKey(err)) });
    }
  }

  async function erase() {
    if (!ticked) {
      setTickMissing(true);
      tickRef.current?.focus();
      return;
    }
    setErasing(true);
    setErasureError(null);
    try {
      await selfService.erase();
      onErased();
    } catch (err) {
      setErasureError(t(errorKey(err)));
      setErasing(false);
    }
  }

  return (
    <section className="screen my-data" data-screen="my-data">
      <ScreenHeading title={`${title} · ${t('app.name')}`}>{title}</ScreenHeading>
      <p>{t('me.dataIntro')}</p>
      <section className="panel" aria-labelledby="export-heading">
        <h2 id="export-heading">{t('me.exportHeading')}</h2>
        <p>{t('me.exportBody')}</p>
        <button type="button" onClick={() => void download()} disabled={exportState.kind === 'busy'}>
          {t('me.exportButton')}
        </button>
        <div role="status" className={exportState.kind === 'error' ? 'error' : 'ok'}>
          {exportState.kind === 'ok' ? <WithFileName text={exportState.text ?? ''} /> : exportState.text}
        </div>
      </section>
      <section className="panel danger" aria-labelledby="erasure-heading">
        <h2 id="erasure-heading">{t('me.erasureHeading')}</h2>
        <p>{t('me.erasureBody')}</p>
        {!asking ? (
          <button type="button" className="danger" onClick={() => setAsking(true)}>
            {t('me.erasureStart')}
          </button>
        ) : (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void erase();
            }}
          >
            <label className="choice">
              <input
                ref={tickRef}
                type="checkbox"
                checked={ticked}
                autoFocus
                aria-invalid={tickMissing && !ticked ? true : undefined}
                aria-describedby={tickMissing && !ticked ? 'erasure-tick-error' : undefined}
                onChange={(e) => setTicked(e.target.checked)}
              />
              {t('me.erasureConfirmLabel')}
            </label>
            {tickMissing && !ticked && (
              <p id="erasure-tick-error" className="error">
                {t('me.erasureNeedsTick')}
              </p>
            )}
            <div className="step-actions">
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  setAsking(false);
                  setTicked(false);
                  setTickMissing(false);
                }}
              >
                {t('me.cancel')}
              </button>
              <button type="submit" className="danger" disabled={erasing}>
                {t('me.erasureConfirm')}
              </button>
            </div>
            {erasureError && (
              <p role="alert" className="error">
                {erasureError}
              </p>
            )}
          </form>
        )}
      </section>
    </section>
  );
}
