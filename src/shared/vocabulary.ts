// Words for the codes Corridor stores, in the four interface languages: ISIC sections, permit types, the example
// eligibility rules, and the languages browsers cannot name. The server's explanation texts and the web app both
// read them, so nobody reads "permit work-general, sector C, rule es-work-general". Pure data and Intl: the web
// bundle imports it.

// The codes themselves: one list each, read by the server's schemas and the web's forms alike.

/** How a skill was established, strongest first. */
export type EvidenceLevel = 'certified' | 'assessed' | 'advisor-checked' | 'self-declared';
export const EVIDENCE_LEVELS: readonly EvidenceLevel[] = ['certified', 'assessed', 'advisor-checked', 'self-declared'];

/** CEFR level; 'native' ranks above C2 (mother tongue). */
export type CefrLevel = 'A1' | 'A2' | 'B1' | 'B2' | 'C1' | 'C2' | 'native';
export const CEFR_LEVELS: readonly CefrLevel[] = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'];

/** ISIC Rev.4 sections A–U, the sector vocabulary of vacancies, permits and eligibility rules. */
export const SECTORS = 'ABCDEFGHIJKLMNOPQRSTU'.split('');

/** A vacancy's contract types and wage periods. */
export const CONTRACT_TYPES = [
  'permanent',
  'fixed-term',
  'seasonal',
  'temporary-agency',
  'apprenticeship',
  'casual',
] as const;
export const WAGE_PERIODS = ['hour', 'day', 'week', 'month', 'year'] as const;
export const VACANCY_STATUSES = ['open', 'closed'] as const;

/** Why a person lets their data be used; each is given and withdrawn on its own. */
export const CONSENT_PURPOSES = [
  'profiling',
  'matching_with_employers',
  'share_with_organisation',
  'anonymised_statistics',
  'recognition_referral',
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
/**
 * Purposes given to one named organisation: sharing the profile with it, or letting it assess a recognition case
 * referred to it (the case and its evidence documents, nothing else).
 */
export const TARGETED_PURPOSES: readonly ConsentPurpose[] = ['share_with_organisation', 'recognition_referral'];

/**
 * Fields a migrant can agree to show employers (consent field_scopes), in the order a candidate card shows them.
 * Sex, birth year, origin, migration status, document numbers, the contact language and the interview step are
 * never shown to employers, whatever the consent says: no consent purpose or scope covers contact details
 * (employers reach a candidate through the advisor), and a contact language hints at origin.
 */
export const CANDIDATE_FIELDS = [
  'displayName',
  'skills',
  'experience',
  'languages',
  'education',
  'qualifications',
  'location',
  'availability',
  'workAuthorization',
  'preferences',
] as const;
export type CandidateField = (typeof CANDIDATE_FIELDS)[number];
/** Shown when the consent names no fields: enough to judge fit, nothing that names the person. */
export const DEFAULT_CANDIDATE_FIELDS: readonly CandidateField[] = [
  'skills',
  'experience',
  'languages',
  'education',
  'qualifications',
  'availability',
];

export type WordLanguage = 'en' | 'es' | 'fr' | 'ar';
type Words = Readonly<Record<string, string>>;

function pick(lang: string): WordLanguage {
  const base = lang.toLowerCase().split('-')[0];
  return base === 'es' || base === 'fr' || base === 'ar' ? base : 'en';
}

/** ISIC Rev.4 sections A–U. */
const SECTOR_NAMES: Record<WordLanguage, Words> = {
  en: {
    A: 'Agriculture, forestry and fishing',
    B: 'Mining and quarrying',
    C: 'Manufacturing',
    D: 'Electricity, gas, steam and air conditioning supply',
    E: 'Water supply, sewerage, waste management and remediation',
    F: 'Construction',
    G: 'Wholesale and retail trade; repair of motor vehicles',
    H: 'Transportation and storage',
    I: 'Accommodation and food service activities',
    J: 'Information and communication',
    K: 'Financial and insurance activities',
    L: 'Real estate activities',
    M: 'Professional, scientific and technical activities',
    N: 'Administrative and support service activities',
    O: 'Public administration and defence; compulsory social security',
    P: 'Education',
    Q: 'Human health and social work activities',
    R: 'Arts, entertainment and recreation',
    S: 'Other service activities',
    T: 'Activities of households as employers',
    U: 'Activities of extraterritorial organizations and bodies',
  },
  es: {
    A: 'Agricultura, ganadería, silvicultura y pesca',
    B: 'Explotación de minas y canteras',
    C: 'Industrias manufactureras',
    D: 'Suministro de electricidad, gas, vapor y aire acondicionado',
    E: 'Suministro de agua, saneamiento, gestión de desechos y descontaminación',
    F: 'Construcción',
    G: 'Comercio al por mayor y al por menor; reparación de vehículos',
    H: 'Transporte y almacenamiento',
    I: 'Alojamiento y servicio de comidas',
    J: 'Información y comunicaciones',
    K: 'Actividades financieras y de seguros',
    L: 'Actividades inmobiliarias',
    M: 'Actividades profesionales, científicas y técnicas',
    N: 'Actividades de servicios administrativos y de apoyo',
    O: 'Administración pública y defensa; seguridad social obligatoria',
    P: 'Enseñanza',
    Q: 'Atención de la salud humana y asistencia social',
    R: 'Actividades artísticas, de entretenimiento y recreativas',
    S: 'Otras actividades de servicios',
    T: 'Actividades de los hogares como empleadores',
    U: 'Actividades de organizaciones y órganos extraterritoriales',
  },
  fr: {
    A: 'Agriculture, sylviculture et pêche',
    B: 'Activités extractives',
    C: 'Activités de fabrication',
    D: 'Production et distribution d’électricité, de gaz, de vapeur et climatisation',
    E: 'Distribution d’eau, assainissement, gestion des déchets et dépollution',
    F: 'Construction',
    G: 'Commerce de gros et de détail ; réparation de véhicules',
    H: 'Transport et entreposage',
    I: 'Hébergement et restauration',
    J: 'Information et communication',
    K: 'Activités financières et d’assurance',
    L: 'Activités immobilières',
    M: 'Activités professionnelles, scientifiques et techniques',
    N: 'Activités de services administratifs et d’appui',
    O: 'Administration publique et défense ; sécurité sociale obligatoire',
    P: 'Enseignement',
    Q: 'Santé humaine et action sociale',
    R: 'Arts, spectacles et loisirs',
    S: 'Autres activités de services',
    T: 'Activités des ménages en tant qu’employeurs',
    U: 'Activités des organisations et organismes extraterritoriaux',
  },
  ar: {
    A: 'الزراعة والحراجة وصيد الأسماك',
    B: 'التعدين واستغلال المحاجر',
    C: 'الصناعة التحويلية',
    D: 'إمدادات الكهرباء والغاز والبخار وتكييف الهواء',
    E: 'إمدادات المياه والصرف الصحي وإدارة النفايات ومعالجتها',
    F: 'التشييد',
    G: 'تجارة الجملة والتجزئة وإصلاح المركبات',
    H: 'النقل والتخزين',
    I: 'أنشطة خدمات الإقامة والطعام',
    J: 'المعلومات والاتصالات',
    K: 'الأنشطة المالية وأنشطة التأمين',
    L: 'الأنشطة العقارية',
    M: 'الأنشطة المهنية والعلمية والتقنية',
    N: 'أنشطة الخدمات الإدارية وخدمات الدعم',
    O: 'الإدارة العامة والدفاع والضمان الاجتماعي الإلزامي',
    P: 'التعليم',
    Q: 'أنشطة صحة الإنسان والعمل الاجتماعي',
    R: 'الفنون والترفيه والتسلية',
    S: 'أنشطة الخدمات الأخرى',
    T: 'أنشطة الأسر المعيشية كصاحبة عمل',
    U: 'أنشطة المنظمات والهيئات خارج الولاية الإقليمية',
  },
};

/** Permit types: those the interview offers and those the example eligibility rules name. */
const PERMIT_TYPES: Record<WordLanguage, Words> = {
  en: {
    'work-general': 'Work permit',
    seasonal: 'Seasonal work permit',
    'job-seeker': 'Job-seeker visa',
    resident: 'Residence permit that allows work',
    'temporary-protection': 'Temporary protection',
    'international-protection': 'International protection (refugee or subsidiary protection)',
    'highly-qualified': 'Permit for highly qualified professionals',
    'shortage-occupation': 'Permit for a shortage occupation',
    'skilled-worker': 'Skilled-worker permit',
    family: 'Family permit',
    student: 'Student permit',
    other: 'Other permit',
  },
  es: {
    'work-general': 'Permiso de trabajo',
    seasonal: 'Permiso de trabajo de temporada',
    'job-seeker': 'Visado de búsqueda de empleo',
    resident: 'Residencia que permite trabajar',
    'temporary-protection': 'Protección temporal',
    'international-protection': 'Protección internacional (refugio o protección subsidiaria)',
    'highly-qualified': 'Permiso para profesionales altamente cualificados',
    'shortage-occupation': 'Permiso para una ocupación con escasez de mano de obra',
    'skilled-worker': 'Permiso de trabajador cualificado',
    family: 'Permiso familiar',
    student: 'Permiso de estudios',
    other: 'Otro permiso',
  },
  fr: {
    'work-general': 'Permis de travail',
    seasonal: 'Permis de travail saisonnier',
    'job-seeker': 'Visa de recherche d’emploi',
    resident: 'Titre de séjour qui permet de travailler',
    'temporary-protection': 'Protection temporaire',
    'international-protection': 'Protection internationale (réfugié ou protection subsidiaire)',
    'highly-qualified': 'Titre de professionnel hautement qualifié',
    'shortage-occupation': 'Titre pour un métier en tension',
    'skilled-worker': 'Titre de travailleur qualifié',
    family: 'Titre de séjour familial',
    student: 'Titre de séjour étudiant',
    other: 'Autre titre',
  },
  ar: {
    'work-general': 'تصريح عمل',
    seasonal: 'تصريح عمل موسمي',
    'job-seeker': 'تأشيرة بحث عن عمل',
    resident: 'إقامة تسمح بالعمل',
    'temporary-protection': 'حماية مؤقتة',
    'international-protection': 'حماية دولية (لاجئ أو حماية فرعية)',
    'highly-qualified': 'تصريح للمهنيين ذوي التأهيل العالي',
    'shortage-occupation': 'تصريح لمهنة تعاني نقصًا في اليد العاملة',
    'skilled-worker': 'تصريح عامل ماهر',
    family: 'إقامة عائلية',
    student: 'إقامة دراسية',
    other: 'تصريح آخر',
  },
};

/** The example eligibility rules (src/matching/rules.ts), by id. Rules an admin adds keep their own description. */
const RULES: Record<WordLanguage, Words> = {
  en: {
    'es-resident': 'Long-term resident: any sector, any occupation',
    'es-work-general': 'Work permit (general): any sector',
    'es-seasonal': 'Seasonal permit: agriculture and hospitality, skilled agricultural or elementary occupations',
    'es-highly-qualified': 'Highly qualified professional: managers, professionals, technicians',
    'es-international-protection': 'Refugee or subsidiary protection: any sector',
    'es-student': 'Student permit: part-time work in retail, hospitality, support services',
    'fr-resident': 'Resident card: any sector',
    'fr-work-general': 'Employee permit: any sector',
    'fr-shortage': 'Shortage-occupation permit: listed sectors',
    'fr-seasonal': 'Seasonal worker: agriculture',
    'fr-international-protection': 'Refugee or subsidiary protection: any sector',
    'pt-resident': 'Residence permit: any sector',
    'pt-work-general': 'Work visa: any sector',
    'pt-job-seeker': 'Job-seeker visa: any sector while valid',
    'de-skilled-worker': 'Skilled worker with recognised qualification: skilled occupations',
    'de-resident': 'Settlement permit: any sector',
    'de-temporary-protection': 'Temporary protection: any sector',
  },
  es: {
    'es-resident': 'Residente de larga duración: cualquier sector y ocupación',
    'es-work-general': 'Permiso de trabajo (general): cualquier sector',
    'es-seasonal':
      'Permiso de temporada: agricultura y hostelería, ocupaciones agrícolas cualificadas u ocupaciones elementales',
    'es-highly-qualified': 'Profesional altamente cualificado: directivos, profesionales y técnicos',
    'es-international-protection': 'Refugio o protección subsidiaria: cualquier sector',
    'es-student': 'Permiso de estudios: trabajo a tiempo parcial en comercio, hostelería y servicios de apoyo',
    'fr-resident': 'Tarjeta de residente: cualquier sector',
    'fr-work-general': 'Permiso de trabajador asalariado: cualquier sector',
    'fr-shortage': 'Permiso para ocupaciones con escasez de mano de obra: sectores de la lista',
    'fr-seasonal': 'Trabajador de temporada: agricultura',
    'fr-international-protection': 'Refugio o protección subsidiaria: cualquier sector',
    'pt-resident': 'Permiso de residencia: cualquier sector',
    'pt-work-general': 'Visado de trabajo: cualquier sector',
    'pt-job-seeker': 'Visado de búsqueda de empleo: cualquier sector mientras sea válido',
    'de-skilled-worker': 'Trabajador cualificado con titulación reconocida: ocupaciones cualificadas',
    'de-resident': 'Permiso de establecimiento: cualquier sector',
    'de-temporary-protection': 'Protección temporal: cualquier sector',
  },
  fr: {
    'es-resident': 'Résident de longue durée : tout secteur, tout métier',
    'es-work-general': 'Permis de travail (général) : tout secteur',
    'es-seasonal':
      'Permis saisonnier : agriculture et hôtellerie-restauration, métiers agricoles qualifiés ou élémentaires',
    'es-highly-qualified': 'Professionnel hautement qualifié : cadres, professions intellectuelles, techniciens',
    'es-international-protection': 'Réfugié ou protection subsidiaire : tout secteur',
    'es-student':
      'Titre étudiant : travail à temps partiel dans le commerce, l’hôtellerie-restauration, les services de soutien',
    'fr-resident': 'Carte de résident : tout secteur',
    'fr-work-general': 'Titre salarié : tout secteur',
    'fr-shortage': 'Titre métiers en tension : secteurs listés',
    'fr-seasonal': 'Travailleur saisonnier : agriculture',
    'fr-international-protection': 'Réfugié ou protection subsidiaire : tout secteur',
    'pt-resident': 'Titre de séjour : tout secteur',
    'pt-work-general': 'Visa de travail : tout secteur',
    'pt-job-seeker': 'Visa de recherche d’emploi : tout secteur pendant sa validité',
    'de-skilled-worker': 'Travailleur qualifié avec qualification reconnue : métiers qualifiés',
    'de-resident': 'Permis d’établissement : tout secteur',
    'de-temporary-protection': 'Protection temporaire : tout secteur',
  },
  ar: {
    'es-resident': 'مقيم لمدة طويلة: أي قطاع وأي مهنة',
    'es-work-general': 'تصريح عمل (عام): أي قطاع',
    'es-seasonal': 'تصريح موسمي: الزراعة والضيافة، المهن الزراعية الماهرة أو المهن الأولية',
    'es-highly-qualified': 'مهني عالي التأهيل: المديرون والمهنيون والفنيون',
    'es-international-protection': 'لاجئ أو حماية فرعية: أي قطاع',
    'es-student': 'إقامة دراسية: عمل بدوام جزئي في التجارة والضيافة وخدمات الدعم',
    'fr-resident': 'بطاقة مقيم: أي قطاع',
    'fr-work-general': 'تصريح عمل مأجور: أي قطاع',
    'fr-shortage': 'تصريح للمهن التي تعاني نقصًا في اليد العاملة: القطاعات المدرجة',
    'fr-seasonal': 'عامل موسمي: الزراعة',
    'fr-international-protection': 'لاجئ أو حماية فرعية: أي قطاع',
    'pt-resident': 'تصريح إقامة: أي قطاع',
    'pt-work-general': 'تأشيرة عمل: أي قطاع',
    'pt-job-seeker': 'تأشيرة بحث عن عمل: أي قطاع طوال مدة صلاحيتها',
    'de-skilled-worker': 'عامل ماهر بمؤهل معترف به: المهن الماهرة',
    'de-resident': 'تصريح استقرار: أي قطاع',
    'de-temporary-protection': 'حماية مؤقتة: أي قطاع',
  },
};

/**
 * Languages that browsers' own CLDR data often cannot name (Chromium names none of these), many of them spoken by
 * people who migrate from West and North Africa. These win over Intl so every browser says the same.
 */
const LANGUAGES: Record<WordLanguage, Words> = {
  en: {
    ff: 'Fula (Pulaar, Fulfulde)',
    fuc: 'Pulaar',
    fuf: 'Pular',
    snk: 'Soninke',
    mnk: 'Mandinka',
    dyu: 'Dyula',
    ber: 'Amazigh (Berber)',
    tzm: 'Central Atlas Tamazight',
    zgh: 'Standard Moroccan Tamazight',
    kab: 'Kabyle',
    rif: 'Tarifit (Riffian)',
    shi: 'Tachelhit',
    kg: 'Kikongo',
    mfe: 'Mauritian Creole',
    apc: 'Levantine Arabic',
    ary: 'Moroccan Arabic (Darija)',
    arq: 'Algerian Arabic',
    aeb: 'Tunisian Arabic',
    arz: 'Egyptian Arabic',
  },
  es: {
    ff: 'fula (pulaar, fulfulde)',
    fuc: 'pulaar',
    fuf: 'pular',
    snk: 'soninké',
    mnk: 'mandinga',
    dyu: 'diula',
    ber: 'amazig (bereber)',
    tzm: 'tamazight del Atlas central',
    zgh: 'tamazight estándar marroquí',
    kab: 'cabilio',
    rif: 'rifeño (tarifit)',
    shi: 'tashelhit',
    kg: 'kikongo',
    mfe: 'criollo mauriciano',
    apc: 'árabe levantino',
    ary: 'árabe marroquí (dariya)',
    arq: 'árabe argelino',
    aeb: 'árabe tunecino',
    arz: 'árabe egipcio',
  },
  fr: {
    ff: 'peul (pulaar, fulfulde)',
    fuc: 'pulaar',
    fuf: 'pular',
    snk: 'soninké',
    mnk: 'mandingue',
    dyu: 'dioula',
    ber: 'amazighe (berbère)',
    tzm: 'amazighe de l’Atlas central',
    zgh: 'amazighe standard marocain',
    kab: 'kabyle',
    rif: 'rifain (tarifit)',
    shi: 'chleuh (tachelhit)',
    kg: 'kikongo',
    mfe: 'créole mauricien',
    apc: 'arabe levantin',
    ary: 'arabe marocain (darija)',
    arq: 'arabe algérien',
    aeb: 'arabe tunisien',
    arz: 'arabe égyptien',
  },
  ar: {
    ff: 'الفولانية (البولار)',
    fuc: 'البولار',
    fuf: 'البولار الغينية',
    snk: 'السوننكية',
    mnk: 'الماندينكية',
    dyu: 'الديولا',
    ber: 'الأمازيغية',
    tzm: 'أمازيغية الأطلس المتوسط',
    zgh: 'الأمازيغية المغربية المعيارية',
    kab: 'القبائلية',
    rif: 'الريفية (تاريفيت)',
    shi: 'تشلحيت (السوسية)',
    kg: 'الكيكونغو',
    mfe: 'الكريولية الموريشيوسية',
    apc: 'العربية الشامية',
    ary: 'الدارجة المغربية',
    arq: 'الدارجة الجزائرية',
    aeb: 'الدارجة التونسية',
    arz: 'العامية المصرية',
  },
};

/** An ISIC section's name ("C" → "Manufacturing"); the letter itself only for a value outside A–U. */
export function sectorName(code: string, lang: string): string {
  return SECTOR_NAMES[pick(lang)][code] ?? code;
}

/** A permit type's name; a type someone typed that Corridor does not know is shown as written. */
export function permitTypeName(type: string, lang: string): string {
  return PERMIT_TYPES[pick(lang)][type] ?? type;
}

/** Permit types with names (the ones the interview offers come first). */
export const PERMIT_TYPE_CODES: readonly string[] = Object.keys(PERMIT_TYPES.en);

/** An eligibility rule's description in `lang`: ours for the example rules, the stored description otherwise. */
export function ruleName(ruleId: string, storedDescription: string, lang: string): string {
  return RULES[pick(lang)][ruleId] ?? storedDescription;
}

/**
 * A language's name in `lang`: ours for the languages above, else the runtime's CLDR names (Intl), else the code.
 * Region subtags are kept by Intl ("ar-EG" → "Egyptian Arabic").
 */
export function languageName(code: string, lang: string): string {
  const own = LANGUAGES[pick(lang)][code.toLowerCase()];
  if (own) return own;
  try {
    return new Intl.DisplayNames([lang], { type: 'language', fallback: 'none' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A country's name in `lang` through Intl (CLDR), the code when the runtime lacks it. */
export function countryName(code: string, lang: string): string {
  if (!/^[A-Z]{2}$/.test(code)) return code;
  try {
    return new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' }).of(code) ?? code;
  } catch {
    return code;
  }
}
