// Outgoing e-mail (plumbing): invitations, password-reset links and contact requests, through the SMTP server named
// by CORRIDOR_SMTP_URL (nodemailer). Without one nothing is sent and the in-app inbox and copyable links carry the
// work. A mail is a courtesy, never the record: it is sent after the action committed, and a failed delivery is
// logged and reported as `false`, never thrown, so it cannot undo or half-do the action.
import { createTransport } from 'nodemailer';
import type { Config } from './config.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** Whether an SMTP server is configured. */
  readonly enabled: boolean;
  /** true when the server accepted the message; false when no server is configured or delivery failed. */
  send(mail: OutgoingMail): Promise<boolean>;
  close(): void;
}

interface MailLog {
  warn(obj: object, msg: string): void;
}

declare module '../kernel/capability.js' {
  interface ServiceMap {
    /** Outgoing e-mail (provided by the server from its config). */
    mailer: Mailer;
  }
}

/** A mailer for the configured SMTP server, or one that sends nothing. */
export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom'>, log?: MailLog): Mailer {
  if (!config.smtpUrl) return { enabled: false, send: async () => false, close: () => {} };
  const transport = createTransport(config.smtpUrl, { from: config.mailFrom });
  return {
    enabled: true,
    async send(mail) {
      try {
        await transport.sendMail({ to: mail.to, subject: mail.subject, text: mail.text });
        return true;
      } catch (err) {
        // The address is personal data: the log says what failed, not to whom.
        log?.warn({ err: (err as Error).message }, 'e-mail not delivered');
        return false;
      }
    },
    close: () => transport.close(),
  };
}
