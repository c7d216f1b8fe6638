import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Session } from '../api.js';
import { ScreenHeading } from '../components/Heading.js';
import { errorKey } from '../errors.js';

/** Message key for a failed sign-in; a wrong password and an unknown account read the same on purpose. */
export function signInErrorKey(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'totp_invalid') return 'signIn.totpInvalid';
    if (err.code === 'account_locked') return 'signIn.locked';
    if (err.status === 400 || err.status === 401) return 'signIn.failed';
  }
  return errorKey(err);
}

export function SignIn(props: { notice?: string; onSignedIn(session: Session): void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needsTotp, setNeedsTotp] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!email.trim() || !password || (needsTotp && !/^[0-9]{6}$/.test(totp))) {
      setError(needsTotp && email.trim() && password ? 'signIn.totpInvalid' : 'signIn.missing');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      props.onSignedIn(await api.signIn(email.trim(), password, needsTotp ? totp : undefined));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'totp_required') {
        // Password accepted; the account also wants its second factor.
        setNeedsTotp(true);
      } else {
        setError(signInErrorKey(err));
      }
      setBusy(false);
    }
  }

  // Once the code field appears, the person's next step is to type the code.
  useEffect(() => {
    if (needsTotp) document.getElementById('signin-totp')?.focus();
  }, [needsTotp]);

  const invalid = (empty: boolean) => error === 'signIn.failed' || (error === 'signIn.missing' && empty) || undefined;
  const described = error ? 'signin-error' : undefined;

  return (
    <main id="main" className="signin" data-screen="sign-in">
      <ScreenHeading title={`${t('signIn.title')} · ${t('app.name')}`}>{t('signIn.title')}</ScreenHeading>
      <p className="tagline">{t('app.tagline')}</p>
      {props.notice && !error && (
        <p className="notice" role="status">
          {props.notice}
        </p>
      )}
      <form onSubmit={submit} noValidate aria-labelledby="signin-intro">
        <p id="signin-intro">{t('signIn.intro')}</p>
        <div className="field">
          <label htmlFor="signin-email">{t('signIn.email')}</label>
          <input
            id="signin-email"
            type="email"
            autoComplete="username"
            inputMode="email"
            dir="ltr"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={invalid(!email.trim())}
            aria-describedby={described}
          />
        </div>
        <div className="field">
          <label htmlFor="signin-password">{t('signIn.password')}</label>
          <input
            id="signin-password"
            type="password"
            autoComplete="current-password"
            dir="ltr"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={invalid(!password)}
            aria-describedby={described}
          />
        </div>
        {needsTotp && (
          <div className="field">
            <label htmlFor="signin-totp">{t('signIn.totp')}</label>
            <p id="signin-totp-hint" className="hint">
              {t('signIn.totpHint')}
            </p>
            <input
              id="signin-totp"
              type="text"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              dir="ltr"
              value={totp}
              onChange={(e) => setTotp(e.target.value.replace(/\D/g, ''))}
              aria-invalid={error === 'signIn.totpInvalid' || undefined}
              aria-describedby={['signin-totp-hint', described].filter(Boolean).join(' ')}
            />
          </div>
        )}
        <div id="signin-error" role="alert" className="error">
          {error ? t(error) : null}
        </div>
        <button type="submit" disabled={busy}>
          {busy ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
      {/* No e-mail reset yet: the organisation's administrator hands out a one-time link. */}
      <details className="forgot">
        <summary>{t('signIn.forgot')}</summary>
        <p>{t('signIn.forgotBody')}</p>
      </details>
    </main>
  );
}
