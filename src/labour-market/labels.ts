// Names of dimensions and of their coded values in en/es/fr/ar, for answers, exports and the brief. ISCO groups,
// ESCO occupations, skills and skill groups are named by the taxonomy (ESCO has no Arabic: English then); countries
// by Intl.DisplayNames; regions by their code.
import type { Dimension } from './dimensions.js';
import type { StatisticsTaxonomy } from './taxonomy.js';

export const LABEL_LANGS = ['en', 'es', 'fr', 'ar'] as const;
export type LabelLang = (typeof LABEL_LANGS)[number];

type Names = Record<LabelLang, string>;

export const DIMENSION_NAMES: Record<Dimension, Names> = {
  isco1: {
    en: 'ISCO-08 major group',
    es: 'Gran grupo CIUO-08',
    fr: 'Grand groupe CITP-08',
    ar: 'المجموعة الرئيسية (ISCO-08)',
  },
  isco2: {
    en: 'ISCO-08 sub-major group',
    es: 'Subgrupo principal CIUO-08',
    fr: 'Sous-grand groupe CITP-08',
    ar: 'المجموعة الفرعية الرئيسية (ISCO-08)',
  },
  isco3: {
    en: 'ISCO-08 minor group',
    es: 'Subgrupo CIUO-08',
    fr: 'Sous-groupe CITP-08',
    ar: 'المجموعة الصغرى (ISCO-08)',
  },
  isco4: {
    en: 'ISCO-08 unit group',
    es: 'Grupo primario CIUO-08',
    fr: 'Groupe de base CITP-08',
    ar: 'مجموعة الوحدة (ISCO-08)',
  },
  occupation: { en: 'ESCO occupation', es: 'Ocupación ESCO', fr: 'Profession ESCO', ar: 'مهنة ESCO' },
  skill: { en: 'Skill', es: 'Capacidad', fr: 'Aptitude', ar: 'مهارة' },
  skillGroup: { en: 'Skill group', es: 'Grupo de capacidades', fr: 'Groupe d’aptitudes', ar: 'مجموعة المهارات' },
  skillCollection: {
    en: 'Skill collection',
    es: 'Colección de capacidades',
    fr: 'Collection d’aptitudes',
    ar: 'فئة المهارات',
  },
  country: { en: 'Country', es: 'País', fr: 'Pays', ar: 'البلد' },
  region: { en: 'Region', es: 'Región', fr: 'Région', ar: 'المنطقة' },
  month: { en: 'Month', es: 'Mes', fr: 'Mois', ar: 'الشهر' },
  sex: { en: 'Sex', es: 'Sexo', fr: 'Sexe', ar: 'الجنس' },
  ageGroup: { en: 'Age group', es: 'Grupo de edad', fr: 'Tranche d’âge', ar: 'الفئة العمرية' },
  isced: {
    en: 'Education (ISCED level)',
    es: 'Educación (nivel CINE)',
    fr: 'Éducation (niveau CITE)',
    ar: 'التعليم (مستوى ISCED)',
  },
  iscedBand: { en: 'Education band', es: 'Nivel educativo', fr: 'Niveau d’éducation', ar: 'فئة التعليم' },
  originCountry: { en: 'Country of origin', es: 'País de origen', fr: 'Pays d’origine', ar: 'بلد المنشأ' },
  migrationStatus: { en: 'Migration status', es: 'Situación migratoria', fr: 'Statut migratoire', ar: 'وضع الهجرة' },
};

const VALUES: Partial<Record<Dimension, Record<string, Names>>> = {
  sex: {
    female: { en: 'Women', es: 'Mujeres', fr: 'Femmes', ar: 'نساء' },
    male: { en: 'Men', es: 'Hombres', fr: 'Hommes', ar: 'رجال' },
    other: { en: 'Other', es: 'Otro', fr: 'Autre', ar: 'آخر' },
    undisclosed: { en: 'Not stated', es: 'No declarado', fr: 'Non déclaré', ar: 'غير مُصرَّح به' },
  },
  iscedBand: {
    'less-than-basic': {
      en: 'Less than basic',
      es: 'Menos que básica',
      fr: 'Moins que l’éducation de base',
      ar: 'أقل من الأساسي',
    },
    low: { en: 'Low (ISCED 1–2)', es: 'Baja (CINE 1–2)', fr: 'Faible (CITE 1–2)', ar: 'منخفض (ISCED 1–2)' },
    medium: { en: 'Medium (ISCED 3–4)', es: 'Media (CINE 3–4)', fr: 'Moyen (CITE 3–4)', ar: 'متوسط (ISCED 3–4)' },
    high: { en: 'High (ISCED 5–8)', es: 'Alta (CINE 5–8)', fr: 'Élevé (CITE 5–8)', ar: 'مرتفع (ISCED 5–8)' },
  },
  migrationStatus: {
    'in-origin-country': {
      en: 'In country of origin',
      es: 'En el país de origen',
      fr: 'Dans le pays d’origine',
      ar: 'في بلد المنشأ',
    },
    'work-permit': { en: 'Work permit', es: 'Permiso de trabajo', fr: 'Permis de travail', ar: 'تصريح عمل' },
    'international-protection': {
      en: 'International or temporary protection',
      es: 'Protección internacional o temporal',
      fr: 'Protection internationale ou temporaire',
      ar: 'حماية دولية أو مؤقتة',
    },
    resident: { en: 'Residence permit', es: 'Permiso de residencia', fr: 'Titre de séjour', ar: 'تصريح إقامة' },
    student: { en: 'Student', es: 'Estudiante', fr: 'Étudiant', ar: 'طالب' },
    'job-seeker-permit': {
      en: 'Job-seeker visa',
      es: 'Visado de búsqueda de empleo',
      fr: 'Visa de recherche d’emploi',
      ar: 'تأشيرة البحث عن عمل',
    },
    'other-permit': { en: 'Other permit', es: 'Otro permiso', fr: 'Autre titre', ar: 'تصريح آخر' },
    'no-permit-recorded': {
      en: 'No permit recorded',
      es: 'Sin permiso registrado',
      fr: 'Aucun titre enregistré',
      ar: 'لا تصريح مسجل',
    },
  },
  skillCollection: {
    transversal: {
      en: 'Transversal skills',
      es: 'Capacidades transversales',
      fr: 'Compétences transversales',
      ar: 'مهارات مستعرضة',
    },
    digital: { en: 'Digital skills', es: 'Capacidades digitales', fr: 'Compétences numériques', ar: 'مهارات رقمية' },
    green: { en: 'Green skills', es: 'Capacidades verdes', fr: 'Compétences vertes', ar: 'مهارات خضراء' },
    language: {
      en: 'Language skills',
      es: 'Capacidades lingüísticas',
      fr: 'Compétences linguistiques',
      ar: 'مهارات لغوية',
    },
    research: {
      en: 'Research skills',
      es: 'Capacidades de investigación',
      fr: 'Compétences de recherche',
      ar: 'مهارات بحثية',
    },
  },
};

const UNKNOWN: Names = { en: 'Not recorded', es: 'No registrado', fr: 'Non renseigné', ar: 'غير مسجل' };
const NO_REGION: Names = {
  en: 'region not recorded',
  es: 'región no registrada',
  fr: 'région non renseignée',
  ar: 'المنطقة غير مسجلة',
};
const AGE_SUFFIX: Names = { en: 'years', es: 'años', fr: 'ans', ar: 'سنة' };

export function labelLang(lang: string | undefined): LabelLang {
  return (LABEL_LANGS as readonly string[]).includes(lang ?? '') ? (lang as LabelLang) : 'en';
}

const countryNames = new Map<LabelLang, Intl.DisplayNames>();
export function countryName(code: string, lang: LabelLang): string {
  let names = countryNames.get(lang);
  if (!names) countryNames.set(lang, (names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' })));
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** The name of a coded value of a dimension, in lang. */
export function valueLabel(dimension: Dimension, code: string, lang: LabelLang, taxonomy: StatisticsTaxonomy): string {
  if (code === 'unknown') return UNKNOWN[lang];
  const fixed = VALUES[dimension]?.[code];
  if (fixed) return fixed[lang];
  switch (dimension) {
    case 'isco1':
    case 'isco2':
    case 'isco3':
    case 'isco4':
      return `${code} ${taxonomy.iscoLabel(code, lang) ?? ''}`.trim();
    case 'occupation':
    case 'skill':
    case 'skillGroup':
      return taxonomy.label(code, lang) ?? code;
    case 'country':
    case 'originCountry':
      return countryName(code, lang);
    case 'region': {
      const [country, region] = code.split(':') as [string, string];
      return region
        ? `${region} (${countryName(country, lang)})`
        : `${countryName(country, lang)} (${NO_REGION[lang]})`;
    }
    case 'ageGroup':
      return code === 'under-15' ? `< 15 ${AGE_SUFFIX[lang]}` : `${code} ${AGE_SUFFIX[lang]}`;
    case 'isced':
      return `ISCED ${code}`;
    default:
      return code;
  }
}

export const ESCO_ATTRIBUTION =
  'This service uses the ESCO classification of the European Commission. Occupations are also coded to ISCO-08 ' +
  '(International Labour Organization).';
