// Who is calling: the roles Corridor knows and the signed-in caller as every capability sees it. Identity owns
// the accounts; these types sit in the kernel so routes, commands and policies need not import identity.

// training_provider: staff of a course provider, who publish their organisation's training offers.
export const ROLES = [
  'migrant',
  'advisor',
  'employer',
  'training_provider',
  'assessor',
  'analyst',
  // Reads the fair-recruitment register (recruiters and vacancies linked to worker-paid fees); writes nothing.
  'labour_inspector',
  'org_admin',
  'platform_admin',
] as const;
export type Role = (typeof ROLES)[number];

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
