// Issue 10: the advisor gives the person they added their own account: an invitation link linked to this profile,
// shown to copy and hand over (and sent by e-mail when the server has SMTP).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../api.js';
import { errorKey } from '../errors.js';

export function PersonAccount({ profileId, hasAccount }: { profileId: string; hasAccount: boolean }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const [made, setMade] = useState<{ acceptUrl: string; emailed: boolean } | null>(null);
  const [copied, setCopied] = useState('');
  const [busy, setBusy] = useState(false);

  function fail(message: string) {
    setError(message);
    setTimeout(() => document.getElementById('account-email')?.focus(), 0);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setAlert(null);
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email.trim())) return fail(t('contact.accountBadEmail'));
    setError(null);
    setBusy(true);
    try {
      setMade(
        await request<{ acceptUrl: string; emailed: boolean }>('POST', `/profiles/${profileId}/invitation`, {
          body: { email: email.trim() },
        }),
      );
    } catch (err) {
      if (err instanceof ApiError && err.code === 'email_taken') fail(t('contact.accountTaken'));
      else if (err instanceof ApiError && err.path === 'email') fail(t('contact.accountBadEmail'));
      else setAlert(t(errorKey(err)));
    } finally {
      setBusy(false);
    }
  }

  async function copy() {
    if (!made) return;
    try {
      await navigator.clipboard.writeText(made.acceptUrl);
    } catch {
      (document.getElementById('account-link') as HTMLInputElement | null)?.select();
    }
    setCopied(t('contact.accountCopied'));
  }

  return (
    <section aria-labelledby="person-account" className="person-account">
      <h2 id="person-account">{t('contact.accountHeading')}</h2>
      {hasAccount ? (
        <p>{t('contact.accountHas')}</p>
      ) : made ? (
        <div className="copy-link">
          <label htmlFor="account-link">{t('contact.accountLink')}</label>
          <div className="copy-row">
            <input id="account-link" type="text" readOnly dir="ltr" value={made.acceptUrl} />
            <button type="button" onClick={copy}>
              {t('contact.accountCopy')}
            </button>
          </div>
          <p role="status" className="ok">
            {[made.emailed ? t('contact.accountEmailed') : '', copied].filter(Boolean).join(' ')}
          </p>
        </div>
      ) : (
        <form onSubmit={submit} noValidate>
          <p>{t('contact.accountIntro')}</p>
          <div className="field">
            <label htmlFor="account-email">{t('contact.accountEmail')}</label>
            <input
              id="account-email"
              type="email"
              dir="ltr"
              autoComplete="off"
              value={email}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'account-email-error' : undefined}
              onChange={(e) => {
                setEmail(e.target.value);
                setError(null);
              }}
            />
            {error && (
              <p id="account-email-error" className="error">
                {error}
              </p>
            )}
          </div>
          <p>
            <button type="submit" disabled={busy}>
              {t('contact.accountCreate')}
            </button>
          </p>
          {alert && (
            <p role="alert" className="error">
              {alert}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
