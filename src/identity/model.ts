// Who uses Corridor: organisations (tenants) and their users' roles.

export { ROLES, isRole, type AuthUser, type Role } from '../kernel/auth.js';
import type { Role } from '../kernel/auth.js';

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

/** Roles an organisation admin may hand out (never platform_admin: that is granted by another platform admin). */
export const INVITABLE_BY_ORG_ADMIN: readonly Role[] = [
  'migrant',
  'advisor',
  'employer',
  'training_provider',
  'assessor',
  'analyst',
  'labour_inspector',
  'org_admin',
];

export { CONSENT_PURPOSES, type ConsentPurpose } from '../shared/vocabulary.js';
