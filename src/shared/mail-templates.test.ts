// The e-mail texts exist in the four languages with every variable filled, and a recipient's language is read
// from a language tag, an Accept-Language header or a country.
import { describe, expect, it } from 'vitest';
import {
  chooseMailLang,
  MAIL_LANGS,
  mailLangOf,
  mailLangOfAcceptLanguage,
  mailLangOfCountry,
  mailText,
  type MailKind,
} from './mail-templates.js';

const KINDS: MailKind[] = [
  'invitation',
  'account',
  'passwordReset',
  'contactRequestPerson',
  'contactRequestAdvisor',
  'contactAnswered',
];
const VARS = { name: 'Nour', organisation: 'Asociación Puente', url: 'https://corridor.example.org/x#token' };

describe('e-mail templates', () => {
  it('give every mail in en, es, fr and ar, translated, with the link and no placeholder left', () => {
    for (const kind of KINDS) {
      const english = mailText(kind, 'en', VARS);
      for (const lang of MAIL_LANGS) {
        const mail = mailText(kind, lang, VARS);
        expect(mail.text, `${lang}.${kind}`).toContain(VARS.url);
        expect(`${mail.subject} ${mail.text}`, `${lang}.${kind}`).not.toMatch(/{{|}}/);
        if (lang !== 'en') expect(mail.subject, `${lang}.${kind}`).not.toBe(english.subject);
      }
    }
    expect(mailText('invitation', 'es', VARS).text).toContain('Hola, Nour:\n\nAsociación Puente le invita');
    expect(mailText('invitation', 'ar', VARS).subject).toBe('Corridor: دعوة من Asociación Puente');
  });

  it('refuse to send a template with a variable missing', () => {
    expect(() => mailText('invitation', 'fr', { url: 'https://x' })).toThrow(/needs {{organisation}}/);
  });

  it('read the language of a tag, an Accept-Language header (by q-value) and a country', () => {
    expect(mailLangOf('es-ES')).toBe('es');
    expect(mailLangOf('ff')).toBeNull();
    expect(mailLangOf(null)).toBeNull();
    expect(mailLangOfAcceptLanguage('fr-FR,fr;q=0.9,en;q=0.8')).toBe('fr');
    expect(mailLangOfAcceptLanguage('de-DE, en;q=0.3, ar;q=0.7')).toBe('ar');
    expect(mailLangOfAcceptLanguage('de, nl;q=0.5')).toBeNull();
    expect(mailLangOfAcceptLanguage('')).toBeNull();
    expect(mailLangOfCountry('ES')).toBe('es');
    expect(mailLangOfCountry('MA')).toBe('ar');
    expect(mailLangOfCountry('FR')).toBe('fr');
    expect(mailLangOfCountry('DE')).toBeNull();
    expect(mailLangOfCountry('not a country')).toBeNull();
    expect(chooseMailLang(null, undefined, 'fr', 'es')).toBe('fr');
    expect(chooseMailLang(null)).toBe('en');
  });
});
