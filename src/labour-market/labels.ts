// Names of dimensions and of their coded values in en/es/fr/ar, for answers, exports and the brief. ISCO groups,
// ESCO occupations, skills and skill groups are named by the taxonomy (ESCO has no Arabic: English then); countries
// by Intl.DisplayNames; regions by their code.
import type { Dimension } from './dimensions.js';
import type { StatisticsTaxonomy } from './taxonomy.js';

export const LABEL_LANGS = ['en', 'es', 'fr', 'ar'] as const;
export type LabelLang = (typeof LABEL_LANGS)[number];

type Names = Record<LabelLang, string>;

/** One name in each label language, in LABEL_LANGS order. */
function names(en: string, es: string, fr: string, ar: string): Names {
  return { en, es, fr, ar };
}

export const DIMENSION_NAMES: Record<Dimension, Names> = {
  isco1: names('ISCO-08 major group', 'Gran grupo CIUO-08', 'Grand groupe CITP-08', 'المجموعة الرئيسية (ISCO-08)'),
  isco2: names(
    'ISCO-08 sub-major group',
    'Subgrupo principal CIUO-08',
    'Sous-grand groupe CITP-08',
    'المجموعة الفرعية الرئيسية (ISCO-08)',
  ),
  isco3: names('ISCO-08 minor group', 'Subgrupo CIUO-08', 'Sous-groupe CITP-08', 'المجموعة الصغرى (ISCO-08)'),
  isco4: names('ISCO-08 unit group', 'Grupo primario CIUO-08', 'Groupe de base CITP-08', 'مجموعة الوحدة (ISCO-08)'),
  occupation: names('ESCO occupation', 'Ocupación ESCO', 'Profession ESCO', 'مهنة ESCO'),
  skill: names('Skill', 'Capacidad', 'Aptitude', 'مهارة'),
  skillGroup: names('Skill group', 'Grupo de capacidades', 'Groupe d’aptitudes', 'مجموعة المهارات'),
  skillCollection: names('Skill collection', 'Colección de capacidades', 'Collection d’aptitudes', 'فئة المهارات'),
  country: names('Country', 'País', 'Pays', 'البلد'),
  region: names('Region', 'Región', 'Région', 'المنطقة'),
  month: names('Month', 'Mes', 'Mois', 'الشهر'),
  sex: names('Sex', 'Sexo', 'Sexe', 'الجنس'),
  ageGroup: names('Age group', 'Grupo de edad', 'Tranche d’âge', 'الفئة العمرية'),
  isced: names('Education (ISCED level)', 'Educación (nivel CINE)', 'Éducation (niveau CITE)', 'التعليم (مستوى ISCED)'),
  iscedBand: names('Education band', 'Nivel educativo', 'Niveau d’éducation', 'فئة التعليم'),
  originCountry: names('Country of origin', 'País de origen', 'Pays d’origine', 'بلد المنشأ'),
  citizenship: names('Country of citizenship', 'País de nacionalidad', 'Pays de nationalité', 'بلد الجنسية'),
  migrationStatus: names('Migration status', 'Situación migratoria', 'Statut migratoire', 'وضع الهجرة'),
};

const VALUES: Partial<Record<Dimension, Record<string, Names>>> = {
  citizenship: { stateless: names('Stateless', 'Apátrida', 'Apatride', 'عديم الجنسية') },
  sex: {
    female: names('Women', 'Mujeres', 'Femmes', 'نساء'),
    male: names('Men', 'Hombres', 'Hommes', 'رجال'),
    other: names('Other', 'Otro', 'Autre', 'آخر'),
    undisclosed: names('Not stated', 'No declarado', 'Non déclaré', 'غير مُصرَّح به'),
  },
  iscedBand: {
    'less-than-basic': names('Less than basic', 'Menos que básica', 'Moins que l’éducation de base', 'أقل من الأساسي'),
    low: names('Low (ISCED 1–2)', 'Baja (CINE 1–2)', 'Faible (CITE 1–2)', 'منخفض (ISCED 1–2)'),
    medium: names('Medium (ISCED 3–4)', 'Media (CINE 3–4)', 'Moyen (CITE 3–4)', 'متوسط (ISCED 3–4)'),
    high: names('High (ISCED 5–8)', 'Alta (CINE 5–8)', 'Élevé (CITE 5–8)', 'مرتفع (ISCED 5–8)'),
  },
  migrationStatus: {
    'in-origin-country': names(
      'In country of origin',
      'En el país de origen',
      'Dans le pays d’origine',
      'في بلد المنشأ',
    ),
    'work-permit': names('Work permit', 'Permiso de trabajo', 'Permis de travail', 'تصريح عمل'),
    'international-protection': names(
      'International or temporary protection',
      'Protección internacional o temporal',
      'Protection internationale ou temporaire',
      'حماية دولية أو مؤقتة',
    ),
    resident: names('Residence permit', 'Permiso de residencia', 'Titre de séjour', 'تصريح إقامة'),
    student: names('Student', 'Estudiante', 'Étudiant', 'طالب'),
    'job-seeker-permit': names(
      'Job-seeker visa',
      'Visado de búsqueda de empleo',
      'Visa de recherche d’emploi',
      'تأشيرة البحث عن عمل',
    ),
    'other-permit': names('Other permit', 'Otro permiso', 'Autre titre', 'تصريح آخر'),
    'no-permit-recorded': names(
      'No permit recorded',
      'Sin permiso registrado',
      'Aucun titre enregistré',
      'لا تصريح مسجل',
    ),
  },
  skillCollection: {
    transversal: names(
      'Transversal skills',
      'Capacidades transversales',
      'Compétences transversales',
      'مهارات مستعرضة',
    ),
    digital: names('Digital skills', 'Capacidades digitales', 'Compétences numériques', 'مهارات رقمية'),
    green: names('Green skills', 'Capacidades verdes', 'Compétences vertes', 'مهارات خضراء'),
    language: names('Language skills', 'Capacidades lingüísticas', 'Compétences linguistiques', 'مهارات لغوية'),
    research: names('Research skills', 'Capacidades de investigación', 'Compétences de recherche', 'مهارات بحثية'),
  },
};

const UNKNOWN: Names = names('Not recorded', 'No registrado', 'Non renseigné', 'غير مسجل');
const NO_REGION: Names = names(
  'region not recorded',
  'región no registrada',
  'région non renseignée',
  'المنطقة غير مسجلة',
);
const AGE_SUFFIX: Names = names('years', 'años', 'ans', 'سنة');

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
    case 'citizenship':
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
