// Fixed wording of the printable CV in the four interface languages. Taxonomy labels (ESCO) and reference level
// names (ISCED, CEFR, EQF) come from their own sources; countries, languages, dates and durations from Intl.
import type { EvidenceLevel } from '../../shared/vocabulary.js';
import type { ReferenceLang } from '../../taxonomy/domain.js';

export type CvLang = ReferenceLang;
export const CV_LANGS: readonly CvLang[] = ['en', 'es', 'fr', 'ar'];

export interface CvWords {
  title: string;
  contact: string;
  email: string;
  location: string;
  languages: string;
  nativeLanguage: string;
  listening: string;
  reading: string;
  speaking: string;
  writing: string;
  education: string;
  completed: string;
  notCompleted: string;
  isced: string;
  qualifications: string;
  experience: string;
  formal: string;
  informal: string;
  skills: string;
  evidence: Record<EvidenceLevel, string>;
  /** Provenance of assessed skills: "{name}" and "{date}" are filled in; then the method. */
  assessedBy: string;
  methods: Record<string, string>;
  preferences: string;
  preferredOccupations: string;
  preferredRegions: string;
  willingToRelocate: string;
  relocationAnywhere: string;
  notWillingToRelocate: string;
  seeking: string;
  notSeeking: string;
  availableFrom: string;
  generatedOn: string;
  escoAttribution: string;
  none: string;
}

export const CV_WORDS: Record<CvLang, CvWords> = {
  en: {
    title: 'Curriculum vitae',
    contact: 'Contact',
    email: 'Email',
    location: 'Lives in',
    languages: 'Languages',
    nativeLanguage: 'Mother tongue',
    listening: 'Listening',
    reading: 'Reading',
    speaking: 'Speaking',
    writing: 'Writing',
    education: 'Education',
    completed: 'completed',
    notCompleted: 'not completed',
    isced: 'ISCED',
    qualifications: 'Qualifications',
    experience: 'Work experience',
    formal: 'Formal employment',
    informal: 'Informal work',
    skills: 'Skills',
    evidence: {
      certified: 'Certified',
      assessed: 'Assessed',
      'advisor-checked': 'Checked by an advisor',
      'self-declared': 'Self-declared',
    },
    assessedBy: 'Assessed by {name} on {date}',
    methods: {
      interview: 'interview',
      observation: 'observation at work',
      practical_test: 'practical test',
      portfolio: 'portfolio',
      employer_attestation: 'employer attestation',
    },
    preferences: 'Job preferences',
    preferredOccupations: 'Occupations sought',
    preferredRegions: 'Preferred places',
    willingToRelocate: 'Willing to relocate',
    relocationAnywhere: 'any country',
    notWillingToRelocate: 'Not looking to relocate',
    seeking: 'Looking for work',
    notSeeking: 'Not looking for work at the moment',
    availableFrom: 'Available from',
    generatedOn: 'Generated on',
    escoAttribution: 'This service uses the ESCO classification of the European Commission.',
    none: '—',
  },
  es: {
    title: 'Currículum vitae',
    contact: 'Contacto',
    email: 'Correo electrónico',
    location: 'Reside en',
    languages: 'Idiomas',
    nativeLanguage: 'Lengua materna',
    listening: 'Comprensión auditiva',
    reading: 'Comprensión de lectura',
    speaking: 'Expresión oral',
    writing: 'Expresión escrita',
    education: 'Formación',
    completed: 'completada',
    notCompleted: 'sin completar',
    isced: 'CINE',
    qualifications: 'Cualificaciones',
    experience: 'Experiencia laboral',
    formal: 'Empleo formal',
    informal: 'Trabajo informal',
    skills: 'Competencias',
    evidence: {
      certified: 'Certificada',
      assessed: 'Evaluada',
      'advisor-checked': 'Verificada por un asesor',
      'self-declared': 'Declarada por la persona',
    },
    assessedBy: 'Evaluada por {name} el {date}',
    methods: {
      interview: 'entrevista',
      observation: 'observación en el trabajo',
      practical_test: 'prueba práctica',
      portfolio: 'portafolio',
      employer_attestation: 'certificado del empleador',
    },
    preferences: 'Preferencias de empleo',
    preferredOccupations: 'Ocupaciones buscadas',
    preferredRegions: 'Lugares preferidos',
    willingToRelocate: 'Dispuesta/o a trasladarse',
    relocationAnywhere: 'cualquier país',
    notWillingToRelocate: 'No busca trasladarse',
    seeking: 'Busca empleo',
    notSeeking: 'No busca empleo por ahora',
    availableFrom: 'Disponible desde',
    generatedOn: 'Generado el',
    escoAttribution: 'Este servicio utiliza la clasificación ESCO de la Comisión Europea.',
    none: '—',
  },
  fr: {
    title: 'Curriculum vitae',
    contact: 'Contact',
    email: 'Courriel',
    location: 'Réside en/au',
    languages: 'Langues',
    nativeLanguage: 'Langue maternelle',
    listening: 'Écouter',
    reading: 'Lire',
    speaking: 'Parler',
    writing: 'Écrire',
    education: 'Formation',
    completed: 'terminée',
    notCompleted: 'non terminée',
    isced: 'CITE',
    qualifications: 'Qualifications',
    experience: 'Expérience professionnelle',
    formal: 'Emploi formel',
    informal: 'Travail informel',
    skills: 'Compétences',
    evidence: {
      certified: 'Certifiée',
      assessed: 'Évaluée',
      'advisor-checked': 'Vérifiée par un conseiller',
      'self-declared': 'Déclarée par la personne',
    },
    assessedBy: 'Évaluée par {name} le {date}',
    methods: {
      interview: 'entretien',
      observation: 'observation en situation de travail',
      practical_test: 'épreuve pratique',
      portfolio: 'portfolio',
      employer_attestation: 'attestation de l’employeur',
    },
    preferences: 'Préférences d’emploi',
    preferredOccupations: 'Métiers recherchés',
    preferredRegions: 'Lieux souhaités',
    willingToRelocate: 'Prêt·e à déménager',
    relocationAnywhere: 'tout pays',
    notWillingToRelocate: 'Ne souhaite pas déménager',
    seeking: 'Cherche un emploi',
    notSeeking: 'Ne cherche pas d’emploi pour le moment',
    availableFrom: 'Disponible à partir du',
    generatedOn: 'Généré le',
    escoAttribution: 'Ce service utilise la classification ESCO de la Commission européenne.',
    none: '—',
  },
  ar: {
    title: 'السيرة الذاتية',
    contact: 'معلومات الاتصال',
    email: 'البريد الإلكتروني',
    location: 'مكان الإقامة',
    languages: 'اللغات',
    nativeLanguage: 'اللغة الأم',
    listening: 'الاستماع',
    reading: 'القراءة',
    speaking: 'التحدث',
    writing: 'الكتابة',
    education: 'التعليم',
    completed: 'مكتمل',
    notCompleted: 'غير مكتمل',
    isced: 'التصنيف الدولي الموحد للتعليم',
    qualifications: 'المؤهلات',
    experience: 'الخبرة العملية',
    formal: 'عمل رسمي',
    informal: 'عمل غير رسمي',
    skills: 'المهارات',
    evidence: {
      certified: 'معتمدة بشهادة',
      assessed: 'تم تقييمها',
      'advisor-checked': 'تحقق منها مستشار',
      'self-declared': 'مصرّح بها ذاتياً',
    },
    assessedBy: 'قيّمها {name} في {date}',
    methods: {
      interview: 'مقابلة',
      observation: 'ملاحظة أثناء العمل',
      practical_test: 'اختبار عملي',
      portfolio: 'ملف أعمال',
      employer_attestation: 'شهادة من صاحب العمل',
    },
    preferences: 'تفضيلات العمل',
    preferredOccupations: 'المهن المطلوبة',
    preferredRegions: 'الأماكن المفضلة',
    willingToRelocate: 'مستعد للانتقال',
    relocationAnywhere: 'أي بلد',
    notWillingToRelocate: 'لا يرغب في الانتقال',
    seeking: 'يبحث عن عمل',
    notSeeking: 'لا يبحث عن عمل حالياً',
    availableFrom: 'متاح ابتداءً من',
    generatedOn: 'تاريخ الإنشاء',
    escoAttribution: 'تستخدم هذه الخدمة تصنيف ESCO الخاص بالمفوضية الأوروبية.',
    none: '—',
  },
};

export function isCvLang(lang: string): lang is CvLang {
  return (CV_LANGS as readonly string[]).includes(lang);
}

/** Right-to-left interface languages. */
export function directionOf(lang: CvLang): 'ltr' | 'rtl' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}
