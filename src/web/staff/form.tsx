// Bad input in the staff forms: each message sits next to its field (aria-describedby), the field is marked
// aria-invalid, and focus moves to the first one; a field the server refused (its error path) is shown the same way.
import { useCallback, useState } from 'react';
import { useStaffTranslation as useTranslation } from './messages.js';
import { ApiError } from '../api.js';
import { errorKey } from '../errors.js';

export type FieldErrors = Record<string, string>;

export interface Form {
  errors: FieldErrors;
  /** Shows these messages (field id → text), focuses the first field; true when there were any. */
  fail(errors: FieldErrors): boolean;
  clear(): void;
  /** Takes the message of one field away (its value changed). */
  clearField(id: string): void;
  /** Props for the input with this id; typing in it takes its message away. */
  field(
    id: string,
    describedBy?: string,
  ): {
    id: string;
    'aria-invalid'?: true;
    'aria-describedby'?: string;
    onInput(): void;
  };
}

export function useForm(): Form {
  const [errors, setErrors] = useState<FieldErrors>({});
  const fail = useCallback((next: FieldErrors) => {
    setErrors(next);
    const first = Object.keys(next)[0];
    if (first) document.getElementById(first)?.focus();
    return first !== undefined;
  }, []);
  const clear = useCallback(() => setErrors({}), []);
  const clearField = useCallback(
    (id: string) =>
      setErrors((e) => {
        if (!(id in e)) return e;
        const { [id]: _gone, ...rest } = e;
        return rest;
      }),
    [],
  );
  const field = (id: string, describedBy?: string) => {
    const ids = [describedBy, errors[id] ? `${id}-error` : undefined].filter(Boolean).join(' ');
    return {
      id,
      ...(errors[id] ? { 'aria-invalid': true as const } : {}),
      ...(ids ? { 'aria-describedby': ids } : {}),
      onInput: () => clearField(id),
    };
  };
  return { errors, fail, clear, clearField, field };
}

/** The message of the field `id`, if any (place it right after the field). */
export function FieldError({ form, id }: { form: Form; id: string }) {
  const message = form.errors[id];
  return message ? (
    <p id={`${id}-error`} className="error">
      {message}
    </p>
  ) : null;
}

/**
 * A failed save: when the server named a field this form has (`paths`: error path prefix → field id), its message
 * goes next to that field; otherwise the reason is returned for the form's alert.
 */
export function useServerError(form: Form, paths: Record<string, string>, messages: Record<string, string> = {}) {
  const { t } = useTranslation();
  return (err: unknown): string | null => {
    if (err instanceof ApiError && err.path && (err.status === 400 || err.status === 409 || err.status === 422)) {
      const match = Object.keys(paths)
        .filter((p) => err.path === p || err.path!.startsWith(`${p}.`))
        .sort((a, b) => b.length - a.length)[0];
      if (match) {
        form.fail({ [paths[match]!]: messages[match] ?? t('staff.form.refused') });
        return null;
      }
    }
    return t(errorKey(err));
  };
}

export type Outcome = { kind: 'ok' | 'error'; text: string } | null;

/** What a form says after a submit: saved, or what went wrong that no single field explains (a live region). */
export function FormStatus({ outcome }: { outcome: Outcome }) {
  return (
    <div role="status" className={`form-status ${outcome?.kind === 'error' ? 'error' : 'ok'}`}>
      {outcome?.text}
    </div>
  );
}

/**
 * A one-time link an admin hands over (invitation, password reset): shown in a read-only field to select, with a
 * button that copies it.
 */
export function CopyLink({ id, label, link, note }: { id: string; label: string; link: string; note?: string }) {
  const { t } = useTranslation();
  const [said, setSaid] = useState('');
  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setSaid(t('staff.copied'));
    } catch {
      // No clipboard (an insecure origin, or refused): select the text so Ctrl+C works.
      const input = document.getElementById(id) as HTMLInputElement | null;
      input?.focus();
      input?.select();
      setSaid(t('staff.copyManually'));
    }
  }
  return (
    <div className="copy-link">
      <label htmlFor={id}>{label}</label>
      {note && (
        <p id={`${id}-note`} className="hint">
          {note}
        </p>
      )}
      <div className="copy-row">
        <input
          id={id}
          type="text"
          readOnly
          dir="ltr"
          value={link}
          aria-describedby={note ? `${id}-note` : undefined}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" onClick={copy}>
          {t('staff.copy')}
        </button>
      </div>
      <p role="status" className="ok">
        {said}
      </p>
    </div>
  );
}
