// E-mails carrying a one-time link (invitation, account, password reset), sent by the route after the command
// committed: a delivery that fails leaves the link to hand over, as without SMTP.
import type { RouteContext } from '../kernel/route.js';
import {
  chooseMailLang,
  mailLangOf,
  mailLangOfAcceptLanguage,
  mailText,
  type MailKind,
  type MailVars,
} from '../shared/mail-templates.js';

/**
 * In the recipient's own language when Corridor knows it (a person's contact language), else in the interface
 * language of whoever acted: users have no stored language, and an invited person has chosen none yet.
 */
export function mailLink(
  ctx: Pick<RouteContext, 'services' | 'acceptLanguage'>,
  kind: MailKind,
  to: string,
  vars: MailVars,
  ownLanguage?: string | null,
): Promise<boolean> {
  const lang = chooseMailLang(mailLangOf(ownLanguage), mailLangOfAcceptLanguage(ctx.acceptLanguage));
  return ctx.services.get('mailer').send({ to, ...mailText(kind, lang, vars) });
}
