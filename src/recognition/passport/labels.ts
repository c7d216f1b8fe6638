// The passport's evidence levels and methods in the four interface languages, keyed by the credential's own
// (English) values: one source for the printable passport and the verification page. Pure data: the web app
// loads it.
export const PASSPORT_LABEL_LANGS = ['en', 'es', 'fr', 'ar'] as const;
export type PassportLabelLang = (typeof PASSPORT_LABEL_LANGS)[number];

/** Evidence levels as the credential writes them (`evidenceLevel`). */
export const PASSPORT_EVIDENCE: Record<PassportLabelLang, Record<string, string>> = {
  en: {
    'self-declared': 'self-declared',
    'advisor-checked': 'checked by an advisor',
    assessed: 'assessed',
    certified: 'certified',
  },
  es: {
    'self-declared': 'autodeclarada',
    'advisor-checked': 'comprobada por un asesor',
    assessed: 'evaluada',
    certified: 'certificada',
  },
  fr: {
    'self-declared': 'déclarée',
    'advisor-checked': 'vérifiée par un conseiller',
    assessed: 'évaluée',
    certified: 'certifiée',
  },
  ar: {
    'self-declared': 'مصرّح بها ذاتيًا',
    'advisor-checked': 'تحقّق منها مستشار',
    assessed: 'مقيّمة',
    certified: 'معتمدة',
  },
};

/** How a skill was established, as the credential writes it (`method`). */
export const PASSPORT_METHODS: Record<PassportLabelLang, Record<string, string>> = {
  en: {
    'self-declaration': 'self-declaration',
    interview: 'interview',
    'work experience': 'work experience',
    'education record': 'education record',
    assessment: 'assessment',
    certificate: 'certificate',
    'extracted from a CV': 'extracted from a CV',
    observation: 'observation',
    'practical test': 'practical test',
    portfolio: 'portfolio',
    'employer attestation': 'employer attestation',
    'verified credential': 'verified credential',
  },
  es: {
    'self-declaration': 'autodeclaración',
    interview: 'entrevista',
    'work experience': 'experiencia laboral',
    'education record': 'expediente académico',
    assessment: 'evaluación',
    certificate: 'certificado',
    'extracted from a CV': 'extraída de un CV',
    observation: 'observación',
    'practical test': 'prueba práctica',
    portfolio: 'portafolio',
    'employer attestation': 'certificado del empleador',
    'verified credential': 'credencial verificada',
  },
  fr: {
    'self-declaration': 'déclaration',
    interview: 'entretien',
    'work experience': 'expérience professionnelle',
    'education record': 'dossier de formation',
    assessment: 'évaluation',
    certificate: 'certificat',
    'extracted from a CV': 'tirée d’un CV',
    observation: 'observation',
    'practical test': 'épreuve pratique',
    portfolio: 'portfolio',
    'employer attestation': 'attestation d’employeur',
    'verified credential': 'attestation vérifiée',
  },
  ar: {
    'self-declaration': 'تصريح ذاتي',
    interview: 'مقابلة',
    'work experience': 'خبرة عمل',
    'education record': 'سجل تعليمي',
    assessment: 'تقييم',
    certificate: 'شهادة',
    'extracted from a CV': 'مستخرجة من سيرة ذاتية',
    observation: 'ملاحظة',
    'practical test': 'اختبار عملي',
    portfolio: 'ملف أعمال',
    'employer attestation': 'إفادة صاحب العمل',
    'verified credential': 'شهادة موثّقة',
  },
};
