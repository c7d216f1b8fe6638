// The public verification page: no sign-in. Paste a passport, upload its file, upload a picture of its QR code
// (decoded here with jsQR, loaded only then) or scan it with the camera where the browser can (BarcodeDetector).
// A QR code holds a share link; the page fetches the passport from it. The server checks everything and stores
// nothing; this page says valid or not, and why, check by check.
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { ApiError } from '../api.js';
import { errorKey } from '../errors.js';
import { ScreenHeading } from '../components/Heading.js';
import { passportApi, type Check, type Report } from './api.js';
import { usePassportTranslation } from './messages.js';

type Outcome = { report: Report; credential: Record<string, unknown> } | { error: string } | null;

/** The token of a share link (`…/verify#share=TOKEN`), or null. */
export function shareToken(text: string): string | null {
  const m = /[#&]share=([A-Za-z0-9_-]{20,100})/.exec(text);
  return m ? m[1]! : null;
}

async function decodeQr(file: File): Promise<string | null> {
  // jsQR is CommonJS: its function is the module's default export once bundled.
  const mod = (await import('jsqr')) as unknown as {
    default: (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null;
  };
  const jsQR = mod.default;
  const bitmap = await createImageBitmap(file);
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
  return jsQR(image.data, image.width, image.height)?.data ?? null;
}

export default function VerifyScreen() {
  const { t, i18n } = usePassportTranslation();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const result = useRef<HTMLDivElement>(null);

  async function check(credential: unknown) {
    setBusy(true);
    try {
      const report = await passportApi.verify(credential, i18n.language);
      setOutcome({ report, credential: credential as Record<string, unknown> });
    } catch (err) {
      const code = err instanceof ApiError ? err.code : '';
      const known = t(`passport.verify.errors.${code}`, { defaultValue: '' });
      setOutcome({ error: known || t(errorKey(err)) });
    } finally {
      setBusy(false);
      requestAnimationFrame(() => result.current?.focus());
    }
  }
  async function checkText(value: string) {
    const token = shareToken(value.trim());
    if (token) return openShare(token);
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      setOutcome({ error: t('passport.verify.notJson') });
      requestAnimationFrame(() => result.current?.focus());
      return;
    }
    await check(parsed);
  }
  async function openShare(token: string) {
    setBusy(true);
    try {
      await check(await passportApi.shared(token));
    } catch (err) {
      setBusy(false);
      setOutcome({
        error: err instanceof ApiError && err.status === 404 ? t('passport.verify.linkGone') : t(errorKey(err)),
      });
    }
  }
  // Opened from a share link (or its QR code): check it at once.
  useEffect(() => {
    const token = shareToken(location.hash);
    if (token) void openShare(token);
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!text.trim()) {
      setOutcome({ error: t('passport.verify.empty') });
      document.getElementById('passport-json')?.focus();
      return;
    }
    await checkText(text);
  }
  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    if (file.size > 256 * 1024) return setOutcome({ error: t('passport.verify.errors.too_large') });
    await checkText(await file.text());
  }
  async function onQrImage(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    const data = await decodeQr(file).catch(() => null);
    if (!data) return setOutcome({ error: t('passport.verify.noQr') });
    const token = shareToken(data);
    if (!token) return setOutcome({ error: t('passport.verify.notLink') });
    await openShare(token);
  }

  return (
    <section className="screen verify" data-screen="verify">
      <ScreenHeading title={`${t('passport.verify.title')} · ${t('app.name')}`}>
        {t('passport.verify.title')}
      </ScreenHeading>
      <p className="hint">{t('passport.verify.intro')}</p>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="passport-json">{t('passport.verify.paste')}</label>
          <textarea id="passport-json" rows={5} dir="ltr" value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <button type="submit" disabled={busy}>
          {t('passport.verify.check')}
        </button>
      </form>
      <div className="field">
        <label htmlFor="passport-file">{t('passport.verify.file')}</label>
        <input id="passport-file" type="file" accept="application/json,.json" onChange={onFile} />
      </div>
      <div className="field">
        <label htmlFor="passport-qr">{t('passport.verify.qrImage')}</label>
        <input id="passport-qr" type="file" accept="image/*" onChange={onQrImage} />
      </div>
      <CameraScan onToken={openShare} onError={(error) => setOutcome({ error })} />
      {busy && <p role="status">{t('passport.verify.checking')}</p>}
      <div ref={result} tabIndex={-1} className="verify-result" aria-live="polite">
        {outcome && 'error' in outcome && (
          <p role="alert" className="error">
            {outcome.error}
          </p>
        )}
        {outcome && 'report' in outcome && <ReportView report={outcome.report} credential={outcome.credential} />}
      </div>
    </section>
  );
}

interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}

/** Live scanning where the browser has BarcodeDetector and a camera; elsewhere the picture upload above does it. */
function CameraScan({ onToken, onError }: { onToken: (token: string) => void; onError: (e: string) => void }) {
  const { t } = usePassportTranslation();
  const [on, setOn] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const Detector = (globalThis as { BarcodeDetector?: new (o: { formats: string[] }) => BarcodeDetectorLike })
    .BarcodeDetector;
  const available = Boolean(Detector && navigator.mediaDevices?.getUserMedia);
  useEffect(() => {
    if (!on || !Detector) return;
    let stream: MediaStream | null = null;
    let timer = 0;
    const detector = new Detector({ formats: ['qr_code'] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }).then(
      (s) => {
        stream = s;
        if (video.current) {
          video.current.srcObject = s;
          void video.current.play();
        }
        timer = window.setInterval(async () => {
          if (!video.current) return;
          const codes = await detector.detect(video.current).catch(() => []);
          const token = codes.map((c) => shareToken(c.rawValue)).find(Boolean);
          if (token) {
            setOn(false);
            onToken(token);
          }
        }, 400);
      },
      () => {
        setOn(false);
        onError(t('passport.verify.noQr'));
      },
    );
    return () => {
      window.clearInterval(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [on]);
  if (!available) return null;
  return (
    <div className="field">
      <button type="button" onClick={() => setOn(!on)}>
        {on ? t('passport.verify.stopCamera') : t('passport.verify.camera')}
      </button>
      {on && <video ref={video} className="camera" muted playsInline />}
    </div>
  );
}

/** Keeps a Latin name or an ISO date whole inside a right-to-left sentence (Unicode first-strong isolate). */
const isolate = (text: string) => `\u2068${text}\u2069`;

function ReportView({ report, credential }: { report: Report; credential: Record<string, unknown> }) {
  const { t, i18n } = usePassportTranslation();
  // ESCO labels in the reader's language from the verifier (English where ESCO lacks it, as in Arabic).
  const labels = report.labels?.labels ?? {};
  const labelLang = report.labels?.lang ?? 'en';
  const subject = (credential.credentialSubject ?? {}) as {
    name?: string;
    skills?: {
      skill: string;
      name?: string;
      evidenceLevel: string;
      method: string;
      assessedBy?: string;
      assessedOn?: string;
    }[];
    qualifications?: { name: string; eqfLevel?: number; recognition?: string; recognisedOn?: string }[];
  };
  const line = (label: string, check: Check, key: string) => (
    <li className={`check check-${check.state}`} data-check={key}>
      <strong>{label}:</strong> {t(`passport.verify.codes.${check.code}`, { defaultValue: check.message })}
      {check.state === 'failed' && key === 'signature' && (
        <small className="detail" dir="ltr">
          {check.message}
        </small>
      )}
    </li>
  );
  return (
    <section
      aria-labelledby="verdict"
      className={`panel verdict ${report.valid ? 'verdict-valid' : 'verdict-invalid'}`}
    >
      <h2 id="verdict">{report.valid ? t('passport.verify.valid') : t('passport.verify.invalid')}</h2>
      <p>
        {t('passport.verify.issuedBy', { name: report.issuer.trustedAs ?? report.issuer.name ?? report.issuer.id })}
      </p>
      <p>{subject.name ? t('passport.verify.holder', { name: subject.name }) : t('passport.verify.pseudonymous')}</p>
      <ul className="checks">
        {line(t('passport.verify.signature'), report.checks.signature, 'signature')}
        {line(t('passport.verify.issuer'), report.checks.issuer, 'issuer')}
        {line(t('passport.verify.validity'), report.checks.validity, 'validity')}
        {line(t('passport.verify.status'), report.checks.status, 'status')}
      </ul>
      {report.altered.length > 0 && (
        <p className="error" dir="ltr">
          {t('passport.verify.altered', { fields: report.altered.join(', ') })}
        </p>
      )}
      {subject.skills && subject.skills.length > 0 && (
        <>
          <h3>{t('passport.verify.skillsTitle')}</h3>
          {labelLang !== i18n.language && <p className="notice">{t('explorer.labelsFallback')}</p>}
          <ul className="passport-skills">
            {subject.skills.map((s) => (
              <li key={s.skill}>
                <bdi lang={labels[s.skill] ? labelLang : 'en'}>{labels[s.skill] ?? s.name ?? s.skill}</bdi> —{' '}
                <bdi>
                  {t(`passport.verify.evidence.${s.evidenceLevel}`, { defaultValue: s.evidenceLevel })} (
                  {t(`passport.verify.methods.${s.method}`, { defaultValue: s.method })})
                </bdi>
                {s.assessedBy && s.assessedOn && (
                  <>
                    {' '}
                    · {t('passport.verify.assessedBy', { name: isolate(s.assessedBy), date: isolate(s.assessedOn) })}
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {subject.qualifications && subject.qualifications.length > 0 && (
        <>
          <h3>{t('passport.verify.qualificationsTitle')}</h3>
          <ul className="passport-qualifications">
            {subject.qualifications.map((q, i) => (
              <li key={i}>
                <bdi>{q.name}</bdi>
                {q.eqfLevel ? ` — ${t('passport.verify.eqf', { level: q.eqfLevel })}` : ''}
                {q.recognition &&
                  ` · ${t(`passport.verify.recognition.${q.recognition}`, { date: isolate(q.recognisedOn ?? ''), defaultValue: q.recognition })}`}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
