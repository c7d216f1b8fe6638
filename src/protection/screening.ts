// The vulnerability screening questionnaire, after IOM's Determinants of Migrant Vulnerability model (DoMV, IOM
// Handbook on Protection and Assistance for Migrants Vulnerable to Violence, Exploitation and Abuse, 2019): factors
// at the individual, household/family, community and structural levels, each a risk or a protective factor. The
// model defines no score, so none is computed here: the advisor records each factor and a judgement.
//
// Items marked with an alert are situations that call for an immediate referral: trafficking, forced labour (the
// ILO indicators of forced labour, 2012), violence, a child at risk. The wording of each item lives in the web
// app's protection messages (en/es/fr/ar), so the person reads what is recorded about them in their language.

export const LEVELS = ['individual', 'household', 'community', 'structural'] as const;
export type Level = (typeof LEVELS)[number];

export const FACTORS = ['risk', 'protective', 'neither'] as const;
export type Factor = (typeof FACTORS)[number];

export const ANSWERS = ['yes', 'no', 'unknown', 'declined'] as const;
export type Answer = (typeof ANSWERS)[number];

export const ALERTS = ['trafficking', 'forced-labour', 'violence', 'child-at-risk'] as const;
export type Alert = (typeof ALERTS)[number];

export interface Question {
  code: string;
  level: Level;
  /** The factor a "yes" usually is; the advisor may classify otherwise. */
  yes: Factor;
  /** A "yes" raises this alert (an immediate referral). */
  alert?: Alert;
  /** For forced-labour items: the ILO indicator the item asks about. */
  ilo?: string;
}

export const QUESTIONS: readonly Question[] = [
  // Individual
  { code: 'own-documents', level: 'individual', yes: 'protective' },
  { code: 'regular-status', level: 'individual', yes: 'protective' },
  { code: 'speaks-local-language', level: 'individual', yes: 'protective' },
  { code: 'education-skills', level: 'individual', yes: 'protective' },
  { code: 'health-needs', level: 'individual', yes: 'risk' },
  { code: 'under-18', level: 'individual', yes: 'risk', alert: 'child-at-risk' },
  { code: 'violence-experienced', level: 'individual', yes: 'risk', alert: 'violence' },
  { code: 'own-income', level: 'individual', yes: 'protective' },
  // Household and family
  { code: 'family-support', level: 'household', yes: 'protective' },
  { code: 'dependants-remittances', level: 'household', yes: 'risk' },
  { code: 'family-violence', level: 'household', yes: 'risk', alert: 'violence' },
  { code: 'family-migration-debt', level: 'household', yes: 'risk' },
  { code: 'child-unaccompanied', level: 'household', yes: 'risk', alert: 'child-at-risk' },
  // Community
  { code: 'community-network', level: 'community', yes: 'protective' },
  { code: 'discrimination', level: 'community', yes: 'risk' },
  { code: 'access-services', level: 'community', yes: 'protective' },
  // Structural
  { code: 'access-justice', level: 'structural', yes: 'protective' },
  { code: 'permit-tied-employer', level: 'structural', yes: 'risk' },
  { code: 'unprotected-sector', level: 'structural', yes: 'risk' },
  { code: 'crisis-origin', level: 'structural', yes: 'risk' },
  // Trafficking: recruitment by deception or coercion, moved, and controlled by others (the act, the means, the purpose).
  { code: 'deceived-recruitment', level: 'structural', yes: 'risk', alert: 'trafficking', ilo: 'deception' },
  { code: 'controlled-by-others', level: 'individual', yes: 'risk', alert: 'trafficking' },
  { code: 'sold-or-exchanged', level: 'individual', yes: 'risk', alert: 'trafficking' },
  // ILO indicators of forced labour, as asked of the person's current or last work.
  {
    code: 'documents-withheld',
    level: 'individual',
    yes: 'risk',
    alert: 'forced-labour',
    ilo: 'retention-of-documents',
  },
  {
    code: 'movement-restricted',
    level: 'individual',
    yes: 'risk',
    alert: 'forced-labour',
    ilo: 'restriction-of-movement',
  },
  { code: 'isolated-workplace', level: 'community', yes: 'risk', alert: 'forced-labour', ilo: 'isolation' },
  {
    code: 'threats-intimidation',
    level: 'individual',
    yes: 'risk',
    alert: 'forced-labour',
    ilo: 'intimidation-threats',
  },
  { code: 'wages-withheld', level: 'structural', yes: 'risk', alert: 'forced-labour', ilo: 'withholding-of-wages' },
  { code: 'debt-bondage', level: 'household', yes: 'risk', alert: 'forced-labour', ilo: 'debt-bondage' },
  { code: 'excessive-overtime', level: 'structural', yes: 'risk', alert: 'forced-labour', ilo: 'excessive-overtime' },
  {
    code: 'abusive-conditions',
    level: 'structural',
    yes: 'risk',
    alert: 'forced-labour',
    ilo: 'abusive-working-living-conditions',
  },
  {
    code: 'abuse-of-vulnerability',
    level: 'individual',
    yes: 'risk',
    alert: 'forced-labour',
    ilo: 'abuse-of-vulnerability',
  },
  {
    code: 'physical-sexual-violence-work',
    level: 'individual',
    yes: 'risk',
    alert: 'violence',
    ilo: 'physical-sexual-violence',
  },
];

export const QUESTION_CODES = QUESTIONS.map((q) => q.code);
const BY_CODE = new Map(QUESTIONS.map((q) => [q.code, q]));

export function question(code: string): Question | undefined {
  return BY_CODE.get(code);
}

/** The service category an alert is referred to. */
export const ALERT_CATEGORY: Record<Alert, string> = {
  trafficking: 'anti-trafficking',
  'forced-labour': 'labour-rights',
  violence: 'violence-response',
  'child-at-risk': 'child-protection',
};

/** Alerts raised by a set of answers: a "yes" to an alerting item, in the catalogue's order, each once. */
export function alertsOf(answers: readonly { question: string; answer: string }[]): Alert[] {
  const raised = new Set<Alert>();
  for (const a of answers) {
    const q = BY_CODE.get(a.question);
    if (q?.alert && a.answer === 'yes') raised.add(q.alert);
  }
  return ALERTS.filter((a) => raised.has(a));
}
