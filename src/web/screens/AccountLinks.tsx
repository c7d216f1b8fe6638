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

/** The new password typed twice; `check()` names the first problem before anything is sent. */
function useNewPassword() {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<PasswordProblem>(null);
  return {
    password,
    /** False, with the field to correct focused, when the passwords cannot be sent. */
    check(): boolean {
      const p = checkPasswords(password, repeat);
      setProblem(p);
      if (p) document.getElementById(p === 'tooShort' ? 'new-password' : 'repeat-password')?.focus();
      return p === null;
    },
    fields: (
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
    ),
  };
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
  const token = useFragmentToken();
  const [name, setName] = useState('');
  const newPassword = useNewPassword();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!newPassword.check() || !token) return;
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await selfService.acceptInvitation(token, newPassword.password, name.trim() || undefined));
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.code === 'invitation_invalid') setError(t('account.invitationInvalid'));
      else if (err instanceof ApiError && err.code === 'email_taken') setError(t('account.emailTaken'));
      else setError(t(errorKey(err)));
    }
  }

  return (
    <AccountLinkPage screen="invitation" title={t('account.invitationTitle')} token={token}>
      <p>{t('account.invitationIntro')}</p>
      <form onSubmit={submit} noValidate>
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
        {newPassword.fields}
        <SubmitRow error={error} busy={busy} label={t('account.create')} />
      </form>
    </AccountLinkPage>
  );
}

export function PasswordResetScreen() {
  const { t } = useTranslation();
  const token = useFragmentToken();
  const newPassword = useNewPassword();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!newPassword.check() || !token) return;
    setBusy(true);
    setError(null);
    try {
      await selfService.resetPassword(token, newPassword.password);
      setDone(true);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'reset_invalid') setError(t('account.resetInvalid'));
      else setError(t(errorKey(err)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AccountLinkPage screen="password-reset" title={t('account.resetTitle')} token={token}>
      {done ? (
        <p role="status" className="ok">
          {t('account.resetDone')}
        </p>
      ) : (
        <>
          <p>{t('account.resetIntro')}</p>
          <form onSubmit={submit} noValidate>
            {newPassword.fields}
            <SubmitRow error={error} busy={busy} label={t('account.resetSubmit')} />
          </form>
        </>
      )}
    </AccountLinkPage>
  );
}
