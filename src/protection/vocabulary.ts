// Protection's fixed vocabularies, with no dependencies: the server's schemas and the web app's screens both read
// them here (one list, not two).

export const SERVICE_CATEGORIES = [
  'legal-aid',
  'health',
  'psychosocial-support',
  'shelter',
  'language-course',
  'training',
  'anti-trafficking',
  'labour-rights',
  'violence-response',
  'child-protection',
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

/** raised: decided but not yet sent to a service (an alert with no service in the directory yet). */
export const REFERRAL_STATUSES = ['raised', 'sent', 'accepted', 'completed', 'declined'] as const;
export const REFERRAL_SOURCES = ['advisor', 'screening', 'report'] as const;
export const GOAL_STATUSES = ['open', 'done', 'dropped'] as const;
export const GOAL_OWNERS = ['person', 'advisor', 'partner'] as const;
export const OUTCOME_KINDS = [
  'employed',
  'training-started',
  'training-completed',
  'returned',
  'lost-contact',
] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];
