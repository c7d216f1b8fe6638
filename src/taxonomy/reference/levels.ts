// Reference frameworks Corridor speaks besides ESCO: ISCED 2011 education levels, CEFR language levels, EQF levels.
// Names in en/es/fr/ar. Migration 0201 seeds the reference tables from this module; changing the content later
// needs a new migration that updates the rows (forward-only), not an edit here alone.

export type ReferenceLang = 'en' | 'es' | 'fr' | 'ar';
export const REFERENCE_LANGS: readonly ReferenceLang[] = ['en', 'es', 'fr', 'ar'];

export type ReferenceScheme = 'isced' | 'cefr' | 'eqf';

export interface LocalisedText {
  name: string;
  description: string;
}

export interface ReferenceLevel {
  scheme: ReferenceScheme;
  code: string;
  ordinal: number;
  band: string | null;
  names: Record<ReferenceLang, LocalisedText>;
}

/** Skill bands used in the field (ILO): low = ISCED 1–2, medium = 3–4, high = 5–8. ISCED 0 has no band. */
export type SkillBand = 'low' | 'medium' | 'high';

/**
 * Skill band of an ISCED 2011 level. Level 0 (early childhood education) is not a completed level of education for
 * an adult, so it has no band: null. Statistics report it apart ("less than basic" in ILO terms), never as "low".
 */
export function iscedBand(level: number): SkillBand | null {
  if (!Number.isInteger(level) || level < 0 || level > 8) throw new RangeError(`ISCED level must be 0–8, got ${level}`);
  if (level === 0) return null;
  if (level <= 2) return 'low';
  if (level <= 4) return 'medium';
  return 'high';
}

const t = (name: string, description: string): LocalisedText => ({ name, description });

const ISCED: [string, Record<ReferenceLang, LocalisedText>][] = [
  [
    '0',
    {
      en: t('Early childhood education', 'Education before primary school; no skill band.'),
      es: t('Educación de la primera infancia', 'Educación anterior a la primaria; sin banda de cualificación.'),
      fr: t('Éducation de la petite enfance', 'Éducation avant le primaire ; aucune bande de qualification.'),
      ar: t('التعليم في مرحلة الطفولة المبكرة', 'التعليم قبل المرحلة الابتدائية؛ بلا فئة مهارات.'),
    },
  ],
  [
    '1',
    {
      en: t('Primary education', 'Basic reading, writing and mathematics.'),
      es: t('Educación primaria', 'Lectura, escritura y matemáticas básicas.'),
      fr: t('Enseignement primaire', 'Lecture, écriture et mathématiques de base.'),
      ar: t('التعليم الابتدائي', 'القراءة والكتابة والرياضيات الأساسية.'),
    },
  ],
  [
    '2',
    {
      en: t('Lower secondary education', 'First stage of secondary education.'),
      es: t('Educación secundaria baja', 'Primera etapa de la educación secundaria.'),
      fr: t('Premier cycle de l’enseignement secondaire', 'Première étape de l’enseignement secondaire.'),
      ar: t('التعليم الثانوي الأدنى', 'المرحلة الأولى من التعليم الثانوي.'),
    },
  ],
  [
    '3',
    {
      en: t('Upper secondary education', 'Second stage of secondary education, general or vocational.'),
      es: t('Educación secundaria alta', 'Segunda etapa de la educación secundaria, general o profesional.'),
      fr: t('Deuxième cycle de l’enseignement secondaire', 'Seconde étape du secondaire, générale ou professionnelle.'),
      ar: t('التعليم الثانوي الأعلى', 'المرحلة الثانية من التعليم الثانوي، العام أو المهني.'),
    },
  ],
  [
    '4',
    {
      en: t('Post-secondary non-tertiary education', 'Vocational programmes after secondary, below tertiary.'),
      es: t('Educación postsecundaria no terciaria', 'Programas profesionales tras la secundaria, no terciarios.'),
      fr: t(
        'Enseignement post-secondaire non supérieur',
        'Programmes professionnels après le secondaire, non supérieurs.',
      ),
      ar: t('التعليم ما بعد الثانوي غير العالي', 'برامج مهنية بعد الثانوي دون مستوى التعليم العالي.'),
    },
  ],
  [
    '5',
    {
      en: t('Short-cycle tertiary education', 'Short, practical tertiary programmes.'),
      es: t('Educación terciaria de ciclo corto', 'Programas terciarios cortos y prácticos.'),
      fr: t('Enseignement supérieur de cycle court', 'Programmes supérieurs courts et pratiques.'),
      ar: t('التعليم العالي قصير الدورة', 'برامج تعليم عالٍ قصيرة وعملية.'),
    },
  ],
  [
    '6',
    {
      en: t('Bachelor’s or equivalent level', 'First tertiary degree.'),
      es: t('Grado en educación terciaria o nivel equivalente', 'Primer título de educación terciaria.'),
      fr: t('Niveau licence ou équivalent', 'Premier diplôme de l’enseignement supérieur.'),
      ar: t('البكالوريوس أو ما يعادله', 'الدرجة الجامعية الأولى.'),
    },
  ],
  [
    '7',
    {
      en: t('Master’s or equivalent level', 'Second tertiary degree.'),
      es: t('Nivel de maestría, especialización o equivalente', 'Segundo título de educación terciaria.'),
      fr: t('Niveau master ou équivalent', 'Deuxième diplôme de l’enseignement supérieur.'),
      ar: t('الماجستير أو ما يعادله', 'الدرجة الجامعية الثانية.'),
    },
  ],
  [
    '8',
    {
      en: t('Doctoral or equivalent level', 'Advanced research qualification.'),
      es: t('Nivel de doctorado o equivalente', 'Cualificación avanzada de investigación.'),
      fr: t('Niveau doctorat ou équivalent', 'Qualification de recherche avancée.'),
      ar: t('الدكتوراه أو ما يعادلها', 'مؤهل بحثي متقدم.'),
    },
  ],
];

const CEFR_BAND: Record<string, string> = {
  A1: 'basic',
  A2: 'basic',
  B1: 'independent',
  B2: 'independent',
  C1: 'proficient',
  C2: 'proficient',
};

const CEFR: [string, Record<ReferenceLang, LocalisedText>][] = [
  [
    'A1',
    {
      en: t('Breakthrough (beginner)', 'Basic user: familiar everyday expressions and very basic phrases.'),
      es: t('Acceso (principiante)', 'Usuario básico: expresiones cotidianas y frases muy sencillas.'),
      fr: t('Découverte (débutant)', 'Utilisateur élémentaire : expressions familières et énoncés très simples.'),
      ar: t('مستوى الاكتشاف (مبتدئ)', 'مستخدم أساسي: تعابير يومية مألوفة وعبارات بسيطة جداً.'),
    },
  ],
  [
    'A2',
    {
      en: t('Waystage (elementary)', 'Basic user: simple, routine exchanges on familiar matters.'),
      es: t('Plataforma (elemental)', 'Usuario básico: intercambios sencillos sobre asuntos habituales.'),
      fr: t('Intermédiaire ou de survie', 'Utilisateur élémentaire : échanges simples sur des sujets familiers.'),
      ar: t('المستوى الأولي', 'مستخدم أساسي: تبادلات بسيطة وروتينية حول أمور مألوفة.'),
    },
  ],
  [
    'B1',
    {
      en: t('Threshold (intermediate)', 'Independent user: main points on familiar matters at work, school, leisure.'),
      es: t('Umbral (intermedio)', 'Usuario independiente: ideas principales sobre temas conocidos.'),
      fr: t('Niveau seuil', 'Utilisateur indépendant : points essentiels sur des sujets familiers.'),
      ar: t('مستوى العتبة (متوسط)', 'مستخدم مستقل: النقاط الرئيسية في المواضيع المألوفة.'),
    },
  ],
  [
    'B2',
    {
      en: t(
        'Vantage (upper intermediate)',
        'Independent user: complex texts, fluent interaction with native speakers.',
      ),
      es: t('Avanzado (intermedio alto)', 'Usuario independiente: textos complejos e interacción con fluidez.'),
      fr: t('Niveau avancé ou indépendant', 'Utilisateur indépendant : textes complexes, échanges aisés.'),
      ar: t('فوق المتوسط', 'مستخدم مستقل: نصوص معقدة وتفاعل بطلاقة.'),
    },
  ],
  [
    'C1',
    {
      en: t('Effective operational proficiency (advanced)', 'Proficient user: flexible, effective use at work.'),
      es: t('Dominio operativo eficaz (avanzado)', 'Usuario competente: uso flexible y eficaz en el trabajo.'),
      fr: t('Autonome', 'Utilisateur expérimenté : usage souple et efficace au travail.'),
      ar: t('الكفاءة التشغيلية الفعالة (متقدم)', 'مستخدم متمكن: استخدام مرن وفعال في العمل.'),
    },
  ],
  [
    'C2',
    {
      en: t('Mastery (proficiency)', 'Proficient user: understands virtually everything with ease.'),
      es: t('Maestría', 'Usuario competente: comprende con facilidad prácticamente todo.'),
      fr: t('Maîtrise', 'Utilisateur expérimenté : comprend sans effort pratiquement tout.'),
      ar: t('الإتقان', 'مستخدم متمكن: يفهم كل شيء تقريباً بسهولة.'),
    },
  ],
];

const EQF_KNOWLEDGE: Record<ReferenceLang, string[]> = {
  en: [
    'Basic general knowledge.',
    'Basic factual knowledge of a field of work or study.',
    'Knowledge of facts, principles, processes and general concepts in a field.',
    'Factual and theoretical knowledge in broad contexts within a field.',
    'Comprehensive, specialised, factual and theoretical knowledge within a field.',
    'Advanced knowledge of a field, with a critical understanding of theories and principles.',
    'Highly specialised knowledge, some at the forefront of a field.',
    'Knowledge at the most advanced frontier of a field.',
  ],
  es: [
    'Conocimientos generales básicos.',
    'Conocimientos fácticos básicos en un campo de trabajo o estudio.',
    'Conocimiento de hechos, principios, procesos y conceptos generales en un campo.',
    'Conocimientos fácticos y teóricos en contextos amplios dentro de un campo.',
    'Amplios conocimientos especializados, fácticos y teóricos en un campo.',
    'Conocimientos avanzados de un campo, con comprensión crítica de teorías y principios.',
    'Conocimientos altamente especializados, algunos a la vanguardia de un campo.',
    'Conocimientos en la frontera más avanzada de un campo.',
  ],
  fr: [
    'Savoirs généraux de base.',
    'Savoirs factuels de base dans un domaine de travail ou d’études.',
    'Savoirs couvrant des faits, principes, processus et concepts généraux d’un domaine.',
    'Savoirs factuels et théoriques dans des contextes généraux d’un domaine.',
    'Savoirs détaillés, spécialisés, factuels et théoriques dans un domaine.',
    'Savoirs approfondis d’un domaine, avec une compréhension critique des théories et principes.',
    'Savoirs hautement spécialisés, dont certains à l’avant-garde d’un domaine.',
    'Savoirs à la frontière la plus avancée d’un domaine.',
  ],
  ar: [
    'معرفة عامة أساسية.',
    'معرفة واقعية أساسية في مجال عمل أو دراسة.',
    'معرفة بالحقائق والمبادئ والعمليات والمفاهيم العامة في مجال ما.',
    'معرفة واقعية ونظرية في سياقات واسعة ضمن مجال ما.',
    'معرفة شاملة ومتخصصة واقعية ونظرية ضمن مجال ما.',
    'معرفة متقدمة في مجال ما مع فهم نقدي للنظريات والمبادئ.',
    'معرفة عالية التخصص، بعضها في طليعة مجال ما.',
    'معرفة عند أكثر الحدود تقدماً في مجال ما.',
  ],
};

const eqfName: Record<ReferenceLang, (n: number) => string> = {
  en: (n) => `EQF level ${n}`,
  es: (n) => `Nivel ${n} del MEC`,
  fr: (n) => `Niveau ${n} du CEC`,
  ar: (n) => `المستوى ${n} من الإطار الأوروبي للمؤهلات`,
};

export const REFERENCE_LEVELS: readonly ReferenceLevel[] = [
  ...ISCED.map(([code, names], i): ReferenceLevel => ({
    scheme: 'isced',
    code,
    ordinal: i,
    band: iscedBand(Number(code)),
    names,
  })),
  ...CEFR.map(([code, names], i): ReferenceLevel => ({
    scheme: 'cefr',
    code,
    ordinal: i,
    band: CEFR_BAND[code]!,
    names,
  })),
  ...Array.from({ length: 8 }, (_, i): ReferenceLevel => {
    const n = i + 1;
    const names = Object.fromEntries(
      REFERENCE_LANGS.map((lang) => [lang, t(eqfName[lang](n), EQF_KNOWLEDGE[lang][i]!)]),
    ) as Record<ReferenceLang, LocalisedText>;
    return { scheme: 'eqf', code: String(n), ordinal: i, band: null, names };
  }),
];

export interface ReferenceLevelView {
  code: string;
  band: string | null;
  name: string;
  description: string;
}

export interface ReferenceData {
  lang: ReferenceLang;
  isced: ReferenceLevelView[];
  cefr: ReferenceLevelView[];
  eqf: ReferenceLevelView[];
}

export function isReferenceLang(lang: string): lang is ReferenceLang {
  return (REFERENCE_LANGS as readonly string[]).includes(lang);
}

/** The three frameworks in one language (English when the language is not one of en/es/fr/ar). */
export function referenceData(lang: string, levels: readonly ReferenceLevel[] = REFERENCE_LEVELS): ReferenceData {
  const l: ReferenceLang = isReferenceLang(lang) ? lang : 'en';
  const view = (scheme: ReferenceScheme) =>
    levels
      .filter((x) => x.scheme === scheme)
      .sort((a, b) => a.ordinal - b.ordinal)
      .map((x) => ({ code: x.code, band: x.band, name: x.names[l].name, description: x.names[l].description }));
  return { lang: l, isced: view('isced'), cefr: view('cefr'), eqf: view('eqf') };
}
