// Pages opened from one-time links: accepting an invitation (choose a password, signed in at once) and
// choosing a new password after an administrator issued a reset link. The token travels in the fragment.
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type Session } from '../api.js';
import { ScreenHeading } from '../components/Heading.js';
import { Link } from '../components/Link.js';
import { errorKey } from '../errors.js';
import { PASSWORD_MIN, selfService, tokenFromHash } from '../interview.js';

// The token read for the current page, kept once the fragment is gone (React may render the page twice).
let remembered: { path: string; token: string | null } | null = null;

/** Reads the token and takes it out of the address bar (and so out of history and screenshots). */
function readFragmentToken(): string | null {
  const { hash, pathname } = window.location;
  if (hash || !remembered || remembered.path !== pathname) {
    remembered = { path: pathname, token: tokenFromHash(hash) };
    if (hash) history.replaceState(history.state, '', pathname);
  }
  return remembered.token;
}

/** The link's token; a link opened again in the same tab only changes the fragment, so that is read too. */
function useFragmentToken(): string | null {
  const [token, setToken] = useState<string | null>(readFragmentToken);
  useEffect(() => {
    const onHash = () => {
      if (window.location.hash) setToken(readFragmentToken());
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return token;
}

function PasswordFields(props: {
  password: string;
  repeat: string;
  setPassword(v: string): void;
  setRepeat(v: string): void;
  problem: PasswordProblem;
}) {
  const { t } = useTranslation();
  const short = props.problem === 'tooShort';
  const mismatch = props.problem === 'mismatch';
  return (
    <>
      <div className="field">
        <label htmlFor="new-password">{t('account.password')}</label>
        <p id="new-password-hint" className="hint">
          {t('account.passwordHint')}
        </p>
        <input
          id="new-password"
          type="password"
          autoComplete="new-password"
          value={props.password}
          onChange={(e) => props.setPassword(e.target.value)}
          aria-describedby={short ? 'new-password-hint new-password-error' : 'new-password-hint'}
          aria-invalid={short || undefined}
        />
        {short && (
          <p id="new-password-error" className="error">
            {t('account.tooShort')}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="repeat-password">{t('account.repeat')}</label>
        <input
          id="repeat-password"
          type="password"
          autoComplete="new-password"
          value={props.repeat}
          onChange={(e) => props.setRepeat(e.target.value)}
          aria-describedby={mismatch ? 'repeat-password-error' : undefined}
          aria-invalid={mismatch || undefined}
        />
        {mismatch && (
          <p id="repeat-password-error" className="error">
            {t('account.mismatch')}
          </p>
        )}
      </div>
    </>
  );
}

type PasswordProblem = 'tooShort' | 'mismatch' | null;

function checkPasswords(password: string, repeat: string): PasswordProblem {
  if (password.length < PASSWORD_MIN) return 'tooShort';
  if (password !== repeat) return 'mismatch';
  return null;
}

/**
 * The form of a one-time link: its token, the new password typed twice (checked before anything is sent), and
 * `send`, which does the rest once the server accepted; `failure` says what went wrong otherwise.
 */
function useLinkForm(send: (token: string, password: string) => Promise<void>, failure: (err: unknown) => string) {
  const token = useFragmentToken();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<PasswordProblem>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const p = checkPasswords(password, repeat);
    setProblem(p);
    if (p) {
      document.getElementById(p === 'tooShort' ? 'new-password' : 'repeat-password')?.focus();
      return;
    }
    if (!token) return;
    setBusy(true);
    setError(null);
    try {
      await send(token, password);
    } catch (err) {
      setBusy(false);
      setError(failure(err));
    }
  }

  const passwordFields = (
    <PasswordFields
      password={password}
      repeat={repeat}
      setPassword={(v) => {
        setPassword(v);
        setProblem(null);
      }}
      setRepeat={(v) => {
        setRepeat(v);
        setProblem(null);
      }}
      problem={problem}
    />
  );
  return { token, submit, passwordFields, busy, error };
}

/** The frame of a one-time-link page: heading, the page itself (or why it cannot be used), way to sign in. */
function AccountLinkPage(props: { screen: string; title: string; token: string | null; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <main id="main" className="signin account-link" data-screen={props.screen}>
      <ScreenHeading title={`${props.title} · ${t('app.name')}`}>{props.title}</ScreenHeading>
      {!props.token ? (
        <p role="alert" className="error">
          {t('account.noToken')}
        </p>
      ) : (
        props.children
      )}
      <p>
        <Link href="/sign-in">{t('account.signInLink')}</Link>
      </p>
    </main>
  );
}

/** A form's last lines: what went wrong, and the submit button (disabled while working). */
function SubmitRow(props: { error: string | null; busy: boolean; label: string }) {
  const { t } = useTranslation();
  return (
    <>
      {props.error && (
        <p role="alert" className="error">
          {props.error}
        </p>
      )}
      <button type="submit" disabled={props.busy}>
        {props.busy ? t('account.working') : props.label}
      </button>
    </>
  );
}

export function InvitationScreen({ onSignedIn }: { onSignedIn(session: Session): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const form = useLinkForm(
    async (token, password) =>
      onSignedIn(await selfService.acceptInvitation(token, password, name.trim() || undefined)),
    (err) => {
      if (err instanceof ApiError && err.code === 'invitation_invalid') return t('account.invitationInvalid');
      if (err instanceof ApiError && err.code === 'email_taken') return t('account.emailTaken');
      return t(errorKey(err));
    },
  );

  return (
    <AccountLinkPage screen="invitation" title={t('account.invitationTitle')} token={form.token}>
      <p>{t('account.invitationIntro')}</p>
      <form onSubmit={form.submit} noValidate>
        <div className="field">
          <label htmlFor="invitation-name">{t('account.name')}</label>
          <p id="invitation-name-hint" className="hint">
            {t('account.nameHint')}
          </p>
          <input
            id="invitation-name"
            type="text"
            dir="auto"
            autoComplete="name"
            maxLength={200}
            aria-describedby="invitation-name-hint"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        {form.passwordFields}
        <SubmitRow error={form.error} busy={form.busy} label={t('account.create')} />
      </form>
    </AccountLinkPage>
  );
}

export function PasswordResetScreen() {
  const { t } = useTranslation();
  const [done, setDone] = useState(false);
  const form = useLinkForm(
    async (token, password) => {
      await selfService.resetPassword(token, password);
      setDone(true);
    },
    (err) => (err instanceof ApiError && err.code === 'reset_invalid' ? t('account.resetInvalid') : t(errorKey(err))),
  );

  return (
    <AccountLinkPage screen="password-reset" title={t('account.resetTitle')} token={form.token}>
      {done ? (
        <p role="status" className="ok">
          {t('account.resetDone')}
        </p>
      ) : (
        <>
          <p>{t('account.resetIntro')}</p>
          <form onSubmit={form.submit} noValidate>
            {form.passwordFields}
            <SubmitRow error={form.error} busy={form.busy} label={t('account.resetSubmit')} />
          </form>
        </>
      )}
    </AccountLinkPage>
  );
}
