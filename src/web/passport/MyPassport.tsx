// The person's own passports, on a phone: download as JSON or PDF (its QR code links to it), share by a link that
// expires and can be stopped (with the link's QR code on screen, to show a verifier), and make a version that
// shows only what they choose.
import { useEffect, useState, type FormEvent } from 'react';
import { request } from '../api.js';
import { errorKey } from '../errors.js';
import { ScreenHeading } from '../components/Heading.js';
import { LoadStatus } from '../components/LoadStatus.js';
import { useApi } from '../useApi.js';
import { passportApi, type Disclosure, type PassportSummary, type Share } from './api.js';
import { usePassportTranslation } from './messages.js';
import { PassportFacts, day } from './parts.js';

export default function MyPassportScreen({ migrantId: known }: { migrantId: string | null }) {
  const { t, i18n } = usePassportTranslation();
  const [version, setVersion] = useState(0);
  const me = useApi(
    (signal) =>
      known
        ? Promise.resolve(known)
        : request<{ migrantId?: string | null }>('GET', '/me', { signal }).then((r) => r.migrantId ?? null),
    [known],
  );
  const migrantId = me.status === 'done' ? me.data : null;
  const list = useApi(
    (signal) => (migrantId ? passportApi.list(migrantId, signal) : Promise.resolve([])),
    [migrantId, version],
  );
  const passports = list.status === 'done' ? list.data.filter((p) => !p.revokedAt) : [];
  return (
    <section className="screen my-passport" data-screen="my-passport">
      <ScreenHeading title={`${t('passport.title')} · ${t('app.name')}`}>{t('passport.title')}</ScreenHeading>
      <p className="hint">{t('passport.intro')}</p>
      <LoadStatus state={list} />
      {list.status === 'done' && passports.length === 0 && <p>{t('passport.noneMine')}</p>}
      {passports.map((p) => (
        <article key={p.id} className="panel passport-card" data-passport={p.id} aria-label={t('passport.title')}>
          <PassportFacts p={p} t={t} lang={i18n.language} />
          <p className="actions">
            <a className="button" href={passportApi.jsonUrl(p.id)} download={`skills-passport-${p.id}.json`}>
              {t('passport.downloadJson')}
            </a>{' '}
            <a
              className="button"
              href={passportApi.pdfUrl(p.id, i18n.language)}
              download={`skills-passport-${p.id}.pdf`}
            >
              {t('passport.downloadPdf')}
            </a>
          </p>
          <SharePanel passport={p} />
          {!p.derivedFrom && <ChoosePanel passport={p} onMade={() => setVersion((v) => v + 1)} />}
        </article>
      ))}
    </section>
  );
}

function SharePanel({ passport }: { passport: PassportSummary }) {
  const { t, i18n } = usePassportTranslation();
  const [days, setDays] = useState(30);
  const [version, setVersion] = useState(0);
  const [made, setMade] = useState<Share | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const shares = useApi((signal) => passportApi.shares(passport.id, signal), [passport.id, version]);
  useEffect(() => {
    if (!made?.url) return setQr(null);
    let live = true;
    // The QR library loads only when a link is made.
    void import('qrcode').then((QR) =>
      QR.toDataURL(made.url!, { errorCorrectionLevel: 'M', margin: 2, width: 240 }).then((url) => live && setQr(url)),
    );
    return () => {
      live = false;
    };
  }, [made]);
  async function create(e: FormEvent) {
    e.preventDefault();
    try {
      setMade(await passportApi.share(passport.id, days));
      setStatus(null);
      setVersion((v) => v + 1);
    } catch (err) {
      setStatus({ text: t(errorKey(err)), error: true });
    }
  }
  async function stop(id: string) {
    try {
      await passportApi.stop(id);
      if (made?.id === id) setMade(null);
      setStatus({ text: t('passport.share.stoppedNow') });
      setVersion((v) => v + 1);
    } catch (err) {
      setStatus({ text: t(errorKey(err)), error: true });
    }
  }
  const field = `share-days-${passport.id}`;
  return (
    <section className="share" aria-labelledby={`share-${passport.id}`}>
      <h2 id={`share-${passport.id}`}>{t('passport.share.title')}</h2>
      <form onSubmit={create} className="inline-form">
        <label htmlFor={field}>{t('passport.share.days')}</label>
        <select id={field} value={days} onChange={(e) => setDays(Number(e.target.value))}>
          {[1, 7, 30, 90].map((d) => (
            <option key={d} value={d}>
              {t('passport.share.daysOption', { count: d })}
            </option>
          ))}
        </select>
        <button type="submit">{t('passport.share.create')}</button>
      </form>
      {made?.url && (
        <div className="share-made">
          <label htmlFor={`link-${made.id}`}>{t('passport.share.link')}</label>
          <input id={`link-${made.id}`} readOnly value={made.url} dir="ltr" onFocus={(e) => e.target.select()} />
          {qr && <img className="share-qr" src={qr} alt={t('passport.share.qr')} width={240} height={240} />}
        </div>
      )}
      {status && (
        <p role={status.error ? 'alert' : 'status'} className={status.error ? 'error' : 'notice'}>
          {status.text}
        </p>
      )}
      {shares.status === 'done' && shares.data.length > 0 && (
        <>
          <h3>{t('passport.share.list')}</h3>
          <ul className="share-list">
            {shares.data.map((s) => (
              <li key={s.id}>
                {s.stoppedAt
                  ? t('passport.share.stopped')
                  : t('passport.share.expires', { date: day(s.expiresAt, i18n.language) })}{' '}
                {!s.stoppedAt && new Date(s.expiresAt) > new Date() && (
                  <button type="button" onClick={() => stop(s.id)}>
                    {t('passport.share.stop')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ChoosePanel({ passport, onMade }: { passport: PassportSummary; onMade: () => void }) {
  const { t } = usePassportTranslation();
  const [choice, setChoice] = useState<Disclosure>({ name: true, originCountry: false, birthYear: false });
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  async function make(e: FormEvent) {
    e.preventDefault();
    try {
      await passportApi.derive(passport.id, choice);
      setStatus({ text: t('passport.choose.made') });
      onMade();
    } catch (err) {
      setStatus({ text: t(errorKey(err)), error: true });
    }
  }
  return (
    <section aria-labelledby={`choose-${passport.id}`}>
      <h2 id={`choose-${passport.id}`}>{t('passport.choose.title')}</h2>
      <p className="hint">{t('passport.choose.hint')}</p>
      <form onSubmit={make}>
        {(['name', 'originCountry', 'birthYear'] as const).map((f) => (
          <div className="field checkbox" key={f}>
            <input
              type="checkbox"
              id={`${f}-${passport.id}`}
              checked={choice[f]}
              onChange={(e) => setChoice({ ...choice, [f]: e.target.checked })}
            />
            <label htmlFor={`${f}-${passport.id}`}>{t(`passport.choose.${f}`)}</label>
          </div>
        ))}
        <button type="submit">{t('passport.choose.make')}</button>
      </form>
      {status && (
        <p role={status.error ? 'alert' : 'status'} className={status.error ? 'error' : 'notice'}>
          {status.text}
        </p>
      )}
    </section>
  );
}
