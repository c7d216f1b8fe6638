// An explanation as plain text in en/es/fr/ar, for advisors, employers and the people matched.
// Skill and occupation names come from the taxonomy labels (English when a language has no label); permit types,
// countries, sectors, rules and languages are named in words (src/shared/vocabulary.ts), never as codes.
import type { EscoSnapshot } from '../taxonomy/domain.js';
import type { MatchExplanation, MatchResult } from './model.js';
import {
  countryName as countryNameOf,
  languageName as languageNameOf,
  permitTypeName,
  ruleName,
  sectorName,
} from '../shared/vocabulary.js';

// Country and language names come from Intl.DisplayNames, built anew on each call (the CPU profile of the candidate
// shortlist showed them): every explanation names a country and its languages, so the names are kept once made.
// Codes and languages are few; the cap only guards against a flood of made-up codes.
const NAMES_CAP = 4000;
const names = new Map<string, string>();
function remembered(key: string, make: () => string): string {
  let name = names.get(key);
  if (name === undefined) {
    if (names.size >= NAMES_CAP) names.clear();
    name = make();
    names.set(key, name);
  }
  return name;
}
const countryName = (code: string, lang: string) =>
  remembered(`c\u0000${lang}\u0000${code}`, () => countryNameOf(code, lang));
const languageName = (code: string, lang: string) =>
  remembered(`l\u0000${lang}\u0000${code}`, () => languageNameOf(code, lang));

export const EXPLANATION_LANGUAGES = ['en', 'es', 'fr', 'ar'] as const;
export type ExplanationLanguage = (typeof EXPLANATION_LANGUAGES)[number];

type Messages = Record<string, string>;

const en: Messages = {
  score: 'Match score {{score}} %.',
  eligible:
    'Can legally take the job with: {{permit}} ({{country}}). Sector of the job: {{sector}}. Rule applied: {{rule}}.',
  example: 'This rule is example data, not legal advice.',
  'location_same-region': 'Lives in the region of the job.',
  location_relocation: 'Willing to relocate for the job.',
  matched: 'Has {{count}} of the skills asked:',
  matchedItem: '{{skill}} ({{evidence}}{{optional}})',
  optional: ', optional',
  near: 'Close skills that partly count:',
  nearItem: '{{skill}} instead of {{asked}} ({{kind}})',
  missing: 'Missing essential skills:',
  noMissing: 'No essential skill is missing.',
  language: 'Language {{lang}}: {{required}} asked, {{held}} held — {{fit}}.',
  education_asked: 'Education: ISCED {{required}} asked, {{held}} held — {{fit}}.',
  'education_not-asked': 'No education level asked.',
  experience_occupation: 'Has worked in this occupation ({{occupation}}).',
  'experience_isco-unit': 'Has worked in the same ISCO occupation group ({{occupation}}).',
  'experience_isco-minor': 'Has worked in a related ISCO occupation group ({{occupation}}).',
  experience_none: 'No work experience in this occupation group.',
  none: 'none',
  unknown: 'unknown',
  fit_meets: 'meets the level',
  'fit_one-below': 'one level below',
  fit_below: 'below the level',
  fit_unknown: 'not known',
  evidence_certified: 'certified',
  evidence_assessed: 'assessed',
  'evidence_advisor-checked': 'checked by an advisor',
  'evidence_self-declared': 'self-declared',
  kind_broader: 'broader skill',
  kind_narrower: 'more specific skill',
  kind_sibling: 'neighbouring skill',
  kind_related: 'related skill',
};

const es: Messages = {
  score: 'Puntuación de coincidencia {{score}} %.',
  eligible:
    'Puede aceptar legalmente el empleo con: {{permit}} ({{country}}). Sector del empleo: {{sector}}. Regla aplicada: {{rule}}.',
  example: 'Esta regla es un ejemplo, no asesoramiento jurídico.',
  'location_same-region': 'Vive en la región del empleo.',
  location_relocation: 'Dispuesto/a a trasladarse por el empleo.',
  matched: 'Tiene {{count}} de las competencias pedidas:',
  matchedItem: '{{skill}} ({{evidence}}{{optional}})',
  optional: ', opcional',
  near: 'Competencias cercanas que cuentan en parte:',
  nearItem: '{{skill}} en lugar de {{asked}} ({{kind}})',
  missing: 'Competencias esenciales que faltan:',
  noMissing: 'No falta ninguna competencia esencial.',
  language: 'Idioma {{lang}}: se pide {{required}}, tiene {{held}} — {{fit}}.',
  education_asked: 'Educación: se pide CINE {{required}}, tiene {{held}} — {{fit}}.',
  'education_not-asked': 'No se pide nivel educativo.',
  experience_occupation: 'Ha trabajado en esta ocupación ({{occupation}}).',
  'experience_isco-unit': 'Ha trabajado en el mismo grupo de ocupaciones CIUO ({{occupation}}).',
  'experience_isco-minor': 'Ha trabajado en un grupo de ocupaciones CIUO afín ({{occupation}}).',
  experience_none: 'Sin experiencia laboral en este grupo de ocupaciones.',
  none: 'ninguno',
  unknown: 'desconocido',
  fit_meets: 'alcanza el nivel',
  'fit_one-below': 'un nivel por debajo',
  fit_below: 'por debajo del nivel',
  fit_unknown: 'no se sabe',
  evidence_certified: 'certificada',
  evidence_assessed: 'evaluada',
  'evidence_advisor-checked': 'verificada por un orientador',
  'evidence_self-declared': 'declarada por la persona',
  kind_broader: 'competencia más general',
  kind_narrower: 'competencia más específica',
  kind_sibling: 'competencia vecina',
  kind_related: 'competencia relacionada',
};

const fr: Messages = {
  score: 'Score de correspondance {{score}} %.',
  eligible:
    'Peut occuper légalement l’emploi avec : {{permit}} ({{country}}). Secteur de l’emploi : {{sector}}. Règle appliquée : {{rule}}.',
  example: 'Cette règle est un exemple, pas un avis juridique.',
  'location_same-region': 'Habite dans la région de l’emploi.',
  location_relocation: 'Prêt·e à déménager pour l’emploi.',
  matched: 'Possède {{count}} des compétences demandées :',
  matchedItem: '{{skill}} ({{evidence}}{{optional}})',
  optional: ', facultative',
  near: 'Compétences proches qui comptent en partie :',
  nearItem: '{{skill}} au lieu de {{asked}} ({{kind}})',
  missing: 'Compétences essentielles manquantes :',
  noMissing: 'Aucune compétence essentielle ne manque.',
  language: 'Langue {{lang}} : {{required}} demandé, {{held}} acquis — {{fit}}.',
  education_asked: 'Formation : CITE {{required}} demandé, {{held}} acquis — {{fit}}.',
  'education_not-asked': 'Aucun niveau de formation demandé.',
  experience_occupation: 'A travaillé dans ce métier ({{occupation}}).',
  'experience_isco-unit': 'A travaillé dans le même groupe de professions CITP ({{occupation}}).',
  'experience_isco-minor': 'A travaillé dans un groupe de professions CITP voisin ({{occupation}}).',
  experience_none: 'Pas d’expérience professionnelle dans ce groupe de métiers.',
  none: 'aucun',
  unknown: 'inconnu',
  fit_meets: 'atteint le niveau',
  'fit_one-below': 'un niveau en dessous',
  fit_below: 'en dessous du niveau',
  fit_unknown: 'non connu',
  evidence_certified: 'certifiée',
  evidence_assessed: 'évaluée',
  'evidence_advisor-checked': 'vérifiée par un conseiller',
  'evidence_self-declared': 'déclarée par la personne',
  kind_broader: 'compétence plus générale',
  kind_narrower: 'compétence plus précise',
  kind_sibling: 'compétence voisine',
  kind_related: 'compétence liée',
};

const ar: Messages = {
  score: 'درجة التوافق {{score}} ٪.',
  eligible:
    'يحق له قانونيًا شغل الوظيفة بموجب: {{permit}} ({{country}}). قطاع الوظيفة: {{sector}}. القاعدة المطبّقة: {{rule}}.',
  example: 'هذه القاعدة بيانات توضيحية وليست استشارة قانونية.',
  'location_same-region': 'يقيم في منطقة الوظيفة.',
  location_relocation: 'مستعد للانتقال من أجل الوظيفة.',
  matched: 'يمتلك {{count}} من المهارات المطلوبة:',
  matchedItem: '{{skill}} ({{evidence}}{{optional}})',
  optional: '، اختيارية',
  near: 'مهارات قريبة تُحتسب جزئيًا:',
  nearItem: '{{skill}} بدلًا من {{asked}} ({{kind}})',
  missing: 'مهارات أساسية ناقصة:',
  noMissing: 'لا تنقص أي مهارة أساسية.',
  language: 'اللغة {{lang}}: المطلوب {{required}}، المتوفر {{held}} — {{fit}}.',
  education_asked: 'التعليم: المطلوب مستوى ISCED {{required}}، المتوفر {{held}} — {{fit}}.',
  'education_not-asked': 'لا يُشترط مستوى تعليمي.',
  experience_occupation: 'عمل في هذه المهنة ({{occupation}}).',
  'experience_isco-unit': 'عمل في مجموعة المهن نفسها وفق ISCO ({{occupation}}).',
  'experience_isco-minor': 'عمل في مجموعة مهن قريبة وفق ISCO ({{occupation}}).',
  experience_none: 'لا خبرة عمل في هذه المجموعة المهنية.',
  none: 'لا يوجد',
  unknown: 'غير معروف',
  fit_meets: 'يستوفي المستوى',
  'fit_one-below': 'أقل بمستوى واحد',
  fit_below: 'دون المستوى',
  fit_unknown: 'غير معروف',
  evidence_certified: 'مُعتمَدة بشهادة',
  evidence_assessed: 'مُقيَّمة',
  'evidence_advisor-checked': 'تحقق منها مستشار',
  'evidence_self-declared': 'مُصرَّح بها ذاتيًا',
  kind_broader: 'مهارة أعم',
  kind_narrower: 'مهارة أدق',
  kind_sibling: 'مهارة مجاورة',
  kind_related: 'مهارة ذات صلة',
};

const CATALOGUE: Record<ExplanationLanguage, Messages> = { en, es, fr, ar };
const PLACEHOLDER = /\{\{(\w+)\}\}/g;

/**
 * The messages of `lang` with their {{placeholders}} filled in, English for a key the language lacks. Plain string
 * templates rather than i18next: a shortlist page renders hundreds of lines, and i18next's per-call overhead was
 * most of the matching routes' CPU time.
 */
function translator(lang: ExplanationLanguage): (key: string, vars?: Record<string, unknown>) => string {
  const messages = CATALOGUE[lang];
  return (key, vars) => {
    const template = messages[key] ?? en[key] ?? key;
    return vars ? template.replace(PLACEHOLDER, (_, name: string) => String(vars[name] ?? '')) : template;
  };
}

export type LabelFn = (uri: string, lang: string) => string;

/** Labels from an ESCO snapshot: preferred label in `lang`, else English, else the URI. */
export function snapshotLabels(snapshot: EscoSnapshot): LabelFn {
  return (uri, lang) => {
    const c = snapshot.skills.get(uri) ?? snapshot.occupations.get(uri);
    return c?.labels[lang]?.preferred ?? c?.labels.en?.preferred ?? uri;
  };
}

/** The explanation of one result as lines of text in `lang`. */
export function explanationText(
  result: MatchResult,
  lang: ExplanationLanguage,
  label: LabelFn = (uri) => uri,
): string[] {
  const e: MatchExplanation | undefined = result.explanation;
  const T = translator(lang);
  const lines = [T('score', { score: Math.round(result.score * 1000) / 10 })];
  if (!e) return lines;
  const el = e.eligibility;
  lines.push(
    T('eligible', {
      rule: ruleName(el.ruleId, el.ruleDescription, lang),
      permit: permitTypeName(el.permitType, lang),
      country: countryName(el.country, lang),
      sector: sectorName(el.sector, lang),
    }),
  );
  if (el.example) lines.push(T('example'));
  lines.push(T(`location_${el.location}`));
  lines.push(T('matched', { count: e.matched.length }));
  for (const m of e.matched)
    lines.push(
      `  • ${T('matchedItem', { skill: label(m.uri, lang), evidence: T(`evidence_${m.evidence}`), optional: m.essential ? '' : T('optional') })}`,
    );
  if (e.near.length) {
    lines.push(T('near'));
    for (const n of e.near)
      lines.push(
        `  • ${T('nearItem', { skill: label(n.uri, lang), asked: label(n.standsInFor, lang), kind: T(`kind_${n.kind}`) })}`,
      );
  }
  if (e.missingEssential.length) {
    lines.push(T('missing'));
    for (const m of e.missingEssential) lines.push(`  • ${label(m, lang)}`);
  } else lines.push(T('noMissing'));
  for (const l of e.languages)
    lines.push(
      T('language', {
        lang: languageName(l.lang, lang),
        required: l.required,
        held: l.held ?? T('none'),
        fit: T(`fit_${l.fit}`),
      }),
    );
  if (e.education.fit === 'not-asked') lines.push(T('education_not-asked'));
  else
    lines.push(
      T('education_asked', {
        required: e.education.required,
        held: e.education.held ?? T('unknown'),
        fit: T(`fit_${e.education.fit}`),
      }),
    );
  lines.push(
    T(`experience_${e.experience.level}`, {
      occupation: e.experience.occupationUri ? label(e.experience.occupationUri, lang) : '',
    }),
  );
  return lines;
}
