// An employer asks to contact a candidate (issue 10): the request goes to the person and their advisor; the
// person's details come only with their acceptance, in the inbox.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { contactApi } from '../contact.js';
import { errorKey } from '../errors.js';
import { Link } from './Link.js';

export function AskToContact({ id, vacancyId, migrantId }: { id: string; vacancyId: string; migrantId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await contactApi.ask({ vacancyId, migrantId, ...(message.trim() ? { message: message.trim() } : {}) });
      setSent(true);
    } catch (err) {
      setError(t(errorKey(err)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="ask-contact">
      <p>
        <button type="button" aria-expanded={open} aria-controls={`${id}-contact`} onClick={() => setOpen((o) => !o)}>
          {t('contact.ask')}
        </button>
      </p>
      <form id={`${id}-contact`} className="notice contact" hidden={!open} onSubmit={submit} noValidate>
        <p>{t('contact.askIntro')}</p>
        {!sent && (
          <>
            <div className="field">
              <label htmlFor={`${id}-message`}>{t('contact.messageLabel')}</label>
              <p id={`${id}-message-hint`} className="hint">
                {t('contact.messageHint')}
              </p>
              <textarea
                id={`${id}-message`}
                dir="auto"
                rows={3}
                maxLength={1000}
                aria-describedby={`${id}-message-hint`}
                value={message}
                onChange={(e) => setMessage(e.target.value)}
              />
            </div>
            <p>
              <button type="submit" disabled={busy}>
                {t('contact.send')}
              </button>
            </p>
          </>
        )}
        <p role="status" className="ok">
          {sent && (
            <>
              {t('contact.sent')} <Link href="/inbox">{t('nav.inbox')}</Link>
            </>
          )}
        </p>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </form>
    </div>
  );
}
