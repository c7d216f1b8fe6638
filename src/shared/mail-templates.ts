// The texts of Corridor's e-mails in the four interface languages, and which language a recipient gets.
//
// Which language: the recipient's own when Corridor knows it (a person's contact language, chosen with their
// advisor); otherwise the language of the interface the action was taken in (the Accept-Language the web app sends:
// an administrator inviting a colleague or resetting their password writes in the language they share); for staff
// reached by someone else's action (an advisor told of a contact request, an employer of its answer), the main
// language of their organisation's country (Intl's likely subtags: ES → es, MA → ar). English when none of these
// is en, es, fr or ar.

export type MailLang = 'en' | 'es' | 'fr' | 'ar';
export const MAIL_LANGS: readonly MailLang[] = ['en', 'es', 'fr', 'ar'];

export type MailKind =
  'invitation' | 'account' | 'passwordReset' | 'contactRequestPerson' | 'contactRequestAdvisor' | 'contactAnswered';

interface Template {
  subject: string;
  text: string;
}

/** {{name}}: the recipient's name; {{organisation}}: the inviting organisation; {{url}}: the link to open. */
const TEMPLATES: Record<MailLang, Record<MailKind, Template>> = {
  en: {
    invitation: {
      subject: 'Corridor: {{organisation}} invites you',
      text: 'Hello {{name}},\n\n{{organisation}} invites you to Corridor. Open this link within 7 days to choose your password:\n{{url}}\n',
    },
    account: {
      subject: 'Corridor: your account',
      text: 'Hello {{name}},\n\nYour advisor made you an account in Corridor, to see your profile and the jobs for you. Open this link within 7 days to choose your password:\n{{url}}\n',
    },
    passwordReset: {
      subject: 'Corridor: choose a new password',
      text: 'Hello {{name}},\n\nOpen this link within 24 hours to choose a new password for Corridor:\n{{url}}\n\nIf you did not ask for it, tell the administrator of your organisation.\n',
    },
    contactRequestPerson: {
      subject: 'Corridor: an employer would like to contact you',
      text: 'An employer saw your profile in Corridor and would like to contact you about a job.\n\nOpen your inbox to read the request and to answer it (you choose what they may know):\n{{url}}\n',
    },
    contactRequestAdvisor: {
      subject: 'Corridor: a contact request for a person you support',
      text: 'An employer asks to contact a person you support. Open your inbox to see it:\n{{url}}\n',
    },
    contactAnswered: {
      subject: 'Corridor: your contact request was answered',
      text: 'Your request to contact a candidate has an answer. Open your inbox to read it:\n{{url}}\n',
    },
  },
  es: {
    invitation: {
      subject: 'Corridor: {{organisation}} le invita',
      text: 'Hola, {{name}}:\n\n{{organisation}} le invita a Corridor. Abra este enlace en los próximos 7 días para elegir su contraseña:\n{{url}}\n',
    },
    account: {
      subject: 'Corridor: su cuenta',
      text: 'Hola, {{name}}:\n\nSu asesor o asesora le ha creado una cuenta en Corridor para ver su perfil y los empleos para usted. Abra este enlace en los próximos 7 días para elegir su contraseña:\n{{url}}\n',
    },
    passwordReset: {
      subject: 'Corridor: elija una contraseña nueva',
      text: 'Hola, {{name}}:\n\nAbra este enlace en las próximas 24 horas para elegir una contraseña nueva de Corridor:\n{{url}}\n\nSi no la ha pedido, avise a la persona que administra su organización.\n',
    },
    contactRequestPerson: {
      subject: 'Corridor: una empresa quiere contactar con usted',
      text: 'Una empresa ha visto su perfil en Corridor y quiere contactar con usted por un empleo.\n\nAbra su bandeja de entrada para leer la solicitud y responder (usted decide qué datos puede conocer):\n{{url}}\n',
    },
    contactRequestAdvisor: {
      subject: 'Corridor: una solicitud de contacto para una persona que usted acompaña',
      text: 'Una empresa pide contactar con una persona que usted acompaña. Abra su bandeja de entrada para verla:\n{{url}}\n',
    },
    contactAnswered: {
      subject: 'Corridor: su solicitud de contacto tiene respuesta',
      text: 'Su solicitud para contactar con una candidata o un candidato tiene respuesta. Abra su bandeja de entrada para leerla:\n{{url}}\n',
    },
  },
  fr: {
    invitation: {
      subject: 'Corridor : {{organisation}} vous invite',
      text: 'Bonjour {{name}},\n\n{{organisation}} vous invite sur Corridor. Ouvrez ce lien dans les 7 jours pour choisir votre mot de passe :\n{{url}}\n',
    },
    account: {
      subject: 'Corridor : votre compte',
      text: 'Bonjour {{name}},\n\nVotre conseiller ou conseillère vous a créé un compte sur Corridor, pour voir votre profil et les emplois pour vous. Ouvrez ce lien dans les 7 jours pour choisir votre mot de passe :\n{{url}}\n',
    },
    passwordReset: {
      subject: 'Corridor : choisissez un nouveau mot de passe',
      text: 'Bonjour {{name}},\n\nOuvrez ce lien dans les 24 heures pour choisir un nouveau mot de passe Corridor :\n{{url}}\n\nSi vous ne l’avez pas demandé, prévenez la personne qui administre votre organisation.\n',
    },
    contactRequestPerson: {
      subject: 'Corridor : un employeur souhaite vous contacter',
      text: 'Un employeur a vu votre profil sur Corridor et souhaite vous contacter pour un emploi.\n\nOuvrez votre boîte de réception pour lire la demande et y répondre (vous choisissez ce qu’il peut savoir) :\n{{url}}\n',
    },
    contactRequestAdvisor: {
      subject: 'Corridor : une demande de contact pour une personne que vous accompagnez',
      text: 'Un employeur demande à contacter une personne que vous accompagnez. Ouvrez votre boîte de réception pour la voir :\n{{url}}\n',
    },
    contactAnswered: {
      subject: 'Corridor : votre demande de contact a une réponse',
      text: 'Votre demande pour contacter un candidat ou une candidate a une réponse. Ouvrez votre boîte de réception pour la lire :\n{{url}}\n',
    },
  },
  ar: {
    invitation: {
      subject: 'Corridor: دعوة من {{organisation}}',
      text: 'مرحبًا {{name}}،\n\nتدعوك {{organisation}} إلى Corridor. افتح هذا الرابط خلال 7 أيام لاختيار كلمة المرور:\n{{url}}\n',
    },
    account: {
      subject: 'Corridor: حسابك',
      text: 'مرحبًا {{name}}،\n\nأنشأ لك مرشدك حسابًا في Corridor لترى ملفك والوظائف المناسبة لك. افتح هذا الرابط خلال 7 أيام لاختيار كلمة المرور:\n{{url}}\n',
    },
    passwordReset: {
      subject: 'Corridor: اختر كلمة مرور جديدة',
      text: 'مرحبًا {{name}}،\n\nافتح هذا الرابط خلال 24 ساعة لاختيار كلمة مرور جديدة لـ Corridor:\n{{url}}\n\nإذا لم تطلب ذلك، فأخبر مسؤول منظمتك.\n',
    },
    contactRequestPerson: {
      subject: 'Corridor: صاحب عمل يرغب في التواصل معك',
      text: 'اطّلع صاحب عمل على ملفك في Corridor ويرغب في التواصل معك بشأن وظيفة.\n\nافتح صندوق الوارد لقراءة الطلب والرد عليه (أنت تختار ما يمكنه معرفته):\n{{url}}\n',
    },
    contactRequestAdvisor: {
      subject: 'Corridor: طلب تواصل بشأن شخص ترافقه',
      text: 'يطلب صاحب عمل التواصل مع شخص ترافقه. افتح صندوق الوارد لرؤية الطلب:\n{{url}}\n',
    },
    contactAnswered: {
      subject: 'Corridor: تم الرد على طلب التواصل',
      text: 'وصل رد على طلبك للتواصل مع مرشح. افتح صندوق الوارد لقراءته:\n{{url}}\n',
    },
  },
};

export interface MailVars {
  name?: string;
  organisation?: string;
  url: string;
}

/** The subject and text of a mail of `kind` in `lang`, with the variables filled in. */
export function mailText(kind: MailKind, lang: MailLang, vars: MailVars): Template {
  const t = TEMPLATES[lang][kind];
  const fill = (s: string) =>
    s.replace(/{{(\w+)}}/g, (_, key: keyof MailVars) => {
      const value = vars[key];
      if (value === undefined) throw new Error(`mail template ${lang}.${kind} needs {{${key}}}`);
      return value;
    });
  return { subject: fill(t.subject), text: fill(t.text) };
}

/** The mail language of a language tag ("es-ES" → es), or null when it is none of the four. */
export function mailLangOf(tag: string | null | undefined): MailLang | null {
  const primary = tag?.trim().split(/[-_]/)[0]?.toLowerCase();
  return MAIL_LANGS.find((l) => l === primary) ?? null;
}

/** The first of an Accept-Language header's languages (by q-value) that Corridor writes mails in, or null. */
export function mailLangOfAcceptLanguage(header: string | null | undefined): MailLang | null {
  const ranked = (header ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag ?? '', q: q === undefined ? 1 : Number(q), i };
    })
    .filter((l) => l.tag && l.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    const lang = mailLangOf(tag);
    if (lang) return lang;
  }
  return null;
}

/** The main language of a country (ISO 3166-1 alpha-2) if Corridor writes mails in it: ES → es, MA → ar. */
export function mailLangOfCountry(country: string | null | undefined): MailLang | null {
  if (!country || !/^[A-Za-z]{2}$/.test(country)) return null;
  try {
    return mailLangOf(new Intl.Locale(`und-${country.toUpperCase()}`).maximize().language);
  } catch {
    return null;
  }
}

/** The first language that is one of the four, else English. */
export function chooseMailLang(...candidates: (MailLang | null | undefined)[]): MailLang {
  return candidates.find((c): c is MailLang => !!c) ?? 'en';
}
