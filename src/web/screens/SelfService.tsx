// A migrant's own data: a JSON copy of everything held about them, and erasure behind an explicit confirmation.
// (Their consents: screens/Consent.tsx.)
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenHeading } from '../components/Heading.js';
import { errorKey } from '../errors.js';
import { selfService } from '../interview.js';

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
