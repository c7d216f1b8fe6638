// Who uses Corridor: organisations (tenants) and their users' roles.

// training_provider: staff of a course provider, who publish their organisation's training offers.
export const ROLES = [
  'migrant',
  'advisor',
  'employer',
  'training_provider',
  'assessor',
  'analyst',
  'org_admin',
  'platform_admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_TYPES = [
  'public_employment_service',
  'ngo',
  'employer',
  'training_provider',
  'recruitment_agency',
  'assessment_body',
  'government',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** The signed-in caller as every capability sees it. */
export interface AuthUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  organisationId: string;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Roles an organisation admin may hand out (never platform_admin: that is granted by another platform admin). */
export const INVITABLE_BY_ORG_ADMIN: readonly Role[] = [
  'migrant',
  'advisor',
  'employer',
  'training_provider',
  'assessor',
  'analyst',
  'org_admin',
];

export const CONSENT_PURPOSES = [
  'profiling',
  'matching_with_employers',
  'share_with_organisation',
  'anonymised_statistics',
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
